"""What to do with a reading and the known claimants fetched for it (:func:`decide`): link,
suggest, new or none, by exact alias or the careful match.
"""

from __future__ import annotations

from collections.abc import Iterable

from .keys import role_words
from .types import ANONYMOUS, LINK, NEW, NONE, PERSON, SUGGEST, Alias, Candidate, Decision, Reading


def decide(
    reading: Reading | None,
    candidates: Iterable[Candidate],
    *,
    context: Iterable[int] = (),
) -> Decision:
    """What to do with ``reading`` given the known claimants the service fetched for it
    (those with an alias whose key is one of ``reading.keys``, whose surname is
    ``reading.surname``, or whose initials or acronym meet the reading's). ``context``: the
    claimants already named in the same article."""
    if reading is None:
        return Decision(NONE, reason="nothing to link")
    candidates = list(candidates)
    anonymous = reading.kind == ANONYMOUS
    # Anonymous descriptions only ever meet anonymous claimants, and named ones named ones.
    candidates = [c for c in candidates if (c.kind == ANONYMOUS) == anonymous]
    context = frozenset(context)
    if reading.kind == PERSON and not reading.given:
        # "Trump said", in an article that named Eric Trump: him, whatever the aliases say.
        named = {c.id for c in candidates if c.id in context and _has_surname(c, reading)}
        if len(named) == 1:
            return Decision(LINK, named.pop(), reason="surname+article", reading=reading)
    for candidate in candidates:
        if any(alias.key in reading.keys for alias in candidate.aliases):
            return Decision(LINK, candidate.id, reason="exact", reading=reading)
    if anonymous:
        return Decision(NEW, reason="new description", reading=reading)
    if reading.generic:
        return Decision(NONE, reason="generic description", reading=reading)
    if reading.kind == PERSON:
        return _decide_person(reading, candidates, context)
    return _decide_organization(reading, candidates)


def _decide_person(reading: Reading, candidates: list[Candidate], context: frozenset) -> Decision:
    possible: list[Candidate] = []
    strong: list[tuple[Candidate, str]] = []
    role = set(role_words(reading.role).split())
    for candidate in candidates:
        same = [a for a in candidate.aliases if a.surname and a.surname == reading.surname]
        if not same:
            continue
        givens = {a.given for a in same if a.given}
        if (
            reading.given
            and givens
            and not any(_given_compatible(reading.given, g) for g in givens)
        ):
            continue  # "Eric Trump" is not "Donald Trump"
        possible.append(candidate)
        seen = {w for r in candidate.roles for w in r.split()}
        if reading.given and any(_given_compatible(reading.given, g) for g in givens):
            strong.append((candidate, "surname+given"))
        elif candidate.id in context:
            strong.append((candidate, "surname+article"))
        elif role and role & seen:
            strong.append((candidate, "surname+role"))
    if len(possible) == 1 and len(strong) == 1:
        candidate, why = strong[0]
        return Decision(LINK, candidate.id, reason=why, reading=reading)
    if possible:
        ids = tuple(sorted(c.id for c in possible))
        return Decision(SUGGEST, suggestions=ids, reason="same surname", reading=reading)
    return Decision(NEW, reason="new name", reading=reading)


def _has_surname(candidate: Candidate, reading: Reading) -> bool:
    return any(a.surname and a.surname == reading.surname for a in candidate.aliases)


def _given_compatible(a: str, b: str) -> bool:
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    return len(short) == 1 and long.startswith(short)


def _decide_organization(reading: Reading, candidates: list[Candidate]) -> Decision:
    matches = []
    for candidate in candidates:
        for alias in candidate.aliases:
            if reading.is_acronym and not alias.is_acronym and alias.initials == reading.key:
                matches.append(candidate)
                break
            if reading.initials and alias.is_acronym and alias.key == reading.initials:
                matches.append(candidate)
                break
    ids = tuple(sorted({c.id for c in matches}))
    if len(ids) == 1:
        return Decision(LINK, ids[0], reason="acronym", reading=reading)
    if ids:
        return Decision(SUGGEST, suggestions=ids, reason="acronym", reading=reading)
    return Decision(NEW, reason="new name", reading=reading)


def alias_of(reading: Reading, key: str | None = None) -> Alias:
    """The alias a reading gives its claimant (for ``key``, one of ``reading.keys``)."""
    key = key or reading.key
    if key != reading.key:  # a parenthesised acronym
        return Alias(key=key, is_acronym=True)
    return Alias(
        key=key,
        surname=reading.surname,
        given=reading.given,
        initials=reading.initials,
        is_acronym=reading.is_acronym,
    )
