"""Speakers carried from one sentence to the next (issue 14), the rules ``attribute_sentences``
applies across sentences besides pronoun resolution and running quotations:

* ``colon_frame``: 'José Gomes: "We went out onto the pitch ...' names the speaker of the
  quotation it opens (a press release's or a club's round-up of what each side said);
* ``one_holder_title``: "the Secretary-General", "The Premier" (a title in capitals, used
  as a name) is one person, whom a later "he" or "she" may stand for.

Pure functions of a sentence and of the antecedent list, so that ``attribution.py`` keeps the
order of the steps and this module the reasons for them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .attribution import Attribution


def _words(spec: str) -> frozenset[str]:
    return frozenset(spec.split())


# A name before a colon and an opening quotation mark: two to four capitalised words (one
# word is too often a kicker: 'Exclusive: "..."'), accented letters and "O'Neil" included.
_NAME_WORD = r"[A-ZÀ-ÖØ-Þ][\w’'.-]*"
_COLON_FRAME_RE = re.compile(rf"^\s*({_NAME_WORD}(?:\s+{_NAME_WORD}){{1,3}})\s*:\s*(?=[\"“«])")
# Words of headline kickers and page furniture that may stand before a colon in Title Case.
_NOT_NAMES = _words(
    """breaking news exclusive watch update updates live video photo photos read more
    opinion analysis editorial editor's note correction full text transcript statement
    quote quotes day week latest related key events comment comments q a"""
)


def colon_frame(text: str) -> tuple[str, str | None, int] | None:
    """(name, title, offset where the quotation starts) when ``text`` opens with 'Name
    Surname:' and a quotation ('Coach Rita Varga: "..."' gives "Rita Varga" and "Coach");
    None otherwise (no mark after the colon, a kicker, a name in capitals: a transcript's
    'COACH SMITH:' is no news frame)."""
    m = _COLON_FRAME_RE.match(text)
    if m is None:
        return None
    name = m.group(1)
    words = [w.lower().rstrip(".") for w in name.split()]
    if name.isupper() or any(w in _NOT_NAMES for w in words):
        return None
    title = None
    if words[0] in _ONE_HOLDER_TITLES | _HONORIFICS and len(words) > 2:
        title, name = name.split(maxsplit=1)
    return name, title, m.end()


# Titles that one person holds at a time ("the Premier", "the special envoy"); the body a
# title names ("the ministry", "the committee") is not among them.
_ONE_HOLDER_TITLES = _words(
    """president premier minister chancellor governor mayor senator ambassador envoy
    secretary secretary-general director-general attorney-general commissioner chairman
    chairwoman chairperson spokesman spokeswoman spokesperson prosecutor sheriff judge
    coach manager captain pope king queen prince princess emperor taoiseach speaker"""
)
_HONORIFICS = _words("mr mrs ms dr prof sir dame")
_TITLE_PHRASE_RE = re.compile(r"(?i)^the\s+(?:[\w’'.-]+\s+){0,3}([\w-]+)$")


def one_holder_title(claimant: str | None, antecedents: Sequence[Attribution]) -> bool:
    """Whether ``claimant`` is "the" and a capitalised title one person holds ("the
    Secretary-General", "The Premier"), used as the name of an office holder the article has
    not named, so a later "he" or "she" may stand for them. A title in lower case ("the
    Florida senator", "the former president") mostly describes again a person named before
    under another name, whom "he" should keep; a title some named person's role holds was
    left unresolved because two hold it, and "he" then stands for the nearest of them."""
    m = _TITLE_PHRASE_RE.match(claimant or "")
    if m is None or not m.group(1)[:1].isupper():
        return False
    title = m.group(1).lower()
    if title not in _ONE_HOLDER_TITLES:
        return False
    return not any(a.kind == "person" and _role_head(a.role) == title for a in antecedents)


def _role_head(role: str | None) -> str:
    """The title a role is ("Manchester United manager" -> "manager"), not one it names
    after "for" or "of" ("Spokesperson for the Secretary-General" -> "spokesperson")."""
    head = re.split(r",| for | of | at | to ", (role or "").lower())[0].split()
    return head[-1] if head else ""
