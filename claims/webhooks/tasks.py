"""The Celery tasks: one attempt at a delivery, and the beat sweeper for lost messages.

Their names are the ones they had as ``claims.webhooks`` functions: queued messages and the
beat schedule (``CELERY_BEAT_SCHEDULE``) name them."""

from __future__ import annotations

from celery import shared_task

from claims.webhooks.delivery import (
    DELIVER_SOFT_TIME_LIMIT,
    DELIVER_TIME_LIMIT,
    due_delivery_ids,
    webhook_deliver,
)


@shared_task(
    name="claims.webhooks.deliver_webhook_task",
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


@shared_task(
    name="claims.webhooks.send_due_webhook_deliveries_task",
    acks_late=True,
    soft_time_limit=60,
    time_limit=90,
)
def send_due_webhook_deliveries_task() -> int:
    """Beat: re-queue due deliveries whose task message was lost. Safe to run twice: the
    delivery task claims its row before sending."""
    ids = due_delivery_ids()
    for pk in ids:
        deliver_webhook_task.delay(pk)
    return len(ids)
