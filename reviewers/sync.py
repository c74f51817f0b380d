"""Keeping the process rows in step with the claim's state machine: the reviewers app's
receivers of the workflow's signals (wired in ``reviewers.apps``; the whole list, in
order, is in the ``claims.workflow`` docstring).

``claims.workflow`` owns every status change and sends ``claim_transitioned`` inside its
transaction; ``on_claim_transitioned`` writes the process rows (queue entry, assignment,
lease) in that same transaction, so a claim in review always has exactly one open
assignment. ``on_claim_created`` routes a claim that scores high enough at once;
``on_claim_event_saved`` renews the holder's lease when they work on the claim.

Nothing here is called by a view or a task: the actions are in ``reviewers.services``.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import DateTimeField, Value
from django.db.models.functions import Greatest
from django.utils import timezone

from claims.models import Claim, ClaimEvent
from claims.workflow import TRANSITIONS, Action, InvalidInput, UnknownReference, claim_triage
from reviewers.models import Assignment, QueueEntry, ReviewQueue
from reviewers.routing import route
from reviewers.take import lease_duration, priority_time


def queue_for(slug: str | None, claim: Claim | None = None) -> ReviewQueue:
    """The named queue; else the one the routing rules choose for ``claim``."""
    if slug:
        queue = ReviewQueue.objects.filter(slug=slug).first()
        if queue is None:
            raise UnknownReference(f"There is no review queue {slug!r}.", field="queue")
        return queue
    queue = route(claim) if claim is not None else None
    queue = queue or ReviewQueue.objects.filter(is_default=True).first()
    if queue is None:
        raise InvalidInput("No default review queue is set; mark one as default in the admin.")
    return queue


def _enter_queue(claim: Claim, queue: ReviewQueue) -> QueueEntry:
    now = timezone.now()
    due_at = now + timedelta(hours=queue.sla_hours)
    entry, _ = QueueEntry.objects.update_or_create(
        claim=claim,
        defaults={
            "queue": queue,
            "entered_at": now,
            "due_at": due_at,
            "priority_at": priority_time(due_at, claim.checkworthiness),
            "waiting": True,
        },
    )
    return entry


def _end_open_assignment(claim: Claim, reason: str) -> int:
    return Assignment.objects.filter(claim=claim, ended_at__isnull=True).update(
        ended_at=timezone.now(), end_reason=reason
    )


# The moves into or out of ``queued``: after each, the claim's entry says whether it waits.
_QUEUE_MOVES = frozenset(
    action
    for action, t in TRANSITIONS.items()
    if t.target == Claim.Status.QUEUED or Claim.Status.QUEUED in t.sources
)


def _set_waiting(claim: Claim) -> int | None:
    """Mark the claim's entry waiting exactly while the claim is queued; its queue's id.

    One ``UPDATE ... RETURNING`` (PostgreSQL; SQLite 3.35 or newer): an assignment records
    the queue the claim was taken from, and reading it in a statement of its own cost one
    more on every take. None: the claim has no entry. An entry loaded with the claim (take-
    next reads them together) is kept in step, so the claim it hands back is not stale.
    """
    meta, quote = QueueEntry._meta, connection.ops.quote_name
    waiting, claim_id, queue_id = (
        quote(meta.get_field(name).column) for name in ("waiting", "claim", "queue")
    )
    is_waiting = claim.status == Claim.Status.QUEUED
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {quote(meta.db_table)} SET {waiting} = %s WHERE {claim_id} = %s "
            f"RETURNING {queue_id}",
            [is_waiting, claim.pk],
        )
        row = cursor.fetchone()
    loaded = Claim.queue_entry.related.get_cached_value(claim, default=None)
    if loaded is not None:
        loaded.waiting = is_waiting
    return row[0] if row else None


def on_claim_transitioned(
    *, claim: Claim, event: ClaimEvent, action: Action, take_recorded: bool = False, **_: Any
) -> None:
    """``claim_transitioned`` receiver: the queue entry, the assignment and its lease."""
    if take_recorded:
        # Take-next on PostgreSQL (reviewers.take.take_in_one_statement) wrote the entry's
        # flag and the Assignment in the statement that took the claim.
        return
    now = timezone.now()
    queue_id = None  # the claim's queue, as the flag update reads it (for assign)
    if action in _QUEUE_MOVES and action not in (Action.TRIAGE, Action.REOPEN):
        # Assign and merge leave the queue, release and expire return to it. Triage and
        # reopen go through _enter_queue below, which sets the flag with the new times.
        queue_id = _set_waiting(claim)
    if action == Action.TRIAGE:
        _enter_queue(claim, queue_for(event.data.get("queue"), claim))
    elif action == Action.ASSIGN:
        Assignment.objects.create(
            claim=claim,
            reviewer=claim.assignee,
            queue_id=queue_id,
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
        _enter_queue(claim, entry.queue if entry else queue_for(None, claim))


def on_claim_created(*, claim: Claim, **_: Any) -> None:
    """``claim_created`` receiver: claims that score at least ``AUTO_QUEUE_THRESHOLD`` skip
    triage, routed at once."""
    threshold = settings.AUTO_QUEUE_THRESHOLD
    if threshold is None or claim.checkworthiness is None:
        return
    if claim.status != Claim.Status.CANDIDATE:  # auto-linked as a repeat (claims.matching)
        return
    if claim.checkworthiness >= threshold and route(claim) is not None:
        claim_triage(claim=claim, actor=None, note="Routed on creation by score.")


# Events that are the holder working on the claim. A new assignment already has a fresh
# lease, and the transitions that end or restart the lease are handled by
# on_claim_transitioned.
_ACTIVITY = frozenset({ClaimEvent.Kind.SOURCE_ADDED, ClaimEvent.Kind.SOURCE_REMOVED})


def on_claim_event_saved(*, instance: ClaimEvent, created: bool, **_: Any) -> None:
    """``post_save`` receiver (``ClaimEvent``): activity by the assignee renews their
    lease, in the same transaction as the event. One UPDATE, which touches nothing unless
    the actor holds the claim's open assignment."""
    if not created or instance.actor_id is None or instance.kind not in _ACTIVITY:
        return
    expiry = Value(timezone.now() + lease_duration(), output_field=DateTimeField())
    # GREATEST rather than ``lease_expires_at < expiry`` in the WHERE: given that range,
    # PostgreSQL (on statistics taken while most leases lay beyond it) walked the lease
    # index on every source added (README, "Benchmarks") instead of reading the claim's
    # one open assignment. Without it, only the claim and reviewer columns can pick a row.
    Assignment.objects.filter(
        claim_id=instance.claim_id, reviewer_id=instance.actor_id, ended_at__isnull=True
    ).update(lease_expires_at=Greatest("lease_expires_at", expiry))
