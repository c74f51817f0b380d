"""Keys a name is looked up by: case, accents and possessives folded, titles and role words
removed, initials; anonymous descriptions keyed by what they say of the source.
"""

from __future__ import annotations

import re
import unicodedata

from .types import ANONYMOUS_PREFIX
from .words import (
    _AFFILIATIONS,
    _ANONYMOUS_NOISE,
    _ANONYMOUS_NOUNS,
    _ANONYMOUS_TAILS,
    _HONORIFICS,
    _JOINERS,
    _WORD,
)


def fold(text: str) -> str:
    """Case-folded, accents removed, curly quotes straightened, spaces collapsed."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("’", "'").replace("‘", "'").replace("`", "'")
    return " ".join(text.casefold().split())


def _strip_possessive(word: str) -> str:
    for suffix in ("'s", "’s", "s'", "s’"):
        if word.endswith(suffix) and len(word) > len(suffix):
            return word[: -len(suffix)] + ("s" if suffix.startswith("s") else "")
    return word.rstrip("'’")


def _key_word(word: str) -> str:
    word = fold(_strip_possessive(word))
    return re.sub(r"[^\w\-]", "", word.replace(".", "")).strip("-")


def alias_key(name: str) -> str:
    """The exact-match key of a named claimant: folded, possessive and punctuation gone,
    a leading "the" and forms of address dropped ("Dr. Jane Smith" -> "jane smith", "the
    European Commission's" -> "european commission"). Role words are split off by
    :func:`read` before (a title is not part of a person's name)."""
    words = [_key_word(w) for w in _WORD.findall(name)]
    words = [w for w in words if w]
    while words and (words[0] == "the" or words[0] in _HONORIFICS):
        words.pop(0)
    return " ".join(words)


def role_words(role: str) -> str:
    """The content words of a role, folded and in order ("the Commission's President" ->
    "commission president"); compared word by word for a careful match."""
    words = [_key_word(w) for w in _WORD.findall(role)]
    stop = _JOINERS | _HONORIFICS | {"a", "an", "s", "its", "his", "her", "their"}
    return " ".join(w for w in words if w and w not in stop)


def _is_acronym(word: str) -> bool:
    letters = word.replace(".", "").replace("&", "")
    return len(letters) >= 2 and letters.isalpha() and letters.isupper()


def _is_name_word(word: str) -> bool:
    # A capitalised word of a personal name ("Ines", "O'Brien", "Jean-Luc", "J.").
    if re.fullmatch(r"(?:[^\W\d_]\.){1,3}", word):
        return word[0].isupper()
    return (
        word[0].isupper()
        and any(c.islower() for c in word)
        and all(c.isalpha() or c in "-'’." for c in word)
    )


def initials(name: str) -> str:
    """The initials of a name of two or more significant words, lower-case ("North
    Atlantic Treaty Organization" -> "nato"); "" for a shorter name."""
    words = [w for w in _WORD.findall(name) if fold(w) not in _JOINERS]
    parts: list[str] = []
    for word in words:
        # "Co-operation" gives one letter, as the acronym spells it (OECD).
        letter = fold(word)[:1]
        if letter.isalpha():
            parts.append(letter)
    return "".join(parts) if len(parts) >= 2 else ""


def anonymous_key(description: str) -> str:
    """What an anonymous description says of its source, as a key: "EU sources" and "an
    EU source" -> "anon:eu source"; "a senior European diplomat" -> "anon:eu diplomat";
    "people familiar with the matter" -> "anon:person familiar"."""
    text = fold(description)
    text = re.sub(r"^according to\s+", "", text)
    for pattern, replacement in _ANONYMOUS_TAILS:
        text = pattern.sub(replacement, text)
    for pattern, replacement in _AFFILIATIONS:
        text = pattern.sub(replacement, text)
    words = []
    for raw in text.replace(",", " ").split():
        word = _key_word(raw)
        if not word or word in _ANONYMOUS_NOISE or word.isdigit():
            continue
        words.append(_ANONYMOUS_NOUNS.get(word, word))
    return ANONYMOUS_PREFIX + " ".join(words) if words else ""


def looks_anonymous(name: str) -> bool:
    """Whether a claimant string is an unnamed description: one of the anonymous nouns with
    no personal name after it ("EU sources", "a White House official", "people familiar with
    the talks"; not "official Jane Doe", not "Sources Inc")."""
    head = re.split(r"\b(?:familiar|acquainted|with|who|briefed|speaking|close)\b", name)[0]
    words = _WORD.findall(head)
    if not words:
        return False
    nouns = [i for i, w in enumerate(words) if fold(_strip_possessive(w)) in _ANONYMOUS_NOUNS]
    if not nouns:
        return False
    after = words[nouns[-1] + 1 :]
    if any(_is_name_word(w) for w in after):
        return False  # "official Jane Doe": a name follows
    before = [fold(w) for w in words[: nouns[-1]]]
    # A noun naming a body ("Ministry sources" is anonymous; "Sources Inc" is not).
    return not any(w in {"inc", "ltd", "llc", "plc"} for w in before + [fold(w) for w in after])
