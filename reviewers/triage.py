"""Triage in bulk: queue, dismiss or merge many candidates in one request.

Each claim goes through the same ``claims.workflow`` service as a single action (so the
permission is re-checked and the history written per claim), in its own transaction: see
``reviewers.bulk`` for why a bulk action is not all-or-nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import Any

from claims import permissions
from claims.models import Claim
from claims.workflow import (
    ActionNotPermitted,
    InvalidInput,
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
            raise InvalidInput(f"There is no review queue {queue!r}.", field="queue")
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
        raise InvalidInput("The chosen canonical claim does not exist.", field="canonical")
    return run_per_claim(
        claim_ids,
        lambda pk: claim_merge(claim=pk, canonical=canonical_pk, actor=actor, note=note),
    )
