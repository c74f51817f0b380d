"""Which claimant a claimant string names: pure Python, no database, no Django.

Two steps, so the database is asked only by index:

* :func:`read` turns what extraction gives (the claimant's name, its role, the sourcing)
  into a :class:`Reading`: the kind (person, organization, anonymous), the exact alias
  ``key`` and, for the careful match, a person's ``surname`` and ``given`` name, an
  organisation's ``initials`` or whether the name is an acronym.
* :func:`decide` takes that reading and the known claimants the service fetched by those
  keys (:class:`Candidate`) and says what to do (:class:`Decision`): ``link`` to one of
  them, ``suggest`` some for the desk to accept (never linked silently), ``new`` (no known
  claimant: make one), or ``none`` (nothing to link: a pronoun, a generic "the ministry").

The rules, in order:

1. **Exact alias**: the reading's key (case, accents, punctuation, titles such as Mr./Dr./
   Sen., a leading "the", a possessive "'s" and role words removed) is one of a claimant's
   aliases.
2. **Anonymous descriptions** ("EU sources", "an EU official", "diplomats familiar with the
   talks") are keyed by what they say of the source (:func:`anonymous_key`: "eu source",
   "eu official", "diplomat familiar") and only ever meet other anonymous descriptions: a
   named person or organisation is never linked to, nor suggested for, an anonymous one.
3. **Careful match, persons**: the same surname ("von der Leyen") and no conflicting given
   name, plus one of: the same given name or its initial ("U. von der Leyen"), a role that
   shares a word with one seen for that claimant ("Commission President von der Leyen"),
   or the claimant already named in the same article. One such claimant: linked. Several,
   or a surname alone with nothing else to go on: suggested.
4. **Careful match, organisations**: an acronym and a full name whose initials it is
   ("NATO" / "the North Atlantic Treaty Organization"). One such claimant: linked; several:
   suggested.
"""

from __future__ import annotations

from .deciding import alias_of, decide
from .keys import alias_key, anonymous_key, fold, initials, looks_anonymous, role_words
from .reading import read
from .types import (
    ACTIONS,
    ANONYMOUS,
    ANONYMOUS_PREFIX,
    LINK,
    NEW,
    NONE,
    ORGANIZATION,
    PERSON,
    SUGGEST,
    Alias,
    Candidate,
    Decision,
    Reading,
)

__all__ = [
    "ACTIONS",
    "ANONYMOUS",
    "ANONYMOUS_PREFIX",
    "LINK",
    "NEW",
    "NONE",
    "ORGANIZATION",
    "PERSON",
    "SUGGEST",
    "Alias",
    "Candidate",
    "Decision",
    "Reading",
    "alias_key",
    "alias_of",
    "anonymous_key",
    "decide",
    "fold",
    "initials",
    "looks_anonymous",
    "read",
    "role_words",
]
