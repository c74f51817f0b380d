"""The configured services are the ones in use: PostgreSQL and Redis when CI sets them."""

from __future__ import annotations

import os

import pytest
from django.core.cache import cache
from django.db import connection


@pytest.mark.django_db
def test_database_is_the_configured_one():
    url = os.environ.get("DATABASE_URL", "")
    expected = "postgresql" if url.startswith(("postgres://", "postgresql://")) else "sqlite"
    assert connection.vendor == expected


@pytest.mark.redis
def test_cache_is_redis_and_round_trips(redis_url):
    from django.core.cache import caches
    from django.core.cache.backends.redis import RedisCache

    assert isinstance(caches["default"], RedisCache)
    cache.set("factcheck-test-key", {"n": 1}, 30)
    assert cache.get("factcheck-test-key") == {"n": 1}
    cache.delete("factcheck-test-key")


@pytest.mark.redis
def test_celery_broker_accepts_connections(redis_url):
    from factcheck.celery import app

    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1)
        assert conn.connected
