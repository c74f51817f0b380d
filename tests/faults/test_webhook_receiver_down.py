"""A webhook receiver is down for a while: deliveries retry with backoff and arrive once it
is back; one that never comes back ends disabled with a reason.

The attempts are made by a real Celery worker, which schedules each retry as a task with a
countdown (the exponential backoff) on the test's own Redis; the receiver is a real HTTP
server on 127.0.0.1 (loopback allowed for these tests only), started when the test says.
``tests/claims/test_webhooks.py`` checks the same rules in process, one attempt at a time.
"""

from __future__ import annotations

import itertools
from datetime import datetime

import pytest

from claims import webhooks
from claims.models import Claim, WebhookDelivery, WebhookEvent, WebhookSubscription
from claims.workflow import verdict_approve
from tests.claims.conftest import Receiver, serve
from tests.claims.helpers import bring_to
from tests.faults.servers import free_port, wait_for

pytestmark = [pytest.mark.postgres, pytest.mark.redis]

# Short backoff for the test: 1 s, 2 s, 4 s, 4 s, ... (production: 30 s doubling to an hour).
WORKER_ENV = {
    "INGEST_ALLOW_LOOPBACK": "true",
    "WEBHOOK_TIMEOUT_SECONDS": "2",
    "WEBHOOK_RETRY_BASE_SECONDS": "1",
    "WEBHOOK_RETRY_MAX_SECONDS": "4",
    "WEBHOOK_MAX_ATTEMPTS": "8",
    "WEBHOOK_DISABLE_AFTER_FAILURES": "4",
}


@pytest.fixture
def hook_settings(settings):
    settings.INGEST_ALLOW_LOOPBACK = True
    for name, value in WORKER_ENV.items():
        if name.startswith("WEBHOOK_"):
            setattr(settings, name, float(value) if "TIMEOUT" in name else int(value))


def _subscribe(admin_user, url: str) -> WebhookSubscription:
    subscription, _secret = webhooks.webhook_subscribe(
        actor=admin_user, url=url, events=[WebhookEvent.VERDICT_PUBLISHED]
    )
    return subscription


def _publish(make_claim, fact_checker, editor) -> Claim:
    claim = bring_to("pending_approval", make_claim=make_claim, checker=fact_checker, editor=editor)
    # Autocommit (a transactional test): the delivery task is sent to the worker at once.
    verdict_approve(verdict=claim.verdicts.get(state="proposed"), actor=editor)
    return claim


def _attempt_times(delivery: WebhookDelivery) -> list[datetime]:
    return [datetime.fromisoformat(a["at"]) for a in delivery.attempts]


def _assert_backed_off(delivery: WebhookDelivery) -> None:
    """Each retry came no sooner than the backoff after the attempt before it."""
    times = _attempt_times(delivery)
    for n, (before, after) in enumerate(itertools.pairwise(times), start=1):
        waited = (after - before).total_seconds()
        assert waited >= webhooks.backoff_seconds(n) - 0.05, (n, waited, delivery.attempts)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_receiver_down_for_a_while_gets_the_delivery_once_it_is_back(
    hook_settings, start_worker, admin_user, make_claim, fact_checker, editor
):
    start_worker(**WORKER_ENV)
    port = free_port()  # nothing listens there yet: connections are refused
    subscription = _subscribe(admin_user, f"http://127.0.0.1:{port}/hook")
    _publish(make_claim, fact_checker, editor)
    delivery = WebhookDelivery.objects.get(subscription=subscription)

    def failed_twice() -> bool:
        delivery.refresh_from_db()
        return len(delivery.attempts) >= 2

    wait_for(failed_twice, timeout=15, what="two failed attempts")
    receiver = Receiver(port=port)
    httpd = serve(receiver)
    try:

        def delivered() -> bool:
            delivery.refresh_from_db()
            return delivery.status == "succeeded"

        wait_for(delivered, timeout=20, what="the delivery, once the receiver is back")
    finally:
        httpd.shutdown()
        httpd.server_close()

    assert len(receiver.requests) == 1, "delivered once"
    headers, _body = receiver.requests[0]
    assert headers["X-Factcheck-Delivery"] == str(delivery.event_id)
    *failures, success = delivery.attempts
    assert len(failures) >= 2 and all("Could not connect" in a["error"] for a in failures)
    assert (success["status"], success["error"]) == (200, "")
    _assert_backed_off(delivery)
    subscription.refresh_from_db()
    assert subscription.is_active and subscription.failure_count == 0


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_receiver_that_never_comes_back_ends_disabled_with_the_reason(
    hook_settings, start_worker, admin_user, make_claim, fact_checker, editor
):
    start_worker(**WORKER_ENV)
    subscription = _subscribe(admin_user, f"http://127.0.0.1:{free_port()}/hook")
    claim = _publish(make_claim, fact_checker, editor)

    def disabled() -> bool:
        subscription.refresh_from_db()
        return not subscription.is_active

    wait_for(disabled, timeout=30, what="the subscription disabled")
    limit = int(WORKER_ENV["WEBHOOK_DISABLE_AFTER_FAILURES"])
    assert f"Disabled after {limit} failed delivery attempts in a row" in (
        subscription.disabled_reason
    )
    assert "Could not connect" in subscription.disabled_reason
    assert subscription.disabled_at is not None
    delivery = WebhookDelivery.objects.get(subscription=subscription)
    assert delivery.status == "failed" and len(delivery.attempts) == limit
    _assert_backed_off(delivery)
    # No further attempt is scheduled, and a new event is not even queued.
    assert delivery.next_attempt_at is None
    assert webhooks.emit(event="verdict.published", claim_id=claim.pk) == []
