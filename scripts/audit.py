#!/usr/bin/env python3
"""Audit the pinned dependencies (requirements/dev.txt) for known vulnerabilities.

    python scripts/audit.py [--lock requirements/dev.txt] [--source auto|osv|pypi]
                            [--strict] [--ignore ID ...]

Why not pip-audit: on a network that reaches only the package registries, pip-audit's two
data sources fail. ``-s osv`` needs api.osv.dev (it crashes when the name does not resolve),
and ``-s pypi`` asks PyPI for each pinned release (``/pypi/<name>/<version>/json``); where
that address answers 404 it skips every package and still prints "No known vulnerabilities
found" with exit 0: a silent pass.

Two sources, best first (``--source auto`` tries them in this order):

- ``osv``: OSV's batch query for every exact pin. Complete, but needs api.osv.dev.
- ``pypi``: the project JSON (``/pypi/<name>/json``), which reaches PyPI's registry
  itself. Its ``vulnerabilities`` field is about the latest release only, so it can judge
  exactly the pins that *are* the latest release; every other pin is listed as not audited.
  Nothing is guessed: a vulnerability of a newer release is not assumed to affect ours.

Exit status: 0 no known vulnerability among what could be audited; 1 known vulnerabilities;
2 no source could be reached; 3 with ``--strict``, some pins could not be audited.
Only the standard library is used, so it runs before anything is installed.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
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


@dataclass
class Report:
    source: str
    audited: list[str] = field(default_factory=list)
    not_audited: dict[str, str] = field(default_factory=dict)  # package -> why
    findings: list[Finding] = field(default_factory=list)


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


def audit_pypi(pins: dict[str, str], *, url: str = PYPI_URL, workers: int = 8) -> Report:
    def one(name: str) -> tuple[str, dict | None]:
        return name, _http_json(f"{url}/{name}/json")

    report = Report(source="pypi")
    with ThreadPoolExecutor(max_workers=workers) as pool:
        answers = dict(pool.map(one, sorted(pins)))
    for name, data in sorted(answers.items()):
        version = pins[name]
        if data is None:
            report.not_audited[name] = "not on PyPI"
            continue
        latest = data.get("info", {}).get("version")
        if latest != version:
            report.not_audited[name] = (
                f"pinned {version}, latest {latest}: PyPI's project data only covers the "
                "latest release"
            )
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


def render(report: Report, *, ignore: Iterable[str] = ()) -> str:
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
        lines.append(f"Not audited ({len(report.not_audited)}):")
        lines.extend(f"  {name}: {why}" for name, why in sorted(report.not_audited.items()))
    if not report.findings:
        lines.append("No known vulnerability in the audited packages.")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lock", type=Path, default=ROOT / "requirements" / "dev.txt")
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
    try:
        report = run_audit(
            pins,
            args.source,
            osv=lambda p: audit_osv(p, url=args.osv_url),
            pypi=lambda p: audit_pypi(p, url=args.pypi_url),
        )
    except SourceUnavailable as exc:
        print(f"No vulnerability source could be reached: {exc}", file=sys.stderr)
        return 2
    print(render(report, ignore=args.ignore))
    return exit_status(report, strict=args.strict, ignore=args.ignore)


if __name__ == "__main__":
    sys.exit(main())
