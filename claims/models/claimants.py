"""Claimants: who makes claims, the names and roles they go by, and uncertain links."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q

from claims.immutability import AppendOnlyModel, AppendOnlyQuerySet
from claims.models.record import Claim

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
    # A tombstone: merged into this claimant by the desk (``claimant_merge``), which holds
    # its aliases, roles and claims now. Kept so old links and API ids resolve; always the
    # survivor itself, never another tombstone (a merge repoints earlier ones).
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["display_name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(merged_into=models.F("pk")), name="claimant_not_merged_into_itself"
            ),
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


class ClaimantChange(AppendOnlyModel):
    """The desk's changes to claimants, append-only: a merge (``other`` merged into
    ``claimant``), a split (``other`` made from ``claimant``'s chosen aliases) or new
    identifiers, with who, when, why (``note``) and what moved (``data``: alias names,
    role names, claim ids, suggestion ids; for identifiers, the values before and after)."""

    class Kind(models.TextChoices):
        MERGED = "merged", "Merged"
        SPLIT = "split", "Split"
        IDENTIFIED = "identified", "Identifiers changed"

    claimant = models.ForeignKey(Claimant, on_delete=models.PROTECT, related_name="changes")
    other = models.ForeignKey(
        Claimant, null=True, blank=True, on_delete=models.PROTECT, related_name="other_changes"
    )
    kind = models.CharField(max_length=12, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.claimant_id} / {self.other_id}"
