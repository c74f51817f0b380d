"""Webhook deliveries against a real HTTP receiver on 127.0.0.1.

Loopback is allowed in these tests (``INGEST_ALLOW_LOOPBACK``), which is the only thing the
address guard ever relaxes; retries are driven by calling the task again once the backoff
has "elapsed" (the due time is moved), never by sleeping.
"""

from __future__ import annotations

import json
import socket
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.utils import timezone
from rest_framework.test import APIClient

from claims import webhooks
from claims.api.tokens import token_issue
from claims.models import WebhookDelivery, WebhookEvent, WebhookSubscription
from claims.workflow import claim_merge, claim_triage, verdict_approve
from tests.claims.conftest import Receiver, serve
from tests.claims.helpers import bring_to, propose
from tests.claims.ingestion.conftest import FakeDNS, fake_dns  # noqa: F401


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _subscribe(admin_user, url: str, *events: str) -> tuple[WebhookSubscription, str]:
    return webhooks.webhook_subscribe(
        actor=admin_user, url=url, events=list(events or [WebhookEvent.VERDICT_PUBLISHED])
    )


@pytest.fixture
def pending(make_claim, fact_checker, editor):
    return bring_to("pending_approval", make_claim=make_claim, checker=fact_checker, editor=editor)


def _approve(claim, editor, capture):
    with capture(execute=True):
        verdict_approve(verdict=claim.verdicts.get(state="proposed"), actor=editor)


def _elapse(delivery: WebhookDelivery) -> None:
    """The backoff has passed."""
    WebhookDelivery.objects.filter(pk=delivery.pk).update(next_attempt_at=timezone.now())


def test_a_published_verdict_is_delivered_signed_with_public_data_only(
    receiver, admin_user, pending, editor, consumer, django_capture_on_commit_callbacks
):
    _, secret = _subscribe(admin_user, receiver.url)
    _approve(pending, editor, django_capture_on_commit_callbacks)

    assert len(receiver.requests) == 1
    headers, body = receiver.requests[0]
    assert headers["X-Factcheck-Event"] == "verdict.published"
    assert headers["X-Factcheck-Signature"].startswith("sha256=")
    assert webhooks.verify_signature(
        secret=secret,
        timestamp=headers["X-Factcheck-Timestamp"],
        body=body,
        signature=headers["X-Factcheck-Signature"],
    )
    assert not webhooks.verify_signature(
        secret="whsec_wrong",
        timestamp=headers["X-Factcheck-Timestamp"],
        body=body,
        signature=headers["X-Factcheck-Signature"],
    )
    payload = json.loads(body)
    assert payload["type"] == "verdict.published"
    assert payload["id"] == headers["X-Factcheck-Delivery"]
    # Exactly what a consumer reads in the API, nothing internal.
    _, token = token_issue(user=consumer, scopes=["read"])
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    assert payload["data"]["claim"] == api.get(f"/api/v1/claims/{pending.pk}/").json()
    assert payload["data"]["claim"]["verdict"]["rating"] == "mostly_true"

    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempt, delivery.response_status) == ("succeeded", 1, 200)
    assert delivery.latency_ms is not None and delivery.delivered_at is not None
    assert [a["status"] for a in delivery.attempts] == [200]


def test_a_correction_is_verdict_corrected(
    receiver, admin_user, make_claim, fact_checker, editor, django_capture_on_commit_callbacks
):
    claim = bring_to(
        "in_review_after_reopen", make_claim=make_claim, checker=fact_checker, editor=editor
    )
    _subscribe(admin_user, receiver.url, "verdict.published", "verdict.corrected")
    propose(claim, fact_checker, rating="false")
    _approve(claim, editor, django_capture_on_commit_callbacks)
    payload = json.loads(receiver.requests[0][1])
    assert payload["type"] == "verdict.corrected"
    assert [c["rating"] for c in payload["data"]["claim"]["corrections"]] == [
        "mostly_true",
        "false",
    ]


def test_claim_created_fires_when_the_claim_becomes_public_not_as_a_candidate(
    admin_user, make_claim, editor, loopback
):
    _subscribe(admin_user, "https://hooks.example.net/in", "claim.created")
    claim = make_claim()
    assert not WebhookDelivery.objects.exists()  # a candidate is not public
    claim_triage(claim=claim, actor=editor)
    delivery = WebhookDelivery.objects.get()
    assert delivery.event == "claim.created"
    assert delivery.payload["data"]["claim"]["review_status"] == "pending"
    assert "status" not in delivery.payload["data"]["claim"]


