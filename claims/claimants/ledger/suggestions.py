"""Suggestions on a report: corroborations (a later named-sourced claim the matcher linked
to an open or stale report), how any suggestion is written and labelled, and the desk's
answer to one (accept: the report is corroborated, or contradicted, by it; reject). The
suggested contradictions are found in ``contradictions``. See the package's docstring."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from claims.ids import pk_of
from claims.matching.conflicts import is_contradiction
from claims.models import (
    AnonymousReport,
    Claim,
    ClaimEvent,
    ClaimLink,
    CorroborationSuggestion,
    Verdict,
)
from claims.types import User
from claims.workflow import IllegalTransition, UnknownReference

from .states import AWAITING, ReportAction, change_state, check_allowed, lock_report, require_desk

SS = CorroborationSuggestion.State
SK = CorroborationSuggestion.Kind


def _day(moment) -> str:
    when = timezone.localtime(moment) if moment is not None else timezone.localtime()
    return f"{when.day} {when:%B %Y}"


def confirmation_label(claim: Claim, *, said: str = "confirmed") -> str:
    """How a suggestion reads: "Mark Rutte confirmed on 3 March 2026" (the claimant as the
    article named them, the article's date or, without one, when the claim was found);
    ``said="said otherwise"`` for a contradiction."""
    who = claim.claimant or "A named source"
    article = claim.article if claim.article_id else None
    return (
        f"{who} {said} on {_day((article.published_at if article else None) or claim.created_at)}"
    )


def suggestion_label(suggestion: CorroborationSuggestion) -> str:
    """What the desk reads on a suggestion: who confirmed or said otherwise and when, or
    "Rated False on 5 March 2026" for a published verdict. Reads its claim's article or
    its verdict's rating (load them with it)."""
    if suggestion.verdict_id is not None:
        verdict = suggestion.verdict
        return f"Rated {verdict.rating.label} on {_day(verdict.published_at)}"
    if suggestion.kind == SK.CONTRADICTION:
        return confirmation_label(suggestion.claim, said="said otherwise")
    return confirmation_label(suggestion.claim)


def record_suggestion(
    report: AnonymousReport,
    claim: Claim,
    *,
    kind: str,
    score: float,
    note: str,
    verdict: Verdict | None = None,
    data: dict | None = None,
) -> CorroborationSuggestion | None:
    """Write one suggestion on ``report`` with its event and move the report's claim's
    ``updated_at``; None if the same claim (or verdict) was suggested on it before, in
    whatever state: a pair is suggested once."""
    suggestion, created = CorroborationSuggestion.objects.get_or_create(
        report=report,
        claim=claim,
        verdict=verdict,
        defaults={"score": score, "kind": kind},
    )
    if not created:
        return None
    event_kind = (
        ClaimEvent.Kind.CONTRA_SUGGESTED
        if kind == SK.CONTRADICTION
        else ClaimEvent.Kind.REPORT_SUGGESTED
    )
    ClaimEvent.objects.create(
        claim=report.claim,
        actor=None,
        kind=event_kind,
        note=note,
        data={"suggestion": suggestion.pk, "claim": claim.pk, "score": score, **(data or {})},
    )
    Claim.objects.filter(pk=report.claim_id).update(updated_at=timezone.now())
    return suggestion


def reports_near(claim: Claim, matched: Iterable[int]) -> list[AnonymousReport]:
    """The open or stale reports that are one of the ``matched`` claims or a duplicate of
    one, from another article than ``claim``'s (the same article saying it twice is no
    second source), with their claims and the claims they duplicate. One query."""
    reports = (
        AnonymousReport.objects.filter(state__in=AWAITING)
        .filter(Q(claim_id__in=matched) | Q(claim__canonical_id__in=matched))
        .exclude(claim_id=claim.pk)
        .select_related("claim__canonical")
        .order_by("claim_id")
    )
    if claim.article_id is None:
        return list(reports)
    return [r for r in reports if r.claim.article_id != claim.article_id]


def suggest_corroborations(*, claim: Claim) -> list[CorroborationSuggestion]:
    """Record on each report the named-sourced ``claim`` repeats that it may corroborate it.

    Reads the links the matcher stored for ``claim`` (suggested or confirmed, never
    rejected, none whose reasons say it denies the other); a report qualifies when it is
    open or stale and is the matched claim or a duplicate of it, from another article.
    Effects, per report: a ``suggested`` ``CorroborationSuggestion`` with the match score
    (a pair suggested before is left as it is), a ``report_suggested`` event on the
    report's claim, its ``updated_at`` moved. Returns the suggestions made.
    Precondition: inside the transaction that created ``claim``."""
    if claim.sourcing != Claim.Sourcing.NAMED:
        return []
    # A link whose reasons say the claim denies the other is no corroboration
    # (``contradictions.suggest_contradictions`` reads those pairs).
    scores = {
        matched: score
        for matched, score, reasons in ClaimLink.objects.filter(claim=claim)
        .exclude(state=ClaimLink.State.REJECTED)
        .values_list("matched_id", "score", "reasons")
        if not any(is_contradiction(reason) for reason in reasons or ())
    }
    if not scores:
        return []
    made = []
    label = confirmation_label(claim)
    for report in reports_near(claim, scores):
        reported = report.claim
        score = scores.get(reported.pk, scores.get(reported.canonical_id))
        note = f"{label}: {claim.statement[:200]}"
        suggestion = record_suggestion(report, claim, kind=SK.CORROBORATION, score=score, note=note)
        if suggestion is not None:
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
    found = (
        # The suggestion's row only: its article and verdict are outer joins, read along.
        CorroborationSuggestion.objects.select_for_update(of=("self",))
        .select_related("claim__article", "verdict__rating")
        .get(pk=pk)
    )
    if found.state != SS.SUGGESTED:
        raise IllegalTransition(
            f"This suggestion was already {SS(found.state).label.lower()}.", field="suggestion"
        )
    return claim, report, found


@transaction.atomic
def report_suggestion_accept(
    *, suggestion: CorroborationSuggestion | int, actor: User, note: str = ""
) -> AnonymousReport:
    """One click on the desk: the suggested claim corroborates the report, or, for a
    suggested contradiction, the claim (or the verdict) contradicts it.

    Preconditions: the actor may keep the ledger; the suggestion is open; the report is
    open or stale. Effects: the suggestion accepted (who, when); the report corroborated
    (or contradicted) with the suggested claim, or verdict, as evidence
    (``report_corroborated`` / ``report_contradicted`` event, the webhook);
    the report's other open suggestions rejected with who and when, listed in that
    event's data (``closed_suggestions``)."""
    require_desk(actor)
    claim, report, suggestion = _lock_suggestion(suggestion)
    contradiction = suggestion.kind == SK.CONTRADICTION
    action = ReportAction.CONTRADICT if contradiction else ReportAction.CORROBORATE
    check_allowed(report, action)
    now = timezone.now()
    suggestion.state, suggestion.decided_by, suggestion.decided_at = SS.ACCEPTED, actor, now
    suggestion.save(update_fields=["state", "decided_by", "decided_at"])
    others = report.suggestions.filter(state=SS.SUGGESTED)
    closed = list(others.values_list("pk", flat=True))
    others.update(state=SS.REJECTED, decided_by=actor, decided_at=now)
    by_verdict = suggestion.verdict_id is not None
    change_state(
        claim,
        report,
        action,
        actor=actor,
        note=(note or "").strip() or suggestion_label(suggestion),
        # A verdict's claim may be the report itself, or anonymous: the verdict is the
        # evidence then, not its claim.
        evidence_claim=None if by_verdict else suggestion.claim,
        evidence_verdict=suggestion.verdict,
        data={"suggestion": suggestion.pk, "closed_suggestions": closed},
    )
    return report


@transaction.atomic
def report_suggestion_reject(
    *, suggestion: CorroborationSuggestion | int, actor: User, note: str = ""
) -> CorroborationSuggestion:
    """The desk says the suggested claim (or verdict) does not confirm, or deny, the report.

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
