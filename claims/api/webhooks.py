"""Webhook subscription endpoints: create (the secret is shown once), list, change, delete,
rotate the secret, and read the delivery log. Writes go through ``claims.webhooks``.

Who: a token with the ``review`` scope, or a session, of an account holding
``claims.change_webhooksubscription`` (administrators by default; grant it in the admin).
They see staff subscriptions only; a consumer's own are ``claims.api.consumer_webhooks``.
"""

from __future__ import annotations

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import exceptions, serializers, status
from rest_framework.generics import GenericAPIView
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from claims import webhooks
from claims.api.ids import id_parameter
from claims.api.permissions import ManageWebhooks
from claims.api.schema import WebAddressField, problems
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
        min_length=1,  # what allow_empty says, in words the schema states (minItems)
        max_length=len(choices),
        **kwargs,
    )


_URL = {"max_length": 2048, "help_text": "Public http(s) address that receives the POSTs."}


class WebhookCreateSerializer(serializers.Serializer):
    url = WebAddressField(**_URL)
    events = events_field()
    name = serializers.CharField(required=False, max_length=100, allow_blank=True)


class WebhookUpdateSerializer(serializers.Serializer):
    url = WebAddressField(required=False, **_URL)
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


def subscription_schemas(
    *,
    operation: str,
    who: str,
    output: type[serializers.Serializer],
    created: type[serializers.Serializer],
    create_input: type[serializers.Serializer],
    update_input: type[serializers.Serializer],
    list_summary: str = "List webhook subscriptions",
    create_note: str = "",
    create_problems: dict | None = None,
) -> tuple[dict, dict]:
    """``extend_schema_view`` arguments for the list and the detail view of one kind of
    owner's subscriptions (staff here, a consumer token's in claims.api.consumer_webhooks)."""
    location = OpenApiParameter(
        "Location",
        OpenApiTypes.URI,
        OpenApiParameter.HEADER,
        description="The subscription's address in this API.",
        response=[201],
    )
    list_view = {
        "get": extend_schema(
            tags=[TAG],
            operation_id=f"{operation}_list",
            summary=list_summary,
            description=who,
            responses={(200, "application/json"): output(many=True), **problems(*ERRORS)},
        ),
        "post": extend_schema(
            tags=[TAG],
            operation_id=f"{operation}_create",
            summary="Subscribe an address to events; the signing secret is returned once",
            description=f"{who}{create_note}\n\n{SIGNING}",
            request=create_input,
            parameters=[location],
            responses={
                (201, "application/json"): created,
                **(create_problems or {}),
                **problems(400, *ERRORS, 415),
            },
        ),
    }
    detail_view = {
        "get": extend_schema(
            tags=[TAG],
            operation_id=f"{operation}_retrieve",
            summary="One webhook subscription (without its secret)",
            description=who,
            parameters=[WEBHOOK_ID],
            responses={(200, "application/json"): output, **problems(404, *ERRORS)},
        ),
        "patch": extend_schema(
            tags=[TAG],
            operation_id=f"{operation}_update",
            summary="Change a subscription, or switch it on or off",
            description=f"{who} Setting `is_active` to true clears the failure count and reason.",
            parameters=[WEBHOOK_ID],
            request=update_input,
            responses={(200, "application/json"): output, **problems(400, 404, *ERRORS, 415)},
        ),
        "delete": extend_schema(
            tags=[TAG],
            operation_id=f"{operation}_destroy",
            summary="Delete a subscription and its delivery log",
            description=who,
            parameters=[WEBHOOK_ID],
            responses={204: OpenApiResponse(description="Deleted."), **problems(404, *ERRORS)},
        ),
    }
    return list_view, detail_view


class _WebhookView(GenericAPIView):
    """Staff subscriptions. Another kind of owner (a consumer's token) subclasses the list
    and detail views and changes what is below: who, which rows, which shapes, which service.
    """

    permission_classes = [ManageWebhooks]
    renderer_classes = [JSONRenderer]
    serializer_class = WebhookSubscriptionSerializer
    create_serializer: type[serializers.Serializer] = WebhookCreateSerializer
    update_serializer: type[serializers.Serializer] = WebhookUpdateSerializer
    detail_route = "api:webhook-detail"

    def subscriptions(self):
        # Staff subscriptions only; a consumer token's own live under /webhooks/mine/
        # (claims.api.consumer_webhooks) and are managed by that token (or in the admin).
        return WebhookSubscription.objects.filter(token__isnull=True)

    def subscribe(self, data: dict) -> tuple[WebhookSubscription, str]:
        return webhooks.webhook_subscribe(actor=self.request.user, **data)

    def change(self, subscription: WebhookSubscription, data: dict) -> WebhookSubscription:
        return webhooks.webhook_update(subscription=subscription, actor=self.request.user, **data)

    def remove(self, subscription: WebhookSubscription) -> None:
        webhooks.webhook_delete(subscription=subscription, actor=self.request.user)

    def _subscription(self, pk: int) -> WebhookSubscription:
        try:
            return self.subscriptions().get(pk=pk)
        except WebhookSubscription.DoesNotExist:
            raise exceptions.NotFound("No webhook subscription with this id.") from None


_LIST, _DETAIL = subscription_schemas(
    operation="webhooks",
    who=WHO,
    output=WebhookSubscriptionSerializer,
    created=WebhookCreatedSerializer,
    create_input=WebhookCreateSerializer,
    update_input=WebhookUpdateSerializer,
)


@extend_schema_view(**_LIST)
class WebhookListView(_WebhookView):
    def get(self, request):
        subscriptions = self.subscriptions().order_by("id")
        return Response(self.serializer_class(subscriptions, many=True).data)

    def post(self, request):
        params = self.create_serializer(data=request.data)
        params.is_valid(raise_exception=True)
        subscription, secret = self.subscribe(params.validated_data)
        body = self.serializer_class(subscription).data
        location = request.build_absolute_uri(reverse(self.detail_route, args=[subscription.pk]))
        return Response(
            {**body, "secret": secret},
            status=status.HTTP_201_CREATED,
            headers={"Location": location},
        )


@extend_schema_view(**_DETAIL)
class WebhookDetailView(_WebhookView):
    def get(self, request, pk: int):
        return Response(self.serializer_class(self._subscription(pk)).data)

    def patch(self, request, pk: int):
        subscription = self._subscription(pk)
        params = self.update_serializer(data=request.data)
        params.is_valid(raise_exception=True)
        subscription = self.change(subscription, params.validated_data)
        return Response(self.serializer_class(subscription).data)

    def delete(self, request, pk: int):
        self.remove(self._subscription(pk))
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
