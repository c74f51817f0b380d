"""Splitting article text into segments (sentences and non-prose lines) with char offsets.

Every non-whitespace character of the input belongs to exactly one segment, segments are in
order and never overlap, and ``text[seg.start:seg.end]`` has no surrounding whitespace. The
Hypothesis tests in ``tests/claims/extraction/test_segmentation.py`` hold the splitter to that.

The text is first cut into lines. A line that is a heading, byline, dateline, credit,
editor's note or boilerplate as a whole becomes one segment of that kind. Other lines are
split into sentences with a rule-based splitter that knows abbreviations ("Gen.", "Dr.",
"St."), dotted acronyms ("U.S.", "a.m."), initials and closing quotes. Sentences on a line
that carries a photo credit, or that is followed by a credit line, are captions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .boilerplate import CREDIT_INLINE_RE, DATELINE_RE, is_credit_line, line_kind, sentence_kind


def _words(spec: str) -> frozenset[str]:
    return frozenset(spec.split())


@dataclass(frozen=True, slots=True)
class Segment:
    start: int
    end: int
    kind: str  # "sentence", "heading", "dateline", "byline", "caption", "credit", ...


# Titles and abbreviations that are never the end of a sentence.
_TITLES = _words(
    """
    mr mrs ms mx dr prof gen lt col maj capt cpt sgt cpl adm cmdr sen rep gov pres supt
    det insp rev fr sr jr st mt ft hon amb atty messrs mmes esq brig pvt gens sens reps
    govs vs v cf approx dept univ assn est fig figs vol ch sec art para pp op
    """
)
# Abbreviations that do not end a sentence when a number follows ("Aug. 19", "No. 5").
_BEFORE_NUMBER = _words(
    """
    jan feb mar apr jun jul aug sep sept oct nov dec no nos p pp vol art sec ch fig
    """
)
# Abbreviations that can end a sentence; split only before a typical sentence opener.
_MAYBE_END = frozenset(["inc", "corp", "co", "ltd", "llc", "plc", "bros", "etc", "al", "jr", "sr"])
_SENTENCE_OPENERS = _words(
    """
    the a an he she it they we i in on at as for if when while after before but and or
    this that these those there his her its their our my your yet so however still
    meanwhile mr mrs ms dr officials what why how who where some many most no not one
    two three both all each according since during until although though because
    """
)
_BOUNDARY_RE = re.compile(r"(?:[.!?]+|…)[\"'”’)\]»]*(?=\s|$)")
_OPENING = frozenset("\"'“‘([«¿¡")
_ACRONYM_RE = re.compile(r"^(?:[A-Za-z]\.)+[A-Za-z]$")


def _word_before(text: str, pos: int, floor: int) -> str:
    """The run of non-space characters ending at ``pos`` (exclusive), without opening quotes."""
    i = pos
    while i > floor and not text[i - 1].isspace():
        i -= 1
    return text[i:pos].lstrip("\"'“‘([")


def _next_word(text: str, pos: int, end: int) -> str:
    while pos < end and text[pos].isspace():
        pos += 1
    j = pos
    while j < end and not text[j].isspace():
        j += 1
    return text[pos:j]


def _is_boundary(text: str, match: re.Match, floor: int, end: int) -> bool:
    q = match.end()
    if q >= end:
        return True
    nxt = _next_word(text, q, end)
    if not nxt:
        return True
    first = nxt[0]
    if not (first.isupper() or first.isdigit() or first in _OPENING):
        return False
    if not match.group().startswith("."):
        return True
    if match.group().startswith(".."):
        return True  # an ellipsis followed by a capital
    before = _word_before(text, match.start(), floor)
    if not before:
        return True
    low = before.lower()
    opener = nxt.strip("\"'“‘([").lower().rstrip(",.;:")
    if low in _TITLES:
        return False
    if low in _BEFORE_NUMBER and first.isdigit():
        return False
    if low in ("e.g", "i.e", "viz"):
        return False
    if low in _MAYBE_END or _ACRONYM_RE.match(before) or (len(before) == 1 and before.isupper()):
        # "U.S. President", "J. Smith", "a.m. Eastern": only a clear opener starts a sentence.
        return opener in _SENTENCE_OPENERS
    return True


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans inside ``text[start:end]``, trimmed of surrounding whitespace."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    cursor = start
    for match in _BOUNDARY_RE.finditer(text, start, end):
        if match.end() <= cursor:
            continue
        if _is_boundary(text, match, cursor, end):
            _append_trimmed(text, cursor, match.end(), spans)
            cursor = match.end()
    _append_trimmed(text, cursor, end, spans)
    return spans


def _append_trimmed(text: str, s: int, e: int, spans: list[tuple[int, int]]) -> None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if s < e:
        spans.append((s, e))


def _lines(text: str) -> list[tuple[int, int]]:
    """Non-blank lines as trimmed spans."""
    spans: list[tuple[int, int]] = []
    pos = 0
    n = len(text)
    while pos <= n:
        nl = text.find("\n", pos)
        stop = n if nl == -1 else nl
        _append_trimmed(text, pos, stop, spans)
        if nl == -1:
            break
        pos = nl + 1
    return spans


def segment(text: str) -> list[Segment]:
    """All segments of ``text`` in order."""
    lines = _lines(text)
    kinds = [line_kind(text[s:e]) for s, e in lines]
    out: list[Segment] = []
    seen_prose = False
    for i, (ls, le) in enumerate(lines):
        kind = kinds[i]
        if kind is not None:
            out.append(Segment(ls, le, kind))
            continue
        line = text[ls:le]
        body_start = ls
        if not seen_prose:
            # A dateline opens the first paragraph of a story ("TURIN — The ...").
            m = DATELINE_RE.match(line)
            if m and len(m.group("dateline")) < 60:
                ds, de = ls, ls + len(m.group("dateline").rstrip())
                out.append(Segment(ds, de, "dateline"))
                body_start = ls + m.end()
        seen_prose = True
        # A caption is the prose on a credit's line, or a short line right above a credit.
        credit = CREDIT_INLINE_RE.search(line, body_start - ls)
        body_end = ls + credit.start() if credit and credit.start() > body_start - ls else le
        sentences = split_sentences(text, body_start, body_end)
        followed_by_credit = i + 1 < len(lines) and is_credit_line(text[slice(*lines[i + 1])])
        caption = (credit is not None and body_end < le) or (
            followed_by_credit and len(sentences) <= 3
        )
        for s, e in sentences:
            skind = sentence_kind(text[s:e])
            out.append(Segment(s, e, skind or ("caption" if caption else "sentence")))
        if body_end < le:
            cs = body_end
            while text[cs].isspace():
                cs += 1
            out.append(Segment(cs, le, "credit"))
    return out
