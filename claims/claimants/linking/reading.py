"""A claimant string read without the database (:func:`read`): a person, an organisation (the one a
spokesperson speaks for), an anonymous description, or nothing to link.
"""

from __future__ import annotations

import re

from .keys import (
    _is_acronym,
    _is_name_word,
    _key_word,
    _strip_possessive,
    alias_key,
    anonymous_key,
    fold,
    initials,
    looks_anonymous,
)
from .types import ANONYMOUS, ORGANIZATION, PERSON, Reading
from .words import (
    _HONORIFICS,
    _JOINERS,
    _ORGANIZATION_WORDS,
    _PAREN_ACRONYM,
    _PARTICLES,
    _PRONOUNS,
    _TITLES,
    _WORD,
)


def read(name: str, role: str = "", sourcing: str = "") -> Reading | None:
    """Read a claimant: ``name`` as extraction gives it (or any string a person typed:
    titles, roles, possessives and acronyms are handled), ``role`` extraction's claimant
    role, ``sourcing`` the claim's (``anonymous`` makes it an anonymous description).
    None when there is nothing to link (empty, a pronoun)."""
    name = " ".join((name or "").split()).strip(" ,;:.\"'“”")
    role = " ".join((role or "").split())
    if not name or fold(name) in _PRONOUNS:
        return None
    if sourcing == ANONYMOUS or looks_anonymous(name):
        key = anonymous_key(name)
        return Reading(kind=ANONYMOUS, name=name, key=key, role=role) if key else None
    # "Mark Rutte, NATO's secretary general": the appositive is a role.
    # "The CEO of Palantir, Alex Karp": the name is the part that is only a name.
    if "," in name:
        head, tail = (part.strip() for part in name.split(",", 1))
        if _is_pure_name(tail) and not _is_pure_name(head):
            head, tail = tail, head
        if _WORD.findall(head):
            name, role = head, " ".join(p for p in (tail, role) if p)
    paren = _PAREN_ACRONYM.search(name)
    other_keys: tuple[str, ...] = ()
    if paren:
        other_keys = (alias_key(paren.group(1)),)
        name = (name[: paren.start()] + name[paren.end() :]).strip()
    spokes = _spokesperson_for(name)
    if spokes:
        return _organization(spokes, " ".join(p for p in ("spokesperson", role) if p), other_keys)
    words = _WORD.findall(name)
    if not words:
        return None
    if len(words) == 1 and _is_acronym(words[0]):
        return _organization(name, role, other_keys)
    # The personal name: the trailing run of capitalised words (particles allowed inside);
    # the words before it are the role ("US envoy Steve Witkoff").
    run: list[str] = []
    for word in reversed(words):
        bare = _strip_possessive(word)
        folded = fold(bare).rstrip(".")
        if _is_title(folded) or _is_acronym(bare):
            break
        if _is_name_word(bare) or (run and folded in _PARTICLES):
            run.insert(0, bare)
        else:
            break
    before = fold(words[len(words) - len(run) - 1]) if 0 < len(run) < len(words) else ""
    # "... Co-operation and Development", "Bank of England": a body's name, not a person's.
    if not run or _is_organization(run) or before in _JOINERS or fold(run[0]) == "the":
        if all(w[:1].islower() for w in words):
            return Reading(
                kind=ORGANIZATION, name=name, key=alias_key(name), role=role, generic=True
            )
        return _organization(name, role, other_keys)
    role_part = " ".join(
        w for w in words[: len(words) - len(run)] if fold(w).rstrip(".") not in _HONORIFICS
    )
    role = " ".join(p for p in (role_part, role) if p)
    surname, given = _surname_given(run)
    capitalised = [w for w in run if fold(w) not in _PARTICLES]
    display = " ".join(run)
    return Reading(
        kind=PERSON,
        name=display,
        key=alias_key(display),
        role=role,
        surname=surname,
        given=given,
        kind_uncertain=len(capitalised) == 1 and not role,
    )


_SPOKES = r"spokes(?:person|man|woman|people|men|women)"
_SPOKESPERSON = (
    re.compile(rf"^(?:(?:an?|the)\s+)?(?P<body>.+?)'?s?\s+{_SPOKES}$", re.IGNORECASE),
    re.compile(rf"^(?:(?:an?|the)\s+)?{_SPOKES}\s+(?:for|of|at)\s+(?P<body>.+)$", re.IGNORECASE),
)


def _spokesperson_for(name: str) -> str:
    """The body an unnamed spokesperson speaks for ("a State Department spokesperson",
    "a spokeswoman for Palantir"), or ""."""
    for pattern in _SPOKESPERSON:
        match = pattern.match(name)
        if match:
            return match.group("body").strip()
    return ""


def _is_title(folded: str) -> bool:
    # "director-general", "secretary-general": a title if any part is one.
    return folded in _TITLES or any(part in _TITLES for part in folded.split("-"))


def _is_pure_name(text: str) -> bool:
    """Whether ``text`` is a personal name and nothing else ("Alex Karp", "Ursula von der
    Leyen"; not "CEO of Palantir", not "Human Rights Watch")."""
    words = [_strip_possessive(w) for w in _WORD.findall(text)]
    names = [w for w in words if _is_name_word(w)]
    return (
        bool(names)
        and all(_is_name_word(w) or fold(w) in _PARTICLES for w in words)
        and not any(_is_title(fold(w).rstrip(".")) for w in words)
        and not _is_organization(words)
    )


def _is_organization(words: list[str]) -> bool:
    folded = [fold(_strip_possessive(w)) for w in words]
    return any(w in _ORGANIZATION_WORDS for w in folded)


def _organization(name: str, role: str, other_keys: tuple[str, ...]) -> Reading:
    words = _WORD.findall(name)
    while words and fold(words[0]) == "the":
        words.pop(0)
    display = " ".join(
        _strip_possessive(w) if i == len(words) - 1 else w for i, w in enumerate(words)
    )
    acronym = len(words) == 1 and _is_acronym(words[0])
    generic = all(w[:1].islower() for w in words)
    return Reading(
        kind=ORGANIZATION,
        name=display,
        key=alias_key(display),
        role=role,
        initials="" if acronym else initials(display),
        is_acronym=acronym,
        other_keys=tuple(k for k in other_keys if k and k != alias_key(display)),
        generic=generic,
    )


def _surname_given(run: list[str]) -> tuple[str, str]:
    """("von der leyen", "ursula") for "Ursula von der Leyen"; ("leyen"...) never: the
    particles before the last word belong to the surname. The given name is the first
    word's key ("u" for "U."); "" when the run is the surname alone."""
    last = len(run) - 1
    start = last
    while start > 0 and fold(run[start - 1]) in _PARTICLES:
        start -= 1
    surname = " ".join(_key_word(w) for w in run[start:])
    given = _key_word(run[0]) if start > 0 else ""
    return surname, given
