"""Who ``itemReviewed.author`` says made a claim: a Person (with its role as ``jobTitle``) or
an Organization. The documents themselves are tested through the API
(tests/claims/api/test_claimreview.py) and the public page."""

from __future__ import annotations

import pytest

from claims.claimreview import claimant_author, looks_like_person
from claims.models import Claim

NAMED, ANONYMOUS, UNATTRIBUTED = (
    Claim.Sourcing.NAMED,
    Claim.Sourcing.ANONYMOUS,
    Claim.Sourcing.UNATTRIBUTED,
)


@pytest.mark.parametrize(
    "claimant",
    [
        "Steve Witkoff",
        "Ines Varga",
        "Ursula von der Leyen",
        "Ana de la Cruz",
        "John F. Kennedy",
        "Seán O'Brien",
        "Jean-Luc Mélenchon",
        "Mark Rutte",
        # Rows stored before claimant and role were split: the title is in the claimant.
        "NATO Secretary General Mark Rutte",
        "Foreign Minister Sergei Lavrov",
        "transport director Ines Varga",
        "Kremlin spokesman Dmitry Peskov",
        "Deputy Prime Minister Ines Varga",
    ],
)
def test_a_personal_name_reads_as_a_person(claimant):
    assert looks_like_person(claimant)


@pytest.mark.parametrize(
    "claimant",
    [
        "the port authority",
        "the health ministry",
        "The Kremlin",
        "the European Commission",
        "European Commission",
        "Labour Party",
        "Palantir Inc",
        "Palantir Inc.",
        "Federal Emergency Management Agency",
        "City Council",
        "Government Spokesman",
        "Stanford University",
        "Justice Department",
        "Mayor's Office",
        "Budget Committee",
        "Ministry of Foreign Affairs",
        "University of Seville",
        "Bank of England",
        "Human Rights Watch",
        "Amnesty International",
        "Associated Press",
        "NATO",
        "NATO figures",
        "EU",
        "Reuters",
        # One word is not enough to tell a surname from a body.
        "Medvedev",
        "Emmanuel Macron's office",
        "officials",
        "2024 Census",
        "",
    ],
)
def test_a_body_or_anything_else_does_not(claimant):
    assert not looks_like_person(claimant)


def test_a_named_person_is_a_person_with_the_role_as_job_title():
    assert claimant_author(
        claimant="Ines Varga", claimant_role="transport director", sourcing=NAMED
    ) == {"@type": "Person", "name": "Ines Varga", "jobTitle": "transport director"}


def test_a_person_without_a_role_has_no_job_title():
    assert claimant_author(claimant="Steve Witkoff", claimant_role="", sourcing=NAMED) == {
        "@type": "Person",
        "name": "Steve Witkoff",
    }


def test_a_body_is_an_organization_named_as_stored_and_its_role_is_not_a_job_title():
    assert claimant_author(
        claimant="the European Commission", claimant_role="the EU's executive", sourcing=NAMED
    ) == {"@type": "Organization", "name": "the European Commission"}


@pytest.mark.parametrize("claimant", ["EU sources", "a senior government official"])
def test_an_anonymous_claimant_keeps_its_description_as_organization_name(claimant):
    assert claimant_author(claimant=claimant, claimant_role="", sourcing=ANONYMOUS) == {
        "@type": "Organization",
        "name": claimant,
    }


def test_a_personal_name_is_a_person_only_when_the_source_is_named():
    # "Ines Varga" as an anonymous or unattributed claimant is not a source we name.
    for sourcing in (ANONYMOUS, UNATTRIBUTED):
        author = claimant_author(claimant="Ines Varga", claimant_role="", sourcing=sourcing)
        assert author == {"@type": "Organization", "name": "Ines Varga"}


def test_no_claimant_no_author():
    assert claimant_author(claimant="", claimant_role="director", sourcing=NAMED) is None
