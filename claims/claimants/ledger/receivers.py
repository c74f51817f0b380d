"""The ledger's receivers of the workflow's ``claim_created`` and ``claim_transitioned``
(``contradictions.on_claim_transitioned``)."""

from __future__ import annotations

from typing import Any

from claims.models import Claim

from .contradictions import on_claim_transitioned, suggest_contradictions
from .states import open_report
from .suggestions import suggest_corroborations

__all__ = ["on_claim_created", "on_claim_transitioned"]


def on_claim_created(*, claim: Claim, **_: Any) -> None:
    """``claim_created`` receiver (``claims-ledger``), after matching: an anonymously
    sourced claim opens its report; a named-sourced one may corroborate open reports, or
    deny them."""
    if claim.sourcing == Claim.Sourcing.ANONYMOUS:
        open_report(claim=claim)
    elif claim.sourcing == Claim.Sourcing.NAMED:
        suggest_corroborations(claim=claim)
        suggest_contradictions(claim=claim)
