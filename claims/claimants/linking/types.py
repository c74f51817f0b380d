"""What linking reads and decides: the kinds, the actions, a claimant string's :class:`Reading`, a
known claimant's :class:`Alias` and :class:`Candidate`, the :class:`Decision`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

PERSON, ORGANIZATION, ANONYMOUS = "person", "organization", "anonymous"
ANONYMOUS_PREFIX = "anon:"

LINK, SUGGEST, NEW, NONE = "link", "suggest", "new", "none"
ACTIONS = (LINK, NEW, SUGGEST, NONE)


@dataclass(frozen=True)
class Reading:
    """What a claimant string says, read without the database."""

    kind: str
    # The name as it is displayed (titles and role words removed, original case).
    name: str
    # The exact alias key (:func:`alias_key`; ``anon:...`` for an anonymous description).
    key: str
    # Role words split off the name, and any role extraction gave ("transport director").
    role: str = ""
    # A person's surname key ("von der leyen") and given-name key ("ursula"; "u" for an
    # initial; "" when the string names the surname only).
    surname: str = ""
    given: str = ""
    # An organisation: the initials of a name of two or more words ("nato"), whether the
    # name is itself an acronym, and more keys it goes by ("IAEA" in "... Agency (IAEA)").
    initials: str = ""
    is_acronym: bool = False
    other_keys: tuple[str, ...] = ()
    # The kind is a guess (one capitalised word, no role: "Palantir" or "Medvedev").
    kind_uncertain: bool = False
    # A lower-case description with no name ("the ministry"): no claimant of its own.
    generic: bool = False

    @property
    def keys(self) -> tuple[str, ...]:
        return (self.key, *self.other_keys)


@dataclass(frozen=True)
class Alias:
    """One alias of a known claimant, as stored (``ClaimantAlias``)."""

    key: str
    surname: str = ""
    given: str = ""
    initials: str = ""
    is_acronym: bool = False


@dataclass(frozen=True)
class Candidate:
    """A known claimant the service fetched for a reading."""

    id: int
    kind: str
    aliases: tuple[Alias, ...]
    # Role keys seen for it (:func:`role_words` of each role).
    roles: tuple[str, ...] = ()


@dataclass(frozen=True)
class Decision:
    action: str  # LINK, SUGGEST, NEW or NONE
    claimant_id: int | None = None
    suggestions: tuple[int, ...] = ()
    # Why, in a word: exact, surname+given, surname+role, surname+article, acronym, ...
    reason: str = ""
    reading: Reading | None = field(default=None, compare=False)
