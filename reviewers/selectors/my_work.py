"""The reviewer's open assignments (My work, the staff API's work list)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import BooleanField, Case, OuterRef, QuerySet, Subquery, Value, When

from claims import permissions
from claims.ids import pk_of
from claims.models import Claim, Verdict
from claims.types import User
from reviewers.models import Assignment, QueueEntry, ReviewQueue
from reviewers.selectors.common import _require_staff
from reviewers.selectors.dashboard import queues_overview


def my_work(
    *,
    viewer: User,
    assignee: User | int | None = None,
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
                    claim__status=Claim.Status.IN_REVIEW,
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
        qs = qs.filter(reviewer_id=pk_of(assignee))
    if queue is not None:
        qs = qs.filter(queue__slug=queue) if isinstance(queue, str) else qs.filter(queue=queue)
    return qs.order_by("lease_expires_at", "id")


# With no queue of their own (a new account), My work offers this many waiting claims.
WAITING_SHOWN = 10


@dataclass(frozen=True)
class MyWorkPage:
    """What My work shows: the viewer's own open assignments (``my_work``), the active
    queues they are a member of (``queues_overview``), and, when they are in none, the most
    urgent claims waiting in any active queue, each with its claim and queue."""

    assignments: list[Assignment]
    queues: list[ReviewQueue]
    waiting: list[QueueEntry]


def my_work_page(*, viewer: User) -> MyWorkPage:
    """My work for ``viewer``. Two queries (three for someone in no queue)."""
    # Editors may see everyone's; this page is about the viewer's own desk.
    assignments = list(my_work(viewer=viewer, assignee=viewer).filter(reviewer=viewer))
    queues = [q for q in queues_overview(viewer=viewer) if q.is_member]
    waiting = []
    if not queues:
        waiting = list(
            QueueEntry.objects.filter(
                waiting=True, claim__status=Claim.Status.QUEUED, queue__is_active=True
            )
            .select_related("claim", "queue")
            .order_by("priority_at", "id")[:WAITING_SHOWN]
        )
    return MyWorkPage(assignments=assignments, queues=queues, waiting=waiting)
