"""The ledger of anonymous reports: writes. Each service is one transaction.

Every claim whose sourcing is ``anonymous`` is a report to follow up ("according to EU
sources, ..."): its ``AnonymousReport`` is opened with the claim and says what became of it.

- ``open``: nobody named has said it yet.
- ``corroborated``: a later named-sourced claim (or a document the desk found) says it.
- ``contradicted``: a named source or a published verdict says otherwise.
- ``withdrawn``: the outlet corrected it.
- ``stale``: still open after ``ANONYMOUS_REPORT_STALE_DAYS`` (30 by default).

The moves are the table ``TRANSITIONS`` below, nothing else. Every change locks the claim
then its report (the workflow's lock order), writes the state with the evidence it rests on,
moves the claim's ``updated_at`` (the corroboration is part of the claim's public detail, so
its change-feed position moves too), appends a ``ClaimEvent`` to the claim's history with
who (an actor, or None for the system) and why (the note, the evidence), and sends
``report_changed`` inside the transaction. Its one receiver is
``claims.webhooks.events.on_report_changed`` (``claims-webhooks-ledger``): the
``claim.corroboration`` webhook.

Suggestions: when a named-sourced claim is created (``on_claim_created``, a receiver of the
workflow's ``claim_created`` that runs after matching stored the new claim's links) and the
matcher linked it (suggested or auto) to an open or stale report, or to the canonical claim
of one, the report gets a ``CorroborationSuggestion`` and a ``report_suggested`` event
("Mark Rutte confirmed on 3 March 2026"). The desk accepts it (the report is corroborated by
that claim) or rejects it; neither happens by itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.dispatch import Signal
from django.utils import timezone

from claims import permissions
from claims.models import (
    AnonymousReport,
    Claim,
    ClaimEvent,
    ClaimLink,
    CorroborationSuggestion,
    Verdict,
)
from claims.workflow import (
    ActionNotPermitted,
    IllegalTransition,
    InvalidInput,
    UnknownReference,
)

R = AnonymousReport.State
E = ClaimEvent.Kind
SS = CorroborationSuggestion.State


class ReportAction(StrEnum):
    CORROBORATE = "corroborate"
    CONTRADICT = "contradict"
    WITHDRAW = "withdraw"
    MARK_STALE = "mark_stale"
    REOPEN = "reopen"


@dataclass(frozen=True)
class ReportTransition:
    sources: frozenset[str]
    target: str
    event: str


# The ledger's moves. A stale report can still be confirmed or denied (news comes late); a
# decided one is reopened first, with a reason, to be decided again.
TRANSITIONS: dict[ReportAction, ReportTransition] = {
    ReportAction.CORROBORATE: ReportTransition(
        frozenset({R.OPEN, R.STALE}), R.CORROBORATED, E.REPORT_CORROBORATED
    ),
    ReportAction.CONTRADICT: ReportTransition(
        frozenset({R.OPEN, R.STALE}), R.CONTRADICTED, E.REPORT_CONTRADICTED
    ),
    ReportAction.WITHDRAW: ReportTransition(
        frozenset({R.OPEN, R.STALE}), R.WITHDRAWN, E.REPORT_WITHDRAWN
    ),
    ReportAction.MARK_STALE: ReportTransition(frozenset({R.OPEN}), R.STALE, E.REPORT_STALE),
    ReportAction.REOPEN: ReportTransition(
        frozenset({R.CORROBORATED, R.CONTRADICTED, R.WITHDRAWN, R.STALE}),
        R.OPEN,
        E.REPORT_REOPENED,
    ),
}

# Sent inside the transaction after a report's state and its event are written.
# Arguments: claim (the report's claim), report (AnonymousReport), event (ClaimEvent),
# action (ReportAction).
report_changed = Signal()

# The states in which a report still waits for confirmation: suggestions are made for them.
AWAITING = (R.OPEN, R.STALE)


def allowed_report_actions(state: str) -> list[ReportAction]:
    return [action for action, t in TRANSITIONS.items() if state in t.sources]


def stale_after() -> timedelta:
    return timedelta(days=settings.ANONYMOUS_REPORT_STALE_DAYS)


# --- opening ---------------------------------------------------------------------------


def open_report(*, claim: Claim) -> AnonymousReport | None:
    """The claim's report, opened now if it has none; None for a claim that is not
    anonymously sourced. Precondition: inside a transaction that wrote or locked the claim
    (``claim_create``'s, through ``on_claim_created``)."""
    if claim.sourcing != Claim.Sourcing.ANONYMOUS:
        return None
    opened = claim.created_at or timezone.now()
    report, _ = AnonymousReport.objects.get_or_create(
        claim=claim, defaults={"state": R.OPEN, "since": opened, "opened_at": opened}
    )
    return report


def on_claim_created(*, claim: Claim, **_: Any) -> None:
    """``claim_created`` receiver (``claims-ledger``), after matching: an anonymously
    sourced claim opens its report; a named-sourced one may corroborate open reports."""
    if claim.sourcing == Claim.Sourcing.ANONYMOUS:
        open_report(claim=claim)
    elif claim.sourcing == Claim.Sourcing.NAMED:
        suggest_corroborations(claim=claim)


# --- the state changes -----------------------------------------------------------------


def _lock(claim: Claim | int) -> tuple[Claim, AnonymousReport]:
    pk = claim.pk if isinstance(claim, Claim) else claim
    found = Claim.objects.select_for_update().filter(pk=pk).first()
    if found is None:
        raise UnknownReference("No such claim.", field="claim")
    if found.sourcing != Claim.Sourcing.ANONYMOUS:
        raise InvalidInput("Only an anonymously sourced claim is a report to follow up.")
    report = AnonymousReport.objects.select_for_update().filter(claim=found).first()
    if report is None:  # sourcing changed by hand after creation: the ledger catches up
        report = open_report(claim=found)
    return found, report


def _require_desk(actor: Any) -> None:
    if not permissions.can_keep_report_ledger(actor):
        raise ActionNotPermitted("You may not change the ledger of anonymous reports.")


def _check_allowed(report: AnonymousReport, action: ReportAction) -> ReportTransition:
    transition = TRANSITIONS[action]
    if report.state not in transition.sources:
        raise IllegalTransition(
            f"Cannot {action.value.replace('_', ' ')} a report that is "
            f"{R(report.state).label.lower()}."
        )
    return transition


def _apply(
    claim: Claim,
    report: AnonymousReport,
    action: ReportAction,
    *,
    actor: Any,
    note: str,
    evidence_claim: Claim | None = None,
    evidence_verdict: Verdict | None = None,
    data: dict[str, Any] | None = None,
) -> ClaimEvent:
    """Write the report's new state with its evidence, the claim's ``updated_at`` and the
    history row; send ``report_changed``. The claim and the report are locked."""
    transition = _check_allowed(report, action)
    from_state, now = report.state, timezone.now()
    report.state, report.since = transition.target, now
    report.evidence_claim, report.evidence_verdict = evidence_claim, evidence_verdict
    report.save(update_fields=["state", "since", "evidence_claim", "evidence_verdict"])
    Claim.objects.filter(pk=claim.pk).update(updated_at=now)
    event = ClaimEvent.objects.create(
        claim=claim,
        actor=actor,
        kind=transition.event,
        note=note,
        data={
            "from": from_state,
            "to": transition.target,
            **({"evidence_claim": evidence_claim.pk} if evidence_claim is not None else {}),
            **({"evidence_verdict": evidence_verdict.pk} if evidence_verdict is not None else {}),
            **(data or {}),
        },
    )
    report_changed.send(
        sender=AnonymousReport, claim=claim, report=report, event=event, action=action
    )
    return event


def _evidence_claim(claim: Claim, evidence: Claim | int | None) -> Claim | None:
    if evidence is None:
        return None
    found = Claim.objects.filter(pk=evidence.pk if isinstance(evidence, Claim) else evidence)
    found = found.first()
    if found is None:
        raise UnknownReference("The claim given as evidence does not exist.", field="evidence")
    if found.pk == claim.pk:
        raise InvalidInput("A report is no evidence about itself.", field="evidence")
    if found.sourcing == Claim.Sourcing.ANONYMOUS:
        raise InvalidInput(
            "Another anonymous report is no evidence: a named source or a document is.",
            field="evidence",
        )
    return found


def _evidence_verdict(evidence: Verdict | int | None) -> Verdict | None:
    if evidence is None:
        return None
    found = Verdict.objects.filter(pk=evidence.pk if isinstance(evidence, Verdict) else evidence)
    found = found.first()
    if found is None:
        raise UnknownReference("The verdict given as evidence does not exist.", field="verdict")
    if found.published_at is None:
        raise InvalidInput("Only a published verdict is evidence.", field="verdict")
    return found


def _why(note: str | None, *, required: bool, what: str) -> str:
    note = (note or "").strip()
    if required and not note:
        raise InvalidInput(f"Say why the report is {what}.", field="note")
    return note


@transaction.atomic
def report_corroborate(
    *, claim: Claim | int, actor: Any, evidence: Claim | int | None = None, note: str = ""
) -> AnonymousReport:
    """The desk records that someone named (or a document) confirmed the report.

    Preconditions: the actor may keep the ledger; the claim is anonymously sourced and its
    report open or stale; ``evidence`` (a later claim that says it, not itself anonymous)
    or a ``note`` (what confirmed it: a document, a statement) is given. Effects: the report
    is corroborated with that evidence; a ``report_corroborated`` event; the webhook."""
    _require_desk(actor)
    claim, report = _lock(claim)
    _check_allowed(report, ReportAction.CORROBORATE)
    evidence_claim = _evidence_claim(claim, evidence)
    note = _why(note, required=evidence_claim is None, what="corroborated")
    _apply(
        claim,
        report,
        ReportAction.CORROBORATE,
        actor=actor,
        note=note,
        evidence_claim=evidence_claim,
    )
    return report


@transaction.atomic
def report_contradict(
    *,
    claim: Claim | int,
    actor: Any,
    evidence: Claim | int | None = None,
    verdict: Verdict | int | None = None,
    note: str = "",
) -> AnonymousReport:
    """The desk records that a named source or a published verdict says otherwise.

    Preconditions: as for corroborating; the evidence is a later claim (not anonymous), a
    published verdict (``verdict``: this claim's own, or another claim's), or a ``note``
    saying what contradicted it. Effects: the report is contradicted with that evidence; a
    ``report_contradicted`` event; the webhook."""
    _require_desk(actor)
    claim, report = _lock(claim)
    _check_allowed(report, ReportAction.CONTRADICT)
    evidence_claim = _evidence_claim(claim, evidence)
    evidence_verdict = _evidence_verdict(verdict)
    required = evidence_claim is None and evidence_verdict is None
    _apply(
        claim,
        report,
        ReportAction.CONTRADICT,
        actor=actor,
        note=_why(note, required=required, what="contradicted"),
        evidence_claim=evidence_claim,
        evidence_verdict=evidence_verdict,
    )
    return report


@transaction.atomic
def report_withdraw(*, claim: Claim | int, actor: Any, note: str) -> AnonymousReport:
    """The desk records that the outlet corrected or took back the report.

    Preconditions: the actor may keep the ledger; the report is open or stale; a note
    (where the outlet said so) is required. Effects: withdrawn; a ``report_withdrawn``
    event; the webhook."""
    _require_desk(actor)
    claim, report = _lock(claim)
    _check_allowed(report, ReportAction.WITHDRAW)
    note = _why(note, required=True, what="withdrawn")
    _apply(claim, report, ReportAction.WITHDRAW, actor=actor, note=note)
    return report


@transaction.atomic
def report_reopen(*, claim: Claim | int, actor: Any, note: str) -> AnonymousReport:
    """The desk takes back its decision (or revives a stale report): open again.

    Preconditions: the actor may keep the ledger; the report is not open; a note is
    required. Effects: open, its evidence cleared (kept in the history), ``since`` now (the
    stale sweep counts afresh); a ``report_reopened`` event; the webhook."""
    _require_desk(actor)
    claim, report = _lock(claim)
    _check_allowed(report, ReportAction.REOPEN)
    note = _why(note, required=True, what="reopened")
    _apply(claim, report, ReportAction.REOPEN, actor=actor, note=note)
    return report


def mark_stale_reports(*, now: datetime | None = None, limit: int = 500) -> int:
    """The system marks stale the reports open for longer than
    ``ANONYMOUS_REPORT_STALE_DAYS``: at most ``limit`` a run, the oldest first, each in its
    own short transaction. Returns how many it marked.

    Safe to run twice and concurrently: each report is locked and read again, and one that
    is no longer open, or was reopened meanwhile, is left alone."""
    now = now or timezone.now()
    cutoff = now - stale_after()
    due = list(
        # A claim whose sourcing was changed by hand since is no report to sweep.
        AnonymousReport.objects.filter(
            state=R.OPEN, since__lte=cutoff, claim__sourcing=Claim.Sourcing.ANONYMOUS
        )
        .order_by("since", "claim_id")
        .values_list("claim_id", flat=True)[:limit]
    )
    days = settings.ANONYMOUS_REPORT_STALE_DAYS
    marked = 0
    for pk in due:
        with transaction.atomic():
            claim, report = _lock(pk)
            if report.state != R.OPEN or report.since > cutoff:
                continue
            _apply(
                claim,
                report,
                ReportAction.MARK_STALE,
                actor=None,
                note=f"No confirmation in {days} days.",
                data={"open_since": report.since.isoformat()},
            )
            marked += 1
    return marked


# --- suggestions -----------------------------------------------------------------------


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
            kind=E.REPORT_SUGGESTED,
            note=f"{label}: {claim.statement[:200]}",
            data={"suggestion": suggestion.pk, "claim": claim.pk, "score": score},
        )
        Claim.objects.filter(pk=reported.pk).update(updated_at=timezone.now())
        made.append(suggestion)
    return made


