"""docker-compose.yml cannot run here (no Docker engine), so we check what we can:
it parses, has the production services with health checks, and every command it runs
exists in our environment and points at code that imports."""

from __future__ import annotations

import importlib
import shutil
import sys
from pathlib import Path

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


def test_dockerfile_installs_from_the_lock_file():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "--require-hashes -r requirements/lock.txt" in dockerfile
