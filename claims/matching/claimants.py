"""The claimant as a signal for matching: the same speaker repeating a claim raises its score.

"The claimant is a separate signal that may raise a score, never a veto" (issue 15): two
claims are compared on their claim texts (the attribution frame removed), so the speaker
never counts as a name in the claim, and a different speaker never holds a pair back (a
claim is repeated by other people all the time). When both claims name the same claimant,
``score.match_score(..., same_claimant=True)`` raises the pair's score by
``score.CLAIMANT_RAISE`` (never for a pair with a hard conflict, never up to "auto").

Who counts as the same claimant: the same ``Claimant`` record, or, when a claim has no
record yet, the same key of a named person or organisation as ``claims.claimants.linking``
reads the claimant strings ("Dr. Jane Smith" / "Jane Smith", "the European Commission's" /
"European Commission"). An anonymous description ("officials", "EU sources") or a generic
body in lower case ("the defence ministry": whose?) names no one in particular: never the
same claimant. Database-free: the callers pass strings and ids.
"""

from __future__ import annotations

from functools import lru_cache

from claims.claimants.linking import ANONYMOUS, read


@lru_cache(maxsize=4096)
def claimant_key(name: str) -> str | None:
    """The key of a named claimant (``linking.read``), None for no one in particular."""
    reading = read(name or "")
    if reading is None or reading.kind == ANONYMOUS or reading.generic or not reading.key:
        return None
    return reading.key


def same_claimant(
    name_a: str, name_b: str, *, ref_a: int | None = None, ref_b: int | None = None
) -> bool:
    """Whether two claims name the same claimant: the same record (``ref_*``, the claims'
    ``claimant_ref_id``), else the same named key. Two records that differ are two claimants
    (the desk split or kept them apart); a claim without a record is read by its name."""
    if ref_a is not None and ref_b is not None:
        # A record the desk linked names someone even when the string is generic ("the
        # ministry"); an anonymous description's record is still no one in particular.
        reading = read(name_a or "")
        return ref_a == ref_b and reading is not None and reading.kind != ANONYMOUS
    key = claimant_key(name_a)
    return key is not None and key == claimant_key(name_b)
