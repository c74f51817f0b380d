"""Figures as a fact-checker reads them: a value, how precise it claims to be, and its unit.

``quantities(words, is_number)`` reads every non-date figure of a claim (the tokens of
``normalize.analyze``, lower case) as a ``Quantity``; ``compatible(x, y)`` says whether two
figures can both be true of one claim. The conflict detector (``conflicts.number_conflict``)
calls a pair of claims different when each has a figure the other cannot match.

What is read (general English and units, written by hand):

* the figure's **kind**: ``EXACT``; ``HEDGED`` ("about", "around", "some": the figure may be
  rounded either way); ``ABOVE`` ("more than", "over", "at least", "passed": the true figure
  is this or a little more, up to one step of its precision: "more than 111,000" = 111,693);
  ``BELOW`` ("nearly", "almost", "close to", "under": this or a little less); ``FRACTION``
  ("a third", "two-thirds", "one in five", "seven out of ten", "half a million": within 3
  points of a share, 5% of an amount); ``VAGUE`` ("dozens", "tens of thousands": a range);
  ``IMPLIED`` (a multiple, "doubled", "twofold", "three times", or an ordinal, "its eighth"):
  compared when the other claim gives a figure for it, never "extra" on its own;
* the **unit** after the figure, or the currency before it (``UNITS``): time, length, area,
  mass, temperature, money per currency, "percent", "percentage points" and "basis points"
  (one measure: 25 basis points = 0.25 points), index "points", "times". Figures in two units
  of one measure are compared converted ("2,000 acres" = "around 800 hectares", "44.4 °C" =
  "111.9 °F", "$0.1778" = "17.78 cents"); figures in two different measures never match
  ("0.25 percentage points" / "0.25 percent", "10.27 percent" / "10.27 points", "€38
  million" / "$38 million"); a figure without a unit is compared by value.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

from .normalize import parse_number

EXACT, HEDGED, FRACTION, ABOVE, BELOW, IMPLIED, VAGUE, SHARE = range(8)
# Kinds whose figure may be a rounded one (the other figure rounds to it). "More than" and
# "nearly" bound the figure instead: "more than 8,500" is not 8,460.
ROUNDED = frozenset({HEDGED})
# Kinds that never count as "a figure in one claim only".
UNSTATED = frozenset({IMPLIED, VAGUE, SHARE})


class Quantity(NamedTuple):
    value: Decimal
    kind: int = EXACT
    unit: str = ""
    high: Decimal | None = None  # the top of a VAGUE range
    # How far a bound reaches past its figure when that is not the figure's last digit: a
    # bounded share ("more than two-thirds", "nearly half of") reaches ``SHARE_REACH`` points.
    reach: Decimal | None = None


def _words(text: str) -> list[str]:
    return text.split()


# unit -> (measure, size in the measure's base unit). Temperatures are converted apart.
UNITS: dict[str, tuple[str, float]] = {
    **{w: ("time", 1 / 1440) for w in _words("minute minutes")},
    **{w: ("time", 1 / 24) for w in _words("hour hours")},
    **{w: ("time", 1.0) for w in _words("day days")},
    **{w: ("time", 7.0) for w in _words("week weeks")},
    **{w: ("time", 14.0) for w in _words("fortnight fortnights")},
    **{w: ("time", 30.44) for w in _words("month months")},
    **{w: ("time", 365.25) for w in _words("year years")},
    **{w: ("time", 3652.5) for w in _words("decade decades")},
    **{w: ("time", 36525.0) for w in _words("century centuries")},
    **{w: ("length", 1.0) for w in _words("km kilometre kilometres kilometer kilometers")},
    **{w: ("length", 1.609) for w in _words("mile miles")},
    **{w: ("length", 0.001) for w in _words("metre metres meter meters")},
    **{w: ("length", 0.00001) for w in _words("cm centimetre centimetres centimeter centimeters")},
    **{w: ("length", 0.000001) for w in _words("mm millimetre millimetres millimeter millimeters")},
    **{w: ("length", 0.0000254) for w in _words("inch inches")},
    **{w: ("length", 0.0003048) for w in _words("foot feet ft")},
    **{w: ("area", 1.0) for w in _words("hectare hectares ha")},
    **{w: ("area", 0.404686) for w in _words("acre acres")},
    "nautical mile": ("length", 1.852),
    "square km": ("area", 100.0),
    "square mile": ("area", 258.999),
    "square metre": ("area", 0.0001),
    **{w: ("mass", 1.0) for w in _words("tonne tonnes ton tons")},
    **{w: ("mass", 1e9) for w in _words("gigaton gigatons gigatonne gigatonnes gt")},
    **{w: ("mass", 0.001) for w in _words("kg kilogram kilograms kilo kilos")},
    "celsius": ("temperature", 1.0),
    "fahrenheit": ("temperature", 1.0),
    "percent": ("percent", 1.0),
    "percentage point": ("points of a rate", 1.0),
    "basis point": ("points of a rate", 0.01),
    "point": ("index points", 1.0),
    "times": ("multiple", 1.0),
    **{f"money {code}": (f"money {code}", 1.0) for code in _words("usd gbp eur inr ngn")},
    "cent": ("money usd", 0.01),
    # Speeds (round 8): "155 mph" = "about 250 km/h" = "135 knots".
    "kph": ("speed", 1.0),
    "mph": ("speed", 1.609),
    "knot": ("speed", 1.852),
}
CURRENCIES = frozenset(_words("usd gbp eur inr ngn"))
_SQUARE = {"km": "square km", "kilometres": "square km", "kilometers": "square km",
           "kilometre": "square km", "miles": "square mile", "mile": "square mile",
           "metres": "square metre", "meters": "square metre"}  # fmt: skip
_SINGLE = {"percent": "percent", "point": "point", "points": "point", "cents": "cent",
           "cent": "cent", "bps": "basis point", "bp": "basis point", "times": "times",
           "fold": "times", "c": "celsius", "celsius": "celsius", "centigrade": "celsius",
           "f": "fahrenheit", "fahrenheit": "fahrenheit"}  # fmt: skip


_SPEEDS = {**dict.fromkeys(("km", "kilometre", "kilometres", "kilometer", "kilometers"), "kph"),
           **dict.fromkeys(("mile", "miles"), "mph")}  # fmt: skip


def unit_at(words: tuple[str, ...], i: int) -> tuple[str, int]:
    """The unit that starts at ``words[i]`` (canonical name, words it takes) or ("", 0)."""
    w = words[i] if i < len(words) else ""
    nxt = words[i + 1] if i + 1 < len(words) else ""
    if w in ("percentage", "basis") and nxt in ("point", "points"):
        return f"{w} point", 2
    if w in ("square", "sq") and nxt in _SQUARE:
        return _SQUARE[nxt], 2
    if w == "nautical" and nxt in ("mile", "miles"):
        return "nautical mile", 2
    speed = _SPEEDS.get(w)
    if speed is not None and nxt == "h":  # "km/h"
        return speed, 2
    if speed is not None and words[i + 1 : i + 3] == ("per", "hour"):
        return speed, 3  # "kilometres per hour", "miles per hour"
    if w in ("mph", "kph", "kmh"):
        return ("mph" if w == "mph" else "kph"), 1
    if w in ("knot", "knots"):
        return "knot", 1
    if w == "degrees" or w == "degree":
        unit, taken = unit_at(words, i + 1)
        return (unit, taken + 1) if unit in ("celsius", "fahrenheit") else ("", 0)
    if w in _SINGLE:
        return _SINGLE[w], 1
    if w in UNITS:
        return w, 1
    return "", 0


# The word before a figure that says how it is rounded; the nearest one counts.
_HEDGE_WORDS = {
    **dict.fromkeys(_words("about around roughly approximately some estimated circa"), HEDGED),
    **dict.fromkeys(
        _words(
            "over more least passes passed topped tops exceeds exceeded exceeding upwards "
            "above crossed surpassed beyond"
        ),
        ABOVE,
    ),
    **dict.fromkeys(_words("nearly almost close under fewer less below shy"), BELOW),
}
_FRACTIONS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
              "fifth": 5, "fifths": 5, "tenth": 10, "tenths": 10}  # fmt: skip
_FRACTION_COUNTS = {"a": 1, "an": 1, "one": 1}
_ONE = ("a", "an", "one")
# "its eighth", "the second-highest": ordinals other than the fraction words above and
# "first" (far too common to be a figure: "for the first time"; read after "the" / "its"
# only, and never as a figure of its own).
# Since session 18 also the teens and the tens ("ranked sixteenth" = "16th largest").
ORDINALS = {"second": 2, "fourth": 4, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
            "eleventh": 11, "twelfth": 12, "third": 3, "fifth": 5, "tenth": 10,
            "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16,
            "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
            "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60,
            "seventieth": 70, "eightieth": 80, "ninetieth": 90}  # fmt: skip
_ORDINAL_OPENERS = frozenset(_words("the its their his her our this that"))
# Ordinals that may name a day of the month ("the first of October", "the twelfth of May").
DAY_ORDINALS = {"first": 1, **ORDINALS}
MONTH_NAMES = frozenset(_words("january february march april may june july august september "
                               "october november december"))  # fmt: skip
_NOT_ORDINAL = frozenset(_words("a an one per every each"))
# "doubled", "twofold": a multiple stated without a figure.
MULTIPLES = {
    **dict.fromkeys(_words("double doubled doubles doubling twofold"), 2),
    **dict.fromkeys(_words("triple tripled triples tripling threefold"), 3),
    **dict.fromkeys(_words("quadruple quadrupled quadruples fourfold"), 4),
    "fivefold": 5, "sixfold": 6, "sevenfold": 7, "tenfold": 10,
    **dict.fromkeys(_words("halve halved halves halving"), Decimal("0.5")),
}  # fmt: skip
# "tens of thousands", "dozens", "millions": ranges a reader takes as figures.
_VAGUE_PLURALS = {"dozens": 12, "hundreds": 100, "thousands": 1_000, "millions": 1_000_000,
                  "billions": 1_000_000_000}  # fmt: skip


# A bounded share ("more than two-thirds", "nearly half of", "over a third") holds for the
# shares this many points past it, the way "more than 50" holds up to 60: "more than
# two-thirds" = 71%, not 80%.
SHARE_REACH = Decimal(10)
# "no fewer than", "not less than": a lower bound; "no more than": an upper one.
_NEGATED_BOUNDS = {"fewer": ABOVE, "less": ABOVE, "more": BELOW}

# "the past 5 years" is a span; "climbed past 40,600" a bound from below.
_SPAN_OPENERS = frozenset(_words("the its their this these our his her"))


def _kind_before(words: tuple[str, ...], i: int) -> int:
    for k in range(i - 1, max(i - 3, 0) - 1, -1):
        w = words[k]
        if w in _NEGATED_BOUNDS and k and words[k - 1] in ("no", "not"):
            return _NEGATED_BOUNDS[w]  # "no fewer than 1,700" = "at least 1,700"
        if w in _HEDGE_WORDS:
            return _HEDGE_WORDS[w]
        if w == "past" and (k == 0 or words[k - 1] not in _SPAN_OPENERS):
            return ABOVE
    return EXACT


def _of_one_unit(words: tuple[str, ...], j: int) -> tuple[str, int]:
    """ "of a percentage point", "of one percent", "of a century" at ``words[j]``."""
    if words[j : j + 1] == ("of",) and words[j + 1 : j + 2] and words[j + 1] in _ONE:
        unit, taken = unit_at(words, j + 2)
        if unit:
            return unit, taken + 2
    return "", 0


def quantities(words: tuple[str, ...], is_number: tuple[bool, ...]) -> tuple[Quantity, ...]:
    """Every non-date figure of a claim, sorted (see the module docstring)."""
    out: list[Quantity] = []
    skip: set[int] = set()
    n = len(words)

    def unit_after(j: int, before: int) -> str:
        unit, _ = unit_at(words, j)
        if not unit and words[j : j + 1] in (("and",), ("to",)) and j + 1 < n and is_number[j + 1]:
            unit, _ = unit_at(words, j + 2)  # "between 0.9 and 1.5 metres": both in metres
        if not unit and before > 0 and words[before - 1] in CURRENCIES:
            return f"money {words[before - 1]}"
        return unit

    for i, w in enumerate(words):
        if i in skip:
            continue
        nxt = words[i + 1] if i + 1 < n else ""
        if is_number[i]:
            value = parse_number(w)
            if value is None:
                continue
            kind = _kind_before(words, i)
            if nxt in _FRACTIONS and value < _FRACTIONS[nxt]:  # "two thirds", "three-tenths"
                share = value / _FRACTIONS[nxt]
                skip.add(i + 1)
                unit, taken = _of_one_unit(words, i + 2)
                if unit:  # "three-quarters of a percentage point" = 0.75 points
                    out.append(Quantity(share, EXACT, unit))
                    skip.update(range(i + 2, i + 2 + taken))
                elif words[i + 2 : i + 3] == ("of",) and i + 3 < n and is_number[i + 3]:
                    amount = parse_number(words[i + 3]) or Decimal(0)  # "two-thirds of a million"
                    out.append(Quantity(amount * share, FRACTION, unit_after(i + 4, i + 3)))
                    skip.add(i + 3)
                else:
                    out.append(_share(round(100 * share, 1), kind))
                continue
            total_at = None
            if nxt == "in" and i + 2 < n and is_number[i + 2]:
                total_at = i + 2  # "1 in 5"
            elif words[i + 1 : i + 3] in (("out", "of"), ("in", "every")) and i + 3 < n:
                total_at = i + 3 if is_number[i + 3] else None  # "7 out of 10", "2 in every 100"
            if total_at is not None:
                total = parse_number(words[total_at])
                if total and value < total:
                    # "32 out of 35" is a share (91.4%) and its two counts ("32 of 35"); none
                    # of them is a figure the other claim must give.
                    out.append(Quantity(round(100 * value / total, 1), SHARE, ""))
                    out.append(Quantity(value, IMPLIED, ""))
                    out.append(Quantity(total, IMPLIED, ""))
                    skip.add(total_at)
                    continue
            if nxt in ("times", "fold"):
                out.append(Quantity(value, IMPLIED, "times"))
                continue
            if nxt in ORDINALS and 20 <= value < 100 and value % 10 == 0:  # "sixty-third"
                out.append(Quantity(value + ORDINALS[nxt], EXACT, ""))
                skip.add(i + 1)
                continue
            out.append(Quantity(value, kind, unit_after(i + 1, i)))
        elif w == "one" and (
            nxt == "in" or words[i + 1 : i + 3] in (("out", "of"), ("in", "every"))
        ):
            at = i + 2 if nxt == "in" and i + 2 < n and is_number[i + 2] else i + 3
            total = parse_number(words[at]) if at < n and is_number[at] else None
            if total and total > 1:  # "one in five", "one out of ten"
                out.append(Quantity(round(100 / total, 1), FRACTION, ""))
                skip.add(at)
        elif w in _FRACTION_COUNTS and nxt in _FRACTIONS:
            share = Decimal(100) / _FRACTIONS[nxt]
            unit, taken = _of_one_unit(words, i + 2)
            if not unit and unit_at(words, i + 2)[0] in ("point", "percentage point"):
                unit, taken = unit_at(words, i + 2)  # "a quarter point", "a half point"
            at = i + 3 if words[i + 2 : i + 3] and words[i + 2] in CURRENCIES else i + 2
            if not unit and at < n and is_number[at]:  # "a half-million-pound fee"
                amount = parse_number(words[at]) or Decimal(0)
                out.append(Quantity(amount * share / 100, FRACTION, unit_after(at + 1, at)))
                skip.update(range(i + 1, at + 1))
                continue
            if unit:  # "a quarter of a percentage point", "a quarter of a century"
                out.append(Quantity(share / 100, EXACT, unit))
                skip.update(range(i + 1, i + 2 + taken))
            elif words[i + 2 : i + 3] == ("of",) and i + 3 < n and is_number[i + 3]:
                amount = parse_number(words[i + 3]) or Decimal(0)  # "a quarter of a million"
                out.append(Quantity(amount * share / 100, FRACTION, unit_after(i + 4, i + 3)))
                skip.update((i + 1, i + 2, i + 3))
            elif words[i + 2 : i + 4] in (("of", "a"), ("of", "an")):
                out.append(Quantity(share / 100, EXACT, ""))  # "a quarter of a point"
                skip.update((i + 1, i + 2, i + 3))
            else:
                out.append(_share(round(share, 1), _kind_before(words, i)))
                skip.add(i + 1)
        elif w in _ONE and _and_a_half(words, i + 1):
            # "a point and a half", "one hour and a half", "a decade and a half": 1.5 units
            unit, taken = unit_at(words, i + 1)
            out.append(Quantity(Decimal("1.5"), _kind_before(words, i), unit))
            skip.update(range(i + 1, i + 4 + taken))
        elif w in _ONE and nxt in UNITS and UNITS[nxt][0] == "time":
            if words[i + 2 : i + 5] == ("and", "a", "half"):  # "a decade and a half"
                out.append(Quantity(Decimal("1.5"), _kind_before(words, i), nxt))
                skip.update(range(i + 1, i + 5))
            elif nxt in ("decade", "century", "fortnight") or _kind_before(words, i) != EXACT:
                # "a decade"; "nearly a year" (not "4.5 mm a year": a rate, no figure)
                out.append(Quantity(Decimal(1), _kind_before(words, i), nxt))
                skip.add(i + 1)
        elif w == "half" and nxt in UNITS and UNITS[nxt][0] == "time":
            # "the past half-decade" (5 years), "a half century", "a half hour": half a unit,
            # not a bound on 50% ("over the past half-decade" is no "more than half").
            before = words[i - 1] if i else ""
            kind = EXACT if before in ("past", "last", "previous") else _kind_before(words, i)
            out.append(Quantity(Decimal("0.5"), kind, nxt))
            skip.add(i + 1)
        elif w == "half" and nxt in _ONE and i + 2 < n:
            unit, taken = unit_at(words, i + 2)
            if unit:  # "half a century", "half a percentage point"
                out.append(Quantity(Decimal("0.5"), EXACT, unit))
                skip.update(range(i + 1, i + 2 + taken))
            elif not is_number[i + 2]:
                out.append(Quantity(Decimal("0.5"), EXACT, ""))
                skip.add(i + 1)
        elif w == "half" and (i + 1 < n and is_number[i + 1]):  # "half-million-pound"
            value = parse_number(words[i + 1]) or Decimal(0)
            out.append(Quantity(value / 2, FRACTION, unit_after(i + 2, i)))
            skip.add(i + 1)
        elif w == "half" and nxt in CURRENCIES and i + 2 < n and is_number[i + 2]:
            value = parse_number(words[i + 2]) or Decimal(0)  # "half-million-pound" -> gbp
            out.append(Quantity(value / 2, FRACTION, f"money {nxt}"))
            skip.update((i + 1, i + 2))
        elif w == "half" and i and words[i - 1] in ("first", "second") and nxt == "of":
            # "the first half of 2014" is a period, not a share (round 8): six months of a
            # year ("the first six months of 2014"); of anything else, no figure.
            after = words[i + 2 : i + 4]
            if after[:1] and (is_year(after[0]) or after == ("the", "year")):
                out.append(Quantity(Decimal(6), EXACT, "months"))
        elif w in _FRACTIONS and w.startswith("half") and nxt == "of":  # "half of voters"
            out.append(_share(Decimal(50), _kind_before(words, i)))  # "nearly half of"
        elif w in ("past", "last", "previous") and nxt in ("decade", "century"):
            out.append(Quantity(Decimal(1), EXACT, nxt))  # "the past decade" = 10 years
            skip.add(i + 1)
        elif (
            w == "half"
            and _kind_before(words, i) != EXACT
            and nxt not in _ONE
            and not (i + 1 < n and is_number[i + 1])
        ):  # "more than half", "nearly half of": a bound on 50%
            out.append(Quantity(Decimal(50), _kind_before(words, i), ""))
        elif w in ("per", "every", "each") and nxt in ("decade", "century"):
            out.append(Quantity(Decimal(1), IMPLIED, nxt))  # "3 cm per decade"
            skip.add(i + 1)
        elif w in MULTIPLES:
            # "more than doubled" reaches up to (not) tripled; "nearly tripled" down to doubled
            # ("roughly halved": within 15%; reach 0)
            bound = _kind_before(words, i)
            reach = {ABOVE: Decimal(1), BELOW: Decimal(-1), HEDGED: Decimal(0)}.get(bound)
            if w in _HALVES and bound != HEDGED:
                reach = None
            out.append(Quantity(Decimal(MULTIPLES[w]), IMPLIED, "times", reach=reach))
        elif (
            w in DAY_ORDINALS
            and words[i + 1 : i + 2] == ("of",)
            and words[i + 2 : i + 3] in ((m,) for m in MONTH_NAMES)
        ):
            continue  # "the first of October" is a date's day (``features``), no figure
        elif (
            w in ORDINALS
            and i
            and (
                words[i - 1] in _ORDINAL_OPENERS
                or (
                    w not in _FRACTIONS
                    and words[i - 1] not in _NOT_ORDINAL
                    and not is_number[i - 1]
                )
            )
        ):  # "its ninth", "the council ninth vote"; not "a third", "per second"
            out.append(Quantity(Decimal(ORDINALS[w]), IMPLIED, ""))
        elif w == "first" and i and words[i - 1] in _ORDINAL_OPENERS:
            # "the first" against "the second": an ordinal too, only ever against another
            # (implied: "for the first time" is no figure of its own).
            out.append(Quantity(Decimal(1), IMPLIED, ""))
        elif w in _VAGUE_PLURALS and not (i and is_number[i - 1]):
            low = Decimal(_VAGUE_PLURALS[w]) * 2
            if i >= 2 and words[i - 1] == "of" and words[i - 2] in ("tens", "hundreds"):
                low *= 10 if words[i - 2] == "tens" else 100  # "tens of thousands"
            out.append(Quantity(low, VAGUE, "", low * 5 - 1))  # "thousands": 2,000-9,999
        elif w == "dozen" and i and words[i - 1] in _ONE:
            out.append(Quantity(Decimal(12), _kind_before(words, i - 1), ""))  # "a dozen"
    return tuple(sorted(out, key=lambda q: (q.value, q.kind, q.unit)))


def _share(value: Decimal, kind: int) -> Quantity:
    """A share stated as a fraction ("two-thirds", "half of"): approximate (``FRACTION``), or
    a bound when a word bounds it ("more than two-thirds", "nearly half of")."""
    if kind in (ABOVE, BELOW):
        return Quantity(value, kind, "", reach=SHARE_REACH)
    return Quantity(value, FRACTION, "")


def is_year(word: str) -> bool:
    """A written year of the last two centuries ("1999", "2014")."""
    return len(word) == 4 and word.isdigit() and word[:2] in ("19", "20")


def _and_a_half(words: tuple[str, ...], i: int) -> bool:
    """Whether a unit starting at ``words[i]`` is followed by "and a half"."""
    unit, taken = unit_at(words, i)
    return bool(unit) and words[i + taken : i + taken + 3] == ("and", "a", "half")


def precision(value: Decimal) -> Decimal:
    """The step a figure is given to: 1,000 for "46,000", 1 for "6", 0.01 for "5.98"."""
    if value == 0:
        return Decimal(1)
    if value != value.to_integral_value():
        return Decimal(10) ** value.normalize().as_tuple().exponent
    digits = str(int(value))
    return Decimal(10) ** (len(digits) - len(digits.rstrip("0")))


def _as_quantity(x) -> Quantity:
    return x if isinstance(x, Quantity) else Quantity(*x)


def _celsius(value: Decimal, unit: str, difference: bool) -> Decimal:
    if unit != "fahrenheit":
        return value
    return value * 5 / 9 if difference else (value - 32) * 5 / 9


def _converted(x: Quantity, y: Quantity) -> bool:
    """Two figures in different units of one measure, compared in its base unit."""
    if UNITS[x.unit][0] == "temperature":  # a reading (offset) or a change (no offset)
        return any(
            abs(_celsius(x.value, x.unit, d) - _celsius(y.value, y.unit, d)) <= Decimal("0.6")
            for d in (False, True)
        )
    bx = x.value * Decimal(str(UNITS[x.unit][1]))
    by = y.value * Decimal(str(UNITS[y.unit][1]))
    if abs(bx - by) <= Decimal("0.05") * max(abs(bx), abs(by)):
        return True  # conversions are rounded: "2,000 acres (809 hectares)"
    # "nearly a year" / "11 months": the bound, one step of the hedged figure, in base units;
    # "about 3 feet" / "1 metre": a rounded figure, half a step either way.
    for q, bq, other in ((x, bx, by), (y, by, bx)):
        step = precision(q.value) * Decimal(str(UNITS[q.unit][1]))
        if q.kind == HEDGED and abs(bq - other) <= step / 2:
            return True
        if q.kind == ABOVE and bq <= other < bq + step:
            return True
        if q.kind == BELOW and bq - step < other <= bq:
            return True
    return False


def _bounded(q: Quantity, exact: Quantity) -> bool:
    """ "more than 111,000" holds for 111,693; "nearly 33,000" for 32,705 (an exact figure;
    two hedged figures are compared by rounding, below)."""
    if exact.kind != EXACT:
        return False
    other = exact.value
    step = precision(q.value) if q.value != 12 else Decimal(12)  # "more than a dozen"
    if q.reach is not None:
        step = q.reach
    if q.kind == ABOVE:
        return q.value <= other < q.value + step
    if q.kind == BELOW:
        return q.value - step < other <= q.value
    return False


# Two approximate figures of two kinds are compared as the ranges they admit: "more than
# 220,000" (220,000-230,000) and "about 226,700" (226,650-226,750) can both be true; so can
# "more than 220,000" and "nearly 230,000". Two bounds of one kind ("over 230" / "over 237")
# are not (a changed bound), nor are a bound and the same figure the other way (above).
_APPROXIMATE_PAIRS = ({HEDGED, ABOVE}, {HEDGED, BELOW}, {ABOVE, BELOW})


def _admitted(q: Quantity) -> tuple[Decimal, Decimal]:
    """The range of true values a hedged or bounded figure admits: "about 150" 145-155,
    "more than 220,000" 220,000-230,000, "nearly 33,000" 32,000-33,000."""
    step = q.reach if q.reach is not None else precision(q.value)
    if q.kind == ABOVE:
        return q.value, q.value + step
    if q.kind == BELOW:
        return q.value - step, q.value
    return q.value - step / 2, q.value + step / 2


def _overlap(x: Quantity, y: Quantity) -> bool:
    (lo_x, hi_x), (lo_y, hi_y) = _admitted(x), _admitted(y)
    return max(lo_x, lo_y) < min(hi_x, hi_y)


def significant_digits(value: Decimal) -> int:
    """2 for "19,000" and "2.4", 5 for "19,136"."""
    digits = value.normalize().as_tuple().digits
    return len(digits) if value else 1


# A plain figure is read as another rounded only when that one is given to this many
# significant digits or more: "2,400" / 2,401 and "19,000" / 19,136, not "130" / 131 nor
# "$150 billion" / "$153 billion" (as often a changed figure: a digit or two written anew).
PRECISE_DIGITS = 4


def rounded_from(x, y) -> bool:
    """Whether one of two plain figures is the other rounded to fewer significant digits,
    keeping two or more, from a figure of ``PRECISE_DIGITS`` or more: "19,000" / 19,136,
    "2,400" / 2,401, "7.7 million" / 7,663,000.
    Not a match (a rounded figure may be a changed one: no hedge says it is rounded), but
    not surely another figure either (``conflicts.number_conflict``: uncertain). A figure
    rounded to one digit ("100" / 101, "30" / 31 days, "2,000" / 2,013) is not read so:
    too often the near-miss itself."""
    x, y = _as_quantity(x), _as_quantity(y)
    if x.kind != EXACT or y.kind != EXACT or x.unit != y.unit or x.value == y.value:
        return False
    coarse, fine = (x, y) if precision(x.value) > precision(y.value) else (y, x)
    step = precision(coarse.value)
    # A rate given to a whole percent against one with decimals ("34%" / 33.8%): the usual
    # rounding of a rate, whatever its digits.
    whole_rate = x.unit == "percent" and step >= 1 and precision(fine.value) < 1
    if (
        significant_digits(coarse.value) < 2
        or (significant_digits(fine.value) < PRECISE_DIGITS and not whole_rate)
        or step == precision(fine.value)
    ):
        return False
    return (fine.value / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step == coarse.value


_HALVES = frozenset(_words("halve halved halves halving"))


def multiple_range(m: Quantity) -> tuple[Decimal, Decimal]:
    """The multiples a multiple word admits: "doubled" 2 (within 5%), "roughly halved" 0.5
    (within 15%), "more than doubled" 2-3, "nearly tripled" 2-3."""
    slack = (Decimal("0.15") if m.reach == 0 else Decimal("0.05")) * m.value
    if m.reach == 0 or m.reach is None:
        return m.value - slack, m.value + slack
    if m.reach > 0:
        return m.value, m.value + m.reach
    return m.value + m.reach, m.value


def _multiple_as_increase(x: Quantity, y: Quantity) -> bool:
    """ "doubled" / "rose 100%", "more than doubled" / "rose 120%", "tripled" / "up 200
    percent"; "halved" / "fell 50%" (the direction words tell a rise from a fall)."""
    for m, p in ((x, y), (y, x)):
        if m.unit == "times" and p.unit == "percent" and m.kind == IMPLIED:
            low, high = multiple_range(m)
            if m.value < 1:  # "halved": a fall of 50%
                if (1 - high) * 100 <= p.value <= (1 - low) * 100:
                    return True
                continue
            if (low - 1) * 100 <= p.value <= (high - 1) * 100:
                return True
    return False


