"""Configuration comes from the environment, strictly, with safe production defaults."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from factcheck.env import env_bool, env_int, env_list, env_url

ROOT = Path(__file__).resolve().parent.parent


def run_manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in PRODUCTION_KEYS}
    clean.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


PRODUCTION_KEYS = {
    "SECRET_KEY",
    "DEBUG",
    "ALLOWED_HOSTS",
    "CSRF_TRUSTED_ORIGINS",
    "FACTCHECK_DEMO",
    "SITE_URL",
    "FACTCHECK_ORG_URL",
}
PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "x7Jq0r5bXl3kD-production-grade-secret-value-9fK2pLmNqR8sT4vW6yZ1aC",
    "ALLOWED_HOSTS": "factcheck.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://factcheck.example.org",
}


@pytest.mark.parametrize("raw", ["ture", "2", "maybe", "enabled"])
def test_boolean_that_is_neither_true_nor_false_is_an_error(monkeypatch, raw):
    monkeypatch.setenv("SOME_FLAG", raw)
    with pytest.raises(ImproperlyConfigured, match="SOME_FLAG"):
        env_bool("SOME_FLAG", False)


def test_env_helpers_read_what_they_are_given(monkeypatch):
    monkeypatch.setenv("A_FLAG", "Yes")
    monkeypatch.setenv("A_NUMBER", "12")
    monkeypatch.setenv("A_LIST", "a.org, b.org,,")
    assert env_bool("A_FLAG", False) is True
    assert env_int("A_NUMBER", 1) == 12
    assert env_list("A_LIST") == ["a.org", "b.org"]
    monkeypatch.setenv("A_NUMBER", "twelve")
    with pytest.raises(ImproperlyConfigured):
        env_int("A_NUMBER", 1)


@pytest.mark.parametrize(
    ("raw", "read"),
    [
        ("https://desk.example.org", "https://desk.example.org/"),
        ("http://127.0.0.1:9000/", "http://127.0.0.1:9000/"),
        ("https://example.org/desk", "https://example.org/desk/"),
    ],
)
def test_an_address_is_read_with_a_trailing_slash(monkeypatch, raw, read):
    monkeypatch.setenv("AN_ADDRESS", raw)
    assert env_url("AN_ADDRESS", "http://default.invalid/") == read


@pytest.mark.parametrize(
    "raw", ["desk.example.org", "ftp://desk.example.org/", "https://", "https://x.org/?a=1"]
)
def test_an_address_that_is_not_http_is_an_error(monkeypatch, raw):
    monkeypatch.setenv("AN_ADDRESS", raw)
    with pytest.raises(ImproperlyConfigured, match="AN_ADDRESS"):
        env_url("AN_ADDRESS", "http://default.invalid/")


def test_the_publishers_address_defaults_to_the_sites():
    show = "from django.conf import settings as s; print(s.SITE_URL, s.FACTCHECK_ORG_URL)"
    result = run_manage(
        "shell", "-c", show, env={**PRODUCTION, "SITE_URL": "https://desk.example.org"}
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "https://desk.example.org/ https://desk.example.org/"
    both = {
        **PRODUCTION,
        "SITE_URL": "https://desk.example.org",
        "FACTCHECK_ORG_URL": "https://example.org/",
    }
    result = run_manage("shell", "-c", show, env=both)
    assert result.stdout.splitlines()[-1] == "https://desk.example.org/ https://example.org/"


def test_production_refuses_to_start_without_secret_key():
    result = run_manage("check", env={"DEBUG": "false"})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_demo_mode_needs_debug():
    result = run_manage("check", env={**PRODUCTION, "FACTCHECK_DEMO": "true"})
    assert result.returncode != 0
    assert "FACTCHECK_DEMO" in result.stderr


def test_check_deploy_is_clean_with_production_variables():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION)
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_load_demo_is_refused_outside_demo_mode():
    result = run_manage("load_demo", env=PRODUCTION)
    assert result.returncode != 0
    assert "demo mode" in result.stderr


@pytest.mark.parametrize(("flag", "expected"), [(None, "True 5"), ("off", "None None")])
def test_prepared_statements_on_postgresql_unless_turned_off(flag, expected):
    env = {**PRODUCTION, "DATABASE_URL": "postgres://app@db.example.org:5432/factcheck"}
    if flag is not None:
        env["DATABASE_PREPARED_STATEMENTS"] = flag
    show = (
        "from django.conf import settings as s; o = s.DATABASES['default']['OPTIONS']; "
        "print(o.get('server_side_binding'), o.get('prepare_threshold'))"
    )
    result = run_manage("shell", "-c", show, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == expected
