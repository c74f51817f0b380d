"""Webhooks: changes of the public record pushed to subscribers, signed, retried, logged.

Events (``claims.models.WebhookEvent``):

- ``verdict.published``: a claim's first verdict was approved.
- ``verdict.corrected``: a new verdict was approved over a published one (a correction).
- ``claim.created``: a claim entered the public record as pending (it was triaged, or merged
  as a repeat of a published claim). A raw candidate from the pipeline is not public (most
  are dismissed), so the ``claim_created`` signal itself is deliberately not an event: a
  payload never says more than a consumer with a read token may see.
- ``claim.removed``: a public claim left the public record (a queued claim merged into one
  that is not published): drop it from your mirror.

Staff subscriptions (the admin, ``/api/v1/webhooks/``) may carry every event; a consumer's
own, owned by its ``read`` token (``claims.consumer_webhooks``, ``/api/v1/webhooks/mine/``),
only ``CONSUMER_EVENTS``: ``verdict.published``, ``verdict.corrected``, ``claim.removed``.

Every payload is ``{"id", "type", "created_at", "data": {"claim": ...}}`` where ``claim`` is
exactly the consumer API's claim detail (``GET /api/v1/claims/{id}/``), or for
``claim.removed`` its tombstone as the change feed lists it (``{"id", "removed": true,
"removed_at", "reason", "updated_at"}``).

How a delivery happens:

1. The workflow sends its signal inside the transaction; the receivers here write one
   ``WebhookDelivery`` per matching active subscription, and enqueue
   :func:`deliver_webhook_task` with ``transaction.on_commit`` (a rolled back approval
   notifies nobody).
2. :func:`webhook_deliver` claims the row with a conditional update (so a task that runs
   twice sends once), POSTs outside any transaction through
   :func:`claims.netguard.guarded_client` (the address guard of article fetching: no
   internal addresses, at connect time, no redirects followed), then records the attempt in
   a short transaction. Before sending to a consumer's subscription it checks the owner
   token: revoked, expired, or its account no longer reading the API, and the
   subscription is switched off with that reason and the delivery failed unsent.
3. A failed attempt is retried after ``WEBHOOK_RETRY_BASE_SECONDS * 2**(n-1)`` seconds, capped
   at ``WEBHOOK_RETRY_MAX_SECONDS``, until ``WEBHOOK_MAX_ATTEMPTS``. After
   ``WEBHOOK_DISABLE_AFTER_FAILURES`` failed attempts in a row (any delivery), or at once if
   the guard refuses the address, the subscription is disabled with a readable reason and
   its pending deliveries are failed.

Signature (what a receiver checks, see :func:`verify_signature`)::

    X-Factcheck-Timestamp: <unix seconds>
    X-Factcheck-Signature: sha256=<hex HMAC-SHA256(secret, f"{timestamp}.{body}")>

``body`` is the raw request body bytes. Reject timestamps older than a few minutes to stop
replays; ``X-Factcheck-Delivery`` (a UUID, the payload's ``id``) is stable across retries.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import secrets
import time
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import httpx
from celery import shared_task
from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from claims import netguard, shapes
from claims.models import (
    CONSUMER_WEBHOOK_EVENTS,
    ApiToken,
    Claim,
    ClaimEvent,
    WebhookDelivery,
    WebhookEvent,
    WebhookSubscription,
)
from claims.selectors import rows
from claims.workflow import Action, claim_transitioned

logger = logging.getLogger(__name__)

D = WebhookDelivery.Status
SIGNATURE_HEADER = "X-Factcheck-Signature"
TIMESTAMP_HEADER = "X-Factcheck-Timestamp"
EVENT_HEADER = "X-Factcheck-Event"
DELIVERY_HEADER = "X-Factcheck-Delivery"
USER_AGENT = "factcheck-webhooks/1"
# Task limits: one attempt ends within the request deadline (WEBHOOK_TIMEOUT_SECONDS).
DELIVER_SOFT_TIME_LIMIT = 60
DELIVER_TIME_LIMIT = 90
# A due delivery is only swept this long after it fell due, so the sweeper does not race
# the task message that is already on its way.
SWEEP_GRACE = timedelta(seconds=60)
ERROR_MAX_CHARS = 500
# Staff events stay staff: a consumer's subscription (one a token owns) is sent only these,
# whatever its row says (the model refuses others too).
CONSUMER_EVENTS = frozenset(event for event, _ in CONSUMER_WEBHOOK_EVENTS)


class WebhookError(ValueError):
    """A subscription cannot be written as asked. ``field`` names the bad input."""

    def __init__(self, message: str, *, field: str = "non_field_errors") -> None:
        super().__init__(message)
        self.message = message
        self.field = field


# --- permissions -----------------------------------------------------------------------


def can_manage_webhooks(user: Any) -> bool:
    """Administrators, and whoever was given the model permission in the admin.

    Subscriptions send the public record to an address of their owner's choosing, so
    they are not a role's everyday tool; no group holds the permission by default.
    """
    return bool(
        user is not None and user.is_active and user.has_perm("claims.change_webhooksubscription")
    )


# --- signing ---------------------------------------------------------------------------


def new_webhook_secret() -> str:
    return f"whsec_{secrets.token_urlsafe(32)}"


def sign(secret: str, timestamp: int | str, body: bytes) -> str:
    """``sha256=<hex>`` of HMAC-SHA256(secret, "<timestamp>." + body)."""
    message = f"{timestamp}.".encode() + body
    return "sha256=" + hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def verify_signature(
    *,
    secret: str,
    timestamp: str,
    body: bytes,
    signature: str,
    tolerance: int = 300,
    now: float | None = None,
) -> bool:
    """What a receiver does: constant-time compare, and a timestamp no older than
    ``tolerance`` seconds (a captured request cannot be replayed later)."""
    try:
        age = abs((time.time() if now is None else now) - int(timestamp))
    except ValueError:
        return False
    return age <= tolerance and hmac.compare_digest(sign(secret, timestamp, body), signature)


def encode_body(payload: dict[str, Any]) -> bytes:
    # Deterministic: every retry sends the very same bytes.
    return json.dumps(payload, sort_keys=True, separators=(",", ":")).encode()


# --- managing subscriptions ------------------------------------------------------------


def _check(*, url: str | None, events: list[str] | None) -> None:
    if url is not None:
        try:
            netguard.check_url(url)
        except netguard.OutboundBlocked as exc:
            raise WebhookError(exc.reason, field="url") from None
    if events is not None:
        if not events:
            raise WebhookError("Choose at least one event.", field="events")
        unknown = sorted(set(events) - set(WebhookEvent.values))
        if unknown:
            raise WebhookError(f"Unknown event(s): {', '.join(unknown)}.", field="events")


def _require_manager(actor: Any) -> None:
    from claims.workflow import ActionNotPermitted

    if not can_manage_webhooks(actor):
        raise ActionNotPermitted("You may not manage webhook subscriptions.")


@transaction.atomic
def webhook_subscribe(
    *, actor: Any, url: str, events: list[str], name: str = ""
) -> tuple[WebhookSubscription, str]:
    """Create an active subscription with a fresh secret. Returns the row and the secret.

    Preconditions: the actor may manage webhooks; the URL passes the address guard's URL
    check; at least one known event. Show the secret once: it is not displayed again.
    """
    _require_manager(actor)
    return create_subscription(url=url, events=events, name=name, created_by=actor)


def create_subscription(
    *, url: str, events: list[str], name: str, created_by: Any, token: ApiToken | None = None
) -> tuple[WebhookSubscription, str]:
    """The row and its fresh secret, after the URL guard and the event check. The caller
    has checked who may do this (staff here, the token's owner in claims.consumer_webhooks)."""
    events = sorted(set(events))
    _check(url=url, events=events)
    secret = new_webhook_secret()
    subscription = WebhookSubscription.objects.create(
        name=name.strip(), url=url, events=events, secret=secret, created_by=created_by, token=token
    )
    return subscription, secret


@transaction.atomic
def webhook_update(
    *,
    subscription: WebhookSubscription | int,
    actor: Any,
    url: str | None = None,
    events: list[str] | None = None,
    name: str | None = None,
    is_active: bool | None = None,
) -> WebhookSubscription:
    """Change a subscription. Switching it on again clears the failure count and reason."""
    _require_manager(actor)
    pk = subscription.pk if isinstance(subscription, WebhookSubscription) else subscription
    subscription = WebhookSubscription.objects.select_for_update().get(pk=pk)
    return change_subscription(subscription, url=url, events=events, name=name, is_active=is_active)


def change_subscription(
    subscription: WebhookSubscription,
    *,
    url: str | None = None,
    events: list[str] | None = None,
    name: str | None = None,
    is_active: bool | None = None,
) -> WebhookSubscription:
    """Apply a change to a locked row, with the same checks as at creation. The caller
    has checked who may do this and holds the lock (inside its transaction)."""
    events = sorted(set(events)) if events is not None else None
    _check(url=url, events=events)
    if url is not None:
        subscription.url = url
    if events is not None:
        subscription.events = events
    if name is not None:
        subscription.name = name.strip()
    if is_active is True and not subscription.is_active:
        subscription.is_active = True
        subscription.failure_count = 0
        subscription.disabled_reason = ""
        subscription.disabled_at = None
    elif is_active is False and subscription.is_active:
        _disable(subscription, "Switched off by its manager.", save=False)
    subscription.save()
    return subscription


@transaction.atomic
def webhook_rotate_secret(*, subscription: WebhookSubscription | int, actor: Any) -> str:
    """A new secret for the subscription (deliveries from now on use it). Returns it."""
    _require_manager(actor)
    pk = subscription.pk if isinstance(subscription, WebhookSubscription) else subscription
    secret = new_webhook_secret()
    WebhookSubscription.objects.filter(pk=pk).update(secret=secret, updated_at=timezone.now())
    return secret


@transaction.atomic
def webhook_delete(*, subscription: WebhookSubscription | int, actor: Any) -> None:
    """Delete a subscription and its delivery log."""
    _require_manager(actor)
    pk = subscription.pk if isinstance(subscription, WebhookSubscription) else subscription
    WebhookSubscription.objects.filter(pk=pk).delete()


def _disable(subscription: WebhookSubscription, reason: str, *, save: bool = True) -> None:
    subscription.is_active = False
    subscription.disabled_reason = reason
    subscription.disabled_at = timezone.now()
    if save:
        subscription.save(
            update_fields=["is_active", "disabled_reason", "disabled_at", "updated_at"]
        )
    WebhookDelivery.objects.filter(subscription=subscription, status=D.PENDING).update(
        status=D.FAILED,
        error=f"Not sent: the subscription was disabled. {reason}"[:ERROR_MAX_CHARS],
        next_attempt_at=None,
        claimed_until=None,
    )


# --- creating deliveries (signal receivers) --------------------------------------------


def on_claim_transitioned(
    *,
    claim: Claim,
    event: ClaimEvent,
    action: Action,
    left_public_view: bool = False,
    **_: Any,
) -> None:
    """Inside the workflow's transaction: record deliveries, send them after commit."""
    if left_public_view:
        kind = WebhookEvent.CLAIM_REMOVED
    elif action == Action.APPROVE:
        kind = (
            WebhookEvent.VERDICT_CORRECTED
            if "supersedes" in (event.data or {})
            else WebhookEvent.VERDICT_PUBLISHED
        )
    elif action == Action.TRIAGE:
        # A claim is triaged at most once (a queued claim never becomes a candidate again).
        kind = WebhookEvent.CLAIM_CREATED
    elif action == Action.MERGE and claim.canonical_id is not None:
        # A repeat of a published claim is public at once, with the canonical's verdict.
        published = Claim.objects.filter(
            pk=claim.canonical_id, published_verdict__isnull=False
        ).exists()
        if not published:
            return
        kind = WebhookEvent.CLAIM_CREATED
    else:
        return
    emit(event=kind, claim_id=claim.pk)


def emit(*, event: str, claim_id: int) -> list[WebhookDelivery]:
    """Record a delivery of ``event`` about this claim for every active subscription that
    wants it, and enqueue them on commit. One query when nobody subscribes."""
    wanted = [
        s
        for s in WebhookSubscription.objects.filter(is_active=True)
        if event in (s.events or []) and (s.token_id is None or event in CONSUMER_EVENTS)
    ]
    if not wanted:
        return []
    data = _removed_data(claim_id) if event == WebhookEvent.CLAIM_REMOVED else _claim_data(claim_id)
    if data is None:
        return []  # not public (or, for claim.removed, public after all): nothing to say
    now = timezone.now()
    deliveries = []
    for subscription in wanted:
        event_id = uuid.uuid4()
        payload = {
            "id": str(event_id),
            "type": event,
            "created_at": now.isoformat().replace("+00:00", "Z"),
            "data": {"claim": data},
        }
        deliveries.append(
            WebhookDelivery(
                subscription=subscription,
                event=event,
                event_id=event_id,
                payload=payload,
                next_attempt_at=now,
            )
        )
    created = WebhookDelivery.objects.bulk_create(deliveries)
    ids = [d.pk for d in created]

    def enqueue_webhook_deliveries() -> None:
        for pk in ids:
            deliver_webhook_task.delay(pk)

    # robust: a receiver that is down must not turn the approval into an error.
    transaction.on_commit(enqueue_webhook_deliveries, robust=True)
    return created


def _claim_data(claim_id: int) -> dict[str, Any] | None:
    """The claim's detail as the consumer API gives it; None unless it is public."""
    try:
        row = rows.public_claim_row(viewer=None, pk=claim_id)
    except Claim.DoesNotExist:
        return None
    return shapes.claim_detail_data(
        row, sources=rows.cited_source_rows(row), revisions=rows.revision_rows(row)
    )


def _removed_data(claim_id: int) -> dict[str, Any] | None:
    """The claim's tombstone as the change feed renders it; None unless it is one."""
    row = rows.tombstone_row(pk=claim_id)
    return shapes.tombstone_data(row) if row is not None else None


# --- sending ---------------------------------------------------------------------------


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
        WebhookDelivery.objects.filter(pk=delivery_id, status=D.PENDING, next_attempt_at__lte=now)
        .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
        .update(claimed_until=now + lease, attempt=F("attempt") + 1)
    )
    return changed == 1


