"""The outbound address guard: what may be connected to, judged when the socket is opened."""

from __future__ import annotations

import ipaddress
import shutil
import socket
import ssl
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlencode

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claims import netguard
from claims.ingestion import fetch

BLOCKED = [
    "127.0.0.1",
    "127.255.255.254",
    "0.0.0.0",
    "0.1.2.3",
    "10.0.0.1",
    "100.64.0.1",
    "100.127.255.254",
    "169.254.169.254",
    "172.16.0.1",
    "172.31.255.255",
    "192.0.0.1",
    "192.0.2.1",
    "192.168.1.1",
    "198.18.0.1",
    "198.51.100.1",
    "203.0.113.1",
    "224.0.0.1",
    "239.255.255.250",
    "240.0.0.1",
    "255.255.255.255",
    "::",
    "::1",
    "::127.0.0.1",  # IPv4-compatible (deprecated)
    "::ffff:127.0.0.1",  # IPv4-mapped loopback
    "::ffff:169.254.169.254",
    "::ffff:10.0.0.1",
    "64:ff9b::a9fe:a9fe",  # NAT64 of 169.254.169.254
    "64:ff9b:1::1",
    "100::1",
    "2001::1",  # Teredo
    "2001:db8::1",
    "2002:7f00:1::1",  # 6to4 of 127.0.0.1
    "fc00::1",
    "fd12:3456::1",
    "fe80::1",
    "fe80::1%1",
    "fec0::1",
    "ff02::1",
    "not an address",
]
PUBLIC = ["93.184.216.34", "8.8.8.8", "1.1.1.1", "2606:4700:4700::1111", "::ffff:8.8.8.8"]


@pytest.mark.parametrize("address", BLOCKED)
def test_non_public_addresses_are_refused(address):
    assert not netguard.is_public_address(address)


@pytest.mark.parametrize("address", PUBLIC)
def test_public_addresses_are_allowed(address):
    assert netguard.is_public_address(address)


@pytest.mark.parametrize("address", ["127.0.0.1", "127.8.9.10", "::1", "::ffff:127.0.0.1"])
def test_allow_loopback_opens_loopback(address):
    assert netguard.is_public_address(address, allow_loopback=True)


@pytest.mark.parametrize(
    "address",
    ["10.0.0.1", "169.254.169.254", "0.0.0.0", "::", "fe80::1", "fc00::1", "192.168.0.1"],
)
def test_allow_loopback_opens_nothing_else(address):
    assert not netguard.is_public_address(address, allow_loopback=True)


def test_check_address_reads_the_setting_each_time(settings):
    settings.INGEST_ALLOW_LOOPBACK = True
    netguard.check_address("127.0.0.1", host="localhost")
    settings.INGEST_ALLOW_LOOPBACK = False
    with pytest.raises(netguard.AddressNotAllowed, match="not on the public internet"):
        netguard.check_address("127.0.0.1", host="localhost")


@pytest.mark.parametrize(
    ("url", "error"),
    [
        ("file:///etc/passwd", netguard.SchemeNotAllowed),
        ("ftp://example.com/file.txt", netguard.SchemeNotAllowed),
        ("data:text/html,<p>hi</p>", netguard.SchemeNotAllowed),
        ("javascript:alert(1)", netguard.SchemeNotAllowed),
        ("gopher://example.com/", netguard.SchemeNotAllowed),
        ("example.com/article", netguard.SchemeNotAllowed),
        ("http://user:pass@example.com/", netguard.CredentialsNotAllowed),
        ("http://user@example.com/", netguard.CredentialsNotAllowed),
        ("http:///no-host", netguard.MalformedURL),
        ("http://[::1/", netguard.MalformedURL),
        ("http://exa mple.com/", netguard.MalformedURL),
        ("http://evil.com%00.example/", netguard.MalformedURL),
        ("http://169.254.169.254/latest/meta-data/", netguard.AddressNotAllowed),
        ("http://[::ffff:169.254.169.254]/", netguard.AddressNotAllowed),
        ("http://[::1]:8000/", netguard.AddressNotAllowed),
    ],
)
def test_check_url_refuses_early_what_the_url_alone_shows(url, error, no_loopback):
    with pytest.raises(error):
        netguard.check_url(url)


def test_check_url_leaves_names_to_connect_time():
    # A name is not judged here: only what it resolves to when connecting counts.
    netguard.check_url("http://localhost/")
    netguard.check_url("https://news.example/article")


def _get(url: str, **kwargs) -> httpx.Response:
    with netguard.guarded_client(timeout=2.0, **kwargs) as client:
        return client.get(url)


