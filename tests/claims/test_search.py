"""Text search of claims for people (``claims.search``): the statement through the matching
index, the claimant with role, the article title, a claim id. Runs on SQLite and (in the
PostgreSQL pass) on PostgreSQL, where each arm must be served by its index."""

from __future__ import annotations

import pytest
from django.db import connection

from claims import search
from claims.models import Article, Claim


@pytest.fixture(autouse=True)
def _no_auto_routing(settings):
    settings.AUTO_QUEUE_THRESHOLD = None


@pytest.fixture
def claims(make_claim, article):
    rents = Article.objects.create(
        url="https://news.example.org/rents",
        title="Rents soar in the capital",
        content_hash="1" * 64,
    )
    return {
        "unemployment": make_claim(
            "Unemployment rose to 3.4 percent in May, the finance minister said.",
            claim_text="Unemployment rose to 3.4 percent in May.",
            claimant="Jane Doe",
            claimant_role="finance minister",
            sourcing="named",
        ),
        "gas": make_claim(
            "Gas prices doubled in Britain, according to EU sources.",
            claim_text="Gas prices doubled in Britain.",
            claimant="EU sources",
            sourcing="anonymous",
            article=rents,
        ),
        "budget": make_claim("The budget deficit reached fourteen million euros last year."),
    }


def found(q: str) -> set[str]:
    names = {c.pk: c.claim_text for c in Claim.objects.all()}
    ids = Claim.objects.filter(search.text_search(q)).values_list("pk", flat=True)
    return {names[pk].split()[0].lower() for pk in ids}


def test_words_of_the_statement_find_it(claims):
    assert found("unemployment") == {"unemployment"}
    assert found("gas prices") == {"gas"}


def test_every_word_must_be_there(claims):
    assert found("unemployment prices") == set()


def test_the_statement_is_searched_in_its_normal_form(claims):
    # As claim matching normalizes both sides: "UK" is "Britain", "14m" is fourteen million.
    assert found("UK gas") == {"gas"}
    assert found("14m") == {"the"}


def test_the_attribution_frame_is_not_the_statement_but_the_claimant_is_searched(claims):
    assert found("Jane Doe") == {"unemployment"}
    assert found("EU sources") == {"gas"}


def test_the_claimants_role_is_searched_with_the_claimant(claims):
    assert found("finance minister") == {"unemployment"}
    assert found("minister Doe") == {"unemployment"}


def test_the_article_title_is_searched(claims):
    assert found("rents capital") == {"gas"}
    assert found("buffer zone") == {"unemployment", "the"}


def test_a_claim_number_finds_that_claim(claims):
    budget = claims["budget"]

    def ids(q):
        return set(Claim.objects.filter(search.text_search(q)).values_list("pk", flat=True))

    assert ids(f"#{budget.pk}") == {budget.pk}
    # Without the "#", a number is the claim of that id or a word of a claim.
    assert budget.pk in ids(str(budget.pk))
    assert claims["unemployment"].pk in ids("3.4 percent")


def test_stop_words_alone_find_nothing(claims):
    assert found("the of and") == set()


@pytest.mark.parametrize(
    "q",
    [
        "'; DROP TABLE claims_claim; --",
        'gas" OR "x',
        "gas & !prices | (",
        "NEAR(gas prices)",
        "é’s",
    ],
)
def test_query_syntax_in_q_is_only_words(claims, q):
    # Neither FTS5 nor tsquery syntax gets through: at worst the words are looked for.
    list(Claim.objects.filter(search.text_search(q)))


def test_claimant_search_is_words_of_claimant_and_role(claims):
    def by_claimant(value):
        return set(
            Claim.objects.filter(search.claimant_search(value)).values_list("claimant", flat=True)
        )

    assert by_claimant("doe") == {"Jane Doe"}
    assert by_claimant("minister") == {"Jane Doe"}
    assert by_claimant("sources EU") == {"EU sources"}
    assert by_claimant("nobody") == set()


on_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="this run uses SQLite; the PostgreSQL run covers it"
)


@on_postgres
def test_postgres_serves_every_arm_from_an_index(claims):
    # A tiny table is scanned whatever the indexes; with bitmap scans the only way left,
    # the planner must use the three indexes, and could not if an expression did not match.
    found = Claim.objects.filter(search.text_search("gas prices")).order_by()
    sql, params = found.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "claim_match_vector_gin" in plan
    assert search.CLAIMANT_INDEX in plan
    assert search.TITLE_INDEX in plan
    assert "Seq Scan on claims_claim" not in plan
