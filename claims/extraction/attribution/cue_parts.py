"""The pieces of a cue: its complement, what the speaker did beside saying, the claim after a
frame, verb forms.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .frames import (
    refuses_to_say,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
from .lexicon import (
    _ACCORDING_TO,
    _GROUP_PRONOUNS,
    _PERSON_PRONOUNS,
    _SPEAKER_NOUNS,
    _SPEAKERS_ACTS,
    _TIME_WORDS,
    SPEECH_LEMMAS,
    _words,
)
from .marks import _opening_mark, _quote_between


@dataclass(frozen=True, slots=True)
class _Cue:
    words: str
    claimant_head: Token | None
    frame: set[int]  # token indexes that belong to the attribution frame
    content: list[Token] | None  # explicit complement, when there is one
    depth: int
    index: int  # the cue word's token
    content_is_clause: bool = False  # the content is the cue's clausal complement


def _that_marked(clause: Token) -> bool:
    """Whether ``clause`` opens with the complementiser "that" ("said that ...")."""
    return any(m.dep_ == "mark" and m.lower_ == "that" for m in clause.children)


def _that_complement_as_relative(clause: Token) -> bool:
    """ "alleged in the suit that Trump earned $5 million": a "that" clause the parser made a
    relative clause of the frame's noun, although "that" is neither its subject nor the
    relative pronoun of a clause that lacks an object (it has a subject of its own)."""
    if clause.dep_ != "relcl":
        return False
    first = clause.left_edge
    if first.lower_ != "that" or first.dep_ in ("nsubj", "nsubjpass"):
        return False
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.i > first.i for c in clause.children)


# Prepositions that say what a finding found of its object ("with a lead", "up four points").
_FINDING_PREPS = _words("with at behind ahead by up down")
_STANDINGS = _words("first second third fourth fifth sixth last front lead")


def _said_of_the_object(verb: Token, objects: Sequence[Token]) -> list[Token]:
    """What a finding says of its object, which the parser hangs on the verb: "shows Ruiz
    with a narrow lead", "finds Lee up four points". Not where or when it was found."""
    if not objects:
        return []
    after = max(t.i for o in objects for t in o.subtree)
    out = []
    for child in verb.children:
        if child.i <= after or child.dep_ not in ("prep", "advmod", "oprd", "acomp", "npadvmod"):
            continue
        standing = child.lower_ == "in" and any(
            c.dep_ == "pobj" and c.lower_ in _STANDINGS for c in child.children
        )  # "shows Ortiz in second at 14 percent"
        if child.dep_ == "prep" and child.lower_ not in _FINDING_PREPS and not standing:
            break  # "in a statement", "on Tuesday": the finding's circumstance
        if any(t.lower_ in _TIME_WORDS for t in child.subtree):
            break
        if _comma_between(verb.doc, after, child.left_edge.i):
            break
        out.append(child)
        after = child.right_edge.i
    return out


def _it_felt(clause: Token) -> bool:
    """ "it hard", "it difficult to explain": an adjective said of an empty "it"."""
    return clause.pos_ in ("ADJ", "ADV") and any(
        c.dep_ == "nsubj" and c.lower_ == "it" for c in clause.children
    )


def _comma_between(doc: Doc, a: int, b: int) -> bool:
    return any(t.text in (",", ";", "—", "–") for t in doc[a + 1 : b])


def _second_complement(cue: Token, complements: Sequence[Token]) -> Token | None:
    """The last "that" clause coordinated with the cue's complement, which the parser hangs
    on the cue as a conjunct: "said that the fund was short, and that the board knew"."""
    first = min((c for c in complements if c.i > cue.i), key=lambda c: c.i, default=None)
    if first is None:
        return None
    seconds = [
        c for c in cue.children if c.dep_ == "conj" and c.i > first.right_edge.i and _that_marked(c)
    ]
    return seconds[-1] if seconds else None


# Conjunctions that open an adverbial clause (time, cause, concession), never a report.
_SUBORDINATORS = _words("after before when while since until once as because although though")


def _adverbial(clause: Token, quoted: list[bool]) -> bool:
    return not quoted[clause.i] and any(
        m.dep_ == "mark" and m.lower_ in _SUBORDINATORS for m in clause.children
    )


# How a clause or phrase after a frame in the middle of a sentence goes on with the claim:
# "X, officials insist, because Y", "X, the survey shows, with Y", "X, she said, by Y".
_CLAIM_GOES_ON = _words("because since although though unless whereas while if with by despite")


