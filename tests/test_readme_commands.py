"""scripts/check_readme_commands.py, its reading part: which commands it finds in a README,
what it runs for each, and what it skips and why. (Running them is CI's job: .ci/run calls
the script on the real README.)"""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

SNIPPET = """\
# Quick start

```sh
make run     # serves the app
$ make install
.venv/bin/python manage.py ingest PATH \\
    --text
# a comment, not a command
```

```python
from claims.extraction import extract  # code to read, not to run
```

```
factcheck/   settings, urls
make worker
```

Other targets: `make lint`; `DEBUG` is a variable, `.venv/bin/python` the interpreter.
The container's health check is `python -m factcheck.probe /readyz`; `bench/urls.py`
holds the baseline views.

- `bench/attribution.py [--split dev|train] [--errors N]`: who said what.
- `python manage.py ingest URL|PATH ... [--text|--html]
  [--from-file LIST]`: ingest articles.
"""


@pytest.fixture
def modules(monkeypatch):
    monkeypatch.syspath_prepend(str(ROOT / "scripts"))
    parse = importlib.import_module("readme_commands.parse")
    plan = importlib.import_module("readme_commands.plan")
    return parse, plan


@pytest.fixture
def plan_of(modules):
    parse, plan = modules

    def plan_of(text: str, **context) -> object:
        found = parse.Found(text=text, source="README.md:1", fenced=False)
        return plan.plan_command(found, plan.Context(**context))

    return plan_of


def test_finds_commands_in_shell_blocks_bare_blocks_and_inline_code(modules):
    parse, _ = modules
    found = parse.find_commands(SNIPPET)
    assert [(f.text, f.source, f.fenced) for f in found] == [
        # comment dropped, $ prompt dropped, continuation joined
        ("make run", "README.md:4", True),
        ("make install", "README.md:5", True),
        (".venv/bin/python manage.py ingest PATH --text", "README.md:6", True),
        # a block without a language: only its lines that start with a command word
        ("make worker", "README.md:17", True),
        ("make lint", "README.md:20", False),
        # a script path counts only at the start of a list item
        ("bench/attribution.py [--split dev|train] [--errors N]", "README.md:24", False),
        # an inline span may wrap
        (
            "python manage.py ingest URL|PATH ... [--text|--html] [--from-file LIST]",
            "README.md:25",
            False,
        ),
    ]
    # Not commands: the python block, the tree, `DEBUG`, the interpreter named alone, the
    # container's own probe and a file named in prose.
    texts = " ".join(f.text for f in found)
    assert ".venv/bin/python" not in [f.text for f in found]
    assert "extract" not in texts and "factcheck/" not in texts
    assert "probe" not in texts and "bench/urls.py" not in texts


def test_a_synopsis_runs_with_supplied_files_and_its_optional_parts(plan_of):
    plan = plan_of("python manage.py ingest URL|PATH ... [--text|--html] [--from-file LIST]")
    assert plan.kind == "run"
    # python is the checkout's .venv/bin/python; URL needs the network, so PATH is taken;
    # `...` dropped; first alternative of an optional group kept.
    assert plan.line == (
        ".venv/bin/python manage.py ingest readme-check/article.txt --text "
        "--from-file readme-check/list.txt"
    )
    assert "PATH=readme-check/article.txt" in plan.note and "LIST=" in plan.note


def test_an_output_path_is_a_new_file_not_the_supplied_article(plan_of):
    plan = plan_of("python manage.py export_claims --format jsonl|csv [--output PATH]")
    assert plan.line.endswith("export_claims --format jsonl --output readme-check/output")


def test_a_command_that_needs_a_web_address_is_skipped_with_the_reason(plan_of):
    plan = plan_of("python manage.py ingest URL")
    assert (plan.kind, plan.line) == ("skip", "")
    assert "outbound network" in plan.note


