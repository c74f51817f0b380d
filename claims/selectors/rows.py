"""The public record as plain rows: the querysets of ``claims.selectors``, projected to the
columns the public shapes render (``claims.shapes.claim_data`` and its kin).

Building model instances (a claim, its article, two verdicts, two ratings, its canonical)
and walking them with serializer fields cost several times the query itself; a row of just
the columns a claim shows does not. What is public stays decided by ``claims.selectors``'
querysets: every function here starts from one of them or repeats one of their query
shapes (noted where it does).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models import F, OuterRef, QuerySet, Subquery

from claims import selectors
from claims.claimreview import ReviewFacts
from claims.models import Claim, SourceLink, Verdict, same_as, statement_of
from claims.types import User

Row = dict[str, Any]

_VERDICT = (
    "claim_id",
    "headline",
    "summary",
    "published_at",
    "rating__slug",
    "rating__label",
    "rating__value",
)
OWN = ""
CANONICAL = "canonical__"

_CLAIM_OWN = (
    "id",
    "text",
    "claim_text",
    "claimant",
    "claimant_role",
    "cue",
    "sourcing",
    "status",
    "canonical_id",
    "synced_at",
    "article__url",
    "article__title",
    "article__outlet",
    "article__published_at",
)


def _columns(own: tuple[str, ...], verdict: tuple[str, ...]) -> tuple[str, ...]:
    """``own`` plus, for both verdicts a claim can speak with (its own, or its canonical's
    for a duplicate: see ``speaker``), the verdict's id and ``verdict`` fields."""
    return (
        *own,
        *(
            column
            for claim in (OWN, CANONICAL)
            for column in (
                f"{claim}published_verdict_id",
                *(f"{claim}published_verdict__{field}" for field in verdict),
            )
        ),
    )


# What a claim renders: its own columns, its article's (and its id), both verdicts, and
# its tombstone's (the change feed lists a claim that left the public view as removed);
# and the verdict's stored date, the position of the list's verdict orders' cursor.
CLAIM_COLUMNS = _columns(
    (
        *_CLAIM_OWN,
        "article_id",
        "removed_at",
        "removed_reason",
        "verdict_published_at",
        # the canonical's statement names the page of a duplicate's verdict
        "canonical__text",
        "canonical__claim_text",
    ),
    _VERDICT,
)


def speaker(row: Row) -> str:
    """The prefix of the claim whose verdict speaks for this one (``CANONICAL`` for a
    duplicate, as ``selectors.effective_claim``; else ``OWN``)."""
    if row["status"] == Claim.Status.DUPLICATE and row["canonical_id"] is not None:
        return CANONICAL
    return OWN


def is_public(row: Row, claim: str = OWN) -> bool:
    """``selectors.PUBLIC`` for a claim row (``selectors.is_public`` for a loaded claim);
    a row of ``public_claims(with_removed=True)`` that is not public is a tombstone.
    ``claim``: the prefix of the claim asked about (``EVIDENCE``: the report's evidence)."""
    if row[f"{claim}published_verdict_id"] is not None:
        return True
    if row[f"{claim}status"] == Claim.Status.DUPLICATE:
        return row[f"{claim}canonical__published_verdict_id"] is not None
    return row[f"{claim}status"] in selectors.PENDING_STATUSES


def public_verdict(row: Row) -> Row | None:
    """The speaking verdict's columns without their prefix, or None if none is published
    (as ``selectors.public_verdict``)."""
    claim = speaker(row)
    if row[f"{claim}published_verdict_id"] is None:
        return None
    verdict = {field: row[f"{claim}published_verdict__{field}"] for field in _VERDICT}
    # The statement of the claim the verdict belongs to: its page's canonical address.
    verdict["statement"] = statement_of(row[f"{claim}claim_text"], row[f"{claim}text"])
    return verdict


# An anonymous report's place in the ledger (``claims.models.AnonymousReport``, null for
# any other claim), and what its evidence claim's visibility needs: the detail names that
# claim only while it is public itself.
REPORT = "anonymous_report__"
EVIDENCE = f"{REPORT}evidence_claim__"
_CORROBORATION = (
    f"{REPORT}state",
    f"{REPORT}since",
    f"{REPORT}evidence_claim_id",
    f"{REPORT}evidence_verdict_id",
    f"{REPORT}evidence_source_id",
    f"{REPORT}evidence_source__url",
    f"{REPORT}evidence_source__title",
    f"{EVIDENCE}status",
    f"{EVIDENCE}published_verdict_id",
    f"{EVIDENCE}canonical__published_verdict_id",
)
# A claim's detail adds the speaking verdict's rationale (``public_rationale``): long text,
# so not loaded for lists, which do not show it; and its corroboration (four joins on
# primary keys).
CLAIM_DETAIL_COLUMNS = (
    *CLAIM_COLUMNS,
    *(f"{claim}published_verdict__rationale" for claim in (OWN, CANONICAL)),
    *_CORROBORATION,
)


