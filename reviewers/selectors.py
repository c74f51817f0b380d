"""Read queries of the desk's work, shared by the staff API (and the reviewer UI).

Each selector takes the viewer, decides what that viewer may see, and owns its
``select_related`` so its query count is fixed here (one query each, whatever the size).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime
from typing import Any

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

from claims import permissions
from claims.models import Claim, ClaimEvent, Verdict
from claims.workflow import ActionNotPermitted
from reviewers.models import Assignment, QueueEntry, ReviewQueue

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


def editor_inbox(*, viewer: Any, keep: int | None = None) -> QuerySet[Verdict]:
    """Proposals awaiting a decision, oldest proposal first, with claim, author, rating and
    queue. Includes the viewer's own proposals (flag them in the UI: four eyes means
    someone else decides). ``keep``: a verdict listed whatever its state (the one whose
    decision was just refused, perhaps because a colleague decided it first). One query."""
    if not (viewer and viewer.is_active and viewer.has_perm("claims.approve_verdict")):
        raise ActionNotPermitted("Only editors have an approval inbox.")
    waiting = Q(state=Verdict.State.PROPOSED, claim__status=S.PENDING_APPROVAL)
    if keep is not None:
        waiting |= Q(pk=keep)
    return (
        Verdict.objects.filter(waiting)
        .select_related("claim__article", "claim__queue_entry__queue", "author", "rating")
        .order_by("created_at", "id")
    )


def queues_overview(*, viewer: Any, now: datetime | None = None) -> QuerySet[ReviewQueue]:
    """Active queues with ``backlog`` (queued), ``in_review``, ``overdue`` (queued or in
    review past due) and ``is_member`` (the viewer's own queues). One query."""
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
            overdue=Count(
                "entries",
                filter=Q(entries__claim__status__in=SLA_STATUSES, entries__due_at__lt=now),
            ),
            is_member=Exists(membership),
        )
        .order_by("order", "name")
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