def test_an_optional_part_that_cannot_be_supplied_is_left_out(plan_of):
    plan = plan_of("python manage.py embed_claims [--from DIR]")
    assert plan.line == ".venv/bin/python manage.py embed_claims"


def test_long_benchmarks_run_short_and_say_so(plan_of):
    shared = frozenset({"data/attribution"})
    plan = plan_of("bench/attribution.py [--split dev|train] [--errors N]", shared=shared)
    assert plan.line == ".venv/bin/python bench/attribution.py --limit 1"
    assert "first PolNeAR dev article" in plan.note
    assert plan_of("bench/api_load.py --claims 10000").line.endswith("api_load.py --help")
    assert plan_of("python manage.py train_checkworthiness --teacher").line.endswith("--help")


def test_a_benchmark_whose_data_is_absent_is_skipped(plan_of):
    plan = plan_of("bench/attribution.py", shared=frozenset())
    assert plan.kind == "skip" and "../shared/data/attribution" in plan.note


def test_servers_and_workers_are_started_not_waited_for(plan_of):
    assert plan_of("make run").kind == "server"
    run_elsewhere = plan_of("make run HOST=… PORT=…")
    assert (run_elsewhere.kind, run_elsewhere.line) == (
        "server",
        "make run HOST=127.0.0.1 PORT={{port}}",
    )
    assert plan_of("make worker").kind == "worker"
    assert plan_of("make format").late and not plan_of("make lint").late


def test_api_calls_get_the_server_a_real_claim_and_its_article(plan_of):
    plan = plan_of(
        'curl -H "Authorization: Bearer $TOKEN" '
        '"http://127.0.0.1:8000/api/v1/claims/42/claimreview/"'
    )
    assert plan.kind == "http"
    assert plan.line == (
        'curl --fail -sS -H "Authorization: Bearer $TOKEN" '
        '"{{base}}/api/v1/claims/{{claim_id}}/claimreview/"'
    )
    lookup = plan_of('curl "http://127.0.0.1:8000/api/v1/articles/lookup/?url=https://…"')
    assert lookup.line.endswith('lookup/?url={{article_url}}"')


def test_a_line_that_sets_a_variable_is_run_for_its_output(plan_of):
    plan = plan_of("TOKEN=$(python manage.py create_api_token --user consumer --scope read)")
    assert (plan.kind, plan.capture) == ("run", "TOKEN")
    assert plan.line == ".venv/bin/python manage.py create_api_token --user consumer --scope read"


def test_what_is_skipped_and_why(plan_of):
    ci = ("set -e", "env -u DATABASE_URL -u REDIS_URL make test", "make install")
    assert plan_of("make test", ci_lines=ci).note == ".ci/run line 2 runs it as written"
    assert plan_of("make test", ci_lines=ci).kind == "ci"
    # make install writes the copy's .env: run there even though CI runs it too.
    assert plan_of("make install", ci_lines=ci).kind == "run"
    cases = {
        ".venv/bin/python manage.py …": "stands for the commands listed below it",
        "docker compose run --rm migrate": "no Docker engine here",
        "pg_dump -h db.example.org -U factcheck": "a production server (db.example.org)",
        "DATABASE_URL=postgres://u@db.example.org/x python manage.py migrate": "db.example.org",
        ".venv/bin/pip install -e '.[semantic]'": "installs into the checkout's own .venv",
        "make lock": "needs uv",
        'make lock UPGRADE="lxml redis"': "needs uv",
    }
    for text, reason in cases.items():
        plan = plan_of(text)
        assert (plan.kind, plan.line) == ("skip", ""), text
        assert reason in plan.note, text
    # With uv, `make lock` runs (last: it rewrites the locks), except with a name to choose.
    assert plan_of('make lock UPGRADE="lxml redis"', uv=True).late
    chosen = plan_of("make lock UPGRADE=<name>", uv=True)
    assert (chosen.kind, chosen.note) == ("skip", "<name> is for the reader to choose")


