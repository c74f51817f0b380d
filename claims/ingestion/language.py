"""The language of an article's text, for pages that declare none and for pasted text.

A declared language (``<html lang>``, Content-Language, og:locale: ``claims.ingestion.html``)
wins; this guesses only when there is none, with langid.py's model (``py3langid``, the
detector trafilatura itself uses when installed). A guess it is not sure of is no answer:
ClaimReview ``inLanguage`` and the API are better without a language than with a wrong one.
"""

from __future__ import annotations

import functools

# Below this many letters a text says too little ("OK", a headline's few words).
MIN_LETTERS = 40
# The share of probability the best language must hold.
MIN_CONFIDENCE = 0.9
# The opening of a long text tells its language as well as the whole, at a fraction of the
# cost.
SAMPLE_CHARS = 5000
# langid.py's codes that name no language: "no linguistic content", "undetermined".
_NOT_A_LANGUAGE = frozenset({"zxx", "und"})


@functools.cache
def _identifier():
    # Loading the model takes about a second: once per process, on first use.
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str:
    """The ISO 639-1 code of ``text``'s language ("en", "de"), or "" when unsure."""
    sample = text[:SAMPLE_CHARS]
    if sum(char.isalpha() for char in sample) < MIN_LETTERS:
        return ""
    language, confidence = _identifier().classify(sample)
    if confidence < MIN_CONFIDENCE or language in _NOT_A_LANGUAGE:
        return ""
    return language
