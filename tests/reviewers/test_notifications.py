"""E-mails after commit: changes requested, awaiting approval, assigned; the SLA digest."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from claims.workflow import claim_triage, verdict_request_changes
from reviewers.assignments import claim_give
from reviewers.models import QueueEntry, ReviewQueue
from reviewers.tasks import sla_digest_task
from tests.claims.helpers import propose
from tests.conftest import make_user


@pytest.fixture(autouse=True)
def _setup(settings):
    settings.AUTO_QUEUE_THRESHOLD = None
    cache.clear()
    yield
    cache.clear()


def test_request_changes_mails_the_fact_checker_after_commit(
    claim_in_review, fact_checker, editor, mailoutbox, django_capture_on_commit_callbacks
):
    verdict = propose(claim_in_review, fact_checker)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks() as callbacks:
        verdict_request_changes(verdict=verdict, actor=editor, note="Cite the 1953 text.")
        assert mailoutbox == []  # nothing leaves before the commit
    for callback in callbacks:
        callback()
    [message] = mailoutbox
    assert message.to == ["checker@example.org"]
    assert f"Changes requested on claim #{claim_in_review.pk}" in message.subject
    assert "Cite the 1953 text." in message.body


def test_proposal_mails_the_queues_editors(
    claim_in_review,
    fact_checker,
    editor,
    other_editor,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    ReviewQueue.objects.get(slug="general").members.add(other_editor, fact_checker)
    with django_capture_on_commit_callbacks(execute=True):
        propose(claim_in_review, fact_checker)
    assert [m.to for m in mailoutbox] == [["editor2@example.org"]]
    assert "awaits approval" in mailoutbox[0].subject


def test_proposal_mails_every_editor_but_the_author_when_the_queue_has_none(
    make_claim, editor, other_editor, mailoutbox, django_capture_on_commit_callbacks
):
    claim = make_claim()
    claim_triage(claim=claim, actor=editor)
    claim_give(claim=claim, actor=editor, assignee=editor)  # an editor checking it themself
    with django_capture_on_commit_callbacks(execute=True):
        propose(claim, editor)
    assert [m.to for m in mailoutbox] == [["editor2@example.org"]]


def test_editor_assignment_mails_the_assignee_not_a_self_take(
    make_claim, editor, fact_checker, mailoutbox, django_capture_on_commit_callbacks
):
    claim, other = make_claim(), make_claim()
    claim_triage(claim=claim, actor=editor)
    claim_triage(claim=other, actor=editor)
    with django_capture_on_commit_callbacks(execute=True):
        claim_give(claim=claim, actor=editor, assignee=fact_checker, note="Yours, urgent.")
        claim_give(claim=other, actor=fact_checker, assignee=fact_checker)
    [message] = mailoutbox
    assert message.to == ["checker@example.org"]
    assert "Yours, urgent." in message.body


def test_a_rolled_back_step_sends_nothing(
    claim_in_review, fact_checker, editor, mailoutbox, django_capture_on_commit_callbacks
):
    verdict = propose(claim_in_review, fact_checker)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                verdict_request_changes(verdict=verdict, actor=editor, note="Redo.")
                raise RuntimeError("the request failed after the step")
        except RuntimeError:
            pass
    assert callbacks == [] and mailoutbox == []


def test_sla_digest_lists_overdue_claims_per_queue_once_a_day(
    claim_in_review, make_claim, editor, other_editor, mailoutbox
):
    make_user("retired-editor", "editors", email="old@example.org", is_active=False)
    waiting = make_claim("The port handled 4 million containers.")
    ReviewQueue.objects.create(name="Numbers", slug="numbers")
    claim_triage(claim=waiting, actor=editor, queue="numbers")
    QueueEntry.objects.update(due_at=timezone.now() - timedelta(hours=5))

    assert sla_digest_task.delay().get() == 2
    assert sorted(m.to[0] for m in mailoutbox) == ["editor2@example.org", "editor@example.org"]
    body = mailoutbox[0].body
    assert "2 claim(s) are past their SLA" in body
    assert "General (1 overdue" in body and "Numbers (1 overdue" in body
    assert "in review by checker" in body and "waiting in the queue" in body
    assert sla_digest_task.delay().get() == 0  # safe to run twice: once per day


def test_sla_digest_sends_nothing_when_nothing_is_overdue(claim_in_review, editor, mailoutbox):
    assert sla_digest_task.delay().get() == 0
    assert mailoutbox == []
