"""The editor's inbox: proposals awaiting a decision, filtered and counted."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from claims.models import Claim, SourceLink, Verdict
from claims.types import User
from claims.workflow import ActionNotPermitted

# "Waiting longer than": the age filter's values, in the URL (?age=24h).
INBOX_AGES: dict[str, timedelta] = {
    "1h": timedelta(hours=1),
    "24h": timedelta(hours=24),
    "3d": timedelta(days=3),
}


@dataclass(frozen=True)
class InboxFilters:
    """What the inbox is narrowed to; every field optional (the URL's query)."""

    queue: int | None = None
    checker: int | None = None  # the verdict's author
    rating: int | None = None
    age: str = ""  # an ``INBOX_AGES`` key: proposed at least that long ago


def _require_editor(viewer: User) -> None:
    if not (viewer and viewer.is_active and viewer.has_perm("claims.approve_verdict")):
        raise ActionNotPermitted("Only editors have an approval inbox.")


_AWAITING = Q(state=Verdict.State.PROPOSED, claim__status=Claim.Status.PENDING_APPROVAL)


def _inbox_conditions(filters: InboxFilters, now: datetime) -> Q:
    f, q = filters, Q()
    if f.queue is not None:
        q &= Q(claim__queue_entry__queue_id=f.queue)
    if f.checker is not None:
        q &= Q(author_id=f.checker)
    if f.rating is not None:
        q &= Q(rating_id=f.rating)
    if f.age:
        q &= Q(created_at__lte=now - INBOX_AGES[f.age])
    return q


def editor_inbox(
    *,
    viewer: User,
    filters: InboxFilters = InboxFilters(),
    keep: int | None = None,
    now: datetime | None = None,
) -> QuerySet[Verdict]:
    """Proposals awaiting a decision that match ``filters``, oldest proposal first, with
    claim, article, author, rating and queue. Includes the viewer's own proposals (flag
    them in the UI: four eyes means someone else decides). ``keep``: a verdict listed
    whatever its state and the filters (the one whose decision was just refused, perhaps
    because a colleague decided it first). Each comes with its ``review_hold`` (and its
    editor), if one was taken; it may have expired. One query."""
    _require_editor(viewer)
    waiting = _AWAITING & _inbox_conditions(filters, now or timezone.now())
    if keep is not None:
        waiting |= Q(pk=keep)
    return (
        Verdict.objects.filter(waiting)
        .select_related(
            "claim__article",
            "claim__queue_entry__queue",
            "author",
            "rating",
            "review_hold__editor",
        )
        .order_by("created_at", "id")
    )


@dataclass(frozen=True)
class InboxCounts:
    """How many proposals await a decision: ``total`` matching every filter, ``waiting``
    whatever the filters, and per value of each filter (queue, checker and rating ids, age
    keys) how many match that value and the other filters, so each choice says what it
    would show."""

    total: int
    waiting: int
    queue: dict[int, int]
    checker: dict[int, int]
    rating: dict[int, int]
    age: dict[str, int]


def inbox_counts(
    *, viewer: User, filters: InboxFilters = InboxFilters(), now: datetime | None = None
) -> InboxCounts:
    """The inbox's counts. One query: the queue, author, rating and time of every proposal
    awaiting a decision, counted here. That is a desk's backlog of decisions (dozens, a few
    hundred under breaking news), not the claims table; four GROUP BY queries would cost
    more round trips than these rows."""
    _require_editor(viewer)
    now = now or timezone.now()
    rows = list(
        Verdict.objects.filter(_AWAITING).values_list(
            "claim__queue_entry__queue_id", "author_id", "rating_id", "created_at"
        )
    )
    f = filters
    cut = {key: now - age for key, age in INBOX_AGES.items()}

    def matches(row: tuple, but: str = "") -> bool:
        queue, checker, rating, created = row
        return (
            (but == "queue" or f.queue is None or queue == f.queue)
            and (but == "checker" or f.checker is None or checker == f.checker)
            and (but == "rating" or f.rating is None or rating == f.rating)
            and (but == "age" or not f.age or created <= cut[f.age])
        )

    def per(index: int, name: str) -> dict[int, int]:
        counted: dict[int, int] = defaultdict(int)
        for row in rows:
            if matches(row, but=name):
                counted[row[index]] += 1
        return dict(counted)

    aged = [row[3] for row in rows if matches(row, but="age")]
    return InboxCounts(
        total=sum(1 for row in rows if matches(row)),
        waiting=len(rows),
        queue=per(0, "queue"),
        checker=per(1, "checker"),
        rating=per(2, "rating"),
        age={key: sum(1 for created in aged if created <= at) for key, at in cut.items()},
    )


@dataclass(frozen=True)
class InboxPage:
    """What the inbox shows: its counts, and its proposals as ``editor_inbox`` lists them,
    each with what its card draws: the claim's published verdict and rating (a proposal
    that corrects it shows the changes), and both verdicts' cited sources."""

    counts: InboxCounts
    verdicts: list[Verdict]


def inbox_page(
    *,
    viewer: User,
    filters: InboxFilters = InboxFilters(),
    keep: int | None = None,
    now: datetime | None = None,
) -> InboxPage:
    """The inbox for ``viewer`` (``editor_inbox``'s ``filters`` and ``keep``). Four queries,
    whatever the number of proposals: the counts, the proposals with their claims, people,
    ratings and holds, their cited sources, the published verdicts' cited sources."""
    now = now or timezone.now()
    counts = inbox_counts(viewer=viewer, filters=filters, now=now)
    cited = Prefetch("cited_sources", queryset=SourceLink.objects.order_by("added_at", "id"))
    verdicts = (
        editor_inbox(viewer=viewer, filters=filters, keep=keep, now=now)
        .select_related("claim__published_verdict__rating")
        .prefetch_related(cited, Prefetch("claim__published_verdict__cited_sources"))
    )
    return InboxPage(counts=counts, verdicts=list(verdicts))
