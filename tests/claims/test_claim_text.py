"""A claim keeps the sentence as printed (``text``) and the statement to check
(``claim_text``) apart, with the claimant's role and the cue; ``statement`` names it.

The migration that fills the new columns for the claims stored before them is tested through
its function (django-test-migrations is not a dependency): ``fill_claims`` on the live model,
whose columns are the ones the migration state has at that point.
"""

from __future__ import annotations

import importlib
from dataclasses import replace

import pytest

import claims.extraction
from claims.extraction import extract
from claims.matching import normalize
from claims.models import Claim
from claims.workflow import claim_create, statement_text

fill_migration = importlib.import_module("claims.migrations.0012_fill_claim_text")

SENTENCE = (
    "Ticket revenue now covers 61 percent of operating costs, transport director Ines "
    "Varga said on Tuesday."
)
CLAIM = "Ticket revenue now covers 61 percent of operating costs"


# --- the model and the service --------------------------------------------------------


def test_the_statement_is_the_claim_text_or_else_the_sentence():
    assert Claim(text=SENTENCE, claim_text=CLAIM).statement == CLAIM
    assert Claim(text=SENTENCE).statement == SENTENCE
    assert str(Claim(text=SENTENCE, claim_text=CLAIM)) == CLAIM


@pytest.mark.parametrize(
    ("extracted", "stored"),
    [
        ("ticket revenue covers 61 percent", "Ticket revenue covers 61 percent"),
        ("  the truce has held  ", "The truce has held"),
        ("Ticket revenue covers 61 percent", "Ticket revenue covers 61 percent"),
        ("iPhone sales fell 4 percent", "iPhone sales fell 4 percent"),
        ("eBay's fees doubled", "eBay's fees doubled"),
        ("élections were held in 2024", "Élections were held in 2024"),
        ("“the economy is growing”", "“the economy is growing”"),
        ("the network carried 212\nmillion riders", "The network carried 212 million riders"),
        ("fares rose 4 percent  \r\n  in May", "Fares rose 4 percent in May"),
        ("", ""),
    ],
)
def test_a_claim_text_is_stored_capitalised_and_otherwise_verbatim(extracted, stored):
    assert statement_text(extracted) == stored


def test_claim_create_stores_claim_text_role_and_cue(db):
    claim = claim_create(
        text=SENTENCE,
        claim_text="ticket revenue now covers 61 percent of operating costs",
        claimant="Ines Varga",
        claimant_role=" transport director ",
        cue="said",
        sourcing=Claim.Sourcing.NAMED,
    )
    claim.refresh_from_db()
    assert claim.text == SENTENCE
    assert claim.claim_text == CLAIM
    assert (claim.claimant, claim.claimant_role, claim.cue) == (
        "Ines Varga",
        "transport director",
        "said",
    )
    assert claim.match_text == normalize(CLAIM)


def test_a_claim_entered_without_claim_text_states_its_sentence(db):
    claim = claim_create(text=f"  {SENTENCE} ")
    claim.refresh_from_db()
    assert claim.claim_text == claim.text == SENTENCE
    assert (claim.claimant_role, claim.cue) == ("", "")


# --- the migration that fills the columns of older claims -----------------------------


def stored_before_the_columns(*texts: str) -> list[Claim]:
    """Claims as the rows written before 0011 read: no claim text, role or cue."""
    claims = [claim_create(text=text) for text in texts]
    Claim.objects.filter(pk__in=[c.pk for c in claims]).update(
        claim_text="", claimant_role="", cue=""
    )
    return claims


def attributed(claim: str, *, role: str = "transport director", cue: str = "said"):
    """An extractor as the attribution work will make it: every sentence gets ``claim``,
    ``role`` and ``cue`` (and a claimant the migration must not copy)."""

    def fake(text, model=None):
        return [
            replace(
                s,
                claim=claim,
                claimant="Someone Else",
                sourcing="anonymous",
                claimant_role=role,
                cue=cue,
            )
            if s.kind == "sentence"
            else s
            for s in extract(text, model=model)
        ]

    return fake


def test_the_migration_fills_claim_text_role_and_cue_from_the_sentence(db, monkeypatch):
    [claim] = stored_before_the_columns(SENTENCE)
    Claim.objects.filter(pk=claim.pk).update(claimant="Ines Varga", sourcing="named")
    monkeypatch.setattr(claims.extraction, "extract", attributed(CLAIM.lower(), role="x" * 400))

    assert fill_migration.fill_claims(Claim, "default") == 1

    claim.refresh_from_db()
    assert claim.text == SENTENCE
    assert claim.claim_text == CLAIM  # capitalised as the pipeline stores it
    assert claim.claimant_role == "x" * 300  # cut to its column
    assert claim.cue == "said"
    # History is not rewritten: the claimant and sourcing stay as the desk saw them.
    assert (claim.claimant, claim.sourcing) == ("Ines Varga", "named")
    # Matching follows the statement.
    assert claim.match_text == normalize(CLAIM)