def test_claim_removed_is_delivered_signed_with_the_feeds_tombstone(
    receiver,
    admin_user,
    make_claim,
    fact_checker,
    editor,
    consumer,
    django_capture_on_commit_callbacks,
):
    queued = bring_to("queued", make_claim=make_claim, checker=fact_checker, editor=editor)
    unchecked = bring_to("in_review", make_claim=make_claim, checker=fact_checker, editor=editor)
    _, secret = _subscribe(admin_user, receiver.url, "claim.removed")
    with django_capture_on_commit_callbacks(execute=True):
        claim_merge(claim=queued, canonical=unchecked, actor=editor, note="Wire copy of it.")

    assert len(receiver.requests) == 1
    headers, body = receiver.requests[0]
    assert headers["X-Factcheck-Event"] == "claim.removed"
    assert webhooks.verify_signature(
        secret=secret,
        timestamp=headers["X-Factcheck-Timestamp"],
        body=body,
        signature=headers["X-Factcheck-Signature"],
    )
    payload = json.loads(body)
    assert payload["type"] == "claim.removed"
    # The same tombstone the change feed lists, and nothing of the claim it repeats.
    _, token = token_issue(user=consumer, scopes=["read"])
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    feed = api.get("/api/v1/claims/").json()["results"]
    assert payload["data"]["claim"] == feed[-1]
    assert payload["data"]["claim"]["id"] == queued.pk
    assert payload["data"]["claim"]["reason"] == "merged"
    assert WebhookDelivery.objects.get().status == "succeeded"


def test_claim_removed_goes_only_to_subscriptions_that_want_it(
    admin_user, make_claim, fact_checker, editor, loopback
):
    _subscribe(admin_user, "https://hooks.example.net/published", "verdict.published")
    wants, _ = _subscribe(admin_user, "https://hooks.example.net/removed", "claim.removed")
    queued = bring_to("queued", make_claim=make_claim, checker=fact_checker, editor=editor)
    claim_merge(claim=queued, canonical=make_claim("A claim nobody checked."), actor=editor)
    delivery = WebhookDelivery.objects.get()
    assert (delivery.subscription, delivery.event) == (wants, "claim.removed")


def test_a_claim_merged_into_a_published_claim_is_not_removed(
    admin_user, make_claim, fact_checker, editor, loopback
):
    _subscribe(admin_user, "https://hooks.example.net/in", "claim.created", "claim.removed")
    queued = bring_to("queued", make_claim=make_claim, checker=fact_checker, editor=editor)
    checked = bring_to("published", make_claim=make_claim, checker=fact_checker, editor=editor)
    WebhookDelivery.objects.all().delete()  # the claim.created of each one's triage
    claim_merge(claim=queued, canonical=checked, actor=editor)
    # It stays public, now with the verdict of the claim it repeats: nothing to drop.
    events = list(WebhookDelivery.objects.values_list("event", flat=True))
    assert events and "claim.removed" not in events


def test_nothing_is_sent_for_a_rolled_back_approval(
    receiver, admin_user, pending, editor, django_capture_on_commit_callbacks
):
    from django.db import transaction

    _subscribe(admin_user, receiver.url)
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        verdict_approve(verdict=pending.verdicts.get(state="proposed"), actor=editor)
        raise RuntimeError("something after the approval failed")
    assert callbacks == [] and receiver.requests == []
    assert not WebhookDelivery.objects.exists()


def test_a_receiver_that_is_down_then_comes_back_gets_the_delivery(
    loopback, admin_user, pending, editor, django_capture_on_commit_callbacks, settings
):
    settings.WEBHOOK_RETRY_BASE_SECONDS = 30
    port = _free_port()
    subscription, _ = _subscribe(admin_user, f"http://127.0.0.1:{port}/hook")
    _approve(pending, editor, django_capture_on_commit_callbacks)  # attempt 1: refused

    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempt, delivery.response_status) == ("pending", 1, None)
    assert "Could not connect" in delivery.error
    assert (
        timedelta(seconds=29) < delivery.next_attempt_at - timezone.now() <= timedelta(seconds=30)
    )
    subscription.refresh_from_db()
    assert subscription.failure_count == 1 and subscription.is_active
    # Not due yet: a second task (a duplicate message) sends nothing.
    assert webhooks.deliver_webhook_task(delivery.pk) is None

    receiver = Receiver(port=port)
    httpd = serve(receiver)
    try:
        _elapse(delivery)
        assert webhooks.deliver_webhook_task(delivery.pk) == "succeeded"
        assert webhooks.deliver_webhook_task(delivery.pk) is None  # safe to run twice
    finally:
        httpd.shutdown()
        httpd.server_close()

    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempt, delivery.response_status) == ("succeeded", 2, 200)
    assert [a["attempt"] for a in delivery.attempts] == [1, 2]
    assert len(receiver.requests) == 1
    assert receiver.requests[0][0]["X-Factcheck-Delivery"] == str(delivery.event_id)
    subscription.refresh_from_db()
    assert subscription.failure_count == 0


