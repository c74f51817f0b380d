"""schema.org ``ClaimReview`` JSON-LD for published claims, and the ``DataFeed`` of them.

Follows https://schema.org/ClaimReview and Google's fact-check markup guidance:
``claimReviewed`` is the claim's text, ``reviewRating`` carries the verdict's
``alternateName`` and, only for ratings on the numeric scale, ``ratingValue`` with the
scale's ``bestRating`` / ``worstRating``; ``itemReviewed`` is a ``Claim`` with the claimant as
``author`` and the article as ``appearance``.

The builder works on a claim loaded by ``claims.selectors.published_claim(s)``; it does no
queries of its own.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any
from urllib.parse import urljoin

from django.conf import settings

from claims import selectors
from claims.models import Claim

SCHEMA_CONTEXT = "https://schema.org"


def public_claim_url(claim_id: int) -> str:
    """The reader-facing page of a fact check, under the organisation's site.

    ``/checks/<id>/`` redirects permanently to ``/checks/<id>-<slug>/`` (claims.public).
    """
    return urljoin(settings.FACTCHECK_ORG_URL, f"checks/{claim_id}/")


def organization() -> dict[str, Any]:
    return {
        "@type": "Organization",
        "name": settings.FACTCHECK_ORG_NAME,
        "url": settings.FACTCHECK_ORG_URL,
    }


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


# Words that make a named claimant a body rather than a person ("the health ministry",
# "NATO figures", "the port authority"). Checked as whole words, case-insensitively.
_BODY_WORDS = re.compile(
    r"\b(ministry|department|agency|authority|office|government|council|commission|"
    r"committee|parliament|congress|senate|court|police|army|military|forces|company|"
    r"corporation|inc|ltd|plc|group|bank|university|institute|organi[sz]ation|"
    r"association|union|party|league|federation|board|bureau|service|report|data|"
    r"figures|statistics|survey|study|poll|spokes(?:man|woman|person)s?|sources?|"
    r"officials?|critics|analysts|experts|observers|residents|diplomats)\b",
    re.IGNORECASE,
)


def _claimant(claim: Claim) -> dict[str, Any] | None:
    # A named source is a person or a body we can name; "EU sources" and the like are
    # collective, so Organization is the closer schema.org type for them. An acronym
    # (NATO, WHO) or a body word marks an organization; otherwise a name is a Person.
    if not claim.claimant:
        return None
    name = claim.claimant
    is_body = (
        claim.sourcing != Claim.Sourcing.NAMED
        or _BODY_WORDS.search(name) is not None
        or re.fullmatch(r"(?:the\s+)?[A-Z]{2,}[a-z]?", name.strip()) is not None
    )
    return {"@type": "Organization" if is_body else "Person", "name": name}


def claim_review(
    claim: Claim, *, scale: tuple[int, int] | None, with_context: bool = True
) -> dict[str, Any]:
    """The ClaimReview of a published claim (a duplicate speaks with its canonical's
    verdict). ``scale`` is ``selectors.rating_scale()``: (worst, best)."""
    verdict = selectors.public_verdict(claim)
    if verdict is None:
        raise ValueError(f"Claim {claim.pk} has no published verdict.")
    source = selectors.effective_claim(claim)
    revisions = selectors.public_revisions(claim)
    first_published = revisions[0].published_at if revisions else verdict.published_at

    rating: dict[str, Any] = {"@type": "Rating", "alternateName": verdict.rating.alternate_name}
    if verdict.rating.value is not None and scale is not None:
        rating["ratingValue"] = verdict.rating.value
        rating["worstRating"], rating["bestRating"] = scale

    item: dict[str, Any] = {"@type": "Claim"}
    author = _claimant(claim)
    if author:
        item["author"] = author
    article = claim.article
    if article is not None:
        if article.url:
            appearance: dict[str, Any] = {"@type": "CreativeWork", "url": article.url}
            if article.title:
                appearance["headline"] = article.title
            if article.outlet:
                appearance["publisher"] = {"@type": "Organization", "name": article.outlet}
            item["appearance"] = appearance
        if article.published_at:
            item["datePublished"] = _iso(article.published_at)

    review: dict[str, Any] = {}
    if with_context:
        review["@context"] = SCHEMA_CONTEXT
    review.update(
        {
            "@type": "ClaimReview",
            "url": public_claim_url(source.pk),
            "claimReviewed": claim.text,
            "headline": verdict.headline,
            "reviewBody": verdict.summary,
            "author": organization(),
            "datePublished": _iso(first_published),
            "reviewRating": rating,
            "itemReviewed": item,
        }
    )
    if verdict.published_at and first_published and verdict.published_at > first_published:
        review["dateModified"] = _iso(verdict.published_at)
    return review


def data_feed(
    claims: list[Claim], *, scale: tuple[int, int] | None, modified: datetime | None
) -> dict[str, Any]:
    """A schema.org ``DataFeed`` whose elements are ClaimReviews."""
    feed: dict[str, Any] = {
        "@context": SCHEMA_CONTEXT,
        "@type": "DataFeed",
        "name": f"{settings.FACTCHECK_ORG_NAME}: fact checks",
        "publisher": organization(),
        "dataFeedElement": [claim_review(c, scale=scale, with_context=False) for c in claims],
    }
    if modified is not None:
        feed["dateModified"] = _iso(modified)
    return feed
