"""Reader-facing fact-check pages: the published record only, with ClaimReview embedded."""

from __future__ import annotations

import json

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import SafeString, mark_safe

from claims import selectors
from claims.claimreview import check_slug, claim_review, public_claim_url
from claims.models import Claim


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
    }
    return render(request, "claims/check_detail.html", context)
