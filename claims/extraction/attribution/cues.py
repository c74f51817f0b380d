"""Every cue of a parsed sentence (verbs of saying, writing or evidence, "according to"), outside
quotations, and which one carries the claim.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
from .claimant import _claimant
from .content import (
    _AMBIGUOUS_LEMMAS,
    _JUDGING_LEMMAS,
    _a_benchmark,
    _clause_like,
    _content_around,
    _cue_words,
    _noun_cue,
    _outside,
    _reports,
    _set_off,
)
from .cue_parts import (
    _ACCORDING_TO_WORDS,
    _adverbial,
    _before_coordinator,
    _claim_after_frame,
    _complementiser,
    _Cue,
    _it_felt,
    _next_act,
    _pointed_to,
    _quoted_name,
    _said_of_the_object,
    _second_complement,
    _speakers_own_acts,
    _that_marked,
    _that_said,
    _used_as_verb,
)
from .lexicon import (
    _ACCORDING_TO,
    _FORECAST_LEMMAS,
    _INVERTED_ONLY,
    _NAMING_LEMMAS,
    _QUOTE_CLOSE,
    _QUOTE_OPEN,
    _REFUSING_LEMMAS,
    _SPEAKER_NOUNS,
    _TIME_WORDS,
    EVIDENCE_LEMMAS,
    SPEECH_LEMMAS,
    _words,
)
from .marks import _depth, _last_quote_before, _opening_mark, _quote_between, _quoted
from .subjects import (
    _ASKING_LEMMAS,
    _SUBJECT_CONTROL,
    _an_outlet,
    _relative_object,
    _speaker_after_as,
    _subject,
    _subject_of_relative,
)


def _cues(doc: Doc) -> list[_Cue]:
    quoted = _quoted(doc)
    found: list[_Cue] = []
    for tok in doc:
        if quoted[tok.i]:
            continue
        low = tok.lower_
        following = doc[tok.i + 1].lower_ if tok.i + 1 < len(doc) else ""
        if (low, following) in _ACCORDING_TO:
            # "according to X"; "as per X" (Indian and Nigerian English)
            to = doc[tok.i + 1]
            objects = [c for c in to.children if c.dep_ == "pobj"]
            if not objects:
                # "according to show insiders": a noun phrase the tagger read as a verb and
                # its object; the object is the source's head.
                objects = [
                    o
                    for c in to.children
                    if c.dep_ == "pcomp" and c.pos_ == "VERB"
                    for o in c.children
                    if o.dep_ == "dobj" and o.pos_ in ("NOUN", "PROPN")
                ]
            # Only "according to" and its object: the parser sometimes makes "According" the
            # head of the whole sentence, whose claim must not count as frame.
            frame = {tok.i} | {t.i for t in to.subtree}
            outside = _outside(doc, frame)
            comma = next((t.i for t in doc[tok.i + 2 :] if t.text == ","), None)
            if (
                tok.i <= 1
                and comma is not None
                and (
                    any(tok.i < t.i < comma for t in outside)  # (not "But" before it)
                    or not any(t.pos_ in ("VERB", "AUX") for t in outside)
                )
            ):
                # "According to X, the move reeks of ...": the parser hung the claim on the
                # source; at the head of a sentence the source ends at the comma.
                frame = set(range(tok.i, comma + 1))
                outside = _outside(doc, frame)
                if not objects or objects[0].i > comma:
                    nouns = [t for t in doc[tok.i + 2 : comma] if t.pos_ in ("PROPN", "NOUN")]
                    objects = nouns[-1:]
            found.append(
                _Cue(
                    f"{low} {following}",
                    objects[0] if objects else None,
                    frame,
                    outside,
                    _depth(tok),
                    tok.i,
                )
            )
            continue
        lemma = tok.lemma_.lower()
        # "But Trump claims that ...": a verb the tagger took for a plural noun, which the
        # parser still gave a subject and a clause.
        verbal = tok.pos_ == "NOUN" and _used_as_verb(tok)
        if tok.pos_ == "NOUN" and not verbal:
            cue = _noun_cue(tok, lemma)
            if cue is not None:
                found.append(cue)
            continue
        if tok.pos_ not in ("VERB", "AUX") and not verbal:
            continue
        judging = lemma in _JUDGING_LEMMAS and any(
            (c.dep_ == "prep" and c.lower_ in ("as", "to"))
            or (c.dep_ == "advcl" and any(m.lower_ == "as" for m in c.children))
            for c in tok.children
        )
        # "..., BelTA has learned", "Reuters has learned that": a news outlet's formula
        # for what it reports (a person who "has learned" something reports nothing).
        learned = (
            lemma == "learn"
            and any(c.dep_ == "aux" and c.lemma_ == "have" for c in tok.children)
            and any(c.dep_ == "nsubj" and _an_outlet(c) for c in tok.children)
        )
        speech = (
            lemma in SPEECH_LEMMAS
            or lemma in _NAMING_LEMMAS
            or judging
            or learned
            or (
                lemma == "point"
                and any(c.dep_ == "prt" and c.lower_ == "out" for c in tok.children)
            )
        )
        evidence = lemma in EVIDENCE_LEMMAS
        pointed = _pointed_to(tok) if lemma == "point" and not speech else []
        named_as: list[Token] = []
        if not (speech or evidence or pointed):
            continue
        that_clause = any(
            c.dep_ == "ccomp" and any(m.lower_ == "that" for m in c.children) for c in tok.children
        )
        # "The auditor alleged in ...", parsed as "the alleged auditor": a sentence whose
        # root is the noun has its main verb hung on that noun.
        main_verb = tok.dep_ == "acl" and tok.head.dep_ == "ROOT" and tok.head.i < tok.i
        if tok.dep_ == "amod" or (
            tok.dep_ == "acl" and tok.tag_ != "VBG" and not (that_clause or main_verb)
        ):
            continue  # "the so-called plan", "a report released on Monday"
        if any(c.dep_ == "neg" and not _quote_between(doc, c.i, tok.i) for c in tok.children):
            continue  # "did not respond", "wouldn't say": nothing was said ('not," she said')
        relative_object = _relative_object(tok)
        if (
            tok.dep_ == "relcl"
            and lemma in _FORECAST_LEMMAS
            and relative_object is not None
            and relative_object.tag_ == "WDT"
        ):
            continue  # "ahead of the $134.1 million that analysts expected": a benchmark
        if lemma in _FORECAST_LEMMAS and _a_benchmark(tok):
            continue  # "below the 13 percent analysts had expected": no statement
        if any(c.dep_ == "aux" and c.lower_ in ("should", "must", "ought") for c in tok.children):
            continue  # "officials should publicly state their views": asked of them, unsaid
        if _that_said(tok):
            continue  # "That said, ...": a connective, no one's statement
        if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in _REFUSING_LEMMAS:
            continue  # "declined to say whether ...", "refused to confirm": nothing was said
        if tok.head.lemma_.lower() in _ASKING_LEMMAS and any(
            c.dep_ == "mark" and c.lower_ in ("if", "whether") for c in tok.children
        ):
            continue  # "was asked if he believes ...": a question put to him, nothing said
        if (
            lemma == "insist"
            and any(c.dep_ == "prep" and c.lower_ == "on" for c in tok.children)
            and not any(c.dep_ in ("ccomp", "parataxis") for c in tok.children)
        ):
            continue  # "insisted on anonymity", "insists on a recount": a demand, nothing said
        complements = [
            c for c in tok.children if c.dep_ in ("ccomp", "parataxis") and not _that_said(c)
        ]
        if not complements and tok.dep_ == "xcomp" and tok.head.dep_ == "acomp":
            # "is right to note, however, that ...": the parser hung the clause on the copula.
            complements = [
                c
                for c in tok.head.head.children
                if c.dep_ == "ccomp" and c.i > tok.i and _that_marked(c)
            ]
        if any(c.i > tok.i and _that_marked(c) for c in complements):
            # "Carson seems to know it — he told the AP that ...": the clause before the
            # frame is another statement the parser hung on it.
            complements = [c for c in complements if c.i > tok.i or quoted[c.i]]
        complements = [c for c in complements if not _another_clause_between(tok, c)]
        felt = [c for c in complements if lemma == "find" and _it_felt(c)]
        if felt:
            # "found it hard to win them over": how it felt, no finding.
            complements = [c for c in complements if c not in felt]
            if not complements:
                continue
        if any(c.i > tok.i for c in complements):
            # "Shortly after the senator quit, Cruz said he ...": an adverbial clause the
            # parser hung on the cue as a complement says when, not what.
            complements = [c for c in complements if c.i > tok.i or not _adverbial(c, quoted)]
        if any(_subjectless_finite(c, quoted) for c in complements if c.i > tok.i) and (
            _cannot_speak(tok)
        ):
            continue  # "The ratio reported globally in 2021 was 1.9%": a reduced relative
        if judging:
            # "rejected the claim as baseless", "attributed the drop to the weather": what
            # is judged and the judgement ("The claim was rejected as baseless by X").
            complements = [
                c
                for c in tok.children
                if c.dep_ in ("dobj", "nsubjpass")
                or (c.dep_ == "prep" and c.lower_ in ("as", "to"))
                or (c.dep_ == "advcl" and any(m.lower_ == "as" for m in c.children))
            ]
        if lemma in _NAMING_LEMMAS and not judging:
            if any(c.dep_ in ("prep", "prt") for c in tok.children if c.i == tok.i + 1):
                continue  # "called for", "called on", "called off"
            objects = [c for c in tok.children if c.i > tok.i and c.dep_ not in ("punct", "prep")]
            quoted_words = any(t.text in _QUOTE_OPEN + '"' for c in objects for t in c.subtree)
            named_as = _quoted_name(tok, objects) if len(objects) < 2 and not quoted_words else []
            if len(objects) < 2 and not quoted_words and not named_as:
                continue  # "she called him" names nobody's claim
            complements = objects
        if pointed:
            complements = pointed
        if evidence and not speech and not complements:
            complements = [c for c in tok.children if c.dep_ == "dobj" and _clause_like(c)]
            subject = _subject(tok)
            if not complements and subject is not None and _reports(subject):
                # "The survey found broad support for the plan": what a study found, with
                # what it says of it ("polls show Ruiz with a narrow lead", "up four points").
                complements = [c for c in tok.children if c.dep_ == "dobj"]
                complements += _said_of_the_object(tok, complements)
            tucked = tok.dep_ in ("parataxis", "ccomp", "advcl") and tok.head.i < tok.i
            if not complements and not tucked:
                continue  # "the dresses showed cleavage": nothing reported ("..., records show")
        subject = _subject(tok)
        if subject is not None:
            # "Ana Ruiz, a Tampa rabbi helping ..., said": the speaker's phrase, which the
            # parser made a clause the cue reports, is no part of the claim.
            complements = [
                c
                for c in complements
                if not (c.i < tok.i and c.left_edge.i == subject.left_edge.i != tok.i)
                or quoted[c.i]
            ]
        if subject is not None and subject == _subject_of_relative(tok):
            # "Ann Lee, who runs it, said ...": the relative clause about the speaker, which
            # the parser hung on the cue as a complement, is not what they said.
            complements = [c for c in complements if c != subject.head]
        after_quote = any(t.text in _QUOTE_CLOSE + '"' for t in doc[: tok.i])
        tucked_in = tok.dep_ == "parataxis" and _set_off(tok)
        # "The governor added:": a frame announcing what follows.
        announcing = tok.i + 1 < len(doc) and doc[tok.i + 1].text == ":"
        if lemma in _INVERTED_ONLY and not (after_quote or complements or tucked_in or announcing):
            continue  # "added a clause", "continued to rise"; not "Time, Pence added, was ..."
        content: list[Token] | None = None
        if complements:
            content = sorted(
                {t.i: t for c in complements for t in c.subtree}.values(), key=lambda t: t.i
            )
            second = _second_complement(tok, complements)
            if second is not None:
                # "said that X, and that Y": both clauses are what was said, and so is the
                # "and" between them.
                content = list(doc[content[0].i : second.right_edge.i + 1])
            if pointed:
                content = list(doc[pointed[0].left_edge.i : pointed[-1].right_edge.i + 1])
            if named_as:
                content = named_as
            acts = {
                t.i for c in complements if c.i > tok.i for t in _speakers_own_acts(c, quoted, tok)
            }
            content = [t for t in content if t.i not in acts]
            if not any(c.i > tok.i or quoted[c.i] for c in complements):
                content += _claim_after_frame(tok, {t.i for t in content}, quoted)
                content.sort(key=lambda t: t.i)
            headless = [c for c in complements if c.i > tok.i and _subjectless_finite(c, quoted)]
            if headless:
                # "said about half of the adjustment reflected losses": the parser hung the
                # clause's subject elsewhere; the claim runs from the cue to the clause's end.
                end = max(t.i for t in headless[-1].subtree)
                gap = [t for t in doc[tok.i + 1 : end + 1] if t.i not in {x.i for x in content}]
                if not any(t.lower_ in _TIME_WORDS or t.dep_ == "dative" for t in gap):
                    content = list(doc[tok.i + 1 : end + 1])
            if (
                lemma in _NAMING_LEMMAS
                and not (judging or named_as)
                and (act := _next_act(objects))
            ):
                content = _before_coordinator([t for t in content if t.i < act.left_edge.i])
        else:
            content = _content_around(tok, lemma, subject)
            has_quote = any(
                quoted[t.i] or t.text in _QUOTE_OPEN + _QUOTE_CLOSE + '"' for t in content
            )
            inverted = tok.dep_ in ("parataxis", "advcl", "ccomp") and tok.head.i != tok.i
            if lemma in _AMBIGUOUS_LEMMAS and content and not (has_quote or inverted):
                continue  # "The center maintains a program": not a statement
        if (
            tok.dep_ == "relcl"
            and subject is not None
            and subject.head == tok
            and any(c.dep_ == "ccomp" and c.i > tok.i for c in tok.children)
            and not any(
                t.tag_ in ("WDT", "WP", "WP$", "WRB") or t.lower_ == "that"
                for t in tok.subtree
                if t.i < tok.i
            )
        ):
            # "The 12 missiles the ministry said it intercepted were aimed at the port": a
            # report inside a noun phrase (no relative word); the sentence stands on it, all of
            # it the claim.
            content = list(doc)
        speaker_after_as = _speaker_after_as(tok)
        if speaker_after_as is not None:
            # "The valley, as one of the hydrologists pointed out, rarely floods": the claim is
            # the sentence around the "as" frame.
            as_frame = {tok.i} | {t.i for t in speaker_after_as.subtree}
            as_frame |= {c.i for c in tok.children if c.dep_ == "prt" or c.lower_ == "as"}
            content = [t for t in doc if t.i not in as_frame]
        frame = {t.i for t in tok.subtree} - ({t.i for t in content} if content else set())
        found.append(
            _Cue(
                _cue_words(tok),
                subject,
                frame,
                content,
                _depth(tok),
                tok.i,
                (bool(complements) and lemma not in _NAMING_LEMMAS) or bool(named_as),
            )
        )
    # A cue inside another cue's claim is part of that claim ("X said Y had warned that Z").
    # The frame that closes a sentence ("..., the former president said.") holds all of it,
    # whatever depth the parser gave it.
    kept: list[_Cue] = []
    for cue in sorted(found, key=lambda c: (-1 if _closes_sentence(doc, c) else c.depth, c.index)):
        # (A cue with nobody to name, "were thought to ...", swallows no speaker's cue.)
        outer = next(
            (
                k
                for k in kept
                if k.content
                and k.claimant_head is not None
                and cue.index in {t.i for t in k.content}
            ),
            None,
        )
        if outer is None:
            kept.append(cue)
        elif _says_what_outer_did(doc, outer, cue):
            kept[kept.index(outer)] = cue
        elif _only_carries(outer, cue):
            # The carrier's frame ("..., according to Reuters") is no part of the claim.
            carrier = outer.frame | {outer.index} | {t.i for t in outer.claimant_head.subtree}
            content = [t for t in cue.content or [] if t.i not in carrier]
            kept[kept.index(outer)] = replace(cue, content=content)
    return sorted(kept, key=lambda c: c.index)


_SURVEY_WORDS = _words("poll polls survey surveys census")
# How an outlet names what carried someone's words rather than a claim of its own.
_CARRYING_CUES = frozenset({*_ACCORDING_TO_WORDS, "reported", "reports", "has reported"})


def _only_carries(outer: _Cue, inner: _Cue) -> bool:
    """A document or a named outlet that carries a speaker's own frame: "Poroshenko said the talks
    were a last chance, a statement on his website said", "Kerry said the talks were candid,
    according to Reuters". The claim a desk checks is Poroshenko's and Kerry's. What a party
    reports of another's words ("The Kremlin said Trump had told Putin ...", "..., according
    to attorneys for the family") and what a poll found stay theirs."""
    if outer.claimant_head is None or inner.claimant_head is None:
        return False
    doc = inner.claimant_head.doc
    if doc[inner.index].lemma_.lower() not in SPEECH_LEMMAS or doc[outer.index].lemma_.lower() in (
        EVIDENCE_LEMMAS
    ):
        return False
    if inner.words.lower() in _CARRYING_CUES or inner.claimant_head.i > inner.index:
        return False
    verb = doc[inner.index]
    finite = verb.tag_ in ("VBD", "VBZ", "VBP") or any(
        c.dep_ == "aux" and c.lower_ != "to" for c in verb.children
    )
    if not finite:
        return False  # "recognizing that ...", "later revealed to be ...": no frame of its own
    if outer.claimant_head.lower_ in _SURVEY_WORDS:
        return False  # "55 percent of voters said ..., according to a poll": the poll's finding
    carrier = _claimant(outer.claimant_head, False)
    if carrier is None or not (
        carrier.kind == "document"
        or (outer.claimant_head.pos_ == "PROPN" and outer.words.lower() in _CARRYING_CUES)
    ):
        return False
    # The claim it carries opens with the speaker's frame ("Kerry said ..."), or is the
    # speaker's quotation and its frame ('"Q," the chief said, according to NRK').
    opening = [t for t in outer.content or [] if t.is_alpha and not _complementiser(t)]
    if not opening:
        return False
    speaker_start = inner.claimant_head.left_edge.i
    framed = opening[0].i == speaker_start
    close = _last_quote_before(doc, speaker_start)
    quoted = (
        _opening_mark(outer.content[0])
        and close is not None
        and all(t.is_punct for t in doc[close + 1 : speaker_start])
    )
    # (A promise's content is its infinitive: "Biden vowed to raise wages, the Times reports".)
    promised = doc[inner.index].lemma_.lower() in _SUBJECT_CONTROL
    if not ((framed and (inner.content_is_clause or promised)) or quoted):
        return False
    speaker = _claimant(inner.claimant_head, False)
    return speaker is not None and speaker.kind in ("person", "organization")


