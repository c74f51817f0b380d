"""Read queries of the desk's work, shared by the staff API (and the reviewer UI).

Each selector takes the viewer, decides what that viewer may see, and owns its
``select_related`` so its query count is fixed here (one query each, whatever the size).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.db import connections
from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.utils import timezone

from claims import permissions, roles, search
from claims.models import Claim, ClaimEvent, ClaimLink, Verdict
from claims.plans import custom_plans
from claims.selectors import PUBLIC
from claims.workflow import ActionNotPermitted
from reviewers.keyset import Order, Page, paginate
from reviewers.models import Assignment, ClaimNote, QueueEntry, ReviewQueue

S = Claim.Status
# Claims that are waiting on the desk: past ``due_at`` in one of these is an SLA breach.
SLA_STATUSES = (S.QUEUED, S.IN_REVIEW)


def _require_staff(viewer: Any) -> None:
    if not permissions.can_review(viewer):
        raise ActionNotPermitted("Only the desk may see its work.")


def my_work(
    *,
    viewer: Any,
    assignee: Any | int | None = None,
    queue: ReviewQueue | str | None = None,
) -> QuerySet[Assignment]:
    """Open assignments with their claim, queue entry (due time) and lease, most urgent
    lease first. A fact-checker sees their own; an editor (may assign others) sees
    everyone's, optionally narrowed to ``assignee`` (user or id) and ``queue`` (or slug).

    Each is marked ``sent_back`` when an editor asked for changes to the claim's latest
    verdict and it is in review again, with that editor's ``sent_back_by`` (user name) and
    ``sent_back_note``. One query.
    """
    _require_staff(viewer)
    latest = Verdict.objects.filter(claim_id=OuterRef("claim_id")).order_by("-version")
    qs = (
        Assignment.objects.filter(ended_at__isnull=True)
        .select_related("claim__article", "claim__queue_entry__queue", "reviewer", "queue")
        .annotate(latest_verdict_state=Subquery(latest.values("state")[:1]))
        .annotate(
            sent_back=Case(
                When(
                    claim__status=S.IN_REVIEW,
                    latest_verdict_state=Verdict.State.CHANGES_REQUESTED,
                    then=Value(True),
                ),
                default=Value(False),
                output_field=BooleanField(),
            ),
            sent_back_by=Subquery(latest.values("decided_by__username")[:1]),
            sent_back_note=Subquery(latest.values("decision_note")[:1]),
        )
    )
    if not permissions.can_assign_others(viewer):
        qs = qs.filter(reviewer=viewer)
    elif assignee is not None:
        qs = qs.filter(reviewer_id=getattr(assignee, "pk", assignee))
    if queue is not None:
        qs = qs.filter(queue__slug=queue) if isinstance(queue, str) else qs.filter(queue=queue)
    return qs.order_by("lease_expires_at", "id")


def overdue_entries(
    *, viewer: Any, queue: ReviewQueue | str | None = None, now: datetime | None = None
) -> QuerySet[QueueEntry]:
    """Queue entries past their SLA due time whose claim is still queued or in review,
    most overdue first, with the claim, its assignee and the queue. One query."""
    _require_staff(viewer)
    return all_overdue_entries(queue=queue, now=now)


def all_overdue_entries(
    *, queue: ReviewQueue | str | None = None, now: datetime | None = None
) -> QuerySet[QueueEntry]:
    """``overdue_entries`` for the system (the SLA digest), without a viewer."""
    qs = QueueEntry.objects.filter(
        due_at__lt=now or timezone.now(), claim__status__in=SLA_STATUSES
    ).select_related("claim__assignee", "claim__article", "queue")
    if queue is not None:
        qs = qs.filter(queue__slug=queue) if isinstance(queue, str) else qs.filter(queue=queue)
    return qs.order_by("due_at", "id")


def overdue_by_queue(
    *, viewer: Any, now: datetime | None = None
) -> dict[ReviewQueue, list[QueueEntry]]:
    """``overdue_entries`` grouped per queue (queues in their own order). One query."""
    _require_staff(viewer)
    return group_by_queue(all_overdue_entries(now=now))


def group_by_queue(entries: Iterable[QueueEntry]) -> dict[ReviewQueue, list[QueueEntry]]:
    grouped: dict[ReviewQueue, list[QueueEntry]] = defaultdict(list)
    for entry in entries:
        grouped[entry.queue].append(entry)
    return dict(sorted(grouped.items(), key=lambda kv: (kv[0].order, kv[0].name)))


# --- the editor's inbox -------------------------------------------------------------------

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


def _require_editor(viewer: Any) -> None:
    if not (viewer and viewer.is_active and viewer.has_perm("claims.approve_verdict")):
        raise ActionNotPermitted("Only editors have an approval inbox.")


_AWAITING = Q(state=Verdict.State.PROPOSED, claim__status=S.PENDING_APPROVAL)


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
    viewer: Any,
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
    *, viewer: Any, filters: InboxFilters = InboxFilters(), now: datetime | None = None
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


def queues_overview(*, viewer: Any, now: datetime | None = None) -> QuerySet[ReviewQueue]:
    """Active queues with ``backlog`` (queued), ``in_review``, ``awaiting_approval``
    (pending approval), ``overdue`` (queued or in review past due) and ``is_member`` (the
    viewer's own queues). One query."""
    _require_staff(viewer)
    now = now or timezone.now()
    membership = ReviewQueue.members.through.objects.filter(
        reviewqueue_id=OuterRef("pk"), user_id=viewer.pk
    )
    return (
        ReviewQueue.objects.filter(is_active=True)
        .annotate(
            backlog=Count("entries", filter=Q(entries__claim__status=S.QUEUED)),
            in_review=Count("entries", filter=Q(entries__claim__status=S.IN_REVIEW)),
            awaiting_approval=Count("entries", filter=Q(entries__claim__status=S.PENDING_APPROVAL)),
            overdue=Count(
                "entries",
                filter=Q(entries__claim__status__in=SLA_STATUSES, entries__due_at__lt=now),
            ),
            is_member=Exists(membership),
        )
        .order_by("order", "name")
    )


# Claims the desk has not finished: waiting, being checked, or waiting for an editor.
OPEN_STATUSES = (S.QUEUED, S.IN_REVIEW, S.PENDING_APPROVAL)
# An open claim with a reviewer holds one of these (approval and release clear it).
ASSIGNED_STATUSES = (S.IN_REVIEW, S.PENDING_APPROVAL)


def desk_members() -> QuerySet:
    """Active fact-checkers and editors: who may be assigned or mentioned. A user in both
    groups is one row (an ``EXISTS``, not a join)."""
    User = get_user_model()
    in_desk_group = User.groups.through.objects.filter(
        user_id=OuterRef("pk"), group__name__in=(roles.FACT_CHECKERS, roles.EDITORS)
    )
    return User.objects.filter(Exists(in_desk_group), is_active=True)


def reviewer_workload(*, viewer: Any, now: datetime | None = None) -> QuerySet:
    """Every desk member with ``open`` (claims assigned to them: in review or pending
    approval) and ``overdue`` (of those, in review past their SLA due time), most overdue
    first, then most open, then by user name. One query.

    The claims list finds the same claims: ``?assignee=<name>&status=in_review&status=
    pending_approval`` and ``?assignee=<name>&overdue=yes``."""
    _require_staff(viewer)
    now = now or timezone.now()
    return (
        desk_members()
        .annotate(
            open=Count("assigned_claims", filter=Q(assigned_claims__status__in=ASSIGNED_STATUSES)),
            overdue=Count(
                "assigned_claims",
                filter=Q(
                    assigned_claims__status__in=SLA_STATUSES,
                    assigned_claims__queue_entry__due_at__lt=now,
                ),
            ),
        )
        .order_by("-overdue", "-open", "username")
    )


def staff_claim(*, viewer: Any, pk: int) -> Claim:
    """A claim as the desk sees it after an action: status, assignee, queue entry and open
    assignment (as ``open_assignments``). Two queries. Raises ``Claim.DoesNotExist``."""
    _require_staff(viewer)
    return (
        Claim.objects.select_related("assignee", "queue_entry__queue")
        .prefetch_related(
            Prefetch(
                "assignments",
                queryset=Assignment.objects.filter(ended_at__isnull=True),
                to_attr="open_assignments",
            )
        )
        .get(pk=pk)
    )


def claim_history(*, viewer: Any, pk: int) -> QuerySet[ClaimEvent]:
    """Every event of the claim, oldest first, with actor and verdict. One query (plus one
    to tell a missing claim from an empty history). Raises ``Claim.DoesNotExist``."""
    _require_staff(viewer)
    if not Claim.objects.filter(pk=pk).exists():
        raise Claim.DoesNotExist
    return (
        ClaimEvent.objects.filter(claim_id=pk)
        .select_related("actor", "verdict")
        .order_by("created_at", "id")
    )


def claim_notes(*, viewer: Any, claim: Claim | int) -> QuerySet[ClaimNote]:
    """The desk's internal notes on the claim, oldest first, with their authors. One query.
    Raises ``ActionNotPermitted`` for anyone who may not read them (off the desk)."""
    if not permissions.can_read_notes(viewer):
        raise ActionNotPermitted("Only the desk reads its notes.")
    pk = claim.pk if isinstance(claim, Claim) else claim
    return (
        ClaimNote.objects.filter(claim_id=pk).select_related("author").order_by("created_at", "id")
    )


# --- the claims list ---------------------------------------------------------------------
# Every claim the viewer may see, any status, filtered, in one of three orders, a page at
# a time (``reviewers.keyset``), with a count per status. Measured at 1,000,000 claims on
# PostgreSQL by ``bench/claims_list.py``.

CLAIM_ORDERS = {
    o.name: o
    for o in (
        Order("newest", "created_at", descending=True, kind="datetime"),
        # Unscored claims come last; so do claims never queued, which have no due time.
        Order("score", "checkworthiness", descending=True, kind="float", nullable=True),
        Order("due", "queue_entry__due_at", descending=False, kind="datetime", nullable=True),
    )
}
CLAIM_PAGE_SIZE = 50
# Claims are counted exactly up to this many (see count_claims_by_status).
STATUS_COUNT_CAP = 10_000
# What a row of the list shows, and nothing else (the article's text is the big one).
_LIST_COLUMNS = (
    "id",
    "text",
    "claim_text",
    "claimant",
    "claimant_role",
    "sourcing",
    "checkworthiness",
    "status",
    "created_at",
    "canonical_id",
    "article__id",
    "article__title",
    "article__url",
    "assignee__id",
    "assignee__username",
    "queue_entry__id",
    "queue_entry__due_at",
    "queue_entry__queue__id",
    "queue_entry__queue__name",
    "queue_entry__queue__slug",
    "published_verdict__id",
    "published_verdict__rating__id",
    "published_verdict__rating__slug",
    "published_verdict__rating__label",
    "published_verdict__rating__value",
)


@dataclass(frozen=True)
class ClaimFilters:
    """What the claims list is narrowed to; every field optional (the URL's query)."""

    q: str = ""
    statuses: tuple[str, ...] = ()
    queue: int | None = None
    assignee: int | None = None
    claimant: str = ""
    sourcing: str = ""
    rating: int | None = None
    article: int | None = None
    created_from: date | None = None  # inclusive, in the current time zone
    created_to: date | None = None  # inclusive
    has_match: bool | None = None
    # Queued or in review with an SLA due time before this moment (the request's "now").
    overdue_at: datetime | None = None


def _visible_claims(viewer: Any) -> QuerySet[Claim]:
    """The claims ``viewer`` may see: all of them with ``view_unpublished`` (fact-checkers
    and editors), else only the public record (``claims.selectors.PUBLIC``)."""
    _require_staff(viewer)
    if permissions.can_view_unpublished(viewer):
        return Claim.objects.all()
    return Claim.objects.filter(PUBLIC)


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def filter_claims(
    qs: QuerySet[Claim], filters: ClaimFilters, *, statuses: bool = True
) -> QuerySet[Claim]:
    """``qs`` narrowed to ``filters`` (without the status filter if ``statuses`` is off).
    Each condition is one an index serves, or a cheap test on a row already read."""
    f = filters
    if statuses and f.statuses:
        qs = qs.filter(status__in=f.statuses)
    if f.q:
        qs = qs.filter(search.text_search(f.q))
    if f.claimant:
        qs = qs.filter(search.claimant_search(f.claimant))
    if f.queue is not None:
        qs = qs.filter(queue_entry__queue_id=f.queue)
    if f.assignee is not None:
        qs = qs.filter(assignee_id=f.assignee)
    if f.sourcing:
        qs = qs.filter(sourcing=f.sourcing)
    if f.rating is not None:
        qs = qs.filter(published_verdict__rating_id=f.rating)
    if f.article is not None:
        qs = qs.filter(article_id=f.article)
    # Bounds on the column itself (not created_at::date), so the index on it serves them.
    if f.created_from is not None:
        qs = qs.filter(created_at__gte=_start_of(f.created_from))
    if f.created_to is not None:
        qs = qs.filter(created_at__lt=_start_of(f.created_to + timedelta(days=1)))
    if f.has_match is not None:
        matched = Exists(_match_links())
        qs = qs.filter(matched if f.has_match else ~matched)
    if f.overdue_at is not None:
        # As the dashboard and the SLA digest count them (all_overdue_entries).
        qs = qs.filter(status__in=SLA_STATUSES, queue_entry__due_at__lt=f.overdue_at)
    return qs


def _match_links() -> QuerySet[ClaimLink]:
    # A suggested match waiting for a decision, or a confirmed one; not a rejected one.
    return ClaimLink.objects.filter(claim_id=OuterRef("pk")).exclude(state=ClaimLink.State.REJECTED)


def triage_suggestions(*, viewer: Any, claim_ids: Iterable[int]) -> dict[int, ClaimLink]:
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
        .exclude(matched__status=S.DISMISSED)
        .select_related("matched")
        .order_by("claim_id", "-score", "id")
    )
    for link in links:
        if link.claim_id not in best:
            # Merging into a duplicate merges into its canonical (no chains): say which.
            link.merge_into = link.matched.canonical_id or link.matched_id
            best[link.claim_id] = link
    return best


