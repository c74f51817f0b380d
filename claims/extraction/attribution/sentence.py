"""One parsed sentence attributed: the claim's span, frames matched by pattern,
:func:`_attribute_doc`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from ..parse import parse_many
from .frames import (
    AS_STATED_RE,
    named_predicate,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
from .claimant import _Claimant, _claimant
from .cue_parts import _ACCORDING_TO_WORDS, _complementiser, _Cue, _thin
from .cues import _cues, _names_a_medium
from .lexicon import _ANONYMITY_RE, _CONNECTIVE, _CONNECTIVE_WORDS, _REPORTING_LEMMAS, _STRIP, _THAT
from .marks import _closing_mark, _inside_quotation, _last_quote_before, _quoted
from .persons import _gender
from .quotation import (
    _all_before_closing_frame,
    _bare_frame,
    _before_closing_frame,
    _carries_a_speaker,
    _following_quotation,
    _from_complementiser,
    _lead_in_to_quotation,
    _only_circumstance,
    _preceding_quotation,
    _quotation_after_cue,
    _quotation_the_frame_interrupts,
    _quotation_to_its_close,
    _resumed_quotation,
    _role_outside,
    _speaker_after_quote,
    _when_after_cue,
    _whole_quotation_before,
)
from .result import UNATTRIBUTED_RESULT, Attribution


def _claim_span(doc: Doc, content: Sequence[Token]) -> tuple[int | None, int | None, str | None]:
    """Character offsets (in the sentence) and text of the claim made of ``content``."""
    if not content:
        return None, None, None
    pieces: list[tuple[int, int]] = []
    indexes = {t.i for t in content}
    for tok in sorted(content, key=lambda t: t.i):
        start, end = tok.idx, tok.idx + len(tok)
        if pieces and (tok.i - 1) in indexes and pieces[-1][1] <= start:
            pieces[-1] = (pieces[-1][0], end)
        else:
            pieces.append((start, end))
    texts = []
    spans = []
    for a, b in pieces:
        piece = doc.text[a:b]
        stripped = piece.strip(_STRIP)
        if not stripped:
            continue
        a += piece.index(stripped)
        b = a + len(stripped)
        texts.append(stripped)
        spans.append((a, b))
    if not spans:
        return None, None, None
    # A leading complementiser is frame: "said that prices rose" -> "prices rose".
    first = _THAT.match(doc.text[spans[0][0] : spans[0][1]])
    lead = next((t for t in content if t.idx >= spans[0][0] and t.lower_ == "that"), None)
    if first and lead is not None and not _complementiser(lead):
        first = None  # "That is of concern": a demonstrative, not a complementiser
    if first and spans[0][0] + first.end() < spans[0][1]:
        a, b = spans[0][0] + first.end(), spans[0][1]
        # "says that, through a request, ...": the comma after "that" goes with it
        piece = doc.text[a:b].lstrip(_STRIP)
        spans[0] = (b - len(piece), b)
        texts[0] = piece
    while (connective := _CONNECTIVE.match(texts[0])) and connective.end() < len(texts[0]):
        spans[0] = (spans[0][0] + connective.end(), spans[0][1])
        texts[0] = texts[0][connective.end() :]
    while len(spans) > 1 and texts[0].lower().rstrip(",") in _CONNECTIVE_WORDS:
        # "Still, he said, officials have to decide": the frame cut the connective off into
        # a piece of its own ("Still"), no more part of the claim than when it is joined.
        del spans[0], texts[0]
    # A claim never ends inside a word the tokenizer split ("it has re-" of "re-examined",
    # where the parser lost the rest): it then runs to the end of the sentence.
    last_a, last_b = spans[-1]
    after = doc.text[last_b : last_b + 2]
    if after[:1].isalnum() or (after[:1] in "-‐" and after[1:2].isalnum()):
        spans[-1] = (last_a, len(doc.text.rstrip(" \t\n:;,")))
        texts[-1] = doc.text[spans[-1][0] : spans[-1][1]]
    # A final period belongs to the sentence, not to the claim.
    last_a, last_b = spans[-1]
    final_stop = doc.text[last_b - 1] in ".!?…" and doc.text[last_b - 2 : last_b] != ".."
    if final_stop and last_b - 1 > last_a:
        texts[-1] = doc.text[last_a : last_b - 1].rstrip(_STRIP)
        spans[-1] = (last_a, last_a + len(texts[-1]))
    # Keep a quotation whole: 'a “turning point.”' rather than 'a “turning point'.
    last_a, last_b = spans[-1]
    claim = doc.text[last_a:last_b]
    for opening, closing in (("“", "”"), ('"', '"'), ("''", "''")):
        # (two apostrophes open and close a quotation in some wires' copy: "an ''Aunt Tom.''")
        opened = (
            claim.count(opening) > claim.count(closing)
            if opening != closing
            else claim.count(opening) % 2
        )
        if opened:
            tail = re.match(r"[.,!?]?" + re.escape(closing), doc.text[last_b:])
            if tail:
                spans[-1] = (last_a, last_b + tail.end())
                texts[-1] = doc.text[spans[-1][0] : spans[-1][1]]
            break
    # ... from its opening mark: 'accused “some people” of leaking' is not 'some people” ...'.
    first_a, first_b = spans[0]
    head = doc.text[first_a:first_b]
    if head.count("”") > head.count("“") and doc.text[first_a - 1 : first_a] == "“":
        spans[0] = (first_a - 1, first_b)
        texts[0] = doc.text[first_a - 1 : first_b]
    # ... and a parenthesis: "the coronavirus disease 2019 (COVID-19)".
    last_a, last_b = spans[-1]
    claim = doc.text[last_a:last_b]
    if claim.count("(") > claim.count(")") and doc.text[last_b : last_b + 1] == ")":
        spans[-1] = (last_a, last_b + 1)
        texts[-1] = doc.text[last_a : last_b + 1]
    if len(spans) == 1:
        return spans[0][0], spans[0][1], texts[0]
    return None, None, " ".join(texts)


# "As sources familiar with the matter point out, ...": the parser sometimes reads "point"
# as a noun here; the frame is regular enough to read without it.
_AS_FRAME_RE = re.compile(
    r"^\s*As\s+(?P<who>[^,]{3,120}?)\s+(?P<cue>point(?:s|ed)?\s+out|not(?:e|es|ed)|sa(?:y|ys|id)"
    r"|explain(?:s|ed)?|argu(?:e|es|ed)|warn(?:s|ed)?|put\s+it)\s*,\s*(?P<claim>\S.*)$",
    re.S,
)


# "..., records show." / "..., the ministry said.": a frame at the end that the parser
# sometimes reads as a noun phrase ("records show" as a compound noun).
_TAIL_FRAME_RE = re.compile(
    # ('..., a voice-over in the ad states.': after the quotation's closing mark too)
    # ("states" only so: "..., in five states." is no frame)
    # (a comma between digits is a thousands separator: "after a further 11,000 were added")
    r"^(?P<claim>\S.*?),(?!\d)(?P<closing>\s*(?:[”\"]|''))?\s*(?P<who>[^,\"“”]{2,80}?)\s+"
    r"(?P<cue>sa(?:y|ys|id)|show(?:s|ed)?|(?(closing)stat(?:es|ed)|(?!x)x)"
    r"|found|finds|report(?:s|ed)|not(?:es|ed)|add(?:s|ed)|wr(?:ote|ites)|warn(?:s|ed)"
    r"|estimat(?:es|ed)|indicat(?:es|ed)|suggest(?:s|ed)|maintain(?:s|ed)|insist(?:s|ed)"
    r"|argu(?:es|ed)|contend(?:s|ed))"
    # "..., the city's mayor said early on Thursday.", "..., police said in a statement."
    r"(?:\s+(?:(?:early|late)\s+)?(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday"
    r"|Saturday|Sunday|today|yesterday|tonight)(?:\s+(?:morning|afternoon|evening|night))?"
    r"|\s+in\s+a\s+statement)?\s*[.!]?\s*$",
    re.S,
)


# 'Said Ellis: "..."': the frame first, inverted, then the quotation.
_SAID_FIRST_RE = re.compile(
    r"^\s*(?P<cue>Said|Added|Wrote|Explained|Continued|Insisted|Replied|Recalled|Countered)\s+(?P<who>[^:,\"“”]{2,80}?)\s*[:,]\s*"
    r"(?P<claim>[\"“].*)$",
    re.S,
)


# "Trump charges that ...": a name and a present-tense speech verb the tagger took for a
# noun ("charges", "claims"), read without the parse when it found no speaker.
_NAME_SAYS_THAT_RE = re.compile(
    r"^\s*(?:But\s+|And\s+)?(?P<who>(?:[A-Z][\w.’'-]*\s+){0,3}[A-Z][\w.’'-]*)\s+"
    r"(?P<cue>claims|charges|contends|insists|argues|says|maintains|alleges|asserts|estimates"
    r"|predicts|warns|notes|admits|concedes|acknowledges)\s+"
    # ("Ruiz claims she's owed $10,000": a subject pronoun opens the clause without "that")
    r"(?:that\s+|(?=(?:he|she|they|it|we|I)(?:\s|[’']\w)))"
    r"(?P<claim>\S.*)$",
    re.S,
)


# Frames that open the sentence; the inverted ones are also tried when the parse found cues
# but no speaker.
# "FEC records from the 2008 cycle show he backed ...": records, data or polls opening the
# sentence, whose verb the tagger took for a noun.
_RECORDS_SHOW_RE = re.compile(
    r"^\s*(?P<who>(?:[\w.’'-]+\s+){0,3}(?:records|data|figures|documents|filings|statistics"
    r"|polls|surveys|results|estimates|numbers)(?:\s+[\w.’'-]+){0,8}?)\s+"
    r"(?P<cue>show(?:s|ed)?|indicat(?:e|es|ed)"
    r"|suggest(?:s|ed)?)\s+(?:that\s+)?(?P<claim>\S.*)$",
    re.S,
)
_INVERTED_FRAMES = (_SAID_FIRST_RE, _NAME_SAYS_THAT_RE, _RECORDS_SHOW_RE, AS_STATED_RE)
_HEAD_FRAMES = (_AS_FRAME_RE, *_INVERTED_FRAMES)


def _frame_by_pattern(
    doc: Doc, heads: tuple[re.Pattern, ...] = _HEAD_FRAMES, tail: bool = True
) -> Attribution | None:
    """The "As X noted, ...", 'Said X: "..."' and (with ``tail``) "..., X said." frames,
    read without the parse."""
    text = doc.text
    m = next((found for pattern in heads if (found := pattern.match(text))), None)
    if m is not None:
        who, cue, start = m.group("who"), m.group("cue").lower(), m.start("claim")
        end = len(text.rstrip())
    elif not tail:
        return None
    else:
        m = _TAIL_FRAME_RE.match(text)
        if m is None:
            return None
        who, cue, start, end = m.group("who"), m.group("cue"), 0, m.end("claim")
    # Parsed as the subject of a plain frame, which keeps "Federal Election Commission
    # records" a noun phrase (alone, "records" reads as its verb).
    phrase = next(iter(parse_many([f"{who} said so."])))
    heads = [t for t in phrase if t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "ROOT"]
    if not heads:
        return None
    if m.re is _NAME_SAYS_THAT_RE and not any(t.pos_ == "PROPN" for t in phrase):
        return None  # "Inflation claims that are false ...": a noun, not a name
    claimant = _claimant(heads[0], bool(_ANONYMITY_RE.search(text)))
    if claimant is None or claimant.kind == "thing" or not any(c.isalpha() for c in claimant.name):
        return None  # (a figure is no speaker: "..., 3,000 added.")
    piece = text[start:end]
    stripped = piece.strip(_STRIP + ".!?")
    if not stripped:
        return None
    start += piece.index(stripped)
    end = start + len(stripped)
    return Attribution(
        claimant.name,
        claimant.sourcing,
        claimant.kind == "person",
        claimant.role,
        " ".join(cue.split()),
        start,
        end,
        text[start:end],
        claimant.kind,
    )


def _attribute_doc(doc: Doc) -> Attribution:
    cues = _cues(doc)
    if not cues:
        framed = _frame_by_pattern(doc)
        return framed or UNATTRIBUTED_RESULT
    anonymous = bool(_ANONYMITY_RE.search(doc.text))
    best: tuple[tuple, Attribution, _Cue] | None = None
    for cue in cues:
        claimant = _claimant(cue.claimant_head, anonymous) if cue.claimant_head else None
        if claimant is None:
            continue
        content = list(cue.content or []) + _resumed_quotation(doc, cue)
        embedded = doc[cue.index].dep_ == "relcl" and len(content) == len(doc)
        if cue.claimant_head is not None and cue.claimant_head in content and not embedded:
            # The speaker the parser hung inside the quotation ('"...," Gene Sperling, an
            # adviser, said'): the claim ends where the speaker's phrase begins.
            speaker_start = min(t.i for t in cue.claimant_head.subtree)
            quote_before = _last_quote_before(doc, cue.claimant_head.i)
            if quote_before is not None:
                speaker_start = max(speaker_start, quote_before)
            content = [t for t in content if t.i < speaker_start]
        close = _last_quote_before(doc, cue.index)
        if _speaker_after_quote(doc, cue, close):
            # '"...," Tulsa police Chief Chuck Jordan said': the speaker's phrase stands
            # between the quotation and the verb, whatever of it the parser hung inside.
            content = [t for t in content if not close < t.i < cue.index]
        content = _quotation_after_cue(doc, cue, content)
        content = _whole_quotation_before(doc, cue, content)
        content = _lead_in_to_quotation(doc, cue, content)
        content = _quotation_to_its_close(doc, cue, content)
        content = _quotation_the_frame_interrupts(doc, cue, content)
        content = _when_after_cue(doc, cue, content)
        quotation: list[Token] = []
        # ("called the mayor reckless" says something, however few its words)
        named = [] if cue.content_is_clause else named_predicate(doc[cue.index])
        if named and _thin(content):
            content = named
        statement = cue.content_is_clause or bool(named)
        if not content or (not statement and _thin(content)):
            # ('"No breach," the firm said': the parser may hang two words of it on the cue.)
            quotation = _following_quotation(doc, cue) or _preceding_quotation(doc, cue)
            content = quotation or content or _before_closing_frame(doc, cue)
        frame_only = not content
        announced = doc.text.rstrip().endswith(":") or _bare_frame(doc, cue)
        if frame_only and not announced and not _only_circumstance(doc, cue):
            continue  # "X visited Kabul and said so": no statement here, and none announced
        if (
            content
            and not statement
            and not quotation
            and _thin(content)
            and not _all_before_closing_frame(doc, cue, content)
        ):
            content = []  # "has echoed this concern": the sentence says more than its object
        start, end, claim = _claim_span(doc, _from_complementiser(doc, cue, content))
        attribution = Attribution(
            claimant.name,
            claimant.sourcing,
            claimant.kind == "person",
            _role_outside(claimant.role, claim),
            cue.words,
            start,
            end,
            claim,
            claimant.kind,
            frame_only,
        )
        # "X said Y, according to Z": Z is whom the outlet cites for all of it, unless Z
        # only carries X's words (a named outlet or a document: '"Q," the chief said,
        # according to broadcaster NRK').
        cited = cue.words in _ACCORDING_TO_WORDS and not _names_a_medium(cue)
        if cited and _carries_a_speaker(doc, cue, claimant, cues):
            cited = False
        rank = (
            bool(claim),
            # "ducked, pointing to his record and saying that X": what was said, first
            not (doc[cue.index].lemma_.lower() == "point" and "out" not in cue.words),
            cited,
            -cue.depth,
            -cue.claimant_head.i if cue.claimant_head else 0,
        )
        if best is None or rank > best[0]:
            best = (rank, attribution, cue)
    if best is None:
        # 'Said Ellis: "I don't get ..."': the quotation's verbs gave no speaker.
        return _frame_by_pattern(doc, _INVERTED_FRAMES) or UNATTRIBUTED_RESULT
    return _frame_pronoun_named(doc, best[1], best[2], anonymous)


def _frame_pronoun_named(doc: Doc, result: Attribution, cue: _Cue, anonymous: bool) -> Attribution:
    """'Ruiz told the panel that X: "Y," she said': the "she" of a frame closing a quotation
    is the person the same sentence named as the subject of an earlier verb of saying (which
    the parser may have hung inside the quotation's frame), not someone of
    an earlier sentence. (Only after a quotation's closing mark: in "Ruiz praised Lee, and
    he said ..." the "he" may be Lee.)"""
    pronoun = cue.claimant_head
    if pronoun is None or pronoun.lower_ not in ("he", "she") or result.claimant != pronoun.lower_:
        return result
    before = pronoun.i - 1
    while before >= 0 and doc[before].text == ",":
        before -= 1
    if before < 0 or not _closing_mark(doc[before]):
        return result
    quoted = _quoted(doc)
    unfit = {"he": "f", "she": "m"}[pronoun.lower_]
    for head in reversed(doc[:before]):
        if (
            head.dep_ != "nsubj"
            or head.pos_ != "PROPN"
            or head.head.lemma_.lower() not in _REPORTING_LEMMAS
        ):
            continue
        if quoted[head.i] or _inside_quotation(head):
            continue
        verb = head.head
        if any(t.dep_ in ("advcl", "relcl", "acl") for t in (verb, *verb.ancestors)):
            continue  # "When Ruiz attacked Lee, '...,' he said": the "he" may be Lee
        named = _person_fit(head, anonymous, unfit)
        if named is not None:
            return _resolved_to(result, named, named.sourcing)
    return result


def _person_fit(head: Token, anonymous: bool, unfit: str) -> _Claimant | None:
    """The person ``head`` names, unless the pronoun's gender (``unfit``: the one it rules
    out) rules them out."""
    named = _claimant(head, anonymous)
    if named is None or named.kind != "person":
        return None
    person = Attribution(named.name, named.sourcing, True, named.role, kind="person")
    return None if _gender(person) == unfit else named


def _resolved_to(result: Attribution, named: _Claimant, sourcing: str) -> Attribution:
    """``result`` with its he/she resolved to the person ``named``."""
    return replace(
        result,
        claimant=named.name,
        role=_role_outside(named.role, result.claim),
        sourcing=sourcing,
        person_like=True,
        kind="person",
    )
