#!/usr/bin/env python3
"""Audit the pinned dependencies (requirements/dev.txt) for known vulnerabilities.

    python scripts/audit.py [--lock requirements/dev.txt] [--source auto|osv|pypi]
                            [--strict] [--ignore ID ...]

The development lock holds every pin of the runtime lock (``make lock`` constrains it to
them), so auditing it covers the image; the table of pins that could not be audited says
which of them the image ships (``--runtime-lock``).

Why not pip-audit: on a network that reaches only the package registries, pip-audit's two
data sources fail. ``-s osv`` needs api.osv.dev (it crashes when the name does not resolve),
and ``-s pypi`` asks PyPI for each pinned release (``/pypi/<name>/<version>/json``); where
that address answers 404 it skips every package and still prints "No known vulnerabilities
found" with exit 0: a silent pass.

Two sources, best first (``--source auto`` tries them in this order):

- ``osv``: OSV's batch query for every exact pin. Complete, but needs api.osv.dev.
- ``pypi``: the project JSON (``/pypi/<name>/json``), which reaches PyPI's registry
  itself. Its ``vulnerabilities`` field is about the latest release only, so it can judge
  exactly the pins that *are* the latest release; every other pin is listed as not audited,
  in a table that says why each is behind: the latest release needs a newer Python than the
  project supports, or the reason recorded in ``requirements/held-back.txt`` (``--held``),
  or none (then try ``make lock UPGRADE=<name>``). A package PyPI does not answer for is
  listed with the error. Nothing is guessed: a vulnerability of a newer release is not
  assumed to affect ours.

Exit status: 0 no known vulnerability among what could be audited; 1 known vulnerabilities;
2 no source could be reached; 3 with ``--strict``, some pins could not be audited.
Only the standard library is used, so it runs before anything is installed.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tomllib
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYPI_URL = "https://pypi.org/pypi"
OSV_URL = "https://api.osv.dev/v1/querybatch"
TIMEOUT = 20.0
_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s;\\]+)")


@dataclass(frozen=True)
class Finding:
    package: str
    version: str
    id: str
    aliases: tuple[str, ...] = ()
    fixed_in: tuple[str, ...] = ()
    summary: str = ""


@dataclass(frozen=True)
class Unaudited:
    version: str
    latest: str  # PyPI's latest release, "" when unknown
    why: str


@dataclass
class Report:
    source: str
    audited: list[str] = field(default_factory=list)
    not_audited: dict[str, Unaudited] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)


@dataclass(frozen=True)
class Context:
    """What explains a pin behind its latest release: the oldest Python the project
    supports, and the reasons recorded for pins held back on purpose."""

    python: tuple[int, ...] | None = None
    held: dict[str, str] = field(default_factory=dict)


class SourceUnavailable(Exception):
    """The source cannot be reached at all (DNS, connection refused, TLS)."""


def normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def parse_lock(text: str) -> dict[str, str]:
    """``name==version`` pins of a pip/uv lock file (hash and comment lines skipped)."""
    pins = {}
    for line in text.splitlines():
        match = _PIN.match(line)
        if match:
            pins[normalize(match.group(1))] = match.group(2)
    return pins


def parse_held(text: str) -> dict[str, str]:
    """``name: reason`` lines (``#`` comments and blank lines skipped)."""
    held = {}
    for line in text.splitlines():
        name, sep, reason = line.partition(":")
        if sep and not line.lstrip().startswith("#"):
            held[normalize(name.strip())] = reason.strip()
    return held


def oldest_python(pyproject: Path) -> tuple[int, ...] | None:
    """The lower bound of ``requires-python`` in ``pyproject.toml`` (``>=3.11``: (3, 11))."""
    spec = tomllib.loads(pyproject.read_text())["project"].get("requires-python", "")
    match = re.search(r">=\s*(\d+(?:\.\d+)*)", spec)
    return tuple(int(part) for part in match.group(1).split(".")) if match else None


def python_admits(spec: str | None, python: tuple[int, ...]) -> bool:
    """Whether a ``Requires-Python`` specifier (``>=3.12``, ``>=3.9,!=3.10.*``) admits
    ``python``; clauses it cannot read are taken as admitting it."""
    for clause in (spec or "").split(","):
        match = re.fullmatch(r"\s*(>=|<=|==|!=|>|<|~=)\s*(\d+(?:\.\d+)*)(\.\*)?\s*", clause)
        if not match:
            continue
        op, raw, wildcard = match.groups()
        bound = tuple(int(part) for part in raw.split("."))
        ours = (python + (0,) * len(bound))[: len(bound)] if wildcard else python
        ok = {
            ">=": ours >= bound,
            ">": ours > bound,
            "<=": ours <= bound,
            "<": ours < bound,
            "==": ours == bound,
            "!=": ours != bound,
            "~=": ours >= bound and ours[: len(bound) - 1] == bound[:-1],
        }[op]
        if not ok:
            return False
    return True


def why_behind(name: str, latest: str, data: dict, context: Context) -> str:
    reasons = []
    needs = data.get("info", {}).get("requires_python")
    if context.python and not python_admits(needs, context.python):
        supported = ".".join(map(str, context.python))
        reasons.append(f"{latest} needs Python {needs}; the project supports {supported}")
    if name in context.held:
        reasons.append(f"held back: {context.held[name]}")
    return "; ".join(reasons) or f"no reason on record: try `make lock UPGRADE={name}`"


def _http_json(url: str, body: dict | None = None) -> dict | None:
    """GET (or POST ``body``) and decode JSON; None for a 404; SourceUnavailable when the
    host cannot be reached."""
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, headers={"Accept": "application/json"})
    if data is not None:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            return json.load(response)
    except urllib.error.HTTPError as exc:
        if exc.code == 404:
            return None
        raise SourceUnavailable(f"{url}: HTTP {exc.code}") from exc
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise SourceUnavailable(f"{url}: {reason}") from exc


