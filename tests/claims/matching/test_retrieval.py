"""Candidate retrieval from the full-text index (FTS5 on SQLite, tsvector + GIN on
PostgreSQL), then the re-ranking. The suite runs on both databases in CI."""

from __future__ import annotations

import pytest
from django.db import connection

from claims.matching import cells, match_score, normalize
from claims.matching.retrieval import (
    candidate_ids,
    ensure_index,
    find_similar,
    query_terms,
    rare_terms,
)
from claims.models import Claim
from claims.workflow import claim_dismiss, claim_merge
from tests.claims.helpers import bring_to

NOISE = [
    "The tram line carried 40,000 passengers a day in March, the operator said.",
    "Wheat exports from the port doubled after the new terminal opened.",
    "The city council approved a budget of 2 billion euros for the coming year.",
    "Average rents in the capital rose by 12 percent over the last two years.",
    "The company reported a loss for the third quarter in a row.",
]


@pytest.fixture
def noise(make_claim) -> list[Claim]:
    return [make_claim(text, article=None) for text in NOISE]


def test_the_index_is_the_one_for_this_database(db):
    assert connection.vendor in {"sqlite", "postgresql"}
    # Idempotent: the migration built it; asking again changes nothing on SQLite.
    rebuilt = ensure_index()
    assert rebuilt is (connection.vendor == "postgresql")


def test_match_text_is_the_normalized_statement_and_follows_edits(make_claim):
    claim = make_claim("Fourteen million people in Britain voted.", article=None)
    assert claim.match_text == normalize(claim.statement) == "14000000 people in uk voted"
    claim.claim_text = "Fourteen million people in France voted."
    claim.save()
    claim.refresh_from_db()
    assert "france" in claim.match_text
    assert candidate_ids("voters in France, 14m of them") == [claim.pk]
    assert candidate_ids("Britain") == []  # the old statement left the index


def test_the_index_holds_the_claim_text_not_the_attribution_frame(make_claim):
    statement = "Rail fares rose 9 percent in January after the government raised track charges"
    claim = make_claim(
        f"{statement}, transport director Ines Varga told reporters.",
        claim_text=statement,
        article=None,
    )
    assert claim.match_text == normalize(statement)
    assert candidate_ids("Ines Varga told reporters") == []  # the frame is not indexed
    # Re-ranked against the statement: a repeat printed without the frame is the same
    # claim (against the whole sentence, "Ines Varga" would be an extra entity).
    found = find_similar(statement)
    assert [m.claim.pk for m in found] == [claim.pk]
    assert found[0].result.decision == "auto"
    assert match_score(statement, claim.text).decision != "auto"


def test_finds_a_reworded_claim_among_others(noise, make_claim):
    known = make_claim("Rents in the capital went up 12% in the past two years.", article=None)
    ids = candidate_ids("Average rents in the capital rose by twelve per cent in two years")
    assert ids[:2] and set(ids[:2]) == {known.pk, noise[3].pk}
    found = find_similar("Average rents in the capital rose by twelve per cent over two years")
    assert next(m.claim.pk for m in found) == noise[3].pk
    assert all(m.result.decision != "none" for m in found)


def test_numbers_and_aliases_are_searched_in_their_normal_form(make_claim):
    claim = make_claim("The UK sent $20m in aid to the region.", article=None)
    assert candidate_ids("Britain gave twenty million dollars") == [claim.pk]


def test_dismissed_claims_duplicates_and_excluded_ids_are_not_candidates(make_claim, editor):
    text = "The bridge over the river was closed for repairs for 18 months."
    dismissed = make_claim(text, article=None)
    claim_dismiss(claim=dismissed, actor=editor, reason="Not check-worthy.")
    kept = make_claim("The river bridge was closed for 18 months of repairs.", article=None)
    repeat = make_claim("For 18 months the river bridge stayed closed for repairs.", article=None)
    if repeat.status != Claim.Status.DUPLICATE:
        claim_merge(claim=repeat, canonical=kept, actor=editor)
    assert candidate_ids(text) == [kept.pk]
    assert candidate_ids(text, exclude=[kept.pk]) == []


