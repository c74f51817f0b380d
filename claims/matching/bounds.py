"""A negated reach that states a bound: "failed to reach the 10% threshold" / "won under
10%", "did not top 5,000" / "fewer than 5,000". Not counted by the negation detector when the
other claim bounds the same figure from above ("under", "below", "less than", "fewer than",
"short of"); against a claim that says the figure was reached ("reached 10%", "more than
10%") it stays a negation. General English, by hand.
"""

from __future__ import annotations

from .normalize import parse_number

_NOT = frozenset(("not", "never"))
_FAILED = frozenset(("fail", "fails", "failed", "failing"))
_REACH = frozenset(("reach", "reached", "hit", "pass", "clear", "meet", "top", "exceed",
                    "surpass", "make", "cross"))  # fmt: skip
_UNDER = (("under",), ("below",), ("less", "than"), ("fewer", "than"), ("short", "of"))
# Words that may stand between the verb and its figure: "reach the 10% threshold".
_FIGURE_GAP = 3


def _figure_near(tokens: tuple[str, ...], i: int) -> str | None:
    for t in tokens[i : i + _FIGURE_GAP]:
        if t not in ("a", "an") and parse_number(t) is not None:
            return t
    return None


def _bounded_above(tokens: tuple[str, ...]) -> frozenset[str]:
    """The figures a claim bounds from above ("under 10%" -> "10")."""
    out = set()
    for i in range(len(tokens)):
        for words in _UNDER:
            if tuple(tokens[i : i + len(words)]) == words:
                figure = _figure_near(tokens, i + len(words))
                if figure is not None:
                    out.add(figure)
    return frozenset(out)


def bound_negations(tokens: tuple[str, ...], other: tuple[str, ...]) -> int:
    """How many negations of ``tokens`` negate reaching a figure ``other`` bounds from
    above: "did not reach 50 percent" / "under 50 percent"."""
    bounded = _bounded_above(other)
    if not bounded:
        return 0
    count = 0
    for i, w in enumerate(tokens):
        if w in _NOT:
            verb = i + 1
        elif w in _FAILED and tokens[i + 1 : i + 2] == ("to",):
            verb = i + 2
        else:
            continue
        reach = tokens[verb : verb + 1] and tokens[verb] in _REACH
        if reach and _figure_near(tokens, verb + 1) in bounded:
            count += 1
    return count
