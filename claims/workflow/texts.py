"""A claim's text as stored: its fingerprint for de-duplication and its statement on one line."""

from __future__ import annotations

import hashlib
import re


def text_fingerprint(text: str) -> str:
    """Hash of a sentence with case, spacing and quote styles folded, for de-duplication."""
    folded = re.sub(r"\s+", " ", text).strip().casefold()
    folded = folded.translate(str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"}))
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


_LINE_BREAK_RE = re.compile(r"\s*[\r\n]\s*")  # a whitespace run with a line break


def statement_text(claim: str) -> str:
    """A claim as stored in ``Claim.claim_text``: stripped, on one line (a line break inside
    it, from hard-wrapped text, and the spaces around it become one space), and capitalised
    when the extracted span starts lower-case ("said that ticket revenue ..." gives "ticket
    revenue ..."). The rest stays verbatim; a first word with capitals further in ("iPhone",
    "eBay") is a name and stays as written. (``Claim.text`` keeps the sentence as printed.)"""
    text = _LINE_BREAK_RE.sub(" ", (claim or "").strip())
    first_word = text.split(maxsplit=1)[0] if text else ""
    if first_word[:1].islower() and not any(c.isupper() for c in first_word[1:]):
        text = text[0].upper() + text[1:]
    return text
