"""Admin: the record is browsable; history and verdict content are read-only.

Status changes are not editable here: they go through the workflow services so that every
one of them has its history row.
"""

from __future__ import annotations

from django.contrib import admin

from claims.models import Article, Citation, Claim, ClaimEvent, Rating, SourceLink, Verdict


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
    inlines = [ClaimInline]

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # its claims and their history would lose their context


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
    list_display = ("short_text", "claimant", "sourcing", "checkworthiness", "status", "updated_at")
    list_filter = ("status", "sourcing")
    search_fields = ("text", "claimant")
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
        return obj.text if len(obj.text) <= 90 else obj.text[:87] + "…"

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
