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
from .quantities import (
    ABOVE,
    BELOW,
    CURRENCIES,
    EXACT,
    FRACTION,
    HEDGED,
    IMPLIED,
    Quantity,
    compatible,
    is_year,
    multiple_range,
    precision,
)

# Words that may stand between "from"/"to" and its figure, or after the figure before the
# other preposition: "from 62 [years] to 64", "to 65 from 62".
_CHANGE_GAP = 3


_DATE_WORDS = frozenset(("in", "on", "january", "february", "march", "april", "may", "june",
                         "july", "august", "september", "october", "november",
                         "december"))  # fmt: skip


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
        # A date between the two figures does not count against the gap ("to 7.5 percent
        # in July 1984 from 7.1 percent").
        window = toks[i + 2 : i + 6 + _CHANGE_GAP]
        dated = sum(1 for t in window if t in _DATE_WORDS or is_year(t))
        reach = i + 3 + _CHANGE_GAP + dated
        later = [j for j in range(i + 2, min(reach, len(toks))) if toks[j] == other]
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


# A figure stated as the gap between two others (round 8): a word before it that says it is
# an amount of change ("by 5 cents", "down 5 cents", "climbed about 16 cents"), or one after
# it, past at most ``_GAP_AFTER`` words (its unit), that says it is a gap ("15 cents more
# than", "29,000 fewer than", "1.4 points lower", "2 mph short of", "50,000 above").
_DIFFERENCE_BEFORE = frozenset(("by", "up", "down", "climbed", "rose", "fell", "dropped",
                                "jumped", "slipped", "gained", "increased", "decreased",
                                "grew"))  # fmt: skip
_DIFFERENCE_AFTER = frozenset(("more", "less", "fewer", "higher", "lower", "short", "above",
                               "below", "cheaper", "dearer"))  # fmt: skip
# A lead between two figures (round 9): "11 points ahead of", "a 13-point lead".
_LEAD_AFTER = frozenset(("ahead", "behind", "lead", "advantage", "margin", "edge"))
_GAP_AFTER = 2


def lead_amounts(toks: tuple[str, ...]) -> set[Decimal]:
    """The figures a claim states as a lead: a lead word past at most ``_GAP_AFTER`` words
    (its unit) after it."""
    return {
        value
        for i, w in enumerate(toks)
        if (value := parse_number(w)) is not None
        and set(toks[i + 1 : i + 2 + _GAP_AFTER]) & _LEAD_AFTER
    }


def difference_amounts(toks: tuple[str, ...]) -> set[Decimal]:
    """The figures a claim states as a gap between two others: "by $2", "down 5 cents", "15
    cents more than", "some 29,000 fewer than", "1.4 points lower"."""
    out: set[Decimal] = set()
    for i, w in enumerate(toks):
        value = parse_number(w)
        if value is None:
            continue
        j = i - 1
        while j >= 0 and toks[j] in _HEDGES:  # "climbed about 16 cents"
            j -= 1
        while j >= 0 and toks[j] in CURRENCIES:  # "up usd 1.08"
            j -= 1
        if j >= 0 and toks[j] in _DIFFERENCE_BEFORE:
            out.add(value)
            continue
        after = toks[i + 1 : i + 2 + _GAP_AFTER]
        for k, t in enumerate(after):
            if t in _DIFFERENCE_AFTER:
                # "more than 97%" bounds the figure after it; "15 cents more than" is a gap.
                out.add(value)
                break
            if parse_number(t) is not None or k == _GAP_AFTER:
                break
    return out


def _gap(x, e):
    """The gap between two figures of one measure as a ``Quantity`` in ``x``'s unit (in
    percentage points between two rates), or None."""
    if x.unit != e.unit and "" not in (x.unit, e.unit):
        return None
    if x.kind not in (EXACT, HEDGED, ABOVE, BELOW) or e.kind not in (EXACT, HEDGED, ABOVE, BELOW):
        return None
    unit = x.unit or e.unit
    unit = "percentage point" if unit == "percent" else unit
    kind = HEDGED if HEDGED in (x.kind, e.kind) else EXACT
    return Quantity(abs(e.value - x.value), kind, unit)


def resolve_differences(only_a: list, a: Features, only_b: list, b: Features) -> tuple[list, list]:
    """``only_a`` / ``only_b`` without a figure of ``a`` and the amount by which ``b`` says
    a figure both claims give differs from it: "9.1%, above the 8.8% expected" / "9.1%,
    beating forecasts by 0.3 points" (no "from ... to" needed); since round 8 any amount
    ``difference_amounts`` reads, compared as a figure in its unit ("$3.05, up from $2.89" /
    "climbed about 16 cents, to $3.05"; "164,000, short of the 193,000 expected" / "some
    29,000 fewer than forecast"); "by 0.5 points" stays a conflict."""
    only_a, only_b = _resolve_leads(only_a, only_b, lead_amounts(b.tokens))
    amounts = difference_amounts(b.tokens)
    if not amounts:
        return only_a, only_b
    shared = [q for q in a.quantities if any(q.value == p.value for p in b.quantities)]
    for x in list(only_a):
        y = next(
            (
                y
                for y in only_b
                if y.value in amounts
                and any(
                    (gap := _gap(x, e)) is not None and gap.value and compatible(y, gap)
                    for e in shared
                    if e is not x
                )
            ),
            None,
        )
        if y is not None:
            only_a = [q for q in only_a if q is not x]
            only_b = [q for q in only_b if q is not y]
    return only_a, only_b


