"""Take-next as one statement on PostgreSQL writes what the ORM path writes.

The rest of take-next's behaviour (order, queues, permissions, all-or-nothing, races) is
tested through ``assign_next`` in test_queues.py and test_concurrency.py, which take the
statement on PostgreSQL and the ORM path on SQLite; CI runs both.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection

from claims import permissions
from claims.models import Claim, ClaimEvent
from claims.workflow import claim_create, claim_transitioned, claim_triage
from reviewers.models import Assignment, QueueEntry, ReviewQueue
from reviewers.take import assign_next, take_in_one_statement, take_with_orm, takeable_entries

pytestmark = pytest.mark.postgres


@pytest.fixture(autouse=True)
def _postgres_only(db):
    if connection.vendor != "postgresql":
        pytest.skip("this run uses SQLite; the PostgreSQL run (DATABASE_URL) covers it")


@pytest.fixture
def desk(fact_checker, editor, settings):
    settings.AUTO_QUEUE_THRESHOLD = None
    general = ReviewQueue.objects.get(is_default=True)
    general.members.add(fact_checker)
    assert permissions.can_review(fact_checker)
    return general


def queued(text: str, editor, queue: str | None = None) -> Claim:
    claim = claim_create(text=text)
    claim_triage(claim=claim, actor=editor, queue=queue)
    return claim


def written(claim: Claim) -> dict:
    """Everything a take wrote about ``claim``, with its own ids and times taken out."""
    claim.refresh_from_db()
    event = ClaimEvent.objects.get(claim=claim, kind="assigned")
    assignment = Assignment.objects.get(claim=claim)
    return {
        "claim": (claim.status, claim.assignee_id),
        "event": (
            event.actor_id,
            event.from_status,
            event.to_status,
            event.verdict_id,
            event.note,
            event.data,
        ),
        "assignment": (
            assignment.reviewer_id,
            assignment.assigned_by_id,
            assignment.queue_id,
            assignment.lease_expires_at - assignment.assigned_at,
            assignment.ended_at,
            assignment.end_reason,
        ),
        "waiting": QueueEntry.objects.get(claim=claim).waiting,
        # The ORM path reads the clock twice (event, then assignment); the statement once.
        "same_moment": abs(event.created_at - assignment.assigned_at) < timedelta(seconds=1),
    }


def test_the_statement_writes_what_the_orm_path_writes(desk, fact_checker, editor):
    first = queued("The truce has held for seventy years.", editor)
    second = queued("Exports rose by a fifth last year.", editor)

    by_orm = take_with_orm(fact_checker)
    by_statement = take_in_one_statement(fact_checker)

    assert (by_orm.pk, by_statement.pk) == (first.pk, second.pk)
    orm, statement = written(by_orm), written(by_statement)
    assert statement == orm
    assert statement["claim"] == (Claim.Status.IN_REVIEW, fact_checker.pk)
    assert statement["assignment"][2] == desk.pk and not statement["waiting"]


def test_the_claim_handed_back_is_the_row_as_written(desk, fact_checker, editor):
    queued("The truce has held for seventy years.", editor)
    synced_before = Claim.objects.values_list("synced_at", flat=True).get()

    taken = take_in_one_statement(fact_checker)

    fresh = Claim.objects.get(pk=taken.pk)
    for field in Claim._meta.concrete_fields:
        assert getattr(taken, field.attname) == getattr(fresh, field.attname), field.name
    assert fresh.synced_at > synced_before  # the sync-key trigger ran on the UPDATE
    assert taken.assignee == fact_checker
    assert not hasattr(taken, "take_event_id")


def test_receivers_hear_the_take_with_the_event_as_stored(desk, fact_checker, editor):
    claim = queued("The truce has held for seventy years.", editor)
    heard = []

    def listen(*, claim, event, action, **kwargs):
        heard.append((claim.pk, event, action, kwargs.get("take_recorded")))

    claim_transitioned.connect(listen, dispatch_uid="test-listen-take")
    try:
        take_in_one_statement(fact_checker)
    finally:
        claim_transitioned.disconnect(dispatch_uid="test-listen-take")

    ((claim_pk, event, action, recorded),) = heard
    stored = ClaimEvent.objects.get(claim=claim, kind="assigned")
    assert (claim_pk, action, recorded) == (claim.pk, "assign", True)
    assert (event.pk, event.actor_id, event.data, event.created_at) == (
        stored.pk,
        stored.actor_id,
        stored.data,
        stored.created_at,
    )
    assert Assignment.objects.filter(claim=claim).count() == 1  # not a second one


def test_a_given_queue_is_served_only_to_its_members(desk, fact_checker, editor):
    other = ReviewQueue.objects.create(name="Security", slug="security", order=1)
    in_other = queued("NATO troops moved to the border.", editor, queue="security")

    assert take_in_one_statement(fact_checker, queue=other) is None  # not a member
    other.members.add(fact_checker)
    other.is_active = False
    other.save()
    assert take_in_one_statement(fact_checker, queue=other) is None  # not active
    other.is_active = True
    other.save()
    assert take_in_one_statement(fact_checker, queue=other).pk == in_other.pk


def test_the_statement_follows_the_priority_order(desk, fact_checker, editor):
    claims = [queued(f"Claim {n}: the truce has held for {n} years.", editor) for n in range(6)]
    # Make the order differ from the insertion order.
    for n, claim in enumerate(claims):
        QueueEntry.objects.filter(claim=claim).update(
            priority_at=QueueEntry.objects.get(claim=claim).priority_at
            - timedelta(minutes=(n * 7) % 5)
        )
    expected = list(takeable_entries(fact_checker).values_list("claim_id", flat=True))

    taken = []
    while (claim := assign_next(fact_checker)) is not None:
        taken.append(claim.pk)

    assert taken == expected and sorted(taken) == sorted(c.pk for c in claims)
