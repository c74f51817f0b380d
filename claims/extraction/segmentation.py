"""Splitting article text into segments (sentences and non-prose lines) with char offsets.

Every non-whitespace character of the input belongs to exactly one segment, segments are in
order and never overlap, and ``text[seg.start:seg.end]`` has no surrounding whitespace. The
Hypothesis tests in ``tests/claims/extraction/test_segmentation.py`` hold the splitter to that.

The text is first cut into lines; the lines of a hard-wrapped paragraph (broken at a fixed
width, as plain text from a feed, an e-mail or a PDF often is) are joined back. A line that
is a heading, byline, dateline, credit, editor's note or boilerplate as a whole becomes one
segment of that kind (a long line, as in text pasted without line breaks, never is). Other
lines are split into sentences with a rule-based splitter that knows abbreviations ("Gen.",
"Dr.", "St."), dotted acronyms ("U.S.", "a.m."), initials and closing quotes. Inside a line,
credits ("Credit: ...", "(AP Photo/...)") and captions opened by "Photo: ..." are cut out
first; wire datelines ("ROME (Reuters) - "), live-page stamps ("9:33 p.m.: ", "Updated 14:32
GMT") and ad markers are split off the sentences they open. The sentences a credit closes at
the end of a line, or of a short line followed by a credit line, are captions; in the middle
of a line only the sentence just before the credit is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import islice, pairwise

from .boilerplate import (
    AD_MARK_RE,
    AGENCY_DATELINE_CAPS_RE,
    AGENCY_DATELINE_RE,
    CREDIT_MARK_RE,
    DATELINE_RE,
    HEADING_MAX_WORDS,
    INLINE_BULLET_RE,
    LIST_ITEM_RE,
    PAREN_CREDIT_RE,
    STAMP_RE,
    TRAILING_CREDIT_RE,
    is_credit_line,
    line_kind,
    sentence_kind,
)


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
    """Non-blank lines as trimmed spans, the lines of a hard-wrapped paragraph joined."""
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
    return _unwrap(text, spans)


# Hard wrapping: plain text from a wire feed, an e-mail, a press release or a PDF, broken at
# a fixed width inside paragraphs ("... ticket revenue now\ncovers 61 percent of ..."). Wrapped
# at 100 columns or fewer; a line broken there ends without a sentence's end mark.
_WRAP_MAX_WIDTH = 100
_WRAP_FULL = 0.7  # a line at least this share of the width is "full"
_LINE_END_RE = re.compile(r"[.!?…][\"'”’)\]»]*$")


def _open_ended(text: str, start: int, end: int) -> bool:
    """Whether a line ends without ending a sentence: no end mark, or a title, an initial or
    a dotted acronym ("the hacking of Mr.", "Sen. Ana M.", "in the U.S.")."""
    if not _LINE_END_RE.search(text, start, end):
        return True
    if text[end - 1] != ".":
        return False
    before = _word_before(text, end - 1, start)
    return (
        before.lower() in _TITLES
        or before.lower() in _BEFORE_NUMBER
        or (len(before) == 1 and before.isupper())
        or bool(_ACRONYM_RE.match(before))
    )


def _starts_lower(text: str, pos: int) -> bool:
    return text[pos].islower() or text[pos].isdigit()


def _unwrap(text: str, lines: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join each line of a hard-wrapped text to the next where the text was broken only
    because the next word did not fit.

    The text counts as hard-wrapped when at least half of the lines followed by another line
    of their paragraph (no blank line between; three such lines or more) are full, no
    longer than ``_WRAP_MAX_WIDTH``, and end without an end mark, and at least half of those
    are followed by a line that opens in lower case or with a digit. Then a line is joined to
    the next one of its paragraph when it ends without an end mark and the next line's first
    word would not have fitted on it (or starts in lower case), unless the next line opens a
    list item. An article pasted with a paragraph a line never qualifies: its lines are
    long, or they end their sentences.
    """
    follows = [
        i
        for i in range(len(lines) - 1)
        if "\n" not in text[lines[i][1] : lines[i + 1][0]].replace("\n", "", 1)
    ]
    if len(follows) < 3:
        return lines
    width = max(lines[j][1] - lines[j][0] for i in follows for j in (i, i + 1))
    if width > _WRAP_MAX_WIDTH:
        return lines
    open_ended = [i for i in follows if _open_ended(text, *lines[i])]
    full = [i for i in open_ended if lines[i][1] - lines[i][0] >= _WRAP_FULL * width]
    if 2 * len(full) < len(follows):
        return lines
    # Prose broken mid-sentence goes on in lower case most of the time; a block of titles,
    # headings or page furniture ("Article content", "Story continues below") does not.
    lower = sum(1 for i in full if _starts_lower(text, lines[i + 1][0]))
    if 2 * lower < len(full):
        return lines
    joins = set()
    for i in open_ended:
        nxt_start, nxt_end = lines[i + 1]
        if LIST_ITEM_RE.match(text[nxt_start:nxt_end]):
            continue  # a list's next item
        nxt = _next_word(text, nxt_start, nxt_end)
        if lines[i][1] - lines[i][0] + 1 + len(nxt) > width or _starts_lower(text, nxt_start):
            joins.add(i)
    out: list[tuple[int, int]] = []
    for i, (s, e) in enumerate(lines):
        if i - 1 in joins:
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


