"""Queue health: the queues' backlogs, the reviewers' workload, overdue entries (the
dashboard, the staff API, the SLA digest)."""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import Count, Exists, Min, OuterRef, Q, QuerySet
from django.utils import timezone

from claims.models import Claim, Verdict
from claims.types import User
from reviewers.models import QueueEntry, ReviewQueue
from reviewers.selectors.common import (
    ASSIGNED_STATUSES,
    SLA_STATUSES,
    _require_staff,
    desk_members,
)


def overdue_entries(
    *, viewer: User, queue: ReviewQueue | str | None = None, now: datetime | None = None
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
    *, viewer: User, now: datetime | None = None
) -> dict[ReviewQueue, list[QueueEntry]]:
    """``overdue_entries`` grouped per queue (queues in their own order). One query."""
    _require_staff(viewer)
    return group_by_queue(all_overdue_entries(now=now))


def group_by_queue(entries: Iterable[QueueEntry]) -> dict[ReviewQueue, list[QueueEntry]]:
    grouped: dict[ReviewQueue, list[QueueEntry]] = defaultdict(list)
    for entry in entries:
        grouped[entry.queue].append(entry)
    return dict(sorted(grouped.items(), key=lambda kv: (kv[0].order, kv[0].name)))


def queues_overview(*, viewer: User, now: datetime | None = None) -> QuerySet[ReviewQueue]:
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
            backlog=Count("entries", filter=Q(entries__claim__status=Claim.Status.QUEUED)),
            in_review=Count("entries", filter=Q(entries__claim__status=Claim.Status.IN_REVIEW)),
            awaiting_approval=Count(
                "entries", filter=Q(entries__claim__status=Claim.Status.PENDING_APPROVAL)
            ),
            overdue=Count(
                "entries",
                filter=Q(entries__claim__status__in=SLA_STATUSES, entries__due_at__lt=now),
            ),
            is_member=Exists(membership),
        )
        .order_by("order", "name")
    )


def reviewer_workload(*, viewer: User, now: datetime | None = None) -> QuerySet:
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


# --- the dashboard page --------------------------------------------------------------------

# The median time to publication is taken over the most recent publications: enough to be
# steady, cheap to compute.
MEDIAN_SAMPLE = 500
# The overdue claims the dashboard lists, most overdue first.
OVERDUE_SHOWN = 50


def claims_by_status() -> dict[str, int]:
    """How many claims there are in each status (statuses with none left out). One query."""
    return dict(Claim.objects.values_list("status").annotate(n=Count("id")))


def published_per_week(*, now: datetime, weeks: int) -> list[tuple[date, int]]:
    """Verdicts published (approved, or approved and since superseded) in each of the last
    ``weeks`` weeks, this one included: (the week's Monday, how many), oldest first. One
    query."""
    this_monday = (now - timedelta(days=now.weekday())).date()
    first = this_monday - timedelta(weeks=weeks - 1)
    counts = dict.fromkeys((first + timedelta(weeks=i) for i in range(weeks)), 0)
    dates = Verdict.objects.filter(
        published_at__date__gte=first, state__in=("approved", "superseded")
    ).values_list("published_at", flat=True)
    for published_at in dates:
        day = published_at.date()
        monday = day - timedelta(days=day.weekday())
        if monday in counts:
            counts[monday] += 1
    return list(counts.items())


def median_hours_to_publication(*, sample: int = MEDIAN_SAMPLE) -> float | None:
    """Article ingested -> first verdict of the claim published, in hours: the median over
    the ``sample`` most recently published claims (None: nothing published). One query."""
    rows = (
        Claim.objects.filter(article__isnull=False, verdicts__published_at__isnull=False)
        .annotate(first_published=Min("verdicts__published_at"))
        .values_list("article__created_at", "first_published")
        .order_by("-first_published")[:sample]
    )
    hours = [(published - ingested).total_seconds() / 3600 for ingested, published in rows]
    return statistics.median(hours) if hours else None


@dataclass(frozen=True)
class DashboardPage:
    """What the dashboard shows, as read (the view draws the charts and the links)."""

    queues: list[ReviewQueue]  # queues_overview
    workload: list[Any]  # reviewer_workload: desk members with ``open`` and ``overdue``
    by_status: dict[str, int]
    published_per_week: list[tuple[date, int]]
    median_hours_to_publication: float | None
    overdue: list[QueueEntry]  # the OVERDUE_SHOWN most overdue


def dashboard_page(*, viewer: User, now: datetime, weeks: int) -> DashboardPage:
    """The dashboard's figures at ``now``, publications over the last ``weeks`` weeks. Six
    queries, whatever the number of queues, reviewers and claims."""
    return DashboardPage(
        queues=list(queues_overview(viewer=viewer, now=now)),
        by_status=claims_by_status(),
        published_per_week=published_per_week(now=now, weeks=weeks),
        median_hours_to_publication=median_hours_to_publication(),
        overdue=list(overdue_entries(viewer=viewer, now=now)[:OVERDUE_SHOWN]),
        workload=list(reviewer_workload(viewer=viewer, now=now)),
    )
