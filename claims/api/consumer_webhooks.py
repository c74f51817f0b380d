"""A consumer's own webhook subscriptions, ``/api/v1/webhooks/mine/``: create (the secret is
shown once), list, read, change and delete. Writes go through ``claims.webhooks.consumer``.

Who: a token with the ``read`` scope, of an account that reads the API. Only that token's
subscriptions exist here (another token's, and staff ones, are a 404); the staff endpoints
beside it (``claims.api.webhooks``) are unchanged and do not list these.
"""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema_view
from rest_framework import serializers

from claims.api.exceptions import PROBLEM_CONTENT_TYPE
from claims.api.permissions import ManageOwnWebhooks
from claims.api.schema import HttpsAddressField, ProblemSerializer
from claims.api.webhooks import (
    WebhookCreateSerializer,
    WebhookDetailView,
    WebhookListView,
    WebhookSubscriptionSerializer,
    WebhookUpdateSerializer,
    events_field,
    subscription_schemas,
)
from claims.models import CONSUMER_WEBHOOK_EVENTS, WebhookSubscription
from claims.webhooks import consumer

EVENTS = ", ".join(f"`{event}`" for event, _ in CONSUMER_WEBHOOK_EVENTS)
WHO = (
    "Scope `read` (a token: a subscription belongs to the token that made it, and a "
    "session owns none). Only this token's own subscriptions exist here; another token's "
    f"and staff ones answer 404. Events: {EVENTS}."
)
_NOT_YOURS = {
    "invalid_choice": '"{input}" is not an event a read token may subscribe to: '
    + ", ".join(event for event, _ in CONSUMER_WEBHOOK_EVENTS)
    + "."
}


def _events(**kwargs) -> serializers.ListField:
    return events_field(CONSUMER_WEBHOOK_EVENTS, error_messages=_NOT_YOURS, **kwargs)


# https only, as the service requires with DEBUG off; a laptop's DEBUG server also takes
# http, which the schema does not promise.
_HTTPS = {
    "max_length": 2048,
    "help_text": "Public https address that receives the POSTs.",
}


class ConsumerWebhookCreateSerializer(WebhookCreateSerializer):
    url = HttpsAddressField(**_HTTPS)
    events = _events()


class ConsumerWebhookUpdateSerializer(WebhookUpdateSerializer):
    url = HttpsAddressField(required=False, **_HTTPS)
    events = _events(required=False)


class ConsumerWebhookSerializer(WebhookSubscriptionSerializer):
    events = serializers.ListField(child=serializers.ChoiceField(choices=CONSUMER_WEBHOOK_EVENTS))


class ConsumerWebhookCreatedSerializer(ConsumerWebhookSerializer):
    secret = serializers.CharField(help_text="Signing secret. Shown only now: store it.")


class _OwnWebhooks:
    """What differs from the staff views: the caller's token owns the rows."""

    permission_classes = [ManageOwnWebhooks]
    serializer_class = ConsumerWebhookSerializer
    create_serializer = ConsumerWebhookCreateSerializer
    update_serializer = ConsumerWebhookUpdateSerializer
    detail_route = "api:own-webhook-detail"

    def subscriptions(self):
        return WebhookSubscription.objects.filter(token=self.request.auth)

    def subscribe(self, data: dict) -> tuple[WebhookSubscription, str]:
        return consumer.consumer_webhook_subscribe(
            actor=self.request.user, token=self.request.auth, **data
        )

    def change(self, subscription: WebhookSubscription, data: dict) -> WebhookSubscription:
        return consumer.consumer_webhook_update(
            actor=self.request.user, token=self.request.auth, subscription=subscription, **data
        )

    def remove(self, subscription: WebhookSubscription) -> None:
        consumer.consumer_webhook_delete(
            actor=self.request.user, token=self.request.auth, subscription=subscription
        )


_LIST, _DETAIL = subscription_schemas(
    operation="webhooks_mine",
    who=WHO,
    output=ConsumerWebhookSerializer,
    created=ConsumerWebhookCreatedSerializer,
    create_input=ConsumerWebhookCreateSerializer,
    update_input=ConsumerWebhookUpdateSerializer,
    list_summary="List this token's own webhook subscriptions",
    create_note=(
        " A token may own WEBHOOK_MAX_PER_TOKEN subscriptions (default 5, switched on or off "
        "alike); the next one is a 409 `webhook_limit_reached` until one is deleted. When "
        "the token is revoked or expires, its subscriptions stop: nothing more is sent and "
        "they are switched off with the reason."
    ),
    create_problems={
        (409, PROBLEM_CONTENT_TYPE): OpenApiResponse(
            ProblemSerializer,
            description="The token owns WEBHOOK_MAX_PER_TOKEN subscriptions already "
            "(code `webhook_limit_reached`); delete one first.",
        )
    },
)


@extend_schema_view(**_LIST)
class ConsumerWebhookListView(_OwnWebhooks, WebhookListView):
    pass


@extend_schema_view(**_DETAIL)
class ConsumerWebhookDetailView(_OwnWebhooks, WebhookDetailView):
    pass
