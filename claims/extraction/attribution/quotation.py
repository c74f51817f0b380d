"""A claim that is a quotation: quotations before and after a cue, resumed or interrupted, and
frames with no statement of their own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
from .claimant import _Claimant, _claimant
from .content import _FRAME_DEPS, _citing
from .cue_parts import _Cue
from .cues import _SURVEY_WORDS
from .lexicon import _ADDRESSEE_LEMMAS, _QUOTE_OPEN, _TIME_WORDS, ROLE_WORDS, _words
from .marks import _closing_mark, _last_quote_before, _opening_mark, _quote_mark, _quoted
from .result import NAMED


def _speaker_after_quote(doc: Doc, cue: _Cue, close: int | None) -> bool:
    """Whether nothing but the speaker's phrase (names, its head's words, the verb's adverbs)
    stands between the quotation's closing mark ``close`` and the cue."""
    head = cue.claimant_head
    if close is None or head is None or not close < head.i < cue.index:
        return False
    phrase = {t.i for t in head.subtree}
    verb = doc[cue.index]
    return all(
        t.is_punct
        or t.i in phrase
        or (t.head == verb and t.dep_ in ("advmod", "npadvmod"))
        or (t.text[:1].isupper() and t.is_alpha)
        for t in doc[close + 1 : cue.index]
    )


def _from_complementiser(doc: Doc, cue: _Cue, content: list[Token]) -> list[Token]:
    """ "said in a statement, according to Bloomberg, that revenues will fall": what the parser
    hung on the complement before its "that" is frame set off by commas, not the claim."""
    mark = next(
        (
            t
            for t in content
            if t.dep_ == "mark"
            and t.lower_ == "that"
            and t.i > cue.index
            and t.head in content
            and t.head.head.i == cue.index  # the cue's own complement, not a clause inside it
        ),
        None,
    )
    if mark is None or mark.i == 0 or doc[mark.i - 1].text not in (",", "—", "–", "--"):
        return content
    between = [t for t in content if cue.index < t.i < mark.i]
    dashed = doc[mark.i - 1].text != "," and doc[cue.index + 1].text == doc[mark.i - 1].text
    if not between or (
        # (between two dashes, "said — on the radio, as it happens — that": all of it frame)
        not dashed and any(t.pos_ in ("VERB", "AUX") and t.dep_ != "prep" for t in between)
    ):
        return content  # "said the board decided, after a debate, that ...": the board's "that"
    return [t for t in content if not cue.index < t.i < mark.i]


_SPEAKING_LEMMAS = _words("say tell write state add declare announce explain insist note")
_TALLY_WORDS = _SURVEY_WORDS | _words("count counts tally tallies review reviews")


def _carries_a_speaker(doc: Doc, cue: _Cue, source: _Claimant, cues: list[_Cue]) -> bool:
    """'"Q," the chief said, according to broadcaster NRK': an "according to" that names a
    document or an outlet beside another cue where someone plainly says the words. (A poll,
    a count or a review found what it reports: "..., according to a survey".)"""
    head = cue.claimant_head
    if head is None or head.lower_ in _TALLY_WORDS:
        return False
    if not (source.kind == "document" or any(t.pos_ == "PROPN" for t in head.subtree)):
        return False
    for other in cues:
        if other is cue or other.claimant_head is None:
            continue
        if doc[other.index].lemma_.lower() not in _SPEAKING_LEMMAS:
            continue
        speaker = _claimant(other.claimant_head, False)
        if speaker is not None and speaker.kind in ("person", "organization"):
            return speaker.sourcing == NAMED
    return False


def _role_outside(role: str | None, claim: str | None) -> str | None:
    """The role without what the parser hung on the name from the claim ("According to host
    Rush Limbaugh, the move reeks ...": "move reeks ..." is no part of his role)."""
    if not role or not claim:
        return role
    parts = [p.strip() for p in re.split(r"[;,]\s+", role)]
    # ... nor is "who said it raises questions", the clause that holds the claim itself.
    kept = [p for p in parts if p and p not in claim and claim not in p]
    if len(kept) == len(parts):
        return role
    return ", ".join(kept) or None