@dataclass(frozen=True)
class _Response:
    status_code: int | None
    latency_ms: int
    error: str
    permanent: bool = False  # the guard refused the address: retrying cannot help


def _post(url: str, body: bytes, headers: dict[str, str]) -> _Response:
    timeout = float(settings.WEBHOOK_TIMEOUT_SECONDS)
    start = time.monotonic()

    def done(status: int | None, error: str = "", permanent: bool = False) -> _Response:
        latency = int((time.monotonic() - start) * 1000)
        return _Response(status, latency, error[:ERROR_MAX_CHARS], permanent)

    try:
        # Streamed and never read: a receiver cannot make us download anything.
        with (
            netguard.guarded_client(timeout=timeout, deadline=start + timeout) as client,
            client.stream("POST", url, content=body, headers=headers) as response,
        ):
            status = response.status_code
    except netguard.OutboundBlocked as exc:
        return done(None, f"Refused by the address guard: {exc.reason}", permanent=True)
    except netguard.HostNotFound as exc:
        return done(None, exc.reason)
    except httpx.TimeoutException:
        return done(None, f"No answer within {timeout:g} seconds.")
    except httpx.InvalidURL as exc:  # not an HTTPError; retrying cannot mend the address
        return done(None, f"The webhook URL cannot be used: {exc}", permanent=True)
    except httpx.HTTPError as exc:
        return done(None, f"Could not connect: {exc}" if str(exc) else type(exc).__name__)
    if 200 <= status < 300:
        return done(status)
    if 300 <= status < 400:
        return done(status, f"HTTP {status}: redirects are not followed; use the final URL.")
    return done(status, f"HTTP {status} from the receiver.")


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
    if subscription.is_active and subscription.token is not None:
        from claims.consumer_webhooks import owner_refusal

        # A consumer's token revoked or expired since the event: nothing more is sent.
        if refusal := owner_refusal(subscription.token, now=now):
            with transaction.atomic():
                _disable(subscription, refusal)  # fails this delivery too, with the reason
            return AttemptResult(delivery_id, ok=False, status=D.FAILED)
    if not subscription.is_active:
        WebhookDelivery.objects.filter(pk=delivery_id).update(
            status=D.FAILED,
            claimed_until=None,
            next_attempt_at=None,
            error="Not sent: the subscription is disabled.",
        )
        return AttemptResult(delivery_id, ok=False, status=D.FAILED)

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
    response = _post(subscription.url, body, headers)
    return _record(delivery.pk, subscription.pk, response)


