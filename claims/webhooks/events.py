"""Which changes of the public record become deliveries: the receivers of the workflow's
``claim_transitioned`` and of the ledger's ``report_changed``, and ``emit``, which records a
delivery per subscription that wants the event and enqueues them after commit."""

from __future__ import annotations

import uuid
from typing import Any

from django.db import transaction
from django.utils import timezone

from claims import shapes
from claims.claimants.ledger import report_changed
from claims.models import Claim, ClaimEvent, WebhookDelivery, WebhookEvent, WebhookSubscription
from claims.selectors import rows
from claims.webhooks.services import CONSUMER_EVENTS
from claims.webhooks.tasks import deliver_webhook_task
from claims.workflow import Action, claim_transitioned


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


def on_report_changed(*, claim: Claim, **_: Any) -> None:
    """Inside the ledger's transaction (``claims.claimants.ledger.report_changed``): an
    anonymous report's corroboration state changed; the claim's detail says how."""
    emit(event=WebhookEvent.CLAIM_CORROBORATION, claim_id=claim.pk)


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


def connect() -> None:
    claim_transitioned.connect(on_claim_transitioned, dispatch_uid="claims-webhooks")
    report_changed.connect(on_report_changed, dispatch_uid="claims-webhooks-ledger")
