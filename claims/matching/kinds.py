"""What kind of thing a conflicting figure, name or date is, so a conflict stays hard only
when the two sides are surely two values of one kind.

A changed figure, actor or date of the same kind is the classic near-miss ("3,000" / "30,000
troops", "France" / "Germany", "2019" / "2020") and stays a hard conflict. A figure against
a figure of a kind it is not compared with (dollars against pounds, a count against a rate,
days against miles), a name against a name of another kind (a country against a person, a
nickname, a body), a year against a month: the two may well state one fact in two ways, so
such a conflict is soft (``conflicts.UNCERTAIN``): shown and never auto-linked, but the pair
may still be suggested.

The kinds are cheap and general: a figure's measure (``quantities.UNITS``); a name's place
in ``places.py`` or after "in" / "at", its capitals ("FDIC"), the words of its run ("Bank",
"Ministry": an organisation; two plain names or a title: a person).
"""

from __future__ import annotations

from collections.abc import Iterable

from .features import MONTHS, TITLES, WEEKDAYS, Features, _words
from .places import group_of
from .quantities import UNITS, Quantity

# One kind for every way of giving a rate: "0.25 percent" / "0.25 percentage points" /
# "0.25 points" are near-misses of one another, not two kinds; so is a multiple against a
# rise in percent ("doubled" / "rose 50%": compared converted, ``quantities``).
_RATE = "rate"
_FAMILY = {"percent": _RATE, "points of a rate": _RATE, "index points": _RATE, "multiple": _RATE}
# The largest bare figure that may be a share ("half", "a third" are read as 50, 33.3).
_SHARE_MAX = 100


def _measure(q: Quantity) -> str:
    if q.unit in UNITS:
        measure = UNITS[q.unit][0]
        return _FAMILY.get(measure, measure)
    return ""


def same_figure_kind(x: Quantity, y: Quantity, *, totals: bool = False) -> bool:
    """Whether two conflicting figures are surely of one kind, so that they are two values
    of one thing: one measure (two counts, two amounts of one currency, two lengths, two
    rates); a bare figure against an amount ("$5 million" / "a 6 million fine": the
    currency left out) or against a rate when it may be a share (up to 100: "more than
    half" / "30%"), or when a claim gives the total the rate is of (``totals``: "4% of its
    50 million clients" / "five million clients"); the same figure in two units or
    currencies ("€38 million" / "$38 million": a changed currency, where a conversion would
    change the figure too). Not: two currencies or units of two measures with other
    figures ("$44bn" / "£38.1bn", a conversion at a day's rate), a count against a rate."""
    if x.value == y.value and x.unit != y.unit:
        return True
    mx, my = _measure(x), _measure(y)
    if mx == my:
        return True
    if mx and my:
        return False
    bare, other = (x, my) if not mx else (y, mx)
    if other != _RATE:
        return True
    return totals or bare.value <= _SHARE_MAX


def hard_figures(xs: Iterable[Quantity], ys: Iterable[Quantity], *, totals: bool = False) -> bool:
    ys = list(ys)
    return any(same_figure_kind(x, y, totals=totals) for x in xs for y in ys)


# Words that make a run of names an organisation ("Bank of Japan", "Health Ministry").
ORG_WORDS = frozenset(
    _words(
        "bank banks ministry ministries department party company corporation corp inc ltd "
        "plc group council university college agency commission institute fund union "
        "league club association authority court board office organization organisation "
        "foundation airlines airways motors federation committee service services army "
        "police navy forces reserve parliament congress senate assembly government "
        "administration tribunal exchange trust"
    )
)
# Groups of places.py that are no place (a measure, a unit, a central bank, a party).
_NOT_PLACES = frozenset(
    {"gdp", "celsius", "fahrenheit", "federal reserve", "usps", "conservatives", "republicans"}
)
_ORG_GROUPS = frozenset({"federal reserve", "usps", "conservatives", "republicans"})
_OTHER = "name"  # a single name of no known kind: a surname, a firm, a club, a town...


# A name right after one of these is where something happens: a place ("a summit in Latvia").
_AT = frozenset(_words("in at near outside inside across"))


