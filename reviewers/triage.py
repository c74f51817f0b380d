"""Triage: queue, dismiss or merge many candidates in one request, or one from its row.

Each claim goes through the same ``claims.workflow`` service as a single action (so the
permission is re-checked and the history written per claim), in its own transaction: see
``reviewers.bulk`` for why a bulk action is not all-or-nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import Any

from django.db import transaction

from claims import permissions
from claims.matching.services import claim_link_confirm
from claims.models import Claim, ClaimLink
from claims.workflow import (
    ActionNotPermitted,
    IllegalTransition,
    InvalidInput,
    UnknownReference,
    claim_dismiss,
    claim_merge,
    claim_triage,
)
from reviewers.bulk import BulkResult, run_per_claim
from reviewers.models import ReviewQueue


class TriageAction(StrEnum):
    QUEUE = "queue"
    DISMISS = "dismiss"
    MERGE = "merge"


def claims_bulk_triage(
    *,
    claim_ids: Iterable[int],
    actor: Any,
    action: TriageAction | str,
    queue: str | None = None,
    reason: str = "",
    canonical: Claim | int | None = None,
    note: str = "",
) -> list[BulkResult]:
    """Apply one triage decision to many claims; one ``BulkResult`` per distinct id.

    - ``queue``: into the queue with slug ``queue``, or where routing sends each claim
      when ``queue`` is None.
    - ``dismiss``: with ``reason`` (required).
    - ``merge``: as duplicates of ``canonical`` (required; a claim cannot merge into itself,
      which is reported for that claim only).

    Input that is wrong for the whole request (no permission at all, unknown queue, no
    reason, no canonical) raises before anything is written; what is wrong for one claim
    is that claim's result.
    """
    action = TriageAction(action)
    if not permissions.can_triage(actor):
        raise ActionNotPermitted("You may not triage claims.")
    if action is TriageAction.QUEUE:
        if queue and not ReviewQueue.objects.filter(slug=queue).exists():
            raise UnknownReference(f"There is no review queue {queue!r}.", field="queue")
        return run_per_claim(
            claim_ids, lambda pk: claim_triage(claim=pk, actor=actor, queue=queue, note=note)
        )
    if action is TriageAction.DISMISS:
        reason = (reason or note or "").strip()
        if not reason:
            raise InvalidInput("A reason is required to dismiss claims.", field="reason")
        return run_per_claim(
            claim_ids, lambda pk: claim_dismiss(claim=pk, actor=actor, reason=reason)
        )
    if canonical is None:
        raise InvalidInput("Choose the claim the duplicates are merged into.", field="canonical")
    canonical_pk = canonical.pk if isinstance(canonical, Claim) else int(canonical)
    if not Claim.objects.filter(pk=canonical_pk).exists():
        raise UnknownReference("The chosen canonical claim does not exist.", field="canonical")
    return run_per_claim(
        claim_ids,
        lambda pk: claim_merge(claim=pk, canonical=canonical_pk, actor=actor, note=note),
    )


# A one-click dismissal from the triage list or the claim page, when no reason was typed:
# what setting a candidate aside means (claims.workflow.claim_dismiss).
DEFAULT_DISMISS_REASON = "Not check-worthy."


@transaction.atomic
def claim_merge_suggested(*, claim: int, link: ClaimLink | int, actor: Any) -> ClaimLink:
    """Merge a candidate into the claim its stored match suggests (one click in triage).

    Preconditions: ``actor`` may triage; the claim is still a candidate (a colleague may
    have queued or dismissed it meanwhile); ``link`` is a match *from* this claim (the
    merge target comes from the stored suggestion, never from an id the user typed) and
    still suggested. Effects: as ``claim_link_confirm``: the link confirmed with its
    ``match_confirmed`` event, and the claim merged (``claim_merge``: a ``merged`` event).
    """
    if not permissions.can_triage(actor):
        raise ActionNotPermitted("You may not merge claims.")
    locked = Claim.objects.select_for_update().get(pk=claim)
    if locked.status != Claim.Status.CANDIDATE:
        raise IllegalTransition(
            f"Cannot merge a claim that is {Claim.Status(locked.status).label.lower()}."
        )
    link_pk = link.pk if isinstance(link, ClaimLink) else int(link)
    if not ClaimLink.objects.filter(pk=link_pk, claim_id=locked.pk).exists():
        raise InvalidInput("That match is not a suggestion for this claim.", field="link")
    return claim_link_confirm(link=link_pk, actor=actor, note="Merged from triage.")


def claim_triage_one(
    *, claim: int, actor: Any, action: TriageAction | str, reason: str = "", link: int | None = None
) -> None:
    """One triage decision on one candidate: the triage list's row buttons and the claim
    page's triage actions.

    - ``queue``: where routing sends it (a row has no queue picker).
    - ``dismiss``: with ``reason``, or ``DEFAULT_DISMISS_REASON`` when none was typed.
    - ``merge``: into the claim its stored match ``link`` suggests
      (``claim_merge_suggested``).

    Each goes through the workflow service, which re-checks the permission and the
    claim's status and writes the history; a refusal raises its ``WorkflowError``.
    """
    action = TriageAction(action)
    if action is TriageAction.QUEUE:
        claim_triage(claim=claim, actor=actor)
    elif action is TriageAction.DISMISS:
        claim_dismiss(claim=claim, actor=actor, reason=reason.strip() or DEFAULT_DISMISS_REASON)
    elif link is None:
        raise InvalidInput("This claim has no suggested match to merge into.", field="link")
    else:
        claim_merge_suggested(claim=claim, link=link, actor=actor)
