"""schema.org ``ClaimReview`` JSON-LD for published claims, and the ``DataFeed`` of them.

Follows https://schema.org/ClaimReview and Google's fact-check markup guidance:
``claimReviewed`` is the claim text (``Claim.statement``: the statement without its
attribution frame), ``reviewRating`` carries the verdict's ``alternateName`` and, only for
ratings on the numeric scale, ``ratingValue`` with the scale's ``bestRating`` /
``worstRating``; ``itemReviewed`` is a ``Claim`` with the claimant as ``author`` (a
``Person`` with its role as ``jobTitle``, or an ``Organization``: ``claimant_author``), the
article as ``appearance`` (and ``firstAppearance``, unless the claim repeats one checked
before), the article's language as ``inLanguage``, and as ``datePublished`` the article's
date or, without one, when the desk first saw the claim.

One builder, ``review_document``, works on ``ReviewFacts``: read off a claim loaded by
``claims.selectors.published_claim(s)`` (``review_facts``) or off a plain row
(``claims.selectors.rows.review_facts``). Neither reader queries.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from datetime import datetime
from typing import Any, NamedTuple
from urllib.parse import urljoin

from django.conf import settings
from django.utils.text import slugify

from claims import selectors
from claims.models import Claim

SCHEMA_CONTEXT = "https://schema.org"


def check_slug(text: str) -> str:
    """The slug of a fact check's page, from the claim's ``statement`` (a page whose slug
    was made from its sentence before claim texts existed redirects to the new one)."""
    return slugify(text)[:60].strip("-") or "claim"


def public_claim_url(claim_id: int, statement: str | None = None) -> str:
    """The reader-facing page of a fact check, under the organisation's site.

    With the claim's ``statement``, the canonical address ``/checks/<id>-<slug>/`` (the
    ClaimReview ``url``, the page's ``rel=canonical``); without it, the short
    ``/checks/<id>/``, which redirects permanently there (claims.public).
    """
    if statement is None:
        return _checks_url(settings.FACTCHECK_ORG_URL) + f"{claim_id}/"
    return _checks_url(settings.FACTCHECK_ORG_URL) + f"{claim_id}-{check_slug(statement)}/"


def claimant_slug(name: str) -> str:
    """The slug of a claimant's public page, from its display name."""
    return slugify(name)[:60].strip("-") or "claimant"


def public_claimant_url(claimant_id: int, name: str) -> str:
    """The reader-facing page of a claimant with published checks, under the
    organisation's site: ``/claimants/<id>-<slug>/`` (``/claimants/<id>/`` and an old
    slug redirect permanently there, claims.public)."""
    return urljoin(settings.FACTCHECK_ORG_URL, f"claimants/{claimant_id}-{claimant_slug(name)}/")


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


# Words that make a claimant a body rather than a person ("the health ministry", "Human
# Rights Watch", "Deutsche Bank"). Checked as whole words, case-insensitively, in the name
# part of a claimant (see ``looks_like_person``).
_ORGANIZATION_WORDS = re.compile(
    r"\b(ministry|department|agency|authority|office|government|administration|council|"
    r"commission|committee|parliament|congress|senate|assembly|court|tribunal|police|army|"
    r"navy|military|forces|command|embassy|secretariat|cabinet|kremlin|pentagon|house|"
    r"palace|street|company|corporation|corp|inc|ltd|llc|plc|gmbh|group|holdings|bank|fund|"
    r"foundation|trust|university|college|school|hospital|institute|cent(?:er|re)|"
    r"organi[sz]ation|association|society|union|party|league|federation|alliance|"
    r"coalition|movement|board|bureau|service|network|news|press|times|post|journal|media|"
    r"radio|television|tv|watch|international|airlines|airways|technologies|systems|"
    r"laboratories|labs|pharmaceuticals|report|data|figures|statistics|survey|study|poll)\b",
    re.IGNORECASE,
)
# Lower-case words inside a personal name ("Ursula von der Leyen", "Ana de la Cruz").
_NAME_PARTICLES = frozenset(
    {"al", "bin", "bint", "da", "das", "de", "del", "della", "der", "di", "do", "dos", "du"}
    | {"el", "ibn", "la", "le", "ter", "ten", "van", "von", "y"}
)
# A word before which the capitalised words that follow name a body's part, not a person
# ("Ministry of Foreign Affairs", "University of Seville", "Bank of England").
_JOINERS = frozenset({"of", "for", "at", "in", "on", "and", "&"})
_INITIALS = re.compile(r"(?:[^\W\d_]\.){1,3}")


