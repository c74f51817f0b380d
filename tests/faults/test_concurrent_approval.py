"""Two editors approve the same verdict at the same moment: exactly one approval, one event.

Each editor is a thread with its own database connection, released together by a barrier,
on PostgreSQL (row locks, READ COMMITTED: the production database). Several rounds, so the
two really do overlap; the loser is refused as an illegal transition (409 over HTTP).
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from django.db import connection

from claims.models import ClaimEvent, Verdict
from claims.workflow import IllegalTransition, verdict_approve
from tests.claims.api.conftest import client_with_token
from tests.claims.helpers import bring_to

pytestmark = pytest.mark.postgres

ROUNDS = 8


def _at_once(*calls: Callable[[], object]) -> list[object]:
    """Run the calls in threads released together; each result, or the exception raised."""
    results: list[object] = [None] * len(calls)
    start = threading.Barrier(len(calls))

    def run(i: int) -> None:
        try:
            start.wait()
            results[i] = calls[i]()
        except BaseException as exc:
            results[i] = exc
        finally:
            connection.close()  # each thread had its own connection

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def _assert_approved_once(verdict: Verdict, winner) -> None:
    verdict.refresh_from_db()
    assert verdict.state == Verdict.State.APPROVED
    assert verdict.decided_by_id == winner.pk
    claim = verdict.claim
    claim.refresh_from_db()
    assert claim.status == "published" and claim.published_verdict_id == verdict.pk
    events = ClaimEvent.objects.filter(claim=claim, kind=ClaimEvent.Kind.APPROVED)
    assert list(events.values_list("actor_id", flat=True)) == [winner.pk]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_editors_approving_one_verdict_at_once_publish_it_once(
    on_postgres, make_claim, fact_checker, editor, other_editor
):
    for _ in range(ROUNDS):
        claim = bring_to(
            "pending_approval", make_claim=make_claim, checker=fact_checker, editor=editor
        )
        verdict = claim.verdicts.get(state="proposed")
        results = _at_once(
            lambda v=verdict: verdict_approve(verdict=v.pk, actor=editor),
            lambda v=verdict: verdict_approve(verdict=v.pk, actor=other_editor),
        )
        approved = [r for r in results if isinstance(r, Verdict)]
        refused = [r for r in results if isinstance(r, IllegalTransition)]
        assert len(approved) == 1 and len(refused) == 1, results
        _assert_approved_once(verdict, editor if results[0] is approved[0] else other_editor)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_editors_pressing_approve_at_once_over_http_get_one_200_and_one_409(
    on_postgres, make_claim, fact_checker, editor, other_editor
):
    clients = {e: client_with_token(e, "review") for e in (editor, other_editor)}
    for _ in range(ROUNDS):
        claim = bring_to(
            "pending_approval", make_claim=make_claim, checker=fact_checker, editor=editor
        )
        verdict = claim.verdicts.get(state="proposed")
        url = f"/api/v1/verdicts/{verdict.pk}/approve/"
        responses = _at_once(
            *(lambda c=c, u=url: c.post(u, {"note": ""}, format="json") for c in clients.values())
        )
        codes = [getattr(r, "status_code", r) for r in responses]
        assert sorted(codes) == [200, 409], codes
        loser = responses[codes.index(409)]
        assert loser["Content-Type"] == "application/problem+json"
        assert loser.json()["code"] == "illegal_transition"
        _assert_approved_once(verdict, list(clients)[codes.index(200)])
