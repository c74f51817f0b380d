"""Parts of an attribution frame that the rules of ``attribution.py`` miss: the speaker of a
frame in the passive voice, what the speaker did besides saying, "As stated in X", and the
claim of a naming verb.

* "The senator was pushed into an apology and said that ...": a verb of saying coordinated
  with a passive verb shares its subject (the passive's ``nsubjpass``);
* "Ruiz was pressed to admit that ...", "was asked to confirm that ...": the one asked to
  speak is the passive's subject, as the object is in the active "pressed Ruiz to admit";
* "The union said its members had voted to strike but declined to say when", "... but did
  not say when": what the speaker would not say is the speaker's own act, no part of the
  claim (as "... and criticized the mayor" is not);
* "As stated in the council's report, the bridge needs new cables": a passive "as" frame
  opening the sentence names its source after "in" or "by" (read by pattern, like the
  active "As X noted, ..."; the parse gives the verb no subject);
* "Ruiz promised to fight the closure and asked members to stay calm": a verb coordinated
  with a cue whose claim is its infinitive (promised, vowed, pledged to ...) is the
  speaker's next act, no part of the promise;
* "Lee called the mayor reckless": a naming verb with its object and the name it gives
  (the parser's ``oprd``) states something however few its words, unlike a bare object
  ("have echoed this concern", where the sentence is the claim); the pronoun such a claim
  opens with is the object ("The ministry calls it the biggest reform": not "The ministry
  the biggest reform").

Ordinary English, written by hand; nothing here was fitted on any data set.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .lexicon import _REFUSING_LEMMAS

if TYPE_CHECKING:
    from spacy.tokens import Token

# Passive verbs whose subject is then the one who speaks ("was pressed to admit"); "was
# expected to say" or "is said to" name no speaker.
_ASKED_LEMMAS = frozenset(
    ("ask", "press", "force", "urge", "push", "invite", "pressure", "compel", "call")
)
# Verbs whose negation is a refusal to speak ("did not say when", "would not comment").
_SPEAKING_LEMMAS = frozenset(
    (
        *("say", "comment", "elaborate", "specify", "answer", "respond", "explain"),
        *("confirm", "disclose", "reveal", "discuss", "identify", "name", "detail"),
    )
)


AS_STATED_RE = re.compile(
    r"^\s*As\s+(?P<cue>stated|noted|reported|described|outlined|explained|written|shown)"
    r"\s+(?:in|by)\s+(?P<who>[^,]{3,120}?)\s*,\s*(?P<claim>\S.*)$",
    re.S,
)


_NAMING_LEMMAS = frozenset(("call", "label", "brand", "dub"))
_QUALIFYING_PREPS = frozenset(("at", "of", "for", "about", "with"))
_NAMING_STEMS = tuple(sorted(_NAMING_LEMMAS))  # ("called", "labelled", "dubs")


def named_predicate(verb: Token) -> list[Token]:
    """What ``verb`` names its object: "called the mayor reckless", "called him a master at
    closing deals" (a phrase that qualifies the name, which the parser hangs on the verb, goes
    with it; "on Tuesday", "in a statement" do not); empty when ``verb`` names nothing so."""
    if verb.lemma_.lower() not in _NAMING_LEMMAS:
        return []
    obj = next((c for c in verb.children if c.i > verb.i and c.dep_ == "dobj"), None)
    name = next(
        (c for c in verb.children if obj is not None and c.i > obj.i and c.dep_ == "oprd"), None
    )
    if obj is None or name is None:
        return []
    doc = verb.doc
    end = name.right_edge.i
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.i == end + 1 and prep.lower_ in _QUALIFYING_PREPS:
            end = prep.right_edge.i
    return list(doc[obj.left_edge.i : end + 1])


def names_its_object(cue: str) -> bool:
    """Whether the cue ``cue`` ("calls", "has called") names its object, whose pronoun
    opening the claim ("it the biggest reform in a decade") is no subject the speaker's
    name could stand in for."""
    return any(word.lower().startswith(_NAMING_STEMS) for word in cue.split()[-1:])


def next_act_after_infinitive(cue: Token, conj: Token) -> bool:
    """Whether ``conj``, a verb coordinated with the cue ``cue``, follows the infinitive that
    is the cue's claim ("promised to fight the closure and asked ..."), so that it tells what
    the speaker did next."""
    return conj.dep_ == "conj" and any(
        c.dep_ == "xcomp" and c.i < conj.i and any(a.lower_ == "to" for a in c.children)
        for c in cue.children
    )


def _passive_subject(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ == "nsubjpass"), None)


def passive_speaker(verb: Token) -> Token | None:
    """The speaker of the verb of saying ``verb`` when it hangs on a passive verb, or None."""
    head = verb.head
    if head is verb or head.pos_ not in ("VERB", "AUX"):
        return None
    subject = _passive_subject(head)
    if subject is None or subject.i > verb.i:
        return None
    if any(c.dep_ in ("nsubj", "nsubjpass", "auxpass", "agent") for c in verb.children):
        return None  # "why X is cited ... or why it was mentioned by Y": its own subject
    if verb.tag_ == "VBN" and not any(c.dep_ == "aux" for c in verb.children):
        return None  # "was suspected and accused of ...": a passive too, sharing "was"
    if verb.dep_ == "conj":
        return subject
    if verb.dep_ == "xcomp" and head.lemma_.lower() in _ASKED_LEMMAS:
        return subject
    return None


def refuses_to_say(verb: Token) -> bool:
    """Whether ``verb`` is a refusal to speak: "declined to say", "refused to comment", "did
    not say", "would not elaborate"."""
    lemma = verb.lemma_.lower()
    if lemma in _REFUSING_LEMMAS:
        # ("refused to drop the gun" is no refusal to speak)
        return any(
            c.dep_ == "xcomp" and c.lemma_.lower() in _SPEAKING_LEMMAS | {"provide"}
            for c in verb.children
        )
    return lemma in _SPEAKING_LEMMAS and any(c.dep_ == "neg" for c in verb.children)
