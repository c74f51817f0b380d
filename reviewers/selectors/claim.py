"""One claim as the desk sees it: its page, the state after an action, its history and
notes."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet

from claims import permissions
from claims.ids import pk_of
from claims.models import (
    AnonymousReport,
    ArticleRevision,
    Claim,
    ClaimEvent,
    ClaimLink,
    SourceLink,
    Verdict,
)
from claims.types import User
from claims.workflow import ActionNotPermitted
from reviewers.models import Assignment, ClaimNote
from reviewers.selectors.common import _require_staff


def staff_claim(*, viewer: User, pk: int) -> Claim:
    """A claim as the desk sees it after an action: status, assignee, queue entry and open
    assignment (as ``open_assignments``). Two queries. Raises ``Claim.DoesNotExist``."""
    _require_staff(viewer)
    return (
        Claim.objects.select_related("assignee", "queue_entry__queue")
        .prefetch_related(
            Prefetch(
                "assignments",
                queryset=Assignment.objects.filter(ended_at__isnull=True),
                to_attr="open_assignments",
            )
        )
        .get(pk=pk)
    )


def claim_history(*, viewer: User, pk: int) -> QuerySet[ClaimEvent]:
    """Every event of the claim, oldest first, with actor and verdict. One query (plus one
    to tell a missing claim from an empty history). Raises ``Claim.DoesNotExist``."""
    _require_staff(viewer)
    if not Claim.objects.filter(pk=pk).exists():
        raise Claim.DoesNotExist
    return (
        ClaimEvent.objects.filter(claim_id=pk)
        .select_related("actor", "verdict")
        .order_by("created_at", "id")
    )


def claim_notes(*, viewer: User, claim: Claim | int) -> QuerySet[ClaimNote]:
    """The desk's internal notes on the claim, oldest first, with their authors. One query.
    Raises ``ActionNotPermitted`` for anyone who may not read them (off the desk)."""
    if not permissions.can_read_notes(viewer):
        raise ActionNotPermitted("Only the desk reads its notes.")
    pk = pk_of(claim)
    return (
        ClaimNote.objects.filter(claim_id=pk).select_related("author").order_by("created_at", "id")
    )


# --- the claim's page ----------------------------------------------------------------------

# A claim repeated in many articles has many links; the page shows the best ones.
SIMILAR_SHOWN = 20


@dataclass(frozen=True)
class SimilarClaim:
    """A stored match seen from the claim on the page: ``other`` is the claim at its far end."""

    link: ClaimLink
    other: Claim
    repeats_this: bool  # True: ``other`` repeats this claim; False: this claim repeats it

    @property
    def score(self) -> float:
        return self.link.score


def similar_claims(claim: Claim) -> list[SimilarClaim]:
    """The claim's stored matches (suggested and confirmed, either direction), best first.

    One query: the links with both claims and their published verdicts. Written by
    ``claims.matching`` when a claim is created; rejected links are not shown.
    """
    links = (
        ClaimLink.objects.filter(Q(claim=claim) | Q(matched=claim))
        .filter(state__in=(ClaimLink.State.SUGGESTED, ClaimLink.State.CONFIRMED))
        .select_related("claim__published_verdict__rating", "matched__published_verdict__rating")
        .order_by("-score", "id")[:SIMILAR_SHOWN]
    )
    return [
        SimilarClaim(
            link,
            link.claim if link.matched_id == claim.pk else link.matched,
            repeats_this=link.matched_id == claim.pk,
        )
        for link in links
    ]


@dataclass(frozen=True)
class ClaimPage:
    """What the desk's page of one claim shows (``claim_page``)."""

    claim: Claim  # with article, assignee, queue entry and queue, verdict and rating,
    # canonical, and its anonymous report with that report's evidence
    sources: list[SourceLink]  # not removed, with who added them
    verdicts: list[Verdict]  # every version, first first, with its rating, people and citations
    events: list[ClaimEvent]  # the history, with actors and verdicts
    similar: list[SimilarClaim]
    notes: list[ClaimNote]  # with their authors

    def citable_sources(self) -> QuerySet[SourceLink]:
        """The sources a new verdict may cite: the verdict form's choices (a queryset, which
        the form validates against). Read when the form is drawn."""
        return SourceLink.objects.filter(pk__in=[s.pk for s in self.sources]).order_by(
            "added_at", "id"
        )

    @property
    def report(self) -> AnonymousReport | None:
        """The claim's place in the ledger of anonymous reports (None: not a report)."""
        return getattr(self.claim, "anonymous_report", None)

    def article_revisions(self) -> Iterable[ArticleRevision]:
        """The article's earlier versions, newest first: read only for a claim whose
        sentence left the article (the page shows it where it was)."""
        article = self.claim.article
        return article.revisions.all() if article is not None else ()


def claim_page(*, viewer: User, pk: int) -> ClaimPage:
    """The claim ``pk`` with everything its desk page shows. Seven queries (six for a claim
    with no verdict): the claim and what it is joined to, its sources, its verdicts and
    their citations, its events, its similar claims, its notes; none per row. Raises
    ``Claim.DoesNotExist``, and ``ActionNotPermitted`` off the desk."""
    _require_staff(viewer)
    claim = Claim.objects.select_related(
        "article",
        "assignee",
        "queue_entry__queue",
        "published_verdict__rating",
        "canonical",
        # An anonymous claim's place in the ledger, with its evidence: joined, no query.
        "anonymous_report__evidence_claim",
        "anonymous_report__evidence_verdict__rating",
        "anonymous_report__evidence_source",
    ).get(pk=pk)
    sources = list(claim.sources.filter(removed_at__isnull=True).select_related("added_by"))
    verdicts = list(
        claim.verdicts.select_related("rating", "author", "decided_by")
        .prefetch_related(
            Prefetch("cited_sources", queryset=SourceLink.objects.order_by("added_at", "id"))
        )
        .order_by("version")
    )
    events = list(ClaimEvent.objects.filter(claim=claim).select_related("actor", "verdict"))
    return ClaimPage(
        claim=claim,
        sources=sources,
        verdicts=verdicts,
        events=events,
        similar=similar_claims(claim),
        notes=list(claim_notes(viewer=viewer, claim=claim)),
    )