def test_published_only(make_claim, fact_checker, editor):
    published = bring_to("published", make_claim=make_claim, checker=fact_checker, editor=editor)
    make_claim(published.text.replace("says", "states"), article=None)
    assert candidate_ids(published.text, published_only=True) == [published.pk]


def test_query_terms_leave_out_function_words():
    assert query_terms("It is not true that the EU's budget doubled!") == [
        "true",
        "eu",
        "budget",
        "doubled",
    ]
    assert query_terms("it is the") == []
    assert candidate_ids("the of and") == []


def test_retrieval_is_one_query(noise, django_assert_num_queries):
    with django_assert_num_queries(1):
        candidate_ids("Wheat exports doubled after the terminal opened")
    # The lookup, the nearest stored vectors and which of them may be candidates (the
    # embedding cells' centroids are read once a minute at most: read here first), the
    # candidate rows, their stored embeddings.
    cells.centroids()
    with django_assert_num_queries(5):
        find_similar("Wheat exports from the port doubled once the new terminal opened")


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite triggers")
def test_sqlite_triggers_come_back_after_a_table_rebuild(make_claim):
    claim = make_claim("The harbour handled 3 million containers last year.", article=None)
    with connection.cursor() as cursor:  # what Django's table remake does to triggers
        for suffix in ("ai", "ad", "au"):
            cursor.execute(f"DROP TRIGGER claims_claim_match_fts_{suffix}")
    missed = make_claim("The airport handled 30 million passengers last year.", article=None)
    assert candidate_ids("airport passengers") == []
    assert ensure_index() is True
    assert candidate_ids("airport passengers") == [missed.pk]
    assert candidate_ids("harbour containers") == [claim.pk]


def test_words_with_accents_and_quotes_are_searched_safely(make_claim):
    claim = make_claim(
        "Zürich's tram fares rose by 8 percent after the vote in Genève.", article=None
    )
    assert candidate_ids('Zürich "tram" fares (Genève) AND OR NOT *') == [claim.pk]


def test_a_one_word_text_finds_the_claims_holding_it(make_claim):
    claim = make_claim("The ferry to Zanzibar doubled its fares last summer.", article=None)
    make_claim("The harbour handled 3 million containers last year.", article=None)
    assert candidate_ids("Zanzibar") == [claim.pk]


# --- PostgreSQL: the query is built from the text's rarest words -----------------------

on_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="this run uses SQLite; the PostgreSQL run covers it"
)


def _common_claims(make_claim, n: int) -> list[Claim]:
    """``n`` claims that all say "government" and "budget", then the planner's statistics."""
    claims = [
        make_claim(f"The government budget for district {i} was published on time.", article=None)
        for i in range(n)
    ]
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE claims_claim")
    return claims


@pytest.mark.postgres
@on_postgres
def test_postgres_asks_for_the_rarest_words_of_the_text(make_claim):
    _common_claims(make_claim, 60)
    text = "The government budget pays for the Zanzibar ferry"
    # The index's stems, in text order; the words of every stored claim are left out.
    assert rare_terms(text, k=3) == ["pay", "zanzibar", "ferri"]
    assert rare_terms(text, k=5) == ["govern", "budget", "pay", "zanzibar", "ferri"]


