"""Editors assign and reassign; a reviewer's activity keeps their lease alive."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from claims.workflow import (
    ActionNotPermitted,
    IllegalTransition,
    claim_add_source,
    claim_remove_source,
    claim_triage,
)
from reviewers.models import Assignment
from reviewers.services import (
    assignment_renew_lease,
    claim_give,
    claim_reassign,
    claims_bulk_assign,
    expire_leases,
)


@pytest.fixture(autouse=True)
def _no_auto_routing(settings):
    settings.AUTO_QUEUE_THRESHOLD = None


def test_editor_reassigns_a_claim_in_review(
    claim_in_review, editor, fact_checker, other_fact_checker
):
    claim_reassign(
        claim=claim_in_review, actor=editor, assignee=other_fact_checker, note="Away today."
    )
    claim_in_review.refresh_from_db()
    assert (claim_in_review.status, claim_in_review.assignee) == ("in_review", other_fact_checker)
    old, new = Assignment.objects.filter(claim=claim_in_review).order_by("id")
    assert (old.reviewer, old.end_reason) == (fact_checker, "reassigned")
    assert (new.reviewer, new.assigned_by, new.is_open) == (other_fact_checker, editor, True)
    kinds = list(
        claim_in_review.events.filter(kind__in=["released", "assigned"])
        .order_by("id")
        .values_list("kind", "actor", "data")
    )
    assert kinds == [
        ("assigned", fact_checker.pk, {"assignee": fact_checker.pk}),
        ("released", editor.pk, {"assignee": fact_checker.pk}),
        ("assigned", editor.pk, {"assignee": other_fact_checker.pk}),
    ]


def test_fact_checker_cannot_reassign(claim_in_review, fact_checker, other_fact_checker):
    with pytest.raises(ActionNotPermitted):
        claim_reassign(claim=claim_in_review, actor=fact_checker, assignee=other_fact_checker)
    assert Assignment.objects.get(claim=claim_in_review).is_open


def test_reassign_to_the_holder_or_from_the_wrong_state_is_refused(
    claim_in_review, make_claim, editor, fact_checker
):
    with pytest.raises(IllegalTransition):
        claim_reassign(claim=claim_in_review, actor=editor, assignee=fact_checker)
    with pytest.raises(IllegalTransition):
        claim_reassign(claim=make_claim(), actor=editor, assignee=fact_checker)


def test_reassign_to_someone_who_cannot_review_rolls_back(claim_in_review, editor, consumer):
    with pytest.raises(ActionNotPermitted):
        claim_reassign(claim=claim_in_review, actor=editor, assignee=consumer)
    assert Assignment.objects.get(claim=claim_in_review).is_open
    assert not claim_in_review.events.filter(kind="released").exists()


def test_bulk_assign_gives_queued_and_in_review_claims(
    make_claim, claim_in_review, editor, other_fact_checker
):
    queued, candidate = make_claim(), make_claim()
    claim_triage(claim=queued, actor=editor)
    results = claims_bulk_assign(
        claim_ids=[queued.pk, claim_in_review.pk, candidate.pk],
        actor=editor,
        assignee=other_fact_checker,
    )
    assert [(r.ok, r.status) for r in results] == [
        (True, "in_review"),
        (True, "in_review"),
        (False, "candidate"),
    ]
    assert results[2].error == "Cannot assign a claim that is candidate."
    assert set(
        Assignment.objects.filter(ended_at__isnull=True).values_list("claim_id", "reviewer_id")
    ) == {(queued.pk, other_fact_checker.pk), (claim_in_review.pk, other_fact_checker.pk)}


def test_bulk_assign_needs_an_editor(make_claim, fact_checker, other_fact_checker):
    with pytest.raises(ActionNotPermitted):
        claims_bulk_assign(claim_ids=[make_claim().pk], actor=fact_checker, assignee=fact_checker)


def test_give_a_queued_claim_assigns_it(make_claim, editor, fact_checker):
    claim = make_claim()
    claim_triage(claim=claim, actor=editor)
    claim_give(claim=claim, actor=editor, assignee=fact_checker)
    assert Assignment.objects.get(claim=claim).assigned_by == editor


def _lease(claim):
    return Assignment.objects.get(claim=claim, ended_at__isnull=True).lease_expires_at


def _age_lease(claim, hours):
    Assignment.objects.filter(claim=claim, ended_at__isnull=True).update(
        lease_expires_at=timezone.now() + timedelta(hours=hours)
    )


def test_adding_a_source_renews_the_holders_lease(claim_in_review, fact_checker, settings):
    settings.ASSIGNMENT_LEASE_HOURS = 2
    _age_lease(claim_in_review, 0.1)
    source = claim_add_source(claim=claim_in_review, actor=fact_checker, url="https://a.example/")
    assert _lease(claim_in_review) > timezone.now() + timedelta(hours=1.9)
    _age_lease(claim_in_review, 0.1)
    claim_remove_source(source=source, actor=fact_checker)
    assert _lease(claim_in_review) > timezone.now() + timedelta(hours=1.9)
    assert expire_leases(now=timezone.now() + timedelta(hours=1)) == 0


def test_activity_never_shortens_a_longer_lease(claim_in_review, fact_checker, settings):
    settings.ASSIGNMENT_LEASE_HOURS = 2
    _age_lease(claim_in_review, 10)  # e.g. an editor's longer lease
    before = _lease(claim_in_review)
    claim_add_source(claim=claim_in_review, actor=fact_checker, url="https://c.example/")
    assert _lease(claim_in_review) == before


def test_someone_elses_activity_does_not_renew_the_lease(claim_in_review, editor):
    _age_lease(claim_in_review, 0.1)
    before = _lease(claim_in_review)
    claim_add_source(claim=claim_in_review, actor=editor, url="https://b.example/")
    assert _lease(claim_in_review) == before


def test_holder_renews_explicitly_others_may_not(claim_in_review, fact_checker, editor):
    _age_lease(claim_in_review, 0.1)
    assignment_renew_lease(claim=claim_in_review, actor=fact_checker)
    assert _lease(claim_in_review) > timezone.now() + timedelta(hours=1.9)
    with pytest.raises(ActionNotPermitted):
        assignment_renew_lease(claim=claim_in_review, actor=editor)


def test_renewing_an_unassigned_claim_is_illegal(make_claim, fact_checker):
    with pytest.raises(IllegalTransition):
        assignment_renew_lease(claim=make_claim(), actor=fact_checker)