def test_name_resolving_to_a_private_address_is_refused_before_any_socket_opens(
    fake_dns, connect_log, no_loopback
):
    fake_dns.answers["intranet.test"] = ["10.1.2.3"]
    with pytest.raises(netguard.AddressNotAllowed) as caught:
        _get("http://intranet.test/")
    assert caught.value.address == "10.1.2.3"
    assert connect_log == []


def test_one_private_answer_among_public_ones_refuses_the_host(fake_dns, connect_log, no_loopback):
    fake_dns.answers["mixed.test"] = ["93.184.216.34", "169.254.169.254"]
    with pytest.raises(netguard.AddressNotAllowed):
        _get("http://mixed.test/")
    assert connect_log == []


def test_connects_to_the_validated_ip_and_keeps_the_host_name(
    fake_dns, connect_log, server, loopback
):
    fake_dns.answers["news.test"] = ["127.0.0.1"]
    response = _get(server.url("/article", host="news.test"))
    assert response.status_code == 200
    assert connect_log == ["127.0.0.1"]  # the literal, so no second lookup can happen
    assert server.requests[-1] == ("/article", f"news.test:{server.port}")


# --- check_host: the same judgement at submission, before anything is stored ------------
@pytest.mark.parametrize(
    ("answers", "error"),
    [
        (["10.1.2.3"], netguard.AddressNotAllowed),
        (["93.184.216.34", "169.254.169.254"], netguard.AddressNotAllowed),
        ([], netguard.HostNotFound),
        (None, netguard.HostNotFound),  # no such name
    ],
)
def test_check_host_refuses_what_a_connection_would(fake_dns, no_loopback, answers, error):
    if answers is not None:
        fake_dns.answers["site.test"] = answers
    with pytest.raises(error):
        netguard.check_host("https://site.test:8443/page", timeout=2.0)
    assert fake_dns.lookups == ["site.test"]


def test_check_host_passes_public_names_and_leaves_literals_to_check_url(fake_dns, no_loopback):
    fake_dns.answers["news.test"] = ["93.184.216.34", "2606:2800:220:1::1"]
    netguard.check_host("https://news.test/story", timeout=2.0)
    netguard.check_host("http://10.0.0.1/", timeout=2.0)  # check_url's to refuse
    netguard.check_host("http://[::1]/", timeout=2.0)
    netguard.check_host("http://2130706433/", timeout=2.0)
    assert fake_dns.lookups == ["news.test"]


def test_check_host_calls_a_resolver_failure_by_its_name(monkeypatch):
    def failing(host, port):
        raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")

    monkeypatch.setattr(netguard, "resolve", failing)
    with pytest.raises(netguard.ResolutionFailed):
        netguard.check_host("https://news.test/", timeout=2.0)


def test_dns_rebinding_to_a_private_address_is_refused_at_connect_time(
    fake_dns, connect_log, public_server
):
    # First answer: the "public" server. Then the attacker's DNS flips to loopback.
    fake_dns.answers["rebind.test"] = ["127.0.0.2"]
    assert _get(public_server.url("/article", host="rebind.test")).status_code == 200
    fake_dns.answers["rebind.test"] = ["127.0.0.1"]
    with pytest.raises(netguard.AddressNotAllowed):
        _get(public_server.url("/article", host="rebind.test"))
    assert connect_log == ["127.0.0.2"]


@pytest.mark.parametrize("host", ["2130706433", "0x7f.1", "127.1", "017700000001"])
def test_numeric_spellings_of_loopback_are_refused(host, server, no_loopback):
    # Real resolver: these spellings all mean 127.0.0.1 to inet_aton.
    with pytest.raises(netguard.AddressNotAllowed, match=r"\(127\.0\.0\.1\)"):
        _get(f"http://{host}:{server.port}/article")
    assert server.requests == []


def test_unknown_host_is_reported_as_not_found(fake_dns):
    with pytest.raises(netguard.HostNotFound):
        _get("http://does-not-exist.test/")


def test_proxy_environment_variables_are_ignored(monkeypatch, server, no_loopback):
    # With trust_env a proxy transport would be mounted, judged by the proxy's address.
    monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{server.port}")
    monkeypatch.setenv("ALL_PROXY", f"http://127.0.0.1:{server.port}")
    with pytest.raises(netguard.AddressNotAllowed):
        _get(server.url("/article"))
    assert server.requests == []


def test_unix_sockets_are_refused():
    backend = netguard.GuardedBackend()
    with pytest.raises(netguard.AddressNotAllowed):
        backend.connect_unix_socket("/var/run/docker.sock")


