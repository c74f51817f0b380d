"""Queue health: the workload per reviewer and per queue (overdue first, every figure a
link to the claims list filtered to exactly those claims), backlog per queue and status,
overdue claims, verdicts published per week, and the median time from ingestion to
publication."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from claims import permissions
from claims.models import Claim
from reviewers import charts, selectors
from reviewers.views.common import desk_view

desk_only = desk_view(permissions.can_review, "Only fact-checkers and editors use the desk.")

WEEKS = 12


def _duration(hours: float | None) -> str:
    if hours is None:
        return "–"
    if hours < 1:
        return f"{round(hours * 60)} min"
    if hours < 48:
        return f"{hours:.1f} h"
    return f"{hours / 24:.1f} days"


@dataclass(frozen=True)
class Load:
    """One line of the workload: whose (a reviewer or a queue), and how many of their open
    claims are overdue, each figure with the claims list's address for those claims."""

    name: str
    overdue: int
    overdue_url: str
    open: int
    open_url: str


def claims_url(**params: str | list[str]) -> str:
    """The claims list filtered by ``params`` (its URL query), soonest due first."""
    return f"{reverse('desk:claims')}?{urlencode({**params, 'sort': 'due'}, doseq=True)}"


def _workload(members, queues) -> tuple[list[Load], list[Load]]:
    reviewers = [
        Load(
            name=member.username,
            overdue=member.overdue,
            overdue_url=claims_url(assignee=member.username, overdue="yes"),
            open=member.open,
            open_url=claims_url(assignee=member.username, status=list(selectors.ASSIGNED_STATUSES)),
        )
        for member in members
    ]
    per_queue = [
        Load(
            name=q.name,
            overdue=q.overdue,
            overdue_url=claims_url(queue=q.slug, overdue="yes"),
            open=q.backlog + q.in_review + q.awaiting_approval,
            open_url=claims_url(queue=q.slug, status=list(selectors.OPEN_STATUSES)),
        )
        for q in queues
    ]
    per_queue.sort(key=lambda load: (-load.overdue, -load.open, load.name))
    return reviewers, per_queue


STATUS_ORDER = [
    Claim.Status.CANDIDATE,
    Claim.Status.QUEUED,
    Claim.Status.IN_REVIEW,
    Claim.Status.PENDING_APPROVAL,
    Claim.Status.PUBLISHED,
]


@desk_only
def dashboard(request: HttpRequest) -> HttpResponse:
    user = request.user
    now = timezone.now()
    page = selectors.dashboard_page(viewer=user, now=now, weeks=WEEKS)
    queues = page.queues
    queue_rows, queue_height = charts.stacked_rows(
        [
            (
                q.name,
                [
                    ("queued", "Queued", q.backlog),
                    ("in_review", "In review", q.in_review),
                ],
            )
            for q in queues
        ]
    )
    status_chart = charts.bar_chart(
        [(Claim.Status(s).label, page.by_status.get(s, 0)) for s in STATUS_ORDER]
    )
    weekly = [(monday.strftime("%d %b"), n) for monday, n in page.published_per_week]
    reviewer_load, queue_load = _workload(page.workload, queues)
    context = {
        "reviewer_load": reviewer_load,
        "queue_load": queue_load,
        "queues": queues,
        "queue_rows": queue_rows,
        "queue_height": queue_height,
        "chart_width": charts.WIDTH,
        "status_chart": status_chart,
        "weekly_chart": charts.bar_chart(weekly),
        "weekly_total": sum(n for _, n in weekly),
        "median": _duration(page.median_hours_to_publication),
        "overdue": page.overdue,
        "now": now,
        "weeks": WEEKS,
    }
    return render(request, "reviewers/dashboard.html", context)
