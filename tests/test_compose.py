"""docker-compose.yml cannot run here (no Docker engine), so we check what we can:
it parses, has the production services with health checks, and every command it runs
exists in our environment and points at code that imports."""

from __future__ import annotations

import importlib
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
SERVICES = {"postgres", "redis", "web", "worker", "beat", "migrate"}
OUR_SERVICES = {"web", "worker", "beat", "migrate"}


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_has_the_production_services(compose):
    assert set(compose["services"]) == SERVICES


@pytest.mark.parametrize("name", sorted(SERVICES - {"migrate"}))
def test_long_running_services_have_health_checks(compose, name):
    assert compose["services"][name]["healthcheck"]["test"]


@pytest.mark.parametrize("name", sorted(OUR_SERVICES))
def test_our_services_are_configured_from_the_environment(compose, name):
    env = compose["services"][name]["environment"]
    assert env["DEBUG"] == "false"
    assert env["DATABASE_URL"].startswith("postgres://")
    assert env["REDIS_URL"].startswith("redis://")
    assert "SECRET_KEY" in env


@pytest.mark.parametrize("name", sorted(OUR_SERVICES))
def test_every_command_exists(compose, name):
    command = compose["services"][name]["command"]
    executable = command[0]
    bindir = Path(sys.executable).parent
    assert (bindir / executable).exists() or shutil.which(executable), executable
    if executable == "gunicorn":
        module, _, attr = command[1].partition(":")
        assert callable(getattr(importlib.import_module(module), attr))
    if executable == "celery":
        app_module = command[command.index("-A") + 1]
        assert importlib.import_module(app_module).celery_app.main == "factcheck"
    if executable == "python":
        assert (ROOT / command[1]).is_file()


def test_dockerfile_installs_the_runtime_lock_only():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "--require-hashes -r requirements/runtime.txt" in dockerfile
    installs = re.findall(r"pip install [^\n]*", dockerfile)
    assert len(installs) == 2, installs
    # Nothing else: not the development lock, no extra of the project (`.[training]`).
    assert "requirements/dev.txt" not in dockerfile
    assert installs[1].startswith("pip install --no-cache-dir --no-deps . ")


# --- health checks and logs -------------------------------------------------------------
def test_web_health_check_is_readiness_through_the_probe(compose):
    web = compose["services"]["web"]
    test = web["healthcheck"]["test"]
    assert test[0] == "CMD"
    assert test[1:] == ["python", "-m", "factcheck.probe", "/readyz"]
    assert callable(importlib.import_module("factcheck.probe").main)
    # The probe waits up to READYZ_TIMEOUT_SECONDS (3 s) plus its own HTTP timeout.
    assert _seconds(web["healthcheck"]["timeout"]) >= 5
    assert "start_period" in web["healthcheck"], "a worker needs a moment to send a heartbeat"


def test_worker_and_beat_keep_simple_liveness_checks(compose):
    assert "inspect" in compose["services"]["worker"]["healthcheck"]["test"]
    assert "readyz" not in str(compose["services"]["beat"]["healthcheck"]["test"])


@pytest.mark.parametrize("name", sorted(OUR_SERVICES))
def test_logs_are_json_lines(compose, name):
    assert compose["services"][name]["environment"]["LOG_FORMAT"] == "${LOG_FORMAT:-json}"


def test_gunicorn_leaves_access_logging_to_the_app(compose):
    # Its access log is not JSON; factcheck.request_id writes one JSON line per request.
    assert not any("access-log" in part for part in compose["services"]["web"]["command"])


def _seconds(value: str) -> float:
    return float(value.rstrip("s"))


def _dockerfile_collectstatic() -> dict:
    """The Dockerfile's collectstatic: its variables (beyond what compose sets) and args."""
    dockerfile = (ROOT / "Dockerfile").read_text().replace("\\\n", " ")
    line = next(part for part in dockerfile.split("&&") if "collectstatic" in part)
    line = line.split("\n", 1)[0]
    words = line.split()
    at = words.index("manage.py")
    assignments = [w for w in words[: at - 1] if "=" in w]
    return {"env": dict(w.split("=", 1) for w in assignments), "args": words[at + 1 :]}


