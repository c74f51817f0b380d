"""Many reviewers taking next from one queue at once, on PostgreSQL (SKIP LOCKED)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from claims import roles
from claims.models import Claim, ClaimEvent
from claims.workflow import claim_create, claim_triage
from reviewers.models import Assignment, ReviewQueue
from reviewers.take import assign_next
from tests.conftest import make_user

WORKERS = 8
CLAIMS = 500


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_take_next_hands_out_every_claim_exactly_once(settings):
    if connection.vendor != "postgresql":
        pytest.skip("this run uses SQLite; the PostgreSQL run (DATABASE_URL) covers it")
    settings.AUTO_QUEUE_THRESHOLD = None
    queue = ReviewQueue.objects.create(name="Breaking", slug="breaking")
    reviewers = [make_user(f"reviewer{i}", roles.FACT_CHECKERS) for i in range(WORKERS)]
    queue.members.add(*reviewers)
    editor = make_user("desk-editor", roles.EDITORS)
    for n in range(CLAIMS):
        claim = claim_create(text=f"Claim {n}: the truce has held for {n} years.")
        claim_triage(claim=claim, actor=editor, queue="breaking")

    taken: dict[int, list[int]] = {r.pk: [] for r in reviewers}
    errors: list[BaseException] = []
    start = threading.Barrier(WORKERS)

    def work(reviewer) -> None:
        try:
            start.wait()
            while (claim := assign_next(reviewer)) is not None:
                taken[reviewer.pk].append(claim.pk)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()  # each thread had its own connection

    threads = [threading.Thread(target=work, args=(r,)) for r in reviewers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert not errors, errors
    all_taken = [pk for pks in taken.values() for pk in pks]
    assert len(all_taken) == CLAIMS  # none lost
    assert len(set(all_taken)) == CLAIMS  # none handed out twice
    assert sum(1 for pks in taken.values() if pks) > 1  # the work really was shared

    assert Claim.objects.filter(status="in_review").count() == CLAIMS
    assignments = Assignment.objects.filter(ended_at__isnull=True)
    assert assignments.count() == CLAIMS
    by_claim = dict(assignments.values_list("claim_id", "reviewer_id"))
    for reviewer_pk, pks in taken.items():
        assert all(by_claim[pk] == reviewer_pk for pk in pks)
    assert all(a.lease_expires_at > a.assigned_at for a in assignments)
    events = ClaimEvent.objects.filter(kind="assigned")
    assert events.count() == CLAIMS
    assert dict(events.values_list("claim_id", "actor_id")) == by_claim
