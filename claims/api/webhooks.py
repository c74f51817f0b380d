"""Webhook subscription endpoints: create (the secret is shown once), list, change, delete,
rotate the secret, and read the delivery log. Writes go through ``claims.webhooks``.

Who: a token with the ``review`` scope, or a session, of an account holding
``claims.change_webhooksubscription`` (administrators by default; grant it in the admin).
They see staff subscriptions only; a consumer's own are ``claims.api.consumer_webhooks``.
"""

from __future__ import annotations

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.generics import GenericAPIView
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from claims import webhooks
from claims.api.ids import id_parameter
from claims.api.permissions import ManageWebhooks
from claims.api.schema import problems
from claims.models import WebhookDelivery, WebhookEvent, WebhookSubscription

TAG = "Webhooks"
RECENT_DELIVERIES = 50
WHO = (
    "Scope `review` (or a session) of an account holding "
    "`claims.change_webhooksubscription` (administrators; grant it in the admin). Staff "
    "subscriptions only: a consumer token's own are under `/api/v1/webhooks/mine/`."
)
SIGNING = (
    "Each delivery is a POST of JSON `{id, type, created_at, data: {claim}}` (`claim` as in "
    "`GET /api/v1/claims/{id}/`), with headers `X-Factcheck-Event`, `X-Factcheck-Delivery` "
    "(the `id`, stable across retries), `X-Factcheck-Timestamp` (unix seconds) and "
    "`X-Factcheck-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + '.' + body)>`. "
    "Answer 2xx within WEBHOOK_TIMEOUT_SECONDS; anything else is retried with exponential "
    "backoff, and a subscription failing WEBHOOK_DISABLE_AFTER_FAILURES attempts in a row is "
    "disabled with a reason. URLs must be public http(s) addresses: private, loopback and "
    "link-local ones (169.254.169.254) are refused, when saved and at every connect."
)


def events_field(choices=WebhookEvent.choices, *, error_messages=None, **kwargs):
    return serializers.ListField(
        child=serializers.ChoiceField(choices=choices, error_messages=error_messages or {}),
        allow_empty=False,
        max_length=len(choices),
        **kwargs,
    )


_URL = {"max_length": 2048, "help_text": "Public http(s) address that receives the POSTs."}


class WebhookCreateSerializer(serializers.Serializer):
    url = serializers.CharField(**_URL)
    events = events_field()
    name = serializers.CharField(required=False, max_length=100, allow_blank=True)


class WebhookUpdateSerializer(serializers.Serializer):
    url = serializers.CharField(required=False, **_URL)
    events = events_field(required=False)
    name = serializers.CharField(required=False, max_length=100, allow_blank=True)
    is_active = serializers.BooleanField(
        required=False, help_text="true switches a disabled subscription on again."
    )


class WebhookSubscriptionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    url = serializers.CharField()
    events = serializers.ListField(child=serializers.ChoiceField(choices=WebhookEvent.choices))
    is_active = serializers.BooleanField()
    disabled_reason = serializers.CharField(help_text="Why it was switched off, if it was.")
    disabled_at = serializers.DateTimeField(allow_null=True)
    failure_count = serializers.IntegerField(help_text="Failed attempts in a row.")
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


class WebhookCreatedSerializer(WebhookSubscriptionSerializer):
    secret = serializers.CharField(help_text="Signing secret. Shown only now: store it.")


class WebhookSecretSerializer(serializers.Serializer):
    secret = serializers.CharField(help_text="The new signing secret. Shown only now.")


class WebhookAttemptSerializer(serializers.Serializer):
    attempt = serializers.IntegerField()
    at = serializers.DateTimeField()
    status = serializers.IntegerField(allow_null=True, help_text="HTTP status, if any.")
    latency_ms = serializers.IntegerField()
    error = serializers.CharField()


class WebhookDeliverySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    event = serializers.ChoiceField(choices=WebhookEvent.choices)
    event_id = serializers.UUIDField()
    status = serializers.ChoiceField(choices=WebhookDelivery.Status.choices)
    attempt = serializers.IntegerField(help_text="Attempts made so far.")
    response_status = serializers.IntegerField(allow_null=True)
    latency_ms = serializers.IntegerField(allow_null=True)
    error = serializers.CharField()
    attempts = WebhookAttemptSerializer(many=True)
    next_attempt_at = serializers.DateTimeField(allow_null=True)
    created_at = serializers.DateTimeField()
    delivered_at = serializers.DateTimeField(allow_null=True)


WEBHOOK_ID = id_parameter("Subscription id.")
ERRORS = (401, 403, 406, 429)


