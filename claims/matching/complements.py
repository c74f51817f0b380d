"""A negated set against all of its complement: "none of the 157 people aboard survived" is
"the crash killed all 157 people on board", "not a single state backed the proposal" is "all
six states voted No". (For every x, not P(x), is for every x, the opposite of P(x), where
the two poles leave nothing between them: one is killed or survives, a ballot is for or
against, a decision approves or rejects.)

The negation detector does not count such a negation, and the direction detector does not
count its family as opposite, when the other claim says "all" / "every" of the opposite pole
and holds no negation itself. Families with a middle ("rose" / "fell": prices may hold) are
left out: "no company raised prices" is not "all companies cut them". General English and
logic, written by hand; read from the normalised tokens.
"""

from __future__ import annotations

from .features import Features, ballot_option

# Families whose two poles are complements (nothing between them).
COMPLEMENTS = frozenset({"fate", "stance", "decision"})
UNIVERSALS = frozenset({"all", "every", "each", "everyone", "everybody"})
_SET_NEGATIONS = frozenset({"none", "nobody", "no"})


def _negates_a_set(tokens: tuple[str, ...]) -> bool:
    """ "none of", "nobody", "no one", "not a single", "not one"."""
    for i, w in enumerate(tokens):
        nxt = tokens[i + 1 : i + 3]
        if w in _SET_NEGATIONS and not ballot_option(list(tokens), i):
            return True
        if w == "not" and nxt[:1] == ("one",):
            return True
        if w == "not" and nxt == ("a", "single"):
            return True
    return False


def _poles(f: Features) -> dict[str, set[int]]:
    out: dict[str, set[int]] = {}
    for family, up, down in f.directions:
        if family in COMPLEMENTS:
            out[family] = {s for s, n in ((1, up), (-1, down)) if n}
    return out


def complement_family(a: Features, b: Features) -> str | None:
    """The family in which ``a`` negates a set and ``b`` says all of the opposite pole
    ("none ... survived" / "killed all"), or None; either way round."""
    for x, y in ((a, b), (b, a)):
        if not (_negates_a_set(x.tokens) and UNIVERSALS & set(y.tokens) and not y.negations):
            continue
        px, py = _poles(x), _poles(y)
        for family in sorted(set(px) & set(py)):
            if len(px[family]) == 1 and len(py[family]) == 1 and px[family] != py[family]:
                return family
    return None
