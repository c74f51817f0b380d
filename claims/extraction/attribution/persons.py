"""People a later pronoun may stand for: subjects, titled people, objects of verbs that act on
people, people named in full; who is a "he" or a "she" by title and role.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
from .claimant import _claimant, _is_organisation, _proper_run, _text
from .lexicon import (
    _COLLECTIVE_HEADS,
    _DESCRIPTION_STOPS,
    _DOCUMENT_WORDS,
    _WORD_RE,
    EXPERT_HEADS,
    ROLE_WORDS,
    _words,
)
from .marks import _quote_mark, _quoted
from .quotation import _plural_role
from .result import NAMED, Attribution


def _subject_person(doc: Doc) -> Attribution | None:
    """The proper-name subject of a sentence's main verb: a possible antecedent."""
    for tok in doc:
        if tok.dep_ in ("nsubj", "nsubjpass") and tok.pos_ == "PROPN" and tok.head.dep_ == "ROOT":
            if _plural_role(tok.lower_):
                return None  # "the Foreign Secretaries": no one person a "he" stands for
            run = _proper_run(tok)
            if _is_organisation(run):
                return Attribution(_text(doc, run), NAMED, False, kind="organization")
            return Attribution(_text(doc, run), NAMED, True, kind="person")
    return None


# Verbs whose object is a person acted on ("police arrested Tom Okafor"): an untitled name
# as their object is a person, never a place.
_PERSON_OBJECT_LEMMAS = _words(
    """
    arrest detain charge identify name interview sentence convict acquit accuse indict
    elect appoint fire sack hire nominate meet thank praise criticise criticize replace
    question summon release free kill wound injure shoot rescue
    """
)
# Prepositions whose object may be the person a later "he" or "she" stands for ("criticism
# from Mayor Ana Ruiz", "the interview with ..."): not "in", "to", "of" (places).
_PERSON_PREPS = _words("from by with against about")
_HONORIFICS = _words("mr mr. mrs mrs. ms ms. dr dr. miss sir dame")


def _titled_person(tok: Token) -> Attribution | None:
    """The person the name headed by ``tok`` is, when the phrase says it is a person: a
    title or role before it ("Mayor Ana Ruiz", "BCG analyst Tom Okafor") or an honorific."""
    named = _claimant(tok, False)
    if named is None or named.kind != "person":
        return None
    words = named.name.lower().split()
    if not words or words[-1] in _DOCUMENT_WORDS:
        return None  # "the 2014 American Community Survey"
    role = set(_WORD_RE.findall((named.role or "").lower()))
    if not (role & (ROLE_WORDS | EXPERT_HEADS)) and words[0] not in _HONORIFICS:
        return None  # a role that is no title ("2014") says nothing of a person
    return Attribution(named.name, NAMED, True, named.role, kind="person")


def _object_person(doc: Doc) -> Attribution | None:
    """The last person a sentence names outside its subject and outside quotation, as the
    object of a verb or of "from", "by", "with": an antecedent for a later "he" or "she" when
    the sentence gave none ("The plan drew criticism from Mayor Ana Ruiz." then '"...," she
    said'). Titled names only, or an untitled one a verb acts on as on a person."""
    quoted = _quoted(doc)
    for tok in reversed(doc):
        if tok.pos_ != "PROPN" or quoted[tok.i] or tok.dep_ not in ("dobj", "dative", "pobj"):
            continue
        if tok.dep_ == "pobj" and tok.head.lower_ not in _PERSON_PREPS:
            continue
        person = _titled_person(tok)
        acted_on = tok.dep_ == "dobj" and tok.head.lemma_.lower() in _PERSON_OBJECT_LEMMAS
        if person is None and acted_on:
            named = _claimant(tok, False)
            if named is not None and named.kind == "person" and len(named.name.split()) > 1:
                person = Attribution(named.name, NAMED, True, named.role, kind="person")
        if person is not None:
            return person
    return None


def _named_in_full(words: list[str], antecedents: list[Attribution]) -> Attribution | None:
    """The most recent person antecedent whose longer name ends in ``words`` ("Gen. Norman
    Ham" for "Ham")."""
    for earlier in reversed(antecedents):
        full = (earlier.claimant or "").split()
        if earlier.kind == "person" and len(full) > len(words) and full[-len(words) :] == words:
            return earlier
    return None


def _fuller(person: Attribution, antecedents: list[Attribution]) -> Attribution:
    """``person`` as the article named them before in full, when their name is the end of an
    earlier person's name ("Ham" after "Gen. Norman Ham": the same man, with his role)."""
    if person.kind != "person" or person.role:
        return person
    earlier = _named_in_full((person.claimant or "").split(), antecedents)
    if earlier is None:
        return person
    return replace(earlier, claim_start=None, claim_end=None, claim=None, cue=None)


def _introduced_person(doc: Doc) -> Attribution | None:
    """The person a sentence with no quotation introduces as its main subject with a title or
    role ("Speaking to Reuters, BCG analyst Tom Okafor gave his view of ..."): the speaker of
    a paragraph of quotation that follows with no frame of its own."""
    if any(_quote_mark(t) for t in doc):
        return None
    for tok in doc:
        if tok.dep_ in ("nsubj", "nsubjpass") and tok.pos_ == "PROPN" and tok.head.dep_ == "ROOT":
            return _titled_person(tok)
    return None


# What a name or its role says of the pronoun that fits it ("Ms. Awan" is no "he"): a title
# in the name, or a role word that only ever names a woman or a man. ("Spokesman" and
# "chairman" are said of women too.)
_FEMININE_TITLES = _words("ms mrs miss madam madame lady dame queen princess duchess baroness")
_MASCULINE_TITLES = _words("mr sir lord king prince duke baron")
_FEMININE_ROLES = _words(
    """
    spokeswoman chairwoman congresswoman councilwoman businesswoman stateswoman
    sportswoman mother sister daughter wife widow grandmother aunt niece actress
    """
)
_MASCULINE_ROLES = _words("father brother son husband widower grandfather uncle nephew")


def _gender(person: Attribution) -> str | None:
    """ "f", "m" or None. (Never learnt from an earlier "he": a pronoun resolved to the
    nearest person may be wrong, and the error would spread.)"""
    name = _WORD_RE.findall((person.claimant or "").lower())
    title = person.honorific.lower() if person.honorific else name[0] if len(name) > 1 else ""
    role = set(re.findall(r"\b[a-z]+\b", person.role or ""))  # lower case: no "Miss Universe"
    if _one_person_described(person.claimant):
        role |= set(name)  # "the minister's widow" is a she
    female = title in _FEMININE_TITLES or bool(role & _FEMININE_ROLES)
    male = title in _MASCULINE_TITLES or bool(role & _MASCULINE_ROLES)
    if female != male:
        return "f" if female else "m"
    return None


def _one_person_described(claimant: str | None) -> bool:
    """Whether an unnamed claimant describes one person ("the official", "a senior diplomat
    close to the talks"), whom a later "he" or "she" may stand for (when that person spoke
    unnamed: a subject described, "the third victim", is too often not the speaker)."""
    words = re.findall(r"[a-z][a-z'-]*|,", (claimant or "").lower())
    if len(words) < 2 or words[0] not in ("a", "an", "the", "another", "one"):
        return False
    head = None
    for word in words[1:]:
        if word in _DESCRIPTION_STOPS or word == ",":
            break
        head = word
    if head is None or head in _COLLECTIVE_HEADS:
        return False
    return not head.endswith("s") or head.endswith(("ss", "us"))
