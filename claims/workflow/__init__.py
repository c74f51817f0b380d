"""The claim's life: one transition table and one service per action.

By file: ``table.py`` (the actions and the transition table), ``core.py`` (what every step
does), ``intake.py`` (create, triage, dismiss, restore, merge), ``assignment.py``,
``sources.py``, ``verdicts.py`` (propose, approve, request changes, withdraw, reopen),
``errors.py``, ``signals.py``, ``texts.py`` (a claim's fingerprint and statement).

Every service runs in one transaction: it locks the claim row, re-reads its status, checks
that the action is allowed from that status and that the actor may take it, writes the
change, and appends a ``ClaimEvent``. Illegal moves raise ``WorkflowError`` subclasses,
which the API maps to HTTP statuses and the UI to messages.

Side effects: after each step, still inside its transaction, the step sends a signal
(``signals.py``), so the other modules keep their rows in step without this package
importing them (``claims`` never imports ``reviewers``). Every receiver, in the order it
runs: the claims app's are connected in ``claims.apps``, the reviewers app's in
``reviewers.apps``, which Django readies in that order (``INSTALLED_APPS``). Each is sent
with ``send``, not ``send_robust``: a receiver that raises rolls the whole step back.
tests/claims/test_workflow_receivers.py holds this list to the code.

``claim_created`` (a claim and its "created" event are written):

1. ``claims.matching.services.on_claim_created`` (``claims-matching``): matches the new
   claim; a repeat of a known claim is linked, or merged at once as a duplicate.
2. ``claims.claimants.ledger.receivers.on_claim_created`` (``claims-ledger``): an anonymously
   sourced claim opens its report in the ledger; a named-sourced one that matched an open
   report (the links 1 stored) is suggested to the desk as its corroboration.
3. ``reviewers.sync.on_claim_created`` (``reviewers-auto-route``): a candidate that
   scores at least ``AUTO_QUEUE_THRESHOLD`` is triaged into the queue the routing rules
   choose. After 1, so a claim just merged as a repeat is not routed.

``claim_transitioned`` (a transition's status and event are written):

1. ``claims.webhooks.events.on_claim_transitioned`` (``claims-webhooks``): records the webhook
   deliveries the step causes (published, corrected, created, removed); they are sent
   after commit.
2. ``claims.claimants.ledger.contradictions.on_claim_transitioned`` (``claims-ledger-verdicts``):
   a verdict published rating false is suggested as the contradiction of the open
   anonymous reports its claim speaks for.
3. ``reviewers.sync.on_claim_transitioned`` (``reviewers-sync``): the queue entry (and
   whether it waits), the ``Assignment`` and its lease. Take-next on PostgreSQL writes
   those rows itself in its one statement and sends ``take_recorded=True``, which this
   receiver alone reads and then does nothing (``reviewers.take``).
4. ``reviewers.notifications.on_claim_transitioned`` (``reviewers-notify``): the desk's
   e-mails (changes requested, awaiting approval, assigned by an editor), queued for
   after commit.

``verdict_deciding`` (a proposal is about to be approved, sent back or withdrawn):

1. ``reviewers.review_holds.on_verdict_deciding`` (``reviewers-review-hold``): ends the
   verdict's review hold, and refuses the step (``ReviewHeld``) while another editor
   holds it.

And one model signal the steps cause: ``post_save`` of a ``ClaimEvent`` goes to
``reviewers.sync.on_claim_event_saved`` (``reviewers-lease-renewal``), which renews the
reviewer's lease when the holder adds or removes a source.

A step that takes a claim out of the consumers' view (``selectors.is_public`` true before,
false after) stamps its tombstone (``Claim.removed_at`` / ``removed_reason``) in the same
row write, and the signal says so (``left_public_view``): the change feed lists it as
removed and the ``claim.removed`` webhook fires. Which steps can do that is decided by the
table and the visibility rule, not listed by hand; with today's table it is a queued claim
merged into a claim that is not published.
"""

from __future__ import annotations

from .assignment import (
    claim_assign,
    claim_assign_locked,
    claim_expire,
    claim_release,
    require_may_assign,
)
from .errors import (
    ActionNotPermitted,
    AlreadyThere,
    IllegalTransition,
    InvalidInput,
    UnknownReference,
    WorkflowError,
)
from .intake import claim_create, claim_dismiss, claim_merge, claim_restore, claim_triage
from .signals import claim_created, claim_transitioned, verdict_deciding
from .sources import claim_add_source, claim_remove_source
from .table import TRANSITIONS, Action, Transition, allowed_actions
from .texts import statement_text, text_fingerprint
from .verdicts import (
    claim_propose_verdict,
    claim_reopen,
    verdict_approve,
    verdict_request_changes,
    verdict_withdraw,
)

__all__ = [
    "TRANSITIONS",
    "Action",
    "ActionNotPermitted",
    "AlreadyThere",
    "IllegalTransition",
    "InvalidInput",
    "Transition",
    "UnknownReference",
    "WorkflowError",
    "allowed_actions",
    "claim_add_source",
    "claim_assign",
    "claim_assign_locked",
    "claim_create",
    "claim_created",
    "claim_dismiss",
    "claim_expire",
    "claim_merge",
    "claim_propose_verdict",
    "claim_release",
    "claim_remove_source",
    "claim_reopen",
    "claim_restore",
    "claim_transitioned",
    "claim_triage",
    "require_may_assign",
    "statement_text",
    "text_fingerprint",
    "verdict_approve",
    "verdict_deciding",
    "verdict_request_changes",
    "verdict_withdraw",
]
