"""Quotation marks in a parsed sentence: inside a quotation, opening and closing marks, depth."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
from .lexicon import _QUOTE_CLOSE, _QUOTE_OPEN, ROLE_WORDS


def _quoted(doc: Doc) -> list[bool]:
    """For each token: does it stand inside a quotation?"""
    inside = False
    out = []
    for tok in doc:
        t = tok.text
        straight = t in ('"', "''")
        # A straight quote glued to the word before it and followed by a space closes a
        # quotation, even one opened in an earlier sentence ('Probably not," she said.').
        glued = tok.i > 0 and not doc[tok.i - 1].whitespace_
        closing = straight and glued
        if t in _QUOTE_OPEN and inside and glued:
            # 'problems for her here,“ said Jim Clyburn': an opening mark typed for a closing one
            out.append(False)
            inside = False
            continue
        if t in _QUOTE_OPEN or (straight and not inside and not closing) or t == "``":
            out.append(False)
            inside = True
            continue
        if t in _QUOTE_CLOSE or (straight and (inside or closing)):
            out.append(False)
            inside = False
            continue
        out.append(inside)
    return out


def _inside_quotation(tok: Token) -> bool:
    """Whether ``tok`` stands inside a quotation, including one carried over from an earlier
    sentence ('Full panic mode," said Jane Roe': no opening mark, a closing one after it)."""
    doc = tok.doc
    if _quoted(doc)[tok.i]:
        return True
    if any(_opening_mark(t) for t in doc[: tok.i]):
        return False
    mark = next((t for t in doc[tok.i + 1 :] if _quote_mark(t)), None)
    if mark is None:
        return False
    glued = not doc[mark.i - 1].whitespace_
    return mark.text in _QUOTE_CLOSE or mark.text == "''" or (mark.text == '"' and glued)


def _name_after_title(tok: Token) -> Token:
    """'said Pentagon spokesman Navy Capt. Jeff Davis': the tokenizer ended the sentence at
    "Capt." and the parser made the title the subject; the name follows it."""
    doc = tok.doc
    if tok.lower_ not in ROLE_WORDS or tok.i + 2 >= len(doc) or doc[tok.i + 1].text != ".":
        return tok
    name = None
    for nxt in doc[tok.i + 2 :]:
        if nxt.pos_ != "PROPN":
            break
        name = nxt
    return name or tok


def _quote_mark(tok: Token) -> bool:
    return tok.text in _QUOTE_OPEN + _QUOTE_CLOSE or tok.text in ('"', "''", "``")


def _opening_mark(tok: Token) -> bool:
    """A mark that may open a quotation (a straight mark may close one too)."""
    return tok.text in _QUOTE_OPEN or tok.text in ('"', "``", "''")


def _closing_mark(tok: Token) -> bool:
    """A mark that may close a quotation (straight marks may open one too)."""
    return tok.text in _QUOTE_CLOSE or tok.text in ('"', "''")


def _last_quote_before(doc: Doc, i: int) -> int | None:
    """The index of the last closing quotation mark before token ``i``, if any."""
    return max((t.i for t in doc[:i] if _closing_mark(t)), default=None)


def _between_quote_and(doc: Doc, verb_i: int, clauses: bool = True) -> Token | None:
    """The head of the noun phrase between the last closing quote and the verb, if any
    (without ``clauses``, none when a verb stands there too: '"...," as Eric Garner, gasping
    on a sidewalk in Staten Island, said' is no speaker's phrase the parser lost)."""
    close = _last_quote_before(doc, verb_i)
    if close is None:
        return None
    between = [t for t in doc[close + 1 : verb_i] if not t.is_punct]
    if not clauses and any(t.pos_ in ("VERB", "AUX") for t in between):
        return None
    nouns = [t for t in between if t.pos_ in ("PROPN", "NOUN")]
    if not nouns:
        return None
    # The phrase's head: the noun whose head lies outside the stretch.
    inside = {t.i for t in between}
    heads = [t for t in nouns if t.head.i not in inside]
    return heads[0] if heads else nouns[-1]


def _quote_between(doc: Doc, a: int, b: int) -> bool:
    return any(_closing_mark(t) for t in doc[a + 1 : b])


def _depth(tok: Token) -> int:
    depth = 0
    while tok.head.i != tok.i and depth < 50:
        tok = tok.head
        depth += 1
    return depth
