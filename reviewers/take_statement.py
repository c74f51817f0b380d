"""Take-next in one statement, on PostgreSQL.

Under load every round trip costs a reviewer a wait for a CPU as well as the trip itself.
With 16 reviewers working flat out on two cores at 1M claims, the ORM take (BEGIN, the
queue ids, the locked entry and claim, UPDATE claim, INSERT event, UPDATE entry, INSERT
assignment, COMMIT: ~3.3 ms of client CPU alone) measured p50/p95 55/84 ms, this statement
inside BEGIN/COMMIT (~0.9 ms of client CPU) 12/23 ms, in the same session
(bench/take_next.py --generated [--take orm]; README "Benchmarks").

The statement does what ``queues._lock_next_entry``, ``claims.workflow.claim_assign_locked``
and the reviewers app's ``claim_transitioned`` receiver do for a take, and writes the same
rows (tests/reviewers/test_take_statement.py compares them with the ORM path's):

- the most urgent waiting entry of the user's active queues (or of ``queue``, if they are
  a member of it) and its claim, both locked with ``SKIP LOCKED``, the claim still queued;
- the claim in review with its assignee; the ``assigned`` history event; the entry no
  longer waiting; the ``Assignment`` with its lease, from the entry's queue.

Then, in the same transaction, ``claim_transitioned`` is sent as for every transition, with
``take_recorded=True``: the reviewers app's receiver knows the entry and the assignment
are written; every other receiver (notifications, webhooks, any added later) runs as usual,
and one that fails rolls the take back. The permission check happens before (see
``queues.assign_next``). SQLite takes the ORM path, which its IMMEDIATE transactions
serialize anyway.

The queue ids are read inside the statement. For a reviewer in several queues the plan is
the one the ORM path has (the waiting entries in priority order, filtered by queue); for a
reviewer in one queue the ORM path could use the per-queue index instead, which only
matters when that queue holds a tiny share of everything waiting.
"""

from __future__ import annotations

import json
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from claims.models import Claim, ClaimEvent
from claims.workflow import TRANSITIONS, Action, claim_transitioned
from reviewers.models import ReviewQueue
from reviewers.services import lease_duration

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


def take_in_one_statement(user: Any, queue: ReviewQueue | None = None) -> Claim | None:
    """Assign ``user`` the most urgent queued claim of their queues, or return None.

    Precondition: PostgreSQL; ``user`` may take claims (checked by the caller). Effect: as
    ``queues.assign_next`` on any database (see the module docstring).
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
