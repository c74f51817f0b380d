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
from .quantities import MULTIPLES

# Words that may stand between "from"/"to" and its figure, or after the figure before the
# other preposition: "from 62 [years] to 64", "to 65 from 62".
_CHANGE_GAP = 3


# Words that bound or round the figure after them: "to more than 300", "from about 150".
_HEDGES = frozenset(("more", "than", "about", "around", "roughly", "nearly", "almost", "over",
                     "some", "under", "less", "fewer", "just"))  # fmt: skip


def _figure_after(toks: tuple[str, ...], i: int) -> Decimal | None:
    """The figure within a word or two after ``toks[i]`` ("to 64", "to a 3.5", "by $2"),
    past words that hedge it ("to more than 300")."""
    j, reach = i + 1, i + 3
    while j < min(reach, len(toks)):
        value = parse_number(toks[j])
        if value is not None:
            return value
        if toks[j] in _HEDGES:
            reach += 1
        j += 1
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
    if "by" not in b.tokens and "to" not in b.tokens:  # "by two years", "up 0.1 point to 7.9%"
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


# A multiple and the ratio of a change may differ by this share ("doubled" / "from 150 to
# 296"); "more than doubled" admits any ratio from 2 to 3, "nearly tripled" from 2 to 3.
_RATIO_SLACK = Decimal("0.05")


def resolve_multiples(only_a: list, a: Features, only_b: list, b: Features) -> tuple[list, list]:
    """``only_a`` / ``only_b`` without a multiple of ``a`` ("more than doubled", "tripled")
    and the end of a change of ``b`` that makes it, from a figure ``a`` gives too ("from
    about 150 to more than 300"): the same rise, one as a multiple, one as two figures."""
    multiples = [q for q in only_a if q.unit == "times" and q.value > 1]
    if not multiples:
        return only_a, only_b
    given = {q.value for q in a.quantities}
    for start, end in changes(b):
        if start not in given or not start:
            continue
        y = next((q for q in only_b if q.value == end), None)
        ratio = end / start
        x = next((m for m in multiples if abs(ratio - m.value) <= _RATIO_SLACK * m.value), None)
        if x is None:
            hedged = [m for m in multiples if _hedged_multiple(a, m)]
            x = next((m for m in hedged if m.value - 1 < ratio < m.value + 1), None)
        if y is None:
            continue
        if x is not None:
            only_a = [q for q in only_a if q is not x]
            only_b = [q for q in only_b if q is not y]
            multiples.remove(x)
        elif len(multiples) == 1:
            # Another ratio ("doubled" / "from 150 to 600"): the multiple is a figure of the
            # change's kind, 300 against 600, and conflicts as one.
            m = multiples.pop()
            implied = m._replace(value=m.value * start, unit=y.unit)
            only_a = [implied if q is m else q for q in only_a]
    return only_a, only_b


_MULTIPLE_HEDGES = frozenset(("more", "than", "nearly", "almost", "about", "roughly", "over"))


def _hedged_multiple(f: Features, m) -> bool:
    """Whether a claim hedges its multiple word ("more than doubled", "nearly tripled")."""
    toks = f.tokens
    return any(
        MULTIPLES.get(w) == m.value and i and toks[i - 1] in _MULTIPLE_HEDGES
        for i, w in enumerate(toks)
    )
