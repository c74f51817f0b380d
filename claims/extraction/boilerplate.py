"""Recognising the parts of an article page that are not its prose.

Each function looks at one line (or one sentence) of text and says whether it is a
heading, a byline, a dateline, a photo caption or credit, an editor's note, or site
boilerplate ("Read more", newsletter sign-ups). These segments are still returned by
``extract`` (so offsets cover the whole text) but are never check-worthy.
"""

from __future__ import annotations

import re

# A line that ends like a sentence; anything else that is short is a heading.
_TERMINAL_RE = re.compile(r"[.!?…:;][\"'”’)\]]*\s*$")
_MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DATE_RE = re.compile(
    r"\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b"
    rf"|\b{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}\b"
    rf"|\b\d{{1,2}}\s+{_MONTHS}\s+\d{{4}}\b",
)
_DATE_WORDS_RE = re.compile(
    r"^(?:date|dated|published|updated|posted|last updated|first published)\b", re.I
)
# "TURIN —", "WASHINGTON (Reuters) -", "KYIV, Ukraine, Aug. 19 (AP) —": an upper-case place,
# optional region / date / agency, then a dash. Only looked for at a paragraph's start.
DATELINE_RE = re.compile(
    r"^(?P<dateline>[A-Z][A-Z.'\-]+(?:\s+[A-Z][A-Z.'\-]+){0,3}"
    r"(?:,\s*[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+){0,2})?"
    rf"(?:,?\s*{_MONTHS}\s+\d{{1,2}})?"
    r"(?:\s*\([A-Za-z .&]+\))?"
    r"\s*(?:—|–|--|-)\s*)(?=\S)",
)
_BYLINE_RE = re.compile(
    r"^(?:by|written by|words by|story by|reporting by)\s+[A-Z][\w.'’-]+"
    r"(?:[\s,]+(?:and\s+)?[A-Z][\w.'’-]+){0,8}\.?$",
    re.I,
)
_CREDIT_RE = re.compile(
    r"^(?:credit|credits|photo|photos|photograph|photography|image|images|picture|"
    r"pictures|illustration|video|source|photo credit|image credit|graphic|"
    r"pictured|caption|file photo)\s*:",
    re.I,
)
# A credit inside a caption line: "... in Sumy, Ukraine. Credit: Pool / ZUMA Press Wire".
CREDIT_INLINE_RE = re.compile(
    r"(?:(?<=\s)|^)(?:Credit|Photo|Photograph|Image|Picture|Photo credit|Image credit)\s*:\s*\S"
    r"|\((?:Photo|Image|Credit|Picture)(?:\s+by)?\s*:?\s*[^)]*\)\s*$"
    r"|\s(?:/\s*)?(?:Getty Images|AFP via Getty Images|Reuters/[A-Z]\w+|AP Photo\b[^.]*)\s*$",
)
_PICTURED_RE = re.compile(r"^(?:pictured|above|below|top|left|right|main image)\s*[:,—-]", re.I)
_BOILERPLATE_RE = re.compile(
    r"^(?:read more|read also|see also|related|more on this|recommended|most read|"
    r"sign up|subscribe|newsletter|get our|get the|click here|follow us|follow \w+ on|"
    r"share this|advertisement|sponsored|this article (?:was|is|has been|first)|"
    r"copyright|©|all rights reserved|don't miss|want more|join us|listen to|"
    r"watch:|watch the|reporting by|editing by|additional reporting|"
    r"this story (?:has been|was|originally)|we may earn|our newsletter)",
    re.I,
)
_BOILERPLATE_ANY_RE = re.compile(
    r"\b(?:sign up for (?:our|the) [\w ]*newsletter|subscribe to (?:our|the) [\w ]*newsletter"
    r"|delivered to your inbox|sign up here|subscribe now|all rights reserved)\b",
    re.I,
)
_EDITORS_NOTE_RE = re.compile(
    r"^(?:\(?editor['’]?s['’]? note|note to readers|correction|clarification|update)\b"
    r"[^:.]{0,40}[:.—-]",
    re.I,
)
_WORD_RE = re.compile(r"\w+")

HEADING_MAX_WORDS = 12
_INNER_BOUNDARY_RE = re.compile(r"[a-z0-9][.!?][\"'”’]?\s+[A-Z]")


def line_kind(line: str) -> str | None:
    """The kind of a whole line, if the whole line is one non-prose segment.

    Returns ``None`` for a prose line that should be split into sentences.
    """
    text = line.strip()
    if not text:
        return None
    words = _WORD_RE.findall(text)
    terminal = bool(_TERMINAL_RE.search(text))
    if _EDITORS_NOTE_RE.match(text):
        return "editors_note"
    if _CREDIT_RE.match(text):
        return "caption" if text.lower().startswith(("pictured", "caption")) else "credit"
    if _BOILERPLATE_RE.match(text) or (len(words) <= 30 and _BOILERPLATE_ANY_RE.search(text)):
        return "boilerplate"
    if _BYLINE_RE.match(text) and len(words) <= 12:
        return "byline"
    if CREDIT_INLINE_RE.search(text):
        return None  # a caption with its credit: split by the caller
    if len(words) <= HEADING_MAX_WORDS and not terminal:
        if _DATE_RE.search(text) or _DATE_WORDS_RE.match(text):
            return "dateline"
        if not _INNER_BOUNDARY_RE.search(text):
            return "heading"
    if len(words) <= 6 and _DATE_RE.search(text) and _DATE_WORDS_RE.match(text):
        return "dateline"
    return None


def sentence_kind(sentence: str) -> str | None:
    """The kind of one sentence inside a prose line, if it is not prose."""
    text = sentence.strip()
    if _EDITORS_NOTE_RE.match(text):
        return "editors_note"
    if _CREDIT_RE.match(text) or CREDIT_INLINE_RE.match(text):
        return "caption" if text.lower().startswith(("pictured", "caption")) else "credit"
    if _PICTURED_RE.match(text):
        return "caption"
    if _BOILERPLATE_RE.match(text) or _BOILERPLATE_ANY_RE.search(text):
        return "boilerplate"
    return None


def is_credit_line(line: str) -> bool:
    """A line that is (or starts with) a photo credit."""
    return bool(_CREDIT_RE.match(line.strip()))