@dataclass(slots=True)
class _Article:
    """What the segmenter remembers between lines."""

    prose_lines: int = 0  # lines that held prose so far
    first_sentences: int = 0  # sentences on the first prose line (1: maybe a headline)

    def dateline_allowed(self) -> bool:
        # A bare dateline ("TURIN — ") opens the story's first paragraph, which may follow a
        # one-sentence headline.
        return self.prose_lines == 0 or (self.prose_lines == 1 and self.first_sentences == 1)


def segment(text: str) -> list[Segment]:
    """All segments of ``text`` in order."""
    lines = _lines(text)
    kinds = [line_kind(text[s:e]) for s, e in lines]
    out: list[Segment] = []
    article = _Article()
    for i, (ls, le) in enumerate(lines):
        kind = kinds[i]
        if kind is not None:
            out.append(Segment(ls, le, kind))
            continue
        followed_by_credit = i + 1 < len(lines) and is_credit_line(text[slice(*lines[i + 1])])
        items = _segment_line(text, ls, le, article)
        _mark_captions(items, followed_by_credit)
        prose = sum(1 for item in items if item[2] is None)
        if prose:
            article.prose_lines += 1
            if article.prose_lines == 1:
                article.first_sentences = prose
        out.extend(Segment(s, e, k or "sentence") for s, e, k in items)
    return out


# One segment of a line while it is being built: [start, end, kind], kind None for prose.
_Item = list


def _segment_line(text: str, ls: int, le: int, article: _Article) -> list[_Item]:
    """The segments of one line that is not a single non-prose segment."""
    items: list[_Item] = []
    pos = ls
    for cs, ce, ckind in _credit_regions(text, ls, le):
        if pos < cs:
            _prose_run(text, pos, cs, article, items, at_line_start=pos == ls)
        if ckind == "caption":
            for s, e in split_sentences(text, cs, ce):
                items.append([s, e, "caption"])
        else:
            items.append([cs, ce, "credit"])
        pos = ce
    if pos < le:
        _prose_run(text, pos, le, article, items, at_line_start=pos == ls)
    return items