def _name_word(word: str) -> bool:
    """A capitalised word of a personal name: "Ines", "O'Brien", "Jean-Luc", "J." (not an
    acronym such as "NATO", not a number)."""
    if _INITIALS.fullmatch(word):
        return word[0].isupper()
    return (
        word[0].isupper()
        and any(c.islower() for c in word)
        and all(c.isalpha() or c in "-'’." for c in word)
    )


def looks_like_person(claimant: str) -> bool:
    """Whether a named claimant reads as a person: it does not start with "the", and it
    ends in a personal name: two to four capitalised words (particles such as "von der"
    allowed inside), none of them an organisation word, not after "of", "for"... (which
    names a part of a body: "Ministry of Foreign Affairs"). Title words before the name are
    allowed, capitalised or not: rows stored before claimant and role were split hold
    "Foreign Minister Sergei Lavrov" or "transport director Ines Varga".

    A heuristic: a two-word body without an organisation word ("Goldman Sachs") reads as a
    person, and a person named by one word ("Medvedev") as a body."""
    words = claimant.replace(",", " ").split()
    if not words or words[0].casefold() == "the":
        return False
    name: list[str] = []
    for word in reversed(words):
        if _name_word(word) or (name and word in _NAME_PARTICLES):
            name.insert(0, word)
        else:
            break
    while name and name[0] in _NAME_PARTICLES:
        name.pop(0)
    capitalised = [word for word in name if word not in _NAME_PARTICLES]
    before = words[len(words) - len(name) - 1].casefold() if len(name) < len(words) else ""
    # More than four capitalised words: title words run into the name ("Deputy Prime
    # Minister Ines Varga"); they are allowed, and checked for organisation words too.
    return (
        len(capitalised) >= 2
        and _ORGANIZATION_WORDS.search(" ".join(name)) is None
        and before not in _JOINERS
    )


def claimant_author(
    *, claimant: str, claimant_role: str, sourcing: str, same_as: tuple[str, ...] = ()
) -> dict[str, Any] | None:
    """ClaimReview ``itemReviewed.author`` for a claimant, or None without one.

    A named claimant that reads as a person (``looks_like_person``) is a ``Person``, with
    its role ("transport director") as ``jobTitle`` when there is one. Anything else is an
    ``Organization`` named as stored: a body ("the European Commission"), or an anonymous
    source, which keeps its description ("EU sources") as its name: collective, so
    Organization is the closer schema.org type.

    ``same_as``: the identifiers the desk entered for the claimant's record (a Wikidata
    item's address, a website), given as ``sameAs`` when there are any.
    """
    if not claimant:
        return None
    if sourcing == Claim.Sourcing.NAMED and looks_like_person(claimant):
        author: dict[str, Any] = {"@type": "Person", "name": claimant}
        if claimant_role:
            author["jobTitle"] = claimant_role
    else:
        author = {"@type": "Organization", "name": claimant}
    if same_as:
        author["sameAs"] = list(same_as) if len(same_as) > 1 else same_as[0]
    return author


