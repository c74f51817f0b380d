"""Taking work: the priority order of a queue and "take the next claim".

Priority: a queued claim's ``priority_at`` is its SLA due time (entered + the queue's SLA
hours) brought forward by its check-worthiness: ``due_at - checkworthiness * BOOST``, with
``BOOST`` = ``QUEUE_PRIORITY_BOOST_HOURS`` (default 12 h). Take-next serves the earliest
``priority_at`` first, so older claims and claims closer to breaching their SLA come
first, and among claims that entered together the more check-worthy one wins. Ties go to
the lower id (first in).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import connection, transaction

from claims.models import Claim
from claims.workflow import IllegalTransition, claim_assign_locked, require_may_assign
from reviewers.models import QueueEntry, ReviewQueue

# A take that loses a race anyway (not expected: see _lock_next_entry) is retried this often.
_TAKE_ATTEMPTS = 5


def priority_time(due_at: datetime, checkworthiness: float | None) -> datetime:
    boost = getattr(settings, "QUEUE_PRIORITY_BOOST_HOURS", 12.0)
    return due_at - timedelta(hours=boost * (checkworthiness or 0.0))


def takeable_entries(user: Any, queue: ReviewQueue | None = None):
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


def _lock_next_entry(user: Any, queue: ReviewQueue | None) -> QueueEntry | None:
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


def assign_next(user: Any, queue: ReviewQueue | None = None) -> Claim | None:
    """Give ``user`` the most urgent queued claim from their queues (or from ``queue``).

    On PostgreSQL the candidate row is locked with ``SKIP LOCKED``, so concurrent
    reviewers each get a different claim without waiting on each other, and the whole take
    is one statement (``reviewers.take_statement``: a round trip is what a take costs most
    under load). On SQLite every write transaction takes the database lock at its start
    (IMMEDIATE), so takes run one after another. Either way the claim is assigned under
    its lock, after its status is checked again, so a claim is never handed out twice.
    Returns None when nothing is waiting; raises ``ActionNotPermitted`` for a user who may
    not take claims, before anything is locked (and without a permission query under the
    lock: the user's permissions are cached on it by then).
    """
    require_may_assign(actor=user, assignee=user)
    if connection.vendor == "postgresql":
        # Imported here: take_statement needs reviewers.services, which imports this module.
        from reviewers.take_statement import take_in_one_statement

        return take_in_one_statement(user, queue)
    return take_with_orm(user, queue)


def take_with_orm(user: Any, queue: ReviewQueue | None = None) -> Claim | None:
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
