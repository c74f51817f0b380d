"""A real HTTP server on the loopback interface, serving the pages that ingestion must cope
with: good articles, redirects and loops, stalls, endless and lying bodies, wrong types.

Real sockets on purpose: the address guard lives in the network backend, so only a real
connection proves it. Nothing here reaches the internet; "public" hosts are names that a
monkeypatched resolver maps onto the loopback server.
"""

from __future__ import annotations

import contextlib
import gzip
import ipaddress
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import httpcore
import pytest

from claims import netguard

ARTICLE_HTML = """<!doctype html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Buffer zone plan | The Daily Planet</title>
<meta property="og:site_name" content="The Daily Planet">
<meta name="author" content="Lois Lane">
<meta property="article:published_time" content="2024-03-05T14:30:00+01:00">
<link rel="canonical" href="https://news.example/world/buffer-zone">
<script>var tracking = "<p>not article text</p>";</script>
</head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article>
<h1>Europe weighs a buffer zone</h1>
<p>A buffer zone of 40 kilometres is being discussed, according to EU sources in Brussels.</p>
<p>"This is a turning point," the NATO secretary general said on Tuesday after the talks.</p>
<p>Diplomatic sources familiar with the matter said the plan would need 5,000 troops.</p>
</article>
<footer>Copyright 2024 The Daily Planet</footer>
</body></html>
"""
GZIP_BOMB = gzip.compress(b"\0" * (20 * 1024 * 1024), compresslevel=9)


class QuietHTTPServer(ThreadingHTTPServer):
    """Clients hanging up mid-response is the point of several tests; do not print it."""

    daemon_threads = True
    block_on_close = False

    def handle_error(self, request, client_address) -> None:
        pass


@dataclass
class Server:
    host: str
    port: int
    requests: list[tuple[str, str]] = field(default_factory=list)  # (path, Host header)

    def url(self, path: str = "/", *, host: str | None = None) -> str:
        return f"http://{host or self.host}:{self.port}{path}"


