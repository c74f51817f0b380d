"""The workflow's signals, sent inside each step's transaction (their receivers, in order, are
listed in the package docstring).
"""

from __future__ import annotations

from django.dispatch import Signal

# Sent inside the transaction after a transition's event row is written.
# Arguments: claim (locked, updated), event (ClaimEvent), action (Action), left_public_view
# (bool: the step took a public claim out of the consumers' view; its tombstone is written).
claim_transitioned = Signal()
# Sent inside the transaction when a proposal is about to be decided or withdrawn: its
# claim and the verdict are locked, the action allowed and the actor permitted, nothing
# written yet. A receiver may refuse the step by raising a WorkflowError (the reviewers app
# does while another editor holds the verdict for review). Arguments: verdict (locked),
# actor, action (Action.APPROVE, REQUEST_CHANGES or WITHDRAW).
verdict_deciding = Signal()
# Sent inside the transaction after a claim and its "created" event are written.
# Arguments: claim. The reviewers app routes claims that score high enough.
claim_created = Signal()