def audit_osv(pins: dict[str, str], *, url: str = OSV_URL) -> Report:
    names = sorted(pins)
    queries = [{"package": {"name": n, "ecosystem": "PyPI"}, "version": pins[n]} for n in names]
    answer = _http_json(url, {"queries": queries})
    if answer is None or len(answer.get("results", [])) != len(names):
        raise SourceUnavailable(f"{url}: unexpected answer")
    report = Report(source="osv", audited=names)
    for name, result in zip(names, answer["results"], strict=True):
        for vuln in result.get("vulns", []):
            report.findings.append(Finding(name, pins[name], vuln["id"]))
    return report


def audit_pypi(
    pins: dict[str, str],
    *,
    url: str = PYPI_URL,
    workers: int = 8,
    context: Context = Context(),
) -> Report:
    def one(name: str) -> tuple[str, dict | SourceUnavailable | None]:
        try:
            return name, _http_json(f"{url}/{name}/json")
        except SourceUnavailable as exc:
            return name, exc

    report = Report(source="pypi")
    with ThreadPoolExecutor(max_workers=workers) as pool:
        answers = dict(pool.map(one, sorted(pins)))
    failed = [a for a in answers.values() if isinstance(a, SourceUnavailable)]
    if failed and len(failed) == len(answers):
        raise failed[0]
    for name, data in sorted(answers.items()):
        version = pins[name]
        if isinstance(data, SourceUnavailable):
            report.not_audited[name] = Unaudited(version, "", f"PyPI did not answer ({data})")
            continue
        if data is None:
            report.not_audited[name] = Unaudited(version, "", "not on PyPI")
            continue
        latest = data.get("info", {}).get("version") or ""
        if latest != version:
            why = why_behind(name, latest, data, context)
            report.not_audited[name] = Unaudited(version, latest, why)
            continue
        report.audited.append(name)
        for vuln in data.get("vulnerabilities") or []:
            if vuln.get("withdrawn"):
                continue
            report.findings.append(
                Finding(
                    name,
                    version,
                    vuln.get("id", "?"),
                    tuple(vuln.get("aliases") or ()),
                    tuple(vuln.get("fixed_in") or ()),
                    (vuln.get("summary") or vuln.get("details") or "")[:120],
                )
            )
    return report


def run_audit(
    pins: dict[str, str],
    source: str,
    *,
    osv: Callable[[dict[str, str]], Report] = audit_osv,
    pypi: Callable[[dict[str, str]], Report] = audit_pypi,
    say: Callable[[str], None] = print,
) -> Report:
    if source in ("auto", "osv"):
        try:
            return osv(pins)
        except SourceUnavailable as exc:
            if source == "osv":
                raise
            say(f"OSV unreachable ({exc}); falling back to PyPI's project data.")
    return pypi(pins)