def _subjectless_finite(clause: Token, quoted: list[bool]) -> bool:
    """A finite verb with no subject of its own, outside any quotation: no complement of a
    speech verb ("reported ... was 1.9%" is the parser reading a reduced relative clause)."""
    return (
        clause.tag_ in ("VBD", "VBZ", "VBP")
        and not quoted[clause.i]
        and not any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in clause.children)
    )


def _cannot_speak(verb: Token) -> bool:
    """Whether the verb's subject is a common noun that names no one who could report
    anything (a ratio, a rate, a price): not a person, body, document or source."""
    subject = _speaker_after_as(verb) or next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.pos_ != "NOUN":
        return False
    low = subject.lower_
    return low not in _SPEAKER_NOUNS and low.rstrip("s") not in _SPEAKER_NOUNS


def _another_clause_between(cue: Token, clause: Token) -> bool:
    """'"...," Cruz said as the heckler yelled: "You suck!"': a clause with its own subject
    between the cue and a later complement makes that complement someone else's."""
    if clause.i < cue.i:
        return False
    return any(
        t.pos_ == "VERB" and t.dep_ != "ccomp" and any(c.dep_ == "nsubj" for c in t.children)
        for t in cue.doc[cue.i + 1 : clause.left_edge.i]
    )


def _says_what_outer_did(doc: Doc, outer: _Cue, inner: _Cue) -> bool:
    """ "echoed the criticism, saying X"; "wrote to investors, telling them X": the participle
    says what the outer cue, which has no clause of its own, only names."""
    verb = doc[inner.index]
    return (
        not outer.content_is_clause
        and verb.tag_ == "VBG"
        and verb.head.i == outer.index
        and verb.dep_ in ("advcl", "xcomp", "conj")
        and inner.content_is_clause
    )


_MEDIUM_WORDS = _words("translation transcript transcripts recording recordings video interview")


def _names_a_medium(cue: _Cue) -> bool:
    """'according to a translation from ESPN': how the words reached us, not who said them."""
    return cue.claimant_head is not None and cue.claimant_head.lower_ in _MEDIUM_WORDS


def _closes_sentence(doc: Doc, cue: _Cue) -> bool:
    """Whether the cue's frame comes last, after its claim ('..., Jane Roe said.')."""
    if not cue.content or cue.content[0].i > cue.index:
        return False
    last = max(cue.frame | {cue.index})
    return all(t.is_punct for t in doc[last + 1 :])