def _resumed_quotation(doc: Doc, cue: _Cue) -> list[Token]:
    """'"We will win," she said, "and we will win big."': the quotation after the frame."""
    if not cue.content or cue.content[0].i > cue.index:
        return []
    inside = {t.i for t in cue.content}
    resumed = [t for t in _following_quotation(doc, cue) if t.i not in inside]
    words = [t for t in resumed if t.is_alpha]
    if words and len(words) <= 8 and all(t.text[0].isupper() for t in words if len(t) > 3):
        return []  # '..., he said in his 2012 book, "An American Son."': a title
    return resumed


# Where words were said, not what: "In a statement for this story, an official said, ...".
_SETTING_NOUNS = _words(
    """
    statement interview email e-mail letter post tweet speech remark remarks briefing
    conference call appearance hearing rally event meeting session program show podcast
    """
)


_DISCOURSE_WORDS = _words(
    "but still instead finally however yet and so also meanwhile later earlier first then again"
)


def _quotation_after_cue(doc: Doc, cue: _Cue, content: list[Token]) -> list[Token]:
    """'Responding to journalists, the chief spokesman, Eric Mamer, said, "We won't ..."': a
    quotation opened right after the cue is the claim, with what was quoted before the frame;
    the circumstance the parser hung with it is not."""
    after = doc[cue.index + 1 : cue.index + 3]
    if not after or not (after[0].text in (",", ":") or _opening_mark(after[0])):
        return content
    if not any(_opening_mark(t) for t in after):
        return content
    follow = _following_quotation(doc, cue)
    if not follow:
        return content
    quoted = _quoted(doc)
    before = [t for t in content if t.i < cue.index]
    unquoted = [t for t in before if not quoted[t.i] and not t.is_punct]
    if not unquoted:
        return content  # '"We will win," she said, "and win big."': nothing to drop
    first = unquoted[0]
    circumstance = (
        # "Asked if ...", "Responding to journalists" (not a gerund subject: "Evaluating
        # the candidates ..., Stevens said, "is like ...")
        (
            first.dep_ == "advcl"
            and (
                first.tag_ in ("VBG", "VBN")
                # "Asked what he believed, ...": a participle the tagger read as past tense
                or (first.tag_ == "VBD" and not any(c.dep_ == "nsubj" for c in first.children))
            )
        )
        or all(t.lower_ in _DISCOURSE_WORDS for t in unquoted)  # "But,", "Still,"
        or (first.pos_ == "ADP" and any(t.lemma_.lower() in _SETTING_NOUNS for t in unquoted))
    )
    if not circumstance:
        # "These sources, the lawyers said, "all command ..."" (its subject); "If Clinton
        # is elected, he said, "she might ..."" (its condition)
        return content
    return [t for t in before if quoted[t.i]] + follow


def _following_quotation(doc: Doc, cue: _Cue) -> list[Token]:
    """'..., telling reporters, "Nobody asked."': a quotation the parser hung elsewhere."""
    for tok in doc[cue.index + 1 :]:
        opening = tok.text in _QUOTE_OPEN or (
            tok.text in ('"', "''") and bool(doc[tok.i - 1].whitespace_)
        )
        if opening and doc[tok.i - 1].text in (",", ":", "—", "–"):
            return list(doc[tok.i :])
        if tok.pos_ == "VERB" and any(c.dep_ == "nsubj" for c in tok.children):
            return []  # '..., Cruz said as the heckler yelled: "..."': someone else's words
    return []


def _preceding_quotation(doc: Doc, cue: _Cue) -> list[Token]:
    """'"Security is nonnegotiable!" she said.': a quotation the parser made a sentence of its
    own, directly before its frame (nothing but the speaker between the quote and the cue).
    The quotation may have opened in an earlier sentence ('... sucks!" the note says.')."""
    first = next((t for t in doc if not t.is_space), None)
    if first is None:
        return []
    opened = _opening_mark(first)
    close = _last_quote_before(doc, cue.index)
    if close is None or close <= first.i + 1:
        return []
    if not opened and (
        any(t.text in _QUOTE_OPEN for t in doc[:close]) or doc[close - 1].text not in ".!?,"
    ):
        return []  # not a quotation carried over: only its closing mark, after its stop
    speaker = {t.i for t in cue.claimant_head.subtree} if cue.claimant_head is not None else set()
    between = doc[close + 1 : cue.index]
    if any(
        not t.is_punct and t.i not in speaker and t.dep_ not in ("aux", "advmod") for t in between
    ):
        return []
    return list(doc[first.i : close + 1])


