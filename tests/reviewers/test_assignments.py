"""Queue entries and assignments follow the claim's transitions in the same transaction."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from claims.workflow import (
    InvalidInput,
    claim_assign,
    claim_release,
    claim_triage,
    verdict_approve,
)
from reviewers.models import Assignment, QueueEntry, ReviewQueue
from reviewers.services import expire_leases
from tests.claims.helpers import propose


@pytest.fixture
def desk_queue(db) -> ReviewQueue:
    return ReviewQueue.objects.create(name="Security", slug="security", sla_hours=6)


def test_triage_files_the_claim_in_the_default_queue(claim, editor):
    claim_triage(claim=claim, actor=editor)
    entry = QueueEntry.objects.get(claim=claim)
    assert entry.queue.slug == "general"
    assert entry.due_at - entry.entered_at == timedelta(hours=48)


def test_triage_to_a_named_queue(claim, editor, desk_queue):
    claim_triage(claim=claim, actor=editor, queue="security")
    assert QueueEntry.objects.get(claim=claim).queue == desk_queue
    assert claim.events.get(kind="triaged").data == {"queue": "security"}


def test_unknown_queue_rolls_the_whole_step_back(claim, editor):
    with pytest.raises(InvalidInput):
        claim_triage(claim=claim, actor=editor, queue="nope")
    claim.refresh_from_db()
    assert claim.status == "candidate"
    assert list(claim.events.values_list("kind", flat=True)) == ["created"]


def test_assign_opens_one_assignment_with_a_lease(claim, editor, fact_checker, settings):
    settings.ASSIGNMENT_LEASE_HOURS = 2
    claim_triage(claim=claim, actor=editor)
    claim_assign(claim=claim, actor=fact_checker, assignee=fact_checker)
    assignment = Assignment.objects.get(claim=claim)
    assert assignment.is_open and assignment.reviewer == fact_checker
    assert assignment.queue.slug == "general"
    assert assignment.lease_expires_at - assignment.assigned_at == timedelta(hours=2)


def test_database_refuses_two_open_assignments(claim_in_review, other_fact_checker):
    with pytest.raises(IntegrityError), transaction.atomic():
        Assignment.objects.create(
            claim=claim_in_review,
            reviewer=other_fact_checker,
            assigned_at=timezone.now(),
            lease_expires_at=timezone.now(),
        )


def test_release_and_publish_close_the_assignment(claim_in_review, fact_checker, editor):
    claim_release(claim=claim_in_review, actor=fact_checker)
    assert Assignment.objects.get(claim=claim_in_review).end_reason == "released"
    claim_assign(claim=claim_in_review, actor=fact_checker, assignee=fact_checker)
    verdict_approve(verdict=propose(claim_in_review, fact_checker), actor=editor)
    reasons = list(
        Assignment.objects.filter(claim=claim_in_review)
        .order_by("id")
        .values_list("end_reason", flat=True)
    )
    assert reasons == ["released", "published"]


def test_expired_lease_returns_the_claim_to_its_queue(claim_in_review):
    later = timezone.now() + timedelta(hours=3)
    assert expire_leases(now=later) == 1
    claim_in_review.refresh_from_db()
    assert claim_in_review.status == "queued" and claim_in_review.assignee is None
    event = claim_in_review.events.order_by("-id").first()
    assert (event.kind, event.actor) == ("expired", None)
    assert Assignment.objects.get(claim=claim_in_review).end_reason == "expired"
    assert expire_leases(now=later) == 0  # safe to run twice
