"""The ledger's receiver of the workflow's ``claim_created``."""

from __future__ import annotations

from typing import Any

from claims.models import Claim

from .states import open_report
from .suggestions import suggest_corroborations


def on_claim_created(*, claim: Claim, **_: Any) -> None:
    """``claim_created`` receiver (``claims-ledger``), after matching: an anonymously
    sourced claim opens its report; a named-sourced one may corroborate open reports."""
    if claim.sourcing == Claim.Sourcing.ANONYMOUS:
        open_report(claim=claim)
    elif claim.sourcing == Claim.Sourcing.NAMED:
        suggest_corroborations(claim=claim)
