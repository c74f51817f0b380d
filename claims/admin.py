"""Admin: the record is browsable; history and verdict content are read-only.

Status changes are not editable here: they go through the workflow services so that every
one of them has its history row.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.utils import timezone

from claims.api.tokens import clean_scopes, new_secret, token_revoke
from claims.models import (
    ApiToken,
    Article,
    ArticleRevision,
    Citation,
    Claim,
    ClaimEvent,
    Rating,
    SourceLink,
    Verdict,
    WebhookDelivery,
    WebhookEvent,
    WebhookSubscription,
)
from claims.webhooks import CONSUMER_EVENTS, new_webhook_secret, webhook_update


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class ClaimEventInline(ReadOnlyInline):
    model = ClaimEvent
    fields = ("created_at", "kind", "from_status", "to_status", "actor", "verdict", "note")
    readonly_fields = fields
    ordering = ("created_at", "id")


class VerdictInline(ReadOnlyInline):
    model = Verdict
    fields = ("version", "state", "rating", "headline", "author", "decided_by", "published_at")
    readonly_fields = fields


class SourceLinkInline(ReadOnlyInline):
    model = SourceLink
    fields = ("url", "title", "kind", "stance", "added_by", "added_at", "removed_at")
    readonly_fields = fields


class ClaimInline(ReadOnlyInline):
    model = Claim
    fields = ("text", "claimant", "sourcing", "checkworthiness", "status")
    readonly_fields = fields


class ArticleRevisionInline(ReadOnlyInline):
    """The texts the article had before re-ingestions replaced them, newest first; each
    one's full text is on its own (read-only) page."""

    model = ArticleRevision
    fields = ("replaced_at", "title", "content_hash", "characters")
    readonly_fields = fields
    ordering = ("-replaced_at", "-id")

    @admin.display(description="Characters")
    def characters(self, obj: ArticleRevision) -> int:
        return len(obj.text)


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ("__str__", "outlet", "published_at", "status", "created_at")
    list_filter = ("status", "origin", "outlet")
    search_fields = ("title", "url", "outlet", "author")
    readonly_fields = (
        "content_hash",
        "status",
        "error",
        "created_at",
        "updated_at",
        "submitted_by",
    )
    inlines = [ClaimInline, ArticleRevisionInline]

    def get_readonly_fields(self, request, obj=None):
        # A stored text changes only through ingestion, which keeps the one it replaces as
        # a revision and moves the claims' spans; an edit here would do neither.
        return (*self.readonly_fields, "text") if obj is not None else self.readonly_fields

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # its claims and their history would lose their context


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
    list_display = ("short_text", "claimant", "sourcing", "checkworthiness", "status", "updated_at")
    list_filter = ("status", "sourcing")
    search_fields = ("text", "claim_text", "claimant", "claimant_role")
    list_select_related = ("article",)
    raw_id_fields = ("article", "canonical")
    readonly_fields = (
        "status",
        "assignee",
        "published_verdict",
        "canonical",
        "text_hash",
        "created_by",
        "created_at",
        "updated_at",
    )
    inlines = [SourceLinkInline, VerdictInline, ClaimEventInline]

    @admin.display(description="Claim")
    def short_text(self, obj: Claim) -> str:
        statement = obj.statement
        return statement if len(statement) <= 90 else statement[:87] + "…"

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class ImmutableAdmin(admin.ModelAdmin):
    """Rows that are the record: visible, never added, edited or deleted here."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class CitationInline(ReadOnlyInline):
    model = Citation
    fields = ("source",)
    readonly_fields = fields


@admin.register(Verdict)
class VerdictAdmin(ImmutableAdmin):
    list_display = ("claim", "version", "rating", "state", "author", "decided_by", "published_at")
    list_filter = ("state", "rating")
    list_select_related = ("claim", "rating", "author", "decided_by")
    inlines = [CitationInline]


@admin.register(ClaimEvent)
class ClaimEventAdmin(ImmutableAdmin):
    list_display = ("created_at", "claim", "kind", "from_status", "to_status", "actor")
    list_filter = ("kind",)
    list_select_related = ("claim", "actor")
    date_hierarchy = "created_at"


@admin.register(ArticleRevision)
class ArticleRevisionAdmin(ImmutableAdmin):
    list_display = ("replaced_at", "article", "title", "content_hash")
    list_select_related = ("article",)
    date_hierarchy = "replaced_at"


@admin.register(SourceLink)
class SourceLinkAdmin(ImmutableAdmin):
    list_display = ("url", "claim", "kind", "stance", "added_by", "added_at", "removed_at")
    list_filter = ("kind", "stance")


@admin.register(Rating)
class RatingAdmin(admin.ModelAdmin):
    list_display = ("label", "slug", "alternate_name", "value", "order", "is_active")
    list_editable = ("order", "is_active")

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # verdicts point at ratings; retire one with is_active instead


# --- API tokens ------------------------------------------------------------------------


class ApiTokenForm(forms.ModelForm):
    scopes = forms.MultipleChoiceField(
        choices=ApiToken.Scope.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = ApiToken
        fields = ("user", "name", "scopes", "expires_at")

    def clean_scopes(self):
        return clean_scopes(self.cleaned_data["scopes"])

    def clean_expires_at(self):
        expires_at = self.cleaned_data.get("expires_at")
        if expires_at is not None and expires_at <= timezone.now():
            raise forms.ValidationError("The expiry must be in the future.")
        return expires_at


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens are created here (shown once, in a message) and revoked, never edited."""

    form = ApiTokenForm
    list_display = (
        "prefix",
        "name",
        "user",
        "scopes",
        "created_at",
        "expires_at",
        "last_used_at",
        "revoked_at",
    )
    list_filter = ("revoked_at",)
    search_fields = ("prefix", "name", "user__username")
    list_select_related = ("user",)
    raw_id_fields = ("user",)
    actions = ["revoke_tokens"]
    readonly_fields = (
        "prefix",
        "user",
        "name",
        "scopes",
        "expires_at",
        "created_by",
        "created_at",
        "last_used_at",
        "revoked_at",
    )

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj is not None else ()

    def get_fields(self, request, obj=None):
        return self.readonly_fields if obj is not None else ApiTokenForm.Meta.fields

    def has_change_permission(self, request, obj=None) -> bool:
        # The change page is a read-only view; revoking is the only change, via the action.
        return super().has_change_permission(request, obj) if obj is None else False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # revoke instead: the row keeps the record of who could access what

    def save_model(self, request, obj, form, change) -> None:
        if change:
            return
        secret = new_secret()
        obj.prefix, obj.key_hash = secret.prefix, secret.key_hash
        obj.created_by = request.user
        super().save_model(request, obj, form, change)
        messages.warning(
            request,
            f"The new token is {secret.token} — copy it now; it will not be shown again.",
        )

    @admin.action(description="Revoke selected tokens", permissions=["change"])
    def revoke_tokens(self, request, queryset) -> None:
        revoked = sum(token_revoke(token=token) for token in queryset)
        self.message_user(request, f"Revoked {revoked} token(s).", messages.SUCCESS)


