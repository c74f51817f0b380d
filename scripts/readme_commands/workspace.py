"""The place README commands run: a temporary copy of the checkout, and an environment
without the project's settings variables.

The copy holds the checkout's files as they are (tracked and untracked, not ignored: no
.env, no var/), so `make install` there writes its own .env and every command uses its
own SQLite database under the copy's var/. The checkout's .venv is linked, not copied
(the copy's `make install` must find it up to date: it would otherwise install into it),
and ../shared is linked beside the copy, where the app and the benchmarks look for it.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

SETTINGS_FILES = ("factcheck/settings.py", "factcheck/env.py")
_READ = re.compile(r"""\b(?:env_\w+|environ\.get|getenv)\(\s*["']([A-Z][A-Z0-9_]*)["']""")
# Also never inherited: what picks other settings or other code, and the README's $TOKEN.
# CI too: the test suite reads it (a missing service fails instead of skipping), and a
# newcomer's shell does not have it; .ci/run's own `make test` runs with it.
ALSO_UNSET = ("DJANGO_SETTINGS_MODULE", "PYTHONPATH", "VIRTUAL_ENV", "TOKEN", "CI")
UNSET_PREFIXES = ("FACTCHECK_", "CELERY_", "DJANGO_", "BENCH_")

ARTICLE_TEXT = """\
Fuel prices climb again

The county's unemployment rate rose to 3.4 percent in May, the statistics office said.
The mayor said the city had built 1,200 new homes last year, twice the year before.
"""
SECOND_ARTICLE_TEXT = """\
Exports at a record

Exports doubled in 2024, the trade minister said on Friday.
"""
PAIRS_TEXT = (
    '{"a": "Unemployment rose to 3.4 percent in May", '
    '"b": "In May the unemployment rate went up to 3.4%"}\n'
    '{"a": "The city built 1,200 homes last year", "b": "Exports doubled in 2024"}\n'
)


def settings_variables(repo: Path) -> set[str]:
    """The environment variables the settings read (found in their source)."""
    names: set[str] = set()
    for name in SETTINGS_FILES:
        path = repo / name
        if path.is_file():
            names.update(_READ.findall(path.read_text(encoding="utf-8")))
    return names


def clean_environment(repo: Path, environ: dict[str, str]) -> tuple[dict[str, str], list[str]]:
    """``environ`` without any variable the project reads; and the names removed."""
    unset = settings_variables(repo) | set(ALSO_UNSET)
    removed = sorted(n for n in environ if n in unset or n.startswith(UNSET_PREFIXES))
    return {k: v for k, v in environ.items() if k not in removed}, removed


def checkout_files(repo: Path) -> list[str]:
    listing = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=repo,
        check=True,
        capture_output=True,
    ).stdout.decode()
    return sorted({name for name in listing.split("\0") if name})


def make_copy(repo: Path, venv: Path, parent: Path) -> Path:
    """Copy the checkout into ``parent``/<its name>; modification times are kept, so the
    copy's `make install` sees what the checkout's would."""
    copy = parent / repo.name
    for name in checkout_files(repo):
        source = repo / name
        if not source.exists() and not source.is_symlink():
            continue  # deleted in the work tree, not yet in the index
        target = copy / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target, follow_symlinks=False)
    (copy / ".venv").symlink_to(venv.resolve(), target_is_directory=True)
    shared = repo.parent / "shared"
    if shared.exists():
        (parent / "shared").symlink_to(shared.resolve(), target_is_directory=True)
    return copy


def write_inputs(copy: Path) -> None:
    """The files the planned commands read (plan.ARTICLE, plan.LIST, plan.PAIRS)."""
    folder = copy / "readme-check"
    folder.mkdir(exist_ok=True)
    (folder / "article.txt").write_text(ARTICLE_TEXT, encoding="utf-8")
    (folder / "exports.txt").write_text(SECOND_ARTICLE_TEXT, encoding="utf-8")
    (folder / "list.txt").write_text("readme-check/exports.txt\n", encoding="utf-8")
    (copy / "pairs.jsonl").write_text(PAIRS_TEXT, encoding="utf-8")


def venv_up_to_date(copy: Path, env: dict[str, str]) -> bool:
    """Whether the copy's `make install` would leave the linked .venv alone."""
    query = subprocess.run(
        ["make", "-q", ".venv/.installed"], cwd=copy, env=env, capture_output=True
    )
    return query.returncode == 0


def docker_engine() -> bool:
    if not shutil.which("docker"):
        return False
    try:
        info = subprocess.run(["docker", "info"], capture_output=True, timeout=15)
    except subprocess.TimeoutExpired:
        return False
    return info.returncode == 0


def shared_data(repo: Path, wanted: set[str]) -> frozenset[str]:
    shared = repo.parent / "shared"
    return frozenset(name for name in wanted if (shared / name).is_dir())
