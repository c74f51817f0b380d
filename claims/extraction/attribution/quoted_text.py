"""Quotations across sentences and paragraphs, read from the text: opening styles, continued quote
paragraphs, a quoted claim.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from .lexicon import _QUOTE_CLOSE, _QUOTE_OPEN, _STRIP
from .result import Attribution

_ANY_QUOTE_MARK_RE = re.compile(r"[“”«»\"]|''")


def _frame_inside_quotation(text: str, result: Attribution) -> bool:
    """For a sentence that starts inside a quotation: whether its cue and claimant stand
    before the quotation's first mark (its close), or the sentence has no mark at all."""
    if result.claimant is None or not result.cue:
        return False
    mark = _ANY_QUOTE_MARK_RE.search(text)
    end = mark.start() if mark else len(text)
    inside = text[:end]
    cue = re.search(rf"\b{re.escape(result.cue.split()[-1])}\b", text)
    claimant = text.lower().find(result.claimant.lower())
    return cue is not None and cue.start() < end and 0 <= claimant < end and bool(inside)


def _quote_state(text: str, inside: bool) -> tuple[bool, bool]:
    """(opens or continues a quotation, still open at the end) for one sentence."""
    touched = inside
    # Two apostrophes stand for a straight double quote in some wires' copy.
    for ch in text.replace("``", "“").replace("''", '"'):
        if ch in _QUOTE_OPEN or (ch == '"' and not inside):
            inside = True
            touched = True
        elif ch in _QUOTE_CLOSE or (ch == '"' and inside):
            inside = False
    return touched, inside


def _strip_quote(text: str) -> tuple[int | None, int | None, str]:
    stripped = text.strip(_STRIP)
    if not stripped:
        return 0, len(text), text
    a = text.index(stripped)
    return a, a + len(stripped), stripped


_OPEN_MARK = "\u201c"
_FRAME_AFTER_CLOSE_RE = re.compile(r"^[^“”«»\"]*\w[^“”«»\"]*[”»\"][\s,.]*\w")


def _resumed_with_frame(sentences: Sequence[str], same_paragraph: Sequence[bool]) -> list[bool]:
    """Per sentence: whether it starts inside a quotation opened by an earlier sentence of
    its paragraph and closes it with words after the mark (a frame may follow)."""
    out, inside = [], False
    for text, same in zip(sentences, same_paragraph, strict=True):
        if not same:
            inside = False
        out.append(inside and bool(_FRAME_AFTER_CLOSE_RE.match(text.replace("''", '"'))))
        inside = _quote_state(text, inside)[1]
    return out


def _quoted_paragraph(sentences: Sequence[str], same_paragraph: Sequence[bool], i: int) -> bool:
    """Whether the paragraph that sentence ``i`` opens is one quotation over several
    sentences, with no frame in it ('"Engineers replaced every cable. The cost stayed
    within budget."')."""
    end = i + 1
    while end < len(sentences) and same_paragraph[end]:
        end += 1
    return end - i > 1 and _whole_quotation(" ".join(sentences[i:end]))


def _open_quoted_paragraph(
    sentences: Sequence[str], same_paragraph: Sequence[bool], i: int
) -> bool:
    """Whether the paragraph that sentence ``i`` opens is a quotation left open at its end
    with no frame or other mark in it, which the next paragraph resumes with a mark of its
    kind (English copy opens each paragraph of a long quotation and closes only the last)."""
    end = i + 1
    while end < len(sentences) and same_paragraph[end]:
        end += 1
    body = " ".join(sentences[i:end]).strip()
    style = _opening_style(body)
    if style is None or end >= len(sentences) or _opening_style(sentences[end]) != style:
        return False
    inner = body[2:] if body.startswith(("``", "''")) else body[1:]
    marks = _QUOTE_OPEN + _QUOTE_CLOSE + '"'
    return len(inner.split()) >= 4 and not any(ch in inner for ch in marks)


def _unshifted(result: Attribution, text: str) -> Attribution:
    """An attribution of ``_OPEN_MARK + text`` given back in ``text``'s offsets."""
    if result.claim_start is None or result.claim_end is None:
        claim = result.claim
        if claim is not None and claim.startswith(_OPEN_MARK):
            claim = claim[1:]
        return replace(result, claim=claim)
    start = max(result.claim_start - 1, 0)
    end = max(result.claim_end - 1, start)
    return replace(result, claim_start=start, claim_end=end, claim=text[start:end])


def _mark_style(mark: str) -> str | None:
    """'curly', 'guillemet' or 'straight' for a mark that may open a quotation."""
    return {"“": "curly", "«": "guillemet", '"': "straight", "`": "straight"}.get(mark)


def _opening_style(text: str) -> str | None:
    """The kind of mark ``text`` opens with, if it opens with one ("''" too, the straight
    mark of some wires' copy). A paragraph resumes a quotation left open only with marks of
    its kind: copy that quotes a long passage in straight marks and its own speakers in
    curly ones keeps the two apart."""
    body = text.lstrip()
    return "straight" if body.startswith("''") else _mark_style(body[:1])


def _last_opening_style(text: str) -> str | None:
    """The kind of the last mark in ``text`` that may open a quotation."""
    for ch in reversed(text.replace("''", '"')):
        if _mark_style(ch) is not None:
            return _mark_style(ch)
    return None


def _after_opening_mark(text: str) -> str:
    """``text`` without the mark that opens it (a paragraph resuming a quotation)."""
    body = text.lstrip()
    return body[2:] if body.startswith(("``", "''")) else body[1:]


def _whole_quotation(text: str) -> bool:
    """'"The start date will depend on this deployment."': one quotation, nothing else."""
    body = text.strip()
    if body[:1] not in _QUOTE_OPEN + '"' or body[-1:] not in _QUOTE_CLOSE + '"':
        return False
    inner = body[1:-1]
    if len(inner.split()) < 4 or inner.rstrip().endswith(":"):
        return False  # '"Related:"': page furniture in marks
    return not any(ch in inner for ch in _QUOTE_OPEN + _QUOTE_CLOSE + '"')


def _quoted_claim(text: str) -> tuple[int | None, int | None, str]:
    """A quoted sentence as a claim: its marks and, as in any claim, its final stop left out
    ('Management will have to address concerns.' -> 'Management will have to ...')."""
    a, b, stripped = _strip_quote(text)
    if stripped[-1:] == "." and stripped[-2:-1].isalnum():
        stripped = stripped[:-1]
        b = a + len(stripped)
    return a, b, stripped