def public_rationale(row: Row) -> str:
    """The speaking verdict's rationale, from a ``public_claim_row`` that has a published
    verdict."""
    return row[f"{speaker(row)}published_verdict__rationale"]


def claim_rows(claims, *, detail: bool = False):
    """Project a queryset of ``selectors.public_claims`` to claim rows (still lazy, so the
    paginator can slice it); with ``detail``, the detail's columns (``CLAIM_DETAIL_COLUMNS``)."""
    if not detail:
        return claims.values(*CLAIM_COLUMNS)
    return claims.values(*CLAIM_DETAIL_COLUMNS)


def public_claim_row(*, viewer: User | None, pk: int) -> Row:
    """One public claim's row as its detail shows it (``CLAIM_DETAIL_COLUMNS``). Raises
    ``Claim.DoesNotExist`` if hidden (as ``selectors.public_claim``, whose visibility
    ``public_claims`` shares)."""
    return claim_rows(selectors.public_claims(viewer=viewer), detail=True).get(pk=pk)


def tombstone_row(*, pk: int) -> Row | None:
    """The row of a claim that left the public view, or None if it is public or never was
    (the change feed's query, ``public_claims(with_removed=True)``, for one claim)."""
    row = claim_rows(selectors.public_claims(viewer=None, with_removed=True)).filter(pk=pk).first()
    return row if row is not None and not is_public(row) else None


def public_article_rows(*, viewer: User | None, url: str) -> list[Row]:
    """The public claims of the article at this (normalized, unique) URL, in reading order,
    with the article's ``updated_at``: one query, the article's columns coming with every
    claim. Empty when the article is unknown or has no public claim, the two cases
    ``selectors.public_article`` hides; its claim order is repeated here."""
    claims = selectors.public_claims(viewer=viewer, article_url=url).order_by(
        F("span_start").asc(nulls_last=True), "id"
    )
    return list(claims.values(*CLAIM_COLUMNS, "article__updated_at"))


def _published_revisions(**claim: Any) -> QuerySet[Verdict]:
    """Published revisions, oldest first (the shape of the revisions prefetch of
    ``selectors._with_record``), of the claim(s) ``claim`` selects (``claim_id=`` an id or
    an ``OuterRef``, or ``claim_id__in=``)."""
    return Verdict.objects.filter(
        state__in=selectors.PUBLIC_REVISION_STATES, published_at__isnull=False, **claim
    ).order_by("published_at", "version")


_REVISION = ("rating__slug", "rating__label", "rating__value", "headline", "published_at", "state")
_SOURCE = ("url", "title", "kind", "stance")


def _speaking_claim_id(row: Row) -> int:
    return row["canonical_id"] if speaker(row) == CANONICAL else row["id"]


def _speaking_verdict_id(row: Row) -> int | None:
    return row[f"{speaker(row)}published_verdict_id"]


def revision_rows(row: Row) -> list[Row]:
    """The corrections log of a claim row, oldest first: the speaking claim's published
    revisions."""
    return list(_published_revisions(claim_id=_speaking_claim_id(row)).values(*_REVISION))


def cited_source_rows(row: Row) -> list[Row]:
    """The sources the speaking verdict cites, in the order they were added (as the
    cited-sources prefetch of ``selectors._with_record``); none, and no query, while no
    verdict is published."""
    verdict_id = _speaking_verdict_id(row)
    if verdict_id is None:
        return []
    return list(
        SourceLink.objects.filter(cited_by=verdict_id).order_by("added_at", "id").values(*_SOURCE)
    )


def detail_extras(found: list[Row]) -> tuple[dict[int, list[Row]], dict[int, list[Row]]]:
    """``cited_source_rows`` and ``revision_rows`` of many public claim rows at once, in at
    most two statements whatever their number (none without a row that needs one), for the
    export's chunks: the sources keyed by speaking verdict id, the revisions by speaking
    claim id. Read them with ``sources_of`` and ``revisions_of``."""
    verdict_ids = {v for row in found if (v := _speaking_verdict_id(row)) is not None}
    claim_ids = {_speaking_claim_id(row) for row in found}
    sources: dict[int, list[Row]] = defaultdict(list)
    if verdict_ids:
        for source in (
            SourceLink.objects.filter(cited_by__in=verdict_ids)
            .order_by("added_at", "id")
            .values("cited_by", *_SOURCE)
        ):
            sources[source.pop("cited_by")].append(source)
    revisions: dict[int, list[Row]] = defaultdict(list)
    if claim_ids:
        for revision in (
            _published_revisions(claim_id__in=claim_ids)
            .order_by("claim_id", "published_at", "version")
            .values("claim_id", *_REVISION)
        ):
            revisions[revision.pop("claim_id")].append(revision)
    return sources, revisions


