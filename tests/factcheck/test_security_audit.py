"""scripts/audit.py: the dependency audit CI runs. A local HTTP server plays PyPI and OSV,
so the decisions are tested without the internet (the data itself is theirs, not ours)."""

from __future__ import annotations

import importlib.util
import json
import socket
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("audit", ROOT / "scripts" / "audit.py")
audit = importlib.util.module_from_spec(_spec)
sys.modules["audit"] = audit  # dataclasses look their module up while the class is built
_spec.loader.exec_module(audit)

VULN = {
    "id": "GHSA-aaaa-bbbb-cccc",
    "aliases": ["CVE-2099-0001"],
    "fixed_in": ["1.0.1"],
    "summary": "Request smuggling",
    "withdrawn": None,
}
PROJECTS = {
    # Pinned at the latest release, which PyPI says is vulnerable.
    "fresh-bad": {"info": {"version": "1.0"}, "vulnerabilities": [VULN]},
    # Pinned at the latest release, clean (one advisory was withdrawn).
    "fresh-ok": {
        "info": {"version": "2.0"},
        "vulnerabilities": [{**VULN, "id": "GHSA-gone", "withdrawn": "2099-01-01"}],
    },
    # Behind the latest release: PyPI's data is about 3.0, not about our 1.0.
    "stale": {"info": {"version": "3.0"}, "vulnerabilities": [VULN]},
    # Behind, because the latest release needs a Python the project does not support.
    "py-new": {"info": {"version": "2.0", "requires_python": ">=3.13"}, "vulnerabilities": []},
    # Behind on purpose: a reason is on record.
    "held": {"info": {"version": "2.0", "requires_python": ">=3.8"}, "vulnerabilities": []},
}
LOCK = """\
# a comment
fresh-bad==1.0 \\
    --hash=sha256:00
    # via something
Fresh_OK==2.0 \\
    --hash=sha256:11
stale[extra]==1.0 ; python_version >= "3.11"
missing==0.1
"""


class FakeRegistry:
    def __init__(self) -> None:
        self.osv_answer: dict | None = None
        self.osv_queries: list[dict] = []
        self.pypi_requests: list[str] = []


@pytest.fixture
def registry() -> Iterator[tuple[FakeRegistry, str]]:
    state = FakeRegistry()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def _json(self, status: int, body: dict | None) -> None:
            data = json.dumps(body or {}).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self):
            state.pypi_requests.append(self.path)
            name = self.path.split("/")[2]
            if name == "flaky":
                self._json(503, None)
            else:
                self._json(200, PROJECTS[name]) if name in PROJECTS else self._json(404, None)

        def do_POST(self):
            length = int(self.headers["Content-Length"])
            state.osv_queries.append(json.loads(self.rfile.read(length)))
            self._json(200, state.osv_answer)

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(
        target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    yield state, f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def closed_port() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}/v1/querybatch"


@pytest.fixture
def lock(tmp_path) -> Path:
    path = tmp_path / "lock.txt"
    path.write_text(LOCK)
    return path


def run(lock: Path, base: str, osv: str, *extra: str) -> int:
    # Only what a test writes next to its lock: the repository's own files stay out of it.
    context = [f"--{name}={lock.parent / name}" for name in ("runtime-lock", "held", "pyproject")]
    return audit.main(
        ["--lock", str(lock), "--pypi-url", f"{base}/pypi", "--osv-url", osv, *context, *extra]
    )


def test_the_lock_file_is_read_pin_by_pin():
    assert audit.parse_lock(LOCK) == {
        "fresh-bad": "1.0",
        "fresh-ok": "2.0",
        "stale": "1.0",
        "missing": "0.1",
    }
    real = (ROOT / "requirements" / "dev.txt").read_text()
    pins = audit.parse_lock(real)
    assert pins["django"].startswith("5.2.")
    assert len(pins) == sum(1 for line in real.splitlines() if "==" in line and line[0].isalnum())


def test_pypi_source_fails_on_a_vulnerable_latest_release(registry, lock, closed_port, capsys):
    _state, base = registry
    assert run(lock, base, closed_port) == 1
    out = capsys.readouterr().out
    assert "OSV unreachable" in out
    assert "VULNERABLE fresh-bad==1.0: GHSA-aaaa-bbbb-cccc (CVE-2099-0001); fixed in 1.0.1" in out
    assert "Audited 2 of 4" in out
    # Nothing is guessed about a pin behind the latest release, or a withdrawn advisory.
    assert "VULNERABLE stale" not in out and "GHSA-gone" not in out
    assert "Not audited: 2 of 4 pins." in out
    assert row(out, "stale") == ["stale", "1.0", "3.0", "no", "reason", "on", "record:", "try"]
    assert row(out, "missing") == ["missing", "0.1", "-", "not", "on", "PyPI"]


