"""What a review gathers and decides: a claim's source links, its verdicts and the sources a
verdict cites (append-only: a verdict's citations are fixed when it is proposed).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.signals import m2m_changed
from django.dispatch import receiver

from claims.immutability import AppendOnlyModel, AppendOnlyQuerySet, ImmutableRecordError
from claims.models.record import Claim, Rating


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


@receiver(m2m_changed, sender=Verdict.cited_sources.through)
def _citations_are_written_with_the_verdict(sender, instance, action, **kwargs):
    # The workflow writes Citation rows itself when the verdict is proposed; changing a
    # verdict's sources afterwards would rewrite what an editor approved.
    if action in {"pre_add", "pre_remove", "pre_clear"}:
        raise ImmutableRecordError("A verdict's cited sources are fixed when it is proposed.")
