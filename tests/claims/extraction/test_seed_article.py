"""The seed article (../shared/fixtures, read at test time): the issue's acceptance checks."""

import pytest

from claims.extraction import extract, unique_claims


@pytest.fixture(scope="module")
def extracted(seed_text):
    return extract(seed_text)


def find(extracted, fragment):
    matches = [s for s in extracted if fragment in s.text]
    assert matches, f"no segment contains {fragment!r}"
    return matches[0]


def test_segments_cover_the_article_in_order(seed_text, extracted):
    assert [s.start for s in extracted] == sorted(s.start for s in extracted)
    for s in extracted:
        assert seed_text[s.start : s.end] == s.text


@pytest.mark.parametrize(
    "fragment",
    [
        "specializes in data analytics",
        "Its systems combine satellite imagery",
        "Palantir’s software provides",
    ],
)
def test_palantir_capability_sentences_are_claims(extracted, fragment):
    sentence = find(extracted, fragment)
    assert sentence.checkworthy
    assert "capability" in sentence.flags


def test_buffer_zone_report_is_attributed_to_eu_sources(extracted):
    sentence = find(extracted, "according to EU sources")
    assert sentence.checkworthy
    assert (sentence.claimant, sentence.sourcing) == ("EU sources", "anonymous")


def test_diplomatic_sources_are_anonymous(extracted):
    sentence = find(extracted, "diplomatic sources familiar with the matter")
    assert sentence.checkworthy
    assert sentence.sourcing == "anonymous"
    assert "diplomatic sources" in sentence.claimant


def test_witkoff_explanation_is_named(extracted):
    sentence = find(extracted, "Witkoff explained")
    assert sentence.checkworthy
    assert sentence.sourcing == "named"
    assert "Witkoff" in sentence.claimant


def test_rutte_turning_point_is_named(extracted):
    sentence = find(extracted, "turning point.”")
    assert sentence.checkworthy
    assert sentence.sourcing == "named"
    assert "Rutte" in sentence.claimant


def test_armed_truce_is_an_unattributed_statistic(extracted):
    sentence = find(extracted, "An armed truce has been in place on the Korean Peninsula")
    assert sentence.checkworthy
    assert sentence.sourcing == "unattributed"
    assert sentence.claimant is None
    assert "statistic" in sentence.flags


def test_captions_and_credits_are_not_claims(extracted):
    for fragment in ("Credit: Pool", "Credit: Jasmine Leung", "Zelenskyy listens", "A visitor"):
        sentence = find(extracted, fragment)
        assert not sentence.checkworthy
        assert sentence.kind in ("caption", "credit")


def test_dateline_header_and_headings_are_not_claims(extracted):
    assert extracted[0].kind == "dateline"
    assert not extracted[0].checkworthy
    assert "2025-08-19" in extracted[0].text
    assert find(extracted, "TURIN").kind == "dateline"
    for heading in ("Predictive surveillance", "A turning point"):
        sentence = find(extracted, heading)
        assert sentence.kind == "heading"
        assert sentence.text == heading
        assert not sentence.checkworthy


def test_opinion_is_not_a_claim(extracted):
    assert not find(extracted, "Coordination will be crucial, as will unity.").checkworthy


def test_repeated_sentence_yields_one_claim(seed_text, extracted):
    claim = find(extracted, "An armed truce has been in place on the Korean Peninsula")
    repeated = extract(seed_text + "\n\n" + claim.text + "\n")
    assert repeated[-1].text == claim.text
    assert repeated[repeated[-1].duplicate_of].start == claim.start
    assert [c.text for c in unique_claims(repeated)] == [c.text for c in unique_claims(extracted)]
