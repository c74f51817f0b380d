"""Webhook subscriptions and their deliveries: the state ``claims.webhooks`` keeps."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from claims.models.tokens import ApiToken

# Pushing changes of the public record to subscribers. The delivery logic (signing,
# retries, disabling) lives in ``claims.webhooks``; these rows only hold its state.


class WebhookEvent(models.TextChoices):
    VERDICT_PUBLISHED = "verdict.published", "A claim's first verdict was published"
    VERDICT_CORRECTED = "verdict.corrected", "A published verdict was replaced by a new one"
    CLAIM_CREATED = "claim.created", "A claim entered the public record (pending)"
    CLAIM_REMOVED = "claim.removed", "A claim left the public record (a tombstone)"
    CLAIM_CORROBORATION = (
        "claim.corroboration",
        "An anonymously sourced claim was corroborated, contradicted, withdrawn, went stale "
        "or was reopened",
    )


# What a consumer's own subscription (one owned by an API token) may carry: the changes of a
# published verdict, a claim leaving the public record, and the corroboration state of an
# anonymous report (part of the claim's public detail). ``claim.created`` stays with
# staff subscriptions (the desk's own integrations).
CONSUMER_WEBHOOK_EVENTS: list[tuple[str, str]] = [
    (event.value, event.label)
    for event in (
        WebhookEvent.VERDICT_PUBLISHED,
        WebhookEvent.VERDICT_CORRECTED,
        WebhookEvent.CLAIM_REMOVED,
        WebhookEvent.CLAIM_CORROBORATION,
    )
]


def _validate_webhook_events(value, *, consumer: bool = False) -> None:
    from django.core.exceptions import ValidationError

    if not isinstance(value, list) or not value:
        raise ValidationError("Choose at least one event.")
    unknown = sorted(set(map(str, value)) - set(WebhookEvent.values))
    if unknown:
        raise ValidationError(f"Unknown event(s): {', '.join(unknown)}.")
    staff_only = sorted(set(value) - {event for event, _ in CONSUMER_WEBHOOK_EVENTS})
    if consumer and staff_only:
        raise ValidationError(f"Not an event a consumer may subscribe to: {', '.join(staff_only)}.")


def _validate_webhook_url(value: str) -> None:
    # The friendly early check; the real boundary is the guarded client at connect time.
    from django.core.exceptions import ValidationError

    from claims.netguard import OutboundBlocked, check_url

    try:
        check_url(value)
    except OutboundBlocked as exc:
        raise ValidationError(exc.reason, code="refused_url") from None


class WebhookSubscription(models.Model):
    """Where to POST which events of the public record, and whether that still works.

    ``secret`` keys the HMAC signature of every delivery, so it is stored as it is (a hash
    could not sign); it is shown once, when the subscription is created. The URL passes the
    outbound address guard on every save and again at every connect.

    ``token`` is empty for staff subscriptions (made in the admin or under
    ``/api/v1/webhooks/``); a consumer's own subscription belongs to the API token that made
    it (``claims.webhooks.consumer``), carries only ``CONSUMER_WEBHOOK_EVENTS``, and stops
    receiving when that token is revoked or expires.
    """

    name = models.CharField(max_length=100, blank=True, help_text="What the receiver is.")
    url = models.URLField(max_length=2048, validators=[_validate_webhook_url])
    secret = models.CharField(max_length=100, editable=False)
    events = models.JSONField(default=list, validators=[_validate_webhook_events])
    is_active = models.BooleanField(default=True)
    disabled_reason = models.TextField(blank=True)
    disabled_at = models.DateTimeField(null=True, blank=True)
    # Failed attempts in a row, whatever the delivery; a success resets it.
    failure_count = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    token = models.ForeignKey(
        ApiToken,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.CASCADE,
        related_name="webhook_subscriptions",
        help_text="The consumer token that owns it; empty for a staff subscription.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["is_active"], name="webhook_active")]

    def __str__(self) -> str:
        return self.name or self.url

    def save(self, *args, **kwargs) -> None:
        # Whatever path writes the row (API, admin, shell), the address is judged here too.
        _validate_webhook_url(self.url)
        _validate_webhook_events(self.events, consumer=self.token_id is not None)
        super().save(*args, **kwargs)


class WebhookDelivery(models.Model):
    """One event for one subscription, with every attempt to deliver it."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        SUCCEEDED = "succeeded", "Succeeded"
        FAILED = "failed", "Failed"

    subscription = models.ForeignKey(
        WebhookSubscription, on_delete=models.CASCADE, related_name="deliveries"
    )
    event = models.CharField(max_length=32, choices=WebhookEvent.choices)
    # Sent as X-Factcheck-Delivery: receivers use it to drop repeats.
    event_id = models.UUIDField(unique=True, editable=False)
    payload = models.JSONField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempt = models.PositiveIntegerField(default=0, help_text="Attempts made so far.")
    response_status = models.PositiveSmallIntegerField(null=True, blank=True)
    latency_ms = models.PositiveIntegerField(null=True, blank=True)
    error = models.TextField(blank=True)
    # One entry per attempt: {"attempt", "at", "status", "latency_ms", "error"}.
    attempts = models.JSONField(default=list, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    # A sender holds the row until then (the conditional update in claims.webhooks.delivery).
    claimed_until = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "webhook deliveries"
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="webhook_delivery_due"),
        ]

    def __str__(self) -> str:
        return f"{self.event} → {self.subscription_id} ({self.status})"
