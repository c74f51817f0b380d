#!/usr/bin/env python3
"""The production image's steps without Docker: what the runtime lock installs runs the app.

    python scripts/check_runtime.py [--workdir var/runtime-check]

In a new virtual environment (the previous one is removed first, so a re-run starts over):

1. the Dockerfile's two installs: ``pip install --require-hashes -r requirements/runtime.txt``
   and ``pip install --no-deps .`` (pip's cache is kept, so a re-run downloads nothing);
2. no test tool and nothing of the ``training`` extra can be imported;
3. with production settings (DEBUG off, a secret key, no ``.env``): ``check --deploy``,
   ``collectstatic`` as the image build runs it, ``migrate`` into a new SQLite file;
4. the shipped check-worthiness model extracts and scores a sentence (``extract_claims``), and
   ``train_checkworthiness`` stops with one line naming the extra to install;
5. gunicorn, started as the image's CMD starts it, answers ``/healthz`` and the home page
   with 200 (asked through ``factcheck.probe``, compose's own health check);
6. the environment's size is printed (``du``).

Exit 0 when every step holds, 1 naming the step that did not. Standard library only: it
runs with the interpreter that creates ``.venv``.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNTIME_LOCK = ROOT / "requirements" / "runtime.txt"
# Import names that must not exist in the runtime environment: test tools, linters, and the
# training extra.
FORBIDDEN = (
    "pytest",
    "pytest_django",
    "xdist",
    "hypothesis",
    "schemathesis",
    "playwright",
    "ruff",
    "sklearn",
    "scipy",
)
HOST = "factcheck.example.org"
SENTENCE = "Unemployment rose to 9 percent in 2010, the highest in 25 years.\n"
STARTUP_SECONDS = 60


class StepFailed(Exception):
    pass


def run(step: str, args: list, *, env: dict | None = None, stdin: str | None = None, expect=0):
    """Run ``args`` in the repository; StepFailed (with its output) unless it exits ``expect``."""
    result = subprocess.run(
        [str(a) for a in args], cwd=ROOT, env=env, input=stdin, capture_output=True, text=True
    )
    if result.returncode != expect:
        raise StepFailed(
            f"{step}: exit {result.returncode}\n{(result.stdout + result.stderr)[-3000:]}"
        )
    return result


def production_env(venv: Path, work: Path) -> dict[str, str]:
    """A clean environment with production settings: nothing inherited but PATH and HOME."""
    return {
        "PATH": f"{venv / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}",
        "HOME": os.environ.get("HOME", str(work)),
        "LANG": "C.UTF-8",
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "FACTCHECK_ENV_FILE": "off",
        "ALLOWED_HOSTS": HOST,
        "CSRF_TRUSTED_ORIGINS": f"https://{HOST}",
        "SITE_URL": f"https://{HOST}/",
        "FACTCHECK_ORG_NAME": "Runtime check desk",
        "DATABASE_URL": f"sqlite:///{work / 'db.sqlite3'}",
        "FACTCHECK_VAR_DIR": str(work / "var"),
        "STATIC_ROOT": str(work / "static"),
    }


def install(venv: Path, python: str) -> None:
    run("create the venv", [python, "-m", "venv", venv])
    pip = [venv / "bin" / "python", "-m", "pip", "install", "--quiet"]
    # As `make install` does. The pip bundled with Python 3.11.7 and older (23.2) refuses the
    # lock in hash mode (justext asks for `lxml[html_clean]`); python:3.11-slim has a newer one.
    run("upgrade pip", [*pip, "--upgrade", "pip"])
    run("install the runtime lock", [*pip, "--require-hashes", "-r", RUNTIME_LOCK])
    run("install the project", [*pip, "--no-deps", "."])


def check_nothing_forbidden(venv: Path) -> None:
    probe = (
        "import importlib.util, json;"
        f"print(json.dumps([n for n in {list(FORBIDDEN)!r} if importlib.util.find_spec(n)]))"
    )
    found = json.loads(run("look for test tools", [venv / "bin" / "python", "-c", probe]).stdout)
    if found:
        raise StepFailed(f"importable in the runtime environment: {', '.join(found)}")


def check_manage(venv: Path, env: dict[str, str]) -> None:
    manage = [venv / "bin" / "python", "manage.py"]
    run("check --deploy", [*manage, "check", "--deploy", "--fail-level", "WARNING"], env=env)
    run("collectstatic", [*manage, "collectstatic", "--noinput", "-v", "0"], env=env)
    run("migrate", [*manage, "migrate", "--noinput", "-v", "0"], env=env)
    out = run("extract_claims", [*manage, "extract_claims", "-"], env=env, stdin=SENTENCE).stdout
    (row,) = [json.loads(line) for line in out.splitlines() if line.strip()]
    if not (row["checkworthy"] and 0.0 < row["score"] <= 1.0):
        raise StepFailed(f"extract_claims: the shipped model did not score the sentence: {row}")
    result = run("train_checkworthiness", [*manage, "train_checkworthiness"], env=env, expect=1)
    lines = (result.stdout + result.stderr).strip().splitlines()
    if len(lines) != 1 or "'training' extra" not in lines[0]:
        raise StepFailed(
            "train_checkworthiness without the extra: expected one line naming the 'training' "
            "extra, got:\n" + "\n".join(lines[-20:])
        )
    print(f"  train_checkworthiness: {lines[0]}")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def check_serves(venv: Path, env: dict[str, str], work: Path) -> None:
    port = free_port()
    log = (work / "gunicorn.log").open("w")
    server = subprocess.Popen(
        [venv / "bin" / "gunicorn", "factcheck.wsgi:application", "--bind", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    probe = [str(venv / "bin" / "python"), "-m", "factcheck.probe"]
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            if server.poll() is not None:
                raise StepFailed(f"gunicorn exited ({server.returncode}):\n{_tail(work)}")
            answer = subprocess.run(
                [*probe, "/healthz", str(port)], cwd=ROOT, env=env, capture_output=True, text=True
            )
            if answer.returncode == 0:
                break
            if time.monotonic() > deadline:
                raise StepFailed(f"/healthz: {answer.stderr.strip()}\n{_tail(work)}")
            time.sleep(0.5)
        run("the home page", [*probe, "/", port], env=env)
        print(f"  gunicorn answered /healthz and / with 200 on port {port}")
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


def _tail(work: Path) -> str:
    return (work / "gunicorn.log").read_text(errors="replace")[-3000:]


def report_size(venv: Path) -> None:
    def megabytes(path: Path) -> int:
        return (
            int(
                subprocess.run(["du", "-sk", path], capture_output=True, text=True).stdout.split()[
                    0
                ]
            )
            // 1024
        )

    (site,) = (venv / "lib").glob("python*/site-packages")
    count = len(list(site.glob("*.dist-info")))
    print(
        f"  runtime venv: {megabytes(venv)} MB (site-packages {megabytes(site)} MB, "
        f"{count} distributions)"
    )


def timed(done: str, step, *args) -> None:
    started = time.monotonic()
    step(*args)
    print(f"  {done} ({time.monotonic() - started:.1f} s)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workdir", type=Path, default=ROOT / "var" / "runtime-check")
    parser.add_argument("--python", default=sys.executable, help="creates the venv")
    args = parser.parse_args(argv)
    work: Path = args.workdir.resolve()
    venv = work / "venv"
    started = time.monotonic()
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    env = production_env(venv, work)
    try:
        timed("installed the runtime lock and the project", install, venv, args.python)
        timed(f"none of {', '.join(FORBIDDEN)} is importable", check_nothing_forbidden, venv)
        timed("check --deploy, collectstatic, migrate, the model", check_manage, venv, env)
        timed("served", check_serves, venv, env, work)
    except StepFailed as exc:
        print(f"runtime check FAILED: {exc}", file=sys.stderr)
        return 1
    report_size(venv)
    print(f"runtime check passed in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