def _prose_run(
    text: str, start: int, end: int, article: _Article, items: list[_Item], at_line_start: bool
) -> None:
    """Split prose into sentences, peeling datelines, stamps and markers off their starts."""
    for piece_start, piece_end in _pieces(text, start, end):
        first_of_line = at_line_start and piece_start == start
        before = len(items)
        s = _peel(text, piece_start, piece_end, items, first_of_line and article.dateline_allowed())
        if before and len(items) > before and piece_start != start:
            _headline_before_dateline(text, items[before - 1], piece_start)
        if s >= piece_end:
            continue
        for i, (a, b) in enumerate(split_sentences(text, s, piece_end)):
            if i:
                a = _peel(text, a, b, items, False)
                if a >= b:
                    continue
            items.append([a, b, sentence_kind(text[a:b])])


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``text[start:end]`` cut before inline bullets and before wire datelines found in the
    middle of a line ("... polling places WASHINGTON (AP) — The ...")."""
    if not _PIECE_HINT_RE.search(text, start, end):
        return [(start, end)]
    cuts = {m.start() for m in INLINE_BULLET_RE.finditer(text, start, end)}
    # Look for the dateline only just before a closing parenthesis and a dash: the full
    # pattern is too slow to try at every upper-case word of a long line.
    floor = start
    for close in _PAREN_DASH_RE.finditer(text, start, end):
        m = AGENCY_DATELINE_CAPS_RE.search(text, max(floor, close.start() - 120), end)
        if m and m.start() > start and m.end() >= close.end():
            cuts.add(m.start())
        floor = close.end()
    bounds = [start, *sorted(c for c in cuts if start < c < end), end]
    return [(a, b) for a, b in pairwise(bounds) if text[a:b].strip()]


_NONSPACE_RE = re.compile(r"\S")
# How a time stamp can begin: a digit, or these (keywords, months, weekdays).
_STAMP_OPENERS = _words(
    """
    upd las pub fir pos dat jan feb mar apr may jun jul aug sep oct nov dec mon tue wed thu
    fri sat sun
    """
)
# Cheap tests that let most lines skip the credit and piece searches.
_CREDIT_HINT_RE = re.compile(r"[:(]|Getty Images|Reuters/|AP Photo")
_PIECE_HINT_RE = re.compile(r"[•●▪◦‣■►▶)]")
_PAREN_DASH_RE = re.compile(r"\)\s*(?:—|–|--|-)")


def _peel(text: str, s: int, e: int, items: list[_Item], bare_dateline: bool) -> int:
    """Append the datelines, time stamps and ad markers that open ``text[s:e]`` as their own
    segments; return where the rest starts. A bare upper-case dateline ("ROME — ") only when
    ``bare_dateline``; one with its agency ("ROME (Reuters) - ") anywhere."""
    for _ in range(4):
        while s < e and text[s].isspace():
            s += 1
        if s >= e:
            break
        # Datelines and stamps are short: a window is enough (and "$" cannot match early
        # in a window that long).
        piece = text[s : min(e, s + 300)]
        m = None
        if piece.find("(", 0, 120) != -1:
            m = AGENCY_DATELINE_RE.match(piece)
        if m is None and (piece[0].isdigit() or piece[:3].lower() in _STAMP_OPENERS):
            m = STAMP_RE.match(piece)
        if m is None and bare_dateline:
            m = DATELINE_RE.match(piece)
            if m and (len(m.group("dateline")) >= 60 or _not_a_place(m.group("dateline"))):
                m = None
        if m is not None:
            kind = "dateline"
        else:
            m = AD_MARK_RE.match(piece)
            kind = "boilerplate"
            if m is None or _NONSPACE_RE.search(text, s + m.end(), e) is None:
                break  # a lone marker is classified as a sentence would be
        _append_item(text, s, s + m.end(), kind, items)
        s += m.end()
        if kind == "dateline" and m.re is not STAMP_RE:
            bare_dateline = False
    while s < e and text[s].isspace():
        s += 1
    return s


# Upper-case words that open prose with a dash more often than they name a place.
_NOT_PLACES = _words(
    """
    nato opec nasa fifa uefa asean unicef unesco osce oecd nafta brics swift interpol
    europol frontex covid aids
    """
)


def _not_a_place(dateline: str) -> bool:
    """A one-word "dateline" that is an acronym of three letters or fewer ("FBI —") or a
    well-known organisation ("NATO —")."""
    words = re.findall(r"[A-Za-z][A-Za-z.'’\-]*", dateline)
    if len(words) != 1:
        return False
    word = words[0].replace(".", "")
    return len(word) <= 3 or word.lower() in _NOT_PLACES


def _append_item(text: str, s: int, e: int, kind: str, items: list[_Item]) -> None:
    spans: list[tuple[int, int]] = []
    _append_trimmed(text, s, e, spans)
    items.extend([a, b, kind] for a, b in spans)


def _headline_before_dateline(text: str, last: _Item, dateline_start: int) -> None:
    """A short unpunctuated sentence run into a wire dateline is the story's headline."""
    if last[2] is not None or last[1] > dateline_start:
        return
    words = text[last[0] : last[1]].split()
    if len(words) <= HEADING_MAX_WORDS and not _TERMINAL_END_RE.search(text[last[0] : last[1]]):
        last[2] = "heading"


_TERMINAL_END_RE = re.compile(r"[.!?…:;][\"'”’)\]]*$")


def _credit_regions(text: str, ls: int, le: int) -> list[tuple[int, int, str]]:
    """Credits (and captions introduced by "Photo: ...") inside one line, in order."""
    regions: list[tuple[int, int, str]] = []
    if not _CREDIT_HINT_RE.search(text, ls, le):
        return regions
    marks = list(CREDIT_MARK_RE.finditer(text, ls, le))
    parens = list(PAREN_CREDIT_RE.finditer(text, ls, le))
    pos = ls
    mi = pi = 0
    while True:
        while mi < len(marks) and marks[mi].start() < pos:
            mi += 1
        while pi < len(parens) and parens[pi].start() < pos:
            pi += 1
        mark = marks[mi] if mi < len(marks) else None
        paren = parens[pi] if pi < len(parens) else None
        if paren and (mark is None or paren.start() < mark.start()):
            regions.append((paren.start(), paren.end(), "credit"))
            pos = paren.end()
            continue
        if mark is None:
            break
        stop = marks[mi + 1].start() if mi + 1 < len(marks) else le
        word = mark.group().split()[0].rstrip(":").lower()
        credit_end = _credit_end(text, mark.end(), stop)
        if word.startswith(("photo", "image", "picture")) and credit_end is None:
            # "Photo: Soldiers train near the border." is a caption, up to the next credit
            # marker when that is near, else to the end of its first sentence.
            sentences = split_sentences(text, mark.start(), stop)
            if stop < le and len(sentences) <= 3:
                end = stop
            else:
                end = sentences[0][1] if sentences else stop
            regions.append((mark.start(), end, "caption"))
        else:
            end = credit_end if credit_end is not None else _credit_extent(text, mark.end(), stop)
            regions.append((mark.start(), end, "credit"))
        pos = max(end, mark.end())
    trailing = TRAILING_CREDIT_RE.search(text, pos, le)
    if trailing:
        cs = trailing.start()
        while text[cs].isspace():
            cs += 1
        regions.append((cs, le, "credit"))
    return [(s, _rstrip(text, s, e), k) for s, e, k in regions if text[s:e].strip()]