@pytest.mark.postgres
@on_postgres
def test_postgres_finds_a_repeat_by_its_rare_words_among_common_ones(make_claim):
    _common_claims(make_claim, 60)
    known = make_claim(
        "The government budget pays for the Zanzibar ferry until 2030.", article=None
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE claims_claim")
    ids = candidate_ids("Until 2030 the Zanzibar ferry is paid for by the government budget")
    assert ids[0] == known.pk


@pytest.mark.postgres
@on_postgres
def test_postgres_ranks_at_most_the_pool_of_index_hits(make_claim, monkeypatch):
    from claims.matching import retrieval

    _common_claims(make_claim, 30)
    text = "the government budget of the district"
    monkeypatch.setattr(retrieval, "RANK_POOL", 7)
    assert len(candidate_ids(text, limit=50)) == 7
    monkeypatch.setattr(retrieval, "RANK_POOL", 1000)
    assert len(candidate_ids(text, limit=50)) == 30


def test_the_best_match_is_still_found_after_its_row_is_updated(make_claim, editor, monkeypatch):
    from claims.matching import retrieval
    from claims.workflow import claim_triage

    # PostgreSQL: the text's four words are all the lookup's rare words, and every other
    # claim holds two of them, so the pairs hit more claims than the pool ranks. (SQLite
    # ranks every hit by bm25: no pool.)
    best = make_claim("The government budget covers the Zanzibar ferry.", article=None)
    _common_claims(make_claim, 30)
    monkeypatch.setattr(retrieval, "RANK_POOL", 5)
    text = "The government budget for the Zanzibar ferry"
    assert candidate_ids(text)[0] == best.pk
    # A status change rewrites the row (a new version at the table's end); which claims
    # are ranked must not depend on where a row lies.
    claim_triage(claim=best, actor=editor)
    assert candidate_ids(text)[0] == best.pk
    assert [m.claim.pk for m in find_similar(text)][:1] == [best.pk]


@pytest.mark.postgres
@on_postgres
def test_postgres_searches_decimal_numbers_whole(make_claim):
    three = make_claim("Inflation in the region reached 3.4 percent in May.", article=None)
    make_claim("Inflation in the region reached 4.3 percent in May.", article=None)
    assert candidate_ids("Regional inflation hit 3.4%")[0] == three.pk


# Candidates for one new claim, written for this test: its repeat in other words, the same
# claim with another figure, a related claim on the same story, and claims on other stories.
RERANKED = [
    "The ferry company carried 1.3 million passengers across the strait last summer.",
    "Last summer the ferry operator took 1.3m passengers over the strait.",
    "The ferry company carried 2.1 million passengers across the strait last summer.",
    "The ferry company raised its fares across the strait by a fifth last summer.",
    "A new bridge over the strait will open to cars in three years, the minister said.",
    "The airline cancelled a third of its flights to the island in August.",
]


def test_rank_skips_the_detectors_only_for_candidates_that_cannot_match(make_claim, monkeypatch):
    from claims.matching import score as score_module
    from claims.matching.retrieval import rank

    text = "Over the summer, 1.3 million passengers crossed the strait on the company's ferries."
    claims = [make_claim(t, article=None) for t in RERANKED]
    detected = []
    detect = score_module.find_conflicts

    def counted(fa, fb):
        detected.append(" ".join(fb.tokens))
        return detect(fa, fb)

    monkeypatch.setattr(score_module, "find_conflicts", counted)
    found = rank(text, claims)
    ran = len(detected)
    # Scoring every candidate gives the same matches, in the same order, with the same results.
    every = [(c, match_score(text, c.statement)) for c in claims]
    kept = [(c, r) for c, r in every if r.decision != "none"]
    kept.sort(key=lambda cr: (-cr[1].score, cr[0].pk))
    assert [(m.claim.pk, m.result) for m in found] == [(c.pk, r) for c, r in kept]
    assert {m.claim.pk for m in found} == {claims[0].pk, claims[1].pk}
    # The bridge and the airline (other stories) never reached the conflict detectors; the
    # claims of this story did, the one with another figure too.
    assert ran == 4
    assert not any("bridge" in t or "airline" in t for t in detected[:ran])


def test_candidate_rows_come_in_the_order_of_their_ids(noise, django_assert_num_queries):
    from claims.matching.retrieval import in_order

    ids = [noise[3].pk, noise[0].pk, noise[4].pk]
    with django_assert_num_queries(1):
        rows = in_order(Claim.objects.all(), [*ids, 10**9])  # an id with no row is left out
    assert [c.pk for c in rows] == ids
    assert in_order(Claim.objects.all(), []) == []
