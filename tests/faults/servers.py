"""Services a fault test starts on a port of its own so that it can stop them: a Redis
broker, a Celery worker, a PostgreSQL cluster, a gunicorn web server.

None of them touches the shared PostgreSQL on 5432 or Redis on 6379 beyond the test
database pytest-django made there (which a worker may use, as the web process would).
"""

from __future__ import annotations

import contextlib
import glob
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from django.conf import settings

PROJECT_DIR = Path(__file__).resolve().parents[2]
TEST_SECRET_KEY = "fault-tests-only-secret-key-not-for-production-0123456789abcdef"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(check: Callable[[], object], *, timeout: float, what: str, every: float = 0.05):
    """Poll ``check`` until it returns something true; that value, else TimeoutError."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what}: not within {timeout:g} s")
        time.sleep(every)


def _stop_process(proc: subprocess.Popen, *, timeout: float = 10) -> None:
    if proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=5)


# --- Redis ------------------------------------------------------------------------------


class RedisServer:
    """A throwaway redis-server on 127.0.0.1:port, stopped and started by the test."""

    def __init__(self, binary: str, port: int, workdir: Path):
        self.binary, self.port, self.workdir = binary, port, workdir
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.proc = subprocess.Popen(
            [
                *(self.binary, "--port", str(self.port), "--bind", "127.0.0.1"),
                *("--save", "", "--appendonly", "no", "--dir", str(self.workdir)),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"redis-server exited with {self.proc.returncode}")
            try:
                if self.client().ping():
                    return
            except Exception:
                time.sleep(0.05)
        raise RuntimeError(f"redis-server did not answer on port {self.port} within 10 s")

    def stop(self) -> None:
        if self.proc is not None:
            _stop_process(self.proc)
            self.proc = None

    def client(self):
        import redis

        return redis.Redis(host="127.0.0.1", port=self.port, socket_timeout=2)

    def queued(self, queue: str = "celery") -> list[dict]:
        """The task messages waiting in ``queue`` (kombu keeps a list of JSON envelopes)."""
        return [json.loads(raw) for raw in self.client().lrange(queue, 0, -1)]

    def unacked(self) -> int:
        """Messages a worker took and has not acknowledged yet (late acks: still running)."""
        return self.client().hlen("unacked")


def redis_binary() -> str | None:
    return shutil.which("redis-server")


@contextlib.contextmanager
def celery_sends_to(broker_url: str, *, fail_fast: bool = False) -> Iterator[None]:
    """This process's Celery app publishes to ``broker_url`` for real (not eagerly).

    ``fail_fast`` shortens the connection and publish retries while the broker is down;
    without it the production defaults apply.
    """
    from factcheck.celery import app

    overrides: dict = {"task_always_eager": False, "broker_url": broker_url}
    if fail_fast:
        overrides |= {
            "broker_connection_timeout": 1,
            "broker_connection_retry": False,
            "broker_connection_max_retries": 1,
            "task_publish_retry_policy": {
                "max_retries": 1,
                "interval_start": 0,
                "interval_step": 0.1,
                "interval_max": 0.1,
            },
        }
    saved = {key: app.conf[key] for key in overrides}
    saved_settings = settings.CELERY_TASK_ALWAYS_EAGER, settings.CELERY_BROKER_URL
    settings.CELERY_TASK_ALWAYS_EAGER, settings.CELERY_BROKER_URL = False, broker_url
    _reset_connections(app)
    app.conf.update(overrides)
    try:
        yield
    finally:
        # Restore the configuration first, so the pools rebuilt by the reset use it.
        app.conf.update(saved)
        settings.CELERY_TASK_ALWAYS_EAGER, settings.CELERY_BROKER_URL = saved_settings
        _reset_connections(app)


def _reset_connections(app) -> None:
    # Connection and producer pools are cached per app; drop them so the next publish
    # connects with the current broker_url (as Celery itself does after a fork).
    # kombu keeps pools in a process-wide registry keyed by connection: closing one without
    # clearing the registry would hand the closed pool back to the next user (even an
    # eager task, which still borrows a producer).
    from kombu import pools

    pools.reset()
    app._after_fork()


# --- Celery worker -----------------------------------------------------------------------


def database_url(settings_dict: dict) -> str:
    """A DATABASE_URL for the database Django is connected to (the test database)."""
    user = settings_dict.get("USER") or "postgres"
    password = settings_dict.get("PASSWORD") or ""
    auth = f"{user}:{password}" if password else user
    host = settings_dict.get("HOST") or "127.0.0.1"
    port = settings_dict.get("PORT") or 5432
    return f"postgres://{auth}@{host}:{port}/{settings_dict['NAME']}"


def production_env(**extra: str) -> dict[str, str]:
    """The environment of a production-shaped subprocess: factcheck.settings, DEBUG off."""
    # Nothing of the test run's own services leaks in: callers name what the process uses.
    unset = ("DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL", "DEBUG")
    env = {k: v for k, v in os.environ.items() if k not in unset}
    env |= {
        "DJANGO_SETTINGS_MODULE": "factcheck.settings",
        "SECRET_KEY": TEST_SECRET_KEY,
        "PYTHONPATH": str(PROJECT_DIR),
        "PYTHONUNBUFFERED": "1",
    }
    env.update(extra)
    return env


class CeleryWorker:
    """``celery worker`` in its own process, on the production settings, logging to a file.

    ``pool="solo"`` runs tasks in the worker process itself (SIGKILL stops the task with
    it); ``"prefork"`` runs them in one child process.
    """

    def __init__(self, *, name: str, env: dict[str, str], logfile: Path, pool: str = "solo"):
        self.name, self.env, self.logfile, self.pool = name, env, logfile, pool
        self.proc: subprocess.Popen | None = None

    def start(self, timeout: float = 30) -> CeleryWorker:
        self.logfile.parent.mkdir(parents=True, exist_ok=True)
        self._offset = self.logfile.stat().st_size if self.logfile.exists() else 0
        with self.logfile.open("ab") as log:
            self.proc = subprocess.Popen(
                [
                    *(sys.executable, "-m", "celery", "-A", "factcheck", "worker"),
                    *("--pool", self.pool, "--concurrency", "1", "--loglevel", "INFO"),
                    *("--hostname", f"{self.name}@%h", "--without-gossip", "--without-mingle"),
                    "--without-heartbeat",
                ],
                cwd=PROJECT_DIR,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        wait_for(self._ready, timeout=timeout, what=f"worker {self.name} ready", every=0.1)
        return self

    def _ready(self) -> bool:
        if self.proc is not None and self.proc.poll() is not None:
            raise RuntimeError(f"worker {self.name} exited at start:\n{self.log()}")
        return " ready." in self.log()

    def log(self) -> str:
        """What this start of the worker has logged so far."""
        if not self.logfile.exists():
            return ""
        with self.logfile.open("rb") as log:
            log.seek(self._offset)
            return log.read().decode("utf-8", "replace")

    def pool_children(self) -> list[int]:
        assert self.proc is not None
        path = Path(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children")
        return [int(pid) for pid in path.read_text().split()]

    def kill(self) -> None:
        """SIGKILL: no warm shutdown, nothing acknowledged, no cleanup."""
        if self.proc is not None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(timeout=10)

    def stop(self) -> None:
        """Cold shutdown (SIGQUIT): the pool children go too, without waiting for tasks."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGQUIT)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=5)