# --- webhooks --------------------------------------------------------------------------


class WebhookSubscriptionForm(forms.ModelForm):
    url = forms.URLField(max_length=2048, assume_scheme="https")
    events = forms.MultipleChoiceField(
        choices=WebhookEvent.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = WebhookSubscription
        fields = ("name", "url", "events", "is_active")

    def clean_events(self) -> list[str]:
        # A consumer token's own subscription keeps to the public events (the model's rule).
        events = self.cleaned_data["events"]
        if self.instance.token_id is not None:
            staff_only = sorted(set(events) - CONSUMER_EVENTS)
            if staff_only:
                raise forms.ValidationError(
                    f"A consumer token's subscription may not carry: {', '.join(staff_only)}."
                )
        return events


@admin.register(WebhookSubscription)
class WebhookSubscriptionAdmin(admin.ModelAdmin):
    form = WebhookSubscriptionForm
    list_display = (
        "__str__",
        "url",
        "events",
        "token",
        "is_active",
        "failure_count",
        "disabled_reason",
    )
    list_filter = ("is_active",)
    list_select_related = ("token__user",)
    search_fields = ("name", "url")
    readonly_fields = (
        "token",
        "failure_count",
        "disabled_reason",
        "disabled_at",
        "created_by",
        "created_at",
    )
    actions = ["enable_subscriptions", "disable_subscriptions"]

    def save_model(self, request, obj, form, change) -> None:
        if change:
            super().save_model(request, obj, form, change)
            return
        # The secret is made here and shown once; only the change page never shows it.
        obj.secret = new_webhook_secret()
        obj.created_by = request.user
        super().save_model(request, obj, form, change)
        messages.warning(
            request,
            f"Signing secret for {obj} (shown once, store it now): {obj.secret}",
        )

    @admin.action(description="Enable (clears the failure count)")
    def enable_subscriptions(self, request, queryset) -> None:
        for subscription in queryset:
            webhook_update(subscription=subscription, actor=request.user, is_active=True)

    @admin.action(description="Disable")
    def disable_subscriptions(self, request, queryset) -> None:
        for subscription in queryset:
            webhook_update(subscription=subscription, actor=request.user, is_active=False)


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    list_display = (
        "created_at",
        "subscription",
        "event",
        "status",
        "attempt",
        "response_status",
        "latency_ms",
        "delivered_at",
    )
    list_filter = ("status", "event")
    list_select_related = ("subscription",)
    readonly_fields = (
        "subscription",
        "event",
        "event_id",
        "payload",
        "status",
        "attempt",
        "response_status",
        "latency_ms",
        "error",
        "attempts",
        "next_attempt_at",
        "created_at",
        "delivered_at",
    )
    exclude = ("claimed_until",)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
