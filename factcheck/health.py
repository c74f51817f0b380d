"""Readiness checks for ``/readyz``: the database, the cache, the broker, a worker heartbeat.

Each check runs in its own short-lived thread and the whole probe waits at most
``READYZ_TIMEOUT_SECONDS``: a dependency that stops answering (a dead TCP peer never
returns an error) makes its check fail with "timed out" instead of hanging the probe. The
output names the checks and the kind of error only: connection strings, host names and
exception messages go to the log, never into the response.

The heartbeat: Celery beat schedules :func:`factcheck.celery.worker_heartbeat` every
``WORKER_HEARTBEAT_SECONDS`` and a worker records the time in the cache (a worker also
records one when it starts). A heartbeat older than ``WORKER_HEARTBEAT_MAX_AGE_SECONDS``
means no worker is consuming tasks, or beat is not scheduling them. Without a broker
(the embedded default) tasks run in-process and neither check applies.
"""

from __future__ import annotations

import contextvars
import logging
import secrets
import threading
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import connection

logger = logging.getLogger(__name__)

HEARTBEAT_CACHE_KEY = "factcheck:worker-heartbeat"
# Checks still stuck from earlier probes hold a slot each; past this many, a probe fails
# at once rather than piling up threads behind a dependency that does not answer.
_slots = threading.BoundedSemaphore(16)

Result = dict[str, Any]


class CheckFailed(Exception):
    """A check that ran but found something wrong; its message is safe to show."""


def check_database() -> Result:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    finally:
        # The check runs in a thread of its own: do not leave a connection behind it.
        connection.close()
    return {}


def check_cache() -> Result:
    key = f"factcheck:readyz:{secrets.token_hex(8)}"
    value = secrets.token_hex(8)
    cache.set(key, value, timeout=30)
    try:
        if cache.get(key) != value:
            raise CheckFailed("a value written to the cache could not be read back")
    finally:
        cache.delete(key)
    return {}


def broker_configured() -> bool:
    return bool(settings.CELERY_BROKER_URL) and not settings.CELERY_TASK_ALWAYS_EAGER


def check_broker() -> Result:
    if not broker_configured():
        return {"status": "inline", "detail": "no broker: tasks run in the web process"}
    from kombu import Connection

    timeout = settings.READYZ_TIMEOUT_SECONDS
    with Connection(
        settings.CELERY_BROKER_URL,
        connect_timeout=timeout,
        transport_options={"socket_timeout": timeout, "max_retries": 0},
    ) as conn:
        conn.ensure_connection(max_retries=1, interval_start=0, interval_step=0, timeout=timeout)
    return {}


def record_heartbeat(now: float | None = None) -> None:
    """Called in a worker: a task reached it and ran."""
    # Kept well past the maximum age, so that readiness can say how old it is.
    cache.set(HEARTBEAT_CACHE_KEY, time.time() if now is None else now, timeout=24 * 3600)


def check_worker_heartbeat() -> Result:
    max_age = settings.WORKER_HEARTBEAT_MAX_AGE_SECONDS
    if not broker_configured():
        return {"status": "inline", "detail": "no broker: tasks run in the web process"}
    if max_age <= 0:
        return {"status": "not checked", "detail": "WORKER_HEARTBEAT_MAX_AGE_SECONDS is 0"}
    if not _cache_is_shared():
        # A heartbeat written by a worker would stay in the worker's own memory.
        return {"status": "not checked", "detail": "the cache is not shared between processes"}
    beat = cache.get(HEARTBEAT_CACHE_KEY)
    if beat is None:
        raise CheckFailed("no worker heartbeat recorded")
    age = round(time.time() - float(beat), 1)
    if age > max_age:
        raise CheckFailed(f"last worker heartbeat {age:.0f} s ago (limit {max_age:.0f} s)")
    return {"age_seconds": age}


def _cache_is_shared() -> bool:
    backend = settings.CACHES["default"]["BACKEND"]
    return not backend.endswith(("LocMemCache", "DummyCache"))


CHECKS: dict[str, Callable[[], Result]] = {
    "database": check_database,
    "cache": check_cache,
    "broker": check_broker,
    "worker": check_worker_heartbeat,
}


def readiness(checks: dict[str, Callable[[], Result]] | None = None) -> tuple[bool, dict]:
    """Run the checks side by side within the deadline; (all passed, per-check results)."""
    checks = CHECKS if checks is None else checks
    deadline = time.monotonic() + settings.READYZ_TIMEOUT_SECONDS
    runs = {name: _Run(name, check) for name, check in checks.items()}
    for run in runs.values():
        run.start()
    results = {}
    for name, run in runs.items():
        run.join(max(0.0, deadline - time.monotonic()))
        results[name] = run.result()
    return all(r["ok"] for r in results.values()), results


class _Run:
    def __init__(self, name: str, check: Callable[[], Result]):
        self.name, self.check = name, check
        self.done = threading.Event()
        self.outcome: Result | None = None
        self.started = 0.0

    def start(self) -> None:
        self.started = time.perf_counter()
        if not _slots.acquire(blocking=False):
            self.outcome = {"ok": False, "error": "too many earlier checks still running"}
            self.done.set()
            return
        # In a copy of the caller's context, so that its log lines carry the request id.
        context = contextvars.copy_context()
        threading.Thread(
            target=context.run, args=(self._target,), name=f"readyz-{self.name}", daemon=True
        ).start()

    def _target(self) -> None:
        try:
            outcome = {"ok": True, **self.check()}
        except CheckFailed as exc:
            outcome = {"ok": False, "error": str(exc)}
        except Exception as exc:
            logger.warning("Readiness check %s failed: %r", self.name, exc)
            outcome = {"ok": False, "error": type(exc).__name__}
        finally:
            _slots.release()
        outcome["ms"] = round((time.perf_counter() - self.started) * 1000, 1)
        self.outcome = outcome
        self.done.set()

    def join(self, timeout: float) -> None:
        self.done.wait(timeout)

    def result(self) -> Result:
        if not self.done.is_set():
            logger.warning("Readiness check %s timed out", self.name)
            return {"ok": False, "error": "timed out"}
        assert self.outcome is not None
        return self.outcome
