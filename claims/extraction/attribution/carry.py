"""Speakers carried from one sentence to the next (issue 14), the rules ``attribute_sentences``
applies across sentences besides pronoun resolution and running quotations:

* ``colon_frame``: 'José Gomes: "We went out onto the pitch ...' names the speaker of the
  quotation it opens (a press release's or a club's round-up of what each side said);
* ``one_holder_title``: "the Secretary-General", "The Premier" (a title in capitals, used
  as a name) is one person, whom a later "he" or "she" may stand for;
* ``closes_unopened``: a paragraph with no opening mark whose first mark closes a quotation
  before its frame ('They talked ... It was useful," Lund said.') goes on with the quotation
  the paragraph before left open (wire copy that does not reopen each paragraph);
* ``second_speaker``: in "A said X while B said, "..." the quotation left open at the
  sentence's end is B's, and so are the quoted sentences that go on with it.

Pure functions of a sentence and of the antecedent list, so that ``attribution.py`` keeps the
order of the steps and this module the reasons for them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .lexicon import _OFFICE_TITLES, _words

if TYPE_CHECKING:
    from .result import Attribution


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
_ONE_HOLDER_TITLES = _OFFICE_TITLES | _words(
    """secretary-general director-general attorney-general pope king queen prince princess
    emperor taoiseach speaker"""
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


_MARK_RE = re.compile(r"[“”«»\"]")
# A straight mark closes a quotation when it follows the end of a clause ('... useful," Lund').
_CLAUSE_END_RE = re.compile(r"[,.?!…]$")
_FRAME_WORD_RE = re.compile(r"^\s*,?\s*[A-Za-zÀ-ÖØ-öø-ÿ]")


def closes_unopened(paragraph: str) -> bool:
    """Whether ``paragraph``, which opens with no quotation mark, has as its first mark one
    that closes a quotation after four words or more and before a frame's words: then it goes
    on with a quotation left open by the paragraph before (an opening mark, or a straight mark
    not at a clause's end, is a new quotation)."""
    text = paragraph.replace("''", '"').lstrip()
    m = _MARK_RE.search(text)
    if m is None or m.start() == 0 or m.group() in "“«":
        return False
    before, after = text[: m.start()], text[m.end() :]
    if m.group() == '"' and not _CLAUSE_END_RE.search(before):
        return False
    return len(before.split()) >= 4 and bool(_FRAME_WORD_RE.match(after))


_SAYING = (
    r"(?:said|says|added|adds|replied|declared|stated|continued|told\s+(?:reporters|journalists))"
)
_SECOND_SPEAKER_RE = re.compile(
    rf"\b(?:while|and|but|whereas)\s+({_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}})\s+{_SAYING}\s*[,:]?\s*[\"“]"
)


def second_speaker(text: str, claimant: str | None) -> str | None:
    """The name of a second speaker whose quotation is the last one ``text`` opens ("... the
    chemistry was good while Kasuri said, "We discussed ...") when it is not ``claimant``, the
    sentence's first speaker; None otherwise."""
    found = list(_SECOND_SPEAKER_RE.finditer(text))
    if not found or claimant is None:
        return None
    m = found[-1]
    rest = text[m.end() :]
    if _MARK_RE.search(rest.replace("''", '"')) is not None:
        return None  # the quotation closes in the sentence: nothing is left open
    name = m.group(1)
    if name.lower() in claimant.lower() or claimant.lower() in name.lower():
        return None
    if name.split()[0].lower() in _NOT_NAMES | _words("he she they it we i"):
        return None
    return name