def desk_claims_page(
    *,
    viewer: Any,
    filters: ClaimFilters = ClaimFilters(),
    sort: str = "newest",
    cursor: str | None = None,
    size: int = CLAIM_PAGE_SIZE,
) -> Page:
    """A page of the claims list: claims ``viewer`` may see that match ``filters``, in
    ``sort`` order (``CLAIM_ORDERS``), after or before ``cursor`` (None: the first page).

    Each row is a ``Claim`` with its article (title), assignee, queue entry (due time) and
    queue, published verdict and rating, and ``has_match``. One query (two when a page
    crosses into the claims without a score or due time; see ``reviewers.keyset``).
    Raises ``ActionNotPermitted`` off the desk, ``InvalidCursor`` for a cursor of another
    list or order.
    """
    order = CLAIM_ORDERS[sort]
    position = order.decode(cursor) if cursor else None
    qs = (
        filter_claims(_visible_claims(viewer), filters)
        .select_related("article", "assignee", "queue_entry__queue", "published_verdict__rating")
        .only(*_LIST_COLUMNS)
        .annotate(has_match=Exists(_match_links()))
    )
    connection = connections[qs.db]
    with custom_plans(connection):
        if filters.q and sort == "newest" and connection.vendor == "postgresql":
            floor = _newest_window_floor(connection, position)
            if floor is not None:
                page = paginate(qs.filter(created_at__gte=floor), order, cursor=position, size=size)
                if page.next is not None:
                    return page
        return paginate(qs, order, cursor=position, size=size)


