"""Running one workflow service over many claims, reporting each claim's outcome.

Decision: a bulk action is **not** all-or-nothing. Each claim runs in its own transaction
(the service's own ``atomic``; a savepoint if the caller already opened one), so a claim
that cannot take the action (already dismissed by a colleague, merged into itself, gone)
is reported with its readable error and the others still go through. A desk triaging
fifty claims should not have to redo forty-nine because one moved under it. Errors other
than the domain's (``WorkflowError``) and a missing claim are bugs and propagate.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.core.exceptions import ObjectDoesNotExist

from claims.models import Claim
from claims.workflow import InvalidInput, WorkflowError

# More than a screenful of claims in one request is a script, which can page.
BULK_LIMIT = 200


@dataclass(frozen=True)
class BulkResult:
    claim_id: int
    ok: bool
    status: str | None = None  # the claim's status afterwards (None if it does not exist)
    error_code: str = ""
    error: str = ""


def unique_ids(claim_ids: Iterable[int]) -> list[int]:
    ids = list(dict.fromkeys(int(pk) for pk in claim_ids))
    if not ids:
        raise InvalidInput("Give at least one claim id.", field="claim_ids")
    if len(ids) > BULK_LIMIT:
        raise InvalidInput(f"At most {BULK_LIMIT} claims per request.", field="claim_ids")
    return ids


def run_per_claim(claim_ids: Iterable[int], act: Callable[[int], object]) -> list[BulkResult]:
    """``act(pk)`` for each distinct id, in the order given; one result per id."""
    results: list[BulkResult] = []
    for pk in unique_ids(claim_ids):
        try:
            done = act(pk)
        except WorkflowError as exc:
            status = Claim.objects.filter(pk=pk).values_list("status", flat=True).first()
            results.append(
                BulkResult(pk, False, status=status, error_code=exc.code, error=exc.message)
            )
        except ObjectDoesNotExist:
            results.append(
                BulkResult(pk, False, error_code="not_found", error="There is no such claim.")
            )
        else:
            status = done.status if isinstance(done, Claim) else None
            if status is None:
                status = Claim.objects.values_list("status", flat=True).get(pk=pk)
            results.append(BulkResult(pk, True, status=status))
    return results