def test_the_migration_with_the_real_extractor_splits_the_frame_off(db):
    attributed_claim, asserted = stored_before_the_columns(
        SENTENCE, "The truce has held for 70 years."
    )
    fill_migration.fill_claims(Claim, "default")
    attributed_claim.refresh_from_db()
    asserted.refresh_from_db()
    assert attributed_claim.claim_text == CLAIM
    assert (attributed_claim.claimant_role, attributed_claim.cue) == ("transport director", "said")
    assert attributed_claim.match_text == normalize(CLAIM)
    # The outlet's own assertion is its own claim.
    assert asserted.claim_text == asserted.text
    assert asserted.match_text == normalize(asserted.text)


def test_the_migration_leaves_claims_that_have_a_claim_text_alone(db, monkeypatch):
    [older] = stored_before_the_columns(SENTENCE)
    newer = claim_create(text="Exports fell 12 percent last year, officials said.")
    Claim.objects.filter(pk=newer.pk).update(claim_text="Exports fell 12 percent", cue="said")
    monkeypatch.setattr(claims.extraction, "extract", attributed("Something else entirely"))

    assert fill_migration.fill_claims(Claim, "default") == 1

    older.refresh_from_db()
    assert older.claim_text == "Something else entirely"
    newer.refresh_from_db()
    assert (newer.claim_text, newer.claimant_role, newer.cue) == (
        "Exports fell 12 percent",
        "",
        "said",
    )
    # Run again: nothing is left to fill.
    assert fill_migration.fill_claims(Claim, "default") == 0


def test_a_sentence_extraction_fails_on_keeps_its_sentence_as_claim_text(db, monkeypatch):
    def broken(text, model=None):
        raise RuntimeError("attribution crashed")

    [claim] = stored_before_the_columns(SENTENCE)
    monkeypatch.setattr(claims.extraction, "extract", broken)
    fill_migration.fill_claims(Claim, "default")
    claim.refresh_from_db()
    assert (claim.claim_text, claim.claimant_role, claim.cue) == (SENTENCE, "", "")


def test_a_text_with_no_sentence_in_it_keeps_its_sentence_as_claim_text(db, monkeypatch):
    def captions_only(text, model=None):
        return [replace(s, kind="caption") for s in extract(text, model=model)]

    [claim] = stored_before_the_columns(SENTENCE)
    monkeypatch.setattr(claims.extraction, "extract", captions_only)
    fill_migration.fill_claims(Claim, "default")
    claim.refresh_from_db()
    assert claim.claim_text == SENTENCE


def test_the_claim_of_the_longest_sentence_is_taken_past_a_dateline():
    text = "GENEVA (Reuters) - " + SENTENCE
    sentence = fill_migration.extracted_sentence(text)
    assert sentence is not None
    assert (sentence.kind, sentence.text) == ("sentence", SENTENCE)


def test_the_migration_works_in_batches_over_every_row(db):
    claims = stored_before_the_columns(*(f"Claim {n}: the truce held {n} years." for n in range(7)))
    assert fill_migration.fill_claims(Claim, "default", batch_size=3) == 7
    assert not Claim.objects.filter(pk__in=[c.pk for c in claims], claim_text="").exists()


def test_a_hard_wrapped_text_gives_whole_claims_on_one_line(db, django_capture_on_commit_callbacks):
    from claims.ingestion.pipeline import ingest_text

    wrapped = (
        "The harbour board said on Friday that container traffic through the port had\n"
        "fallen by 14 percent in the first half of the year as two lines left for Gdansk.\n"
        "Its chairman, Tomas Brandt, told reporters that two shipping lines had\n"
        "moved their weekly calls to a rival port further up the coast in March.\n"
    )
    with django_capture_on_commit_callbacks(execute=True):
        article = ingest_text(text=wrapped).article
    claims = sorted(article.claims.all(), key=lambda c: c.span_start)
    assert [c.claimant for c in claims] == ["The harbour board", "Tomas Brandt"]
    assert claims[0].claim_text == (
        "Container traffic through the port had fallen by 14 percent in the first half of "
        "the year as two lines left for Gdansk"
    )
    assert "\n" in claims[0].text  # the sentence as printed
    assert claims[1].claim_text.startswith("Two shipping lines had moved their weekly calls")
