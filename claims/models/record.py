"""The record: the claims articles make (``Claim``), the verdict scale (``Rating``), and the
triggers the claim's columns need.

Rows hold data and the invariants that belong to a row. Every status change goes through
``claims.workflow``; nothing here moves a claim from one state to another.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Now
from django.db.models.signals import post_migrate
from django.dispatch import receiver

from claims.models.articles import Article


class Rating(models.Model):
    """One step of the newsroom's verdict scale (a row, not an enum, so it can be edited)."""

    slug = models.SlugField(max_length=40, unique=True, help_text="The API value.")
    label = models.CharField(max_length=80)
    alternate_name = models.CharField(
        max_length=120, help_text="ClaimReview reviewRating.alternateName."
    )
    value = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Numeric value on the scale; empty for off-scale ratings."
    )
    order = models.PositiveSmallIntegerField(default=0)
    description = models.TextField(
        blank=True, help_text="What the rating means, in plain words, for readers and the API."
    )
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.label


def statement_of(claim_text: str, text: str) -> str:
    """``Claim.statement`` for code that reads plain columns rather than a ``Claim``."""
    return claim_text or text


class Claim(models.Model):
    class Status(models.TextChoices):
        CANDIDATE = "candidate", "Candidate"
        QUEUED = "queued", "Queued"
        IN_REVIEW = "in_review", "In review"
        PENDING_APPROVAL = "pending_approval", "Pending approval"
        PUBLISHED = "published", "Published"
        DISMISSED = "dismissed", "Dismissed"
        DUPLICATE = "duplicate", "Duplicate"

    class Sourcing(models.TextChoices):
        NAMED = "named", "Named source"
        ANONYMOUS = "anonymous", "Anonymous source"
        UNATTRIBUTED = "unattributed", "Unattributed"

    class RemovedReason(models.TextChoices):
        # Why a claim left the consumers' view (``removed_reason``), named after the step.
        MERGED = "merged", "Merged into a claim that is not public"
        DISMISSED = "dismissed", "Dismissed"
        UNPUBLISHED = "unpublished", "No longer public"

    article = models.ForeignKey(
        Article, null=True, blank=True, on_delete=models.PROTECT, related_name="claims"
    )
    # The sentence as the article printed it (shown in context; the span indexes it).
    text = models.TextField()
    # sha256 of the normalized text: one claim per sentence per article.
    text_hash = models.CharField(max_length=64, db_index=True)
    span_start = models.PositiveIntegerField(null=True, blank=True)
    span_end = models.PositiveIntegerField(null=True, blank=True)
    # The statement to check: the sentence without its attribution frame, dateline or
    # stamp (the sentence itself when the outlet asserts it). What is matched, published
    # and named; read it through ``statement``, which falls back to ``text``.
    claim_text = models.TextField(blank=True, default="", db_default="")
    claimant = models.CharField(max_length=300, blank=True)
    # The claimant's record (``claims.claimants``), when linking found or made one; the
    # string above keeps what the article said. Set by ``claims.claimants.services`` only.
    claimant_ref = models.ForeignKey(
        "Claimant", null=True, blank=True, on_delete=models.PROTECT, related_name="claims"
    )
    # The claimant's title or description ("transport director"), and the attribution cue
    # ("said", "according to"). These three columns have database defaults ("") too, for
    # rows written by SQL that does not name them (the bench's COPY loaders).
    claimant_role = models.CharField(max_length=300, blank=True, default="", db_default="")
    cue = models.CharField(max_length=60, blank=True, default="", db_default="")
    sourcing = models.CharField(
        max_length=12, choices=Sourcing.choices, default=Sourcing.UNATTRIBUTED
    )
    checkworthiness = models.FloatField(null=True, blank=True)
    flags = models.JSONField(default=list, blank=True)
    status = models.CharField(
        max_length=16, choices=Status.choices, default=Status.CANDIDATE, db_index=True
    )
    # The reviewer currently working on it (in_review / pending_approval); set by workflow.
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assigned_claims",
    )
    # What consumers see. Stays in place while a reopened claim is re-reviewed.
    published_verdict = models.ForeignKey(
        "Verdict", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    canonical = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="duplicates"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)
    # ``claims.matching.normalize(statement)``, kept in step on save (see
    # ``claims.matching.services.fill_match_text``);
    # the full-text index of candidate retrieval is built on it, so that "14m" finds
    # "fourteen million". Empty on rows written before matching existed until back-filled.
    match_text = models.TextField(blank=True, default="", editable=False)
    # The statement's wording as matching's candidate bound reads it, computed on save with
    # ``match_text`` (``claims.matching.stored``): a candidate is not analyzed afresh for
    # every lookup. Ignored when stale (other matching code, or another statement).
    match_wording = models.TextField(blank=True, default="", db_default="", editable=False)
    # The change-feed position: greatest of this claim's, its canonical's and its article's
    # updated_at. Written by database triggers only (see claims.sync_key), whatever path
    # changed one of them; the default is a placeholder the insert trigger replaces.
    synced_at = models.DateTimeField(db_default=Now(), editable=False)
    # The tombstone: when and why the claim last left the consumers' view (it was public,
    # a workflow step hid it). Written by ``claims.workflow`` with the step and its event,
    # cleared when the claim becomes public again through its own step. It only counts
    # while the claim is not public: a duplicate whose canonical is published later is
    # public again and listed as itself (``claims.selectors``). The database default is
    # for rows written by SQL that does not name the column, as for ``claim_text``.
    removed_at = models.DateTimeField(null=True, blank=True, editable=False)
    removed_reason = models.CharField(
        max_length=12,
        choices=RemovedReason.choices,
        blank=True,
        default="",
        db_default="",
        editable=False,
    )
    # When the verdict that speaks for it (its own, or its canonical's for a duplicate) was
    # published; null while none is. Written by database triggers only (claims.verdict_date),
    # so the consumer list's newest-verdict order and date filters read an index.
    verdict_published_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        permissions = [
            ("triage_claim", "Can triage claims (queue, dismiss, restore, merge)"),
            ("review_claim", "Can take claims, gather sources and propose verdicts"),
            ("assign_claim", "Can assign claims to other reviewers"),
            ("approve_verdict", "Can approve or send back proposed verdicts"),
            ("reopen_claim", "Can reopen published claims"),
            ("view_unpublished", "Can see claims and verdicts that are not published"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "text_hash"],
                condition=Q(article__isnull=False),
                name="claim_unique_sentence_per_article",
            ),
            models.CheckConstraint(
                condition=Q(checkworthiness__isnull=True)
                | Q(checkworthiness__gte=0, checkworthiness__lte=1),
                name="claim_checkworthiness_0_1",
            ),
            models.CheckConstraint(
                condition=Q(span_start__isnull=True, span_end__isnull=True)
                | Q(
                    span_start__isnull=False,
                    span_end__isnull=False,
                    span_end__gt=models.F("span_start"),
                ),
                name="claim_span_ordered",
            ),
            models.CheckConstraint(
                condition=~Q(status="duplicate") | Q(canonical__isnull=False),
                name="claim_duplicate_has_canonical",
            ),
            models.CheckConstraint(
                condition=Q(canonical__isnull=True) | ~Q(canonical=models.F("id")),
                name="claim_not_own_canonical",
            ),
        ]
        indexes = [
            models.Index(fields=["synced_at", "id"], name="claim_sync_order"),
            models.Index(fields=["status", "updated_at"], name="claim_status_updated"),
            # The desk's claims list (reviewers.selectors.desk_claims_page): its orders
            # "newest" and "score", read a page at a time from the cursor's position, and
            # the sourcing filter, whose rare value ("anonymous") would otherwise be a scan.
            models.Index(fields=["created_at", "id"], name="claim_created_order"),
            models.Index(fields=["checkworthiness", "id"], name="claim_score_order"),
            models.Index(fields=["sourcing"], name="claim_sourcing"),
            # The consumer list by verdict date (newest first, or a date range): published
            # claims only, which are the rows with a date.
            models.Index(
                fields=["verdict_published_at", "id"],
                name="claim_verdict_order",
                condition=Q(verdict_published_at__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return self.statement[:80]

    @property
    def statement(self) -> str:
        """The claim as it is named to people and machines: headings, the public page and
        its slug, ClaimReview ``claimReviewed``, matching, exports, the API's
        ``claim_text``. The claim text, or the sentence for a row that has none."""
        return statement_of(self.claim_text, self.text)

    @property
    def is_published(self) -> bool:
        return self.published_verdict_id is not None


# The migration that adds ``Claim.verdict_published_at`` and its triggers.
VERDICT_DATE_MIGRATION = "0021_claim_verdict_published_at"


@receiver(post_migrate, dispatch_uid="claims-sync-key-triggers")
def _ensure_sync_key_triggers(sender, *, using: str = "default", **kwargs) -> None:
    # SQLite drops a table's triggers when a migration rebuilds it: put them back.
    if getattr(sender, "name", None) != "claims":
        return
    from django.db import connections
    from django.db.migrations.recorder import MigrationRecorder

    from claims import sync_key, verdict_date

    connection = connections[using]
    applied = MigrationRecorder(connection).applied_migrations()
    # Each set only once its column exists, not after migrating back below it.
    if ("claims", "0008_claim_sync_key") in applied:
        sync_key.ensure_triggers(connection)
    if ("claims", VERDICT_DATE_MIGRATION) in applied:
        verdict_date.TRIGGERS.ensure(connection)
