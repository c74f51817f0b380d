"""A change stated two ways: "from 62 to 64" and "by two years, to 64" (or "cut from 4.5% to
4.25%" / "cut by a quarter point to 4.25%"). The start of one claim's change and the amount
of the other's are one figure, not a ``number`` conflict, when the amount is the difference
and both claims give the end; a change by another amount stays a conflict. Arithmetic,
written from the form; read from the normalised tokens.
"""

from __future__ import annotations

from decimal import Decimal

from .features import Features
from .normalize import parse_number

# Words that may stand between "from"/"to" and its figure, or after the figure before the
# other preposition: "from 62 [years] to 64", "to 65 from 62".
_CHANGE_GAP = 3


def _figure_after(toks: tuple[str, ...], i: int) -> Decimal | None:
    """The figure within a word or two after ``toks[i]`` ("to 64", "to a 3.5", "by $2")."""
    for j in range(i + 1, min(i + 3, len(toks))):
        value = parse_number(toks[j])
        if value is not None:
            return value
    return None


def changes(f: Features) -> list[tuple[Decimal, Decimal]]:
    """Each change a claim states from one figure to another, as (from, to): "from 62 to
    64", "to 65 from 62"."""
    toks, out = f.tokens, []
    for i, w in enumerate(toks):
        if w not in ("from", "to"):
            continue
        first = _figure_after(toks, i)
        other = "to" if w == "from" else "from"
        later = [j for j in range(i + 2, min(i + 3 + _CHANGE_GAP, len(toks))) if toks[j] == other]
        second = _figure_after(toks, later[0]) if later else None
        if first is not None and second is not None:
            out.append((first, second) if w == "from" else (second, first))
    return out


def resolve_changes(only_a: list, a: Features, only_b: list, b: Features) -> tuple[list, list]:
    """``only_a`` / ``only_b`` without the start of a change in ``a`` ("from 62 to 64") and
    the amount ``b`` gives for it ("by two years, to 64"): the same change, another way."""
    if "by" not in b.tokens:  # "by two years", "by a quarter point"
        return only_a, only_b
    ends = {q.value for q in b.quantities}
    for start, end in changes(a):
        step = abs(end - start)
        x = next((q for q in only_a if q.value == start), None)
        y = next((q for q in only_b if q.value == step), None)
        if x is not None and y is not None and end in ends:
            only_a = [q for q in only_a if q is not x]
            only_b = [q for q in only_b if q is not y]
    return only_a, only_b
