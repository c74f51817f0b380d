"""A readable, word-level difference between two verdict revisions (difflib)."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from claims.models import Verdict

_TOKENS = re.compile(r"\s+|[^\s]+")


@dataclass(frozen=True)
class Piece:
    op: str  # "same", "ins" or "del"
    text: str


@dataclass(frozen=True)
class FieldDiff:
    label: str
    pieces: list[Piece]
    changed: bool


def word_diff(old: str, new: str) -> list[Piece]:
    """The new text with removed words as ``del`` and added words as ``ins`` pieces."""
    a, b = _TOKENS.findall(old or ""), _TOKENS.findall(new or "")
    pieces: list[Piece] = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pieces.append(Piece("same", "".join(a[i1:i2])))
            continue
        if tag in ("delete", "replace"):
            pieces.append(Piece("del", "".join(a[i1:i2])))
        if tag in ("insert", "replace"):
            pieces.append(Piece("ins", "".join(b[j1:j2])))
    return pieces


def _sources(verdict: Verdict) -> str:
    return "\n".join(sorted(s.url for s in verdict.cited_sources.all()))


def verdict_diff(old: Verdict, new: Verdict) -> list[FieldDiff]:
    """Field by field, what changed from ``old`` to ``new``."""
    fields = [
        ("Rating", old.rating.label, new.rating.label),
        ("Headline", old.headline, new.headline),
        ("Summary", old.summary, new.summary),
        ("Rationale", old.rationale, new.rationale),
        ("Cited sources", _sources(old), _sources(new)),
    ]
    return [FieldDiff(label, word_diff(a, b), a != b) for label, a, b in fields]