@pytest.mark.slow
def test_the_image_collects_static_files_with_the_production_storage():
    # DEBUG on would pick the plain storage: no manifest, and every page a 500 at run time.
    collect = _dockerfile_collectstatic()
    assert "DEBUG" not in collect["env"] and collect["env"].get("SECRET_KEY")
    assert collect["args"] == ["collectstatic", "--noinput"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def production_web(tmp_path_factory):
    """gunicorn with the production settings as compose sets them (SQLite, no broker), and
    static files collected as the image collects them (the manifest every page needs)."""
    tmp_path = tmp_path_factory.mktemp("web")
    port = _free_port()
    keep = {"PATH", "HOME", "LANG", "LC_ALL", "PYTHONPATH", "VIRTUAL_ENV"}
    env = {k: v for k, v in os.environ.items() if k in keep}
    env.update(
        DEBUG="false",
        SECRET_KEY="compose-test-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEF",
        ALLOWED_HOSTS="desk.example.org",
        SECURE_SSL_REDIRECT="true",
        LOG_FORMAT="json",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        FACTCHECK_VAR_DIR=str(tmp_path),
        DJANGO_SETTINGS_MODULE="factcheck.settings",
        STATIC_ROOT=str(tmp_path / "static"),
    )
    collect = _dockerfile_collectstatic()
    collected = subprocess.run(
        [sys.executable, "manage.py", *collect["args"]],
        cwd=ROOT,
        env={**env, **collect["env"]},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert collected.returncode == 0, collected.stderr
    command = [
        str(Path(sys.executable).parent / "gunicorn"),
        "factcheck.wsgi:application",
        f"--bind=127.0.0.1:{port}",
        "--workers=1",
    ]
    log = tmp_path / "web.log"
    with log.open("w") as out:
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=out)
        try:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                assert server.poll() is None, log.read_text()
                with socket.socket() as sock:
                    if sock.connect_ex(("127.0.0.1", port)) == 0:
                        break
                time.sleep(0.1)
            yield SimpleNamespace(port=port, env=env, log=log)
        finally:
            server.terminate()
            server.wait(timeout=30)


@pytest.mark.slow
def test_the_web_health_check_passes_against_production_settings(compose, production_web):
    # The compose command, pointed at this server's port (compose uses 8000).
    test = compose["services"]["web"]["healthcheck"]["test"][1:]
    check = subprocess.run(
        [sys.executable, *test[1:], str(production_web.port)],
        cwd=ROOT,
        env=production_web.env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert check.returncode == 0, check.stderr + production_web.log.read_text()
    # A bare request for 127.0.0.1 (what the old health check sent) is refused: the host is
    # not allowed and plain http is redirected. The probe's headers are what make it pass.
    bare = urllib.request.Request(f"http://127.0.0.1:{production_web.port}/readyz")
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(bare, timeout=10)
    assert refused.value.code == 400
    # The server logged JSON lines, one per request, each with its request id.
    access = [
        json.loads(line)
        for line in production_web.log.read_text().splitlines()
        if line.startswith("{") and '"factcheck.access"' in line and "/readyz" in line
    ]
    assert [(a["path"], a["status"]) for a in access] == [("/readyz", 200), ("/readyz", 400)]
    assert all(len(a["request_id"]) == 32 for a in access)


@pytest.mark.slow
def test_the_probe_fails_when_the_answer_is_not_200(production_web):
    check = subprocess.run(
        [sys.executable, "-m", "factcheck.probe", "/no-such-page", str(production_web.port)],
        cwd=ROOT,
        env=production_web.env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert check.returncode == 1
    assert "404" in check.stderr
