"""What a page of the consumer lists costs the database, statement by statement, for one
claim and for thirty: the same (tests/claims/api/test_read_costs.py reads the rest)."""

from __future__ import annotations

import pytest

from claims.models import Claim
from claims.workflow import claim_merge
from tests.claims.api.conftest import driver
from tests.module_rows import (  # noqa: F401 (fixtures: the module's world stands for them)
    world_article,
    world_consumer,
    world_copy,
    world_editor,
    world_fact_checker,
    world_for_the_module,
    world_make_claim,
)

# No test here checks matching: new claims are matched lexically (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("lexical_matching")

LIST = "/api/v1/claims/"
FEED = "/api/v1/claimreview/"

# Each test reads one page of one of two worlds (or writes what is rolled back), built once
# for the module and size (tests/module_rows.py): the tests of a size run together.
SIZES = pytest.mark.parametrize("how_many", [1, 30], indirect=True, scope="module")


@pytest.fixture(scope="module")
def how_many(request) -> int:
    return request.param


def _build_page(how_many: int):
    """n published claims, a pending one and a duplicate of the first, which it returns."""

    def build(*, make_claim, fact_checker, editor, consumer):
        at = driver(make_claim, fact_checker, editor)
        published = [at("published") for _ in range(how_many)]
        at("queued")
        return claim_merge(claim=make_claim("Said again."), canonical=published[0], actor=editor)

    return build


@pytest.fixture(scope="module")
def _module_world(django_db_setup, django_db_blocker, lexical_matching, how_many):
    yield from world_for_the_module(
        django_db_blocker, _build_page(how_many), ("editor", "fact_checker", "consumer")
    )


@pytest.fixture
def page(world):
    return world["rows"]


@SIZES
def test_a_list_page_is_three_statements(
    how_many, page, reader, django_assert_num_queries, at, make_claim, editor
):
    # And a claim that left the public view: its tombstone comes in the same rows.
    claim_merge(claim=at("queued"), canonical=make_claim("Not checked yet."), actor=editor)
    reader.get(LIST)  # records the token's use and caches the permission set
    # 1 token with its user, 1 the page of claim rows (article and verdicts joined), live
    # claims and tombstones alike, 1 the record's version (MAX of the sync key: a list's
    # Last-Modified, see claims.api.conditional).
    with django_assert_num_queries(3):
        response = reader.get(LIST, {"page_size": 50})
    results = response.json()["results"]
    assert len(results) == how_many + 3
    assert [item.get("removed", False) for item in results][-1] is True


@SIZES
@pytest.mark.parametrize("ordering", ["updated_at", "-published_at"])
def test_a_list_page_with_every_filter_and_its_count_is_five_statements(
    how_many, ordering, page, article, reader, django_assert_num_queries
):
    article.language, article.outlet = "en-GB", "Example News"
    article.save()
    Claim.objects.update(claimant="Steve Witkoff")
    reader.get(LIST)
    params = {
        "rating": "mostly_true,false",
        "published_after": "2000-01-01",
        "published_before": "2100-01-01T00:00Z",
        "language": "en",
        "publisher": "example news",
        "domain": "news.example.org",
        "claimant": "witkoff",
        "ordering": ordering,
        "count": "true",
        "page_size": 50,
    }
    # 1 token with its user, 1 the ratings asked for (an unknown one is a 400), 1 the
    # count, 1 the page of claim rows, 1 the record's version (Last-Modified).
    with django_assert_num_queries(5):
        response = reader.get(LIST, params)
    body = response.json()
    # Every published claim and the duplicate (with its canonical's verdict); not the
    # pending one.
    assert body["count"] == len(body["results"]) == how_many + 1


@SIZES
def test_a_feed_page_is_four_statements(how_many, page, reader, django_assert_num_queries):
    reader.get(FEED)
    # 1 token, 1 the page of ClaimReview rows (article and both verdicts joined, the first
    # publication dates of each claim and of its canonical as subqueries), 1 the record's
    # version (a list's Last-Modified), 1 the rating scale.
    with django_assert_num_queries(4):
        response = reader.get(FEED)
    assert len(response.json()["dataFeedElement"]) == how_many + 1


@SIZES
def test_list_query_count_does_not_grow_with_the_page(
    how_many, page, reader, django_assert_max_num_queries
):
    # The module's page: n published claims, a pending one and a repeat of the first.
    reader.get(LIST)  # the token's last use is now recorded; later calls skip that write
    # 1 token (with its user), 2 the user's and its groups' permissions, 1 the page of
    # claims with article, verdict, rating and canonical's verdict joined in, 1 the record's
    # version (the list's Last-Modified).
    with django_assert_max_num_queries(5):
        response = reader.get(LIST, {"page_size": 50})
    assert len(response.json()["results"]) == how_many + 2
