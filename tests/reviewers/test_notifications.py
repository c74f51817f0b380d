"""E-mails after commit: changes requested, awaiting approval, assigned; the SLA digest."""

from __future__ import annotations

import logging
import smtplib
from datetime import timedelta
from unittest import mock

import pytest
from celery.exceptions import Retry
from django.core.cache import cache
from django.core.mail.backends import locmem
from django.db import transaction
from django.urls import reverse, set_script_prefix
from django.utils import timezone

from claims.models import Verdict
from claims.workflow import claim_triage, verdict_request_changes
from reviewers.models import QueueEntry, ReviewQueue
from reviewers.notifications import site_url
from reviewers.services import claim_give
from reviewers.tasks import MAIL_MAX_RETRIES, send_desk_mail, sla_digest_task
from tests.claims.helpers import propose
from tests.conftest import make_user
from tests.faults.servers import celery_sends_to, free_port

SITE = "https://desk.example.org/"


def review_link(claim) -> str:
    return f"{SITE}desk/claims/{claim.pk}/"


@pytest.fixture(autouse=True)
def _setup(settings):
    settings.AUTO_QUEUE_THRESHOLD = None
    settings.SITE_URL = SITE
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
    assert f"Revise it: {review_link(claim_in_review)}" in message.body


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
    assert f"Review it: {review_link(claim_in_review)}" in mailoutbox[0].body


def test_proposal_mails_every_editor_but_the_author_when_the_queue_has_none(
    make_claim, editor, other_editor, mailoutbox, django_capture_on_commit_callbacks
):
    claim = make_claim()
    claim_triage(claim=claim, actor=editor)
    claim_give(claim=claim, actor=editor, assignee=editor)  # an editor checking it themself
    with django_capture_on_commit_callbacks(execute=True):
        propose(claim, editor)
    assert [m.to for m in mailoutbox] == [["editor2@example.org"]]


