"""Clients, tokens and claims at the points of their life the public API cares about."""

from __future__ import annotations

import functools

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from claims.api.tokens import token_issue
from tests.claims.helpers import bring_to


@pytest.fixture(autouse=True)
def _fresh_throttle_counters():
    # Throttle counters live in the cache, which outlives a test's database transaction.
    cache.clear()
    yield
    cache.clear()


def client_with_token(user, *scopes: str) -> APIClient:
    _, secret = token_issue(user=user, scopes=scopes or ("read",))
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    return client


@pytest.fixture
def api() -> APIClient:
    """No credentials."""
    return APIClient()


@pytest.fixture
def reader(consumer) -> APIClient:
    """An API consumer with a read token: the ordinary caller."""
    return client_with_token(consumer, "read")


@pytest.fixture
def at(make_claim, fact_checker, editor):
    """``at("published", claimant=..., ...)``: a claim driven there by the real services."""

    def factory(start: str, **claim_kwargs):
        maker = functools.partial(make_claim, **claim_kwargs) if claim_kwargs else make_claim
        return bring_to(start, make_claim=maker, checker=fact_checker, editor=editor)

    return factory


@pytest.fixture
def published(at):
    return at("published", claimant="Steve Witkoff", sourcing="named")
