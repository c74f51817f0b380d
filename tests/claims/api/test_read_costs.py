"""What a consumer read costs the database, statement by statement, and the permission cache
that keeps two of those statements off the hot path (claims.api.authentication)."""

from __future__ import annotations

import time

import pytest
from django.contrib.auth.models import Group

from claims import roles
from claims.api.tokens import token_revoke
from claims.models import ApiToken
from claims.workflow import claim_merge
from tests.claims.api.conftest import client_with_token

# No test here checks matching: new claims are matched lexically (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("lexical_matching")

LIST = "/api/v1/claims/"
FEED = "/api/v1/claimreview/"
LOOKUP = "/api/v1/articles/lookup/"


@pytest.fixture
def page(at, make_claim, editor):
    """``page(n)``: n published claims, a pending one and a duplicate of the first, which
    it returns."""

    def factory(how_many: int):
        published = [at("published") for _ in range(how_many)]
        at("queued")
        return claim_merge(claim=make_claim("Said again."), canonical=published[0], actor=editor)

    return factory


def test_a_claimreview_is_three_statements(page, reader, django_assert_num_queries):
    duplicate = page(1)
    reader.get(FEED)
    # 1 token, 1 the claim's ClaimReview row, 1 the rating scale; for a duplicate too.
    for claim in (duplicate.canonical, duplicate):
        with django_assert_num_queries(3):
            assert reader.get(f"{LIST}{claim.pk}/claimreview/").status_code == 200


def test_a_claim_is_four_statements_three_while_pending(
    page, at, reader, django_assert_num_queries
):
    duplicate = page(1)
    pending = at("queued")
    reader.get(LIST)
    # 1 token, 1 the claim row (its canonical's verdict joined), 1 the cited sources, 1 the
    # corrections log, of the claim itself or, for a duplicate, of its canonical.
    for claim in (duplicate.canonical, duplicate):
        with django_assert_num_queries(4):
            assert reader.get(f"{LIST}{claim.pk}/").status_code == 200
    # Nothing is cited while nothing is published: no sources statement.
    with django_assert_num_queries(3):
        assert reader.get(f"{LIST}{pending.pk}/").status_code == 200


def test_an_article_lookup_is_three_statements(page, article, reader, django_assert_num_queries):
    page(3)
    reader.get(LIST)
    # 1 token, 1 the article's public claims with the article joined, 1 the record's
    # version (a list's Last-Modified).
    with django_assert_num_queries(3):
        response = reader.get(LOOKUP, {"url": article.url})
    assert len(response.json()["claims"]) == 5


def test_the_first_read_of_a_token_also_loads_its_permissions(
    reader, db, django_assert_num_queries
):
    # 1 token, 2 the user's and its groups' permissions, 1 recording the token's use, 1 page,
    # 1 the record's version.
    with django_assert_num_queries(6):
        assert reader.get(LIST).status_code == 200


# --- what the permission cache may and may not delay ------------------------------------


def test_a_role_change_reaches_the_consumer_reads_within_the_cache_lifetime(consumer, settings, db):
    settings.API_PERMISSION_CACHE_SECONDS = 1
    reader = client_with_token(consumer, "read")
    assert reader.get(LIST).status_code == 200
    consumer.groups.remove(Group.objects.get(name=roles.API_CONSUMERS))
    assert reader.get(LIST).status_code == 200  # the cached set, for at most a second
    time.sleep(1.2)
    assert reader.get(LIST).status_code == 403


def test_without_a_cache_lifetime_a_role_change_applies_at_once(consumer, settings, db):
    settings.API_PERMISSION_CACHE_SECONDS = 0
    reader = client_with_token(consumer, "read")
    assert reader.get(LIST).status_code == 200
    consumer.groups.remove(Group.objects.get(name=roles.API_CONSUMERS))
    assert reader.get(LIST).status_code == 403


def test_revoking_the_token_applies_at_once(consumer, db):
    reader = client_with_token(consumer, "read")
    assert reader.get(LIST).status_code == 200
    token_revoke(token=ApiToken.objects.get(user=consumer))
    assert reader.get(LIST).status_code == 401


def test_deactivating_the_account_applies_at_once(consumer, db):
    reader = client_with_token(consumer, "read")
    assert reader.get(LIST).status_code == 200
    consumer.is_active = False
    consumer.save()
    assert reader.get(LIST).status_code == 401


def test_staff_endpoints_see_a_role_change_at_once(fact_checker, article, db):
    ingester = client_with_token(fact_checker, "ingest")
    path = f"/api/v1/articles/{article.pk}/"
    assert ingester.get(path).status_code == 200
    fact_checker.groups.clear()
    assert ingester.get(path).status_code == 403
