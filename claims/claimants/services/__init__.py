"""Writes of claimants: linking a claim to its claimant, the desk's answer to a
suggestion, and the desk's changes to claimants (identifiers, merge, split). Each is one
transaction.

Two modules: ``links`` (``claimant_link_claim``, the answer to a suggested claimant, and
the locks and change-feed rule below), ``changes`` (the desk's identifiers, merge and split).
Import them from here.

The decision itself is :func:`claims.claimants.linking.decide` (pure); these functions fetch
its candidates by index, apply it and keep the claimant's aliases and roles up to date.

Locks, so that two desks (or the pipeline and a desk) cannot race: a write to a claimant
locks its row first (``FOR NO KEY UPDATE``: an alias or role inserted for it meanwhile
still goes through), the lower id first when there are two; then the suggestion or claims
it touches. A claimant merged meanwhile is followed to its survivor after the lock.

The claim's ``updated_at`` (its change-feed position) moves only when its public output
does: its ClaimReview ``sameAs`` comes from the claimant's identifiers, so a public claim
that changes claimant, or whose claimant's identifiers change, is touched when those
identifiers differ; nothing else about the claimant is in a claim's public output.
"""

from claims.claimants.services.changes import (
    claimant_merge,
    claimant_set_identifiers,
    claimant_split,
)
from claims.claimants.services.links import (
    candidates_for,
    claimant_link_claim,
    claimant_suggestion_accept,
    claimant_suggestion_reject,
)

__all__ = [
    "candidates_for",
    "claimant_link_claim",
    "claimant_merge",
    "claimant_set_identifiers",
    "claimant_split",
    "claimant_suggestion_accept",
    "claimant_suggestion_reject",
]
