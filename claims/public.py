"""Reader-facing fact-check pages: the published record only, with ClaimReview embedded."""

from __future__ import annotations

import json

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from claims import selectors
from claims.claimants import selectors as claimant_selectors
from claims.claimreview import (
    check_slug,
    claim_review,
    claimant_slug,
    public_claim_url,
    public_claimant_url,
)
from claims.models import Claim, Claimant


def canonical_url(claim: Claim) -> str:
    """The absolute address of the claim's page, under the publisher's site (as the
    ClaimReview ``url``): what search engines and link previews should name, whichever
    host or old slug the page was reached by."""
    return public_claim_url(claim.pk, claim.statement)


# The escapes Django's json_script uses, so claim text cannot close the script element.
_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def embedded_json_ld(data: dict) -> SafeString:
    """JSON for a <script type="application/ld+json"> block, with <, > and & escaped so
    that no claim text can close the script element."""
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(_SCRIPT_ESCAPES))


def check_detail(request: HttpRequest, pk: int, slug: str | None = None) -> HttpResponse:
    try:
        claim = selectors.published_claim(viewer=request.user, pk=pk)
    except Claim.DoesNotExist:
        # The same page whether the claim is missing or not published: nothing of an
        # unpublished claim, not even that it exists, reaches a reader.
        return render(request, "claims/check_missing.html", status=404)
    expected = check_slug(claim.statement)
    if slug != expected:
        return redirect("check-detail", pk=pk, slug=expected, permanent=True)
    scale = selectors.rating_scale(viewer=request.user)
    context = {
        "canonical_url": canonical_url(claim),
        "site_name": settings.FACTCHECK_ORG_NAME,
        "claim": claim,
        "verdict": selectors.public_verdict(claim),
        "revisions": selectors.public_revisions(claim),
        "sources": selectors.cited_sources(claim),
        "json_ld": embedded_json_ld(claim_review(claim, scale=scale)),
        "rating_scale": scale,  # the rating badge's too
        # A published claim's claimant has a published check: its page exists.
        "claimant_slug": claimant_slug(claim.claimant_ref.display_name)
        if claim.claimant_ref_id
        else "",
    }
    return render(request, "claims/check_detail.html", context)


CHECKS_SHOWN = 100


def claimant_detail(request: HttpRequest, pk: int, slug: str | None = None) -> HttpResponse:
    """A claimant with at least one published check: those checks, and how many the desk
    rated each way, with the scale explained. Counts only, never a single score."""
    try:
        claimant = claimant_selectors.public_claimant(viewer=request.user, pk=pk)
    except Claimant.DoesNotExist:
        survivor = claimant_selectors.survivor_of(viewer=request.user, pk=pk)
        if survivor is not None:
            # Merged by the desk: the claimant it was merged into is the page now.
            return redirect("claimant-short", pk=survivor, permanent=True)
        return render(request, "claims/claimant_missing.html", status=404)
    expected = claimant_slug(claimant.display_name)
    if slug != expected:
        return redirect("claimant-detail", pk=pk, slug=expected, permanent=True)
    counts = {
        row["rating"]: row["count"]
        for row in claimant_selectors.counts_by_rating(viewer=request.user, claimant=claimant)
    }
    ratings = list(selectors.ratings(viewer=request.user))
    values = sorted(r.value for r in ratings if r.value is not None)
    checks = list(
        claimant_selectors.published_checks(viewer=request.user, claimant=claimant)[:CHECKS_SHOWN]
    )
    context = {
        "canonical_url": public_claimant_url(claimant.pk, claimant.display_name),
        "site_name": settings.FACTCHECK_ORG_NAME,
        "claimant": claimant,
        # The whole scale (a retired rating only where it was given): what each means.
        "scale": [
            (rating, counts.get(rating.slug, 0))
            for rating in ratings
            if rating.is_active or rating.slug in counts
        ],
        "checks": [
            (
                claim,
                selectors.public_verdict(claim),
                reverse("check-detail", args=[claim.pk, check_slug(claim.statement)]),
            )
            for claim in checks
        ],
        "more": claimant.published_count - len(checks),
        "rating_scale": (values[0], values[-1]) if values else None,
    }
    return render(request, "claims/claimant_detail.html", context)
