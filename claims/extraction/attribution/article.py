"""An article attributed sentence by sentence: :func:`attribute_sentences` and :func:`attribute`."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from ..parse import parse_many
from .carry import closes_unopened, colon_frame, one_holder_title, second_speaker
from .frames import (
    names_its_object,
)
from .lexicon import _ALL_PRONOUNS, _QUOTE_CLOSE, _QUOTE_OPEN, _TIME_WORDS, _words
from .parsing import (
    _HE_SHE_RE,
    _bare_text,
    _bare_word,
    _names_a_person,
    _one_speaker,
    _worth_parsing,
)
from .persons import (
    _fuller,
    _gender,
    _introduced_person,
    _object_person,
    _one_person_described,
    _subject_person,
)
from .quoted_text import (
    _OPEN_MARK,
    _after_opening_mark,
    _frame_inside_quotation,
    _last_opening_style,
    _open_quoted_paragraph,
    _opening_style,
    _quote_state,
    _quoted_claim,
    _quoted_paragraph,
    _resumed_with_frame,
    _unshifted,
    _whole_quotation,
)
from .resolve import _resolve, _surname_of_earlier
from .result import NAMED, UNATTRIBUTED_RESULT, Attribution
from .tagged import (
    _BARE_FIGURE_RE,
    _SHARE_NOUN_RE,
    _SHARE_OF_RE,
    _announced_by,
    _attribute_tagged,
    _company_of_shares,
    _hide_party_tags,
    _named_earlier_in_sentence,
    _untitled,
)


def attribute_sentences(
    sentences: Sequence[str], same_paragraph: Sequence[bool] | None = None
) -> list[Attribution]:
    """The attribution of each sentence of one article, in order.

    ``same_paragraph[i]`` says whether sentence ``i`` continues the paragraph of sentence
    ``i - 1`` (a quotation is carried only inside a paragraph); all True when not given.
    """
    if same_paragraph is None:
        same_paragraph = [True] * len(sentences)
    results: list[Attribution] = []
    antecedents: list[Attribution] = []  # most recent last
    quote_open = False
    open_style: str | None = None  # the kind of mark that opened the quotation still open
    quote_speaker: Attribution | None = None
    unspoken: list[int] = []  # sentences of the open quotation still without a speaker
    opened_before: list[bool] = []  # whether each sentence starts inside a quotation
    introduced: list[Attribution | None] = []  # a speaker introduced with no verb of saying
    worth = [_worth_parsing(t) for t in sentences]
    # Sentences parsed only for the people they name (no cue in them: still unattributed).
    for_names = [False] * len(sentences)
    for i, text in enumerate(sentences):
        if worth[i]:
            continue
        # A sentence that may introduce the speaker of a paragraph of quotation after it, or
        # name a person a "he" or "she" of the next sentences stands for, is parsed too.
        opens_quotation = (
            i + 1 < len(sentences)
            and not same_paragraph[i + 1]
            and sentences[i + 1].lstrip()[:1] in _QUOTE_OPEN + '"'
        )
        pronoun_after = any(_HE_SHE_RE.search(t) for t in sentences[i + 1 : i + 4])
        worth[i] = for_names[i] = (opens_quotation or pronoun_after) and _names_a_person(text)
    # A sentence that starts inside a quotation and closes it before its frame ('... the
    # Iranian regime. A vicious group of people," he said.') is parsed with its opening
    # mark given back: without it the parser reads the quoted words as the frame's subject.
    resumed = _resumed_with_frame(sentences, same_paragraph)
    parsed = iter(
        parse_many(
            [
                _OPEN_MARK * r + _hide_party_tags(t)
                for t, w, r in zip(sentences, worth, resumed, strict=True)
                if w
            ]
        )
    )

    def speak(speaker: Attribution, indexes: list[int]) -> None:
        """Give ``indexes`` (quoted sentences) the speaker named after them."""
        for j in indexes:
            a, b, claim = _quoted_claim(sentences[j])
            results[j] = replace(speaker, claim_start=a, claim_end=b, claim=claim, frame_only=False)

    for i, text in enumerate(sentences):
        doc = next(parsed) if worth[i] else None
        continued_by: Attribution | None = None
        style = _opening_style(text)
        resumes = quote_open and not same_paragraph[i] and style is not None and style == open_style
        end = next(
            (k for k in range(i + 1, len(sentences)) if not same_paragraph[k]), len(sentences)
        )
        runs_on = (
            quote_open
            and not same_paragraph[i]
            and style is None
            and closes_unopened(" ".join(sentences[i:end]))
        )
        if not same_paragraph[i] and not resumes and not runs_on:
            # (A quotation left open at a paragraph's end and resumed by a mark at the next
            # one's start runs on: English copy opens every paragraph of a long quotation and
            # closes only the last, where its frame may stand.)
            # A paragraph that is one whole quotation, right after a paragraph that closed
            # on a speaker's quotation, is that speaker going on (the wire's convention).
            before = results[-1] if results else None
            if (
                before is not None
                and before.claimant is not None
                and before.kind in ("person", "organization", "document")
                and _quote_state(sentences[i - 1], opened_before[-1])[0]
                and (
                    _whole_quotation(text)
                    or _quoted_paragraph(sentences, same_paragraph, i)
                    or _open_quoted_paragraph(sentences, same_paragraph, i)
                )
            ):
                continued_by = replace(before, claim_start=None, claim_end=None, claim=None)
            elif (
                before is not None
                and before.claimant is None
                and introduced[-1] is not None
                and (_whole_quotation(text) or _quoted_paragraph(sentences, same_paragraph, i))
            ):
                # A paragraph of quotation after one that introduced its speaker with no verb
                # of saying ("Market analyst Tom Okafor gave his view of the slump.").
                continued_by = introduced[-1]
            quote_open = False
            quote_speaker = None
            unspoken = []
        starts_inside = quote_open
        opened_before.append(starts_inside)
        # A paragraph resuming an open quotation reopens it with its first mark (a straight
        # one would otherwise read as the close).
        in_quote, quote_open = _quote_state(text, quote_open and not resumes)
        in_quote = in_quote or resumes
        if quote_open:
            open_style = _last_opening_style(text) or open_style
        if doc is None or for_names[i]:
            result = UNATTRIBUTED_RESULT
        elif resumed[i]:
            result = _unshifted(_attribute_tagged(doc, _OPEN_MARK + text), text)
            if result.claimant is None:
                # The mark is no help when the parser then misses the frame ('...," screenwriter
                # Ann Lee wrote on Twitter.'): the sentence as printed.
                plain = next(iter(parse_many([_hide_party_tags(text)])))
                result = _attribute_tagged(plain, text)
        else:
            result = _attribute_tagged(doc, text)
        if starts_inside and _frame_inside_quotation(
            _after_opening_mark(text) if resumes else text, result
        ):
            # A quotation that runs on from an earlier sentence: 'So now they say, Mr.
            # President, this is bad.' and 'Then the bank called it back."' are the quoted
            # speaker's account of what others said, no frame of the outlet's.
            result = UNATTRIBUTED_RESULT
        if result.claimant is None and not starts_inside and (frame := colon_frame(text)):
            name, title, at = frame  # 'José Gomes: "We went out ...'
            a, b, claim = _quoted_claim(text[at:])
            result = Attribution(name, NAMED, True, title, ":", at + a, at + b, claim, "person")
        resolved = _resolve(result, antecedents, described=True)
        if doc is not None and result.claimant in ("he", "she"):
            # Not resolved by the sentences before, or only to an unnamed person who spoke
            # ("the official"): the person the sentence itself names before its pronoun, if
            # any ("When Fiorina announced ..., as if she"). Resolved: that person still, when
            # the pronoun speaks in a clause under the one the person is the subject of
            # ("Biden spent Labor Day in Harrisburg, where he promised ..." after Pence).
            unresolved = resolved.claimant == result.claimant or _one_person_described(
                resolved.claimant
            )
            named = _named_earlier_in_sentence(doc, result, subordinate_only=not unresolved)
            if named.claimant != result.claimant:
                resolved = named
        if doc is not None and result.claimant == "it":
            # The company whose shares the sentence itself speaks of is nearer than any
            # antecedent ("Salesforce stock tanked after it reported that ...").
            owner = _company_of_shares(doc, result)
            if owner.claimant != "it":
                resolved = owner
        result = _surname_of_earlier(resolved, antecedents)
        if result.kind == "organization" and one_holder_title(result.claimant, antecedents):
            result = replace(result, kind="person")  # "The Premier said": a later "he"
        if result.frame_only and not text.rstrip().endswith(":"):
            # Only a frame: it speaks for the quotation just before it, if there is one
            # ("He said:" announces the next sentence and keeps its attribution).
            before = results[-1] if results and same_paragraph[i] else None
            quoted_before = i > 0 and sentences[i - 1].rstrip()[-1:] in _QUOTE_CLOSE + "\"'"
            if before is not None and quoted_before and before.claimant is None:
                speak(result, sorted(set(unspoken) | {i - 1}))
                unspoken = []
            elif not _bare_text(text):
                result = UNATTRIBUTED_RESULT
        if result.claimant is None and continued_by is None and not starts_inside:
            continued_by = _announced_by(results, sentences, i)
        if result.claimant is None and continued_by is not None:
            a, b, claim = _quoted_claim(text)
            result = replace(continued_by, claim_start=a, claim_end=b, claim=claim)
        if (
            result.claimant is None
            and (starts_inside or (in_quote and text.lstrip()[:1] in '"“‘«'))
            and quote_speaker is not None
        ):
            a, b, claim = _quoted_claim(text)
            result = replace(quote_speaker, claim_start=a, claim_end=b, claim=claim)
        opens_quote = text.lstrip()[:1] in _QUOTE_OPEN + '"'
        if result.claimant is not None and in_quote:
            quote_speaker = replace(result, claim_start=None, claim_end=None, claim=None)
            if quote_open and (other := second_speaker(text, result.claimant)) is not None:
                person = Attribution(other, NAMED, True, kind="person")
                quote_speaker = _surname_of_earlier(person, antecedents)
            if starts_inside:
                # '"We are concerned. We do not know where they are," she said.'
                speak(quote_speaker, unspoken)
            unspoken = []
        elif not in_quote and not quote_open:
            quote_speaker = None
            unspoken = []
        elif result.claimant is None and (starts_inside or opens_quote) and quote_open:
            unspoken.append(i)
        if result.claim is None:
            result = replace(result, claim_start=0, claim_end=len(text), claim=text)
        results.append(result)
        introduced.append(
            _introduced_person(doc) if doc is not None and result.claimant is None else None
        )
        if result.claimant is not None and result.kind in ("person", "organization", "group"):
            antecedents.append(result)
        elif doc is not None:
            subject = _subject_person(doc)
            if subject is not None:
                # (A sentence parsed for its names alone may call a person by a short form:
                # "Ham" after "Gen. Norman Ham".)
                antecedents.append(_fuller(subject, antecedents) if for_names[i] else subject)
            if subject is None or subject.kind != "person":
                # No person as the subject: the person the sentence names as an object.
                mention = _object_person(doc)
                if mention is not None:
                    antecedents.append(_fuller(mention, antecedents))
        del antecedents[:-8]
    # A quotation's "he" is someone the speaker talks about, also in its later sentences.
    return [
        _untitled(r if inside else _speaker_named(r, t))
        for r, t, inside in zip(results, sentences, opened_before, strict=True)
    ]


_SUBJECT_PRONOUN_RE = re.compile(r"(?i)^(he|she|it|they)\s+(?=\w)")
_PRONOUN_FITS = {
    "he": ("person",),
    "she": ("person",),
    "it": ("organization", "document"),
    "they": ("group", "organization"),
}
# "said it was unclear whether ...": an "it" before these is no one.
_EXPLETIVE_NEXT = _words("is was 's be been being seems seemed appears appeared remains remained")


def _another_name_before(text: str, result: Attribution) -> bool:
    """Whether the cue names someone else before the claim ("Axelrod made peace by telling
    Clinton she had been ..."): the pronoun may stand for that person. An outlet told
    ("told The Associated Press that he") or a place is no one the pronoun stands for."""
    cue = (result.cue or "").split()[-1:]
    at = text.rfind(cue[0], 0, result.claim_start) if cue else -1
    if at < 0:
        return False
    between = text[at + len(cue[0]) : result.claim_start]
    # The addressee stands right after the cue ("telling Clinton", "told host Chris Cuomo").
    runs = re.findall(r"^\s*(?:[a-z]+\s+)?((?:[A-Z][\w.-]*\s*)+)(?:\s|,|$)", between)
    own = {_bare_word(w) for w in f"{result.claimant} {result.role or ''}".split()}
    return any(
        not run.startswith("The ")
        and not any(_bare_word(w) in own | _TIME_WORDS for w in run.split())
        for run in runs
    )


_FRAME_PRONOUN_RE = re.compile(r"(?i)\b(?:he|she|they|it)\b")


def _frame_names_after(text: str, result: Attribution) -> bool:
    """Whether the frame follows the claim (its cue stands after the claim, none before) and
    names the speaker there rather than calling them by a pronoun."""
    cue = (result.cue or "").split()[-1:]
    if not cue or result.claim_start is None or result.claim_end is None:
        return False
    if text.rfind(cue[0], 0, result.claim_start) >= 0:
        return False
    tail = text[result.claim_end :]
    return cue[0] in tail and not _FRAME_PRONOUN_RE.search(tail)


def _speaker_named(result: Attribution, text: str) -> Attribution:
    """The claim names the speaker its subject pronoun stands for: in "Google said it would
    cut 12,000 jobs" the claim is "Google would cut 12,000 jobs", or it says nothing checkable
    and two speakers' claims read the same. The claim is then no single span of the input."""
    claim, claimant = result.claim, result.claimant
    if not claim or not claimant or claimant.lower() in _ALL_PRONOUNS:
        return result
    if result.claim_start is None or _quote_state(text[: result.claim_start], False)[1]:
        return result  # '"He will see you," Ms. Lee wrote': a quotation's "he" is someone else
    if _frame_names_after(text, result):
        # "He was charged with murder, Mina said": a pronoun opening a claim that a frame
        # naming its speaker follows stands for someone the article spoke of before (the
        # suspect), not for that speaker, who would have been named first ("He will run
        # again, he said" is one person, and stays the speaker).
        return result
    m = _SUBJECT_PRONOUN_RE.match(claim)
    if m is None or result.kind not in _PRONOUN_FITS[m.group(1).lower()]:
        return result
    if result.cue and names_its_object(result.cue):
        return result  # "calls it the biggest reform": an object, not the speaker
    pronoun = m.group(1).lower()
    unfit = {"he": "f", "she": "m"}.get(pronoun)
    if unfit is not None and _gender(result) == unfit:
        return result  # "Mrs. Clinton added that he was better ...": someone else
    if pronoun == "they" and _one_speaker(claimant):
        return result  # "One operative ..., saying they were ...": one is no "they"
    if _another_name_before(text, result):
        return result  # "Axelrod made peace by telling Clinton she had been ...": hers
    rest = claim[m.end() :]
    if m.group(1).lower() == "it" and set(rest.lower().split()[:2]) & _EXPLETIVE_NEXT:
        return result
    role = result.role or ""
    if result.kind == "group" and _BARE_FIGURE_RE.match(role):
        return result  # "Of those polled, 62% said they ...": 62%, not all of them
    if result.kind == "group" and (_SHARE_OF_RE.match(role) or _SHARE_NOUN_RE.match(role)):
        # A figure's group: the share said it of itself ("A third of the nurses said they
        # had worked unpaid hours": not every nurse).
        claimant = role
    return replace(result, claim=f"{claimant} {rest}", claim_start=None, claim_end=None)


def attribute(sentence: str, previous: Attribution | None = None) -> Attribution:
    """The attribution of one sentence on its own (``previous``: an antecedent for "he")."""
    if previous is None:
        return attribute_sentences([sentence])[0]
    result = _attribute_tagged(next(iter(parse_many([_hide_party_tags(sentence)]))), sentence)
    result = _resolve(result, [previous])
    if result.claim is None:
        result = replace(result, claim_start=0, claim_end=len(sentence), claim=sentence)
    return _untitled(_speaker_named(result, sentence))
