"""Managing subscriptions: the staff services (the admin, ``/api/v1/webhooks/``), and the
writes a consumer's own share (``claims.webhooks.consumer``)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from claims import netguard
from claims.ids import pk_of
from claims.models import (
    CONSUMER_WEBHOOK_EVENTS,
    ApiToken,
    WebhookDelivery,
    WebhookEvent,
    WebhookSubscription,
)
from claims.types import User
from claims.webhooks.permissions import can_manage_webhooks
from claims.webhooks.signing import new_webhook_secret

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


def _require_manager(actor: User) -> None:
    from claims.workflow import ActionNotPermitted

    if not can_manage_webhooks(actor):
        raise ActionNotPermitted("You may not manage webhook subscriptions.")


@transaction.atomic
def webhook_subscribe(
    *, actor: User, url: str, events: list[str], name: str = ""
) -> tuple[WebhookSubscription, str]:
    """Create an active subscription with a fresh secret. Returns the row and the secret.

    Preconditions: the actor may manage webhooks; the URL passes the address guard's URL
    check; at least one known event. Show the secret once: it is not displayed again.
    """
    _require_manager(actor)
    return create_subscription(url=url, events=events, name=name, created_by=actor)


def create_subscription(
    *, url: str, events: list[str], name: str, created_by: User, token: ApiToken | None = None
) -> tuple[WebhookSubscription, str]:
    """The row and its fresh secret, after the URL guard and the event check. The caller
    has checked who may do this (staff here, the token's owner in claims.webhooks.consumer)."""
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
    actor: User,
    url: str | None = None,
    events: list[str] | None = None,
    name: str | None = None,
    is_active: bool | None = None,
) -> WebhookSubscription:
    """Change a subscription. Switching it on again clears the failure count and reason."""
    _require_manager(actor)
    pk = pk_of(subscription)
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
        disable_subscription(subscription, "Switched off by its manager.", save=False)
    subscription.save()
    return subscription


@transaction.atomic
def webhook_rotate_secret(*, subscription: WebhookSubscription | int, actor: User) -> str:
    """A new secret for the subscription (deliveries from now on use it). Returns it."""
    _require_manager(actor)
    pk = pk_of(subscription)
    secret = new_webhook_secret()
    WebhookSubscription.objects.filter(pk=pk).update(secret=secret, updated_at=timezone.now())
    return secret


@transaction.atomic
def webhook_delete(*, subscription: WebhookSubscription | int, actor: User) -> None:
    """Delete a subscription and its delivery log."""
    _require_manager(actor)
    pk = pk_of(subscription)
    WebhookSubscription.objects.filter(pk=pk).delete()


def disable_subscription(
    subscription: WebhookSubscription, reason: str, *, save: bool = True
) -> None:
    """Switch the subscription off with ``reason`` and fail its pending deliveries unsent."""
    subscription.is_active = False
    subscription.disabled_reason = reason
    subscription.disabled_at = timezone.now()
    if save:
        subscription.save(
            update_fields=["is_active", "disabled_reason", "disabled_at", "updated_at"]
        )
    WebhookDelivery.objects.filter(
        subscription=subscription, status=WebhookDelivery.Status.PENDING
    ).update(
        status=WebhookDelivery.Status.FAILED,
        error=f"Not sent: the subscription was disabled. {reason}"[:ERROR_MAX_CHARS],
        next_attempt_at=None,
        claimed_until=None,
    )
