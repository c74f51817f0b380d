"""Fact-checkers pressing "take next" at the same moment over HTTP, on PostgreSQL."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from claims import roles
from claims.workflow import claim_create, claim_triage
from reviewers.models import Assignment, ReviewQueue
from tests.claims.api.conftest import client_with_token
from tests.conftest import make_user

CHECKERS = 4
CLAIMS = 60


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_fact_checkers_taking_next_at_once_never_share_a_claim():
    if connection.vendor != "postgresql":
        pytest.skip("this run uses SQLite; the PostgreSQL run (DATABASE_URL) covers it")
    queue = ReviewQueue.objects.get(slug="general")
    checkers = [make_user(f"api-checker{i}", roles.FACT_CHECKERS) for i in range(CHECKERS)]
    queue.members.add(*checkers)
    editor = make_user("api-editor", roles.EDITORS)
    for n in range(CLAIMS):
        claim_triage(claim=claim_create(text=f"Claim {n} about the truce."), actor=editor)
    clients = [client_with_token(c, "review") for c in checkers]

    taken: dict[int, list[int]] = {i: [] for i in range(CHECKERS)}
    errors: list[BaseException] = []
    start = threading.Barrier(CHECKERS)

    def work(i: int) -> None:
        try:
            start.wait()
            while (response := clients[i].post("/api/v1/next/")).status_code == 200:
                taken[i].append(response.json()["id"])
            assert response.status_code == 204, response.content
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(i,)) for i in range(CHECKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert not errors, errors
    all_taken = [pk for pks in taken.values() for pk in pks]
    assert sorted(all_taken) == sorted(set(all_taken)) and len(all_taken) == CLAIMS
    owners = dict(
        Assignment.objects.filter(ended_at__isnull=True).values_list("claim_id", "reviewer_id")
    )
    for i, pks in taken.items():
        assert all(owners[pk] == checkers[i].pk for pk in pks)