def test_a_receiver_that_never_comes_back_ends_disabled_with_a_reason(
    receiver, admin_user, pending, editor, django_capture_on_commit_callbacks, settings
):
    settings.WEBHOOK_MAX_ATTEMPTS = 5
    settings.WEBHOOK_DISABLE_AFTER_FAILURES = 3
    settings.WEBHOOK_RETRY_BASE_SECONDS = 10
    receiver.status = 500
    subscription, _ = _subscribe(admin_user, receiver.url, "verdict.published", "claim.created")
    # Another delivery waiting for the same subscription.
    other = webhooks.emit(event="claim.created", claim_id=pending.pk)[0]
    _approve(pending, editor, django_capture_on_commit_callbacks)  # attempt 1
    delivery = WebhookDelivery.objects.get(event="verdict.published")
    delays = []
    for _ in range(2):  # attempts 2 and 3
        delivery.refresh_from_db()
        delays.append(round((delivery.next_attempt_at - timezone.now()).total_seconds()))
        _elapse(delivery)
        webhooks.deliver_webhook_task(delivery.pk)
    assert delays == [10, 20]  # exponential

    subscription.refresh_from_db()
    assert not subscription.is_active
    assert subscription.failure_count == 3
    assert "3 failed delivery attempts in a row" in subscription.disabled_reason
    assert "HTTP 500" in subscription.disabled_reason
    delivery.refresh_from_db()
    assert delivery.status == "failed" and delivery.attempt == 3
    assert [a["status"] for a in delivery.attempts] == [500, 500, 500]
    other.refresh_from_db()
    assert other.status == "failed" and "disabled" in other.error
    assert len(receiver.requests) == 3
    # A disabled subscription gets no new deliveries.
    assert webhooks.emit(event="verdict.published", claim_id=pending.pk) == []


def test_backoff_doubles_up_to_the_cap(settings):
    settings.WEBHOOK_RETRY_BASE_SECONDS = 30
    settings.WEBHOOK_RETRY_MAX_SECONDS = 300
    assert [webhooks.backoff_seconds(n) for n in range(1, 7)] == [30, 60, 120, 240, 300, 300]


def test_the_last_attempt_fails_the_delivery(
    receiver, admin_user, pending, editor, django_capture_on_commit_callbacks, settings
):
    settings.WEBHOOK_MAX_ATTEMPTS = 2
    receiver.status = 503
    subscription, _ = _subscribe(admin_user, receiver.url)
    _approve(pending, editor, django_capture_on_commit_callbacks)
    delivery = WebhookDelivery.objects.get()
    _elapse(delivery)
    assert webhooks.deliver_webhook_task(delivery.pk) == "failed"
    subscription.refresh_from_db()
    assert subscription.is_active  # 2 failures, fewer than WEBHOOK_DISABLE_AFTER_FAILURES


@pytest.mark.parametrize(
    "url",
    [
        "http://169.254.169.254/latest/meta-data/",
        "http://10.1.2.3/hook",
        "http://192.168.0.10/hook",
        "http://[::ffff:169.254.169.254]/hook",
        "http://[fd00::1]/hook",
        "file:///etc/passwd",
        "http://user:pw@hooks.example.net/",
    ],
)
def test_a_webhook_url_to_an_internal_address_is_refused(admin_user, url):
    with pytest.raises(webhooks.WebhookError) as refused:
        _subscribe(admin_user, url)
    assert refused.value.field == "url"
    # And on save, whatever path writes the row.
    with pytest.raises(ValidationError):
        WebhookSubscription.objects.create(url=url, events=["verdict.published"], secret="s")
    assert not WebhookSubscription.objects.exists()


