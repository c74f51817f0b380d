"""Figures that add up, and spans of time counted from a year.

* **A total and its parts**: "42 passengers and six crew" / "48 people", "54 Democrats and 10
  Republicans" / "64 votes". Two figures of one claim joined by "and" (or "plus"), with no
  verb between them, that add up exactly to a figure of the other claim are that figure in
  parts, no ``number`` conflict. "Killed six and wounded 25" is no total of 31 (a verb
  stands between), and parts that add up to another figure stay a conflict ("42 passengers
  and 16 crew" / "48 people"), as does a figure that is itself one part of a list ("177
  passengers and six crew" / "171 passengers and six crew"). One more named by its role is
  a part of one ("eight passengers and the pilot" / "nine people", "nine Republicans and
  one Democrat" / "ten").
* **A span from a year**: "the highest since 1981" / "a four-decade high" in a claim about
  2022, "after 27 years in exile" / "an exile that began in 1967" in one about 1994, "17
  years before 2013" / "in 1996". A span in years (decades, centuries) of one claim and a
  year only the other claim names are one figure when a year the first claim gives, less
  the span, is that year: within a year, or half a step of a span in decades ("four decades"
  is 35 to 45 years). Without a year to count from in the span's own claim nothing is
  inferred; "since 1991" stays another figure than "four decades" in 2022.

General arithmetic, written from the form; read from the normalised tokens.
"""

from __future__ import annotations

from decimal import Decimal

from .features import Features
from .normalize import parse_number
from .quantities import ABOVE, BELOW, EXACT, HEDGED

# Kinds a part or a total may have: a stated figure, possibly hedged.
_ADDABLE = frozenset({EXACT, HEDGED})
# Words that join two parts of a total; the parts may be at most this many words apart.
_JOINS = frozenset(("and", "plus"))
_PART_GAP = 4


def _positions(toks: tuple[str, ...], value: Decimal) -> list[int]:
    return [i for i, t in enumerate(toks) if parse_number(t) == value]


def _verb_like(word: str) -> bool:
    return word.endswith(("ed", "ing")) and len(word) > 4


def _joined(toks: tuple[str, ...], x: Decimal, y: Decimal) -> bool:
    """Whether figures ``x`` and ``y`` stand in ``toks`` as two parts of one list: a few
    words apart, joined by "and", no verb between ("42 passengers and six crew")."""
    for i in _positions(toks, x):
        for j in _positions(toks, y):
            lo, hi = min(i, j), max(i, j)
            between = toks[lo + 1 : hi]
            if (
                0 < hi - lo <= _PART_GAP
                and _JOINS & set(between)
                and not any(_verb_like(w) for w in between)
            ):
                return True
    return False


# "and the pilot", "and one Democrat", "and their guide", "the captain and": one more, named
# by its role.
_ONE = frozenset(("one", "a", "an", "the", "their", "its", "his", "her"))


def _plus_one(toks: tuple[str, ...], x: Decimal) -> bool:
    """Whether figure ``x`` stands in ``toks`` joined to one more of another role: "eight
    passengers and the pilot", "nine Republicans and one Democrat", "the pilot and eight
    passengers"."""
    for i in _positions(toks, x):
        after = toks[i + 1 : i + 1 + _PART_GAP]
        if "and" in after:
            k = after.index("and")
            rest = toks[i + k + 2 : i + k + 4]
            one = len(rest) == 2 and rest[0] in _ONE and parse_number(rest[1]) is None
            if one and not any(_verb_like(w) for w in after[:k]):
                return True
        before = toks[max(0, i - 3) : i]
        one = len(before) == 3 and before[0] in _ONE and before[2] == "and"
        if one and parse_number(before[1]) is None and not _verb_like(before[1]):
            return True
    return False


def _a_part(x, f: Features) -> bool:
    """Whether figure ``x`` is itself a part of a list in its own claim ("177 passengers and
    six crew"): then it is no total of the other claim's parts."""
    return _plus_one(f.tokens, x.value) or any(
        q is not x and _joined(f.tokens, x.value, q.value) for q in f.quantities
    )


