"""The state machine of DESIGN.md: the actions, the transition table (nothing else in the code base
decides which moves exist) and the actions allowed from a status.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from claims.models import Claim, ClaimEvent


class Action(StrEnum):
    TRIAGE = "triage"
    DISMISS = "dismiss"
    RESTORE = "restore"
    MERGE = "merge"
    ASSIGN = "assign"
    RELEASE = "release"
    EXPIRE = "expire"
    PROPOSE = "propose"
    APPROVE = "approve"
    REQUEST_CHANGES = "request_changes"
    WITHDRAW = "withdraw"
    REOPEN = "reopen"


@dataclass(frozen=True)
class Transition:
    sources: frozenset[str]
    target: str
    event: str


# The state machine of DESIGN.md. Nothing else in the code base decides which moves exist.
TRANSITIONS: dict[Action, Transition] = {
    Action.TRIAGE: Transition(
        frozenset({Claim.Status.CANDIDATE}), Claim.Status.QUEUED, ClaimEvent.Kind.TRIAGED
    ),
    Action.DISMISS: Transition(
        frozenset({Claim.Status.CANDIDATE}), Claim.Status.DISMISSED, ClaimEvent.Kind.DISMISSED
    ),
    Action.RESTORE: Transition(
        frozenset({Claim.Status.DISMISSED}), Claim.Status.CANDIDATE, ClaimEvent.Kind.RESTORED
    ),
    # A queued repeat leaves its queue when a reviewer confirms it (claims.matching).
    Action.MERGE: Transition(
        frozenset({Claim.Status.CANDIDATE, Claim.Status.QUEUED}),
        Claim.Status.DUPLICATE,
        ClaimEvent.Kind.MERGED,
    ),
    Action.ASSIGN: Transition(
        frozenset({Claim.Status.QUEUED}), Claim.Status.IN_REVIEW, ClaimEvent.Kind.ASSIGNED
    ),
    Action.RELEASE: Transition(
        frozenset({Claim.Status.IN_REVIEW}), Claim.Status.QUEUED, ClaimEvent.Kind.RELEASED
    ),
    Action.EXPIRE: Transition(
        frozenset({Claim.Status.IN_REVIEW}), Claim.Status.QUEUED, ClaimEvent.Kind.EXPIRED
    ),
    Action.PROPOSE: Transition(
        frozenset({Claim.Status.IN_REVIEW}), Claim.Status.PENDING_APPROVAL, ClaimEvent.Kind.PROPOSED
    ),
    Action.APPROVE: Transition(
        frozenset({Claim.Status.PENDING_APPROVAL}), Claim.Status.PUBLISHED, ClaimEvent.Kind.APPROVED
    ),
    Action.REQUEST_CHANGES: Transition(
        frozenset({Claim.Status.PENDING_APPROVAL}),
        Claim.Status.IN_REVIEW,
        ClaimEvent.Kind.CHANGES_REQUESTED,
    ),
    Action.WITHDRAW: Transition(
        frozenset({Claim.Status.PENDING_APPROVAL}),
        Claim.Status.IN_REVIEW,
        ClaimEvent.Kind.WITHDRAWN,
    ),
    Action.REOPEN: Transition(
        frozenset({Claim.Status.PUBLISHED}), Claim.Status.QUEUED, ClaimEvent.Kind.REOPENED
    ),
}


def allowed_actions(status: str) -> list[Action]:
    return [action for action, t in TRANSITIONS.items() if status in t.sources]
