"""What the hot review steps cost in SQL statements, pinned.

Under many concurrent reviewers every statement of a step adds to everyone's latency, so a
new statement in one of these steps should be a decision, not an accident. The counts are
the same on PostgreSQL and SQLite; in a test the transaction is a SAVEPOINT pair.
"""

from __future__ import annotations

import pytest
from django.core.exceptions import ObjectDoesNotExist

from claims import permissions
from claims.models import ClaimEvent, Verdict
from claims.workflow import (
    IllegalTransition,
    claim_add_source,
    claim_propose_verdict,
    verdict_approve,
    verdict_withdraw,
)
from reviewers.models import Assignment
from tests.claims.helpers import bring_to, propose


@pytest.fixture
def warm(fact_checker, editor):
    """The desk and the API check the role at the door, which loads the permissions."""
    assert permissions.can_review(fact_checker) and permissions.can_triage(editor)


@pytest.fixture
def in_review(make_claim, fact_checker, editor, warm):
    return bring_to("in_review", make_claim=make_claim, checker=fact_checker, editor=editor)


def test_add_source_is_eight_statements(in_review, fact_checker, django_assert_num_queries):
    # BEGIN; lock the claim; is the URL attached already; INSERT the link; INSERT the event;
    # renew the holder's lease (reviewers); bump the claim's updated_at; COMMIT.
    with django_assert_num_queries(8):
        source = claim_add_source(
            claim=in_review, actor=fact_checker, url="https://stats.example.org/a"
        )
    event = ClaimEvent.objects.get(claim=in_review, kind="source_added")
    assert event.data["source"] == source.pk


def test_propose_is_eleven_statements(in_review, fact_checker, django_assert_num_queries):
    source = claim_add_source(claim=in_review, actor=fact_checker, url="https://e.example.org/1")
    # BEGIN; lock the claim; the rating; the cited links; the last version; INSERT verdict;
    # INSERT citations; UPDATE claim; INSERT event; the editors to tell, each marked whether
    # they belong to the claim's queue (reviewers.notifications, one query); COMMIT.
    with django_assert_num_queries(11):
        verdict = claim_propose_verdict(
            claim=in_review,
            actor=fact_checker,
            rating="false",
            headline="Wrong",
            summary="The records say otherwise.",
            sources=[source],
        )
    assert verdict.version == 1 and list(verdict.cited_sources.all()) == [source]


def test_approve_is_eleven_statements(in_review, fact_checker, editor, django_assert_num_queries):
    verdict = propose(in_review, fact_checker)
    # BEGIN; lock the claim found through the verdict; lock the verdict with its rating;
    # end its review hold, if any, saying whose it was (reviewers.review_holds, one
    # DELETE ... RETURNING); UPDATE verdict; UPDATE claim; INSERT event; the webhook
    # subscriptions; the verdict scale's numeric values, to tell whether the rating says
    # false (the ledger of anonymous reports suggests a contradiction then: one that does
    # not costs this one statement); end the assignment; COMMIT. No separate read of the
    # verdict's claim id or of its rating.
    with django_assert_num_queries(11):
        verdict_approve(verdict=verdict.pk, actor=editor)
    verdict.refresh_from_db()
    assert verdict.state == Verdict.State.APPROVED
    event = ClaimEvent.objects.get(claim=in_review, kind="approved")
    assert event.data == {"version": 1, "rating": "mostly_true"}
    assert not Assignment.objects.filter(claim=in_review, ended_at__isnull=True).exists()


def test_approving_a_correction_adds_the_superseded_verdict(
    make_claim, fact_checker, editor, warm, django_assert_num_queries
):
    claim = bring_to(
        "in_review_after_reopen", make_claim=make_claim, checker=fact_checker, editor=editor
    )
    verdict = propose(claim, fact_checker, rating="false")
    # The eleven above, and the previous verdict read and marked superseded; the rating
    # says false: the reports the claim speaks for (its confirmed links, its duplicates,
    # the reports among them: none here).
    with django_assert_num_queries(16):
        verdict_approve(verdict=verdict, actor=editor)
    event = ClaimEvent.objects.filter(claim=claim, kind="approved").last()
    assert event.data == {"version": 2, "rating": "false", "supersedes": 1}
    states = dict(claim.verdicts.values_list("version", "state"))
    assert states == {1: Verdict.State.SUPERSEDED, 2: Verdict.State.APPROVED}


def test_a_decided_verdict_is_read_under_the_claim_lock(in_review, fact_checker, editor):
    verdict = propose(in_review, fact_checker)
    verdict_approve(verdict=verdict, actor=editor)
    # The caller's copy is stale (still "proposed"): the services read it again, locked.
    with pytest.raises(IllegalTransition):
        verdict_withdraw(verdict=verdict, actor=fact_checker)


def test_a_missing_verdict_is_not_found(db, editor):
    # The API maps ObjectDoesNotExist to 404, whichever row the lookup missed.
    with pytest.raises(ObjectDoesNotExist):
        verdict_approve(verdict=999_999, actor=editor)
