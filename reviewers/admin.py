from __future__ import annotations

from django.contrib import admin

from reviewers.models import Assignment, QueueEntry, ReviewQueue


@admin.register(ReviewQueue)
class ReviewQueueAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "sla_hours", "is_default", "order")
    prepopulated_fields = {"slug": ("name",)}
    filter_horizontal = ("members",)


@admin.register(QueueEntry)
class QueueEntryAdmin(admin.ModelAdmin):
    list_display = ("claim", "queue", "waiting", "entered_at", "due_at")
    list_filter = ("queue", "waiting")
    list_select_related = ("claim", "queue")

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Assignment)
class AssignmentAdmin(QueueEntryAdmin):
    list_display = ("claim", "reviewer", "queue", "assigned_at", "lease_expires_at", "ended_at")
    list_filter = ("queue", "end_reason")
    list_select_related = ("claim", "reviewer", "queue")