# A text search in newest order first looks among this many claims from where the page
# starts: see _newest_window_floor.
SEARCH_WINDOW = 5_000


def _newest_window_floor(connection, position) -> Any:
    """The ``created_at`` of the claim ``SEARCH_WINDOW`` places after the page's start in
    newest order (None when fewer claims are left).

    Words that are common and go together ("gas prices north": each in 5-15% of claims,
    together in 4%) fool the planner's estimate (it multiplies their frequencies), so it
    reads and sorts every match instead of walking the newest claims until a page is full
    (149 ms at 1M claims). Bounded to the newest ``SEARCH_WINDOW`` claims from where the page
    starts, either road is short; when that window holds a full page, it is exactly the page
    the whole list would give (any newer match is inside the window); when it does not, the
    caller reads the whole list as before. Only forward pages in newest order; one index
    probe (``OFFSET`` on the ``created_at`` index)."""
    if position is not None and not position.forward:
        return None
    where, params = "", []
    if position is not None and position.value is not None:
        where, params = "WHERE (created_at, id) < (%s, %s)", [position.value, position.pk]
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT created_at FROM claims_claim {where} "
            "ORDER BY created_at DESC, id DESC OFFSET %s LIMIT 1",
            [*params, SEARCH_WINDOW],
        )
        row = cursor.fetchone()
    return row[0] if row else None


