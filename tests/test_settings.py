"""Configuration comes from the environment, strictly, with safe production defaults."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from factcheck.env import (
    env_bool,
    env_int,
    env_list,
    env_origins,
    env_str,
    env_url,
    load_env_file,
    read_env_file,
)

ROOT = Path(__file__).resolve().parent.parent


def run_manage(*args: str, env: dict[str, str], cwd: Path = ROOT) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in PRODUCTION_KEYS}
    clean.pop("DJANGO_SETTINGS_MODULE", None)
    # No .env unless a test gives one: a developer's must not change what these see.
    clean["FACTCHECK_ENV_FILE"] = "off"
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=cwd,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


PRODUCTION_KEYS = {
    "SECRET_KEY",
    "DEBUG",
    "FACTCHECK_ENV_FILE",
    "ALLOWED_HOSTS",
    "CSRF_TRUSTED_ORIGINS",
    "FACTCHECK_DEMO",
    "SITE_URL",
    "FACTCHECK_ORG_URL",
    "FACTCHECK_ORG_NAME",
}
PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "x7Jq0r5bXl3kD-production-grade-secret-value-9fK2pLmNqR8sT4vW6yZ1aC",
    "ALLOWED_HOSTS": "factcheck.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://factcheck.example.org",
    "SITE_URL": "https://factcheck.example.org/",
    "FACTCHECK_ORG_NAME": "Harbour Town Fact Desk",
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


def test_web_origins_are_read_as_browsers_send_them(monkeypatch):
    monkeypatch.setenv(
        "SOME_ORIGINS", "https://Newsroom.Example.org, http://localhost:3000,https://x.org:443"
    )
    assert env_origins("SOME_ORIGINS") == [
        "https://newsroom.example.org",
        "http://localhost:3000",
        "https://x.org",
    ]
    monkeypatch.delenv("SOME_ORIGINS")
    assert env_origins("SOME_ORIGINS") == []


@pytest.mark.parametrize(
    "raw",
    [
        "*",
        "newsroom.example.org",
        "https://x.org/",
        "https://x.org/app",
        "https://x.org?",
        "ftp://x.org",
        "https://user@x.org",
        "https://x.org:port",
    ],
)
def test_what_is_not_a_web_origin_is_an_error(monkeypatch, raw):
    monkeypatch.setenv("SOME_ORIGINS", f"https://ok.example.org,{raw}")
    with pytest.raises(ImproperlyConfigured, match="SOME_ORIGINS"):
        env_origins("SOME_ORIGINS")


@pytest.mark.slow
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


@pytest.mark.slow
def test_production_refuses_to_start_without_secret_key():
    result = run_manage("check", env={"DEBUG": "false"})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


# --- A checkout's .env ------------------------------------------------------------------


@pytest.fixture
def checkout(tmp_path) -> Path:
    """A fresh checkout as far as the settings can tell: its own manage.py and factcheck
    package (so BASE_DIR, where .env is looked for, is here), the apps linked in."""
    root = tmp_path / "checkout"
    root.mkdir()
    shutil.copy2(ROOT / "manage.py", root / "manage.py")
    shutil.copytree(ROOT / "factcheck", root / "factcheck", ignore=shutil.ignore_patterns("*.pyc"))
    for app in ("claims", "reviewers"):
        (root / app).symlink_to(ROOT / app, target_is_directory=True)
    return root


def newcomer_env() -> dict[str, str]:
    """A shell that has never heard of DEBUG or SECRET_KEY, nor of FACTCHECK_ENV_FILE."""
    unset = ("FACTCHECK_ENV_FILE", "DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL")
    return {k: v for k, v in os.environ.items() if k not in PRODUCTION_KEYS | set(unset)}


def run_in(checkout: Path, *args: str) -> subprocess.CompletedProcess:
    env = newcomer_env()
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=checkout,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def write_dev_env(root: Path) -> Path:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "write_dev_env.py"), str(root / ".env")],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 0, result.stderr
    return root / ".env"


@pytest.mark.slow
def test_a_checkout_runs_the_readme_commands_with_the_env_that_make_install_writes(checkout):
    write_dev_env(checkout)

    listing = run_in(checkout, "--help")
    assert listing.returncode == 0, listing.stderr
    assert "[claims]" in listing.stdout and "ingest" in listing.stdout  # the project's own
    assert "settings are not properly configured" not in listing.stdout + listing.stderr
    check = run_in(checkout, "check")
    assert check.returncode == 0, check.stderr
    assert "no issues" in check.stdout
    ingest_help = run_in(checkout, "ingest", "--help")
    assert ingest_help.returncode == 0, ingest_help.stderr
    assert "--from-file" in ingest_help.stdout


@pytest.mark.slow
def test_without_env_or_secret_key_manage_py_says_so_in_one_line(checkout):
    for args in (["check"], ["--help"], ["ingest", "--help"]):
        result = run_in(checkout, *args)
        assert result.returncode == 1, args
        assert result.stderr.strip().splitlines() == [
            "ImproperlyConfigured: SECRET_KEY must be set when DEBUG is off (set it in the "
            "environment; a checkout gets one in .env from `make install`)."
        ], args
        assert result.stdout == ""


@pytest.mark.slow
def test_a_malformed_setting_is_one_line_naming_it(checkout):
    (checkout / ".env").write_text("DEBUG=ture\nSECRET_KEY=abc\n")
    result = run_in(checkout, "check")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "ImproperlyConfigured: DEBUG='ture' is neither true (1, on, true, yes) "
        "nor false (0, false, no, off)."
    ]

    (checkout / ".env").write_text("DEBUG=true\nthis is not a setting\n")
    result = run_in(checkout, "check")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"ImproperlyConfigured: {checkout / '.env'}, line 2: not a KEY=VALUE line."
    ]


@pytest.mark.slow
def test_the_environment_wins_over_env(checkout):
    key = read_env_file(write_dev_env(checkout))["SECRET_KEY"]
    env = {**newcomer_env(), "DEBUG": "false"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    show = "from django.conf import settings as s; print(s.DEBUG, s.SECRET_KEY)"
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", show],
        cwd=checkout,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    # DEBUG from the environment, the key (which DEBUG off needs) from the file.
    assert result.stdout.splitlines()[-1] == f"False {key}"


@pytest.mark.slow
def test_the_env_file_is_written_once_for_its_owner_only(tmp_path):
    env_file = write_dev_env(tmp_path)
    values = read_env_file(env_file)
    assert values["DEBUG"] == "true"
    assert len(values["SECRET_KEY"]) >= 50
    assert stat.S_IMODE(env_file.stat().st_mode) == 0o600
    assert write_dev_env(tmp_path) == env_file
    assert read_env_file(env_file) == values  # a second run keeps the user's file
    (tmp_path / "other").mkdir()
    other = write_dev_env(tmp_path / "other")
    assert read_env_file(other)["SECRET_KEY"] != values["SECRET_KEY"]  # generated each time


@pytest.mark.skipif(shutil.which("make") is None, reason="no make here")
@pytest.mark.slow
def test_make_install_writes_env_only_when_it_is_missing(tmp_path):
    shutil.copy2(ROOT / "Makefile", tmp_path / "Makefile")
    (tmp_path / "scripts").mkdir()
    shutil.copy2(ROOT / "scripts" / "write_dev_env.py", tmp_path / "scripts")
    make = ["make", "-s", ".env", f"PYTHON={sys.executable}"]

    first = subprocess.run(make, cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert first.returncode == 0, first.stderr
    assert read_env_file(tmp_path / ".env")["DEBUG"] == "true"
    (tmp_path / ".env").write_text("DEBUG=true\nSECRET_KEY=the-users-own\n")
    again = subprocess.run(make, cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert again.returncode == 0, again.stderr
    assert read_env_file(tmp_path / ".env")["SECRET_KEY"] == "the-users-own"


def test_env_is_neither_committed_nor_copied_into_an_image():
    assert ".env" in (ROOT / ".gitignore").read_text().splitlines()
    assert ".env" in (ROOT / ".dockerignore").read_text().splitlines()


def test_env_file_lines(tmp_path):
    env_file = tmp_path / ".env"
    env_file.write_text(
        "# a comment\n\n"
        "DEBUG=true\n"
        "export SITE_URL=https://desk.example.org/\n"
        "FACTCHECK_ORG_NAME='The Desk # of record'\n"
        'LOG_LEVEL="DEBUG"\n'
        "EMAIL_TIMEOUT=5   # seconds\n"
        "  ALLOWED_HOSTS = a.org,b.org  \n"
    )
    assert read_env_file(env_file) == {
        "DEBUG": "true",
        "SITE_URL": "https://desk.example.org/",
        "FACTCHECK_ORG_NAME": "The Desk # of record",
        "LOG_LEVEL": "DEBUG",
        "EMAIL_TIMEOUT": "5",
        "ALLOWED_HOSTS": "a.org,b.org",
    }


@pytest.mark.parametrize("line", ["SECRET_KEY", "2FA=on", "SECRET KEY=abc", "KEY='abc"])
def test_a_line_that_is_not_a_setting_is_an_error_naming_the_line_not_its_text(tmp_path, line):
    env_file = tmp_path / ".env"
    env_file.write_text(f"DEBUG=true\n{line}\n")
    with pytest.raises(ImproperlyConfigured, match=r", line 2: ") as caught:
        read_env_file(env_file)
    assert "abc" not in str(caught.value)


@pytest.fixture
def env_file_values():
    yield
    load_env_file(None)


def test_readers_fall_back_to_the_file_and_the_environment_wins(
    tmp_path, monkeypatch, env_file_values
):
    env_file = tmp_path / ".env"
    env_file.write_text("FC_ONLY_IN_FILE=file\nFC_IN_BOTH=file\nFC_EMPTY_IN_ENV=file\n")
    monkeypatch.delenv("FC_ONLY_IN_FILE", raising=False)
    monkeypatch.setenv("FC_IN_BOTH", "environment")
    monkeypatch.setenv("FC_EMPTY_IN_ENV", "")
    load_env_file(env_file)
    assert env_str("FC_ONLY_IN_FILE") == "file"
    assert env_str("FC_IN_BOTH") == "environment"
    assert env_str("FC_EMPTY_IN_ENV", "default") == "default"  # set, even empty, wins
    load_env_file(None)
    assert env_str("FC_ONLY_IN_FILE") is None


@pytest.mark.slow
def test_demo_mode_needs_debug():
    result = run_manage("check", env={**PRODUCTION, "FACTCHECK_DEMO": "true"})
    assert result.returncode != 0
    assert "FACTCHECK_DEMO" in result.stderr


@pytest.mark.slow
def test_check_deploy_is_clean_with_production_variables():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION)
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


@pytest.mark.slow
def test_check_deploy_refuses_a_local_address_and_the_placeholder_publisher():
    laptop = {k: v for k, v in PRODUCTION.items() if k not in ("SITE_URL", "FACTCHECK_ORG_NAME")}
    result = run_manage("check", "--deploy", env=laptop)
    assert result.returncode != 0
    assert "claims.E001" in result.stderr  # SITE_URL left at http://127.0.0.1:8000/
    assert "claims.E002" in result.stderr  # FACTCHECK_ORG_URL follows it
    assert "claims.E003" in result.stderr and "Fact-check desk" in result.stderr
    # docker-compose.yml's fallback is no better; a publisher's own address with its own
    # name is.
    compose_default = {**PRODUCTION, "SITE_URL": "http://localhost:8000/"}
    result = run_manage("check", "--deploy", env=compose_default)
    assert "claims.E001" in result.stderr and "claims.E003" not in result.stderr
    desk_elsewhere = {**compose_default, "FACTCHECK_ORG_URL": "https://checks.example.org/"}
    result = run_manage("check", "--deploy", env=desk_elsewhere)
    assert "claims.E001" in result.stderr and "claims.E002" not in result.stderr


@pytest.mark.slow
def test_the_demo_addresses_its_claimreviews_at_the_port_it_serves():
    # `make run PORT=9123` exports SITE_URL=http://127.0.0.1:9123/; no other setting.
    demo = {"DEBUG": "true", "FACTCHECK_DEMO": "true", "SITE_URL": "http://127.0.0.1:9123/"}
    show = (
        "from claims.claimreview import organization, public_claim_url; "
        "print(organization()['url'], public_claim_url(7, 'Tolls rose by half'))"
    )
    result = run_manage("shell", "-c", show, env=demo)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == (
        "http://127.0.0.1:9123/ http://127.0.0.1:9123/checks/7-tolls-rose-by-half/"
    )
    # And nothing refuses it: the checks are for DEBUG off.
    assert run_manage("check", "--deploy", env=demo).stderr.count("claims.E") == 0


@pytest.mark.slow
def test_load_demo_is_refused_outside_demo_mode():
    result = run_manage("load_demo", env=PRODUCTION)
    assert result.returncode != 0
    assert "demo mode" in result.stderr


@pytest.mark.parametrize(("flag", "expected"), [(None, "True 5"), ("off", "None None")])
@pytest.mark.slow
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
