"""Read queries for the public record, shared by the API (and, later, public pages).

Each selector takes the viewer and owns its ``select_related`` / ``prefetch_related``, so
the number of queries a page costs is fixed here, whatever the page size.

What the public record shows (the same for every viewer of the consumer API; the internal
record, with drafts and assignees, belongs to the staff endpoints):

- **published**: a claim with a published verdict, including a reopened claim under
  re-review (its verdict stays public until a new one is approved), and a duplicate whose
  canonical claim is published, reported with the canonical's verdict.
- **pending**: a claim the desk has triaged for checking (queued, in review, pending
  approval) and that has no published verdict yet. Only what the article itself says is
  shown (text, claimant, sourcing, article); nothing of the review: no draft, rating, note,
  assignee or reviewer.
- **hidden** (404, as if it did not exist): untriaged candidates (the pipeline's raw output,
  many of which are dismissed), dismissed claims, and duplicates of unpublished claims.
- **removed** (a tombstone in the change feed, 404 otherwise): a hidden claim that was
  public before (``Claim.removed_at``, set by ``claims.workflow`` when a step hid it: today
  a queued claim merged into a claim that is not published). The feed says only that it
  left, when and why, so a mirror can drop it; nothing else about it.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Sequence
from datetime import datetime

from django.db.models import Exists, F, Max, OuterRef, Prefetch, Q, QuerySet

from claims.models import Article, Claim, Rating, SourceLink, Verdict
from claims.types import User

PENDING_STATUSES = (Claim.Status.QUEUED, Claim.Status.IN_REVIEW, Claim.Status.PENDING_APPROVAL)
PUBLIC_REVISION_STATES = (Verdict.State.APPROVED, Verdict.State.SUPERSEDED)

PUBLISHED = Q(published_verdict__isnull=False) | Q(
    status=Claim.Status.DUPLICATE, canonical__published_verdict__isnull=False
)
PENDING = Q(status__in=PENDING_STATUSES, published_verdict__isnull=True)
PUBLIC = PUBLISHED | PENDING
# Claims that left the public view. Only a tombstone while not PUBLIC as well: a duplicate
# hidden with its unpublished canonical is public again once the canonical is published.
REMOVED = Q(removed_at__isnull=False)

# The row's place in the change feed is the stored ``Claim.synced_at``: a claim also
# "changes" for consumers when its canonical claim is published or corrected, or when its
# article's metadata is updated (kept by triggers, see ``claims.sync_key``). The index
# ``claim_sync_order`` serves this order, the cursor and ``updated_since``.
SYNC_ORDER = ("synced_at", "id")

# A published claim's verdict date (``Claim.verdict_published_at``, see
# ``claims.verdict_date``) is set exactly for the PUBLISHED claims: the same rows, read
# through the partial index ``claim_verdict_order``, which the orders and filters by that
# date use. A claim is written when a verdict that speaks for it is published (its own, or
# its canonical's, whose key a duplicate's follows: claims.sync_key), so its change-feed key
# is never earlier than its verdict's date: ``verdict_published_at <= synced_at``.
DATED = Q(verdict_published_at__isnull=False)

# The consumer list's orders, each ending with the id, so equal dates keep one order.
ORDERINGS = {
    "updated_at": SYNC_ORDER,
    "published_at": ("verdict_published_at", "id"),
    "-published_at": ("-verdict_published_at", "-id"),
}


# Internal columns no public view renders. The article's text is the big one: loading it
# with every claim of a page multiplied the bytes read and sent by the page size.
_NOT_PUBLIC = (
    "text_hash",
    "match_text",
    "match_wording",
    "flags",
    "article__text",
    "article__content_hash",
    "article__error",
    "canonical__text_hash",
    "canonical__match_text",
    "canonical__match_wording",
    "canonical__flags",
)


def _base(visible: Q = PUBLIC) -> QuerySet[Claim]:
    # One visibility predicate, never two ANDed: PostgreSQL multiplies their selectivities,
    # underestimates the rows and sorts every match instead of walking claim_sync_order.
    return (
        Claim.objects.filter(visible)
        .select_related(
            "article",
            "published_verdict__rating",
            "canonical__published_verdict__rating",
        )
        .defer(*_NOT_PUBLIC)
        .order_by(*SYNC_ORDER)
    )


def _with_record(qs: QuerySet[Claim], *, sources: bool = True) -> QuerySet[Claim]:
    """Add what a full public record needs: the corrections log and (unless ``sources`` is
    off: a ClaimReview does not list them) the cited sources."""
    revisions = (
        Verdict.objects.filter(state__in=PUBLIC_REVISION_STATES, published_at__isnull=False)
        .select_related("rating")
        .order_by("published_at", "version")
    )
    qs = qs.prefetch_related(
        Prefetch("verdicts", queryset=revisions, to_attr="public_revisions"),
        Prefetch("canonical__verdicts", queryset=revisions, to_attr="public_revisions"),
    )
    if not sources:
        return qs
    cited = SourceLink.objects.order_by("added_at", "id")
    return qs.prefetch_related(
        Prefetch("published_verdict__cited_sources", queryset=cited),
        Prefetch("canonical__published_verdict__cited_sources", queryset=cited),
    )


def public_claims(
    *,
    viewer: User | None,
    status: str | None = None,
    rating_ids: Sequence[int] = (),
    claimant: str | None = None,
    sourcing: str | None = None,
    article_url: str | None = None,
    q: str | None = None,
    updated_since: datetime | None = None,
    published_after: datetime | None = None,
    published_before: datetime | None = None,
    language: str | None = None,
    publisher: str | None = None,
    domain: str | None = None,
    ordering: str = "updated_at",
    with_removed: bool = False,
) -> QuerySet[Claim]:
    """Public claims in one of ``ORDERINGS`` (by default the change feed's, ``synced_at``,
    ``id``). One query.

    ``article_url`` must already be normalized, ``domain`` a lower-case host name;
    ``updated_since`` and ``published_after`` are inclusive, ``published_before`` is not.
    ``rating_ids`` are ratings' ids (any of them: a comparison of the verdicts' own column,
    which PostgreSQL counts well; through the slug it guessed 8 times too few and read a
    whole site's claims from its articles). ``language`` is a language tag: "en" also finds
    "en-GB". ``publisher`` is the outlet's name (case-insensitive), ``domain`` the article
    address's host, with or without "www." (``on_site``).

    The verdict's date (the filters by it, its orders) exists only for published claims:
    with any of them the list holds published claims only. ``with_removed`` adds the
    tombstones (claims that left the public view, see ``REMOVED``; tell them apart with
    ``is_public``) in the change feed's order, unless ``status``, a rating or the verdict's
    date asks for a public state, which a removed claim does not have. The other filters are
    the claim's own columns and apply to tombstones as to live claims.
    """
    by_verdict_date = ordering != "updated_at" or published_after or published_before
    visible = {"published": PUBLISHED, "pending": PENDING}.get(status, PUBLIC)
    if by_verdict_date:
        # Pending claims have no verdict date: with status "pending" nothing is listed.
        visible = PENDING & DATED if status == "pending" else DATED
    elif with_removed and not status and not rating_ids:
        visible = visible | REMOVED
    qs = _base(visible).order_by(*ORDERINGS[ordering])
    if rating_ids:
        qs = qs.filter(
            Q(published_verdict__rating_id__in=rating_ids)
            | Q(
                status=Claim.Status.DUPLICATE,
                canonical__published_verdict__rating_id__in=rating_ids,
            )
        )
    if claimant:
        qs = qs.filter(claimant__icontains=claimant)
    if sourcing:
        qs = qs.filter(sourcing=sourcing)
    if article_url:
        qs = qs.filter(article__url=article_url)
    if q:
        qs = qs.filter(text_search(q))
    if updated_since is not None:
        qs = qs.filter(synced_at__gte=updated_since)
    if published_after is not None:
        qs = qs.filter(verdict_published_at__gte=published_after)
        if ordering == "updated_at":
            # Implied (see DATED), and it lets the change feed's walk start at
            # that moment: otherwise PostgreSQL, expecting the verdicts of a late week spread
            # over the whole feed, walked it from its start (README, "Benchmarks").
            qs = qs.filter(synced_at__gte=published_after)
    if published_before is not None:
        qs = qs.filter(verdict_published_at__lt=published_before)
    if language:
        qs = qs.filter(
            Q(article__language__iexact=language) | Q(article__language__istartswith=f"{language}-")
        )
    if publisher:
        qs = qs.filter(article__outlet__iexact=publisher)
    if domain:
        qs = qs.filter(on_site(domain, "article__url"))
    return qs


def on_site(domain: str, url: str) -> Q:
    """The (normalized) addresses in ``url`` whose host is ``domain`` with or without
    "www.", over http or https: "example.com" finds www.example.com and the other way
    round, not news.example.com nor badexample.com (ask for news.example.com itself), nor
    an address that names a port. Normalized addresses have a lower-case host, no default
    port and a path, so each is one prefix: ranges of the address's index, which PostgreSQL
    also counts well from its statistics (a pattern for any subdomain could use no index
    and read every article)."""
    bare = domain.removeprefix("www.")
    hosts = [bare, f"www.{bare}"]
    prefixes = [f"{scheme}://{host}/" for host in hosts for scheme in ("https", "http")]
    return functools.reduce(
        operator.or_, (Q(**{f"{url}__startswith": prefix}) for prefix in prefixes)
    )


def text_search(q: str) -> Q:
    """Claims whose sentence, claim text, claimant or claimant's role holds ``q``: a title
    ("transport director") stays findable now that it is not part of the claimant."""
    return (
        Q(text__icontains=q)
        | Q(claim_text__icontains=q)
        | Q(claimant__icontains=q)
        | Q(claimant_role__icontains=q)
    )


def public_claim(*, viewer: User | None, pk: int) -> Claim:
    """One public claim with its full record (its corroboration too, for an anonymous
    report). Raises ``Claim.DoesNotExist`` if hidden."""
    return (
        _with_record(_base())
        .select_related(
            "anonymous_report__evidence_claim__canonical", "anonymous_report__evidence_source"
        )
        .get(pk=pk)
    )


def published_claims(
    *, viewer: User | None, updated_since: datetime | None = None, with_sources: bool = True
) -> QuerySet[Claim]:
    """Claims with a published verdict (theirs or their canonical's), for ClaimReview.

    ``with_sources=False`` leaves out the cited sources (two queries), which the
    ClaimReview documents do not show."""
    # The claimant's record gives ClaimReview its ``sameAs`` (a join, no query).
    qs = _with_record(_base(PUBLISHED), sources=with_sources).select_related("claimant_ref")
    if updated_since is not None:
        qs = qs.filter(synced_at__gte=updated_since)
    return qs


def published_claim(*, viewer: User | None, pk: int, with_sources: bool = True) -> Claim:
    """Raises ``Claim.DoesNotExist`` unless the claim is published (a pending claim has no
    ClaimReview)."""
    return published_claims(viewer=viewer, with_sources=with_sources).get(pk=pk)


def public_article(*, viewer: User | None, url: str) -> Article:
    """The article at this (normalized) URL with its public claims as ``public_claims``.

    An article none of whose claims is public is hidden too: that the desk has read an
    article is not public until it has something to say about it.
    """
    claims = _base().order_by(F("span_start").asc(nulls_last=True), "id")
    return (
        Article.objects.filter(url=url)
        .filter(Exists(Claim.objects.filter(PUBLIC, article=OuterRef("pk"))))
        .prefetch_related(Prefetch("claims", queryset=claims, to_attr="public_claims"))
        .get()
    )


def ratings(*, viewer: User | None) -> QuerySet[Rating]:
    """The whole verdict scale in its order, retired ratings included: published verdicts
    may still carry them."""
    return Rating.objects.order_by("order", "id")


def rating_scale(*, viewer: User | None) -> tuple[int, int] | None:
    """(worst, best) numeric values of the verdict scale, or None if nothing is numeric."""
    values = list(
        Rating.objects.filter(value__isnull=False).order_by("value").values_list("value", flat=True)
    )
    return (values[0], values[-1]) if values else None


def record_version(*, viewer: User | None) -> datetime | None:
    """The public record's version: the newest ``Claim.synced_at`` (one backward step on
    ``claim_sync_order``), None while there are no claims.

    Every change a consumer can see (a claim, its canonical, its article, a claim leaving
    the view) moves some claim's key to "now" (``claims.sync_key``), so this moves whenever
    any list's membership or content may have changed."""
    return Claim.objects.aggregate(version=Max("synced_at"))["version"]