@dataclass(frozen=True)
class StatusCount:
    status: str
    label: str
    count: int | None  # None: not counted (more than the cap matched in all)


@dataclass(frozen=True)
class ClaimCounts:
    """How many claims match, in all and per status. ``approximate``: the numbers are the
    planner's statistics, not a count; ``more_than``: over ``total`` matched, and the
    statuses were not counted."""

    total: int
    by_status: list[StatusCount]
    approximate: bool = False
    more_than: bool = False


def count_claims_by_status(
    *, viewer: Any, filters: ClaimFilters = ClaimFilters(), cap: int | None = None
) -> ClaimCounts:
    """How many claims ``viewer`` may see match ``filters`` (all but their status), in all
    and per status. One query (two for estimates), never a count of the whole table:

    - exact when at most ``cap`` claims match: their statuses are counted from a scan that
      stops after ``cap + 1`` rows (an exact count of a broad filter's matches read most of
      the table: 115-325 ms a request at 1M claims in ``bench/claims_list.py``);
    - with no filter but the status, on PostgreSQL, for a viewer who sees every claim, and
      a table bigger than ``cap``: estimates from the statistics ANALYZE keeps anyway
      (``pg_class.reltuples`` and the status column's most common values);
    - otherwise "more than ``cap``" in all, and no count per status.
    """
    cap = STATUS_COUNT_CAP if cap is None else cap
    qs = filter_claims(_visible_claims(viewer), filters, statuses=False)
    connection = connections[qs.db]
    sample = qs.order_by().values("status")[: cap + 1]
    sql, params = sample.query.get_compiler(connection=connection).as_sql()
    with custom_plans(connection), connection.cursor() as cursor:
        cursor.execute(f"SELECT status, count(*) FROM ({sql}) AS sample GROUP BY status", params)
        found = dict(cursor.fetchall())
    total = sum(found.values())
    if total > cap:
        unfiltered = replace(filters, statuses=()) == ClaimFilters()
        if (
            unfiltered
            and connection.vendor == "postgresql"
            and permissions.can_view_unpublished(viewer)
        ):
            estimated = _estimated_status_counts(connection, more_than=cap)
            if estimated is not None:
                return estimated
        return ClaimCounts(
            total=cap,
            by_status=[StatusCount(s, S(s).label, None) for s in S.values],
            more_than=True,
        )
    return ClaimCounts(
        total=total, by_status=[StatusCount(s, S(s).label, found.get(s, 0)) for s in S.values]
    )


