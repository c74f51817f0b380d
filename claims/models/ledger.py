"""The ledger of anonymous reports: what became of each anonymously sourced claim.

"EU sources say" is a report to follow up as well as a claim to rate: each claim whose
sourcing is ``anonymous`` has one ``AnonymousReport`` (opened with the claim), whose state
says whether it was later corroborated, contradicted, withdrawn by its outlet, or left
unconfirmed (stale). ``CorroborationSuggestion`` is a later named-sourced claim that the
matcher found saying the same thing: shown to the desk, applied only when accepted.

Written only by ``claims.claimants.ledger``, which appends a ``ClaimEvent`` to the report's
claim for every change; nothing here moves a report from one state to another.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from claims.models.record import Claim
from claims.models.reviews import SourceLink, Verdict


class AnonymousReport(models.Model):
    """One anonymously sourced claim's place in the ledger.

    ``since`` is when it entered its current state (for an open report, when it was opened
    or reopened: the stale sweep counts from it). ``evidence_claim`` / ``evidence_verdict``
    / ``evidence_source`` are what the current state rests on: the later claim that
    corroborated or contradicted it, the published verdict that contradicted it, or the
    document cited as a source of this claim that corroborated it; empty in the other
    states.
    """

    class State(models.TextChoices):
        OPEN = "open", "Open"
        CORROBORATED = "corroborated", "Corroborated"
        CONTRADICTED = "contradicted", "Contradicted"
        WITHDRAWN = "withdrawn", "Withdrawn by the outlet"
        STALE = "stale", "Never confirmed (stale)"

    claim = models.OneToOneField(
        Claim, on_delete=models.CASCADE, primary_key=True, related_name="anonymous_report"
    )
    state = models.CharField(max_length=12, choices=State.choices, default=State.OPEN)
    since = models.DateTimeField()
    evidence_claim = models.ForeignKey(
        Claim, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    evidence_verdict = models.ForeignKey(
        Verdict, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    evidence_source = models.ForeignKey(
        SourceLink, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField(help_text="When the report entered the ledger.")

    class Meta:
        ordering = ["opened_at", "claim_id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=["corroborated", "contradicted"])
                | Q(
                    evidence_claim__isnull=True,
                    evidence_verdict__isnull=True,
                    evidence_source__isnull=True,
                ),
                name="report_evidence_only_when_decided",
            ),
            models.CheckConstraint(
                condition=Q(evidence_claim__isnull=True) | ~Q(evidence_claim=models.F("claim")),
                name="report_not_own_evidence",
            ),
        ]
        indexes = [
            # The stale sweep (open ones by ``since``) and the desk's page (by state).
            models.Index(fields=["state", "since"], name="report_state_since"),
        ]

    def __str__(self) -> str:
        return f"report {self.claim_id} ({self.state})"


class CorroborationSuggestion(models.Model):
    """A suggestion for the desk to accept or reject: of kind ``corroboration``, ``claim``
    (named-sourced, later) says what the report said, by the matcher; of kind
    ``contradiction``, ``claim`` says otherwise (the matcher found the pair alike but for a
    negation, another number or the opposite direction), or ``verdict``, published on
    ``claim`` (the report's own claim or one matched to it), rates it false."""

    class Kind(models.TextChoices):
        CORROBORATION = "corroboration", "Corroboration"
        CONTRADICTION = "contradiction", "Contradiction"

    class State(models.TextChoices):
        SUGGESTED = "suggested", "Suggested"
        ACCEPTED = "accepted", "Accepted"
        REJECTED = "rejected", "Rejected"

    report = models.ForeignKey(
        AnonymousReport, on_delete=models.CASCADE, related_name="suggestions"
    )
    claim = models.ForeignKey(
        Claim, on_delete=models.CASCADE, related_name="corroboration_suggestions"
    )
    kind = models.CharField(max_length=13, choices=Kind.choices, default=Kind.CORROBORATION)
    verdict = models.ForeignKey(
        Verdict,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="A contradiction by a published verdict: that verdict.",
    )
    score = models.FloatField(
        help_text="The matcher's score for the pair (for a contradiction, as if the pair "
        "agreed on the detail that differs; 1 for a verdict on the report's own claim)."
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.SUGGESTED)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-score", "id"]
        constraints = [
            # A claim is suggested once per report; a verdict too.
            models.UniqueConstraint(
                fields=["report", "claim"],
                condition=Q(verdict__isnull=True),
                name="corroborationsuggestion_unique_pair",
            ),
            models.UniqueConstraint(
                fields=["report", "verdict"],
                condition=Q(verdict__isnull=False),
                name="corroborationsuggestion_unique_verdict",
            ),
            # A claim is no evidence about itself; its own published verdict is.
            models.CheckConstraint(
                condition=~Q(report=models.F("claim")) | Q(verdict__isnull=False),
                name="corroborationsuggestion_not_self",
            ),
            models.CheckConstraint(
                condition=Q(verdict__isnull=True) | Q(kind="contradiction"),
                name="corroborationsuggestion_verdict_contradicts",
            ),
        ]
        indexes = [
            models.Index(fields=["report", "state"], name="corroborationsuggestion_open"),
        ]

    def __str__(self) -> str:
        return f"{self.claim_id}: {self.kind} of report {self.report_id}? ({self.state})"