# --- reading a loaded claim ------------------------------------------------------------


def is_public(claim: Claim) -> bool:
    """``PUBLIC`` for a loaded claim. A duplicate reads its canonical's verdict (a query
    unless ``canonical`` is loaded already, as it is inside ``claims.workflow.claim_merge``)."""
    if claim.published_verdict_id is not None:
        return True
    if claim.status == Claim.Status.DUPLICATE:
        return claim.canonical_id is not None and claim.canonical.published_verdict_id is not None
    return claim.status in PENDING_STATUSES


def effective_claim(claim: Claim) -> Claim:
    """The claim whose verdict speaks for this one: its canonical, for a duplicate."""
    if claim.status == Claim.Status.DUPLICATE and claim.canonical_id is not None:
        return claim.canonical
    return claim


def public_verdict(claim: Claim) -> Verdict | None:
    return effective_claim(claim).published_verdict


def review_status(claim: Claim) -> str:
    return "published" if public_verdict(claim) is not None else "pending"


def public_revisions(claim: Claim) -> list[Verdict]:
    """Every published revision, oldest first (needs the prefetch of ``public_claim``)."""
    return list(getattr(effective_claim(claim), "public_revisions", []))


def cited_sources(claim: Claim) -> list[SourceLink]:
    verdict = public_verdict(claim)
    return list(verdict.cited_sources.all()) if verdict is not None else []