_STATUS_STATISTICS = (
    "SELECT c.reltuples, s.null_frac, s.n_distinct,"
    " s.most_common_vals::text::text[], s.most_common_freqs"
    " FROM pg_class c LEFT JOIN pg_stats s ON s.schemaname = current_schema()"
    " AND s.tablename = 'claims_claim' AND s.attname = 'status'"
    " WHERE c.oid = 'claims_claim'::regclass"
)


def _estimated_status_counts(connection, *, more_than: int) -> ClaimCounts | None:
    """Per-status counts as the planner estimates them, if the table is bigger than
    ``more_than`` and has been analyzed (else None): a status among the most common values
    has its sampled share; the others share what is left evenly."""
    with connection.cursor() as cursor:
        cursor.execute(_STATUS_STATISTICS)
        rows, null_frac, n_distinct, values, freqs = cursor.fetchone()
    if rows is None or rows <= more_than or n_distinct is None:
        return None
    share = dict(zip(values or (), freqs or (), strict=True))
    distinct = n_distinct if n_distinct > 0 else -n_distinct * rows
    others = max(distinct - len(share), 1)
    rest = max(1.0 - null_frac - sum(share.values()), 0.0) / others
    by_status = [StatusCount(s, S(s).label, round(rows * share.get(s, rest))) for s in S.values]
    return ClaimCounts(total=round(rows), by_status=by_status, approximate=True)
