"""One shape for a public claim: the dicts the consumer API, the export and the webhooks
send, built here and nowhere else.

They render rows (``claims.selectors.rows``): the list, the detail and the article lookup
render up to hundreds of claims a request, and building model instances to walk them field
by field cost more than the query. ``claims.api.serializers`` declares the same shapes
(the OpenAPI schema) and renders model instances; tests/claims/api/test_rows.py holds the
two to the same bytes for every kind of public claim, and each shape (the tombstone too) to
its serializer's keys, so they cannot drift apart.
"""

from __future__ import annotations

from datetime import datetime, tzinfo

from django.utils import timezone

from claims.claimreview import public_claim_url
from claims.models import Claim, Verdict, statement_of
from claims.selectors import rows


def _moment(value: datetime | None, zone: tzinfo) -> str | None:
    """What ``serializers.DateTimeField()`` makes of ``value`` under the project's DRF
    settings: ISO 8601 in the current time zone ``zone``, UTC written "Z". DRF looks the
    current zone up for every value, which cost more than the rest of a claim's shape; these
    functions look it up once per claim. test_rows.py holds the two to the same bytes."""
    if value is None:
        return None
    text = value.astimezone(zone).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def _article_ref(row: rows.Row, zone: tzinfo) -> dict:
    return {
        "url": row["article__url"],
        "title": row["article__title"],
        "outlet": row["article__outlet"],
        "published_at": _moment(row["article__published_at"], zone),
    }


def _verdict(verdict: rows.Row, zone: tzinfo) -> dict:
    return {
        "rating": verdict["rating__slug"],
        "label": verdict["rating__label"],
        "value": verdict["rating__value"],
        "headline": verdict["headline"],
        "summary": verdict["summary"],
        "published_at": _moment(verdict["published_at"], zone),
        "url": public_claim_url(verdict["claim_id"], verdict["statement"]),
    }


def claim_data(row: rows.Row) -> dict:
    """``ClaimSerializer``'s output for a claim row."""
    zone = timezone.get_current_timezone()
    verdict = rows.public_verdict(row)
    return {
        "id": row["id"],
        "text": row["text"],
        "claim_text": statement_of(row["claim_text"], row["text"]),
        "claimant": row["claimant"],
        "claimant_role": row["claimant_role"],
        "cue": row["cue"],
        "sourcing": row["sourcing"],
        "article": _article_ref(row, zone) if row["article_id"] is not None else None,
        "review_status": "pending" if verdict is None else "published",
        "verdict": None if verdict is None else _verdict(verdict, zone),
        "duplicate_of": row["canonical_id"] if row["status"] == Claim.Status.DUPLICATE else None,
        "updated_at": _moment(row["synced_at"], zone),
    }


def tombstone_data(row: rows.Row) -> dict:
    """``TombstoneSerializer``'s output for the row of a claim that left the public view."""
    zone = timezone.get_current_timezone()
    return {
        "id": row["id"],
        "removed": True,
        "removed_at": _moment(row["removed_at"], zone),
        "reason": row["removed_reason"] or Claim.RemovedReason.UNPUBLISHED,
        "updated_at": _moment(row["synced_at"], zone),
    }


def corroboration_data(row: rows.Row, zone: tzinfo) -> dict | None:
    """``CorroborationSerializer``'s output for a detail row: an anonymous report's state
    in the ledger, since when and its evidence (the claim only while it is public; the
    document cited as the claim's source, by address and title); None for
    any other claim. (What the desk has not yet answered is review detail: not here.)"""
    state = row[f"{rows.REPORT}state"]
    if row["sourcing"] != Claim.Sourcing.ANONYMOUS or state is None:
        return None
    evidence = row[f"{rows.REPORT}evidence_claim_id"]
    source = row[f"{rows.REPORT}evidence_source_id"]
    return {
        "state": state,
        "since": _moment(row[f"{rows.REPORT}since"], zone),
        "evidence": {
            "claim": evidence if evidence and rows.is_public(row, rows.EVIDENCE) else None,
            "verdict": row[f"{rows.REPORT}evidence_verdict_id"],
            "source": None
            if source is None
            else {
                "url": row[f"{rows.REPORT}evidence_source__url"],
                "title": row[f"{rows.REPORT}evidence_source__title"],
            },
        },
    }


def claim_detail_data(row: rows.Row, *, sources: list[rows.Row], revisions: list[rows.Row]):
    """``ClaimDetailSerializer``'s output for a claim row with its cited sources and its
    published revisions (``rows.cited_source_rows`` and ``rows.revision_rows``)."""
    zone = timezone.get_current_timezone()
    data = claim_data(row)
    if data["verdict"] is not None:
        data["verdict"]["rationale"] = rows.public_rationale(row)
    return {
        **data,
        "sources": [
            {
                "url": source["url"],
                "title": source["title"],
                "kind": source["kind"],
                "stance": source["stance"],
            }
            for source in sources
        ],
        "corrections": [
            {
                "rating": revision["rating__slug"],
                "label": revision["rating__label"],
                "value": revision["rating__value"],
                "headline": revision["headline"],
                "published_at": _moment(revision["published_at"], zone),
                "superseded": revision["state"] == Verdict.State.SUPERSEDED,
            }
            for revision in revisions
        ],
        "corroboration": corroboration_data(row, zone),
    }


def article_lookup_data(claims: list[rows.Row]) -> dict:
    """``ArticleLookupSerializer``'s output from the rows of an article's public claims
    (``rows.public_article_rows``, never empty: every row carries the article)."""
    article = _article_ref(claims[0], timezone.get_current_timezone())
    return {**article, "claims": [claim_data(row) for row in claims]}
