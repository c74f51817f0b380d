"""Detectors for pairs a fact-checker would treat as DIFFERENT claims, however alike the words.

Each detector looks at the two ``Features`` and returns a reason string or ``None``. All of
them are symmetric in their arguments. A pair with any conflict is never auto-linked (see
``score.py``); the reasons are shown to the reviewer.

- ``number``: the non-date numbers differ ("3.4 percent" vs "2.1 percent"), or only one side
  gives a figure. Numbers are compared after normalization, so "14m" equals "14 million".
- ``date``: years or month/weekday names differ.
- ``negation``: the claims have a different number of negation words ("not", "never", "no",
  "n't" -> "not"): one was inserted or removed.
- ``entity``: each side names a person/place/organization (a capitalized word mid-sentence or
  an alias such as "uk") that the other does not mention at all: a substitution.
- ``roles``: the same two names (or numbers) with exchanged roles ("founded by A, led by B" vs
  "founded by B, led by A"; "from 3 to 5" vs "from 5 to 3"). A role is the function word in
  front of the name and the nearest content word before it, so an active/passive rewrite
  ("A founded B" / "B was founded by A") is not a swap: "by" makes the roles differ.
- ``direction``: opposite net direction within a family of antonyms ("rose"/"fell",
  "more"/"fewer", "won"/"lost", "support"/"oppose", "before"/"after", ...).
"""

from __future__ import annotations

from collections.abc import Callable

from .features import Features


def _mentioned(entity: str, other: Features) -> bool:
    if entity in other.token_set:
        return True
    # "Korea"/"Korean", "Obama"/"Obamas": names, one a prefix of the other, both long enough.
    # Only against the other side's names: "Affordable" is not "afford".
    names = other.strong_entities | other.weak_entities
    return len(entity) >= 4 and any(
        len(tok) >= 4
        and abs(len(tok) - len(entity)) <= 3
        and (tok.startswith(entity) or entity.startswith(tok))
        for tok in names
    )


def number_conflict(a: Features, b: Features) -> str | None:
    if a.numbers == b.numbers:
        return None
    if not a.numbers or not b.numbers:
        only = a.numbers or b.numbers
        return f"extra number: {', '.join(only[:3])} in one claim only"
    return f"number: {', '.join(a.numbers[:3])} vs {', '.join(b.numbers[:3])}"


def date_conflict(a: Features, b: Features) -> str | None:
    if a.dates == b.dates:
        return None
    da, db = sorted(a.dates - b.dates), sorted(b.dates - a.dates)
    return f"date: {' '.join(da) or '-'} vs {' '.join(db) or '-'}"


def negation_conflict(a: Features, b: Features) -> str | None:
    # Counts, not presence: a long claim may already hold one "not" elsewhere.
    if a.negations != b.negations:
        return f"negation: {a.negations} vs {b.negations} negation words"
    return None


def entity_conflict(a: Features, b: Features) -> str | None:
    only_a = sorted(e for e in a.strong_entities if not _mentioned(e, b))
    only_b = sorted(e for e in b.strong_entities if not _mentioned(e, a))
    if only_a and only_b:
        return f"entity: {' '.join(only_a[:3])} vs {' '.join(only_b[:3])}"
    if only_a or only_b:
        return f"extra entity: {' '.join((only_a or only_b)[:3])} in one claim only"
    return None


def role_conflict(a: Features, b: Features) -> str | None:
    roles_a, roles_b = dict(a.roles), dict(b.roles)
    shared = sorted(set(roles_a) & set(roles_b))
    # Compare the role with one context word, then with two: "prices up 30%, premiums up 17%"
    # only differs in the second word before each number.
    for size in (2, 3):
        for i, x in enumerate(shared):
            for y in shared[i + 1 :]:
                ax, ay = roles_a[x][:size], roles_a[y][:size]
                bx, by = roles_b[x][:size], roles_b[y][:size]
                if ax != ay and ax == by and ay == bx and any(ax) and any(ay):
                    return f"roles: {x} and {y} swapped"
    return None


def direction_conflict(a: Features, b: Features) -> str | None:
    da = {f: (up, down) for f, up, down in a.directions}
    db = {f: (up, down) for f, up, down in b.directions}
    for family in sorted(set(da) | set(db)):
        up_a, down_a = da.get(family, (0, 0))
        up_b, down_b = db.get(family, (0, 0))
        if (up_a - up_b) * (down_a - down_b) < 0:
            return f"direction: opposite {family}"
    return None


DETECTORS: tuple[Callable[[Features, Features], str | None], ...] = (
    number_conflict,
    date_conflict,
    negation_conflict,
    entity_conflict,
    role_conflict,
    direction_conflict,
)


def find_conflicts(a: Features, b: Features) -> tuple[str, ...]:
    """Every conflict reason for the pair, in a fixed order (symmetric up to wording)."""
    return tuple(r for r in (d(a, b) for d in DETECTORS) if r)
