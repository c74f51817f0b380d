"""A claim's history: one append-only ``ClaimEvent`` per step of the workflow."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from claims.immutability import AppendOnlyModel, AppendOnlyQuerySet
from claims.models.record import Claim
from claims.models.reviews import Verdict


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
