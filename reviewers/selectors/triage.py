"""Triage: the candidates and their best suggested matches."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import F, QuerySet

from claims.models import Claim, ClaimLink
from claims.selectors import text_search
from claims.types import User
from reviewers.selectors.common import _require_staff


def triage_suggestions(*, viewer: User, claim_ids: Iterable[int]) -> dict[int, ClaimLink]:
    """For each of ``claim_ids``, its best match still waiting for a decision: the
    suggested link from that claim (the claim repeats ``link.matched``) with the highest
    score, with the matched claim loaded and ``merge_into``, the claim a merge would make
    it a duplicate of. Claims without one are left out.

    One query for the whole page (a claim has at most ``claims.matching.services.MAX_LINKS``
    links). A match with a dismissed claim is skipped: a claim cannot be merged into it.
    """
    _require_staff(viewer)
    best: dict[int, ClaimLink] = {}
    links = (
        ClaimLink.objects.filter(claim_id__in=list(claim_ids), state=ClaimLink.State.SUGGESTED)
        .exclude(matched__status=Claim.Status.DISMISSED)
        .select_related("matched")
        .order_by("claim_id", "-score", "id")
    )
    for link in links:
        if link.claim_id not in best:
            # Merging into a duplicate merges into its canonical (no chains): say which.
            link.merge_into = link.matched.canonical_id or link.matched_id
            best[link.claim_id] = link
    return best


# --- the triage page -----------------------------------------------------------------------

TRIAGE_PAGE_SIZE = 50


@dataclass(frozen=True)
class TriageFilters:
    """What the triage list is narrowed to; every field optional (the URL's query)."""

    q: str = ""  # in the sentence, claim text, claimant or their role
    min_score: float | None = None  # check-worthiness at least this
    sourcing: str = ""
    article: int | None = None


def triage_candidates(*, viewer: User, filters: TriageFilters = TriageFilters()) -> QuerySet[Claim]:
    """Candidates matching ``filters`` with their articles, most check-worthy first (the
    unscored last), then first in. Not read yet: the page is cut by ``triage_page``."""
    _require_staff(viewer)
    f = filters
    claims = Claim.objects.filter(status=Claim.Status.CANDIDATE).select_related("article")
    if f.q:
        claims = claims.filter(text_search(f.q))
    if f.min_score is not None:
        claims = claims.filter(checkworthiness__gte=f.min_score)
    if f.sourcing:
        claims = claims.filter(sourcing=f.sourcing)
    if f.article:
        claims = claims.filter(article_id=f.article)
    return claims.order_by(F("checkworthiness").desc(nulls_last=True), "id")


@dataclass(frozen=True)
class TriagePage:
    """A page of the triage list (its ``object_list`` read: a list of claims) and, per
    claim of it that has one, its best suggested match (``triage_suggestions``)."""

    page: Page
    suggestions: dict[int, ClaimLink]


def triage_page(
    *,
    viewer: User,
    filters: TriageFilters = TriageFilters(),
    number: Any = None,
    size: int = TRIAGE_PAGE_SIZE,
) -> TriagePage:
    """Page ``number`` of the candidates (as ``Paginator.get_page``: the last page for a
    number past it, the first for anything else that is not one). Three queries: the
    count, the page's claims with their articles, their suggestions."""
    page = Paginator(triage_candidates(viewer=viewer, filters=filters), size).get_page(number)
    page.object_list = list(page.object_list)
    suggestions = triage_suggestions(viewer=viewer, claim_ids={c.pk for c in page.object_list})
    return TriagePage(page=page, suggestions=suggestions)