class ReviewFacts(NamedTuple):
    """What a ClaimReview states about one published claim, flat, whatever it was read from.

    Two readers fill it: ``review_facts`` from a claim loaded as model instances (the public
    page), ``claims.selectors.rows.review_facts`` from a row of plain columns (the API, where
    building instances for a page of 50 cost several times the query). ``review_document``
    then builds the one document from either, so the two cannot drift apart.
    """

    # ``Claim.statement``: the claim text, what ``claimReviewed`` states.
    statement: str
    claim_id: int
    # When the desk first saw the claim: its date when the article gives none.
    first_seen_at: datetime | None
    claimant: str
    claimant_role: str
    sourcing: str
    # The claim whose verdict speaks (the canonical, for a duplicate): the page reviewed,
    # and its statement, which names that page (``check_slug``).
    check_id: int
    check_statement: str
    # All None when the claim has no article.
    article_url: str | None
    article_title: str | None
    article_outlet: str | None
    article_published_at: datetime | None
    # BCP 47 ("en", "pt-br"), declared by the page or detected at ingestion; blank unknown.
    article_language: str | None
    # The published verdict, and its rating.
    headline: str
    summary: str
    published_at: datetime | None
    alternate_name: str
    rating_value: int | None
    # The oldest published revision's date; None when none is recorded, and the verdict's
    # own ``published_at`` is then the first publication.
    first_published_at: datetime | None
    # The claimant record's identifiers as addresses (``Claimant.same_as``); none unknown.
    claimant_same_as: tuple[str, ...] = ()


def review_facts(claim: Claim) -> ReviewFacts:
    """The facts of a claim loaded by ``selectors.published_claim(s)`` (a duplicate speaks
    with its canonical's verdict). Raises ``ValueError`` without a published verdict."""
    verdict = selectors.public_verdict(claim)
    if verdict is None:
        raise ValueError(f"Claim {claim.pk} has no published verdict.")
    revisions = selectors.public_revisions(claim)
    article = claim.article
    speaker = selectors.effective_claim(claim)
    return ReviewFacts(
        statement=claim.statement,
        claim_id=claim.pk,
        first_seen_at=claim.created_at,
        claimant=claim.claimant,
        claimant_role=claim.claimant_role,
        sourcing=claim.sourcing,
        check_id=speaker.pk,
        check_statement=speaker.statement,
        article_url=article.url if article is not None else None,
        article_title=article.title if article is not None else None,
        article_outlet=article.outlet if article is not None else None,
        article_published_at=article.published_at if article is not None else None,
        article_language=article.language if article is not None else None,
        headline=verdict.headline,
        summary=verdict.summary,
        published_at=verdict.published_at,
        alternate_name=verdict.rating.alternate_name,
        rating_value=verdict.rating.value,
        first_published_at=revisions[0].published_at if revisions else None,
        claimant_same_as=tuple(claim.claimant_ref.same_as) if claim.claimant_ref else (),
    )


def _item_reviewed(facts: ReviewFacts) -> dict[str, Any]:
    item: dict[str, Any] = {"@type": "Claim"}
    author = claimant_author(
        claimant=facts.claimant,
        claimant_role=facts.claimant_role,
        sourcing=facts.sourcing,
        same_as=facts.claimant_same_as,
    )
    if author:
        item["author"] = author
    if facts.article_url:
        appearance: dict[str, Any] = {"@type": "CreativeWork", "url": facts.article_url}
        if facts.article_title:
            appearance["headline"] = facts.article_title
        if facts.article_outlet:
            appearance["publisher"] = {"@type": "Organization", "name": facts.article_outlet}
        if facts.article_published_at:
            appearance["datePublished"] = _iso(facts.article_published_at)
        item["appearance"] = appearance
        # A claim merged into one checked before repeats it: its article is not where the
        # claim first appeared. Otherwise it is the first appearance the desk knows of.
        if facts.check_id == facts.claim_id:
            item["firstAppearance"] = appearance
    if facts.article_language:
        item["inLanguage"] = facts.article_language
    # When the claim entered public discourse: the article's date, or no later than the
    # desk first saw it.
    made = facts.article_published_at or facts.first_seen_at
    if made:
        item["datePublished"] = _iso(made)
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
            "url": public_claim_url(facts.check_id, facts.check_statement),
            "claimReviewed": facts.statement,
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