def test_every_readme_command_is_run_or_skipped_with_a_reason(modules):
    parse, plan = modules
    context = plan.Context(
        ci_lines=tuple((ROOT / ".ci" / "run").read_text().splitlines()),
        shared=frozenset(plan.SHARED_DATA.values()),
    )
    for name in ("README.md", "claims/extraction/README.md", "claims/matching/README.md"):
        for found in parse.find_commands((ROOT / name).read_text(), name):
            planned = plan.plan_command(found, context)
            if planned.kind in ("skip", "ci"):
                assert planned.note, found
                continue
            # What runs has no placeholder left: no [option], no PATH, no …
            assert not any(c in planned.line for c in "[]…"), found
            words = set(planned.line.split())
            assert not words & set(plan.PLACEHOLDERS), found


def test_the_commands_environment_has_none_of_the_settings_variables(monkeypatch):
    monkeypatch.syspath_prepend(str(ROOT / "scripts"))
    workspace = importlib.import_module("readme_commands.workspace")
    environ = {
        "PATH": "/usr/bin",
        "HOME": "/root",
        "DEBUG": "false",
        "SECRET_KEY": "x",
        "DATABASE_URL": "postgres://u@h/db",
        "FACTCHECK_ENV_FILE": "off",
        "EXTRACTOR": "semantic",
        "CI": "true",  # a newcomer's shell has none: `make test-fast` skips what is missing
    }
    env, removed = workspace.clean_environment(ROOT, environ)
    assert env == {"PATH": "/usr/bin", "HOME": "/root"}
    assert removed == sorted(set(environ) - {"PATH", "HOME"})
    # Read from the settings' source, so a new setting is covered without a list here.
    assert {"REDIS_URL", "SITE_URL", "LOG_LEVEL"} <= workspace.settings_variables(ROOT)


def test_the_error_shown_is_the_exception_not_the_traceback_header(monkeypatch):
    monkeypatch.syspath_prepend(str(ROOT / "scripts"))
    processes = importlib.import_module("readme_commands.processes")
    stderr = (
        "Traceback (most recent call last):\n"
        '  File "manage.py", line 9, in <module>\n'
        "django.core.exceptions.ImproperlyConfigured: SECRET_KEY must be set\n"
        "make: *** [Makefile:30: run] Error 1\n"
    )
    assert processes.error_line("", stderr) == (
        "django.core.exceptions.ImproperlyConfigured: SECRET_KEY must be set"
    )
    stderr = "[1/1] x.txt\nCommandError: No such file.\n"
    assert processes.error_line("Summary: 0 created", stderr) == "CommandError: No such file."


def test_a_block_with_a_loop_is_one_script_skipped_with_the_reason(modules):
    parse, plan = modules
    snippet = (
        "```sh\n"
        'cursor=""\n'
        "while :; do\n"
        '  curl -s "http://127.0.0.1:8000/api/v1/claims/export/" > part.ndjson\n'
        "done\n"
        "```\n"
    )
    found = parse.find_commands(snippet)
    assert [(f.text, f.script) for f in found] == [('cursor="" …', True)]
    decided = plan.plan_command(found[0], plan.Context())
    assert decided.kind == "skip" and "loop" in decided.note


def test_every_benchmark_the_readmes_name_runs_short(modules):
    # A benchmark run as written generates databases of a million claims: each one the
    # READMEs name must have its short run in SHORT_RUNS.
    parse, plan = modules
    context = plan.Context(shared=frozenset(plan.SHARED_DATA.values()))
    for name in ("README.md", "claims/extraction/README.md", "claims/matching/README.md"):
        for found in parse.find_commands((ROOT / name).read_text(), name):
            script = next(
                (w for w in parse.program_words(found.text) if w.startswith("bench/")), None
            )
            if script is None or plan.plan_command(found, context).kind != "run":
                continue
            assert script in plan.SHORT_RUNS, found