# --- TLS: connecting to an IP must not weaken certificate checks ------------------------
@pytest.fixture(scope="module")
def tls_files(tmp_path_factory) -> dict[str, Path]:
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    d = tmp_path_factory.mktemp("tls")

    def run(*args: str) -> None:
        subprocess.run(["openssl", *args], cwd=d, check=True, capture_output=True)

    run("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem",
        "-days", "2", "-subj", "/CN=Test CA")  # fmt: skip
    run("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "leaf.key", "-out", "leaf.csr",
        "-subj", "/CN=secure.test")  # fmt: skip
    (d / "ext.cnf").write_text("subjectAltName=DNS:secure.test\n")
    run("x509", "-req", "-in", "leaf.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
        "-CAcreateserial", "-out", "leaf.pem", "-days", "2", "-extfile", "ext.cnf")  # fmt: skip
    return {"ca": d / "ca.pem", "cert": d / "leaf.pem", "key": d / "leaf.key"}


@pytest.fixture
def tls_server(tls_files):
    sni_seen: list[str | None] = []

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            body = b"<p>secure</p>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(tls_files["cert"], tls_files["key"])
    context.sni_callback = lambda sock, name, ctx: sni_seen.append(name)

    class QuietServer(ThreadingHTTPServer):
        daemon_threads = True

        def handle_error(self, request, client_address):
            pass  # the wrong-certificate test makes the handshake fail on purpose

    httpd = QuietServer(("127.0.0.1", 0), Handler)
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    yield httpd.server_address[1], sni_seen
    httpd.shutdown()
    httpd.server_close()


def test_tls_uses_the_host_name_for_sni_and_certificate(fake_dns, tls_files, tls_server, loopback):
    port, sni_seen = tls_server
    fake_dns.answers["secure.test"] = ["127.0.0.1"]
    fake_dns.answers["other.test"] = ["127.0.0.1"]
    context = ssl.create_default_context(cafile=str(tls_files["ca"]))

    response = _get(f"https://secure.test:{port}/", ssl_context=context)
    assert response.text == "<p>secure</p>"
    assert sni_seen == ["secure.test"]

    # Same IP, wrong name: the certificate does not match, so the connection fails.
    with pytest.raises(httpx.ConnectError, match="certificate"):
        _get(f"https://other.test:{port}/", ssl_context=context)


def test_tls_with_the_system_store_rejects_an_unknown_authority(fake_dns, tls_server, loopback):
    port, _ = tls_server
    fake_dns.answers["secure.test"] = ["127.0.0.1"]
    with pytest.raises(httpx.ConnectError, match="certificate"):
        _get(f"https://secure.test:{port}/")


def test_fetch_maps_guard_refusals_to_fetch_errors(fake_dns, no_loopback, caplog):
    fake_dns.answers["metadata.test"] = ["169.254.169.254"]
    with pytest.raises(fetch.BlockedAddress) as caught:
        fetch.fetch_url("http://metadata.test/latest/meta-data/")
    assert caught.value.message == fetch.ADDRESS_REFUSED
    assert "metadata.test (169.254.169.254)" in caplog.text  # the detail is for the log


# --- Numeric spellings of IPv4 addresses, refused from the URL alone --------------------
@pytest.mark.parametrize(
    ("host", "meant"),
    [
        ("2130706433", "127.0.0.1"),  # decimal
        ("0x7f000001", "127.0.0.1"),  # hexadecimal
        ("0177.0.0.1", "127.0.0.1"),  # octal
        ("0177.1", "127.0.0.1"),
        ("0x7f.1", "127.0.0.1"),
        ("0X7F.0.0.1", "127.0.0.1"),
        ("127.1", "127.0.0.1"),
        ("127.0.1", "127.0.0.1"),
        ("127.000.000.001", "127.0.0.1"),
        ("127.0.0.1.", "127.0.0.1"),  # trailing dot
        ("017700000001", "127.0.0.1"),
        ("0", "0.0.0.0"),
        ("10.1", "10.0.0.1"),
        ("3232235521", "192.168.0.1"),
        ("0xa9.0xfe.0xa9.0xfe", "169.254.169.254"),
        ("0251.0376.0251.0376", "169.254.169.254"),
        ("2852039166", "169.254.169.254"),
    ],
)
def test_numeric_spellings_of_forbidden_addresses_are_refused_early(host, meant, no_loopback):
    assert netguard.numeric_ipv4(host) == ipaddress.IPv4Address(meant)
    with pytest.raises(netguard.AddressNotAllowed) as caught:
        netguard.check_url(f"http://{host}/latest/meta-data/")
    assert caught.value.address == meant


@pytest.mark.parametrize("host", ["134744072", "0x8.0x8.0x8.0x8", "010.010.010.010", "1.1"])
def test_numeric_spellings_of_public_addresses_pass_the_early_check(host):
    netguard.check_url(f"http://{host}/")


