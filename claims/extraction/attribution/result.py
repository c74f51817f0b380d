"""What attribution returns for a sentence: :class:`Attribution` and the three sourcings."""

from __future__ import annotations

from dataclasses import dataclass

NAMED = "named"
ANONYMOUS = "anonymous"
UNATTRIBUTED = "unattributed"


@dataclass(frozen=True, slots=True)
class Attribution:
    claimant: str | None
    sourcing: str  # NAMED, ANONYMOUS or UNATTRIBUTED
    person_like: bool = False  # a named individual, usable to resolve "he"/"she" later
    role: str | None = None
    cue: str | None = None
    # The claim as offsets into the sentence (None: not one contiguous piece) and as text.
    claim_start: int | None = None
    claim_end: int | None = None
    claim: str | None = None
    # "person", "organization", "group" or "document": what a later pronoun may refer to.
    kind: str | None = None
    # "He said:", "Mr. Roe wrote on Twitter on Monday.": a frame with no statement of its own
    # (its statement is the quotation before it or the sentence after it). Never a claim.
    frame_only: bool = False
    # "Ms", "Mr", "Dr" ...: the honorific the article put before the name (no part of the
    # name; what it says of a later "she" or "he").
    honorific: str | None = None


UNATTRIBUTED_RESULT = Attribution(None, UNATTRIBUTED)
