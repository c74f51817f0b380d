"""schema.org ``ClaimReview`` JSON-LD for published claims, and the ``DataFeed`` of them.

Follows https://schema.org/ClaimReview and Google's fact-check markup guidance:
``claimReviewed`` is the claim's text, ``reviewRating`` carries the verdict's
``alternateName`` and, only for ratings on the numeric scale, ``ratingValue`` with the
scale's ``bestRating`` / ``worstRating``; ``itemReviewed`` is a ``Claim`` with the claimant as
``author`` and the article as ``appearance``.

One builder, ``review_document``, works on ``ReviewFacts``: read off a claim loaded by
``claims.selectors.published_claim(s)`` (``review_facts``) or off a plain row
(``claims.api.rows.review_facts``). Neither reader queries.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from datetime import datetime
from typing import Any, NamedTuple
from urllib.parse import urljoin

from django.conf import settings

from claims import selectors
from claims.models import Claim

SCHEMA_CONTEXT = "https://schema.org"


def public_claim_url(claim_id: int) -> str:
    """The reader-facing page of a fact check, under the organisation's site.

    ``/checks/<id>/`` redirects permanently to ``/checks/<id>-<slug>/`` (claims.public).
    """
    return _checks_url(settings.FACTCHECK_ORG_URL) + f"{claim_id}/"


@functools.lru_cache(maxsize=4)
def _checks_url(site: str) -> str:
    # ``urljoin(site, f"checks/{id}/")`` with the join done once per site: a page of the
    # feed or the list renders up to 200 of these, and urljoin cost more than the rest of
    # a ClaimReview. Keyed by the setting's value, so a changed setting is followed.
    return urljoin(site, "checks/")


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


class ReviewFacts(NamedTuple):
    """What a ClaimReview states about one published claim, flat, whatever it was read from.

    Two readers fill it: ``review_facts`` from a claim loaded as model instances (the public
    page), ``claims.api.rows.review_facts`` from a row of plain columns (the API, where
    building instances for a page of 50 cost several times the query). ``review_document``
    then builds the one document from either, so the two cannot drift apart. A named tuple,
    not a dict: ``_claimant`` reads ``claimant`` and ``sourcing`` as attributes, which a
    ``Claim`` has too.
    """

    text: str
    claimant: str
    sourcing: str
    # The claim whose verdict speaks (the canonical, for a duplicate): the page reviewed.
    check_id: int
    # All None when the claim has no article.
    article_url: str | None
    article_title: str | None
    article_outlet: str | None
    article_published_at: datetime | None
    # The published verdict, and its rating.
    headline: str
    summary: str
    published_at: datetime | None
    alternate_name: str
    rating_value: int | None
    # The oldest published revision's date; None when none is recorded, and the verdict's
    # own ``published_at`` is then the first publication.
    first_published_at: datetime | None


def review_facts(claim: Claim) -> ReviewFacts:
    """The facts of a claim loaded by ``selectors.published_claim(s)`` (a duplicate speaks
    with its canonical's verdict). Raises ``ValueError`` without a published verdict."""
    verdict = selectors.public_verdict(claim)
    if verdict is None:
        raise ValueError(f"Claim {claim.pk} has no published verdict.")
    revisions = selectors.public_revisions(claim)
    article = claim.article
    return ReviewFacts(
        text=claim.text,
        claimant=claim.claimant,
        sourcing=claim.sourcing,
        check_id=selectors.effective_claim(claim).pk,
        article_url=article.url if article is not None else None,
        article_title=article.title if article is not None else None,
        article_outlet=article.outlet if article is not None else None,
        article_published_at=article.published_at if article is not None else None,
        headline=verdict.headline,
        summary=verdict.summary,
        published_at=verdict.published_at,
        alternate_name=verdict.rating.alternate_name,
        rating_value=verdict.rating.value,
        first_published_at=revisions[0].published_at if revisions else None,
    )


def _claimant(claim: Claim | ReviewFacts) -> dict[str, Any] | None:
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


def _item_reviewed(facts: ReviewFacts) -> dict[str, Any]:
    item: dict[str, Any] = {"@type": "Claim"}
    author = _claimant(facts)
    if author:
        item["author"] = author
    if facts.article_url:
        appearance: dict[str, Any] = {"@type": "CreativeWork", "url": facts.article_url}
        if facts.article_title:
            appearance["headline"] = facts.article_title
        if facts.article_outlet:
            appearance["publisher"] = {"@type": "Organization", "name": facts.article_outlet}
        item["appearance"] = appearance
    if facts.article_published_at:
        item["datePublished"] = _iso(facts.article_published_at)
    return item


def review_document(
    facts: ReviewFacts, *, scale: tuple[int, int] | None, with_context: bool = True
) -> dict[str, Any]:
    """The ClaimReview stating ``facts``. ``scale`` is ``selectors.rating_scale()``:
    (worst, best)."""
    first_published = facts.first_published_at
    if first_published is None:
        first_published = facts.published_at

    rating: dict[str, Any] = {"@type": "Rating", "alternateName": facts.alternate_name}
    if facts.rating_value is not None and scale is not None:
        rating["ratingValue"] = facts.rating_value
        rating["worstRating"], rating["bestRating"] = scale

    review: dict[str, Any] = {}
    if with_context:
        review["@context"] = SCHEMA_CONTEXT
    review.update(
        {
            "@type": "ClaimReview",
            "url": public_claim_url(facts.check_id),
            "claimReviewed": facts.text,
            "headline": facts.headline,
            "reviewBody": facts.summary,
            "author": organization(),
            "datePublished": _iso(first_published),
            "reviewRating": rating,
            "itemReviewed": _item_reviewed(facts),
        }
    )
    if facts.published_at and first_published and facts.published_at > first_published:
        review["dateModified"] = _iso(facts.published_at)
    return review


def claim_review(
    claim: Claim, *, scale: tuple[int, int] | None, with_context: bool = True
) -> dict[str, Any]:
    """The ClaimReview of a published claim loaded as model instances (see
    ``review_facts``)."""
    return review_document(review_facts(claim), scale=scale, with_context=with_context)


def data_feed(
    reviews: Iterable[ReviewFacts], *, scale: tuple[int, int] | None, modified: datetime | None
) -> dict[str, Any]:
    """A schema.org ``DataFeed`` whose elements are the ClaimReviews stating ``reviews``."""
    feed: dict[str, Any] = {
        "@context": SCHEMA_CONTEXT,
        "@type": "DataFeed",
        "name": f"{settings.FACTCHECK_ORG_NAME}: fact checks",
        "publisher": organization(),
        "dataFeedElement": [
            review_document(facts, scale=scale, with_context=False) for facts in reviews
        ],
    }
    if modified is not None:
        feed["dateModified"] = _iso(modified)
    return feed
