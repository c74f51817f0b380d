"""The ledger of anonymous reports: writes. Each service is one transaction.

Every claim whose sourcing is ``anonymous`` is a report to follow up ("according to EU
sources, ..."): its ``AnonymousReport`` is opened with the claim and says what became of it.

- ``open``: nobody named has said it yet.
- ``corroborated``: a later named-sourced claim (or a document the desk found) says it.
- ``contradicted``: a named source or a published verdict says otherwise.
- ``withdrawn``: the outlet corrected it.
- ``stale``: still open after ``ANONYMOUS_REPORT_STALE_DAYS`` (30 by default).

The moves are the table ``states.TRANSITIONS``, nothing else. Every change locks the claim
then its report (the workflow's lock order), writes the state with the evidence it rests on,
moves the claim's ``updated_at`` (the corroboration is part of the claim's public detail, so
its change-feed position moves too), appends a ``ClaimEvent`` to the claim's history with
who (an actor, or None for the system) and why (the note, the evidence), and sends
``report_changed`` inside the transaction. Its one receiver is
``claims.webhooks.events.on_report_changed`` (``claims-webhooks-ledger``): the
``claim.corroboration`` webhook.

Suggestions: when a named-sourced claim is created (``receivers.on_claim_created``, a
receiver of the workflow's ``claim_created`` that runs after matching stored the new claim's
links, and opens the report of an anonymous one) and the
matcher linked it (suggested or auto) to an open or stale report, or to the canonical claim
of one, the report gets a ``CorroborationSuggestion`` and a ``report_suggested`` event
("Mark Rutte confirmed on 3 March 2026"). The desk accepts it (the report is corroborated by
that claim) or rejects it; neither happens by itself. Contradictions are suggested the
same way (``contradictions``): a new named-sourced claim alike but for a negation, another
number or the opposite direction, or a verdict rating false published on the report's
claim or a claim matched to it; accepting one contradicts the report.

The package, one module per concept (import from the package):

- ``states``: the transition table, opening a report, the desk's moves, the stale sweep.
- ``suggestions``: suggested corroborations, writing and labelling any suggestion, and the
  desk's answer to one.
- ``contradictions``: suggested contradictions (a named source saying otherwise, a verdict
  rating false).
- ``receivers``: the ``claim_created`` and ``claim_transitioned`` receivers.
"""

from .contradictions import suggest_contradictions, suggest_contradictions_by_verdict
from .receivers import on_claim_created, on_claim_transitioned
from .states import (
    AWAITING,
    DOCUMENT_KINDS,
    TRANSITIONS,
    ReportAction,
    ReportTransition,
    allowed_report_actions,
    mark_stale_reports,
    open_report,
    report_changed,
    report_contradict,
    report_corroborate,
    report_reopen,
    report_withdraw,
    stale_after,
)
from .suggestions import (
    confirmation_label,
    report_suggestion_accept,
    report_suggestion_reject,
    suggest_corroborations,
    suggestion_label,
)

__all__ = [
    "AWAITING",
    "DOCUMENT_KINDS",
    "TRANSITIONS",
    "ReportAction",
    "ReportTransition",
    "allowed_report_actions",
    "confirmation_label",
    "mark_stale_reports",
    "on_claim_created",
    "on_claim_transitioned",
    "open_report",
    "report_changed",
    "report_contradict",
    "report_corroborate",
    "report_reopen",
    "report_suggestion_accept",
    "report_suggestion_reject",
    "report_withdraw",
    "stale_after",
    "suggest_contradictions",
    "suggest_contradictions_by_verdict",
    "suggest_corroborations",
    "suggestion_label",
]
