"""Container health check: ``python -m factcheck.probe /readyz [port]``; exit 0 when it is 200.

Run inside the web container against gunicorn on loopback, as a browser behind the proxy
would be seen: with a Host from ``ALLOWED_HOSTS`` (a request for ``127.0.0.1`` would be
refused with 400 when it is not listed) and ``X-Forwarded-Proto: https`` (the proxy header
the settings trust; without it ``SECURE_SSL_REDIRECT`` answers 301). It uses the standard
library only and does not start Django.
"""

from __future__ import annotations

import os
import sys
import urllib.error
import urllib.request


def probe_host(allowed_hosts: str | None) -> str:
    """A Host header that ALLOWED_HOSTS accepts: its first concrete entry."""
    for entry in (allowed_hosts or "").split(","):
        entry = entry.strip().lstrip(".")
        if entry and entry != "*":
            return entry
    return "localhost"


def probe(path: str, port: int = 8000, timeout: float = 5.0) -> tuple[int, bytes]:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}",
        headers={
            "Host": probe_host(os.environ.get("ALLOWED_HOSTS")),
            "X-Forwarded-Proto": "https",
            "User-Agent": "factcheck-probe",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def main(argv: list[str]) -> int:
    path = argv[1] if len(argv) > 1 else "/healthz"
    port = int(argv[2]) if len(argv) > 2 else 8000
    try:
        status, body = probe(path, port)
    except OSError as exc:
        print(f"{path}: {exc}", file=sys.stderr)
        return 1
    if status != 200:
        print(f"{path}: {status} {body[:500].decode('utf-8', 'replace')}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
