"""An article's language when its page declares none: a guess only when the text is sure."""

from __future__ import annotations

import pytest

from claims.ingestion.language import SAMPLE_CHARS, detect_language

HARBOUR = {
    "en": "The harbour authority said on Monday that container traffic had doubled since the "
    "new cranes arrived, although dock workers dispute the figure.",
    "de": "Die Hafenbehörde erklärte am Montag, der Containerverkehr habe sich seit der "
    "Ankunft der neuen Kräne verdoppelt, doch die Hafenarbeiter bestreiten die Zahl.",
    "es": "La autoridad portuaria afirmó el lunes que el tráfico de contenedores se ha "
    "duplicado desde la llegada de las nuevas grúas, aunque los estibadores lo niegan.",
    "fr": "L'autorité portuaire a affirmé lundi que le trafic de conteneurs avait doublé "
    "depuis l'arrivée des nouvelles grues, ce que contestent les dockers.",
}


@pytest.mark.parametrize("language", sorted(HARBOUR))
def test_a_paragraph_reads_as_its_language(language):
    assert detect_language(HARBOUR[language]) == language


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Harbour fees",  # a few words say too little
        "2025-08-01 14:30 | 61% | 3,400 | +12.5",  # no language at all
        "Hafen port puerto porto harbour Hafen port puerto porto harbour Hafen",
    ],
)
def test_a_text_too_short_or_too_mixed_to_tell_has_no_language(text):
    assert detect_language(text) == ""


def test_a_long_text_is_read_from_its_opening():
    # Past the first SAMPLE_CHARS, the rest changes neither the answer nor the cost.
    opening = HARBOUR["de"] * (SAMPLE_CHARS // len(HARBOUR["de"]) + 1)
    assert detect_language(opening + HARBOUR["en"] * 200) == "de"
