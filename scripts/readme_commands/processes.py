"""Running one shell line: to its end, or in the background until it is stopped.

Every line runs in its own process group (``bash -c``, a new session), so a timeout or a
stop ends what it started too: `make run`'s runserver and its reloader, `make worker`'s
Celery processes.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

TRACEBACK = "Traceback (most recent call last)"
_ERROR_WORDS = ("error", "fail", "refus", "denied", "not found", "no such", "cannot", "must")


@dataclass(frozen=True)
class Finished:
    returncode: int | None  # None: timed out and stopped
    seconds: float
    stdout: str
    stderr: str


def _start(line: str, cwd: Path, env: dict[str, str], stdout, stderr) -> subprocess.Popen:
    return subprocess.Popen(
        ["bash", "-c", line],
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=stdout,
        stderr=stderr,
        start_new_session=True,  # its own process group, so a stop ends all it started
        text=True,
        errors="replace",
    )


def run_line(line: str, *, cwd: Path, env: dict[str, str], timeout: float) -> Finished:
    started = time.monotonic()
    process = _start(line, cwd, env, subprocess.PIPE, subprocess.PIPE)
    try:
        stdout, stderr = process.communicate(timeout=timeout)
        code: int | None = process.returncode
    except subprocess.TimeoutExpired:
        _stop_group(process)
        stdout, stderr = process.communicate()
        code = None
    return Finished(code, time.monotonic() - started, stdout, stderr)


class Background:
    """A long-running line (a server, a worker); its output goes to a file."""

    def __init__(self, line: str, *, cwd: Path, env: dict[str, str]) -> None:
        self.started = time.monotonic()
        # Open for the process's lifetime; stop() closes it.
        self._log = tempfile.TemporaryFile(mode="w+", errors="replace")  # noqa: SIM115
        self.process = _start(line, cwd, env, self._log, subprocess.STDOUT)

    def alive(self) -> bool:
        return self.process.poll() is None

    def output(self) -> str:
        self._log.flush()
        self._log.seek(0)
        return self._log.read()

    def stop(self) -> None:
        """End it and what it started; its output is gone afterwards."""
        if self.alive():
            _stop_group(self.process)
        else:
            with contextlib.suppress(ProcessLookupError):  # its children may outlive it
                os.killpg(self.process.pid, signal.SIGKILL)
        self._log.close()


def _stop_group(process: subprocess.Popen, grace: float = 15.0) -> None:
    """SIGTERM to the line's process group, SIGKILL to what is left after ``grace``."""
    try:
        os.killpg(process.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=grace)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def wait_for_http(url: str, server: Background, timeout: float) -> tuple[int | None, str]:
    """Poll ``url`` until it answers 200 or ``timeout``; (the last status, why not)."""
    deadline = time.monotonic() + timeout
    status: int | None = None
    why = f"no answer within {timeout:.0f} s"
    while time.monotonic() < deadline:
        if not server.alive():
            return status, f"exited with status {server.process.returncode}"
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                status = response.status
        except urllib.error.HTTPError as exc:
            status, why = exc.code, f"HTTP {exc.code}"
        except (urllib.error.URLError, OSError):
            pass
        if status == 200:
            return 200, ""
        time.sleep(0.5)
    return status, why


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def port_is_free(port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def error_line(stdout: str, stderr: str) -> str:
    """The line that says what went wrong: a traceback's last line (the exception), else
    the first line of stderr that reads like an error, else its first line, else stdout's."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    if TRACEBACK in stderr:
        after = stderr[stderr.rindex(TRACEBACK) :].splitlines()
        exception = [line for line in after if line and not line.startswith((" ", "\t"))]
        if len(exception) > 1:  # [0] is the "Traceback" line itself
            return exception[1].strip()
    for line in lines:
        if any(word in line.lower() for word in _ERROR_WORDS):
            return line
    if lines:
        return lines[0]
    out = [line.strip() for line in stdout.splitlines() if line.strip()]
    return out[0] if out else ""
