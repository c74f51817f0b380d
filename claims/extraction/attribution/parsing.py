"""Which sentences are worth a parse: cue forms, names, length."""

from __future__ import annotations

import re

from .content import _JUDGING_LEMMAS, _NOUN_CUES
from .lexicon import _NAMING_LEMMAS, _WORD_RE, EVIDENCE_LEMMAS, ROLE_WORDS, SPEECH_LEMMAS, _words
from .persons import _HONORIFICS, _PERSON_OBJECT_LEMMAS


def _bare_word(word: str) -> str:
    return word.lower().replace("’", "'").removesuffix("'s").rstrip("'.,")


# What makes "a ..." many: "a majority of voters", "a third of them", "a mere 9 percent".
_MANY_WORDS = _words(
    """
    number majority minority plurality third thirds quarter half fifth tenth few handful
    dozen dozens couple host slew lot group groups percent coalition series total mere full
    """
)


def _one_speaker(claimant: str) -> bool:
    """Whether a claimant is one person or thing ("One operative", "a neighbor"), whom a
    "they" cannot stand for."""
    words = [_bare_word(w) for w in claimant.split()]
    if words[0] == "one":
        return True
    if words[0] not in ("a", "an"):
        return False
    return not any(w in _MANY_WORDS or any(ch.isdigit() for ch in w) for w in words)


_IRREGULAR_FORMS = _words(
    """
    said says told tells wrote written writes found shown thought believed felt knew
    according accord
    """
)


def _forms(lemma: str) -> set[str]:
    """The inflected forms of a regular English verb or noun, generously."""
    forms = {lemma, lemma + "s", lemma + "es", lemma + "ed", lemma + "d", lemma + "ing"}
    if lemma.endswith("e"):
        forms |= {lemma[:-1] + "ing"}
    if lemma.endswith("y"):
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if len(lemma) > 2 and lemma[-1] not in "aeiouwxy" and lemma[-2] in "aeiou":
        forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return forms


_CUE_FORMS = (
    frozenset(
        form
        for lemma in SPEECH_LEMMAS
        | EVIDENCE_LEMMAS
        | _NAMING_LEMMAS
        | _JUDGING_LEMMAS
        | _NOUN_CUES
        | {"point", "learn"}
        for form in _forms(lemma)
    )
    | _IRREGULAR_FORMS
    | {"learnt"}
)


# Longer "sentences" are tables, lists or text without punctuation: no parse (spaCy also
# refuses texts over a million characters).
MAX_PARSED_CHARACTERS = 3000


# A sentence that opens with a name ("Tom Ellis is a pollster in Ohio.", "Ms. Ruiz has run
# the agency since 2019."): parsed for its subject, the antecedent of a later "he said".
_NAME_FIRST_RE = re.compile(r"^[\"“]?(?:[A-Z][\w’'-]*\.?\s+){1,3}[A-Z][\w’'-]+\b(?!\s+[A-Z])")


def _worth_parsing(text: str) -> bool:
    return _may_attribute(text) or (
        len(text) <= MAX_PARSED_CHARACTERS and _NAME_FIRST_RE.match(text) is not None
    )


# A person named with a title or role, or as the object of a verb that acts on people: a
# sentence worth parsing for a later "he" or "she" even with no cue in it.
_PERSON_OBJECT_FORMS = frozenset(f for lemma in _PERSON_OBJECT_LEMMAS for f in _forms(lemma)) | {
    "met",
    "shot",
    "freed",
}
_TITLE_WORDS = sorted({w.rstrip(".") for w in ROLE_WORDS | _HONORIFICS}, key=len, reverse=True)
_TITLED_NAME_RE = re.compile(
    r"(?i:\b(?:" + "|".join(map(re.escape, _TITLE_WORDS)) + r")\.?)\s+[A-Z][\w’'-]+"
)
_NAME_AFTER_WORD_RE = re.compile(r"\b([a-z]+)\s+[A-Z][\w’'-]+\s+[A-Z]")
_HE_SHE_RE = re.compile(r"(?i)\b(?:he|she)\b")


def _names_a_person(text: str) -> bool:
    """Whether a sentence may name a person a later pronoun stands for (see
    ``_object_person``; most sentences need no parse for it)."""
    if len(text) > MAX_PARSED_CHARACTERS:
        return False
    if _TITLED_NAME_RE.search(text):
        return True
    return any(m.group(1) in _PERSON_OBJECT_FORMS for m in _NAME_AFTER_WORD_RE.finditer(text))


def _may_attribute(text: str) -> bool:
    """Whether a sentence holds any word that could be a cue (most need no parse)."""
    if len(text) > MAX_PARSED_CHARACTERS:
        return False
    low = text.lower()
    return "as per " in low or any(w in _CUE_FORMS for w in _WORD_RE.findall(low))


def _bare_text(text: str) -> bool:
    """'Clinton said.': a subject and a cue, nothing more (a few words, no comma)."""
    return len(text.split()) <= 4 and "," not in text
