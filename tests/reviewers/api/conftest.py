"""Clients for the staff workflow API."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from tests.claims.api.conftest import client_with_token


@pytest.fixture(autouse=True)
def _fresh(settings):
    settings.AUTO_QUEUE_THRESHOLD = None
    cache.clear()  # throttle counters outlive the test's transaction
    yield
    cache.clear()


@pytest.fixture
def as_staff():
    """``as_staff(user)``: a client with a ``review`` token for ``user``."""
    return lambda user: client_with_token(user, "review")