@pytest.mark.parametrize(
    "host", ["999.1.1.1", "08.0.0.1", "1.2.3.4.5", "4294967296", "1.16777216", "0x1g.1"]
)
def test_numeric_hosts_that_are_no_address_are_malformed(host):
    # 0x1g is not numeric at all: a plain (if odd) host name, judged after resolution.
    if host == "0x1g.1":
        assert netguard.numeric_ipv4(host) is None
        return
    with pytest.raises(netguard.MalformedURL):
        netguard.check_url(f"http://{host}/")


@pytest.mark.parametrize("host", ["example.com", "1e100.net", "123.example", "xn--bcher-kva.ch"])
def test_host_names_are_not_numeric(host):
    assert netguard.numeric_ipv4(host) is None


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(
    value=st.integers(min_value=0, max_value=2**32 - 1),
    parts=st.integers(min_value=1, max_value=4),
    bases=st.lists(st.sampled_from(["dec", "hex", "oct"]), min_size=4, max_size=4),
)
def test_numeric_ipv4_agrees_with_the_c_resolver(value, parts, bases):
    # Spell one address in 1 to 4 parts, each in its own base, as an attacker might.
    raw = value.to_bytes(4, "big")
    numbers = [*raw[: parts - 1], int.from_bytes(raw[parts - 1 :], "big")]
    spell = {"dec": str, "hex": lambda n: hex(n), "oct": lambda n: "0" + format(n, "o")}
    host = ".".join(spell[base](n) for base, n in zip(bases, numbers, strict=False))
    ours = netguard.numeric_ipv4(host)
    assert ours == ipaddress.IPv4Address(value)
    assert socket.inet_aton(host) == raw


# --- Redirects into forbidden addresses, every spelling -----------------------------------
@pytest.mark.parametrize(
    "target",
    [
        "http://127.0.0.1:{port}/article",
        "http://localhost:{port}/article",
        "http://2130706433:{port}/article",
        "http://0177.0.0.1:{port}/article",
        "http://0x7f.1:{port}/article",
        "http://127.1:{port}/article",
        "http://[::1]:{port}/article",
        "http://[::ffff:127.0.0.1]:{port}/article",
        "http://[::ffff:7f00:1]:{port}/article",
        "http://[0:0:0:0:0:ffff:127.0.0.1]:{port}/article",
        "http://[::127.0.0.1]:{port}/article",
        "http://[64:ff9b::7f00:1]:{port}/article",
        "http://[2002:7f00:1::1]:{port}/article",
        "http://[fe80::1]:{port}/article",
        "http://[fc00::1]:{port}/article",
        "http://10.0.0.1:{port}/article",
        "http://192.168.0.1:{port}/article",
        "http://0xa9fea9fe/latest/meta-data/",
        "http://[::ffff:a9fe:a9fe]/latest/meta-data/",
    ],
)
def test_redirects_into_forbidden_addresses_are_refused(target, public_server, server, no_loopback):
    # The first hop is an allowed "public" server; it redirects into the forbidden one.
    location = target.format(port=server.port)
    with pytest.raises((fetch.BlockedAddress, fetch.HostNotFound)) as caught:
        fetch.fetch_url(public_server.url("/goto?" + urlencode({"url": location})))
    assert isinstance(caught.value, fetch.BlockedAddress), caught.value
    assert [path for path, _host in public_server.requests] == [
        "/goto?" + urlencode({"url": location})
    ]
    assert server.requests == []  # the loopback server never saw a request


def test_the_same_redirect_is_followed_when_loopback_is_allowed(public_server, server, settings):
    # The control for the test above: the refusal comes from the guard, not the route.
    settings.INGEST_ALLOW_LOOPBACK = True
    page = fetch.fetch_url(
        public_server.url("/goto?" + urlencode({"url": f"http://2130706433:{server.port}/article"}))
    )
    assert page.status_code == 200
    assert [path for path, _host in server.requests] == ["/article"]


@pytest.mark.parametrize("allow_loopback", [True, False])
def test_a_redirect_httpx_cannot_parse_is_refused_not_retried(
    allow_loopback, public_server, server, settings
):
    # httpx raises a transport error for a Location it cannot parse, which would make the
    # task retry a page that will never work. Allowed or not, it is a permanent refusal.
    settings.INGEST_ALLOW_LOOPBACK = allow_loopback
    location = f"http://0177.0.0.1:{server.port}/article"
    with pytest.raises(fetch.RefusedURL) as caught:
        fetch.fetch_url(public_server.url("/goto?" + urlencode({"url": location})))
    assert not isinstance(caught.value, fetch.TemporaryFetchError)
    assert isinstance(caught.value, fetch.BlockedAddress) is not allow_loopback
    assert server.requests == []