def _rstrip(text: str, s: int, e: int) -> int:
    while e > s and text[e - 1].isspace():
        e -= 1
    return e


# Words a credit is made of besides names: "Jane Doe for The Times", "Pool via ZUMA Press",
# "courtesy of the family", "AP Photo/Evan Vucci", "Handout".
_CREDIT_JOINERS = _words(
    """
    via for and of by courtesy the de la le van von der del da do dos das y e et & / | - –
    — · photo photos staff file handout pool illustration photograph photographer contributor
    """
)
_CREDIT_TOKEN_RE = re.compile(r"\S+")


def _credit_end(text: str, start: int, stop: int) -> int | None:
    """Where a credit that starts at ``start`` ends, if ``text[start:stop]`` is one: the rest
    of the line when that is short and unpunctuated; else the run of name-like words
    ("Pool/Ukrainian Presidency via ZUMA Press Wire") before a sentence begins. ``None`` when
    the words are not a credit's (lower-case words: a caption)."""
    tokens = list(islice(_CREDIT_TOKEN_RE.finditer(text, start, stop), 17))
    if not tokens:
        return None
    if len(tokens) <= 12 and not _INNER_END_RE.search(text, start, stop):
        if all(_credit_like(t.group()) for t in tokens[:6]):
            return stop
        return None
    end = None
    has_agency = False
    for i, tok in enumerate(tokens[:16]):
        word = tok.group()
        bare = word.strip("\"'“”‘’()[],;")
        if i and end is not None:
            prev = tokens[i - 1].group().lower()
            opener = bare.lower() in _SENTENCE_OPENERS and bare[:1].isupper()
            follow = tokens[i + 1].group() if i + 1 < len(tokens) else ""
            starts_clause = has_agency and follow[:1].islower() and follow not in _CREDIT_JOINERS
            if prev not in _CREDIT_JOINERS and (opener or starts_clause):
                break
        if not _credit_like(word):
            break
        end = tok.end()
        has_agency = has_agency or "/" in word or word.lower() == "via"
        if word.endswith(".") and len(bare) > 2 and not _ACRONYM_RE.match(bare.rstrip(".")):
            break  # "Credit: Pool/Reuters. The talks ..."
    return end


_INNER_END_RE = re.compile(r"[a-z0-9)][.!?][\"'”’]?\s+[A-Z\"“]")


def _credit_like(word: str) -> bool:
    bare = word.strip("\"'“”‘’()[],;:")
    if not bare:
        return True
    return bare[0].isupper() or bare[0].isdigit() or "/" in bare or bare.lower() in _CREDIT_JOINERS


def _credit_extent(text: str, start: int, stop: int) -> int:
    """A credit that does not read like one still ends at the end of its first sentence."""
    sentences = split_sentences(text, start, stop)
    return sentences[0][1] if sentences else stop


def _mark_captions(items: list[_Item], followed_by_credit: bool) -> None:
    """Prose next to a credit is its caption: the sentences (three at most) of a run that the
    credit closes at the end of its line, or of a short line right above a credit line; in
    the middle of a line (text without line breaks), only the sentence just before it."""
    prose = [i for i, item in enumerate(items) if item[2] is None]
    if not prose:
        return
    credits = [i for i, item in enumerate(items) if item[2] == "credit"]
    if followed_by_credit and not credits and len(prose) <= 3:
        for i in prose:
            items[i][2] = "caption"
        return
    for c in credits:
        run = []
        j = c - 1
        while j >= 0 and items[j][2] is None:
            run.append(j)
            j -= 1
        closes_line = all(item[2] == "credit" for item in items[c + 1 :])
        for i in run if closes_line and len(run) <= 3 else run[:1]:
            items[i][2] = "caption"
