"""``/readyz``: database, cache, broker and a recent worker heartbeat, each within a deadline.

Without a broker (the embedded default, and the in-process test settings) tasks run in the
web process: the broker and worker checks say "inline" and pass. With one configured, the
broker must answer and a worker must have recorded a heartbeat recently. A file-based cache
stands in for Redis where a test needs a cache that processes share; the tests marked
``redis`` use a real server.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator

import pytest

from factcheck import health
from factcheck.celery import app, worker_heartbeat


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def shared_cache(settings, tmp_path):
    """A cache that other processes would see (files), as Redis is in production."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "cache"),
        }
    }


@pytest.fixture
def dead_broker(settings) -> str:
    """A broker URL, with a password in it, where nothing listens."""
    url = f"redis://:s3cret-broker-password@127.0.0.1:{_free_port()}/0"
    settings.CELERY_BROKER_URL = url
    settings.CELERY_TASK_ALWAYS_EAGER = False
    return url


@pytest.fixture
def silent_server() -> Iterator[int]:
    """A port that accepts connections and never answers: a hung dependency."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        sock.settimeout(0.2)
        while not stop.is_set():
            try:
                accepted.append(sock.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield sock.getsockname()[1]
    stop.set()
    thread.join(2)
    for conn in accepted:
        conn.close()
    sock.close()


def test_embedded_default_is_ready_with_the_broker_inline(client, db):
    response = client.get("/readyz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    checks = body["checks"]
    assert set(checks) == {"database", "cache", "broker", "worker"}
    assert checks["database"]["ok"] and checks["cache"]["ok"]
    assert checks["broker"]["status"] == "inline"
    assert checks["worker"]["status"] == "inline"
    assert "no-cache" in response["Cache-Control"]
    assert response["X-Request-ID"]


def test_healthz_stays_a_simple_liveness_check(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_a_dead_broker_fails_readiness_without_revealing_its_address(client, db, dead_broker):
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "fail"
    assert "broker" in body["failing"]
    assert body["checks"]["broker"]["ok"] is False
    assert body["checks"]["database"]["ok"] is True
    text = response.content.decode()
    port = dead_broker.rsplit(":", 1)[1].split("/")[0]
    assert "s3cret" not in text and port not in text and "redis://" not in text


def test_a_hung_broker_cannot_hang_the_probe(client, db, settings, silent_server):
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{silent_server}/0"
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.READYZ_TIMEOUT_SECONDS = 1.0
    started = time.monotonic()
    response = client.get("/readyz")
    elapsed = time.monotonic() - started
    assert response.status_code == 503
    assert "broker" in response.json()["failing"]
    assert elapsed < 3, f"the probe took {elapsed:.1f} s"


def test_a_check_that_never_returns_is_reported_as_timed_out(settings, db):
    settings.READYZ_TIMEOUT_SECONDS = 0.5
    release = threading.Event()

    def hangs() -> dict:
        release.wait(30)
        return {}

    started = time.monotonic()
    ok, results = health.readiness({"stuck": hangs, "fine": lambda: {"status": "x"}})
    elapsed = time.monotonic() - started
    release.set()
    assert not ok
    assert results["stuck"] == {"ok": False, "error": "timed out"}
    assert results["fine"]["ok"] and results["fine"]["status"] == "x"
    assert elapsed < 3


def test_an_error_inside_a_check_is_named_by_kind_only(settings, db):
    def fails() -> dict:
        raise ConnectionError("could not reach db.internal:5432 as admin/hunter2")

    ok, results = health.readiness({"database": fails})
    assert not ok
    assert results["database"]["error"] == "ConnectionError"
    assert "hunter2" not in json.dumps(results)


# --- the worker heartbeat ----------------------------------------------------------------
@pytest.fixture
def with_broker(settings, shared_cache):
    """A broker is configured; its own check is left out (see the redis tests for it)."""
    settings.CELERY_BROKER_URL = "redis://broker.invalid:6379/0"
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.WORKER_HEARTBEAT_MAX_AGE_SECONDS = 120.0


def worker_check() -> tuple[bool, dict]:
    ok, results = health.readiness({"worker": health.check_worker_heartbeat})
    return ok, results["worker"]


def test_no_heartbeat_yet_is_not_ready(with_broker):
    ok, result = worker_check()
    assert not ok
    assert result["error"] == "no worker heartbeat recorded"


def test_a_heartbeat_written_by_the_task_makes_the_worker_ready(with_broker):
    # The task beat schedules, run as a worker would run it (in process here).
    worker_heartbeat.apply()
    ok, result = worker_check()
    assert ok
    assert 0 <= result["age_seconds"] < 5


def test_a_stale_heartbeat_fails_readiness(with_broker, client, db, settings):
    health.record_heartbeat(now=time.time() - 121)
    ok, result = worker_check()
    assert not ok
    assert "limit 120 s" in result["error"]
    settings.WORKER_HEARTBEAT_MAX_AGE_SECONDS = 300.0
    assert worker_check()[0]


def test_a_heartbeat_in_a_process_local_cache_is_not_checked(settings):
    settings.CELERY_BROKER_URL = "redis://broker.invalid:6379/0"
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    ok, result = worker_check()
    assert ok and result["status"] == "not checked"


def test_beat_schedules_the_heartbeat_task_and_a_worker_knows_it(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["worker-heartbeat"]
    assert entry["task"] == worker_heartbeat.name
    assert entry["task"] in app.tasks
    assert entry["schedule"] < settings.WORKER_HEARTBEAT_MAX_AGE_SECONDS
    assert entry["options"]["expires"] <= entry["schedule"]


# --- for real: Redis as broker and cache ----------------------------------------------------
@pytest.mark.redis
def test_with_redis_up_and_a_fresh_heartbeat_everything_is_ready(client, db, settings, redis_url):
    settings.CELERY_BROKER_URL = redis_url
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": "readyz-test",
        }
    }
    from django.core.cache import cache

    cache.delete(health.HEARTBEAT_CACHE_KEY)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["failing"] == ["worker"]
    assert response.json()["checks"]["broker"]["ok"] is True

    worker_heartbeat.apply()
    response = client.get("/readyz")
    assert response.status_code == 200, response.json()
    assert response.json()["checks"]["worker"]["age_seconds"] < 5
    cache.delete(health.HEARTBEAT_CACHE_KEY)