def _lock_suggestion(suggestion: CorroborationSuggestion | int):
    pk = suggestion.pk if isinstance(suggestion, CorroborationSuggestion) else suggestion
    report_id = (
        CorroborationSuggestion.objects.filter(pk=pk).values_list("report_id", flat=True).first()
    )
    if report_id is None:
        raise UnknownReference("No such suggestion.", field="suggestion")
    claim, report = _lock(report_id)  # the claim first, as everywhere
    found = CorroborationSuggestion.objects.select_for_update().select_related("claim").get(pk=pk)
    if found.state != SS.SUGGESTED:
        raise IllegalTransition(
            f"This suggestion was already {SS(found.state).label.lower()}.", field="suggestion"
        )
    return claim, report, found


@transaction.atomic
def report_suggestion_accept(
    *, suggestion: CorroborationSuggestion | int, actor: Any, note: str = ""
) -> AnonymousReport:
    """One click on the desk: the suggested claim corroborates the report.

    Preconditions: the actor may keep the ledger; the suggestion is open; the report is
    open or stale. Effects: the suggestion accepted (who, when); the report corroborated
    with the suggested claim as evidence (``report_corroborated`` event, the webhook);
    the report's other open suggestions rejected with who and when, listed in that
    event's data (``closed_suggestions``)."""
    _require_desk(actor)
    claim, report, suggestion = _lock_suggestion(suggestion)
    _check_allowed(report, ReportAction.CORROBORATE)
    now = timezone.now()
    suggestion.state, suggestion.decided_by, suggestion.decided_at = SS.ACCEPTED, actor, now
    suggestion.save(update_fields=["state", "decided_by", "decided_at"])
    others = report.suggestions.filter(state=SS.SUGGESTED)
    closed = list(others.values_list("pk", flat=True))
    others.update(state=SS.REJECTED, decided_by=actor, decided_at=now)
    _apply(
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
    *, suggestion: CorroborationSuggestion | int, actor: Any, note: str = ""
) -> CorroborationSuggestion:
    """The desk says the suggested claim does not confirm the report.

    Preconditions: the actor may keep the ledger; the suggestion is open. Effects: the
    suggestion rejected (who, when; kept, so the pair is not suggested again); a
    ``suggestion_rejected`` event on the report's claim; its ``updated_at`` moved. The
    report's state does not change."""
    _require_desk(actor)
    claim, _, suggestion = _lock_suggestion(suggestion)
    now = timezone.now()
    suggestion.state, suggestion.decided_by, suggestion.decided_at = SS.REJECTED, actor, now
    suggestion.save(update_fields=["state", "decided_by", "decided_at"])
    ClaimEvent.objects.create(
        claim=claim,
        actor=actor,
        kind=E.SUGGESTION_REJECTED,
        note=(note or "").strip(),
        data={"suggestion": suggestion.pk, "claim": suggestion.claim_id},
    )
    Claim.objects.filter(pk=claim.pk).update(updated_at=now)
    return suggestion
