"""Two poles of a family that are converses: "A beat B" is "B lost to A", "A came after B"
is "B came before A". The direction detector counts such a pair as opposite unless the names
on either side of the direction word are exchanged. General English, written by hand.
"""

from __future__ import annotations

from .features import DIRECTION_WORDS, Features
from .places import group_of

# Families whose two poles are converses: "A beat B" is "B lost to A", "A came after B"
# is "B came before A". The opposite word with the names exchanged says the same thing.
CONVERSES = frozenset({"outcome", "order"})


def _names_around(f: Features, family: str) -> tuple[set[str], set[str]]:
    """The names before and after the claim's first word of ``family`` (a place by its
    group: "the US" / "the United States")."""
    names = f.strong_entities | f.weak_entities
    at = next(
        (
            i
            for i, w in enumerate(f.tokens)
            if any(x == family for x, _ in DIRECTION_WORDS.get(w, []))
        ),
        None,
    )
    if at is None:
        return set(), set()
    keyed = [(i, group_of(w) or w) for i, w in enumerate(f.tokens) if w in names]
    return {k for i, k in keyed if i < at}, {k for i, k in keyed if i > at}


def converse(a: Features, b: Features, family: str) -> bool:
    """Whether ``a`` and ``b`` use the two poles of ``family`` with the names on either side
    exchanged ("Argentina beat France" / "France lost to Argentina")."""
    if family not in CONVERSES:
        return False
    before_a, after_a = _names_around(a, family)
    before_b, after_b = _names_around(b, family)
    return bool(before_a & after_b) and bool(before_b & after_a)