def test_membership_of_another_queue_does_not_count(
    claim_in_review,
    fact_checker,
    editor,
    other_editor,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    elsewhere = ReviewQueue.objects.create(name="Security", slug="security", order=1)
    elsewhere.members.add(other_editor)  # not the claim's queue, which has no editor
    with django_capture_on_commit_callbacks(execute=True):
        propose(claim_in_review, fact_checker)
    assert sorted(m.to[0] for m in mailoutbox) == ["editor2@example.org", "editor@example.org"]


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
    assert f"Open it: {review_link(claim)}" in message.body


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
    assert review_link(claim_in_review) in body and review_link(waiting) in body
    assert sla_digest_task.delay().get() == 0  # safe to run twice: once per day


@pytest.mark.parametrize("script_prefix", ["/", "/factcheck/"])
def test_links_are_under_the_site_address_whatever_the_script_prefix(settings, script_prefix):
    # Mounted under /factcheck/: a request knows the prefix (reverse puts it in front), a
    # task does not; SITE_URL names it once, so both build the same link.
    settings.SITE_URL = "https://example.org/factcheck/"
    set_script_prefix(script_prefix)
    try:
        link = site_url(reverse("desk:claim", args=[42]))
    finally:
        set_script_prefix("/")
    assert link == "https://example.org/factcheck/desk/claims/42/"


def test_sla_digest_sends_nothing_when_nothing_is_overdue(claim_in_review, editor, mailoutbox):
    assert sla_digest_task.delay().get() == 0
    assert mailoutbox == []


# --- A mail server that is down ----------------------------------------------------------


class FlakyBackend(locmem.EmailBackend):
    """locmem, but the first ``failures`` sends fail as if the SMTP server hung up."""

    failures = 0
    attempts = 0

    def send_messages(self, email_messages):
        FlakyBackend.attempts += 1
        if FlakyBackend.failures > 0:
            FlakyBackend.failures -= 1
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(email_messages)


@pytest.fixture
def flaky_mail(settings, mailoutbox):
    """Set how many sends fail before the mail server answers again."""
    settings.EMAIL_BACKEND = f"{__name__}.FlakyBackend"
    FlakyBackend.failures = FlakyBackend.attempts = 0

    def fail(times: int) -> None:
        FlakyBackend.failures = times

    return fail


MESSAGES = [
    {"subject": "S", "body": "B", "from_email": "desk@example.org", "to": ["a@example.org"]}
]


def _run_in_worker(retries: int):
    """Run the task as a worker does (not eagerly), its ``retries``-th retry: a retry is
    published to the broker (``apply_async``, mocked here), not run at once."""
    send_desk_mail.push_request(
        id="desk-mail-1",
        args=[MESSAGES],
        kwargs={},
        retries=retries,
        is_eager=False,
        called_directly=False,
    )
    try:
        return send_desk_mail.run(MESSAGES)
    finally:
        send_desk_mail.pop_request()


def test_the_mail_task_retries_with_backoff_while_the_server_is_down(flaky_mail, mailoutbox):
    flaky_mail(2)
    with mock.patch.object(send_desk_mail, "apply_async") as publish:
        for retries in (0, 1):
            with pytest.raises(Retry):
                _run_in_worker(retries)
            (args, _), options = publish.call_args
            assert list(args) == [MESSAGES]
            assert options["retries"] == retries + 1
            assert 0 <= options["countdown"] <= 5 * 2**retries  # jittered backoff
        assert mailoutbox == []
        assert _run_in_worker(2) == 1  # the server is back
    assert publish.call_count == 2
    [message] = mailoutbox
    assert message.to == ["a@example.org"]


def test_the_mail_task_logs_and_does_not_raise_when_it_gives_up(flaky_mail, mailoutbox, caplog):
    flaky_mail(99)
    with (
        mock.patch.object(send_desk_mail, "apply_async") as publish,
        caplog.at_level(logging.ERROR, logger="reviewers.tasks"),
    ):
        assert _run_in_worker(MAIL_MAX_RETRIES) == 0
    assert not publish.called and mailoutbox == []
    assert f"after {MAIL_MAX_RETRIES + 1} attempt(s)" in caplog.text


def test_in_process_the_mail_task_tries_once_and_logs(flaky_mail, mailoutbox, caplog):
    # Eagerly, Celery would run every retry at once, in a loop, inside the request.
    flaky_mail(99)
    with caplog.at_level(logging.ERROR, logger="reviewers.tasks"):
        result = send_desk_mail.apply(args=[MESSAGES])
    assert result.successful() and result.get() == 0
    assert FlakyBackend.attempts == 1 and mailoutbox == []
    assert "Gave up sending 1 desk e-mail(s) after 1 attempt(s): S" in caplog.text


def test_a_step_whose_mail_fails_is_committed_and_the_failure_logged(
    claim_in_review,
    fact_checker,
    editor,
    flaky_mail,
    mailoutbox,
    caplog,
    django_capture_on_commit_callbacks,
):
    verdict = propose(claim_in_review, fact_checker)
    flaky_mail(99)
    with (
        caplog.at_level(logging.ERROR, logger="reviewers.tasks"),
        django_capture_on_commit_callbacks(execute=True) as callbacks,
    ):
        verdict_request_changes(verdict=verdict, actor=editor, note="Redo.")
    assert len(callbacks) == 1 and FlakyBackend.attempts == 1
    verdict.refresh_from_db()
    assert verdict.state == Verdict.State.CHANGES_REQUESTED
    assert verdict.events.filter(note="Redo.").exists()
    assert f"Changes requested on claim #{claim_in_review.pk}" in caplog.text


def test_with_the_broker_unreachable_the_mail_is_sent_in_process(
    claim_in_review, fact_checker, editor, mailoutbox, caplog, django_capture_on_commit_callbacks
):
    verdict = propose(claim_in_review, fact_checker)
    mailoutbox.clear()
    nobody_listens = f"redis://127.0.0.1:{free_port()}/0"
    with (
        celery_sends_to(nobody_listens, fail_fast=True),
        caplog.at_level(logging.WARNING, logger="reviewers.notifications"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        verdict_request_changes(verdict=verdict, actor=editor, note="Redo.")
    [message] = mailoutbox
    assert message.to == ["checker@example.org"]
    assert "Broker unreachable" in caplog.text