def resolve_totals(only_a: list, a: Features, only_b: list, b: Features) -> tuple[list, list]:
    """``only_a`` / ``only_b`` without a total of ``a`` and the two parts ``b`` gives for it
    (at least one of them unmatched): the same count, once whole, once in parts."""
    parts = [q for q in b.quantities if q.kind in _ADDABLE]
    for x in list(only_a):
        if x.kind not in _ADDABLE or _a_part(x, a):
            continue
        for i, p in enumerate(parts):
            q = next(
                (
                    q
                    for q in parts[i + 1 :]
                    if q.unit == p.unit == x.unit
                    and p.value + q.value == x.value
                    and (p in only_b or q in only_b)
                    and _joined(b.tokens, p.value, q.value)
                ),
                None,
            )
            if q is not None:
                only_a = [y for y in only_a if y is not x]
                only_b = [y for y in only_b if y is not p and y is not q]
                break
            if (
                p in only_b
                and p.unit == x.unit
                and p.value + 1 == x.value
                and _plus_one(b.tokens, p.value)
            ):
                only_a = [y for y in only_a if y is not x]
                only_b = [y for y in only_b if y is not p]
                break
    return only_a, only_b


_YEARS_IN = {"years": 1, "year": 1, "decade": 10, "decades": 10, "century": 100,
             "centuries": 100}  # fmt: skip


# A span counted from a year is two years or more: "a year" is as often a rate ("$1bn a
# year") as a span, and a year's slack would take any neighbouring year for it.
_SHORTEST_SPAN = 2


def _years(f: Features) -> set[int]:
    return {int(d) for d in f.dates if d.isdigit() and len(d) == 4}


def spans_from_years(a: Features, b: Features) -> list[tuple[object, str]]:
    """Each span of ``a`` (a ``Quantity`` in years, decades or centuries) that counts from
    a year ``a`` gives back to a year only ``b`` names, as (span, that year)."""
    out = []
    own, others = _years(a), _years(b) - _years(a)
    if not own or not others:
        return out
    for q in a.quantities:
        size = _YEARS_IN.get(q.unit)
        if size is None or q.kind not in (EXACT, HEDGED, ABOVE, BELOW):
            continue
        span = q.value * size
        if span < _SHORTEST_SPAN:  # "a billion dollars a year" is a rate, no span
            continue
        slack = max(Decimal(1), Decimal(size) / 2)
        for year in sorted(others):
            if any(abs(Decimal(ref - year) - span) <= slack for ref in own):
                out.append((q, str(year)))
                break
    return out


# A figure per a period of time: "$365 million a year", "9,000 barrels per day".
_PER = frozenset(("a", "an", "per", "each", "every"))
_PERIOD_DAYS = {"day": Decimal(1), "week": Decimal(7), "month": Decimal("30.44"),
                "year": Decimal("365.25")}  # fmt: skip
# Two rates over different periods are one when they agree this closely once per day
# ("$365 million a year" / "$1 million a day"; "about $9 million a month" / "$110 million a
# year"), twice that when either is hedged or bounded.
_RATE_SLACK = Decimal("0.05")


def rates(f: Features) -> list[tuple[object, str]]:
    """Each figure of a claim given per a period of time, as (the figure, the period)."""
    toks, out = f.tokens, []
    for q in f.quantities:
        for i in _positions(toks, q.value):
            after = toks[i + 1 : i + 4]
            for k in range(len(after) - 1):
                if after[k] in _PER and after[k + 1] in _PERIOD_DAYS:
                    out.append((q, after[k + 1]))
                    break
            else:
                continue
            break
    return out


def _per_day(q, period: str) -> Decimal:
    return q.value / _PERIOD_DAYS[period]


def _rates_match(x, px: str, y, py: str) -> bool:
    if px == py or x.unit != y.unit or not x.value or not y.value:
        return False
    slack = _RATE_SLACK * (1 if x.kind == y.kind == EXACT else 2)
    dx, dy = _per_day(x, px), _per_day(y, py)
    return abs(dx - dy) <= slack * max(dx, dy)


def resolve_rates(only_a: list, a: Features, only_b: list, b: Features) -> tuple[list, list]:
    """``only_a`` / ``only_b`` without a rate of ``a`` and the same rate ``b`` gives over
    another period ("$365 million a year" / "$1 million a day"); "$365 million a month" /
    "a year" stays a conflict."""
    theirs = [(y, p) for y, p in rates(b) if y in only_b]
    for x, px in rates(a):
        if x not in only_a:
            continue
        match = next(((y, p) for y, p in theirs if _rates_match(x, px, y, p)), None)
        if match is not None:
            only_a = [q for q in only_a if q is not x]
            only_b = [q for q in only_b if q is not match[0]]
            theirs.remove(match)
    return only_a, only_b


def rates_agree(a: Features, b: Features) -> bool:
    """Whether every rate of each claim is the same rate the other gives over another
    period: the period words then change nothing (no ``changed unit``)."""
    ra, rb = rates(a), rates(b)
    return bool(ra and rb) and all(any(_rates_match(x, px, y, py) for y, py in rb) for x, px in ra)
