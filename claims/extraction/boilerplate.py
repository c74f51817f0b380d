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
_WEEKDAYS = r"(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs?)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?"
# A dateline's dash: an em dash or "--" (spaces optional); an en dash or hyphen needs a space
# on one side ("WASHINGTON - ", "ROME– ") or a closing parenthesis before it
# ("(Jiji Press)--"), so that "AFL-CIO" or "AP-GfK" are never cut.
_DATELINE_DASH = r"(?:\s*(?:—|--)\s*|\s+[–-]\s*|\s*[–-]\s+|(?<=\))\s*[–-]\s*)"
# "TURIN —", "WASHINGTON -", "KYIV, Ukraine, Aug. 19 —": an upper-case place, optional
# region / date, then a dash; or a colon, as Malaysian, Indian and Pakistani papers write
# it ("PUTRAJAYA: ", "NEW DELHI: "). Only looked for where a story's first paragraph starts.
DATELINE_RE = re.compile(
    r"^(?P<dateline>[A-Z][A-Z.'’\-]+(?:\s+[A-Z][A-Z.'’\-]+){0,3}"
    r"(?:,\s*[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+){0,2})?"
    rf"(?:,?\s*{_MONTHS}\s+\d{{1,2}})?"
    r"(?:\s*\([A-Za-z .&/]+\))?"
    rf"(?:{_DATELINE_DASH}|:\s+(?=[\"'“‘]?[A-Z])))(?=\S)",
)
# A wire dateline with its agency, looked for at the start of any paragraph or sentence:
# "MARIUPOL Ukraine (Reuters) - ", "Tokyo, May 26 (Jiji Press)--", "New York (AFP) – ",
# "RENO, Nev. (AP) — ", "LONDON, Dec 5 (Reuters) -". The agency is one to four capitalised
# words in parentheses (never a party tag such as "(R-Texas)"), and the dash must be followed
# by the start of a sentence.
_AGENCY = r"\((?![A-Z]-)[A-Za-z][\w.&'’/-]+(?:\s+[A-Z&][\w.&'’/-]*){0,3}\)"
# A page scraped without its dash still shows the wire's name: "MANILA, Philippines (AP)
# Authorities say ...". Only these agencies go without the dash.
_WIRE = (
    r"\((?:AP|Reuters|AFP|UPI|Xinhua|Sputnik|TASS|Interfax|dpa|DPA|ANSA|EFE|Kyodo|Yonhap|"
    r"Jiji Press|Jiji|PTI|IANS|ANI|Bernama|Anadolu|AA|NAN|APA|CNA|WAFA|Bloomberg)\)"
)
_AGENCY_TAIL = (
    rf"(?:,?\s*(?:{_WEEKDAYS},?\s+)?{_MONTHS}\s+\d{{1,2}}(?:,\s*\d{{4}})?)?"
    rf"\s*(?:{_AGENCY}\s*(?:—|–|--|-)\s*|{_WIRE}\s+)(?=[\"'“‘(]?[A-Z0-9])"
)
AGENCY_DATELINE_RE = re.compile(
    r"(?P<dateline>[A-Z][\w.'’\-]+(?:,?\s+[A-Z][\w.'’\-]*){0,5}"
    + _AGENCY_TAIL
    # or a known wire alone with its dash, the place left out: "(Reuters) - Shares of ..."
    + "|"
    + _WIRE
    + r"\s*(?:—|–|--|-)\s*(?=[\"'“‘(]?[A-Z0-9]))"
)
# The same with an upper-case place ("WASHINGTON (AP) — "), distinctive enough to be found
# in the middle of a line: text pasted without line breaks runs the headline into it.
AGENCY_DATELINE_CAPS_RE = re.compile(
    r"(?<!\S)(?P<dateline>[A-Z][A-Z.'’\-]+(?:\s+[A-Z][A-Z.'’\-]+){0,3}"
    r"(?:,?\s+[A-Z][\w.'’]*(?:\s+[A-Z][\w.'’]*){0,2})?" + _AGENCY_TAIL + ")"
)
# Time stamps of live pages and updated stories, split off the text they open:
# "9:33 p.m.: ", "14:32 GMT - ", "Updated 14:32 GMT", "Published Dec. 5, 2024 2:32 p.m. ET",
# or a line that is only a time or a date ("7 p.m.", "Oct. 4, 2016.").
_CLOCK = (
    r"(?:\d{1,2}(?::\d{2})?\s?(?:[ap]\.m\.|[AP]\.M\.|(?:am|pm|AM|PM)\b)"
    r"|(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?\b)"
)
_TZ = (
    r"(?:\s?\(?(?:GMT|UTC|BST|CET|CEST|EET|EEST|MSK|IST|JST|KST|HKT|SGT|AEST|AEDT|ET|EDT|EST"
    r"|CT|CDT|CST|MT|MDT|MST|PT|PDT|PST|local time)(?:[+-]\d{1,2})?\)?(?!\w))?"
)
_DAY = (
    rf"(?:(?:{_WEEKDAYS},?\s+)?(?:{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
    rf"|\d{{1,2}}\s+{_MONTHS}(?:,?\s+\d{{4}})?|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}/\d{{1,2}}/\d{{2,4}})"
    rf"|{_WEEKDAYS})"
)
_WHEN = (
    rf"(?:{_DAY}(?:,?\s+(?:at\s+)?{_CLOCK}{_TZ})?|{_CLOCK}{_TZ}(?:,?\s+(?:on\s+)?{_DAY})?"
    r"|\d{1,3}\s+(?:minutes?|mins?|hours?|hrs?|days?)\s+ago)"
)
STAMP_RE = re.compile(
    # "Updated 14:32 GMT", "Last updated: Dec. 5, 2024 at 2:32 p.m. ET", "Posted 3 hours ago"
    # "date 2025-08-19 -Analysis-" (a feed's header, with its section label)
    r"(?P<stamp>(?i:(?:last\s+)?updated|(?:first\s+)?published|posted|last\s+modified|dated?)"
    rf"(?:\s+(?:on|at))?\s*:?\s*{_WHEN}(?:\s*[|/•,;]\s*{_WHEN})?"
    r"(?:\s+(?:-[A-Za-z][\w ]{0,24}-|\[[^\]\n]{1,24}\]))?\.?(?=\s|$)"
    # "9:33 p.m.: ", "14:32 GMT - ", "Dec. 5, 14:32 — "
    rf"|(?:{_DAY},?\s+)?{_CLOCK}{_TZ}\s*(?::|—|–|--|-\s)\s*(?=\S)"
    # a line or sentence that is only a time or a date
    rf"|(?:{_DAY},?\s+(?:at\s+)?)?{_CLOCK}{_TZ}\.?\s*$|{_DAY}\.?\s*$)"
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
# The marker of a credit (or of a caption: "Photo: Soldiers train near ...") anywhere in a
# line, at a word start.
CREDIT_MARK_RE = re.compile(
    r"(?<!\S)(?:Photo credit|Image credit|Photos?|Photograph|Images?|Pictures?|Credits?|PHOTOS?"
    r"|CREDITS?|IMAGES?)\s*:\s*(?=\S)"
)
# A credit in parentheses anywhere in a line: "(AP Photo/Evan Vucci)", "(Photo: Ann Lee)".
PAREN_CREDIT_RE = re.compile(
    r"\((?:[A-Z][\w.&-]*\s+){0,3}(?:Photo|Image|Picture|Photograph|Credit)s?(?:\s+credit)?"
    r"(?:\s*[:/]|\s+by\b|\s+illustration\b|(?=\)))[^()\n]{0,100}\)"
)
# A credit at the very end of a caption line: "... on Tuesday. Getty Images".
TRAILING_CREDIT_RE = re.compile(
    r"\s(?:/\s*)?(?:Getty Images|AFP via Getty Images|Reuters/[A-Z]\w+|AP Photo\b[^.]*)\s*$"
)
# "Pictured: ...", "Above: ...", "Left — ...": a caption's own opener. "Below, the agency
# said" and "Right-wing groups" are prose, so only "pictured" and "main image" take a comma.
_PICTURED_RE = re.compile(
    r"^(?:(?:pictured|main image)\s*[:,—–]|(?:pictured|main image|above|below|top|left|right"
    r"|from left|clockwise from (?:top )?left)\s*(?::|\s[—–-]\s))",
    re.I,
)
# Site furniture. The alternatives end at a word end, so "Subscribers rose" or "Related to
# the case, ..." stay prose.
_BOILERPLATE_RE = re.compile(
    r"^\(?\s*(?:read more|read also|see also|more on this|most read|"
    r"related(?:\s+(?:stories|articles|coverage|content|reading|links?|videos?))?(?:\s*:|\s*$)|"
    r"recommended(?:\s+(?:reading|for you|stories|videos?))?(?:\s*:|\s*$)|"
    r"sign up|subscribe|newsletter|get our|get the|click here|follow us|follow \w+ on|"
    r"share this|advertisement|sponsored|this article (?:was|is|has been|first)|"
    r"copyright\s*(?:©|\(c\)|\d{4})|©|all rights reserved|don't miss|want more|join us|"
    r"listen to|watch:|watch the|reporting by|editing by|additional reporting|writing by|"
    r"compiled by|edited by|contributing(?:\s+(?:reporting|writers?|editors?))?(?:\s+by)?\s*:|"
    r"our standards\s*:|this story (?:has been|was|originally)|we may earn|our newsletter)"
    r"(?![a-z])",
    re.I,
)
_BOILERPLATE_ANY_RE = re.compile(
    r"\b(?:sign up for (?:our|the) [\w ]*newsletter|subscribe to (?:our|the) [\w ]*newsletter"
    r"|delivered to your inbox|sign up here|subscribe now|all rights reserved)\b",
    re.I,
)
# The staff credit that closes a wire story: "Jane Doe in Lagos contributed reporting.",
# "The Associated Press contributed to this report."
_CONTRIBUTED_RE = re.compile(
    r"^[^;:!?]{1,160}?\bcontributed\s+(?:reporting|research|additional reporting"
    r"|to this (?:report|story|article))\b[^;:!?]{0,80}$",
    re.I,
)
# Markers that sit in front of the prose they interrupt ("Advertisement The minister said").
AD_MARK_RE = re.compile(
    r"(?:ADVERTISEMENT|Advertisement|SKIP ADVERTISEMENT|Skip Advertisement|Skip advertisement"
    r"|Story continues below(?: advertisement)?|Continue reading the main story)(?=\s|$)"
)
_EDITORS_NOTE_RE = re.compile(
    r"^(?:\(?editor['’]?s['’]? note|note to readers|correction|clarification|update)\b"
    r"[^:.]{0,40}[:.—-]",
    re.I,
)
_WORD_RE = re.compile(r"\w+")
_ALPHA_RE = re.compile(r"[^\W\d_]")

HEADING_MAX_WORDS = 12
_INNER_BOUNDARY_RE = re.compile(r"[a-z0-9][.!?][\"'”’]?\s+[\"'“‘(]?[A-Z]")
# A list item: a bullet, a dash or a number in front ("• Prices rose 3%", "2) Rents fell").
LIST_ITEM_RE = re.compile(r"^(?:[•●▪◦‣■□►▶✓✔*·]|[-–—](?=\s)|\(?\d{1,2}[.)](?=\s)|[a-z]\)(?=\s))")
INLINE_BULLET_RE = re.compile(r"[•●▪◦‣■►▶](?<=\s.)(?=\s)")
# Words a Title Case headline leaves in lower case.
_SMALL_WORDS_SPEC = """
    a an the and but or nor for so yet of in on at to by up as vs v via per from with into
    onto over than off out de del della di da do dos das du la le les el van von der den al
    bin y e et
"""
_SMALL_WORDS = frozenset(_SMALL_WORDS_SPEC.split())
_TITLE_WORD_RE = re.compile(r"[^\W\d_][\w'’.\-]*")
TITLE_MAX_WORDS = 20


def is_title_case(text: str) -> bool:
    """A Title Case line ("Trump Was ‘Mocking’ Clinton Camp."): every word capitalised but
    articles, short prepositions and conjunctions. Prose always has lower-case verbs."""
    words = _TITLE_WORD_RE.findall(text)
    if not 3 <= len(words) <= TITLE_MAX_WORDS:
        return False
    capitalised = 0
    for word in words:
        if word[0].isupper():
            capitalised += 1
        elif word.lower().rstrip(".") not in _SMALL_WORDS:
            return False
    return capitalised >= 3


def _all_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def line_kind(line: str) -> str | None:
    """The kind of a whole line, if the whole line is one non-prose segment.

    Returns ``None`` for a prose line that should be split into sentences. A long line (text
    pasted without line breaks) is never taken whole for a note, credit or boilerplate: its
    sentences are classified one by one.
    """
    text = line.strip()
    if not text:
        return None
    words = _WORD_RE.findall(text)
    if not _ALPHA_RE.search(text):
        # "1.", "2016.", "___", "* * *": a list number, a year, or a rule.
        return "heading" if any(c.isdigit() for c in text) else "boilerplate"
    terminal = bool(_TERMINAL_RE.search(text))
    if _EDITORS_NOTE_RE.match(text) and len(words) <= 150 and _boundaries(text) <= 4:
        return "editors_note"
    if _CREDIT_RE.match(text) and _is_whole_credit(text, len(words)):
        return "caption" if text.lower().startswith(("pictured", "caption")) else "credit"
    ad = AD_MARK_RE.match(text)
    if ad and ad.end() < len(text):
        return None  # "Advertisement The minister said ...": the marker is split off
    if (_BOILERPLATE_RE.match(text) and len(words) <= 60 and _boundaries(text) <= 2) or (
        len(words) <= 30 and _BOILERPLATE_ANY_RE.search(text)
    ):
        return "boilerplate"
    if _is_contributed(text) and not _INNER_BOUNDARY_RE.search(text):
        return "boilerplate"
    if _BYLINE_RE.match(text) and len(words) <= 12:
        return "byline"
    if CREDIT_INLINE_RE.search(text) or PAREN_CREDIT_RE.search(text):
        return None  # a caption with its credit: split by the caller
    if LIST_ITEM_RE.match(text) or INLINE_BULLET_RE.search(text):
        return None  # list items are prose, punctuated or not
    if STAMP_RE.fullmatch(text):
        return "dateline"  # "7 p.m.", "Updated 14:32 GMT.", "Oct. 4, 2016."
    if len(words) <= HEADING_MAX_WORDS and not terminal:
        if _DATE_RE.search(text) or _DATE_WORDS_RE.match(text):
            return "dateline"
        if not _INNER_BOUNDARY_RE.search(text):
            return "heading"
    if len(words) <= 6 and _DATE_RE.search(text) and _DATE_WORDS_RE.match(text):
        return "dateline"
    if (
        len(words) <= 2 * TITLE_MAX_WORDS  # \w+ splits "Clinton’s"; is_title_case counts
        and not _INNER_BOUNDARY_RE.search(text)
        and ((len(words) <= HEADING_MAX_WORDS and _all_caps(text)) or is_title_case(text))
    ):
        return "heading"  # "FULL TEXT.", "Poll: Wealthy Voters Abandon the Party."
    return None


HEADLINE_MAX_CHARS = 200
HEADLINE_MAX_WORDS = 25
# A headline may ask a question; it does not end like a statement.
_STATEMENT_END_RE = re.compile(r"[.!…:;][\"'”’)\]]*\s*$")
_SENTENCE_START_RE = re.compile(r"[\"'“‘(]?[A-Z0-9]")


def leading_headline(text: str) -> tuple[str, str] | None:
    """``(headline, the rest)`` when the first line of a plain-text article is its headline,
    else ``None``.

    A headline is short (at most 200 characters and 25 words, at least three words), one
    phrase (no sentence end inside it, and none at its end unless it is a Title Case or
    upper-case heading; a question is fine), not a dateline, byline, credit, note, list
    item or boilerplate, and more text follows. A blank line must follow it, unless it is
    a short heading and the next line starts a sentence: a hard-wrapped first paragraph
    is not a headline.
    """
    first, _, rest = text.lstrip().partition("\n")
    line = first.strip()
    if not rest.strip() or len(line) > HEADLINE_MAX_CHARS:
        return None
    if len(_TITLE_WORD_RE.findall(line)) < 3 or len(line.split()) > HEADLINE_MAX_WORDS:
        return None
    kind = line_kind(line)
    if kind not in (None, "heading") or LIST_ITEM_RE.match(line) or _INNER_BOUNDARY_RE.search(line):
        return None
    if kind is None and _STATEMENT_END_RE.search(line):
        return None  # a first sentence, not a headline
    next_line = rest.partition("\n")[0].strip()
    if next_line and not (kind == "heading" and _SENTENCE_START_RE.match(next_line)):
        return None
    return line, rest.lstrip()


def _boundaries(text: str) -> int:
    """How many sentence ends a line has inside it (roughly)."""
    return len(_INNER_BOUNDARY_RE.findall(text))


def _is_contributed(text: str) -> bool:
    return "contributed" in text and bool(_CONTRIBUTED_RE.match(text))


def _is_whole_credit(text: str, n_words: int) -> bool:
    """A line that opens with a credit marker is one credit (or caption) segment when it is
    short and carries no second marker; else it is split (caption sentences, credit, prose)."""
    if n_words > 25 or _INNER_BOUNDARY_RE.search(text):
        return False
    first = CREDIT_MARK_RE.match(text)
    return not (first and CREDIT_MARK_RE.search(text, first.end()))


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
    if _is_contributed(text):
        return "boilerplate"
    return None


def is_credit_line(line: str) -> bool:
    """A line that is (or starts with) a photo credit."""
    return bool(_CREDIT_RE.match(line.strip()))