@transaction.atomic
def _record(delivery_id: int, subscription_id: int, response: _Response) -> AttemptResult:
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
        delivery.status = D.SUCCEEDED
        delivery.delivered_at = now
        delivery.next_attempt_at = None
        if subscription.failure_count:
            subscription.failure_count = 0
            subscription.save(update_fields=["failure_count", "updated_at"])
    else:
        subscription.failure_count += 1
        last = delivery.attempt >= settings.WEBHOOK_MAX_ATTEMPTS
        if response.permanent or last:
            delivery.status = D.FAILED
            delivery.next_attempt_at = None
        else:
            retry_in = backoff_seconds(delivery.attempt)
            delivery.next_attempt_at = now + timedelta(seconds=retry_in)
        subscription.save(update_fields=["failure_count", "updated_at"])
    delivery.save()
    limit = settings.WEBHOOK_DISABLE_AFTER_FAILURES
    if not ok and subscription.is_active:
        if response.permanent:
            _disable(subscription, f"Its address is refused. {response.error}")
        elif subscription.failure_count >= limit:
            _disable(
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
        WebhookDelivery.objects.filter(status=D.PENDING, next_attempt_at__lte=now - grace)
        .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
        .order_by("next_attempt_at", "id")
        .values_list("pk", flat=True)[:500]
    )