def _make_handler(stop: threading.Event, server: Server) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:  # keep test output quiet
            pass

        def _send(
            self,
            status: int,
            body: bytes = b"",
            *,
            content_type: str | None = "text/html; charset=utf-8",
            headers: dict[str, str] | None = None,
            length: int | None = None,
        ) -> None:
            self.send_response(status)
            if content_type:
                self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body) if length is None else length))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            with contextlib.suppress(OSError):  # the client may hang up first
                self.wfile.write(body)

        def _redirect(self, location: str, status: int = 302) -> None:
            self._send(status, b"", headers={"Location": location})

        def _endless(self) -> None:
            """Write until the client hangs up (or the test ends)."""
            chunk = b"<p>" + b"x" * 65536 + b"</p>"
            try:
                while not stop.is_set():
                    self.wfile.write(chunk)
            except OSError:
                pass
            self.close_connection = True

        def do_GET(self) -> None:
            server.requests.append((self.path, self.headers.get("Host", "")))
            path = self.path.split("?")[0]
            routes: dict[str, Callable[[], None]] = {
                "/article": lambda: self._send(200, ARTICLE_HTML.encode()),
                "/plain": lambda: self._send(
                    200, b"Plain text article.\n", content_type="text/plain"
                ),
                "/latin1": lambda: self._send(
                    200,
                    "<html><body><p>Caf\xe9 cr\xe8me</p></body></html>".encode("latin-1"),
                    content_type="text/html; charset=ISO-8859-1",
                ),
                "/meta-charset": lambda: self._send(
                    200,
                    b'<html><head><meta charset="windows-1252"></head>'
                    b"<body><p>\x93Quoted\x94</p></body></html>",
                    content_type="text/html",
                ),
                "/gzip": lambda: self._send(
                    200, gzip.compress(ARTICLE_HTML.encode()), headers={"Content-Encoding": "gzip"}
                ),
                "/gzip-bomb": lambda: self._send(
                    200, GZIP_BOMB, headers={"Content-Encoding": "gzip"}
                ),
                "/brotli": lambda: self._send(200, b"xx", headers={"Content-Encoding": "br"}),
                "/pdf": lambda: self._send(200, b"%PDF-1.7\n...", content_type="application/pdf"),
                "/no-type": lambda: self._send(200, b"<p>hi</p>", content_type=None),
                "/huge": lambda: self._send(200, b"a" * (300 * 1024)),
                "/claims-huge": lambda: self._send(200, b"small", length=50 * 1024 * 1024),
                "/lying-length": self._lying_length,
                "/endless": self._endless_response,
                "/endless-chunked": self._endless_chunked,
                "/stall": self._stall,
                "/trickle": self._trickle,
                "/trickle-headers": self._trickle_headers,
                "/loop/a": lambda: self._redirect("/loop/b"),
                "/loop/b": lambda: self._redirect("/loop/a"),
                "/self": lambda: self._redirect("/self"),
                "/no-location": lambda: self._send(302, b""),
                "/to-metadata": lambda: self._redirect("http://169.254.169.254/latest/meta-data/"),
                "/to-file": lambda: self._redirect("file:///etc/passwd"),
                "/to-loopback": lambda: self._redirect(f"http://127.0.0.1:{server.port}/article"),
                "/to-internal-name": lambda: self._redirect(
                    f"http://internal.test:{server.port}/article"
                ),
                "/status/404": lambda: self._send(404, b"not here"),
                "/status/500": lambda: self._send(500, b"oops"),
                "/status/503": lambda: self._send(503, b"busy", headers={"Retry-After": "7"}),
                "/status/429": lambda: self._send(429, b"slow down"),
            }
            if path.startswith("/redirect/"):
                # /redirect/3 -> /redirect/2 -> /redirect/1 -> /redirect/0 -> /article
                remaining = int(path.rsplit("/", 1)[1])
                target = "/article" if remaining <= 0 else f"/redirect/{remaining - 1}"
                status = (301, 302, 303, 307, 308)[remaining % 5]
                return self._redirect(target, status)
            if path == "/goto":  # /goto?url=<anywhere>: a redirect to the address given
                return self._redirect(parse_qs(urlsplit(self.path).query)["url"][0])
            if path.startswith("/counter/"):  # endless chain of distinct URLs, never a loop
                return self._redirect(f"/counter/{int(path.rsplit('/', 1)[1]) + 1}")
            route = routes.get(path)
            if route is None:
                return self._send(404, b"no such route")
            return route()

        def _lying_length(self) -> None:
            # Claims 100 bytes, then sends far more than the cap and closes.
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "100")
            self.send_header("Connection", "close")
            self.end_headers()
            self._endless()

        def _endless_response(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Connection", "close")
            self.end_headers()
            self._endless()

        def _endless_chunked(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            chunk = b"y" * 65536
            try:
                while not stop.is_set():
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            except OSError:
                pass
            self.close_connection = True

        def _stall(self) -> None:
            stop.wait(10)  # says nothing at all
            self.close_connection = True

        def _trickle(self) -> None:
            # Headers at once, then one byte every 0.2 s: never trips a read timeout.
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "100000")
            self.end_headers()
            try:
                while not stop.wait(0.2):
                    self.wfile.write(b"x")
                    self.wfile.flush()
            except OSError:
                pass
            self.close_connection = True

        def _trickle_headers(self) -> None:
            # The status line, then header bytes one at a time: the body never starts.
            try:
                self.wfile.write(b"HTTP/1.1 200 OK\r\nX-Slow: ")
                self.wfile.flush()
                while not stop.wait(0.2):
                    self.wfile.write(b"a")
                    self.wfile.flush()
            except OSError:
                pass
            self.close_connection = True

    return Handler


def _serve(host: str) -> Iterator[Server]:
    stop = threading.Event()
    info = Server(host=host, port=0)
    httpd = QuietHTTPServer((host, 0), _make_handler(stop, info))
    info.port = httpd.server_address[1]
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    try:
        yield info
    finally:
        stop.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


@pytest.fixture
def server() -> Iterator[Server]:
    """A server on 127.0.0.1: only reachable when loopback is allowed."""
    yield from _serve("127.0.0.1")


@pytest.fixture
def loopback(settings) -> None:
    settings.INGEST_ALLOW_LOOPBACK = True


@pytest.fixture
def no_loopback(settings) -> None:
    settings.INGEST_ALLOW_LOOPBACK = False


@pytest.fixture
def public_server(monkeypatch, no_loopback) -> Iterator[Server]:
    """A server on 127.0.0.2 that the guard treats as a public internet address.

    Loopback stays forbidden, so 127.0.0.1 (and everything else non-public) is refused,
    while this one stand-in for "a news site" can be reached. That lets a test start at an
    allowed page and be redirected somewhere forbidden.
    """
    real = netguard.is_public_address

    def fake_is_public(ip, *, allow_loopback=False):
        if str(ip) == "127.0.0.2":
            return True
        return real(ip, allow_loopback=allow_loopback)

    monkeypatch.setattr(netguard, "is_public_address", fake_is_public)
    yield from _serve("127.0.0.2")


@dataclass
class FakeDNS:
    """Host name -> answers. Names not in the map do not exist. Change an answer between
    requests to simulate DNS rebinding; every lookup is recorded."""

    answers: dict[str, list[str]] = field(default_factory=dict)
    lookups: list[str] = field(default_factory=list)

    def resolve(self, host: str, port: int) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
        self.lookups.append(host)
        try:
            return [ipaddress.ip_address(host)]
        except ValueError:
            pass
        if host not in self.answers:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return [ipaddress.ip_address(a) for a in self.answers[host]]


@pytest.fixture
def fake_dns(monkeypatch) -> FakeDNS:
    dns = FakeDNS()
    monkeypatch.setattr(netguard, "resolve", dns.resolve)
    return dns


@pytest.fixture
def connect_log(monkeypatch) -> list[str]:
    """Every IP the guarded backend actually opened a socket to."""
    log: list[str] = []
    real = httpcore.SyncBackend.connect_tcp

    def spy(self, host, port, *args, **kwargs):
        log.append(host)
        return real(self, host, port, *args, **kwargs)

    monkeypatch.setattr(httpcore.SyncBackend, "connect_tcp", spy)
    return log


@pytest.fixture
def elapsed() -> Callable[[], float]:
    start = time.monotonic()
    return lambda: time.monotonic() - start
