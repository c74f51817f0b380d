"""The desk's claimant pages: the claimants list (searched by name or alias) and one
claimant with everything the desk asks of it: names, roles over time, its claims by
status, its published verdicts by rating, the anonymous reports attributed to it, the
suggestions naming it, and the history of the desk's changes to it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from claims import selectors as claims_selectors
from claims.claimants import selectors as claimant_selectors
from claims.claimants.linking import fold
from claims.models import (
    AnonymousReport,
    Claim,
    Claimant,
    ClaimantAlias,
    ClaimantChange,
    ClaimantRole,
    ClaimantSuggestion,
    Rating,
)
from claims.types import User
from reviewers.selectors.common import _require_staff

CLAIMANTS_PAGE_SIZE = 50


def desk_claimants(*, viewer: User, q: str = "") -> QuerySet[Claimant]:
    """Claimants (not those merged away), by name; ``q`` finds a part of the name or of an
    alias, case and accents ignored."""
    _require_staff(viewer)
    qs = Claimant.objects.filter(merged_into__isnull=True)
    if q:
        alias = ClaimantAlias.objects.filter(claimant=OuterRef("pk"), key__contains=fold(q))
        qs = qs.filter(Q(display_name__icontains=q) | Exists(alias))
    return qs.order_by("display_name", "id")


def desk_claimants_page(*, viewer: User, q: str = "", number: Any = None) -> Page:
    """Page ``number`` of ``desk_claimants`` (as ``Paginator.get_page``), each with
    ``claim_count``. Two queries: the count, the page (its claims counted per row)."""
    claims = Claim.objects.filter(claimant_ref=OuterRef("pk")).order_by().values("claimant_ref")
    counted = desk_claimants(viewer=viewer, q=q).annotate(
        claim_count=claims.annotate(n=Count("pk")).values("n")[:1]
    )
    page = Paginator(counted, CLAIMANTS_PAGE_SIZE).get_page(number)
    page.object_list = list(page.object_list)
    return page


@dataclass(frozen=True)
class RatingCount:
    rating: Rating
    count: int


@dataclass(frozen=True)
class ClaimantPage:
    """One claimant as the desk sees it (``claimant_page``)."""

    claimant: Claimant
    aliases: list[ClaimantAlias]
    roles: list[ClaimantRole]
    # (status, label, count) for every status, in the workflow's order.
    by_status: list[tuple[str, str, int]]
    # Its published claims by the speaking verdict's rating, in the scale's order.
    by_rating: list[RatingCount]
    # The scale's (worst, best) numeric values, for the rating badges.
    scale: tuple[int, int] | None
    # (state, label, count) of the anonymous reports attributed to it (anonymous only).
    reports: list[tuple[str, str, int]]
    suggestions: list[ClaimantSuggestion]
    history: list[ClaimantChange]

    @property
    def claim_count(self) -> int:
        return sum(count for _, _, count in self.by_status)


def claimant_page(*, viewer: User, pk: int) -> ClaimantPage:
    """Claimant ``pk`` (a tombstone too: the view sends it to its survivor) with the rest.
    Eight queries whatever its size (nine for an anonymous description): the claimant, its
    claims by status, published checks by rating, the ratings, (its reports by state,)
    aliases, roles, open suggestions with their claims and articles, the history with its
    actors and claimants. Raises ``Claimant.DoesNotExist``."""
    _require_staff(viewer)
    claimant = Claimant.objects.get(pk=pk)
    statuses = dict(
        Claim.objects.filter(claimant_ref=claimant)
        .order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
    )
    counts = {
        row["rating"]: row["count"]
        for row in claimant_selectors.counts_by_rating(viewer=viewer, claimant=claimant)
    }
    scale = list(claims_selectors.ratings(viewer=viewer))
    values = sorted(r.value for r in scale if r.value is not None)
    reports: list[tuple[str, str, int]] = []
    if claimant.kind == Claimant.Kind.ANONYMOUS:
        states = dict(
            AnonymousReport.objects.filter(claim__claimant_ref=claimant)
            .order_by()
            .values_list("state")
            .annotate(n=Count("pk"))
        )
        reports = [
            (state, label, states.get(state, 0)) for state, label in AnonymousReport.State.choices
        ]
    return ClaimantPage(
        claimant=claimant,
        aliases=list(claimant.aliases.order_by("name", "id")),
        roles=list(claimant.roles.order_by("-last_seen", "id")),
        by_status=[
            (status, label, statuses.get(status, 0)) for status, label in Claim.Status.choices
        ],
        by_rating=[RatingCount(r, counts[r.slug]) for r in scale if r.slug in counts],
        scale=(values[0], values[-1]) if values else None,
        reports=reports,
        suggestions=list(
            claimant.suggestions.filter(state=ClaimantSuggestion.State.SUGGESTED)
            .select_related("claim__article")
            .order_by("id")
        ),
        history=list(
            ClaimantChange.objects.filter(Q(claimant=claimant) | Q(other=claimant))
            .select_related("actor", "claimant", "other")
            .order_by("-created_at", "-id")
        ),
    )