# --- tasks -----------------------------------------------------------------------------


@shared_task(
    bind=True,
    acks_late=True,
    soft_time_limit=DELIVER_SOFT_TIME_LIMIT,
    time_limit=DELIVER_TIME_LIMIT,
)
def deliver_webhook_task(self, delivery_id: int) -> str | None:
    """One attempt; the next one is scheduled with its backoff as a new task message.

    In process (no broker) there is nobody to wait for the backoff: the delivery stays
    pending with its ``next_attempt_at`` and the sweeper (Celery beat) sends it later.
    """
    result = webhook_deliver(delivery_id=delivery_id)
    if result is None:
        return None
    if result.retry_in is not None and not self.request.is_eager:
        deliver_webhook_task.apply_async((delivery_id,), countdown=result.retry_in)
    return result.status


@shared_task(acks_late=True, soft_time_limit=60, time_limit=90)
def send_due_webhook_deliveries_task() -> int:
    """Beat: re-queue due deliveries whose task message was lost. Safe to run twice: the
    delivery task claims its row before sending."""
    ids = due_delivery_ids()
    for pk in ids:
        deliver_webhook_task.delay(pk)
    return len(ids)


def connect() -> None:
    claim_transitioned.connect(on_claim_transitioned, dispatch_uid="claims-webhooks")