def _whole_quotation_before(doc: Doc, cue: _Cue, content: list[Token]) -> list[Token]:
    """'"The drop is due to the emails, the foundation, all the old stuff," said an aide':
    a claim that lies inside the quotation before its frame is all of that quotation, where
    the parser kept only part of it (a list, a bracket, an ellipsis cut the clause short)."""
    words = [t for t in content if not t.is_punct]
    if not words:
        return content
    quotation = _preceding_quotation(doc, cue)
    inside = {t.i for t in quotation}
    if not quotation or not all(t.i in inside for t in words):
        return content
    if not _opening_mark(quotation[0]) and any(_opening_mark(t) for t in quotation[:-1]):
        return content  # 'A fight between (''X,'' she wrote) ...': the sentence is no quotation
    return quotation


def _lead_in_to_quotation(doc: Doc, cue: _Cue, content: list[Token]) -> list[Token]:
    """'The coach saw it differently: "We learned more tonight," he said.': the words before
    the colon that opens a quotation closed by its frame are the writer's lead-in to what was
    said, not part of it (the colon outside any quotation, one quotation before the frame,
    nothing but the speaker between its closing mark and the cue)."""
    close = _last_quote_before(doc, cue.index)
    if close is None or not content:
        return content
    speaker = {t.i for t in cue.claimant_head.subtree} if cue.claimant_head is not None else set()
    if any(
        not t.is_punct and t.i not in speaker and t.dep_ not in ("aux", "advmod")
        for t in doc[close + 1 : cue.index]
    ):
        return content
    opening = next((t for t in reversed(doc[:close]) if _quote_mark(t)), None)
    if opening is None or opening.i < 2 or not _opening_mark(opening):
        return content
    colon = doc[opening.i - 1]
    if colon.text != ":" or _quoted(doc)[colon.i]:
        return content
    if any(_quote_mark(t) for t in doc[: colon.i]):
        return content  # another quotation in the lead-in: which one is whose is unclear
    lead = [t for t in content if t.i < colon.i and not t.is_punct]
    if not lead or not any(opening.i < t.i < close for t in content):
        return content
    return [t for t in content if t.i >= opening.i]


def _quotation_to_its_close(doc: Doc, cue: _Cue, content: list[Token]) -> list[Token]:
    """'Ortiz wrote that the plan "is right about the problems, but its answers fail."': a
    claim that ends inside a quotation it opened runs to the quotation's closing mark (the
    parser cut it at a comma, an ellipsis or a bracket); the quoted words are all said."""
    words = [t for t in content if not t.is_punct]
    if not words:
        return content
    quoted = _quoted(doc)
    last = max(words, key=lambda t: t.i)
    if not quoted[last.i]:
        return content
    opening = next((t for t in reversed(doc[: last.i]) if not quoted[t.i]), None)
    if opening is None or not _opening_mark(opening) or opening.i < min(t.i for t in words) - 1:
        return content  # opened before the claim: a quotation the frame stands inside
    closing = next((t for t in doc[last.i + 1 :] if not quoted[t.i]), None)
    if closing is None or not _closing_mark(closing) or closing.i > cue.index > last.i:
        return content
    speaker = cue.claimant_head
    if speaker is not None and last.i < speaker.i < closing.i:
        return content
    have = {t.i for t in content}
    return sorted(
        [*content, *(t for t in doc[last.i + 1 : closing.i + 1] if t.i not in have)],
        key=lambda t: t.i,
    )


def _quotation_the_frame_interrupts(doc: Doc, cue: _Cue, content: list[Token]) -> list[Token]:
    """'"If the nominees stay away," Ruiz said, "why would sponsors come?"': a claim that is
    the quotation resumed after the frame begins with the part the frame interrupted (the
    parser hung that part on the verb as a condition or an adverb of its own)."""
    words = [t for t in content if not t.is_punct]
    if not words or min(t.i for t in words) < cue.index:
        return content
    follow = _following_quotation(doc, cue)
    if not follow or any(t.i < follow[0].i for t in words):
        return content
    before = _preceding_quotation(doc, cue)
    if not before or not _opening_mark(before[0]):
        return content
    return before + content


_TIME_LEADS = _words("on last this late early earlier next")
_TIME_LEAD_OR_WORD = _TIME_LEADS | _TIME_WORDS


