"""The ledger's states and moves: the transition table, opening a report, one service per
move (each one transaction), and the stale sweep. See the package's docstring."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from django.conf import settings
from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone

from claims import permissions
from claims.ids import pk_of
from claims.models import (
    AnonymousReport,
    Claim,
    ClaimEvent,
    SourceLink,
    Verdict,
)
from claims.types import User
from claims.workflow import (
    ActionNotPermitted,
    IllegalTransition,
    InvalidInput,
    UnknownReference,
)


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
        frozenset({AnonymousReport.State.OPEN, AnonymousReport.State.STALE}),
        AnonymousReport.State.CORROBORATED,
        ClaimEvent.Kind.REPORT_CORROBORATED,
    ),
    ReportAction.CONTRADICT: ReportTransition(
        frozenset({AnonymousReport.State.OPEN, AnonymousReport.State.STALE}),
        AnonymousReport.State.CONTRADICTED,
        ClaimEvent.Kind.REPORT_CONTRADICTED,
    ),
    ReportAction.WITHDRAW: ReportTransition(
        frozenset({AnonymousReport.State.OPEN, AnonymousReport.State.STALE}),
        AnonymousReport.State.WITHDRAWN,
        ClaimEvent.Kind.REPORT_WITHDRAWN,
    ),
    ReportAction.MARK_STALE: ReportTransition(
        frozenset({AnonymousReport.State.OPEN}),
        AnonymousReport.State.STALE,
        ClaimEvent.Kind.REPORT_STALE,
    ),
    ReportAction.REOPEN: ReportTransition(
        frozenset(
            {
                AnonymousReport.State.CORROBORATED,
                AnonymousReport.State.CONTRADICTED,
                AnonymousReport.State.WITHDRAWN,
                AnonymousReport.State.STALE,
            }
        ),
        AnonymousReport.State.OPEN,
        ClaimEvent.Kind.REPORT_REOPENED,
    ),
}

# Sent inside the transaction after a report's state and its event are written.
# Arguments: claim (the report's claim), report (AnonymousReport), event (ClaimEvent),
# action (ReportAction).
report_changed = Signal()

# The states in which a report still waits for confirmation: suggestions are made for them.
AWAITING = (AnonymousReport.State.OPEN, AnonymousReport.State.STALE)


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
        claim=claim,
        defaults={"state": AnonymousReport.State.OPEN, "since": opened, "opened_at": opened},
    )
    return report


# --- the state changes -----------------------------------------------------------------


def lock_report(claim: Claim | int) -> tuple[Claim, AnonymousReport]:
    pk = pk_of(claim)
    found = Claim.objects.select_for_update().filter(pk=pk).first()
    if found is None:
        raise UnknownReference("No such claim.", field="claim")
    if found.sourcing != Claim.Sourcing.ANONYMOUS:
        raise InvalidInput("Only an anonymously sourced claim is a report to follow up.")
    report = AnonymousReport.objects.select_for_update().filter(claim=found).first()
    if report is None:  # sourcing changed by hand after creation: the ledger catches up
        report = open_report(claim=found)
    return found, report


def require_desk(actor: User) -> None:
    if not permissions.can_keep_report_ledger(actor):
        raise ActionNotPermitted("You may not change the ledger of anonymous reports.")


def check_allowed(report: AnonymousReport, action: ReportAction) -> ReportTransition:
    transition = TRANSITIONS[action]
    if report.state not in transition.sources:
        raise IllegalTransition(
            f"Cannot {action.value.replace('_', ' ')} a report that is "
            f"{AnonymousReport.State(report.state).label.lower()}."
        )
    return transition


def change_state(
    claim: Claim,
    report: AnonymousReport,
    action: ReportAction,
    *,
    actor: User,
    note: str,
    evidence_claim: Claim | None = None,
    evidence_verdict: Verdict | None = None,
    evidence_source: SourceLink | None = None,
    data: dict[str, Any] | None = None,
) -> ClaimEvent:
    """Write the report's new state with its evidence, the claim's ``updated_at`` and the
    history row; send ``report_changed``. The claim and the report are locked."""
    transition = check_allowed(report, action)
    from_state, now = report.state, timezone.now()
    report.state, report.since = transition.target, now
    report.evidence_claim, report.evidence_verdict = evidence_claim, evidence_verdict
    report.evidence_source = evidence_source
    report.save(
        update_fields=["state", "since", "evidence_claim", "evidence_verdict", "evidence_source"]
    )
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
            **(
                {"evidence_source": evidence_source.pk, "url": evidence_source.url}
                if evidence_source is not None
                else {}
            ),
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
    found = Claim.objects.filter(pk=pk_of(evidence)).first()
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
    found = Verdict.objects.filter(pk=pk_of(evidence)).first()
    if found is None:
        raise UnknownReference("The verdict given as evidence does not exist.", field="verdict")
    if found.published_at is None:
        raise InvalidInput("Only a published verdict is evidence.", field="verdict")
    return found


# The kinds of source that are a document saying it themselves (a news report or an
# expert's view repeats or judges; it is not the document).
DOCUMENT_KINDS = frozenset(
    {
        SourceLink.Kind.PRIMARY_DOCUMENT,
        SourceLink.Kind.OFFICIAL_STATEMENT,
        SourceLink.Kind.DATA_SET,
    }
)


def _evidence_source(claim: Claim, evidence: SourceLink | int | None) -> SourceLink | None:
    """A document cited as a source of this claim, still on its list, that does not
    refute it."""
    if evidence is None:
        return None
    found = SourceLink.objects.filter(pk=pk_of(evidence), claim=claim).first()
    if found is None or found.removed_at is not None:
        raise UnknownReference(
            "The source given as evidence is not among this claim's sources.", field="source"
        )
    if found.kind not in DOCUMENT_KINDS:
        raise InvalidInput(
            f"A source of the kind “{found.get_kind_display()}” is no document: a source that "
            "corroborates is a primary document, an official statement or a data set.",
            field="source",
        )
    if found.stance == SourceLink.Stance.REFUTES:
        raise InvalidInput(
            "This source refutes the claim: it corroborates nothing.", field="source"
        )
    return found


def _why(note: str | None, *, required: bool, what: str) -> str:
    note = (note or "").strip()
    if required and not note:
        raise InvalidInput(f"Say why the report is {what}.", field="note")
    return note


@transaction.atomic
def report_corroborate(
    *,
    claim: Claim | int,
    actor: User,
    evidence: Claim | int | None = None,
    source: SourceLink | int | None = None,
    note: str = "",
) -> AnonymousReport:
    """The desk records that someone named (or a document) confirmed the report.

    Preconditions: the actor may keep the ledger; the claim is anonymously sourced and its
    report open or stale; ``evidence`` (a later claim that says it, not itself anonymous),
    a ``source`` (a document cited as this claim's source: a primary document, an official
    statement or a data set, on its list, not refuting it), both, or a ``note`` (what
    confirmed it) is given. Effects: the report is corroborated with that evidence; a
    ``report_corroborated`` event; the webhook."""
    require_desk(actor)
    claim, report = lock_report(claim)
    check_allowed(report, ReportAction.CORROBORATE)
    evidence_claim = _evidence_claim(claim, evidence)
    evidence_source = _evidence_source(claim, source)
    required = evidence_claim is None and evidence_source is None
    change_state(
        claim,
        report,
        ReportAction.CORROBORATE,
        actor=actor,
        note=_why(note, required=required, what="corroborated"),
        evidence_claim=evidence_claim,
        evidence_source=evidence_source,
    )
    return report


@transaction.atomic
def report_contradict(
    *,
    claim: Claim | int,
    actor: User,
    evidence: Claim | int | None = None,
    verdict: Verdict | int | None = None,
    note: str = "",
) -> AnonymousReport:
    """The desk records that a named source or a published verdict says otherwise.

    Preconditions: as for corroborating; the evidence is a later claim (not anonymous), a
    published verdict (``verdict``: this claim's own, or another claim's), or a ``note``
    saying what contradicted it. Effects: the report is contradicted with that evidence; a
    ``report_contradicted`` event; the webhook."""
    require_desk(actor)
    claim, report = lock_report(claim)
    check_allowed(report, ReportAction.CONTRADICT)
    evidence_claim = _evidence_claim(claim, evidence)
    evidence_verdict = _evidence_verdict(verdict)
    required = evidence_claim is None and evidence_verdict is None
    change_state(
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
def report_withdraw(*, claim: Claim | int, actor: User, note: str) -> AnonymousReport:
    """The desk records that the outlet corrected or took back the report.

    Preconditions: the actor may keep the ledger; the report is open or stale; a note
    (where the outlet said so) is required. Effects: withdrawn; a ``report_withdrawn``
    event; the webhook."""
    require_desk(actor)
    claim, report = lock_report(claim)
    check_allowed(report, ReportAction.WITHDRAW)
    note = _why(note, required=True, what="withdrawn")
    change_state(claim, report, ReportAction.WITHDRAW, actor=actor, note=note)
    return report


@transaction.atomic
def report_reopen(*, claim: Claim | int, actor: User, note: str) -> AnonymousReport:
    """The desk takes back its decision (or revives a stale report): open again.

    Preconditions: the actor may keep the ledger; the report is not open; a note is
    required. Effects: open, its evidence cleared (kept in the history), ``since`` now (the
    stale sweep counts afresh); a ``report_reopened`` event; the webhook."""
    require_desk(actor)
    claim, report = lock_report(claim)
    check_allowed(report, ReportAction.REOPEN)
    note = _why(note, required=True, what="reopened")
    change_state(claim, report, ReportAction.REOPEN, actor=actor, note=note)
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
            state=AnonymousReport.State.OPEN,
            since__lte=cutoff,
            claim__sourcing=Claim.Sourcing.ANONYMOUS,
        )
        .order_by("since", "claim_id")
        .values_list("claim_id", flat=True)[:limit]
    )
    days = settings.ANONYMOUS_REPORT_STALE_DAYS
    marked = 0
    for pk in due:
        with transaction.atomic():
            claim, report = lock_report(pk)
            if report.state != AnonymousReport.State.OPEN or report.since > cutoff:
                continue
            change_state(
                claim,
                report,
                ReportAction.MARK_STALE,
                actor=None,
                note=f"No confirmation in {days} days.",
                data={"open_since": report.since.isoformat()},
            )
            marked += 1
    return marked