def sources_of(row: Row, sources: dict[int, list[Row]]) -> list[Row]:
    verdict_id = _speaking_verdict_id(row)
    return [] if verdict_id is None else sources.get(verdict_id, [])


def revisions_of(row: Row, revisions: dict[int, list[Row]]) -> list[Row]:
    return revisions.get(_speaking_claim_id(row), [])


# --- ClaimReview (claims.claimreview) -----------------------------------------------------

_REVIEWED_VERDICT = (
    "headline",
    "summary",
    "published_at",
    "rating__alternate_name",
    "rating__value",
)
# What a ClaimReview states of a claim (``claims.claimreview.ReviewFacts``): its own columns,
# its article's, both verdicts it can speak with, and both first publication dates
# (annotations, see ``review_rows``). A page of them is one statement: no revisions
# prefetch, no instances. The canonical's sentence and claim text name its page (the ``url``
# of a duplicate's review); the claim's first sighting and its article's language fill
# ``itemReviewed``.
REVIEW_COLUMNS = _columns(
    (
        *_CLAIM_OWN,
        "canonical__text",
        "canonical__claim_text",
        "created_at",
        "article__language",
        "claimant_ref__wikidata_qid",
        "claimant_ref__website",
    ),
    _REVIEWED_VERDICT,
)
_FIRST_PUBLISHED = {OWN: "first_published_at", CANONICAL: "canonical_first_published_at"}


def review_rows(claims: QuerySet[Claim]):
    """Project a queryset of ``selectors.published_claims`` to ClaimReview rows (still lazy,
    so the paginator can slice it). Its prefetches give way to two correlated subqueries:
    the first publication date of the claim and of its canonical, the date
    ``selectors.public_revisions(claim)[0]`` would give."""
    first_published = {
        _FIRST_PUBLISHED[OWN]: _first_published_at(OuterRef("pk")),
        _FIRST_PUBLISHED[CANONICAL]: _first_published_at(OuterRef("canonical_id")),
    }
    return claims.prefetch_related(None).values(*REVIEW_COLUMNS, **first_published)


def _first_published_at(claim_id: OuterRef) -> Subquery:
    return Subquery(_published_revisions(claim_id=claim_id).values("published_at")[:1])


def published_review_row(*, viewer: User | None, pk: int) -> Row:
    """One published claim's ClaimReview row. Raises ``Claim.DoesNotExist`` unless it is
    published (as ``selectors.published_claim``)."""
    return review_rows(selectors.published_claims(viewer=viewer, with_sources=False)).get(pk=pk)


def review_facts(row: Row) -> ReviewFacts:
    """What the ClaimReview of a ``review_rows`` row states (as ``claimreview.review_facts``
    reads it off a loaded claim). Raises ``ValueError`` if the speaking verdict is not
    published."""
    claim = speaker(row)
    if row[f"{claim}published_verdict_id"] is None:
        raise ValueError(f"Claim {row['id']} has no published verdict.")
    verdict = f"{claim}published_verdict__"
    statement = statement_of(row["claim_text"], row["text"])
    return ReviewFacts(
        statement=statement,
        claim_id=row["id"],
        first_seen_at=row["created_at"],
        claimant=row["claimant"],
        claimant_role=row["claimant_role"],
        sourcing=row["sourcing"],
        check_id=row["canonical_id"] if claim == CANONICAL else row["id"],
        check_statement=(
            statement_of(row["canonical__claim_text"], row["canonical__text"])
            if claim == CANONICAL
            else statement
        ),
        article_url=row["article__url"],
        article_title=row["article__title"],
        article_outlet=row["article__outlet"],
        article_published_at=row["article__published_at"],
        article_language=row["article__language"],
        headline=row[f"{verdict}headline"],
        summary=row[f"{verdict}summary"],
        published_at=row[f"{verdict}published_at"],
        alternate_name=row[f"{verdict}rating__alternate_name"],
        rating_value=row[f"{verdict}rating__value"],
        first_published_at=row[_FIRST_PUBLISHED[claim]],
        claimant_same_as=tuple(
            same_as(row["claimant_ref__wikidata_qid"] or "", row["claimant_ref__website"] or "")
        ),
    )
