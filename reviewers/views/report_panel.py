"""The claim page's panel on its anonymous report: the state, since when, its evidence and
history, and the forms of the moves the ledger allows now (``claims.claimants.ledger``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from claims import permissions
from claims.claimants.ledger import DOCUMENT_KINDS, ReportAction, allowed_report_actions
from claims.models import Claim, ClaimEvent, SourceLink
from claims.types import User
from reviewers.forms import (
    ReportContradictForm,
    ReportCorroborateForm,
    ReportMoveForm,
    ReportReopenForm,
    ReportWithdrawForm,
)
from reviewers.selectors import ClaimPage
from reviewers.views.common import Refused


@dataclass(frozen=True)
class Move:
    """One move the desk makes from the page: its form, button and the URL name."""

    action: ReportAction
    form: type[ReportMoveForm]
    button: str
    done: str

    @property
    def name(self) -> str:
        """The refused form's name on the page, and the prefix of its inputs' ids."""
        return f"report-{self.action.value}"

    def make_form(self, data: Any = None) -> ReportMoveForm:
        return self.form(data, auto_id=f"{self.name}-%s")


MOVES: dict[str, Move] = {
    move.action.value: move
    for move in (
        Move(
            ReportAction.CORROBORATE,
            ReportCorroborateForm,
            "Corroborated",
            "Report corroborated.",
        ),
        Move(ReportAction.CONTRADICT, ReportContradictForm, "Contradicted", "Report contradicted."),
        Move(
            ReportAction.WITHDRAW,
            ReportWithdrawForm,
            "Withdrawn by the outlet",
            "Report marked withdrawn by its outlet.",
        ),
        Move(ReportAction.REOPEN, ReportReopenForm, "Open again", "Report open again."),
    )
}

# The events that make up a report's history (the claim's timeline holds them among others).
REPORT_EVENTS = frozenset(
    {
        ClaimEvent.Kind.REPORT_CORROBORATED,
        ClaimEvent.Kind.REPORT_CONTRADICTED,
        ClaimEvent.Kind.REPORT_WITHDRAWN,
        ClaimEvent.Kind.REPORT_STALE,
        ClaimEvent.Kind.REPORT_REOPENED,
        ClaimEvent.Kind.REPORT_SUGGESTED,
        ClaimEvent.Kind.CONTRA_SUGGESTED,
        ClaimEvent.Kind.SUGGESTION_REJECTED,
    }
)


def _offered(page: ClaimPage) -> dict[str, list[tuple[int, str]]]:
    """What the page offers as evidence: the matched claims that are not anonymous
    themselves, the documents cited as the claim's sources (not refuting it), and the
    published verdicts on this claim and on its matches."""
    claim = page.claim
    others = [m.other for m in page.similar if m.other.pk != claim.pk]
    named = [o for o in others if o.sourcing != Claim.Sourcing.ANONYMOUS]
    claims = [(o.pk, f"#{o.pk} {o.claimant or 'unnamed'}: {o.statement[:100]}") for o in named]
    verdicts = []
    for rated in (claim, *others):
        verdict = rated.published_verdict
        if verdict is not None and verdict.published_at is not None:
            mine = "this claim" if rated.pk == claim.pk else f"claim #{rated.pk}"
            verdicts.append((verdict.pk, f"{verdict.rating.label} on {mine}: {verdict.headline}"))
    sources = [
        (s.pk, f"{s.get_kind_display()}: {s.title or s.url}"[:140])
        for s in page.sources
        if s.kind in DOCUMENT_KINDS and s.stance != SourceLink.Stance.REFUTES
    ]
    return {"evidence": claims, "verdict": verdicts, "source": sources}


def report_panel(page: ClaimPage, user: User, refused: Refused | None) -> dict[str, Any] | None:
    """The panel's context, None for a claim that is no anonymous report. The forms are
    those of the moves the report's state allows, for who may keep the ledger; a refused
    one is shown as sent with its error even when its move is no longer allowed (a
    colleague moved the report first)."""
    report = page.report
    if report is None:
        return None
    may = permissions.can_keep_report_ledger(user)
    allowed = {action.value for action in allowed_report_actions(report.state)} if may else set()
    offered = _offered(page)
    forms = []
    for key, move in MOVES.items():
        is_refused = refused is not None and refused.name == move.name
        if key not in allowed and not is_refused:
            continue
        form = refused.form if is_refused else move.make_form()
        form.offer(**offered)
        forms.append({"move": move, "form": form, "url": f"desk:report-{key}"})
    return {
        "report": report,
        "forms": forms,
        "may_keep": may,
        "history": [event for event in page.events if event.kind in REPORT_EVENTS],
    }
