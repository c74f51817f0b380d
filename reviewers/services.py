"""Keeping queues and assignments in step with the claim's state machine.

``claims.workflow`` owns every status change and sends ``claim_transitioned`` inside its
transaction; the receiver here writes the process rows (queue entry, assignment, lease) in
that same transaction, so a claim in review always has exactly one open assignment.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from claims.models import Claim, ClaimEvent
from claims.workflow import Action, InvalidInput, claim_expire
from reviewers.models import Assignment, QueueEntry, ReviewQueue


def lease_duration() -> timedelta:
    return timedelta(hours=settings.ASSIGNMENT_LEASE_HOURS)


def queue_for(slug: str | None) -> ReviewQueue:
    """The named queue, or the default one when no slug is given."""
    if slug:
        queue = ReviewQueue.objects.filter(slug=slug).first()
        if queue is None:
            raise InvalidInput(f"There is no review queue {slug!r}.")
        return queue
    queue = ReviewQueue.objects.filter(is_default=True).first()
    if queue is None:
        raise InvalidInput("No default review queue is set; mark one as default in the admin.")
    return queue


def _enter_queue(claim: Claim, queue: ReviewQueue) -> QueueEntry:
    now = timezone.now()
    entry, _ = QueueEntry.objects.update_or_create(
        claim=claim,
        defaults={
            "queue": queue,
            "entered_at": now,
            "due_at": now + timedelta(hours=queue.sla_hours),
        },
    )
    return entry


def _end_open_assignment(claim: Claim, reason: str) -> int:
    return Assignment.objects.filter(claim=claim, ended_at__isnull=True).update(
        ended_at=timezone.now(), end_reason=reason
    )


def on_claim_transitioned(*, claim: Claim, event: ClaimEvent, action: Action, **_: Any) -> None:
    now = timezone.now()
    if action == Action.TRIAGE:
        _enter_queue(claim, queue_for(event.data.get("queue")))
    elif action == Action.ASSIGN:
        entry = QueueEntry.objects.filter(claim=claim).select_related("queue").first()
        Assignment.objects.create(
            claim=claim,
            reviewer=claim.assignee,
            queue=entry.queue if entry else None,
            assigned_by=event.actor,
            assigned_at=now,
            lease_expires_at=now + lease_duration(),
        )
    elif action == Action.RELEASE:
        _end_open_assignment(claim, Assignment.EndReason.RELEASED)
    elif action == Action.EXPIRE:
        _end_open_assignment(claim, Assignment.EndReason.EXPIRED)
    elif action == Action.APPROVE:
        _end_open_assignment(claim, Assignment.EndReason.PUBLISHED)
    elif action in (Action.REQUEST_CHANGES, Action.WITHDRAW):
        # Work resumes: the reviewer gets a fresh lease.
        Assignment.objects.filter(claim=claim, ended_at__isnull=True).update(
            lease_expires_at=now + lease_duration()
        )
    elif action == Action.REOPEN:
        entry = QueueEntry.objects.filter(claim=claim).select_related("queue").first()
        _enter_queue(claim, entry.queue if entry else queue_for(None))


@transaction.atomic
def expire_leases(*, now: Any = None) -> int:
    """Return every claim whose lease ran out to its queue. Safe to run twice."""
    now = now or timezone.now()
    expired = Assignment.objects.filter(
        ended_at__isnull=True, lease_expires_at__lte=now, claim__status=Claim.Status.IN_REVIEW
    )
    count = 0
    for claim_id in expired.values_list("claim_id", flat=True):
        if claim_expire(claim=claim_id, note="The reviewer's lease ran out.") is not None:
            count += 1
    return count
