"""Suggested corroborations: a later named-sourced claim the matcher linked to an open or
stale report, and the desk's answer (accept: the report is corroborated by it; reject).
See the package's docstring."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from claims.ids import pk_of
from claims.models import (
    AnonymousReport,
    Claim,
    ClaimEvent,
    ClaimLink,
    CorroborationSuggestion,
)
from claims.types import User
from claims.workflow import IllegalTransition, UnknownReference

from .states import AWAITING, ReportAction, change_state, check_allowed, lock_report, require_desk

SS = CorroborationSuggestion.State


def confirmation_label(claim: Claim) -> str:
    """How a suggestion reads: "Mark Rutte confirmed on 3 March 2026" (the claimant as the
    article named them, the article's date or, without one, when the claim was found)."""
    who = claim.claimant or "A named source"
    article = claim.article if claim.article_id else None
    when = (article.published_at if article is not None else None) or claim.created_at
    when = timezone.localtime(when) if when is not None else timezone.localtime()
    return f"{who} confirmed on {when.day} {when:%B %Y}"


def suggest_corroborations(*, claim: Claim) -> list[CorroborationSuggestion]:
    """Record on each report the named-sourced ``claim`` repeats that it may corroborate it.

    Reads the links the matcher stored for ``claim`` (suggested or confirmed, never
    rejected); a report qualifies when it is open or stale and is the matched claim or a
    duplicate of it, from another article. Effects, per report: a ``suggested``
    ``CorroborationSuggestion`` with the match score (a pair suggested before is left as it
    is), a ``report_suggested`` event on the report's claim, its ``updated_at`` moved (the
    count of suggestions is in its public detail). Returns the suggestions made.
    Precondition: inside the transaction that created ``claim``."""
    if claim.sourcing != Claim.Sourcing.NAMED:
        return []
    scores = dict(
        ClaimLink.objects.filter(claim=claim)
        .exclude(state=ClaimLink.State.REJECTED)
        .values_list("matched_id", "score")
    )
    if not scores:
        return []
    reports = (
        AnonymousReport.objects.filter(state__in=AWAITING)
        .filter(Q(claim_id__in=scores) | Q(claim__canonical_id__in=scores))
        .exclude(claim_id=claim.pk)
        .select_related("claim")
        .order_by("claim_id")
    )
    made = []
    label = confirmation_label(claim)
    for report in reports:
        reported = report.claim
        if claim.article_id is not None and reported.article_id == claim.article_id:
            continue  # the same article saying it twice confirms nothing
        score = scores.get(reported.pk, scores.get(reported.canonical_id))
        suggestion, created = CorroborationSuggestion.objects.get_or_create(
            report=report, claim=claim, defaults={"score": score}
        )
        if not created:
            continue
        ClaimEvent.objects.create(
            claim=reported,
            actor=None,
            kind=ClaimEvent.Kind.REPORT_SUGGESTED,
            note=f"{label}: {claim.statement[:200]}",
            data={"suggestion": suggestion.pk, "claim": claim.pk, "score": score},
        )
        Claim.objects.filter(pk=reported.pk).update(updated_at=timezone.now())
        made.append(suggestion)
    return made


def _lock_suggestion(suggestion: CorroborationSuggestion | int):
    pk = pk_of(suggestion)
    report_id = (
        CorroborationSuggestion.objects.filter(pk=pk).values_list("report_id", flat=True).first()
    )
    if report_id is None:
        raise UnknownReference("No such suggestion.", field="suggestion")
    claim, report = lock_report(report_id)  # the claim first, as everywhere
    found = CorroborationSuggestion.objects.select_for_update().select_related("claim").get(pk=pk)
    if found.state != SS.SUGGESTED:
        raise IllegalTransition(
            f"This suggestion was already {SS(found.state).label.lower()}.", field="suggestion"
        )
    return claim, report, found


@transaction.atomic
def report_suggestion_accept(
    *, suggestion: CorroborationSuggestion | int, actor: User, note: str = ""
) -> AnonymousReport:
    """One click on the desk: the suggested claim corroborates the report.

    Preconditions: the actor may keep the ledger; the suggestion is open; the report is
    open or stale. Effects: the suggestion accepted (who, when); the report corroborated
    with the suggested claim as evidence (``report_corroborated`` event, the webhook);
    the report's other open suggestions rejected with who and when, listed in that
    event's data (``closed_suggestions``)."""
    require_desk(actor)
    claim, report, suggestion = _lock_suggestion(suggestion)
    check_allowed(report, ReportAction.CORROBORATE)
    now = timezone.now()
    suggestion.state, suggestion.decided_by, suggestion.decided_at = SS.ACCEPTED, actor, now
    suggestion.save(update_fields=["state", "decided_by", "decided_at"])
    others = report.suggestions.filter(state=SS.SUGGESTED)
    closed = list(others.values_list("pk", flat=True))
    others.update(state=SS.REJECTED, decided_by=actor, decided_at=now)
    change_state(
        claim,
        report,
        ReportAction.CORROBORATE,
        actor=actor,
        note=(note or "").strip() or confirmation_label(suggestion.claim),
        evidence_claim=suggestion.claim,
        data={"suggestion": suggestion.pk, "closed_suggestions": closed},
    )
    return report


@transaction.atomic
def report_suggestion_reject(
    *, suggestion: CorroborationSuggestion | int, actor: User, note: str = ""
) -> CorroborationSuggestion:
    """The desk says the suggested claim does not confirm the report.

    Preconditions: the actor may keep the ledger; the suggestion is open. Effects: the
    suggestion rejected (who, when; kept, so the pair is not suggested again); a
    ``suggestion_rejected`` event on the report's claim; its ``updated_at`` moved. The
    report's state does not change."""
    require_desk(actor)
    claim, _, suggestion = _lock_suggestion(suggestion)
    now = timezone.now()
    suggestion.state, suggestion.decided_by, suggestion.decided_at = SS.REJECTED, actor, now
    suggestion.save(update_fields=["state", "decided_by", "decided_at"])
    ClaimEvent.objects.create(
        claim=claim,
        actor=actor,
        kind=ClaimEvent.Kind.SUGGESTION_REJECTED,
        note=(note or "").strip(),
        data={"suggestion": suggestion.pk, "claim": suggestion.claim_id},
    )
    Claim.objects.filter(pk=claim.pk).update(updated_at=now)
    return suggestion