def name_kind(word: str, f: Features) -> str:
    """``place`` (a country, capital, demonym, people or polity of ``places.py``, or a name
    after "in" / "at"), ``org`` (written in capitals, or in a run with an organisation
    word), ``person`` (a run of plain names, or one after a title), else ``name``."""
    runs = [run for run in f.name_runs if word in run]
    group = group_of(word)
    if any(group_of(" ".join(r)) in _ORG_GROUPS for r in runs) or group in _ORG_GROUPS:
        return "org"
    if any(set(r) & ORG_WORDS for r in runs) or word in ORG_WORDS or word in f.upper_names:
        return "org"
    if group is not None and group not in _NOT_PLACES:
        return "place"
    if any(group_of(" ".join(r)) not in (None, *_NOT_PLACES) for r in runs):
        return "place"  # "Saudi Arabia", "New Zealand"
    if _after_at(word, runs, f.tokens):
        return "place"
    if any(set(r) & TITLES for r in runs):
        return "person"
    if any(2 <= len(r) <= 3 and not any(group_of(w) for w in r) for r in runs):
        return "person"  # "Hans Kluge"
    return _OTHER


def _after_at(word: str, runs: list[tuple[str, ...]], tokens: tuple[str, ...]) -> bool:
    starts = {r[0] for r in runs} or {word}
    return any(
        w in starts and i and (tokens[i - 1] in _AT or tokens[i - 2 : i] == ("in", "the"))
        for i, w in enumerate(tokens)
    )


def _kinds_agree(x: str, y: str) -> bool:
    # A single name may be a person's or a body's: against either it is a changed actor.
    # Against a place it is not surely one ("Macron" / "France", "Les Bleus" / "France").
    return x == y or (_OTHER in (x, y) and "place" not in (x, y))


def hard_names(
    xs: Iterable[str], a: Features, ys: Iterable[str], b: Features, *, rewritten: bool = False
) -> bool:
    """Whether an unmatched name of ``a`` and one of ``b`` are surely two actors: of one
    kind in an edit of one sentence (not ``rewritten``), or in one position (the same two
    words before or after them: "an attack on Formosa" / "an attack on Greece", whatever
    their kinds)."""
    ys = list(ys)
    kinds_y = {name_kind(y, b) for y in ys}
    if not rewritten and any(_kinds_agree(name_kind(x, a), ky) for x in xs for ky in kinds_y):
        return True
    around_y = {c for y in ys for c in _around(y, b)}
    return any(c in around_y for x in xs for c in _around(x, a))


# Words on each side of a name that fix its position in the sentence.
_CONTEXT = 2


def _around(word: str, f: Features) -> set[tuple[str, tuple[str, ...]]]:
    """The ``_CONTEXT`` words before and after each mention of ``word``, outside its run of
    names (titles included: "Senator Kennedy has" -> ("before", ...), ("after", ("has",
    "suggested")))."""
    names = f.strong_entities | f.weak_entities | TITLES
    toks = f.tokens
    out = set()
    for i, tok in enumerate(toks):
        if tok != word:
            continue
        start, end = i, i + 1
        while start and toks[start - 1] in names:
            start -= 1
        while end < len(toks) and toks[end] in names:
            end += 1
        before, after = toks[max(start - _CONTEXT, 0) : start], toks[end : end + _CONTEXT]
        if len(before) == _CONTEXT:
            out.add(("before", before))
        if len(after) == _CONTEXT:
            out.add(("after", after))
    return out


def date_kind(date: str) -> str:
    if date.startswith("day "):
        return "day"
    if date.isdigit():
        return "year"
    if date in MONTHS or date in ("may", "march"):  # (dates only when capitalised mid-sentence)
        return "month"
    return "weekday" if date in WEEKDAYS else date


def hard_dates(xs: Iterable[str], ys: Iterable[str]) -> bool:
    """Whether a date of one claim and one of the other are of one kind (two years, two
    months, two days of a month): "2019" / "2020" is hard, "in 2018" / "in January" is not
    surely another date."""
    return bool({date_kind(x) for x in xs} & {date_kind(y) for y in ys})