def exit_status(report: Report, *, strict: bool, ignore: Iterable[str] = ()) -> int:
    ignored = set(ignore)
    real = [
        f for f in report.findings if f.id not in ignored and not ignored.intersection(f.aliases)
    ]
    if real:
        return 1
    if strict and report.not_audited:
        return 3
    return 0


def unaudited_table(report: Report, shipped: set[str] | None = None) -> list[str]:
    """The pins that could not be audited, one row each: pinned and latest release, whether
    the image ships it (in the runtime lock; omitted when unknown), and why."""
    rows = [
        [name, u.version, u.latest or "-"]
        + ([] if shipped is None else ["yes" if name in shipped else "no"])
        + [u.why]
        for name, u in sorted(report.not_audited.items())
    ]
    header = ["package", "pinned", "latest"] + ([] if shipped is None else ["image"]) + ["why"]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header) - 1)]
    return [
        "  " + "  ".join([*map(str.ljust, row[:-1], widths), row[-1]]) for row in [header, *rows]
    ]


def render(
    report: Report,
    *,
    ignore: Iterable[str] = (),
    shipped: set[str] | None = None,
    held: dict[str, str] | None = None,
) -> str:
    ignored = set(ignore)
    total = len(report.audited) + len(report.not_audited)
    lines = [f"Source: {report.source}. Audited {len(report.audited)} of {total} pinned packages."]
    for f in report.findings:
        mark = " (ignored)" if f.id in ignored or ignored.intersection(f.aliases) else ""
        fixed = f" fixed in {', '.join(f.fixed_in)}" if f.fixed_in else " no fix yet"
        aliases = f" ({', '.join(f.aliases)})" if f.aliases else ""
        lines.append(f"VULNERABLE {f.package}=={f.version}: {f.id}{aliases};{fixed}{mark}")
        if f.summary:
            lines.append(f"    {f.summary}")
    if report.not_audited:
        lines.append(
            f"Not audited: {len(report.not_audited)} of {total} pins. PyPI lists the known "
            "vulnerabilities of a project's latest release only, so a pin behind it cannot "
            "be judged:"
        )
        lines.extend(unaudited_table(report, shipped))
    stale = sorted(set(held or {}) - set(report.not_audited))
    if stale and report.source == "pypi":
        lines.append(
            f"Held back on record but not behind (or not pinned): {', '.join(stale)}; "
            "delete their lines."
        )
    if not report.findings:
        lines.append("No known vulnerability in the audited packages.")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lock", type=Path, default=ROOT / "requirements" / "dev.txt")
    parser.add_argument(
        "--runtime-lock",
        type=Path,
        default=ROOT / "requirements" / "runtime.txt",
        help="the image's pins, marked in the table (ignored when missing)",
    )
    parser.add_argument(
        "--held",
        type=Path,
        default=ROOT / "requirements" / "held-back.txt",
        help="`name: reason` of pins kept behind on purpose (ignored when missing)",
    )
    parser.add_argument("--pyproject", type=Path, default=ROOT / "pyproject.toml")
    parser.add_argument("--source", choices=["auto", "osv", "pypi"], default="auto")
    parser.add_argument("--strict", action="store_true", help="fail when a pin is unaudited")
    parser.add_argument(
        "--ignore", action="append", default=[], metavar="ID", help="accepted advisory id"
    )
    parser.add_argument("--pypi-url", default=PYPI_URL)
    parser.add_argument("--osv-url", default=OSV_URL)
    args = parser.parse_args(argv)

    pins = parse_lock(args.lock.read_text())
    if not pins:
        print(f"No pins found in {args.lock}.", file=sys.stderr)
        return 2
    held = parse_held(args.held.read_text()) if args.held.is_file() else {}
    shipped = (
        set(parse_lock(args.runtime_lock.read_text())) if args.runtime_lock.is_file() else None
    )
    python = oldest_python(args.pyproject) if args.pyproject.is_file() else None
    context = Context(python=python, held=held)
    try:
        report = run_audit(
            pins,
            args.source,
            osv=lambda p: audit_osv(p, url=args.osv_url),
            pypi=lambda p: audit_pypi(p, url=args.pypi_url, context=context),
        )
    except SourceUnavailable as exc:
        print(f"No vulnerability source could be reached: {exc}", file=sys.stderr)
        return 2
    print(render(report, ignore=args.ignore, shipped=shipped, held=held))
    return exit_status(report, strict=args.strict, ignore=args.ignore)


if __name__ == "__main__":
    sys.exit(main())