def test_loopback_is_refused_unless_tests_allow_it(admin_user, settings):
    settings.INGEST_ALLOW_LOOPBACK = False
    with pytest.raises(webhooks.WebhookError):
        _subscribe(admin_user, "http://127.0.0.1:9/hook")


def test_a_name_that_resolves_to_an_internal_address_is_refused_at_connect(
    fake_dns,  # noqa: F811
    admin_user,
    pending,
    editor,
    django_capture_on_commit_callbacks,
    settings,
):
    settings.INGEST_ALLOW_LOOPBACK = False
    fake_dns.answers["hooks.example.net"] = ["169.254.169.254"]
    subscription, _ = _subscribe(admin_user, "http://hooks.example.net/hook")
    _approve(pending, editor, django_capture_on_commit_callbacks)
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == "failed" and delivery.attempt == 1
    assert "address guard" in delivery.error
    subscription.refresh_from_db()
    assert not subscription.is_active
    assert "refused" in subscription.disabled_reason
    assert "169.254.169.254" in subscription.disabled_reason


def test_reenabling_clears_the_failures(admin_user, loopback):
    subscription, _ = _subscribe(admin_user, "https://hooks.example.net/x")
    webhooks.disable_subscription(subscription, "Testing.")
    WebhookSubscription.objects.filter(pk=subscription.pk).update(failure_count=7)
    updated = webhooks.webhook_update(subscription=subscription, actor=admin_user, is_active=True)
    assert (updated.is_active, updated.failure_count, updated.disabled_reason) == (True, 0, "")


def test_only_webhook_managers_may_subscribe(editor):
    from claims.workflow import ActionNotPermitted

    with pytest.raises(ActionNotPermitted):
        _subscribe(editor, "https://hooks.example.net/x")
    assert not User.objects.get(pk=editor.pk).has_perm("claims.change_webhooksubscription")


def test_the_sweeper_requeues_lost_deliveries(admin_user, pending, loopback):
    sub, _ = _subscribe(admin_user, "https://hooks.example.net/x")
    claim_id = pending.pk
    lost = WebhookDelivery.objects.create(
        subscription=sub,
        event="verdict.published",
        event_id="00000000-0000-0000-0000-000000000001",
        payload={"claim": claim_id},
        next_attempt_at=timezone.now() - timedelta(minutes=5),
    )
    fresh = WebhookDelivery.objects.create(
        subscription=sub,
        event="verdict.published",
        event_id="00000000-0000-0000-0000-000000000002",
        payload={"claim": claim_id},
        next_attempt_at=timezone.now(),
    )
    assert webhooks.due_delivery_ids() == [lost.pk]
    assert fresh.pk not in webhooks.due_delivery_ids()


def test_admin_creates_a_subscription_shows_the_secret_once_and_lists_deliveries(
    client, admin_user, loopback
):
    client.force_login(admin_user)
    response = client.post(
        "/admin/claims/webhooksubscription/add/",
        {"name": "CMS", "url": "https://hooks.example.net/in", "events": ["claim.created"]},
        follow=True,
    )
    subscription = WebhookSubscription.objects.get()
    assert subscription.secret in response.content.decode()
    assert subscription.created_by == admin_user
    refused = client.post(
        "/admin/claims/webhooksubscription/add/",
        {"url": "http://169.254.169.254/", "events": ["claim.created"]},
    )
    assert refused.status_code == 200 and "public internet" in refused.content.decode()
    assert WebhookSubscription.objects.count() == 1
    assert client.get("/admin/claims/webhookdelivery/").status_code == 200
    change = client.get(f"/admin/claims/webhooksubscription/{subscription.pk}/change/")
    assert change.status_code == 200 and subscription.secret not in change.content.decode()


def test_an_address_httpx_cannot_parse_is_a_permanent_failure_not_a_crash():
    response = webhooks.http.post("http://[::1/hook", b"{}", {})
    assert response.status_code is None
    assert response.permanent
    assert "cannot be used" in response.error


def test_the_tasks_keep_the_names_queued_messages_and_beat_use(settings):
    # The tasks moved into claims.webhooks.tasks; a message already queued, and the beat
    # schedule, name them as they were named when claims.webhooks was one module.
    assert webhooks.deliver_webhook_task.name == "claims.webhooks.deliver_webhook_task"
    sweep = webhooks.send_due_webhook_deliveries_task.name
    assert sweep == "claims.webhooks.send_due_webhook_deliveries_task"
    assert settings.CELERY_BEAT_SCHEDULE["retry-due-webhook-deliveries"]["task"] == sweep
