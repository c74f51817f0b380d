"""The two locks `make lock` writes: production's (runtime) and development's (runtime plus the
test tools and the training extra), both from pyproject.toml."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
NOT_IN_PRODUCTION = {
    "pytest",
    "pytest-django",
    "pytest-xdist",
    "hypothesis",
    "schemathesis",
    "playwright",
    "ruff",
    "scikit-learn",
    "scipy",
}


def pins(name: str) -> dict[str, str]:
    text = (ROOT / "requirements" / name).read_text()
    return {m[1]: m[2] for m in re.finditer(r"^([a-z0-9][a-z0-9._-]*)==(\S+) \\$", text, re.M)}


def names(requirements: list[str]) -> set[str]:
    """Normalized project names of PEP 508 requirement strings."""
    return {
        re.sub(r"[-_.]+", "-", re.match(r"[A-Za-z0-9._-]+", r)[0]).lower() for r in requirements
    }


def test_the_runtime_lock_holds_no_test_tool_and_no_training_extra():
    runtime = pins("runtime.txt")
    assert "django" in runtime and "gunicorn" in runtime
    assert not NOT_IN_PRODUCTION & set(runtime)
    assert names(PROJECT["dependencies"]) <= set(runtime)


def test_the_development_lock_is_the_runtime_lock_plus_tests_and_training():
    runtime, dev = pins("runtime.txt"), pins("dev.txt")
    # Same versions of everything production runs: tests run on what the image installs.
    assert {name: dev.get(name) for name in runtime} == runtime
    extras = PROJECT["optional-dependencies"]
    assert names(extras["test"] + extras["training"]) <= set(dev)
    assert set(dev) >= NOT_IN_PRODUCTION
    assert names(extras["semantic"]).isdisjoint(dev), "torch stays out of the lock (CPU wheel)"