def _claim_after_frame(cue: Token, content: set[int], quoted: list[bool]) -> list[Token]:
    """What the parser hung on a frame set in the middle of a reported clause that is the
    clause going on: "There is little risk of flooding, engineers insist, because the levees
    held" (the claim is the whole of it, less the frame). Only a reason, condition,
    concession or "with"/"by" phrase after the comma that closes the frame; "in a statement",
    "on Tuesday", "when asked ..." and a quotation's frame ('"X," he said, adding ...') are
    frame."""
    doc = cue.doc
    out: list[Token] = []
    subject = next((c for c in cue.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.i > cue.i or doc[subject.left_edge.i - 1].text != ",":
        return out  # (not "..., said Ms. Lee, with ...", nor a frame after a dash)
    if not content or _quote_between(doc, min(content), cue.i):
        return out  # '... right now," Ruiz said, though she said ...': the writer's
    for child in cue.children:
        if child.i < cue.i or child.i in content or quoted[child.i]:
            continue
        if child.left_edge.i == 0 or doc[child.left_edge.i - 1].text != ",":
            continue
        if any(t.lemma_.lower() in SPEECH_LEMMAS for t in child.subtree if t.pos_ == "VERB"):
            continue  # "..., because he said the leaders ...": a statement of its own
        if child.dep_ == "advcl":
            marks = [m for m in child.children if m.dep_ == "mark"]
            goes_on = bool(marks) and marks[0].lower_ in _CLAIM_GOES_ON
        else:
            goes_on = child.dep_ in ("prep", "agent") and child.lower_ in _CLAIM_GOES_ON
        if goes_on:
            out.extend(t for t in child.subtree if t.i not in content)
    return out


def _next_act(objects: list[Token]) -> Token | None:
    """A verb coordinated with a naming verb among its objects: in "called the rules unfair
    and vowed to appeal" the speaker's next act is no part of what was called. None when
    what is left is a bare object, which the claim does not stand on alone ("called them
    liars and left": the sentence is the claim then, see ``_thin``)."""
    acts = [c for c in objects if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")]
    if not acts:
        return None
    act = min(acts, key=lambda a: a.i)
    left = [t for c in objects if c.i < act.i for t in c.subtree if t.i < act.left_edge.i]
    if not left or _thin(_before_coordinator(left)):
        return None
    return act


def _before_coordinator(tokens: list[Token]) -> list[Token]:
    """``tokens`` less the "and" or comma that ends them."""
    tokens = sorted(tokens, key=lambda t: t.i)
    while tokens and (tokens[-1].dep_ == "cc" or tokens[-1].is_punct):
        tokens.pop()
    return tokens


def _verb_form(verb: Token) -> tuple[tuple[str, ...], str]:
    """The auxiliaries before a verb and its own tag: ("has",), "VBN" for "has said"."""
    auxiliaries = tuple(
        c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass") and c.i < verb.i
    )
    return auxiliaries, verb.tag_


def _agrees_with_cue(cue: Token, clause: Token, verb: Token) -> bool:
    """A verb coordinated with the reported clause that takes the cue's form and not the
    clause's: "says the bridge was unsafe and says she ordered a survey", "denies that the
    strike was illegal and plans another", "has said she wants a ban and has pushed for a
    review", "saying it had cut waste and calling the critics dishonest". The shared subject
    is the speaker's, so it tells what the speaker did, not what was said. A verb with the
    form of both ("said the firm had closed the plant and moved ...") stays in the claim."""
    if verb.dep_ != "conj" or verb.pos_ not in ("VERB", "AUX"):
        return False
    governor = cue.head if cue.dep_ == "xcomp" and cue.head.pos_ in ("VERB", "AUX") else cue
    form, cue_form = _verb_form(verb), _verb_form(governor)
    if cue_form == ((), "VBD"):
        # ("a spokeswoman said the executive has no events scheduled and delivered only
        # remarks": a reported clause mixes tenses, and a past tense is the commonest; only
        # the speaker's speech and stance verbs are cut after "said", ``_SPEAKERS_ACTS``)
        return False
    if form != cue_form and not (cue.tag_ == "VBG" and form == ((), "VBG")):
        return False
    if clause.pos_ not in ("VERB", "AUX"):
        return cue.tag_ == "VBG"  # "calling them liars and vowing to sue": not the object's
    clause_form = _verb_form(clause)
    own_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
    if clause_form[0] and not form[0] and verb.tag_ in ("VBD", "VBN", clause.tag_):
        if own_subject:
            return verb.tag_ != clause.tag_
        # "said she was eating and drinking", "said the firm had closed the plant and moved
        # its staff": the verb may share the clause's auxiliary (the tagger reads many a
        # participle as a past tense)
        return False
    return verb.tag_ != clause.tag_ or (bool(form[0]) and form[0] != clause_form[0])


def _speakers_own_acts(clause: Token, quoted: list[bool], cue: Token | None = None) -> list[Token]:
    """The tokens of a reported clause that tell what its speaker did next: a coordinated
    speech or stance verb with no subject of its own ("said the plan was late and criticized
    the mayor"), a coordinated verb in the cue's form (``_agrees_with_cue``), or a closing
    participle ("..., pointing to the figures"), with the "and" or comma before it. Nothing
    inside a quotation."""
    doc = clause.doc
    out: list[Token] = []
    if clause.lemma_.lower() in _SPEAKERS_ACTS:
        return out  # "has criticized the president ... and called him weak": one list of acts
    last = max((t.i for t in clause.subtree if not t.is_punct), default=clause.i)
    for child in clause.children:
        agrees = cue is not None and _agrees_with_cue(cue, clause, child)
        refuses = refuses_to_say(child)  # "..., but declined to say when"
        if (
            quoted[child.i]
            or child.i < clause.i
            or not (agrees or refuses or child.lemma_.lower() in _SPEAKERS_ACTS)
        ):
            continue
        if any(c.dep_ == "mark" for c in child.children):
            continue  # "says X and that she expects Y": a second complement
        if any(c.dep_ in ("nsubj", "nsubjpass") for c in child.children) and not (
            # "Nearly a third say X and one in five say Y": another statement in the cue's
            # form, by someone else
            agrees and child.lemma_.lower() in SPEECH_LEMMAS
        ):
            continue
        before = doc[child.left_edge.i - 1] if child.left_edge.i > 0 else None
        coordinated = child.dep_ == "conj" and (
            agrees or refuses or (child.pos_ == "VERB" and child.tag_ == "VBD")
        )
        trailing = (
            child.dep_ in ("advcl", "xcomp", "conj")
            and child.tag_ == "VBG"
            and before is not None
            and before.text == ","
            and child.right_edge.i >= len(doc) - 2
        )
        if not (coordinated or trailing) or child.right_edge.i < last:
            continue  # (what follows it would be left hanging)
        start = child.left_edge.i
        while start > clause.i and doc[start - 1].dep_ in ("cc", "punct") and not quoted[start - 1]:
            start -= 1
        out.extend(doc[start : child.right_edge.i + 1])
    return out


def _complementiser(tok: Token) -> bool:
    return tok.dep_ == "mark" or any(_that_complement_as_relative(t) for t in tok.ancestors)


def _used_as_verb(tok: Token) -> bool:
    return any(c.dep_ == "nsubj" for c in tok.children) and any(
        c.dep_ == "ccomp" and _that_marked(c) for c in tok.children
    )


_ACCORDING_TO_WORDS = frozenset(" ".join(pair) for pair in _ACCORDING_TO)


def _pointed_to(verb: Token) -> list[Token]:
    """ "Ruiz pointed to the rise in fares since 2019 (as proof ...)": what a speaker offers as
    evidence, the object of "to" (and what it is offered "as"); nothing where the subject is
    no one who speaks ("all signs point to a deal") or the object is a few words ("pointed to
    her record": the sentence says more than its object)."""
    to = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "to"), None)
    objects = [c for c in to.children if c.dep_ == "pobj"] if to is not None else []
    if not objects or to.i > verb.i + 3:
        return []
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is not None:
        low = subject.lower_
        speaker = (
            subject.pos_ == "PROPN"
            or low in _PERSON_PRONOUNS | _GROUP_PRONOUNS
            or low in _SPEAKER_NOUNS
            or low.rstrip("s") in _SPEAKER_NOUNS
        )
        if not speaker:
            return []
    out = [objects[0]]
    out += [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as" and c.i > to.i]
    if _thin([t for c in out for t in c.subtree]):
        return []
    return out


def _quoted_name(verb: Token, objects: Sequence[Token]) -> list[Token]:
    """ "called Lee an ''Aunt Tom.''", "called the plan “reckless.”", 'called that "beyond
    absurd."': a naming verb whose object runs into a quotation that closes the sentence,
    which the parser hung elsewhere. The claim is the object and the quoted name."""
    if not objects:
        return []
    doc = verb.doc
    words = [t for t in doc[objects[0].i :] if not t.is_punct]
    marks = [t for t in doc[objects[0].i :] if _opening_mark(t)]
    if not words or not marks or marks[0].i > words[-1].i:
        return []
    rest = doc[objects[0].i : words[-1].i + 1]
    if any(t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod", "acl") for t in rest):
        return []  # another clause, not a name
    return list(doc[objects[0].left_edge.i : words[-1].i + 1])


def _that_said(tok: Token) -> bool:
    """ "That said, ...", "That being said, ...": a connective opening the sentence."""
    doc = tok.doc
    before = [t.lower_ for t in doc[: tok.i]]
    return (
        tok.lower_ == "said"
        and before in (["that"], ["that", "being"], ["but", "that"], ["and", "that"])
        and tok.i + 1 < len(doc)
        and doc[tok.i + 1].text == ","
    )


def _thin(content: Sequence[Token]) -> bool:
    """A few words with no verb: an object, not a statement ("this concern")."""
    words = [t for t in content if not t.is_punct]
    return len(words) < 5 and not any(t.pos_ in ("VERB", "AUX") for t in words)
