"""Shared by the webhook tests: a real HTTP receiver on 127.0.0.1 that records every POST.

Loopback is allowed for them (``INGEST_ALLOW_LOOPBACK``), which is the only thing the
address guard ever relaxes.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler

import pytest

from tests.claims.ingestion.conftest import QuietHTTPServer


@dataclass
class Receiver:
    port: int
    status: int = 200
    requests: list[tuple[dict[str, str], bytes]] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hook"


def serve(receiver: Receiver) -> QuietHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format, *args):
            pass

        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            receiver.requests.append((dict(self.headers.items()), body))
            self.send_response(receiver.status)
            self.send_header("Content-Length", "0")
            self.end_headers()

    httpd = QuietHTTPServer(("127.0.0.1", receiver.port), Handler)
    receiver.port = httpd.server_address[1]
    threading.Thread(
        target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    ).start()
    return httpd


@pytest.fixture
def loopback(settings):
    settings.INGEST_ALLOW_LOOPBACK = True
    settings.WEBHOOK_TIMEOUT_SECONDS = 3.0


@pytest.fixture
def receiver(loopback) -> Iterator[Receiver]:
    rec = Receiver(port=0)
    httpd = serve(rec)
    yield rec
    httpd.shutdown()
    httpd.server_close()