def _resolve_leads(only_a: list, only_b: list, amounts: set[Decimal]) -> tuple[list, list]:
    """Two figures of ``a`` and the gap between them that ``b`` states instead (round 9): a
    lead in a poll or a race, "53 percent to 42 percent" / "11 points ahead", "37% against
    24%" / "a 13-point advantage". "12 points ahead" stays a conflict."""
    for y in [q for q in only_b if q.value in amounts]:
        pair = next(
            (
                (x, e)
                for i, x in enumerate(only_a)
                for e in only_a[i + 1 :]
                if (gap := _gap(x, e)) is not None and gap.value and compatible(y, gap)
            ),
            None,
        )
        if pair is not None:
            only_a = [q for q in only_a if q not in pair]
            only_b = [q for q in only_b if q is not y]
    return only_a, only_b


def resolve_multiples(only_a: list, a: Features, only_b: list, b: Features) -> tuple[list, list]:
    """``only_a`` / ``only_b`` without a multiple of ``a`` ("more than doubled", "tripled")
    and the end of a change of ``b`` that makes it, from a figure ``a`` gives too ("from
    about 150 to more than 300"): the same rise, one as a multiple, one as two figures."""
    multiples = [q for q in only_a if q.unit == "times" and q.kind == IMPLIED and q.value]
    if not multiples:
        return only_a, only_b
    given = {q.value for q in a.quantities}
    for start, end in changes(b):
        if not start or (start not in given and end not in given):
            continue
        # The figure of the change ``a`` does not give ("tripled from 16" / "to 44").
        y = next((q for q in only_b if q.value == (end if start in given else start)), None)
        ratio = end / start
        x = next((m for m in multiples if _admits(m, ratio)), None)
        if y is None:
            continue
        if x is not None:
            only_a = [q for q in only_a if q is not x]
            only_b = [q for q in only_b if q is not y]
            multiples.remove(x)
        elif len(multiples) == 1 and not _written(multiples[0], a):
            # Another ratio ("doubled" / "from 150 to 600"): the multiple is a figure of the
            # change's kind, 300 against 600, and conflicts as one.
            m = multiples.pop()
            value = m.value * start if start in given else end / m.value
            implied = m._replace(value=value, unit=y.unit)
            only_a = [implied if q is m else q for q in only_a]
    # Or two figures ``b`` gives, the one left over and another of its unit: "roughly
    # halved, to about 15%" / "15.2%, down from 27.5%".
    for m in multiples:
        for y in only_b:
            if any(z is not y and _ratio_of(m, y, z) for z in b.quantities):
                only_a = [q for q in only_a if q is not m]
                only_b = [q for q in only_b if q is not y]
                break
    return only_a, only_b


def _admits(m, ratio: Decimal) -> bool:
    low, high = multiple_range(m)
    return low <= ratio <= high


def _admits_percent(q, pct: Decimal) -> bool:
    """Whether a percentage (``q``) states a rise or fall of ``pct`` percent: to its
    precision ("rose 50%" for 10 -> 15; "rose 33%" for 30 -> 40), as its bound says, or as a
    fraction ("by a third")."""
    step = precision(q.value) if q.value != q.value.to_integral_value() else Decimal(1)
    if q.kind == FRACTION:  # "rose by a third"
        return abs(q.value - pct) <= 3
    if q.kind == ABOVE:
        return q.value <= pct < q.value + step
    if q.kind == BELOW:
        return q.value - step < pct <= q.value
    return abs(q.value - pct) <= step / 2


def resolve_percent_changes(
    only_a: list, a: Features, only_b: list, b: Features
) -> tuple[list, list]:
    """``only_a`` / ``only_b`` without a percentage change of ``a`` ("rose 50%") and the
    figures of the change ``b`` states ("from 10,000 to 15,000") when one is the other: the
    same rise, one in percent, one as two figures. Another percentage stays a conflict."""
    # A rise in percent, not a level a change of ``a`` goes from or to ("from 35% to 40%").
    levels = {x for change in changes(a) for x in change}
    percents = [
        q
        for q in only_a
        if (q.unit == "percent" or (q.kind == FRACTION and not q.unit)) and q.value not in levels
    ]
    if not percents:
        return only_a, only_b
    rates = {q.value for q in b.quantities if q.unit == "percent"}
    for start, end in changes(b):
        if not start or start in rates or end in rates:
            continue  # a change between two rates is in points, not a rise in percent
        pct = abs(end - start) / start * 100
        x = next((q for q in percents if _admits_percent(q, pct)), None)
        ys = [q for q in only_b if q.value in (start, end)]
        if x is not None and ys:
            only_a = [q for q in only_a if q is not x]
            only_b = [q for q in only_b if q not in ys]
            percents.remove(x)
    return only_a, only_b


def _ratio_of(m, y, z) -> bool:
    """Whether two figures of one unit stand in the ratio a multiple ``m`` admits."""
    if y.unit != z.unit or not y.value or not z.value:
        return False
    return _admits(m, y.value / z.value) or _admits(m, z.value / y.value)


def _written(m, f: Features) -> bool:
    """Whether a multiple is a figure the claim writes ("three times"), not a word
    ("tripled"): a written one keeps its own value in a conflict's reason."""
    return any(parse_number(t) == m.value for t in f.numbers)