def row(out: str, package: str) -> list[str]:
    """The first eight words of ``package``'s row in the table of pins not audited."""
    (line,) = [line for line in out.splitlines() if line.startswith(f"  {package} ")]
    return line.split()[:8]


def test_the_table_says_why_each_pin_could_not_be_audited(registry, tmp_path, closed_port, capsys):
    _state, base = registry
    lock = tmp_path / "lock.txt"
    lock.write_text("stale==1.0\npy-new==1.0\nheld==1.0\nflaky==1.0\nmissing==0.1\nfresh-ok==2.0\n")
    (tmp_path / "runtime-lock").write_text("held==1.0\npy-new==1.0\n")
    (tmp_path / "pyproject").write_text('[project]\nrequires-python = ">=3.11"\n')
    (tmp_path / "held").write_text(
        "# why pins stay behind\nheld: the framework caps it below 2.0\nfresh-ok: was capped\n"
    )
    assert run(lock, base, closed_port) == 0
    out = capsys.readouterr().out
    assert "Audited 1 of 6" in out and "Not audited: 5 of 6 pins." in out
    table = [line for line in out.splitlines() if line.startswith("  ")]
    assert table[0].split() == ["package", "pinned", "latest", "image", "why"]
    assert table[1].split()[:4] == ["flaky", "1.0", "-", "no"]
    assert "PyPI did not answer" in table[1] and "HTTP 503" in table[1]
    assert table[2].split()[:5] == ["held", "1.0", "2.0", "yes", "held"]
    assert table[2].endswith("held back: the framework caps it below 2.0")
    assert table[3].endswith("not on PyPI")
    assert table[4].split()[:4] == ["py-new", "1.0", "2.0", "yes"]
    assert table[4].endswith("2.0 needs Python >=3.13; the project supports 3.11")
    assert table[5].endswith("no reason on record: try `make lock UPGRADE=stale`")
    # A reason on record for a pin that is no longer behind is named, to be deleted.
    assert "Held back on record but not behind (or not pinned): fresh-ok" in out
    # The header and one row per pin not audited: nothing silently dropped.
    assert len(table) == 1 + 5


@pytest.mark.parametrize(
    ("spec", "admitted"),
    [
        (">=3.12", False),
        (">=3.9", True),
        (">=3.9,!=3.11.*", False),
        (">=3.8,<3.11", False),
        ("~=3.10", True),
        ("", True),
        (None, True),
        (">=3.11; garbage", True),
    ],
)
def test_requires_python_is_read_for_the_oldest_supported_python(spec, admitted):
    assert audit.python_admits(spec, (3, 11)) is admitted


def test_an_accepted_advisory_can_be_ignored_by_id_or_alias(registry, lock, closed_port):
    _state, base = registry
    assert run(lock, base, closed_port, "--ignore", "CVE-2099-0001") == 0
    assert run(lock, base, closed_port, "--ignore", "GHSA-aaaa-bbbb-cccc") == 0


def test_strict_mode_fails_when_a_pin_could_not_be_audited(registry, lock, closed_port):
    _state, base = registry
    assert run(lock, base, closed_port, "--ignore", "CVE-2099-0001", "--strict") == 3


def test_osv_is_preferred_when_it_answers(registry, lock, capsys):
    state, base = registry
    state.osv_answer = {"results": [{}, {}, {}, {"vulns": [{"id": "PYSEC-2099-1"}]}]}
    assert run(lock, base, f"{base}/v1/querybatch") == 1
    out = capsys.readouterr().out
    assert "Source: osv. Audited 4 of 4" in out
    assert "VULNERABLE stale==1.0: PYSEC-2099-1" in out
    assert state.pypi_requests == []
    queries = state.osv_queries[0]["queries"]
    assert {"package": {"name": "stale", "ecosystem": "PyPI"}, "version": "1.0"} in queries


def test_no_reachable_source_is_an_error_not_a_pass(lock, closed_port):
    assert run(lock, closed_port.rsplit("/v1", 1)[0], closed_port) == 2
