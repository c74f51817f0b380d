"""The claims list: every claim the viewer may see, any status, filtered, in one of three
orders, a page at a time (``reviewers.keyset``), with a count per status. Measured at
1,000,000 claims on PostgreSQL by ``bench/claims_list.py``."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db import connections
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from claims import permissions, search
from claims.models import Claim, Claimant, ClaimLink
from claims.plans import custom_plans
from claims.selectors import PUBLIC
from claims.types import User
from reviewers.keyset import Order, Page, paginate
from reviewers.selectors.common import SLA_STATUSES, _require_staff

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
    "claimant_ref",
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
    claimant: str = ""  # words of the printed name
    # A claimant record (``claims.claimants``): its claims, those linked to it under
    # another name ("Rutte", "the NATO chief") too.
    claimant_ref: int | None = None
    sourcing: str = ""
    rating: int | None = None
    article: int | None = None
    created_from: date | None = None  # inclusive, in the current time zone
    created_to: date | None = None  # inclusive
    has_match: bool | None = None
    # Queued or in review with an SLA due time before this moment (the request's "now").
    overdue_at: datetime | None = None


def _visible_claims(viewer: User) -> QuerySet[Claim]:
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
    if f.claimant_ref is not None:
        qs = qs.filter(claimant_ref_id=f.claimant_ref)
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


def claimant_named(*, viewer: User, pk: int) -> Claimant | None:
    """The claimant the list is filtered by (its name, kind and ``merged_into``), or None if
    there is no such claimant. One query."""
    _require_staff(viewer)
    return Claimant.objects.only("display_name", "kind", "merged_into").filter(pk=pk).first()


def _match_links() -> QuerySet[ClaimLink]:
    # A suggested match waiting for a decision, or a confirmed one; not a rejected one.
    return ClaimLink.objects.filter(claim_id=OuterRef("pk")).exclude(state=ClaimLink.State.REJECTED)


def desk_claims_page(
    *,
    viewer: User,
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
    (README, "Benchmarks"). Bounded to the newest ``SEARCH_WINDOW`` claims from where the page
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
    *, viewer: User, filters: ClaimFilters = ClaimFilters(), cap: int | None = None
) -> ClaimCounts:
    """How many claims ``viewer`` may see match ``filters`` (all but their status), in all
    and per status. One query (two for estimates), never a count of the whole table:

    - exact when at most ``cap`` claims match: their statuses are counted from a scan that
      stops after ``cap + 1`` rows (an exact count of a broad filter's matches read most of
      the table; ``bench/claims_list.py``, README "Benchmarks");
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
            by_status=[StatusCount(s, Claim.Status(s).label, None) for s in Claim.Status.values],
            more_than=True,
        )
    return ClaimCounts(
        total=total,
        by_status=[
            StatusCount(s, Claim.Status(s).label, found.get(s, 0)) for s in Claim.Status.values
        ],
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
    by_status = [
        StatusCount(s, Claim.Status(s).label, round(rows * share.get(s, rest)))
        for s in Claim.Status.values
    ]
    return ClaimCounts(total=round(rows), by_status=by_status, approximate=True)
