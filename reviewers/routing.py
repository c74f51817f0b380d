"""Which queue a claim belongs in, by the queues' rules (editable in the admin).

Queues are tried in ``order``; a queue matches when every rule it fills in matches; the
first match wins; with no match the claim goes to the default queue. An empty rule set
matches nothing (only the default queue catches everything).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlsplit

from claims.models import Claim
from reviewers.models import ReviewQueue


def _terms(raw: str) -> list[str]:
    return [t.strip().casefold() for t in re.split(r"[\n,]", raw or "") if t.strip()]


def _contains_any(haystack: str, terms: Iterable[str]) -> bool:
    text = haystack.casefold()
    # Whole words, so "EU" does not match "neutral".
    return any(re.search(rf"(?<!\w){re.escape(term)}(?!\w)", text) for term in terms)


def _domain(url: str | None) -> str:
    return (urlsplit(url).hostname or "") if url else ""


def queue_matches(queue: ReviewQueue, claim: Claim) -> bool:
    checks: list[bool] = []
    if keywords := _terms(queue.keywords):
        checks.append(_contains_any(claim.text, keywords))
    if claimant_terms := _terms(queue.claimant_terms):
        checks.append(_contains_any(claim.claimant or "", claimant_terms))
    if domains := _terms(queue.outlet_domains):
        host = _domain(claim.article.url if claim.article_id else None)
        checks.append(any(host == d or host.endswith("." + d) for d in domains))
    if queue.min_checkworthiness is not None:
        checks.append((claim.checkworthiness or 0.0) >= queue.min_checkworthiness)
    if queue.required_flags:
        checks.append(set(queue.required_flags) <= set(claim.flags or []))
    return bool(checks) and all(checks)


def route(claim: Claim, queues: Iterable[ReviewQueue] | None = None) -> ReviewQueue | None:
    """The queue for ``claim``: first rule match in order, else the default queue."""
    candidates = list(queues if queues is not None else ReviewQueue.objects.filter(is_active=True))
    candidates.sort(key=lambda q: (q.order, q.name))
    for queue in candidates:
        if not queue.is_default and queue_matches(queue, claim):
            return queue
    return next((q for q in candidates if q.is_default), None)
