"""Fixtures for the fault tests: services of their own, started and stopped by the test.

In CI a missing binary (redis-server, PostgreSQL's initdb) fails the test instead of
skipping it (``require_service``). Tests that share the database with a worker process run
on PostgreSQL only; the SQLite run of the suite skips them (the PostgreSQL run covers them).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.cache import cache
from django.db import connection

from tests.conftest import require_service
from tests.faults.servers import (
    PROJECT_DIR,
    CeleryWorker,
    RedisServer,
    celery_sends_to,
    database_url,
    free_port,
    production_env,
    redis_binary,
)


@pytest.fixture
def on_postgres() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("this run uses SQLite; the PostgreSQL run (DATABASE_URL) covers it")


@pytest.fixture
def redis_server(tmp_path) -> Iterator[RedisServer]:
    """A redis-server of this test's own, on a free port."""
    binary = redis_binary()
    require_service("redis-server", binary is not None, "the redis-server binary is not on PATH")
    server = RedisServer(binary, free_port(), tmp_path)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def broker(redis_server) -> Iterator[RedisServer]:
    """This process's Celery publishes to the test's own Redis, with production settings."""
    with celery_sends_to(redis_server.url):
        yield redis_server


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Throttle counters live in the cache, which outlives a test's database transaction.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def start_worker(on_postgres, broker, tmp_path) -> Iterator:
    """Start a Celery worker process (production settings) on the test's broker and the
    test database. Returns a function; every worker started is stopped at the end."""
    started: list[CeleryWorker] = []

    def start(*, pool: str = "solo", **env: str) -> CeleryWorker:
        worker = CeleryWorker(
            name=f"fault{len(started) + 1}",
            env=production_env(
                DATABASE_URL=database_url(connection.settings_dict),
                REDIS_URL=broker.url,
                **env,
            ),
            logfile=tmp_path / "worker.log",
            pool=pool,
        )
        started.append(worker)
        return worker.start()

    yield start
    for worker in started:
        worker.stop()


SEED_ARTICLE = PROJECT_DIR.parent / "shared" / "fixtures" / "seed-article-buffer-zone.txt"


@pytest.fixture(scope="session")
def seed_text() -> str:
    """The news analysis the project started from (read at run time, never copied)."""
    require_service("the seed article", SEED_ARTICLE.exists(), f"{SEED_ARTICLE} is missing")
    return SEED_ARTICLE.read_text(encoding="utf-8")
