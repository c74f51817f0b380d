"""The database restarts under load: requests fail with a clean 503 problem response during
the outage and succeed after, with no half-written workflow step.

A PostgreSQL cluster of the test's own (initdb into a temporary directory, its own port) and
gunicorn on the production settings in front of it. Editors triage claims over the API and a
consumer reads the claim list, from threads, while the cluster is stopped (``-m fast``: open
transactions are rolled back, connections cut) and started again. No web process restarts.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from collections import deque
from dataclasses import dataclass, field

import httpx
import pytest
from django.conf import settings

from tests.conftest import require_service
from tests.faults.servers import (
    PROJECT_DIR,
    PostgresCluster,
    WebServer,
    free_port,
    postgres_bindir,
    production_env,
    wait_for,
)

pytestmark = pytest.mark.postgres

CLAIMS = 300  # enough work that the writers are still busy when the database goes
WRITERS = 3
OUTAGE_SECONDS = 2.0


@dataclass
class Seen:
    """Every answer the clients got, in order: (when, what, status, headers, body)."""

    answers: list[tuple[float, str, int, httpx.Headers, bytes]] = field(default_factory=list)
    errors: list[BaseException] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, what: str, response: httpx.Response) -> None:
        with self.lock:
            self.answers.append(
                (time.monotonic(), what, response.status_code, response.headers, response.content)
            )


@pytest.fixture
def cluster():
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        pytest.skip("this run uses SQLite; the PostgreSQL run (DATABASE_URL) covers it")
    bindir = postgres_bindir()
    require_service("PostgreSQL server binaries", bindir is not None, "initdb is not installed")
    pg = PostgresCluster(bindir, free_port())
    try:
        pg.init()
        pg.start()
        yield pg
    finally:
        pg.destroy()


@pytest.fixture
def site(cluster, tmp_path):
    """gunicorn on the cluster, which is migrated and seeded; and what the seed made."""
    env = production_env(
        DATABASE_URL=cluster.createdb("factcheck"),
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        AUTO_QUEUE_THRESHOLD="off",
        API_RATE_PER_TOKEN="1000000/hour",
        API_RATE_PER_ANONYMOUS_IP="1000000/hour",
    )
    web_env = env | {"DJANGO_SETTINGS_MODULE": "tests.faults.web_settings"}
    seeded = subprocess.run(
        [sys.executable, "-m", "tests.faults.dbseed", str(CLAIMS)],
        cwd=PROJECT_DIR,
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    )
    seed = json.loads(seeded.stdout.strip().splitlines()[-1])
    server = WebServer(port=free_port(), env=web_env, logfile=tmp_path / "gunicorn.log")
    server.start()
    try:
        yield server, seed
    finally:
        server.stop()


def _load(server: WebServer, seed: dict, seen: Seen, stop: threading.Event) -> list:
    """Writers triage every claim (a 503 puts it back to try again, as a client would);
    a reader lists claims and a visitor loads the home page, until ``stop``."""
    todo = deque(seed["claim_ids"])
    editor = {"Authorization": f"Bearer {seed['editor_token']}"}
    reader = {"Authorization": f"Bearer {seed['reader_token']}"}

    def writer() -> None:
        with httpx.Client(base_url=server.url, headers=editor, timeout=10) as client:
            while not stop.is_set():
                try:
                    pk = todo.popleft()
                except IndexError:
                    return
                response = client.post(f"/api/v1/claims/{pk}/triage/", json={})
                seen.add("triage", response)
                if response.status_code == 503:
                    todo.append(pk)
                    time.sleep(0.05)

    def looker(path: str, what: str, headers: dict) -> None:
        with httpx.Client(base_url=server.url, headers=headers, timeout=10) as client:
            while not stop.is_set():
                seen.add(what, client.get(path))
                time.sleep(0.02)

    def guarded(target, *args) -> None:
        try:
            target(*args)
        except BaseException as exc:  # a connection error, a timeout: not a clean answer
            seen.errors.append(exc)

    threads = [threading.Thread(target=guarded, args=(writer,)) for _ in range(WRITERS)]
    threads.append(
        threading.Thread(target=guarded, args=(looker, "/api/v1/claims/", "list", reader))
    )
    threads.append(threading.Thread(target=guarded, args=(looker, "/", "page", {})))
    for thread in threads:
        thread.start()
    return threads


def test_a_database_restart_under_load_answers_503_then_recovers_with_nothing_half_written(
    cluster, site
):
    server, seed = site
    seen, stop = Seen(), threading.Event()
    threads = _load(server, seed, seen, stop)
    try:
        wait_for(
            lambda: sum(1 for a in seen.answers if a[1] == "triage" and a[2] == 200) >= 10,
            timeout=20,
            what="the first triages",
        )
        down_at = time.monotonic()
        cluster.stop("fast")
        time.sleep(OUTAGE_SECONDS)
        cluster.start()
        up_at = time.monotonic()
        done = wait_for(
            lambda: all(not t.is_alive() for t in threads[:WRITERS]),
            timeout=60,
            what="every claim triaged after the restart",
        )
        assert done
        time.sleep(0.5)  # the readers go on a little after the restart
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=15)

    assert not seen.errors, seen.errors[:3]
    statuses = {(what, status) for _, what, status, _, _ in seen.answers}
    # Only clean answers: success, or 503 while the database was away. (A 409 would be a
    # triage whose commit made it but whose answer did not: allowed, never seen so far.)
    assert statuses <= {
        ("triage", 200),
        ("triage", 409),
        ("triage", 503),
        ("list", 200),
        ("list", 503),
        ("page", 200),
        ("page", 503),
    }, statuses
    for what in ("triage", "list", "page"):
        assert (what, 503) in statuses, f"no {what} request met the outage"
    for when, what, status, headers, body in seen.answers:
        if status != 503:
            continue
        assert down_at - 1 <= when, "a 503 before the outage"
        assert headers["Retry-After"] == "5"
        if what == "page":
            assert headers["Content-Type"].startswith("text/html")
            assert b"Temporarily unavailable" in body
        else:
            assert headers["Content-Type"] == "application/problem+json"
            problem = json.loads(body)
            assert problem["status"] == 503 and problem["code"] == "service_unavailable"
            assert problem["retry_after"] == 5
    # After the restart every kind of request succeeds again, without restarting gunicorn.
    # (The writers may finish their last claims within a second of the restart, so look at
    # every answer after it: a 503 may still come while a connection is re-made, but the
    # last answer of each kind is a success and came after the restart.)
    for what in ("triage", "list", "page"):
        after = [(when, s) for when, w, s, _, _ in seen.answers if w == what and when > up_at]
        assert after, f"no {what} request after the restart"
        assert after[-1][1] in {200, 409}, (what, after[-10:])
        late = [s for when, s in after if when > up_at + 1]
        assert set(late) <= {200, 409}, (what, late[-10:])
    assert httpx.get(f"{server.url}/healthz", timeout=5).status_code == 200, (
        "the web process reconnected by itself"
    )

    _assert_nothing_half_written(cluster, seed)


def _assert_nothing_half_written(cluster: PostgresCluster, seed: dict) -> None:
    """Every claim is queued with exactly one triage event; none was left
    with a status and no event, or an event and no status."""
    import psycopg

    with psycopg.connect(cluster.url("factcheck").replace("postgres://", "postgresql://")) as db:
        rows = db.execute(
            """
            SELECT c.id, c.status, count(e.id) FILTER (WHERE e.kind = 'triaged')
            FROM claims_claim c LEFT JOIN claims_claimevent e ON e.claim_id = c.id
            GROUP BY c.id, c.status
            """
        ).fetchall()
    assert sorted(r[0] for r in rows) == sorted(seed["claim_ids"])
    wrong = [r for r in rows if (r[1], r[2]) != ("queued", 1)]
    assert not wrong, wrong[:10]
