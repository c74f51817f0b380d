"""A consumer's own webhook subscriptions, ``/api/v1/webhooks/mine/``: create (the secret is
shown once), list, read, change and delete. Writes go through ``claims.consumer_webhooks``.

Who: a token with the ``read`` scope, of an account that reads the API. Only that token's
subscriptions exist here (another token's, and staff ones, are a 404); the staff endpoints
beside it (``claims.api.webhooks``) are unchanged and do not list these.
"""

from __future__ import annotations

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.generics import GenericAPIView
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from claims import consumer_webhooks
from claims.api.exceptions import PROBLEM_CONTENT_TYPE
from claims.api.permissions import ManageOwnWebhooks
from claims.api.schema import ProblemSerializer, problems
from claims.api.webhooks import (
    SIGNING,
    TAG,
    WEBHOOK_ID,
    WebhookCreateSerializer,
    WebhookSubscriptionSerializer,
    WebhookUpdateSerializer,
    events_field,
)
from claims.models import CONSUMER_WEBHOOK_EVENTS, WebhookSubscription

EVENTS = ", ".join(f"`{event}`" for event, _ in CONSUMER_WEBHOOK_EVENTS)
WHO = (
    "Scope `read` (a token: a subscription belongs to the token that made it, and a "
    "session owns none). Only this token's own subscriptions exist here; another token's "
    f"and staff ones answer 404. Events: {EVENTS}."
)
ERRORS = (401, 403, 406, 429)
_NOT_YOURS = {
    "invalid_choice": f'"{{input}}" is not an event a read token may subscribe to: {EVENTS}.'
}


def _events(**kwargs) -> serializers.ListField:
    return events_field(CONSUMER_WEBHOOK_EVENTS, error_messages=_NOT_YOURS, **kwargs)


class ConsumerWebhookCreateSerializer(WebhookCreateSerializer):
    events = _events()


class ConsumerWebhookUpdateSerializer(WebhookUpdateSerializer):
    events = _events(required=False)


class ConsumerWebhookSerializer(WebhookSubscriptionSerializer):
    events = serializers.ListField(child=serializers.ChoiceField(choices=CONSUMER_WEBHOOK_EVENTS))


class ConsumerWebhookCreatedSerializer(ConsumerWebhookSerializer):
    secret = serializers.CharField(help_text="Signing secret. Shown only now: store it.")


class _OwnWebhookView(GenericAPIView):
    permission_classes = [ManageOwnWebhooks]
    renderer_classes = [JSONRenderer]
    serializer_class = ConsumerWebhookSerializer

    def _subscription(self, pk: int) -> WebhookSubscription:
        try:
            return WebhookSubscription.objects.get(pk=pk, token=self.request.auth)
        except WebhookSubscription.DoesNotExist:
            raise exceptions.NotFound(
                "This token has no webhook subscription with this id."
            ) from None


class ConsumerWebhookListView(_OwnWebhookView):
    @extend_schema(
        tags=[TAG],
        operation_id="webhooks_mine_list",
        summary="List this token's own webhook subscriptions",
        description=WHO,
        responses={
            (200, "application/json"): ConsumerWebhookSerializer(many=True),
            **problems(*ERRORS),
        },
    )
    def get(self, request):
        subscriptions = WebhookSubscription.objects.filter(token=request.auth).order_by("id")
        return Response(ConsumerWebhookSerializer(subscriptions, many=True).data)

    @extend_schema(
        tags=[TAG],
        operation_id="webhooks_mine_create",
        summary="Subscribe an address to public events; the signing secret is returned once",
        description=(
            f"{WHO} A token may own WEBHOOK_MAX_PER_TOKEN subscriptions (default 5, switched "
            "on or off alike); the next one is a 409 `webhook_limit_reached` until one is "
            f"deleted. When the token is revoked or expires, its subscriptions stop: nothing "
            f"more is sent and they are switched off with the reason.\n\n{SIGNING}"
        ),
        request=ConsumerWebhookCreateSerializer,
        parameters=[
            OpenApiParameter(
                "Location",
                OpenApiTypes.URI,
                OpenApiParameter.HEADER,
                description="The subscription's address in this API.",
                response=[201],
            )
        ],
        responses={
            (201, "application/json"): ConsumerWebhookCreatedSerializer,
            (409, PROBLEM_CONTENT_TYPE): OpenApiResponse(
                ProblemSerializer,
                description="The token owns WEBHOOK_MAX_PER_TOKEN subscriptions already "
                "(code `webhook_limit_reached`); delete one first.",
            ),
            **problems(400, *ERRORS, 415),
        },
    )
    def post(self, request):
        params = ConsumerWebhookCreateSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        subscription, secret = consumer_webhooks.consumer_webhook_subscribe(
            actor=request.user, token=request.auth, **params.validated_data
        )
        body = ConsumerWebhookSerializer(subscription).data
        location = request.build_absolute_uri(
            reverse("api:own-webhook-detail", args=[subscription.pk])
        )
        return Response(
            {**body, "secret": secret},
            status=status.HTTP_201_CREATED,
            headers={"Location": location},
        )


class ConsumerWebhookDetailView(_OwnWebhookView):
    @extend_schema(
        tags=[TAG],
        operation_id="webhooks_mine_retrieve",
        summary="One of this token's webhook subscriptions (without its secret)",
        description=WHO,
        parameters=[WEBHOOK_ID],
        responses={
            (200, "application/json"): ConsumerWebhookSerializer,
            **problems(404, *ERRORS),
        },
    )
    def get(self, request, pk: int):
        return Response(ConsumerWebhookSerializer(self._subscription(pk)).data)

    @extend_schema(
        tags=[TAG],
        operation_id="webhooks_mine_update",
        summary="Change this token's subscription, or switch it on or off",
        description=f"{WHO} Setting `is_active` to true clears the failure count and reason.",
        parameters=[WEBHOOK_ID],
        request=ConsumerWebhookUpdateSerializer,
        responses={
            (200, "application/json"): ConsumerWebhookSerializer,
            **problems(400, 404, *ERRORS, 415),
        },
    )
    def patch(self, request, pk: int):
        subscription = self._subscription(pk)
        params = ConsumerWebhookUpdateSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        subscription = consumer_webhooks.consumer_webhook_update(
            actor=request.user,
            token=request.auth,
            subscription=subscription,
            **params.validated_data,
        )
        return Response(ConsumerWebhookSerializer(subscription).data)

    @extend_schema(
        tags=[TAG],
        operation_id="webhooks_mine_destroy",
        summary="Delete this token's subscription and its delivery log (frees its slot)",
        description=WHO,
        parameters=[WEBHOOK_ID],
        responses={204: OpenApiResponse(description="Deleted."), **problems(404, *ERRORS)},
    )
    def delete(self, request, pk: int):
        consumer_webhooks.consumer_webhook_delete(
            actor=request.user, token=request.auth, subscription=self._subscription(pk)
        )
        return Response(status=status.HTTP_204_NO_CONTENT)
