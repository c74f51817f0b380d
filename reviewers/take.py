"""Take-next: the priority order of the queues and "give me the next claim", on the two
paths that serve it side by side (the ORM on SQLite, one statement on PostgreSQL).

Priority: a queued claim's ``priority_at`` is its SLA due time (entered + the queue's SLA
hours) brought forward by its check-worthiness: ``due_at - checkworthiness * BOOST``, with
``BOOST`` = ``QUEUE_PRIORITY_BOOST_HOURS`` (default 12 h). Take-next serves the earliest
``priority_at`` first, so older claims and claims closer to breaching their SLA come
first, and among claims that entered together the more check-worthy one wins. Ties go to
the lower id (first in).

The two paths write the same rows (tests/reviewers/test_take.py compares them):

- ``take_with_orm``: the waiting entry and its claim locked, then
  ``claims.workflow.claim_assign_locked``, whose ``claim_transitioned`` receiver
  (``reviewers.sync``) marks the entry no longer waiting and opens the ``Assignment``.
  SQLite's path, and the reference the statement is tested against.
- ``take_in_one_statement``: PostgreSQL. Under load every round trip costs a reviewer a
  wait for a CPU as well as the trip itself. The ORM take is eight round trips (BEGIN, the
  queue ids, the locked entry and claim, UPDATE claim, INSERT event, UPDATE entry, INSERT
  assignment, COMMIT), this statement three with its BEGIN/COMMIT, with a fraction of the
  client CPU; with many reviewers working flat out its latency is several times lower
  (bench/take_next.py --generated [--take orm]; figures in README "Benchmarks").

The statement does what ``_lock_next_entry``, ``claims.workflow.claim_assign_locked`` and
the sync receiver do for a take:

- the most urgent waiting entry of the user's active queues (or of ``queue``, if they are
  a member of it) and its claim, both locked with ``SKIP LOCKED``, the claim still queued;
- the claim in review with its assignee; the ``assigned`` history event; the entry no
  longer waiting; the ``Assignment`` with its lease, from the entry's queue.

Then, in the same transaction, ``claim_transitioned`` is sent as for every transition, with
``take_recorded=True``: the sync receiver knows the entry and the assignment are written;
every other receiver (notifications, webhooks, any added later) runs as usual, and one that
fails rolls the take back. The permission check happens before (``assign_next``).

The queue ids are read inside the statement. For a reviewer in several queues the plan is
the one the ORM path has (the waiting entries in priority order, filtered by queue); for a
reviewer in one queue the ORM path could use the per-queue index instead, which only
matters when that queue holds a tiny share of everything waiting.

This module imports nothing else of the reviewers app but its models: ``reviewers.sync``
(for ``priority_time`` and ``lease_duration``) and ``reviewers.services`` (for
``lease_duration``) import it.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from claims.models import Claim, ClaimEvent
from claims.types import User
from claims.workflow import (
    TRANSITIONS,
    Action,
    IllegalTransition,
    claim_assign_locked,
    claim_transitioned,
    require_may_assign,
)
from reviewers.models import QueueEntry, ReviewQueue

# A take that loses a race anyway (not expected: see _lock_next_entry) is retried this often.
_TAKE_ATTEMPTS = 5


def priority_time(due_at: datetime, checkworthiness: float | None) -> datetime:
    boost = getattr(settings, "QUEUE_PRIORITY_BOOST_HOURS", 12.0)
    return due_at - timedelta(hours=boost * (checkworthiness or 0.0))


def lease_duration() -> timedelta:
    """How long a reviewer holds a claim they took before it returns to its queue."""
    return timedelta(hours=settings.ASSIGNMENT_LEASE_HOURS)


def assign_next(user: User, queue: ReviewQueue | None = None) -> Claim | None:
    """Give ``user`` the most urgent queued claim from their queues (or from ``queue``).

    On PostgreSQL the candidate row is locked with ``SKIP LOCKED``, so concurrent
    reviewers each get a different claim without waiting on each other, and the whole take
    is one statement (``take_in_one_statement``: a round trip is what a take costs most
    under load). On SQLite every write transaction takes the database lock at its start
    (IMMEDIATE), so takes run one after another. Either way the claim is assigned under
    its lock, after its status is checked again, so a claim is never handed out twice.
    Returns None when nothing is waiting; raises ``ActionNotPermitted`` for a user who may
    not take claims, before anything is locked (and without a permission query under the
    lock: the user's permissions are cached on it by then).
    """
    require_may_assign(actor=user, assignee=user)
    if connection.vendor == "postgresql":
        return take_in_one_statement(user, queue)
    return take_with_orm(user, queue)


# --- the ORM path (SQLite; the reference) --------------------------------------------------


def takeable_entries(user: User, queue: ReviewQueue | None = None):
    """The waiting entries of ``user``'s active queues (or of ``queue``), most urgent first.

    The queue ids are read first (one small query) so that the entry query is a plain
    ``queue_id IN (...) AND waiting`` that PostgreSQL reads in order from a partial index
    (``queueentry_take_next`` for one queue, ``queueentry_waiting_priority`` across
    several), with no sort. Filtering through the membership join on the claim status
    made it scan and sort every entry, taken or published ones included. The claim status
    check stays as a guard (the assignment re-checks it on the locked claim anyway).
    """
    queues = ReviewQueue.objects.filter(members=user, is_active=True)
    if queue is not None:
        queues = queues.filter(pk=queue.pk)
    queue_ids = list(queues.values_list("pk", flat=True))
    return QueueEntry.objects.filter(
        queue_id__in=queue_ids, waiting=True, claim__status=Claim.Status.QUEUED
    ).order_by("priority_at", "id")


def _lock_next_entry(user: User, queue: ReviewQueue | None) -> QueueEntry | None:
    """The most urgent takeable entry with its whole claim, both locked (or None).

    On PostgreSQL the entry and the claim row are locked together (``OF`` both) with
    ``SKIP LOCKED``. Locking only the entry let a statement whose snapshot predated another
    reviewer's commit lock the entry just released and still see its claim as queued: a
    lost race, and after _TAKE_ATTEMPTS of them a reviewer was told "nothing waiting"
    while claims were. With the claim locked, PostgreSQL re-checks the status on the
    newest row version and moves on to the next entry instead, and the claim it returns is
    that newest version: the assignment uses it as read, without locking it again. On
    SQLite the IMMEDIATE transaction already holds the database's write lock.
    """
    entries = takeable_entries(user, queue).select_related("claim")
    if connection.features.has_select_for_update_skip_locked:
        entries = entries.select_for_update(skip_locked=True, of=("self", "claim"))
    return entries.first()


def take_with_orm(user: User, queue: ReviewQueue | None = None) -> Claim | None:
    """``assign_next`` through the ORM and the workflow service: SQLite's path (and the
    reference the PostgreSQL statement is tested against). The caller checked the user."""
    for _ in range(_TAKE_ATTEMPTS):
        try:
            with transaction.atomic():
                entry = _lock_next_entry(user, queue)
                if entry is None:
                    return None
                return claim_assign_locked(claim=entry.claim, actor=user, assignee=user)
        except IllegalTransition:
            # Not expected: the claim was locked and found queued. Should a race slip
            # through anyway, it costs the reviewer a retry, not an error.
            continue
    return None


# --- one statement (PostgreSQL) ------------------------------------------------------------

_ASSIGN = TRANSITIONS[Action.ASSIGN]
(_FROM_STATUS,) = _ASSIGN.sources  # a take only ever moves a queued claim

_CLAIM_COLUMNS = ", ".join(f'c."{field.column}"' for field in Claim._meta.concrete_fields)

_MEMBER_QUEUES = """
    SELECT m.reviewqueue_id FROM reviewers_reviewqueue_members m
    JOIN reviewers_reviewqueue q ON q.id = m.reviewqueue_id
    WHERE m.user_id = %(user)s AND q.is_active"""
_STATEMENT = f"""
WITH picked AS MATERIALIZED (
    SELECT e.claim_id, e.queue_id
    FROM reviewers_queueentry e JOIN claims_claim c ON c.id = e.claim_id
    WHERE e.waiting AND c.status = %(from_status)s AND {{queues}}
    ORDER BY e.priority_at, e.id
    LIMIT 1
    FOR UPDATE OF e, c SKIP LOCKED
), taken AS (
    UPDATE claims_claim c
    SET status = %(to_status)s, assignee_id = %(user)s, updated_at = %(now)s
    FROM picked WHERE c.id = picked.claim_id
    RETURNING {_CLAIM_COLUMNS}
), entry AS (
    UPDATE reviewers_queueentry e SET waiting = false
    FROM picked WHERE e.claim_id = picked.claim_id
), event AS (
    INSERT INTO claims_claimevent
        (claim_id, actor_id, kind, from_status, to_status, verdict_id, note, data, created_at)
    SELECT claim_id, %(user)s, %(kind)s, %(from_status)s, %(to_status)s, NULL, '',
        %(data)s::jsonb, %(now)s
    FROM picked
    RETURNING id
), assignment AS (
    INSERT INTO reviewers_assignment
        (claim_id, reviewer_id, queue_id, assigned_by_id, assigned_at, lease_expires_at,
         ended_at, end_reason)
    SELECT claim_id, %(user)s, queue_id, %(user)s, %(now)s, %(lease_expires_at)s, NULL, ''
    FROM picked
)
SELECT taken.*, event.id AS take_event_id FROM taken, event
"""

_ANY_QUEUE = _STATEMENT.format(queues=f"e.queue_id = ANY(ARRAY({_MEMBER_QUEUES}))")
# With the queue given, its id is in the statement, so the per-queue index serves it.
_ONE_QUEUE = _STATEMENT.format(
    queues=f"e.queue_id = %(queue)s AND e.queue_id IN ({_MEMBER_QUEUES})"
)


def take_in_one_statement(user: User, queue: ReviewQueue | None = None) -> Claim | None:
    """Assign ``user`` the most urgent queued claim of their queues, or return None.

    Precondition: PostgreSQL; ``user`` may take claims (checked by the caller). Effect: as
    ``assign_next`` on any database (see the module docstring).
    """
    now = timezone.now()
    data = {"assignee": user.pk}
    params = {
        "user": user.pk,
        "queue": queue.pk if queue is not None else None,
        "from_status": _FROM_STATUS,
        "to_status": _ASSIGN.target,
        "kind": _ASSIGN.event,
        "data": json.dumps(data),
        "now": now,
        "lease_expires_at": now + lease_duration(),
    }
    sql = _ANY_QUEUE if queue is None else _ONE_QUEUE
    with transaction.atomic():
        taken = list(Claim.objects.raw(sql, params))
        if not taken:
            return None
        (claim,) = taken
        event = ClaimEvent(
            pk=claim.take_event_id,
            claim=claim,
            actor=user,
            kind=_ASSIGN.event,
            from_status=_FROM_STATUS,
            to_status=_ASSIGN.target,
            note="",
            data=data,
            created_at=now,
        )
        event._state.adding = False
        event._state.db = connection.alias
        del claim.take_event_id
        claim.assignee = user
        claim_transitioned.send(
            sender=Claim, claim=claim, event=event, action=Action.ASSIGN, take_recorded=True
        )
    return claim
