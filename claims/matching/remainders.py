"""A share against its remainder (round 8): "28 per cent full" is "nearly three quarters
empty", "20 per cent contained" is "four fifths uncontained", "50.3 per cent fully
vaccinated" is "just under half not fully vaccinated", "over 90 per cent" is "fewer than one
in ten from outside". Two shares of one whole (percent, fractions, "one in N") that add up to
100, once the bound of one is turned round ("more than 97" leaves "fewer than 3"), are one
figure when exactly one of the two claims says it counts the rest: a negation the other
lacks, a word that names the rest ("empty", "outside", "other", "rest", "remaining",
"without"), or a word the other claim gives with "un-" before it ("uncontained" /
"contained"). Without such a word "20 per cent contained" and "80 per cent contained" stay
two figures. General English and arithmetic, written by hand; read from the normalised
tokens.
"""

from __future__ import annotations

from .features import Features
from .quantities import ABOVE, BELOW, FRACTION, SHARE, Quantity, compatible

# Words that say a claim counts the rest of a whole.
REST_WORDS = frozenset(("empty", "outside", "other", "rest", "remaining", "without"))
_FLIP = {ABOVE: BELOW, BELOW: ABOVE}


def _share(q: Quantity) -> bool:
    """A share of a whole: a percentage, a fraction, "one in N", "half"."""
    if q.unit == "percent":
        return 0 < q.value < 100
    return not q.unit and 0 < q.value < 100 and (q.kind in (FRACTION, SHARE) or q.reach is not None)


def _rest(q: Quantity) -> Quantity:
    """What a share leaves of the whole, its bound turned round."""
    return q._replace(value=100 - q.value, kind=_FLIP.get(q.kind, q.kind))


def _un_words(x: Features, y: Features) -> bool:
    """A word of ``x`` that is a word of ``y`` with "un-" before it ("uncontained")."""
    return any(len(t) > 5 and t.startswith("un") and t[2:] in y.token_set for t in x.tokens)


def counts_the_rest(x: Features, y: Features) -> str | None:
    """How ``x``, and not ``y``, says it counts the rest of a whole: "negation", "word" or
    None."""
    un_x, un_y = _un_words(x, y), _un_words(y, x)
    if un_x or un_y:
        return "word" if un_x and not un_y else None
    rest_x, rest_y = REST_WORDS & set(x.tokens), REST_WORDS & set(y.tokens)
    if rest_x and not rest_y:
        return "word"
    if rest_x or rest_y:
        return None
    if x.negations == y.negations + 1:
        return "negation"
    return None


def remainders(a: Features, b: Features) -> list[tuple[Quantity, Quantity, str]]:
    """Each share of ``a`` and share of ``b`` that is its remainder, with how one claim says
    it counts the rest ("negation" or "word"); either way round."""
    cue = counts_the_rest(a, b) or counts_the_rest(b, a)
    if cue is None:
        return []
    out = []
    for x in a.quantities:
        if not _share(x):
            continue
        for y in b.quantities:
            if _share(y) and x.value != y.value and compatible(x, _rest(y)):
                out.append((x, y, cue))
    return out


def resolve_remainders(only_a: list, a: Features, only_b: list, b: Features) -> tuple[list, list]:
    """``only_a`` / ``only_b`` without a share and its remainder."""
    for x, y, _ in remainders(a, b):
        if any(q is x for q in only_a) and any(q is y for q in only_b):
            only_a = [q for q in only_a if q is not x]
            only_b = [q for q in only_b if q is not y]
    return only_a, only_b
