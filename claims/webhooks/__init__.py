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
- ``claim.corroboration``: an anonymously sourced public claim's report was corroborated,
  contradicted, withdrawn by its outlet, went stale or was reopened (its ``corroboration``
  says which, since when and on what evidence; ``claims.claimants.ledger``).

Staff subscriptions (the admin, ``/api/v1/webhooks/``) may carry every event; a consumer's
own, owned by its ``read`` token (``claims.webhooks.consumer``, ``/api/v1/webhooks/mine/``),
only ``CONSUMER_EVENTS``: ``verdict.published``, ``verdict.corrected``, ``claim.removed``,
``claim.corroboration``.

Every payload is ``{"id", "type", "created_at", "data": {"claim": ...}}`` where ``claim`` is
exactly the consumer API's claim detail (``GET /api/v1/claims/{id}/``), or for
``claim.removed`` its tombstone as the change feed lists it (``{"id", "removed": true,
"removed_at", "reason", "updated_at"}``).

How a delivery happens:

1. The workflow sends its signal inside the transaction; the receiver (``events``) writes one
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

The package, one module per concept (import from the package; ``consumer`` by its name):

- ``permissions``: who may manage subscriptions.
- ``signing``: secrets, signatures, the body's bytes.
- ``services``: managing subscriptions (subscribe, update, rotate, delete, disable).
- ``consumer``: a consumer token's own subscriptions, and when its owner may not receive.
- ``events``: the workflow's and the ledger's receivers and ``emit``: which change becomes
  which deliveries.
- ``delivery``: one attempt at a delivery, its record, retries and the sweep.
- ``http``: the POST itself, through the address guard.
- ``tasks``: the Celery tasks (their names unchanged: ``claims.webhooks.<task>``).
"""

from claims.webhooks.delivery import (
    DELIVER_SOFT_TIME_LIMIT,
    DELIVER_TIME_LIMIT,
    SWEEP_GRACE,
    AttemptResult,
    backoff_seconds,
    due_delivery_ids,
    webhook_deliver,
)
from claims.webhooks.events import connect, emit, on_claim_transitioned, on_report_changed
from claims.webhooks.http import DELIVERY_HEADER, EVENT_HEADER, USER_AGENT
from claims.webhooks.permissions import can_manage_webhooks
from claims.webhooks.services import (
    CONSUMER_EVENTS,
    ERROR_MAX_CHARS,
    WebhookError,
    change_subscription,
    create_subscription,
    disable_subscription,
    webhook_delete,
    webhook_rotate_secret,
    webhook_subscribe,
    webhook_update,
)
from claims.webhooks.signing import (
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    encode_body,
    new_webhook_secret,
    sign,
    verify_signature,
)
from claims.webhooks.tasks import deliver_webhook_task, send_due_webhook_deliveries_task

__all__ = [
    "CONSUMER_EVENTS",
    "DELIVERY_HEADER",
    "DELIVER_SOFT_TIME_LIMIT",
    "DELIVER_TIME_LIMIT",
    "ERROR_MAX_CHARS",
    "EVENT_HEADER",
    "SIGNATURE_HEADER",
    "SWEEP_GRACE",
    "TIMESTAMP_HEADER",
    "USER_AGENT",
    "AttemptResult",
    "WebhookError",
    "backoff_seconds",
    "can_manage_webhooks",
    "change_subscription",
    "connect",
    "create_subscription",
    "deliver_webhook_task",
    "disable_subscription",
    "due_delivery_ids",
    "emit",
    "encode_body",
    "new_webhook_secret",
    "on_claim_transitioned",
    "on_report_changed",
    "send_due_webhook_deliveries_task",
    "sign",
    "verify_signature",
    "webhook_delete",
    "webhook_deliver",
    "webhook_rotate_secret",
    "webhook_subscribe",
    "webhook_update",
]
