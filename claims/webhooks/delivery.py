"""Sending a delivery: claim the row, check its owner, POST outside any transaction, record
the attempt, retry with backoff or give up (see the package docstring)."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from claims.models import WebhookDelivery, WebhookSubscription
from claims.webhooks.consumer import owner_refusal
from claims.webhooks.http import DELIVERY_HEADER, EVENT_HEADER, USER_AGENT, PostResult, post
from claims.webhooks.services import disable_subscription
from claims.webhooks.signing import SIGNATURE_HEADER, TIMESTAMP_HEADER, encode_body, sign

# Task limits: one attempt ends within the request deadline (WEBHOOK_TIMEOUT_SECONDS).
DELIVER_SOFT_TIME_LIMIT = 60
DELIVER_TIME_LIMIT = 90
# A due delivery is only swept this long after it fell due, so the sweeper does not race
# the task message that is already on its way.
SWEEP_GRACE = timedelta(seconds=60)


@dataclass(frozen=True)
class AttemptResult:
    """What one attempt did. ``retry_in``: seconds until the next attempt, if any."""

    delivery_id: int
    ok: bool
    status: str
    retry_in: float | None = None


def backoff_seconds(attempt: int) -> float:
    """Delay after failed attempt number ``attempt`` (1-based): exponential, capped."""
    base = settings.WEBHOOK_RETRY_BASE_SECONDS
    return float(min(base * 2 ** max(0, attempt - 1), settings.WEBHOOK_RETRY_MAX_SECONDS))


def _claim(delivery_id: int, now: datetime) -> bool:
    """pending and due -> held by us for a while; False if it is not ours to send."""
    lease = timedelta(seconds=DELIVER_TIME_LIMIT)
    changed = (
        WebhookDelivery.objects.filter(
            pk=delivery_id, status=WebhookDelivery.Status.PENDING, next_attempt_at__lte=now
        )
        .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
        .update(claimed_until=now + lease, attempt=F("attempt") + 1)
    )
    return changed == 1


def webhook_deliver(*, delivery_id: int) -> AttemptResult | None:
    """Make one attempt at a pending, due delivery and record it.

    Preconditions: none that raise. A delivery that is not pending, not yet due, or held
    by another sender is left alone (returns None), so a duplicate task is harmless.

    Effects: the attempt is appended to ``attempts`` with status code, latency and error.
    Success: delivery succeeded, the subscription's failure count back to 0. Failure:
    the count goes up; the delivery is failed after ``WEBHOOK_MAX_ATTEMPTS``, else due again
    after the backoff (``retry_in``); the subscription is disabled (and its pending
    deliveries failed) after ``WEBHOOK_DISABLE_AFTER_FAILURES`` failures in a row, or at
    once when the address guard refuses its URL. No network I/O inside a transaction.
    """
    now = timezone.now()
    with transaction.atomic():
        if not _claim(delivery_id, now):
            return None
    delivery = WebhookDelivery.objects.select_related("subscription__token__user").get(
        pk=delivery_id
    )
    subscription = delivery.subscription
    # A consumer's token revoked or expired since the event: nothing more is sent.
    if (
        subscription.is_active
        and subscription.token is not None
        and (refusal := owner_refusal(subscription.token, now=now))
    ):
        with transaction.atomic():
            disable_subscription(subscription, refusal)  # fails this delivery too, with the reason
        return AttemptResult(delivery_id, ok=False, status=WebhookDelivery.Status.FAILED)
    if not subscription.is_active:
        WebhookDelivery.objects.filter(pk=delivery_id).update(
            status=WebhookDelivery.Status.FAILED,
            claimed_until=None,
            next_attempt_at=None,
            error="Not sent: the subscription is disabled.",
        )
        return AttemptResult(delivery_id, ok=False, status=WebhookDelivery.Status.FAILED)

    body = encode_body(delivery.payload)
    timestamp = str(int(time.time()))
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        EVENT_HEADER: delivery.event,
        DELIVERY_HEADER: str(delivery.event_id),
        TIMESTAMP_HEADER: timestamp,
        SIGNATURE_HEADER: sign(subscription.secret, timestamp, body),
    }
    response = post(subscription.url, body, headers)
    return _record(delivery.pk, subscription.pk, response)


@transaction.atomic
def _record(delivery_id: int, subscription_id: int, response: PostResult) -> AttemptResult:
    now = timezone.now()
    delivery = WebhookDelivery.objects.select_for_update().get(pk=delivery_id)
    subscription = WebhookSubscription.objects.select_for_update().get(pk=subscription_id)
    ok = not response.error
    delivery.attempts = [
        *delivery.attempts,
        {
            "attempt": delivery.attempt,
            "at": now.isoformat(),
            "status": response.status_code,
            "latency_ms": response.latency_ms,
            "error": response.error,
        },
    ]
    delivery.response_status = response.status_code
    delivery.latency_ms = response.latency_ms
    delivery.error = response.error
    delivery.claimed_until = None
    retry_in = None
    if ok:
        delivery.status = WebhookDelivery.Status.SUCCEEDED
        delivery.delivered_at = now
        delivery.next_attempt_at = None
        if subscription.failure_count:
            subscription.failure_count = 0
            subscription.save(update_fields=["failure_count", "updated_at"])
    else:
        subscription.failure_count += 1
        last = delivery.attempt >= settings.WEBHOOK_MAX_ATTEMPTS
        if response.permanent or last:
            delivery.status = WebhookDelivery.Status.FAILED
            delivery.next_attempt_at = None
        else:
            retry_in = backoff_seconds(delivery.attempt)
            delivery.next_attempt_at = now + timedelta(seconds=retry_in)
        subscription.save(update_fields=["failure_count", "updated_at"])
    delivery.save()
    limit = settings.WEBHOOK_DISABLE_AFTER_FAILURES
    if not ok and subscription.is_active:
        if response.permanent:
            disable_subscription(subscription, f"Its address is refused. {response.error}")
        elif subscription.failure_count >= limit:
            disable_subscription(
                subscription,
                f"Disabled after {subscription.failure_count} failed delivery attempts in a "
                f"row. Last error: {response.error}",
            )
    if not subscription.is_active:
        retry_in = None
        delivery.refresh_from_db(fields=["status"])
    return AttemptResult(delivery_id, ok=ok, status=delivery.status, retry_in=retry_in)


def due_delivery_ids(*, now: datetime | None = None, grace: timedelta = SWEEP_GRACE) -> list[int]:
    """Pending deliveries that fell due more than ``grace`` ago and nobody holds."""
    now = now or timezone.now()
    return list(
        WebhookDelivery.objects.filter(
            status=WebhookDelivery.Status.PENDING, next_attempt_at__lte=now - grace
        )
        .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
        .order_by("next_attempt_at", "id")
        .values_list("pk", flat=True)[:500]
    )