# --- PostgreSQL ----------------------------------------------------------------------------


def postgres_bindir() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


class PostgresCluster:
    """A throwaway cluster (initdb into a temporary directory) on 127.0.0.1:port.

    PostgreSQL refuses to run as root, so as root the commands run as the ``postgres`` OS
    user. Trust authentication on loopback only; fsync off (it is thrown away).
    """

    def __init__(self, bindir: Path, port: int):
        self.bindir, self.port = bindir, port
        self.root = Path(tempfile.mkdtemp(prefix="factcheck-faults-pg-"))
        self.data = self.root / "data"
        self._as_user: list[str] = []
        if os.geteuid() == 0:
            shutil.chown(self.root, user="postgres")
            self._as_user = ["runuser", "-u", "postgres", "--"]

    def _run(self, *args: str) -> None:
        subprocess.run(
            [*self._as_user, *args], check=True, capture_output=True, timeout=60, cwd=self.root
        )

    def init(self) -> None:
        self._run(
            str(self.bindir / "initdb"),
            *("-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8"),
            "--no-sync",
        )

    def start(self) -> None:
        options = (
            f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off"
        )
        self._run(
            str(self.bindir / "pg_ctl"),
            *("-D", str(self.data), "-l", str(self.root / "log"), "-o", options, "-w", "start"),
        )

    def stop(self, mode: str = "fast") -> None:
        """``fast``: in-flight transactions are rolled back, connections are cut."""
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop")

    def createdb(self, name: str) -> str:
        self._run(str(self.bindir / "createdb"), "-h", "127.0.0.1", "-p", str(self.port), name)
        return self.url(name)

    def url(self, name: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def destroy(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError, subprocess.TimeoutExpired):
            self.stop("immediate")
        shutil.rmtree(self.root, ignore_errors=True)


# --- gunicorn ------------------------------------------------------------------------------


class WebServer:
    """gunicorn serving factcheck.wsgi on 127.0.0.1:port with the production settings."""

    def __init__(self, *, port: int, env: dict[str, str], logfile: Path, workers: int = 2):
        self.port, self.env, self.logfile, self.workers = port, env, logfile, workers
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 30) -> None:
        import httpx

        with self.logfile.open("ab") as log:
            self.proc = subprocess.Popen(
                [
                    *(sys.executable, "-m", "gunicorn", "factcheck.wsgi:application"),
                    *("--bind", f"127.0.0.1:{self.port}", "--workers", str(self.workers)),
                    *("--threads", "4", "--timeout", "30", "--graceful-timeout", "5"),
                ],
                cwd=PROJECT_DIR,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )

        def up() -> bool:
            if self.proc.poll() is not None:
                raise RuntimeError(f"gunicorn exited:\n{self.logfile.read_text()}")
            try:
                return httpx.get(f"{self.url}/healthz", timeout=1).status_code == 200
            except httpx.HTTPError:
                return False

        wait_for(up, timeout=timeout, what="gunicorn answering /healthz", every=0.1)

    def stop(self) -> None:
        if self.proc is not None:
            _stop_process(self.proc)
