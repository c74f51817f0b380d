#!/usr/bin/env python3
"""Run every command the README shows a newcomer, as written, on a copy of this checkout.

    python scripts/check_readme_commands.py [--list] [--keep] [--venv PATH]

Reads README.md and the two READMEs it sends readers to for commands,
claims/extraction/README.md and claims/matching/README.md (bench/labels/README.md is the
labelling rule, with no command to run). Finds the commands in their fenced blocks and
inline code (``readme_commands/parse.py``), decides for each what to run
(``readme_commands/plan.py``), and runs them from the root of a temporary copy of the
checkout (``readme_commands/workspace.py``): `make install` first (it writes the copy's
own .env), then `make run` (kept up for the API calls), then the rest in README order.

- No settings variable reaches a command: every variable factcheck/settings.py reads
  (DEBUG, SECRET_KEY, DATABASE_URL, ...) is removed from the environment, so the .env
  that `make install` writes must be enough. The copy has its own SQLite database under
  its var/; the developer's database is never opened.
- Servers (`make run ...`) are started, asked for /healthz until it answers 200, and
  stopped; `make worker` must still be running after 10 s. The README's API calls run
  against the `make run` server, with the $TOKEN its `TOKEN=$(...)` line sets, and with
  a claim the check publishes through the staff API (``readme_commands/desk.py``).
- Placeholders get real values (a text article, a list file, a demo user), or the command
  is skipped with the reason; long benchmarks run with their smallest option or --help
  (``plan.SHORT_RUNS`` says which and why). Commands .ci/run itself runs as written
  (`make test`, the semantic extra's installs) are left to it.

Prints a table: command, status, seconds, the first line of the error (or what the check
supplied). Exit status: 0 every command ran; 1 some failed; 2 the check could not start.
--list prints the plan without running anything; --keep keeps the copy.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from readme_commands import desk, processes, workspace
from readme_commands.parse import find_commands
from readme_commands.plan import SHARED_DATA, Context, Plan, plan_command

ROOT = Path(__file__).resolve().parent.parent
READMES = ("README.md", "claims/extraction/README.md", "claims/matching/README.md")
COMMAND_TIMEOUT = 300.0
SERVER_TIMEOUT = 120.0
WORKER_SECONDS = 10.0


@dataclass
class Row:
    number: int
    plan: Plan
    sources: list[str]
    status: str = ""  # ok | FAIL | skip | ci | same
    result: str = ""  # exit status, HTTP status, alive
    seconds: float | None = None
    ran: str = ""
    detail: str = ""


def collect(repo: Path, context: Context) -> list[Row]:
    rows: list[Row] = []
    by_text: dict[str, Row] = {}
    for name in READMES:
        path = repo / name
        if not path.is_file():
            continue
        for found in find_commands(path.read_text(encoding="utf-8"), name):
            if found.text in by_text:
                by_text[found.text].sources.append(found.source)
                continue
            row = Row(len(rows) + 1, plan_command(found, context), [found.source])
            by_text[found.text] = row
            rows.append(row)
    return rows


class Session:
    def __init__(self, copy: Path, env: dict[str, str]) -> None:
        self.copy = copy
        self.env = env
        self.server: processes.Background | None = None
        self.base = ""
        self.variables: dict[str, str] = {}  # set by `NAME=$(command)` lines
        self.published: desk.Published | None = None
        self.backgrounds: list[processes.Background] = []

    # --- one row --------------------------------------------------------------------

    def run(self, row: Row) -> None:
        plan = row.plan
        line = plan.line
        first_server = plan.kind == "server" and line == "make run" and self.server is None
        if first_server and not processes.port_is_free(8000):
            line += " PORT={{port}}"
            plan = Plan(plan.found, plan.kind, line, "port 8000 is taken: PORT=a free port")
        try:
            row.ran = self._fill(line)
        except desk.DeskError as exc:
            row.ran, row.status, row.detail = line, "FAIL", f"publishing a claim: {exc}"
            return
        row.detail = plan.note
        if plan.kind == "server":
            self._server(row)
        elif plan.kind == "worker":
            self._worker(row)
        else:
            self._once(row)

    def _once(self, row: Row) -> None:
        if row.plan.kind == "http" and not self.base:
            row.status, row.detail = "FAIL", "no `make run` server answered"
            return
        env = {**self.env, **self.variables}
        unset = [n for n in re.findall(r"\$\{?([A-Za-z_]\w*)", row.ran) if n not in env]
        if unset:
            row.status, row.detail = "FAIL", f"${unset[0]} is not set by any line before it"
            return
        done = processes.run_line(row.ran, cwd=self.copy, env=env, timeout=COMMAND_TIMEOUT)
        row.seconds = done.seconds
        row.result = "timeout" if done.returncode is None else str(done.returncode)
        if done.returncode == 0 and processes.TRACEBACK not in done.stderr:
            row.status = "ok"
            if row.plan.capture:
                lines = done.stdout.strip().splitlines()
                self.variables[row.plan.capture] = lines[-1] if lines else ""
            return
        row.status = "FAIL"
        row.detail = processes.error_line(done.stdout, done.stderr)
        if done.returncode == 0:
            row.detail = f"a traceback on stderr: {row.detail}"

    def _server(self, row: Row) -> None:
        host = _assigned(row.ran, "HOST") or "127.0.0.1"
        port = _assigned(row.ran, "PORT") or "8000"
        base = f"http://{host}:{port}"
        server = processes.Background(row.ran, cwd=self.copy, env=self.env)
        self.backgrounds.append(server)
        status, why = processes.wait_for_http(f"{base}/healthz", server, SERVER_TIMEOUT)
        row.seconds = time.monotonic() - server.started
        row.result = f"/healthz {status or '-'}"
        if status == 200:
            row.status = "ok"
            if self.server is None and row.ran.startswith("make run"):
                self.server, self.base = server, base  # kept for the API calls
                return
        else:
            row.status = "FAIL"
            output = server.output()
            row.detail = f"{why}: {processes.error_line('', output)}" if output else why
        server.stop()

    def _worker(self, row: Row) -> None:
        worker = processes.Background(row.ran, cwd=self.copy, env=self.env)
        self.backgrounds.append(worker)
        while worker.alive() and time.monotonic() - worker.started < WORKER_SECONDS:
            time.sleep(0.5)
        row.seconds = time.monotonic() - worker.started
        if worker.alive():
            row.status, row.result = "ok", f"alive {WORKER_SECONDS:.0f} s"
            ready = " ready." in worker.output()
            row.detail = "ready" if ready else "not ready yet (still starting)"
        else:
            row.status, row.result = "FAIL", f"exited {worker.process.returncode}"
            row.detail = processes.error_line("", worker.output())
        worker.stop()

    # --- {{fields}} -----------------------------------------------------------------

    def _fill(self, line: str) -> str:
        if "{{port}}" in line:
            line = line.replace("{{port}}", str(processes.free_port()))
        line = line.replace("{{base}}", self.base)
        if "{{claim_id}}" in line or "{{article_url}}" in line:
            published = self._publish()
            line = line.replace("{{claim_id}}", str(published.claim_id))
            line = line.replace("{{article_url}}", published.article_url)
        return line

    def _publish(self) -> desk.Published:
        if self.published is None:
            if not self.base:
                raise desk.DeskError("no `make run` server answered")
            tokens = [
                self._helper_token("editor", "--scope ingest --scope review"),
                self._helper_token("checker", "--scope review"),
            ]
            self.published = desk.publish_claim(
                self.base, editor_token=tokens[0], checker_token=tokens[1]
            )
        return self.published

    def _helper_token(self, user: str, scopes: str) -> str:
        line = f".venv/bin/python manage.py create_api_token --user {user} {scopes}"
        done = processes.run_line(line, cwd=self.copy, env=self.env, timeout=COMMAND_TIMEOUT)
        if done.returncode != 0:
            raise desk.DeskError(f"{line}: {processes.error_line(done.stdout, done.stderr)}")
        return done.stdout.strip().splitlines()[-1]

    def stop(self) -> None:
        for background in self.backgrounds:
            background.stop()


def _assigned(line: str, name: str) -> str | None:
    match = re.search(rf"\b{name}=(\S+)", line)
    return match.group(1) if match else None


def order(rows: list[Row]) -> list[Row]:
    """`make install` first, then the `make run` server, the rest in README order, and
    the commands that rewrite files last."""

    def phase(row: Row) -> int:
        if row.plan.line == "make install":
            return 0
        if row.plan.line == "make run":
            return 1
        return 3 if row.plan.late else 2

    return sorted(rows, key=lambda row: (phase(row), row.number))


def mark_repeats(rows: list[Row]) -> None:
    first: dict[tuple[str, str], Row] = {}
    for row in rows:
        if row.plan.kind in ("skip", "ci"):
            row.status, row.detail, row.ran = row.plan.kind, row.plan.note, row.plan.found.text
            continue
        key = (row.plan.kind, row.plan.line)
        if key in first:
            row.status, row.ran = "same", row.plan.line
            row.detail = f"runs as #{first[key].number}"
        else:
            first[key] = row
            row.detail = row.plan.note


def print_table(rows: list[Row], out=sys.stdout) -> None:
    print(
        "| # | where | command as run | status | result | s | error, or what was supplied |",
        file=out,
    )
    print("|---|---|---|---|---|---|---|", file=out)
    for row in rows:
        seconds = "" if row.seconds is None else f"{row.seconds:.1f}"
        where = row.sources[0] + (f" (+{len(row.sources) - 1})" if len(row.sources) > 1 else "")
        ran = (row.ran or row.plan.line or row.plan.found.text).replace("|", "\\|")
        detail = row.detail.replace("|", "\\|")
        print(
            f"| {row.number} | {where} | `{ran}` | {row.status or row.plan.kind} "
            f"| {row.result} | {seconds} | {detail} |",
            file=out,
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--list", action="store_true", help="print the plan, run nothing")
    parser.add_argument("--keep", action="store_true", help="keep the temporary copy")
    parser.add_argument("--venv", type=Path, default=ROOT / ".venv", help="the .venv to link")
    args = parser.parse_args(argv)

    context = Context(
        ci_lines=tuple((ROOT / ".ci" / "run").read_text().splitlines()),
        docker=workspace.docker_engine(),
        uv=bool(shutil.which("uv")),
        shared=workspace.shared_data(ROOT, set(SHARED_DATA.values())),
    )
    rows = collect(ROOT, context)
    mark_repeats(rows)
    if args.list:
        print_table(rows)
        return 0

    env, removed = workspace.clean_environment(ROOT, dict(os.environ))
    if not (args.venv / "bin" / "python").exists():
        print(f"No {args.venv}: run `make install` first.", file=sys.stderr)
        return 2
    parent = Path(tempfile.mkdtemp(prefix="readme-check-"))
    copy = workspace.make_copy(ROOT, args.venv, parent)
    if not workspace.venv_up_to_date(copy, env):
        print(
            f"{args.venv} is older than requirements/lock.txt or pyproject.toml: run "
            "`make install` in the checkout first (the copy's would install into it).",
            file=sys.stderr,
        )
        return 2
    workspace.write_inputs(copy)
    print(f"README commands, run in {copy} (a copy of {ROOT}).")
    print(f"Removed from their environment: {', '.join(removed) or 'nothing (none was set)'}.")
    print("`python` in the README runs as .venv/bin/python (README, Quick start).")

    session = Session(copy, env)
    started = time.monotonic()
    try:
        for row in order(rows):
            if not row.status:
                print(f"  #{row.number}: {row.plan.line}", flush=True)
                session.run(row)
    finally:
        session.stop()
        if not args.keep:
            shutil.rmtree(parent, ignore_errors=True)
    print()
    print_table(rows)
    failed = [row for row in rows if row.status == "FAIL"]
    counts = {s: sum(1 for r in rows if r.status == s) for s in ("ok", "FAIL", "skip", "ci")}
    repeats = sum(1 for r in rows if r.status == "same")
    print(
        f"\n{counts['ok']} ran, {counts['FAIL']} failed, {counts['skip']} skipped, "
        f"{counts['ci']} left to .ci/run, {repeats} the same as another, "
        f"in {time.monotonic() - started:.0f} s."
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
