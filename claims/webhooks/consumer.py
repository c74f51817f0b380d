"""Consumers' own webhook subscriptions: a ``read`` token subscribes itself to public events.

The staff side (``claims.webhooks.services``: the admin and ``/api/v1/webhooks/``) is
unchanged; this module adds the rules for a subscription that belongs to an API token:

- **Owner**: the token that created it (``WebhookSubscription.token``), not its account, so
  two programs of one newsroom, each with its own token, do not see or count each other's.
  Only that token lists, reads, changes or deletes it.
- **Events**: ``CONSUMER_WEBHOOK_EVENTS`` only (``verdict.published``, ``verdict.corrected``,
  ``claim.removed``); ``claim.created`` stays with staff subscriptions.
- **Limit**: ``WEBHOOK_MAX_PER_TOKEN`` subscriptions per token, switched on or off alike;
  deleting one frees its slot.
- **URL and secret**: the staff ones (the address guard of ``claims.netguard`` when saved
  and at every connect; a fresh ``whsec_`` secret shown once), and in production (DEBUG
  off) the address must be ``https``: the body names claims and the signature proves who
  sent it, but only TLS keeps a consumer's receiver from being impersonated on the way.
  ``http`` stays allowed with DEBUG on (a laptop, the demo), as for staff subscriptions.
- **Revocation**: a subscription whose token was revoked or expired, or whose account may no
  longer read the API, is not sent anything more. The delivery that finds it out is failed
  unsent, and the subscription is switched off with the reason (:func:`owner_refusal`).

Deliveries, signatures and retries are the staff ones (``claims.webhooks``); delivery asks
:func:`owner_refusal` before every attempt to a consumer's subscription.
"""

from __future__ import annotations

from datetime import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from claims.ids import pk_of
from claims.models import ApiToken, WebhookSubscription
from claims.types import User
from claims.webhooks.services import (
    CONSUMER_EVENTS,
    WebhookError,
    change_subscription,
    create_subscription,
)
from claims.workflow import ActionNotPermitted


class WebhookLimitReached(Exception):
    """The token holds ``WEBHOOK_MAX_PER_TOKEN`` subscriptions already (the API's 409)."""

    code = "webhook_limit_reached"

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.message = (
            f"This token has {limit} webhook subscriptions, the most one token may have; "
            "delete one to subscribe another address."
        )
        super().__init__(self.message)


def max_per_token() -> int:
    return int(settings.WEBHOOK_MAX_PER_TOKEN)


def owner_refusal(token: ApiToken, *, now: datetime | None = None) -> str:
    """Why this token's subscriptions may not receive anything (now), or "" if they may."""
    from claims.api.permissions import can_read_published

    now = now or timezone.now()
    if token.revoked_at is not None:
        return "Its API token was revoked."
    if token.expires_at is not None and token.expires_at <= now:
        return "Its API token has expired."
    if not can_read_published(token.user):
        return "The account of its API token may no longer read the API."
    return ""


def can_own_webhooks(user: User | None, token: ApiToken | None) -> bool:
    """A usable token of ``user`` with the ``read`` scope, whose account reads the API."""
    return bool(
        token is not None
        and user is not None
        and token.user_id == user.pk
        and ApiToken.Scope.READ in token.scopes
        and not owner_refusal(token)
    )


def _require_owner(actor: User, token: ApiToken | None) -> ApiToken:
    if not can_own_webhooks(actor, token):
        raise ActionNotPermitted("Only a usable token with the read scope owns subscriptions.")
    return token


def _check_events(events: list[str] | None) -> None:
    staff_only = sorted(set(events or ()) - CONSUMER_EVENTS)
    if staff_only:
        raise WebhookError(
            f"Not an event a consumer may subscribe to: {', '.join(staff_only)}. "
            f"Choose from: {', '.join(sorted(CONSUMER_EVENTS))}.",
            field="events",
        )


def _check_scheme(url: str | None) -> None:
    """In production a consumer's receiver is reached over TLS only (WebhookError on
    ``url``); the rest of the URL is the address guard's (``claims.webhooks.services``)."""
    if url is None or settings.DEBUG:
        return
    if urlsplit(url.strip()).scheme.lower() != "https":
        raise WebhookError(
            "A consumer's webhook address must start with https://: deliveries are sent "
            "only over TLS.",
            field="url",
        )


def _own(token: ApiToken, subscription: WebhookSubscription | int) -> WebhookSubscription:
    """The token's subscription, locked. Another owner's is as absent as a missing one."""
    pk = pk_of(subscription)
    return WebhookSubscription.objects.select_for_update().get(pk=pk, token=token)


@transaction.atomic
def consumer_webhook_subscribe(
    *, actor: User, token: ApiToken, url: str, events: list[str], name: str = ""
) -> tuple[WebhookSubscription, str]:
    """Subscribe ``url`` to public ``events`` for ``token``. Returns the row and its secret.

    Preconditions: ``token`` is ``actor``'s, usable, with the ``read`` scope
    (ActionNotPermitted); only consumer events (WebhookError on ``events``); the URL is
    ``https`` (unless DEBUG is on) and passes the address guard (WebhookError on ``url``);
    the token holds fewer than ``WEBHOOK_MAX_PER_TOKEN`` subscriptions
    (WebhookLimitReached). The token row is locked
    while counting, so two concurrent requests cannot both take the last slot.
    """
    _require_owner(actor, token)
    _check_events(events)
    _check_scheme(url)
    ApiToken.objects.select_for_update().get(pk=token.pk)
    limit = max_per_token()
    if WebhookSubscription.objects.filter(token=token).count() >= limit:
        raise WebhookLimitReached(limit)
    return create_subscription(url=url, events=events, name=name, created_by=actor, token=token)


@transaction.atomic
def consumer_webhook_update(
    *,
    actor: User,
    token: ApiToken,
    subscription: WebhookSubscription | int,
    url: str | None = None,
    events: list[str] | None = None,
    name: str | None = None,
    is_active: bool | None = None,
) -> WebhookSubscription:
    """Change the token's own subscription, under the same rules as creating it. Switching
    it on again clears the failure count and reason. Raises DoesNotExist for a subscription
    that is not the token's."""
    _require_owner(actor, token)
    _check_events(events)
    _check_scheme(url)
    return change_subscription(
        _own(token, subscription), url=url, events=events, name=name, is_active=is_active
    )


@transaction.atomic
def consumer_webhook_delete(
    *, actor: User, token: ApiToken, subscription: WebhookSubscription | int
) -> None:
    """Delete the token's own subscription and its delivery log; its slot is free again."""
    _require_owner(actor, token)
    _own(token, subscription).delete()
