"""Suggested contradictions: a named source that says otherwise, or a published verdict
that rates the report false. Each is a ``CorroborationSuggestion`` of kind
``contradiction`` with a ``contra_suggested`` event, answered by the desk as any other
(``suggestions.report_suggestion_accept`` contradicts the report). Nothing is applied
without the desk.

- ``suggest_contradictions``: when a named-sourced claim is created, the open or stale
  reports among the claims the match index finds for it that it denies: alike but for a
  negation, another number or the opposite direction (``claims.matching.score.
  disagreement``). The matcher does not store such pairs as links (a conflict makes them
  another claim), so they are scored here, against the reports only.
- ``suggest_contradictions_by_verdict``: when a verdict is published, the open or stale
  reports that are its claim, a duplicate of it, or joined to it by a confirmed match, if
  its rating says false on the newsroom's own scale (``claims.ratings.says_false``: the
  scale has no "false" field; a value in its false half, below the middle step).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from claims.matching.retrieval import candidate_ids
from claims.matching.score import disagreement
from claims.matching.services import MAX_LINKS
from claims.models import (
    AnonymousReport,
    Claim,
    ClaimEvent,
    ClaimLink,
    CorroborationSuggestion,
    Verdict,
)
from claims.ratings import says_false
from claims.selectors import rating_scale
from claims.workflow import Action

from .states import AWAITING
from .suggestions import confirmation_label, record_suggestion, reports_near

CONTRADICTION = CorroborationSuggestion.Kind.CONTRADICTION


def suggest_contradictions(*, claim: Claim) -> list[CorroborationSuggestion]:
    """Record on each open or stale report the named-sourced ``claim`` denies that it may
    contradict it. A report qualifies when it, or the claim it duplicates, is among the
    index's candidates for ``claim``, comes from another article, and the pair is a
    ``disagreement``; the best ``MAX_LINKS`` (5) of them. Effects, per report: a
    suggestion of kind ``contradiction`` with the score the pair would have if it agreed,
    a ``contra_suggested`` event naming what differs, the report's claim's ``updated_at``
    moved. Two queries when no report is near. Precondition: inside the transaction that
    created ``claim``."""
    if claim.sourcing != Claim.Sourcing.NAMED:
        return []
    ids = candidate_ids(claim.statement, exclude=[claim.pk])
    if not ids:
        return []
    found = []
    for report in reports_near(claim, ids):
        reported = report.claim
        said = reported if reported.pk in ids else reported.canonical
        result = disagreement(claim.statement, said.statement)
        if result is not None:
            found.append((report, result))
    # The best few, as the matcher stores its best few links for a new claim.
    found.sort(key=lambda pair: (-pair[1].score, pair[0].claim_id))
    made = []
    label = confirmation_label(claim, said="said otherwise")
    for report, result in found[:MAX_LINKS]:
        suggestion = record_suggestion(
            report,
            claim,
            kind=CONTRADICTION,
            score=result.score,
            note=f"{label} ({'; '.join(result.reasons[:2])}): {claim.statement[:200]}",
            data={"reasons": list(result.reasons)},
        )
        if suggestion is not None:
            made.append(suggestion)
    return made


def _matched_to(claim: Claim) -> dict[int, float]:
    """The claims ``claim`` speaks for, with how sure: itself and its duplicates (1.0), and
    those joined to it by a confirmed match either way (the link's score)."""
    joined: dict[int, float] = {claim.pk: 1.0}
    links = ClaimLink.objects.filter(Q(claim=claim) | Q(matched=claim)).filter(
        state=ClaimLink.State.CONFIRMED
    )
    for a, b, score in links.values_list("claim_id", "matched_id", "score"):
        other = b if a == claim.pk else a
        joined[other] = max(joined.get(other, 0.0), score)
    for pk in Claim.objects.filter(canonical=claim).values_list("pk", flat=True):
        joined[pk] = 1.0
    return joined


def suggest_contradictions_by_verdict(
    *, claim: Claim, verdict: Verdict
) -> list[CorroborationSuggestion]:
    """Record on each open or stale report that ``claim`` speaks for (``_matched_to``)
    that the published ``verdict``, if its rating says false, may contradict it. Effects,
    per report: a suggestion of kind ``contradiction`` naming the verdict (read with its
    rating), a
    ``contra_suggested`` event ("Rated False on 5 March 2026: headline"), the report's
    claim's ``updated_at`` moved. Precondition: inside the transaction that published it."""
    rating = verdict.rating
    if rating.value is None or not says_false(rating.value, rating_scale(viewer=None)):
        return []
    joined = _matched_to(claim)
    reports = (
        AnonymousReport.objects.filter(state__in=AWAITING, claim_id__in=joined)
        .select_related("claim")
        .order_by("claim_id")
    )
    made = []
    for report in reports:
        suggestion = record_suggestion(
            report,
            claim,
            kind=CONTRADICTION,
            score=joined[report.claim_id],
            verdict=verdict,
            note=f"Rated {rating.label} on claim #{claim.pk}: {verdict.headline[:200]}",
            data={"verdict": verdict.pk, "rating": rating.slug},
        )
        if suggestion is not None:
            made.append(suggestion)
    return made


def on_claim_transitioned(*, claim: Claim, event: ClaimEvent, action: Action, **_: Any) -> None:
    """``claim_transitioned`` receiver (``claims-ledger-verdicts``): a verdict approved
    (published) may contradict the reports its claim speaks for. The event holds the
    verdict as ``verdict_approve`` locked it, with its rating: one query (the scale) for a
    rating that does not say false, none for one off the scale."""
    if action != Action.APPROVE or event.verdict_id is None:
        return
    suggest_contradictions_by_verdict(claim=claim, verdict=event.verdict)