def _bound_within_rounding(x: Quantity, y: Quantity) -> bool:
    """A bounded share against a rounded figure on its side (round 10): "nearly a third" /
    "about 30%" (the rounded figure admits 25-35, a third among them, and lies below it);
    not "more than a third" / "about 30%" (the wrong side), nor "nearly a third" / "about
    25%" (20-30 does not reach a third)."""
    for share, other in ((x, y), (y, x)):
        if share.reach is None or other.kind not in ROUNDED:
            continue
        low, high = _admitted(other)
        below = share.kind == BELOW and other.value < share.value
        above = share.kind == ABOVE and other.value > share.value
        if (below or above) and low <= share.value <= high:
            return True
    return False


def compatible(x, y) -> bool:
    """Whether two figures can both be true of one claim.

    Equal values in one measure are; figures in two measures are not; see the module
    docstring for fractions, hedges, ranges, multiples and conversions. "3.4" / "3.5",
    "13" / "10", "100" / "101" without a hedge, and "3,000" / "30,000" are not.
    """
    x, y = _as_quantity(x), _as_quantity(y)
    # "0.5 points" of a rate is half a percentage point; against "percent" it stays a point.
    if {x.unit, y.unit} & {"point"} and {
        UNITS.get(x.unit, ("",))[0],
        UNITS.get(y.unit, ("",))[0],
    } >= {"points of a rate"}:
        x = x._replace(unit="percentage point") if x.unit == "point" else x
        y = y._replace(unit="percentage point") if y.unit == "point" else y
    if {x.kind, y.kind} == {ABOVE, BELOW} and x.value == y.value and x.unit == y.unit:
        return False  # "more than 1,000" / "fewer than 1,000"
    if x.unit and y.unit and x.unit != y.unit:
        if _multiple_as_increase(x, y):
            return True
        if UNITS[x.unit][0] != UNITS[y.unit][0]:
            return False
        return _converted(x, y)
    vx, vy = x.value, y.value
    if vx == vy:
        return True
    for q, other in ((x, y), (y, x)):
        if q.kind == VAGUE:
            high = q.high if q.high is not None else q.value
            low_other = other.value
            high_other = other.high if other.kind == VAGUE and other.high else other.value
            return q.value <= high_other and low_other <= high
    if {x.kind, y.kind} == {SHARE, IMPLIED}:
        return False  # a share (16.7%) is not a count ("1 out of 6" / "1 out of 16")
    # A bounded share against a figure that is itself approximate ("nearly two thirds" /
    # "close to 66%") is compared as a fraction; against an exact one, as a bound (below).
    bounded_share = (x.reach or y.reach) and EXACT not in (x.kind, y.kind)
    if {x.kind, y.kind} & {FRACTION, SHARE} or bounded_share:
        if abs(vx - vy) <= max(3, Decimal("0.05") * max(abs(vx), abs(vy))):
            return True
        return bool(bounded_share) and _bound_within_rounding(x, y)
    if _bounded(x, y) or _bounded(y, x):
        return True
    if {x.kind, y.kind} in _APPROXIMATE_PAIRS:
        return _overlap(x, y)
    step_x, step_y = precision(vx), precision(vy)
    if step_x == step_y:
        return False
    rounder, kind, other, step = (
        (vx, x.kind, vy, step_x) if step_x > step_y else (vy, y.kind, vx, step_y)
    )
    if (other / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step != rounder:
        return False
    # A rounded figure: after a hedge, or one that drops decimals and stays within 0.5%
    # ("7.8%" for 7.79%, "23,851" for 23,851.02); "900" for 903 or "2,000" for 2,013 needs
    # a hedge.
    finer_kind = y.kind if rounder == vx else x.kind
    if kind == finer_kind and kind in (ABOVE, BELOW) and 2 * abs(rounder - other) >= step:
        return False  # "under 5%" / "under 10%": a bound half a step off is another bound
    if kind in ROUNDED or (kind in (ABOVE, BELOW) and finer_kind != EXACT):
        return True  # "more than 1,000" / "at least 1,037"; "nearly 4" / "about 3.7"
    return (
        kind == EXACT
        and step <= 1
        and other != other.to_integral_value()
        and abs(rounder - other) <= Decimal("0.005") * abs(other)
    )
