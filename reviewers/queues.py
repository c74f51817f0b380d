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
from claims.workflow import IllegalTransition, claim_assign
from reviewers.models import QueueEntry, ReviewQueue

# A claim another reviewer took between our read and our lock is skipped, a few times.
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
    check stays as a guard (``claim_assign`` re-checks it under the claim's lock anyway).
    """
    queues = ReviewQueue.objects.filter(members=user, is_active=True)
    if queue is not None:
        queues = queues.filter(pk=queue.pk)
    queue_ids = list(queues.values_list("pk", flat=True))
    return QueueEntry.objects.filter(
        queue_id__in=queue_ids, waiting=True, claim__status=Claim.Status.QUEUED
    ).order_by("priority_at", "id")


def assign_next(user: Any, queue: ReviewQueue | None = None) -> Claim | None:
    """Give ``user`` the most urgent queued claim from their queues (or from ``queue``).

    On PostgreSQL the candidate row is locked with ``SKIP LOCKED``, so concurrent
    reviewers each get a different claim without waiting on each other. On SQLite every
    write transaction takes the database lock at its start (IMMEDIATE), so takes run one
    after another. Either way ``claim_assign`` locks the claim and re-checks its status,
    so a claim is never handed out twice. Returns None when nothing is waiting.
    """
    for _ in range(_TAKE_ATTEMPTS):
        with transaction.atomic():
            entries = takeable_entries(user, queue)
            if connection.features.has_select_for_update_skip_locked:
                # Lock the claim row too (OF both). Locking only the entry let a statement
                # whose snapshot predated another reviewer's commit lock the entry just
                # released and still see its claim as queued: a lost race, and after
                # _TAKE_ATTEMPTS of them a reviewer was told "nothing waiting" while
                # claims were. With the claim locked, PostgreSQL re-checks the status on
                # the newest row version and moves on to the next entry instead.
                entries = (
                    entries.select_related("claim")
                    .only("id", "claim__id", "claim__status")
                    .select_for_update(skip_locked=True, of=("self", "claim"))
                )
            entry = entries.first()
            if entry is None:
                return None
            claim_id = entry.claim_id
            try:
                return claim_assign(claim=claim_id, actor=user, assignee=user)
            except IllegalTransition:
                continue  # taken by someone else after our read; try the next one
    return None
