"""Reads of claimants for the public record: a claimant is visible exactly when one of its
claims is published (``claims.selectors.PUBLISHED``: its own verdict, or its canonical's for
a duplicate). Each selector owns its query shape; the counts are per speaking verdict's
rating."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from claims import selectors
from claims.claimants.linking import fold
from claims.models import Claim, Claimant, ClaimantAlias
from claims.types import User


def _published_claims_of(claimant: Any) -> QuerySet[Claim]:
    return Claim.objects.filter(selectors.PUBLISHED, claimant_ref=claimant)


def public_claimants(*, viewer: User | None, q: str | None = None) -> QuerySet[Claimant]:
    """Claimants with at least one published check, with ``published_count``, by id. ``q``
    finds a part of the display name or of an alias (case and accents ignored). One query."""
    published = (
        _published_claims_of(OuterRef("pk"))
        .order_by()
        .values("claimant_ref")
        .annotate(n=Count("id"))
        .values("n")
    )
    qs = Claimant.objects.annotate(published_count=Coalesce(Subquery(published), 0)).filter(
        published_count__gt=0
    )
    if q:
        alias = ClaimantAlias.objects.filter(claimant=OuterRef("pk"), key__contains=fold(q))
        qs = qs.filter(Q(display_name__icontains=q) | Exists(alias))
    return qs.order_by("id")


def public_claimant(*, viewer: User | None, pk: int) -> Claimant:
    """Raises ``Claimant.DoesNotExist`` unless it has a published check."""
    return public_claimants(viewer=viewer).get(pk=pk)


def survivor_of(*, viewer: User | None, pk: int) -> int | None:
    """The claimant a merged claimant ``pk`` was merged into (its old links and ids
    resolve there), or None for any other id. One query."""
    return (
        Claimant.objects.filter(pk=pk, merged_into__isnull=False)
        .values_list("merged_into", flat=True)
        .first()
    )


def published_checks(*, viewer: User | None, claimant: Claimant) -> QuerySet[Claim]:
    """The claimant's published claims (``selectors.published_claims``' shape), newest
    verdict first."""
    return (
        selectors.published_claims(viewer=viewer, with_sources=False)
        .filter(claimant_ref=claimant)
        .prefetch_related(None)
        .order_by(F("verdict_published_at").desc(nulls_last=True), "-id")
    )


def counts_by_rating(*, viewer: User | None, claimant: Claimant) -> list[dict]:
    """[{"rating": slug, "count": n}] of its published claims by the speaking verdict's
    rating (a duplicate counts with its canonical's), in the scale's order. One query."""
    own, canonical = "published_verdict__rating__", "canonical__published_verdict__rating__"
    rows = (
        _published_claims_of(claimant)
        .annotate(
            slug=Coalesce(f"{own}slug", f"{canonical}slug"),
            place=Coalesce(f"{own}order", f"{canonical}order"),
        )
        .values("slug", "place")
        .annotate(count=Count("id"))
        .order_by("place", "slug")
    )
    return [{"rating": row["slug"], "count": row["count"]} for row in rows]