def _when_after_cue(doc: Doc, cue: _Cue, content: list[Token]) -> list[Token]:
    """ "The president said Tuesday his actions are lawful", "promised Sunday to end it":
    the day right after the cue says when it was said, wherever the parser hung it (not
    "said Tuesday would be the day", where it is the claim's subject)."""
    have = {t.i for t in content}
    i = cue.index + 1
    lead: list[Token] = []
    while i < len(doc) and i in have and doc[i].lower_ in _TIME_LEAD_OR_WORD:
        lead.append(doc[i])
        i += 1
    times = [t for t in lead if t.lower_ in _TIME_WORDS]
    if not times or any(
        # ("Thursday's speeches", "year-over-year": a word of the claim's own phrase)
        t.dep_ in ("nsubj", "nsubjpass", "poss", "compound", "amod") or not t.whitespace_
        for t in times
    ):
        return content
    if i < len(doc) and doc[i].text == "," and i in have:
        lead.append(doc[i])
    rest = [t for t in content if t.i > lead[-1].i and not t.is_punct]
    if len(rest) < 2:
        return content
    dropped = {t.i for t in lead}
    return [t for t in content if t.i not in dropped]


def _before_closing_frame(doc: Doc, cue: _Cue) -> list[Token]:
    """ "..., fundraising documents show.": a frame the parser left without a complement at
    the end of the sentence, after a comma; what stands before it is its claim."""
    if cue.claimant_head is None:
        return []
    start = min(t.i for t in cue.claimant_head.subtree)
    verb = doc[cue.index]
    framing = {
        x.i
        for c in verb.children
        if c.i > verb.i
        and (
            c.dep_ in _FRAME_DEPS
            or c.dep_ in ("npadvmod", "dative")
            or (c.dep_ == "dobj" and verb.lemma_ in _ADDRESSEE_LEMMAS)
            or _citing(c)
        )
        for x in c.subtree
    }
    if cue.claimant_head.i > verb.i:
        # "..., said the company's chief executive, Ana Ruiz.": the speaker after the verb
        # (a verb that inverts so; not "..., pledged delegates")
        if verb.lemma_.lower() not in _INVERTING_LEMMAS:
            return []
        framing |= {t.i for t in cue.claimant_head.subtree}
        start = verb.i
    tail = all(t.is_punct or t.i in framing for t in doc[cue.index + 1 :])
    if not tail or start < 2 or doc[start - 1].text != ",":
        return []
    return list(doc[: start - 1])


# Verbs of saying that put the speaker after them at the end of a sentence ("..., said X").
_INVERTING_LEMMAS = _words("say add write tell note explain report state insist argue warn recall")


def _all_before_closing_frame(doc: Doc, cue: _Cue, content: Sequence[Token]) -> bool:
    """ "People like Scott, he said.": a short claim, all that stands before its frame (not
    where or when it was said: "In a 1963 speech, he declared:")."""
    before = {t.i for t in _before_closing_frame(doc, cue) if not t.is_punct}
    tops = [t for t in content if t.head.i not in {x.i for x in content} or t.head == t]
    circumstance = any(t.dep_ in ("prep", "npadvmod", "advcl", "mark") for t in tops)
    announced = doc.text.rstrip().endswith(":")
    return bool(before) and before <= {t.i for t in content} and not (circumstance or announced)


def _only_circumstance(doc: Doc, cue: _Cue) -> bool:
    """Nothing but the cue, its subject and where, when or how it was said."""
    allowed = {cue.index}
    if cue.claimant_head is not None:
        allowed |= {t.i for t in cue.claimant_head.subtree}
    verb = doc[cue.index]
    for child in verb.children:
        if child.dep_ in ("prep", "npadvmod", "advmod", "aux", "auxpass", "neg", "punct", "agent"):
            allowed |= {t.i for t in child.subtree}
    return all(t.i in allowed or t.is_punct for t in doc)


def _bare_frame(doc: Doc, cue: _Cue) -> bool:
    """'Clinton said.': a frame alone, whose statement is the sentence before."""
    rest = [
        t
        for t in doc
        if not t.is_punct
        and t.i != cue.index
        and (cue.claimant_head is None or t.i not in {x.i for x in cue.claimant_head.subtree})
    ]
    return len(rest) <= 2 and not any(t.dep_ in ("prep", "dobj") for t in rest)


def _plural_role(word: str) -> bool:
    """ "secretaries", "ministers": the plural of a title."""
    return (word.endswith("ies") and word[:-3] + "y" in ROLE_WORDS) or (
        word.endswith("s") and word[:-1] in ROLE_WORDS
    )
