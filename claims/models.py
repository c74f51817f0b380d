"""The record: articles, the claims they make, sources, verdicts and the claim's history.

Rows hold data and the invariants that belong to a row. Every status change goes through
``claims.workflow``; nothing here moves a claim from one state to another.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Now, Upper
from django.db.models.signals import m2m_changed, post_migrate
from django.dispatch import receiver
from django.utils import timezone

from claims.immutability import AppendOnlyModel, AppendOnlyQuerySet, ImmutableRecordError


class Article(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    class Origin(models.TextChoices):
        URL = "url", "Fetched from a URL"
        HTML = "html", "Uploaded HTML"
        TEXT = "text", "Pasted text"

    # Normalized (see claims.ingestion.urls); null for pasted text with no address.
    url = models.URLField(max_length=2048, unique=True, null=True, blank=True)
    canonical_url = models.URLField(max_length=2048, blank=True)
    origin = models.CharField(max_length=8, choices=Origin.choices, default=Origin.TEXT)
    title = models.CharField(max_length=500, blank=True)
    outlet = models.CharField(max_length=200, blank=True, help_text="Outlet or site name.")
    author = models.CharField(max_length=300, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    language = models.CharField(max_length=16, blank=True)
    text = models.TextField(blank=True, help_text="The extracted main text; claim spans index it.")
    # sha256 of the normalized text: the same content is never stored twice.
    content_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    error = models.TextField(blank=True, help_text="Why ingestion failed, in plain words.")
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "created_at"], name="article_status_created"),
            # The consumer list's publisher and language filters compare case-insensitively;
            # an index on the upper-cased value finds a rare one, and gives PostgreSQL that
            # expression's statistics (without them it guessed 0.5% of articles for any
            # value, and read 75,000 claims from the articles' side for a site with 20%).
            models.Index(Upper("outlet"), name="article_outlet_upper"),
            models.Index(Upper("language"), name="article_language_upper"),
        ]

    def __str__(self) -> str:
        return self.title or self.url or f"Article {self.pk}"


class ArticleRevision(AppendOnlyModel):
    """A text an article had before a re-ingestion replaced it with a different one.

    Written by ``claims.ingestion.pipeline`` in the transaction that replaces the text, so
    a stealth edit never loses the version a claim was first read in. ``replaced_at`` is
    when this text stopped being the article's.
    """

    MUTABLE_FIELDS = frozenset()

    # PROTECT: an article with earlier versions keeps them (the admin deletes no article).
    article = models.ForeignKey(Article, on_delete=models.PROTECT, related_name="revisions")
    text = models.TextField()
    content_hash = models.CharField(max_length=64)
    title = models.CharField(max_length=500, blank=True)
    replaced_at = models.DateTimeField(default=timezone.now)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-replaced_at", "-id"]
        indexes = [
            models.Index(fields=["article", "replaced_at"], name="articlerevision_article_time")
        ]

    def __str__(self) -> str:
        return f"Article {self.article_id}, text until {self.replaced_at:%Y-%m-%d %H:%M}"


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


class ApiToken(models.Model):
    """A credential for a program: stored as a hash, shown once, scoped, expiring, revocable.

    The secret itself is never stored: ``key_hash`` is the sha256 of the whole token, so a
    leaked database yields no usable token. ``prefix`` is the token's public first part, for
    recognising a token in lists and logs. Issue and revoke through ``claims.api.tokens``.
    """

    class Scope(models.TextChoices):
        READ = "read", "Read published verdicts"
        INGEST = "ingest", "Submit articles"
        REVIEW = "review", "Take workflow actions"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=100, blank=True, help_text="What the token is for.")
    prefix = models.CharField(max_length=16, unique=True, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    scopes = models.JSONField(default=list, help_text="Any of: read, ingest, review.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "API token"

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})" if self.user_id else f"{self.prefix}…"

    def is_usable(self, now) -> bool:
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > now)


# --- webhooks --------------------------------------------------------------------------
# Pushing changes of the public record to subscribers. The delivery logic (signing,
# retries, disabling) lives in ``claims.webhooks``; these rows only hold its state.


class WebhookEvent(models.TextChoices):
    VERDICT_PUBLISHED = "verdict.published", "A claim's first verdict was published"
    VERDICT_CORRECTED = "verdict.corrected", "A published verdict was replaced by a new one"
    CLAIM_CREATED = "claim.created", "A claim entered the public record (pending)"
    CLAIM_REMOVED = "claim.removed", "A claim left the public record (a tombstone)"


# What a consumer's own subscription (one owned by an API token) may carry: the changes of a
# published verdict and a claim leaving the public record. ``claim.created`` stays with
# staff subscriptions (the desk's own integrations).
CONSUMER_WEBHOOK_EVENTS: list[tuple[str, str]] = [
    (event.value, event.label)
    for event in (
        WebhookEvent.VERDICT_PUBLISHED,
        WebhookEvent.VERDICT_CORRECTED,
        WebhookEvent.CLAIM_REMOVED,
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
    it (``claims.consumer_webhooks``), carries only ``CONSUMER_WEBHOOK_EVENTS``, and stops
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
    # A sender holds the row until then (the conditional update in claims.webhooks).
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


# --- claim matching ----------------------------------------------------------------------
# Stored results of ``claims.matching``: which known claim a claim repeats, how sure the
# matcher was, and what a reviewer decided. Written only by ``claims.matching.services``.


class ClaimLink(models.Model):
    """``claim`` (the newer one) states the same thing as ``matched`` (a canonical claim).

    ``suggested`` links are shown to the reviewer; ``confirmed`` ones made (or found) the
    claim a duplicate of ``matched``; ``rejected`` ones are kept so the pair is not
    suggested again. ``decided_by`` is empty when the system auto-linked the pair.
    """

    class State(models.TextChoices):
        SUGGESTED = "suggested", "Suggested"
        CONFIRMED = "confirmed", "Confirmed"
        REJECTED = "rejected", "Rejected"

    class Method(models.TextChoices):
        LEXICAL = "lexical", "Lexical (claims.matching.match_score)"
        BLENDED = "blended", "Lexical + embedding similarity (MATCH_SEMANTIC)"

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="match_links")
    matched = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="matched_by_links")
    score = models.FloatField()
    method = models.CharField(max_length=16, choices=Method.choices, default=Method.LEXICAL)
    state = models.CharField(max_length=10, choices=State.choices, default=State.SUGGESTED)
    reasons = models.JSONField(default=list, blank=True, help_text="Why it was held back.")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-score", "id"]
        constraints = [
            models.UniqueConstraint(fields=["claim", "matched"], name="claimlink_unique_pair"),
            models.CheckConstraint(
                condition=~Q(claim=models.F("matched")), name="claimlink_not_self"
            ),
            models.CheckConstraint(
                condition=Q(score__gte=0, score__lte=1), name="claimlink_score_0_1"
            ),
        ]
        indexes = [models.Index(fields=["matched", "state"], name="claimlink_matched_state")]

    def __str__(self) -> str:
        return f"{self.claim_id} ~ {self.matched_id} ({self.score:.2f}, {self.state})"


class ClaimEmbedding(models.Model):
    """The sentence embedding of a claim's ``statement``, for matching's re-ranker.

    ``vector`` is 384 float16 values (768 bytes, little-endian) of unit length; ``model``
    names the embedding model that made it (``claims.embeddings.model_id()``), so a new
    model's vectors are never compared with an old one's: a row of another model is
    ignored and replaced. ``text_hash`` is the SHA-1 of the statement it was computed from
    (a re-extracted claim text makes it stale). Written by ``claims.matching.vectors``.
    """

    claim = models.OneToOneField(
        Claim, on_delete=models.CASCADE, primary_key=True, related_name="embedding"
    )
    model = models.CharField(max_length=16)
    text_hash = models.CharField(max_length=40)
    vector = models.BinaryField()

    def __str__(self) -> str:
        return f"embedding of claim {self.claim_id} ({self.model})"


# --- claimants ---------------------------------------------------------------------------
# Who makes claims, over time: a person, an organisation, or an anonymous description
# ("EU sources"). Linked to claims by ``claims.claimants.services`` (the rules are in
# ``claims.claimants.linking``); identifiers are entered by the desk.

WIKIDATA_QID = r"^Q[1-9][0-9]*$"


class Claimant(models.Model):
    class Kind(models.TextChoices):
        PERSON = "person", "Person"
        ORGANIZATION = "organization", "Organization"
        ANONYMOUS = "anonymous", "Anonymous description"

    display_name = models.CharField(max_length=300)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    wikidata_qid = models.CharField(
        "Wikidata QID",
        max_length=20,
        blank=True,
        validators=[RegexValidator(WIKIDATA_QID, "A Wikidata item id: Q and digits (Q42).")],
        help_text="Entered by the desk: Q and digits.",
    )
    website = models.URLField(max_length=500, blank=True, help_text="Entered by the desk.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["display_name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(wikidata_qid="") | Q(wikidata_qid__regex=WIKIDATA_QID),
                name="claimant_wikidata_qid",
            ),
            # An anonymous description is no one to look up.
            models.CheckConstraint(
                condition=~Q(kind="anonymous") | Q(wikidata_qid="", website=""),
                name="claimant_anonymous_has_no_identifier",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def same_as(self) -> list[str]:
        """Its identifiers as addresses (ClaimReview ``sameAs``)."""
        return same_as(self.wikidata_qid, self.website)


def same_as(wikidata_qid: str, website: str) -> list[str]:
    urls = [f"https://www.wikidata.org/wiki/{wikidata_qid}"] if wikidata_qid else []
    return urls + ([website] if website else [])


class ClaimantAlias(models.Model):
    """A name a claimant goes by, normalised (``claims.claimants.linking.alias_key``):
    one claimant per key, found by an indexed exact match. ``surname``/``given`` (persons)
    and ``initials``/``is_acronym`` (organisations) serve the careful match."""

    claimant = models.ForeignKey(Claimant, on_delete=models.CASCADE, related_name="aliases")
    key = models.CharField(max_length=300, unique=True)
    name = models.CharField(max_length=300, help_text="As first seen.")
    surname = models.CharField(max_length=200, blank=True, db_index=True)
    given = models.CharField(max_length=100, blank=True)
    initials = models.CharField(max_length=30, blank=True, db_index=True)
    is_acronym = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name_plural = "claimant aliases"

    def __str__(self) -> str:
        return self.name


class ClaimantRole(models.Model):
    """A role a claimant was named with ("transport director"), and when."""

    claimant = models.ForeignKey(Claimant, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(max_length=300, help_text="As first seen.")
    key = models.CharField(max_length=300, help_text="Its content words, folded.")
    first_seen = models.DateTimeField()
    last_seen = models.DateTimeField()

    class Meta:
        ordering = ["first_seen", "id"]
        constraints = [
            models.UniqueConstraint(fields=["claimant", "key"], name="claimantrole_unique"),
        ]

    def __str__(self) -> str:
        return self.role


class ClaimantSuggestion(models.Model):
    """An uncertain link (the same surname and nothing more, an acronym several bodies
    share): shown to the desk, never applied until accepted."""

    class State(models.TextChoices):
        SUGGESTED = "suggested", "Suggested"
        ACCEPTED = "accepted", "Accepted"
        REJECTED = "rejected", "Rejected"

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="claimant_suggestions")
    claimant = models.ForeignKey(Claimant, on_delete=models.CASCADE, related_name="suggestions")
    reason = models.CharField(max_length=40)
    state = models.CharField(max_length=10, choices=State.choices, default=State.SUGGESTED)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["claim", "claimant"], name="claimantsuggestion_unique_pair"
            ),
        ]
        indexes = [models.Index(fields=["state", "id"], name="claimantsuggestion_state")]

    def __str__(self) -> str:
        return f"claim {self.claim_id} ~ {self.claimant_id} ({self.state})"