class _WebhookView(GenericAPIView):
    permission_classes = [ManageWebhooks]
    renderer_classes = [JSONRenderer]

    def _subscriptions(self):
        # Staff subscriptions only; a consumer token's own live under /webhooks/mine/
        # (claims.api.consumer_webhooks) and are managed by that token (or in the admin).
        return WebhookSubscription.objects.filter(token__isnull=True)

    def _subscription(self, pk: int) -> WebhookSubscription:
        try:
            return self._subscriptions().get(pk=pk)
        except WebhookSubscription.DoesNotExist:
            raise exceptions.NotFound("No webhook subscription with this id.") from None


class WebhookListView(_WebhookView):
    serializer_class = WebhookSubscriptionSerializer

    @extend_schema(
        tags=[TAG],
        operation_id="webhooks_list",
        summary="List webhook subscriptions",
        description=WHO,
        responses={
            (200, "application/json"): WebhookSubscriptionSerializer(many=True),
            **problems(*ERRORS),
        },
    )
    def get(self, request):
        subscriptions = self._subscriptions().order_by("id")
        return Response(WebhookSubscriptionSerializer(subscriptions, many=True).data)

    @extend_schema(
        tags=[TAG],
        operation_id="webhooks_create",
        summary="Subscribe an address to events; the signing secret is returned once",
        description=f"{WHO}\n\n{SIGNING}",
        request=WebhookCreateSerializer,
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
            (201, "application/json"): WebhookCreatedSerializer,
            **problems(400, *ERRORS, 415),
        },
    )
    def post(self, request):
        params = WebhookCreateSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        subscription, secret = webhooks.webhook_subscribe(
            actor=request.user, **params.validated_data
        )
        body = WebhookSubscriptionSerializer(subscription).data
        location = request.build_absolute_uri(reverse("api:webhook-detail", args=[subscription.pk]))
        return Response(
            {**body, "secret": secret},
            status=status.HTTP_201_CREATED,
            headers={"Location": location},
        )


class WebhookDetailView(_WebhookView):
    serializer_class = WebhookSubscriptionSerializer

    @extend_schema(
        tags=[TAG],
        operation_id="webhooks_retrieve",
        summary="One webhook subscription (without its secret)",
        description=WHO,
        parameters=[WEBHOOK_ID],
        responses={
            (200, "application/json"): WebhookSubscriptionSerializer,
            **problems(404, *ERRORS),
        },
    )
    def get(self, request, pk: int):
        return Response(WebhookSubscriptionSerializer(self._subscription(pk)).data)

    @extend_schema(
        tags=[TAG],
        operation_id="webhooks_update",
        summary="Change a subscription, or switch it on or off",
        description=f"{WHO} Setting `is_active` to true clears the failure count and reason.",
        parameters=[WEBHOOK_ID],
        request=WebhookUpdateSerializer,
        responses={
            (200, "application/json"): WebhookSubscriptionSerializer,
            **problems(400, 404, *ERRORS, 415),
        },
    )
    def patch(self, request, pk: int):
        subscription = self._subscription(pk)
        params = WebhookUpdateSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        subscription = webhooks.webhook_update(
            subscription=subscription, actor=request.user, **params.validated_data
        )
        return Response(WebhookSubscriptionSerializer(subscription).data)

    @extend_schema(
        tags=[TAG],
        operation_id="webhooks_destroy",
        summary="Delete a subscription and its delivery log",
        description=WHO,
        parameters=[WEBHOOK_ID],
        responses={204: OpenApiResponse(description="Deleted."), **problems(404, *ERRORS)},
    )
    def delete(self, request, pk: int):
        webhooks.webhook_delete(subscription=self._subscription(pk), actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class WebhookRotateSecretView(_WebhookView):
    serializer_class = WebhookSecretSerializer

    @extend_schema(
        tags=[TAG],
        operation_id="webhooks_rotate_secret",
        summary="Replace the signing secret; the new one is returned once",
        description=WHO,
        parameters=[WEBHOOK_ID],
        request=None,
        responses={
            (200, "application/json"): WebhookSecretSerializer,
            **problems(404, *ERRORS),
        },
    )
    def post(self, request, pk: int):
        secret = webhooks.webhook_rotate_secret(
            subscription=self._subscription(pk), actor=request.user
        )
        return Response({"secret": secret})


class WebhookDeliveriesView(_WebhookView):
    serializer_class = WebhookDeliverySerializer

    @extend_schema(
        tags=[TAG],
        operation_id="webhooks_deliveries",
        summary=f"The subscription's latest {RECENT_DELIVERIES} deliveries, newest first",
        description=f"{WHO} Every attempt with its status code, latency and error.",
        parameters=[WEBHOOK_ID],
        responses={
            (200, "application/json"): WebhookDeliverySerializer(many=True),
            **problems(404, *ERRORS),
        },
    )
    def get(self, request, pk: int):
        subscription = self._subscription(pk)
        deliveries = subscription.deliveries.order_by("-created_at", "-id")[:RECENT_DELIVERIES]
        return Response(WebhookDeliverySerializer(deliveries, many=True).data)
