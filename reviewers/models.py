"""The process around the record: review queues and who is working on which claim."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from claims.immutability import AppendOnlyModel, AppendOnlyQuerySet
from claims.models import Claim, Verdict


class ReviewQueue(models.Model):
    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    description = models.TextField(blank=True)
    sla_hours = models.PositiveIntegerField(
        default=48, help_text="How long a queued claim may wait before it is overdue."
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="review_queues"
    )
    is_default = models.BooleanField(
        default=False, help_text="Where claims go when no routing rule matches."
    )
    order = models.PositiveSmallIntegerField(default=0, help_text="Order of rule evaluation.")
    is_active = models.BooleanField(default=True)

    # Routing rules. A queue matches a claim when every rule that is filled in matches;
    # queues are tried in ``order`` and the first match wins (see reviewers.routing).
    keywords = models.TextField(
        blank=True, help_text="One per line or comma-separated; any one in the claim's text."
    )
    claimant_terms = models.TextField(
        blank=True, help_text="One per line or comma-separated; any one in the claimant."
    )
    outlet_domains = models.TextField(
        blank=True,
        help_text="Article domains, e.g. example.org (subdomains match too).",
    )
    min_checkworthiness = models.FloatField(
        null=True, blank=True, help_text="Only claims scoring at least this (0 to 1)."
    )
    required_flags = models.JSONField(
        default=list,
        blank=True,
        help_text='Claim flags that must all be present, e.g. ["statistic"].',
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"], condition=Q(is_default=True), name="queue_one_default"
            )
        ]

    def __str__(self) -> str:
        return self.name


class QueueEntry(models.Model):
    """Which queue a claim waits in (or was taken from), and since when."""

    claim = models.OneToOneField(Claim, on_delete=models.PROTECT, related_name="queue_entry")
    queue = models.ForeignKey(ReviewQueue, on_delete=models.PROTECT, related_name="entries")
    entered_at = models.DateTimeField()
    due_at = models.DateTimeField(db_index=True)
    # Take-next order: the SLA due time brought forward by check-worthiness
    # (see reviewers.take.priority_time). Earlier is more urgent.
    priority_at = models.DateTimeField()
    # True exactly while the claim is queued. The entry outlives its wait (one per claim,
    # kept for the queue the claim came from), so without this flag take-next walked the
    # entries of every claim already taken or published. reviewers.sync keeps it in
    # step with the claim's transitions, in the same transaction.
    waiting = models.BooleanField(default=True)

    class Meta:
        verbose_name_plural = "queue entries"
        indexes = [
            models.Index(fields=["queue", "due_at"], name="queueentry_queue_due"),
            # Take-next: only waiting entries, in priority order, whatever the queue.
            models.Index(
                fields=["priority_at", "id"],
                condition=Q(waiting=True),
                name="queueentry_waiting_priority",
            ),
            models.Index(
                fields=["queue", "priority_at", "id"],
                condition=Q(waiting=True),
                name="queueentry_take_next",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.claim_id} in {self.queue}"


class Assignment(models.Model):
    class EndReason(models.TextChoices):
        RELEASED = "released", "Released by the reviewer"
        EXPIRED = "expired", "Lease expired"
        REASSIGNED = "reassigned", "Reassigned by an editor"
        PUBLISHED = "published", "Verdict published"
        CLOSED = "closed", "Claim closed"

    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="assignments")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="assignments"
    )
    queue = models.ForeignKey(
        ReviewQueue, null=True, blank=True, on_delete=models.PROTECT, related_name="assignments"
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    assigned_at = models.DateTimeField()
    lease_expires_at = models.DateTimeField(db_index=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    end_reason = models.CharField(max_length=12, choices=EndReason.choices, blank=True)

    class Meta:
        ordering = ["-assigned_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["claim"],
                condition=Q(ended_at__isnull=True),
                name="assignment_one_open_per_claim",
            ),
            models.CheckConstraint(
                condition=Q(ended_at__isnull=True, end_reason="")
                | Q(ended_at__isnull=False) & ~Q(end_reason=""),
                name="assignment_end_reason_with_end",
            ),
        ]
        indexes = [
            models.Index(
                fields=["reviewer"], condition=Q(ended_at__isnull=True), name="assignment_open"
            )
        ]

    def __str__(self) -> str:
        return f"{self.claim_id} → {self.reviewer}"

    @property
    def is_open(self) -> bool:
        return self.ended_at is None


class ReviewHold(models.Model):
    """An editor reviewing a proposed verdict, so that a colleague does not read it at the
    same time: until ``expires_at`` other editors see who holds it, and their decisions on
    it are refused (``reviewers.review_holds``).

    At most one per verdict (its primary key). The row is the hold's current state only:
    it is deleted when its holder releases it and when the proposal is decided or
    withdrawn; an expired one stays until someone takes it over or the proposal ends. What
    happened is in the claim's history (``review_claimed``, ``review_released`` events).
    """

    verdict = models.OneToOneField(
        Verdict, on_delete=models.CASCADE, primary_key=True, related_name="review_hold"
    )
    editor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    held_at = models.DateTimeField()
    expires_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"verdict {self.verdict_id} held by {self.editor_id} until {self.expires_at:%H:%M}"


class ClaimNote(AppendOnlyModel):
    """An internal note in the desk's thread on a claim. Never edited, never deleted.

    Written only by ``reviewers.services.claim_add_note``, with a ``note_added`` history
    event in the same transaction. Desk members read them on the claim page; nothing
    public (the public page, the API, ClaimReview, exports, webhooks) reads this table.
    """

    MUTABLE_FIELDS = frozenset()

    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="claim_notes"
    )
    body = models.TextField()
    # User names of the desk members the note mentions (``@name``), resolved when it was
    # written: they were notified, and the page shows them as mentions.
    mentions = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["claim", "created_at"], name="claimnote_claim_time")]

    def __str__(self) -> str:
        return f"Note {self.pk} on claim {self.claim_id}"
