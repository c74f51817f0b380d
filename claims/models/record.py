"""The record: the claims articles make, sources, verdicts and the claim's history.

Rows hold data and the invariants that belong to a row. Every status change goes through
``claims.workflow``; nothing here moves a claim from one state to another.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Now
from django.db.models.signals import m2m_changed, post_migrate
from django.dispatch import receiver

from claims.immutability import AppendOnlyModel, AppendOnlyQuerySet, ImmutableRecordError
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


class SourceLink(models.Model):
    class Kind(models.TextChoices):
        PRIMARY_DOCUMENT = "primary_document", "Primary document"
        OFFICIAL_STATEMENT = "official_statement", "Official statement"
        DATA_SET = "data_set", "Data set"
        NEWS_REPORT = "news_report", "News report"
        EXPERT = "expert", "Expert"
        OTHER = "other", "Other"

    class Stance(models.TextChoices):
        SUPPORTS = "supports", "Supports"
        REFUTES = "refutes", "Refutes"
        CONTEXT = "context", "Context"

    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="sources")
    url = models.URLField(max_length=2048)
    title = models.CharField(max_length=500, blank=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER)
    stance = models.CharField(max_length=10, choices=Stance.choices, default=Stance.CONTEXT)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)
    # Removal hides a link from the working list but keeps it: a verdict may cite it.
    removed_at = models.DateTimeField(null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["added_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["claim", "url"],
                condition=Q(removed_at__isnull=True),
                name="sourcelink_unique_active_url",
            )
        ]

    def __str__(self) -> str:
        return self.title or self.url


class Verdict(AppendOnlyModel):
    """One revision of a claim's verdict. Its content is fixed once proposed.

    Only the decision fields (state, decided_by, decided_at, decision_note, published_at)
    change afterwards, and only through ``claims.workflow``.
    """

    class State(models.TextChoices):
        PROPOSED = "proposed", "Proposed"
        APPROVED = "approved", "Approved"
        CHANGES_REQUESTED = "changes_requested", "Changes requested"
        SUPERSEDED = "superseded", "Superseded"
        WITHDRAWN = "withdrawn", "Withdrawn"

    MUTABLE_FIELDS = frozenset(
        {"state", "decided_by", "decided_at", "decision_note", "published_at"}
    )

    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="verdicts")
    version = models.PositiveIntegerField()
    rating = models.ForeignKey(Rating, on_delete=models.PROTECT, related_name="verdicts")
    headline = models.CharField(max_length=300)
    summary = models.TextField()
    rationale = models.TextField(blank=True)
    cited_sources = models.ManyToManyField(
        SourceLink, through="Citation", related_name="cited_by", blank=True
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="authored_verdicts"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    state = models.CharField(max_length=20, choices=State.choices, default=State.PROPOSED)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)
    # Set on approval; a superseded verdict keeps it, for the public corrections log.
    published_at = models.DateTimeField(null=True, blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["claim_id", "version"]
        constraints = [
            models.UniqueConstraint(fields=["claim", "version"], name="verdict_unique_version"),
            models.UniqueConstraint(
                fields=["claim"],
                condition=Q(state="proposed"),
                name="verdict_one_open_proposal",
            ),
            models.UniqueConstraint(
                fields=["claim"],
                condition=Q(state="approved"),
                name="verdict_one_approved",
            ),
            models.CheckConstraint(
                condition=~Q(state="approved") | Q(published_at__isnull=False),
                name="verdict_approved_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.claim_id} v{self.version}: {self.headline}"


class Citation(AppendOnlyModel):
    """A source a verdict cites. Written with the verdict, never changed afterwards."""

    MUTABLE_FIELDS = frozenset()

    verdict = models.ForeignKey(Verdict, on_delete=models.PROTECT, related_name="citations")
    source = models.ForeignKey(SourceLink, on_delete=models.PROTECT, related_name="citations")

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["verdict", "source"], name="citation_unique")
        ]


class ClaimEvent(AppendOnlyModel):
    """Append-only history: every workflow step and every change worth auditing."""

    class Kind(models.TextChoices):
        CREATED = "created", "Created"
        TRIAGED = "triaged", "Queued"
        DISMISSED = "dismissed", "Dismissed"
        RESTORED = "restored", "Restored"
        MERGED = "merged", "Merged as duplicate"
        ASSIGNED = "assigned", "Assigned"
        RELEASED = "released", "Released"
        EXPIRED = "expired", "Lease expired"
        PROPOSED = "proposed", "Verdict proposed"
        APPROVED = "approved", "Verdict approved"
        CHANGES_REQUESTED = "changes_requested", "Changes requested"
        WITHDRAWN = "withdrawn", "Proposal withdrawn"
        REOPENED = "reopened", "Reopened"
        SOURCE_ADDED = "source_added", "Source added"
        SOURCE_REMOVED = "source_removed", "Source removed"
        MATCH_SUGGESTED = "match_suggested", "Match suggested"
        MATCH_CONFIRMED = "match_confirmed", "Match confirmed"
        MATCH_REJECTED = "match_rejected", "Match rejected"
        # An editor holding a proposed verdict to review it (reviewers.review_holds).
        REVIEW_CLAIMED = "review_claimed", "Review claimed"
        REVIEW_RELEASED = "review_released", "Review released"
        # An internal note on the desk's thread (reviewers.ClaimNote); never public.
        NOTE_ADDED = "note_added", "Note added"
        # The ledger of anonymous reports (claims.claimants.ledger): the report's state
        # changes, and the corroborations and contradictions suggested to the desk (by the
        # matcher, or a verdict published on a matching claim) and rejected by it.
        REPORT_CORROBORATED = "report_corroborated", "Report corroborated"
        REPORT_CONTRADICTED = "report_contradicted", "Report contradicted"
        REPORT_WITHDRAWN = "report_withdrawn", "Report withdrawn by the outlet"
        REPORT_STALE = "report_stale", "Report never confirmed (stale)"
        REPORT_REOPENED = "report_reopened", "Report reopened"
        REPORT_SUGGESTED = "report_suggested", "Corroboration suggested"
        CONTRA_SUGGESTED = "contra_suggested", "Contradiction suggested"
        SUGGESTION_REJECTED = "suggestion_rejected", "Suggestion on the report rejected"
        # The desk's hand on the claim's claimant record (claims.claimants.services): a
        # suggested claimant accepted, and the claimant merged into another or split off.
        CLAIMANT_LINKED = "claimant_linked", "Claimant linked"
        CLAIMANT_MERGED = "claimant_merged", "Claimant merged"
        CLAIMANT_SPLIT = "claimant_split", "Claimant split off"

    MUTABLE_FIELDS = frozenset()

    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="claim_events",
        help_text="Empty when the system acted (a lease expired, the pipeline created it).",
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    from_status = models.CharField(max_length=16, choices=Claim.Status.choices, blank=True)
    to_status = models.CharField(max_length=16, choices=Claim.Status.choices, blank=True)
    verdict = models.ForeignKey(
        Verdict, null=True, blank=True, on_delete=models.PROTECT, related_name="events"
    )
    note = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["claim", "created_at"], name="event_claim_time")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.from_status or '-'} → {self.to_status or '-'})"


@receiver(m2m_changed, sender=Verdict.cited_sources.through)
def _citations_are_written_with_the_verdict(sender, instance, action, **kwargs):
    # The workflow writes Citation rows itself when the verdict is proposed; changing a
    # verdict's sources afterwards would rewrite what an editor approved.
    if action in {"pre_add", "pre_remove", "pre_clear"}:
        raise ImmutableRecordError("A verdict's cited sources are fixed when it is proposed.")


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
