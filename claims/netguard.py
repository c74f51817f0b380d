"""The one outbound address guard of the app: every server-side request to a URL that a user
chose (article fetching, webhook deliveries) goes through a client made here.

Why a guard at *connect time*: checking a URL's host before the request is not enough. DNS
can answer differently on the second lookup (rebinding), a public page can redirect to
``http://169.254.169.254/``, and numeric spellings (``http://2130706433/``, ``0x7f.1``,
``[::ffff:127.0.0.1]``) slip past string checks. So the httpcore network backend below
resolves the host itself, refuses the connection unless *every* resolved address is public,
and connects to the validated IP literal. TLS still uses the hostname (httpcore passes it
as ``server_hostname`` to ``start_tls``), so SNI and certificate checks are unchanged.

Only ``settings.INGEST_ALLOW_LOOPBACK`` relaxes the rule, and only for 127.0.0.0/8 and ::1,
so tests can serve pages from a thread on the loopback interface. Nothing else is ever
allowed; there is deliberately no allow-list for private networks.
"""

from __future__ import annotations

import ipaddress
import re
import socket
import ssl
import threading
import time
import typing
from collections.abc import Iterable
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx
from django.conf import settings

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

ALLOWED_SCHEMES = frozenset({"http", "https"})
_ASCII_HOST = re.compile(r"[a-z0-9_-]+(\.[a-z0-9_-]+)*\.?")

# Written out instead of trusting only ``ipaddress.is_global``: the stdlib tables changed
# between Python patch releases, and the guard must not depend on which one is installed.
_BLOCKED_V4 = tuple(
    ipaddress.IPv4Network(net)
    for net in (
        "0.0.0.0/8",  # "this network", includes the unspecified address
        "10.0.0.0/8",  # private
        "100.64.0.0/10",  # shared address space (carrier-grade NAT)
        "127.0.0.0/8",  # loopback
        "169.254.0.0/16",  # link-local, cloud metadata services live here
        "172.16.0.0/12",  # private
        "192.0.0.0/24",  # IETF protocol assignments
        "192.0.2.0/24",  # documentation
        "192.88.99.0/24",  # deprecated 6to4 relay anycast
        "192.168.0.0/16",  # private
        "198.18.0.0/15",  # benchmarking
        "198.51.100.0/24",  # documentation
        "203.0.113.0/24",  # documentation
        "224.0.0.0/4",  # multicast
        "240.0.0.0/4",  # reserved, includes broadcast
    )
)
_BLOCKED_V6 = tuple(
    ipaddress.IPv6Network(net)
    for net in (
        "::/8",  # reserved: unspecified, loopback, IPv4-compatible (mapped is unwrapped first)
        "64:ff9b:1::/48",  # local-use NAT64
        "100::/64",  # discard-only
        "2001::/23",  # IETF protocol assignments, includes Teredo
        "2001:db8::/32",  # documentation
        "2002::/16",  # 6to4: tunnels to an embedded IPv4 address we would have to trust
        "3fff::/20",  # documentation
        "5f00::/16",  # segment routing
        "fc00::/7",  # unique local (private)
        "fe80::/10",  # link-local
        "fec0::/10",  # deprecated site-local
        "ff00::/8",  # multicast
    )
)
# The well-known NAT64 prefix reaches the IPv4 address in its last 32 bits.
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
_LOOPBACK_V4 = ipaddress.IPv4Network("127.0.0.0/8")
_LOOPBACK_V6 = ipaddress.IPv6Address("::1")


class GuardError(Exception):
    """Base of the guard's errors. ``reason`` is a sentence fit to show a user."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class OutboundBlocked(GuardError):
    """A request the guard refused on purpose."""


class SchemeNotAllowed(OutboundBlocked):
    """The URL's scheme is not http or https (file:, ftp:, data:, javascript:, ...)."""


class MalformedURL(OutboundBlocked):
    """The text cannot be parsed as a URL with a host."""


class CredentialsNotAllowed(OutboundBlocked):
    """The URL carries a user name or password: we never send stored credentials anywhere."""


class AddressNotAllowed(OutboundBlocked):
    """The host is, or resolves to, an address that is not on the public internet."""

    def __init__(self, reason: str, *, host: str, address: str | None = None) -> None:
        super().__init__(reason)
        self.host = host
        self.address = address


class HostNotFound(GuardError):
    """DNS has no address for the host (a permanent failure, unlike a DNS timeout)."""

    def __init__(self, reason: str, *, host: str) -> None:
        super().__init__(reason)
        self.host = host


class ResolutionFailed(GuardError):
    """DNS could not answer just now (a resolver failure or a timeout): worth a retry."""

    def __init__(self, reason: str, *, host: str) -> None:
        super().__init__(reason)
        self.host = host


def loopback_allowed() -> bool:
    """Read at every connect, so pytest-django's ``settings`` fixture takes effect at once."""
    return bool(getattr(settings, "INGEST_ALLOW_LOOPBACK", False))


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address that an IPv4-mapped or NAT64 address really reaches, if any."""
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip in _NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def is_public_address(ip: IPAddress | str, *, allow_loopback: bool = False) -> bool:
    """True when a connection to ``ip`` may be made.

    Public means globally routable unicast. ``allow_loopback`` lets 127.0.0.0/8 and ::1
    through (tests only); it never opens private, link-local or any other range.
    """
    if isinstance(ip, str):
        try:
            ip = ipaddress.ip_address(ip)
        except ValueError:
            return False
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.scope_id:
            # A zone index only means something for link-local addresses, never public ones.
            return False
        embedded = _embedded_ipv4(ip)
        if embedded is not None:
            return is_public_address(embedded, allow_loopback=allow_loopback)
        if allow_loopback and ip == _LOOPBACK_V6:
            return True
        blocked: tuple[ipaddress.IPv4Network, ...] | tuple[ipaddress.IPv6Network, ...]
        blocked = _BLOCKED_V6
    else:
        if allow_loopback and ip in _LOOPBACK_V4:
            return True
        blocked = _BLOCKED_V4
    if any(ip in net for net in blocked):
        return False
    return ip.is_global and not ip.is_multicast


def check_address(ip: IPAddress | str, *, host: str, allow_loopback: bool | None = None) -> None:
    """Raise :class:`AddressNotAllowed` unless ``ip`` is public (see :func:`is_public_address`)."""
    if allow_loopback is None:
        allow_loopback = loopback_allowed()
    if not is_public_address(ip, allow_loopback=allow_loopback):
        shown = host if str(ip) == host else f"{host} ({ip})"
        raise AddressNotAllowed(
            f"Refused to connect to {shown}: the address is not on the public internet "
            "(loopback, private, link-local, multicast or reserved).",
            host=host,
            address=str(ip),
        )


def _host_literal(host: str) -> str:
    return host[1:-1] if host.startswith("[") and host.endswith("]") else host


# A host made only of numbers (decimal, 0x hex, 0-prefixed octal) separated by dots.
_NUMERIC_HOST = re.compile(r"(0x[0-9a-f]*|[0-9]+)(\.(0x[0-9a-f]*|[0-9]+))*\.?", re.IGNORECASE)


def numeric_ipv4(host: str) -> ipaddress.IPv4Address | None:
    """The IPv4 address that a numeric host spelling means, or None for a host name.

    Follows the WHATWG URL standard's IPv4 parser, which is what browsers do and what the
    C resolver's ``inet_aton`` accepts: ``2130706433``, ``0x7f.1``, ``0177.0.0.1`` and
    ``127.1`` all mean 127.0.0.1. Python's ``ipaddress`` refuses these forms, so without
    this they would reach DNS and only be judged at connect time. A numeric host that is
    not a valid address (``999.1.1.1``, ``08.1.1.1``, five parts) raises ``ValueError``.
    """
    if not _NUMERIC_HOST.fullmatch(host):
        return None
    parts = (host[:-1] if host.endswith(".") else host).split(".")
    if len(parts) > 4:
        raise ValueError(f"{host!r} has more than four numeric parts")
    numbers = []
    for part in parts:
        if part[:2].lower() == "0x":
            numbers.append(int(part[2:] or "0", 16))
        elif len(part) > 1 and part.startswith("0"):
            numbers.append(int(part, 8))  # ValueError for 08, 09
        else:
            numbers.append(int(part))
    *leading, last = numbers
    if any(n > 255 for n in leading) or last >= 256 ** (4 - len(leading)):
        raise ValueError(f"{host!r} is out of range for an IPv4 address")
    value = last
    for i, n in enumerate(leading):
        value += n << (8 * (3 - i))
    return ipaddress.IPv4Address(value)


def check_url(url: str) -> None:
    """Refuse what can be refused from the URL alone: scheme, credentials, a missing host,
    and hosts written as a forbidden IP literal (numeric IPv4 spellings included).

    This is an early, friendly check. It is not the security boundary: names are judged
    after resolution, by :func:`check_host` at submission and, what counts, at connect
    time by :class:`GuardedBackend`.
    """
    try:
        parts = urlsplit(url.strip())
        hostname = parts.hostname
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except (ValueError, AttributeError) as exc:
        raise MalformedURL(f"Not a valid web address: {url[:200]!r}.") from exc
    scheme = parts.scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        shown = f"{scheme}:" if scheme else "a URL without a scheme"
        raise SchemeNotAllowed(f"Only http and https addresses can be fetched, not {shown}.")
    if parts.username is not None or parts.password is not None or "@" in parts.netloc:
        raise CredentialsNotAllowed(
            "Addresses with a user name or password in them are not fetched."
        )
    if not hostname:
        raise MalformedURL(f"The address {url[:200]!r} has no host name.")
    try:
        literal: IPAddress | None = ipaddress.ip_address(_host_literal(hostname))
    except ValueError:
        try:
            literal = numeric_ipv4(hostname)
        except ValueError:
            raise MalformedURL(f"{hostname[:200]!r} is not a valid IPv4 address.") from None
    if literal is None:
        # Non-ASCII names are IDNA-encoded by httpx; ASCII ones must be plain host names, so
        # "exa mple.com" is refused here instead of being sent to DNS percent-encoded.
        if hostname.isascii() and not _ASCII_HOST.fullmatch(hostname):
            raise MalformedURL(f"{hostname[:200]!r} is not a valid host name.")
        return
    check_address(literal, host=hostname)


def resolve(host: str, port: int) -> list[IPAddress]:
    """Every address DNS gives for ``host``, in the resolver's order.

    Tests monkeypatch this function to simulate DNS answers (rebinding included).
    """
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP)
    addresses: list[IPAddress] = []
    for _family, _type, _proto, _canonname, sockaddr in infos:
        ip = ipaddress.ip_address(sockaddr[0])
        if ip not in addresses:
            addresses.append(ip)
    return addresses


def public_addresses(host: str, port: int, *, allow_loopback: bool) -> list[IPAddress]:
    """Every address of ``host``, once each is known to be public.

    All or nothing: a name that mixes public and private answers is an attack, not a
    misconfiguration to route around. Raises :class:`AddressNotAllowed`,
    :class:`HostNotFound` (no such name, or no address), or :class:`ResolutionFailed`.
    """
    try:
        addresses = resolve(host, port)
    except socket.gaierror as exc:
        if exc.errno in (socket.EAI_NONAME, getattr(socket, "EAI_NODATA", None)):
            raise HostNotFound(f"The host name {host!r} does not exist.", host=host) from exc
        # EAI_AGAIN and friends: the resolver is having a bad moment.
        raise ResolutionFailed(f"Could not resolve {host!r}: {exc}", host=host) from exc
    except UnicodeError as exc:
        raise HostNotFound(f"The host name {host!r} is not valid.", host=host) from exc
    if not addresses:
        raise HostNotFound(f"The host name {host!r} has no address.", host=host)
    for ip in addresses:
        check_address(ip, host=host, allow_loopback=allow_loopback)
    return addresses


def check_host(url: str, *, timeout: float, allow_loopback: bool | None = None) -> None:
    """Resolve the URL's host name now and refuse it unless every address is public: the
    check at submission, so a name for an internal host is refused as its address would be.

    Raises what :func:`public_addresses` raises, and :class:`ResolutionFailed` when DNS has
    not answered within ``timeout`` seconds. An IP literal is :func:`check_url`'s to judge
    and passes here. Not the security boundary either (DNS may answer differently at
    connect time); :class:`GuardedBackend` still judges every connection.
    """
    try:
        parsed = httpx.URL(url.strip())
        host = parsed.raw_host.decode("ascii")  # IDNA-encoded, as httpx will connect
    except (httpx.InvalidURL, UnicodeError) as exc:
        raise MalformedURL(f"Not a valid web address: {url[:200]!r}.") from exc
    host = _host_literal(host)
    try:
        ipaddress.ip_address(host)
        return
    except ValueError:
        pass
    try:
        if numeric_ipv4(host) is not None:
            return
    except ValueError:
        return  # not an address check_url accepts either
    if allow_loopback is None:
        allow_loopback = loopback_allowed()
    port = parsed.port or (443 if parsed.scheme == "https" else 80)
    outcome: list[BaseException | None] = []

    def lookup() -> None:
        try:
            public_addresses(host, port, allow_loopback=allow_loopback)
            outcome.append(None)
        except BaseException as exc:  # handed to the caller's thread as it is
            outcome.append(exc)

    # getaddrinfo has no timeout of its own, and a resolver that does not answer would hold
    # the web request for its own retries (5 s each, by default); a daemon thread does not
    # keep the process alive, and ends when the resolver gives up.
    worker = threading.Thread(target=lookup, name="netguard-check-host", daemon=True)
    worker.start()
    worker.join(timeout)
    if not outcome:
        raise ResolutionFailed(
            f"The host name {host!r} did not resolve within {timeout:g} seconds.", host=host
        )
    if outcome[0] is not None:
        raise outcome[0]


class _DeadlineStream(httpcore.NetworkStream):
    """Caps every read and write by the remaining wall-clock budget.

    Per-operation timeouts alone let a server that sends a byte every few seconds (headers
    included) hold a worker forever; this makes the whole exchange end on time.
    """

    def __init__(self, inner: httpcore.NetworkStream, deadline: float | None) -> None:
        self._inner = inner
        self._deadline = deadline

    def _budget(self, timeout: float | None, exc: type[Exception]) -> float | None:
        if self._deadline is None:
            return timeout
        remaining = self._deadline - time.monotonic()
        if remaining <= 0:
            raise exc("The overall time limit for this request was reached.")
        return remaining if timeout is None else min(timeout, remaining)

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, self._budget(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, self._budget(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self,
        ssl_context: typing.Any,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        inner = self._inner.start_tls(
            ssl_context, server_hostname, self._budget(timeout, httpcore.ConnectTimeout)
        )
        return _DeadlineStream(inner, self._deadline)

    def get_extra_info(self, info: str) -> typing.Any:
        return self._inner.get_extra_info(info)


class GuardedBackend(httpcore.NetworkBackend):
    """An httpcore network backend that only ever connects to validated public addresses.

    ``allow_loopback=None`` means "ask the settings at each connect". ``deadline`` is a
    ``time.monotonic()`` value after which no connect, read or write may start.
    """

    def __init__(self, *, allow_loopback: bool | None = None, deadline: float | None = None):
        self._allow_loopback = allow_loopback
        self._deadline = deadline
        self._inner = httpcore.SyncBackend()

    def _remaining(self, timeout: float | None) -> float | None:
        if self._deadline is None:
            return timeout
        remaining = self._deadline - time.monotonic()
        if remaining <= 0:
            raise httpcore.ConnectTimeout("The overall time limit for this request was reached.")
        return remaining if timeout is None else min(timeout, remaining)

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[typing.Any] | None = None,
    ) -> httpcore.NetworkStream:
        allow_loopback = (
            loopback_allowed() if self._allow_loopback is None else self._allow_loopback
        )
        host = _host_literal(host)
        try:
            addresses = public_addresses(host, port, allow_loopback=allow_loopback)
        except ResolutionFailed as exc:
            raise httpcore.ConnectError(exc.reason) from exc

        last_error: Exception | None = None
        for ip in addresses:
            try:
                stream = self._inner.connect_tcp(
                    str(ip),  # an IP literal: connecting cannot trigger another lookup
                    port,
                    timeout=self._remaining(timeout),
                    local_address=local_address,
                    socket_options=socket_options,
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last_error = exc
                continue
            peer = stream.get_extra_info("server_addr")
            if peer is not None:
                # Belt and braces: judge the address the socket really reached.
                try:
                    check_address(peer[0], host=host, allow_loopback=allow_loopback)
                except AddressNotAllowed:
                    stream.close()
                    raise
            return _DeadlineStream(stream, self._deadline)
        assert last_error is not None
        raise last_error

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[typing.Any] | None = None,
    ) -> httpcore.NetworkStream:
        raise AddressNotAllowed("Connections to local sockets are not allowed.", host=path)

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


class GuardedTransport(httpx.HTTPTransport):
    """httpx's own transport with the connection pool rebuilt on :class:`GuardedBackend`.

    Subclassing keeps httpx's request/response and exception mapping; only the pool, the
    part that opens sockets, is ours. No proxy is ever used: a proxy would make the guard
    judge the proxy's address instead of the destination's.
    """

    def __init__(
        self,
        *,
        allow_loopback: bool | None = None,
        deadline: float | None = None,
        ssl_context: ssl.SSLContext | None = None,
        limits: httpx.Limits | None = None,
    ) -> None:
        limits = limits or httpx.Limits(max_connections=10, max_keepalive_connections=5)
        # Certificates are always verified: there is no way to pass verify=False.
        ssl_context = ssl_context or httpx.create_ssl_context(trust_env=False)
        super().__init__(verify=ssl_context, trust_env=False, limits=limits)
        if not hasattr(self, "_pool"):  # pragma: no cover - guards against an httpx upgrade
            raise RuntimeError("httpx.HTTPTransport changed: GuardedTransport needs updating.")
        self._pool.close()
        self._pool = httpcore.ConnectionPool(
            ssl_context=ssl_context,
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            http1=True,
            http2=False,
            network_backend=GuardedBackend(allow_loopback=allow_loopback, deadline=deadline),
        )


def _check_redirect(response: httpx.Response) -> None:
    """A response hook for a redirect whose Location httpx cannot parse.

    httpx parses every Location header itself (to offer ``response.next_request``) and
    raises a transport error for one it cannot read, such as ``http://0177.0.0.1/``, which
    looks like a network hiccup worth retrying. Such a target is judged here instead: refused
    as forbidden if it is (see :func:`numeric_ipv4`), else as malformed. Targets httpx can
    read are left to the caller, which checks every hop it follows.
    """
    if not response.has_redirect_location:
        return
    location = response.headers["location"]
    try:
        response.request.url.join(location)
        return
    except httpx.InvalidURL:
        pass
    try:
        target = urljoin(str(response.request.url), location.strip())
    except ValueError:
        target = None
    if target is not None:
        check_url(target)
    raise MalformedURL(f"The server redirected to an invalid address: {location[:200]!r}.")


def guarded_client(
    *,
    timeout: float | httpx.Timeout,
    deadline: float | None = None,
    allow_loopback: bool | None = None,
    headers: dict[str, str] | None = None,
    ssl_context: ssl.SSLContext | None = None,
) -> httpx.Client:
    """An httpx client for user-chosen URLs: guarded sockets, no proxies from the environment
    (``trust_env=False``, which would otherwise mount unguarded proxy transports), and no
    automatic redirects, so the caller re-checks every hop (one httpx cannot even parse is
    refused as it arrives). ``ssl_context`` is for tests
    that bring their own certificate authority; certificates are always checked.
    """
    return httpx.Client(
        transport=GuardedTransport(
            allow_loopback=allow_loopback, deadline=deadline, ssl_context=ssl_context
        ),
        timeout=timeout,
        follow_redirects=False,
        trust_env=False,
        headers=headers,
        event_hooks={"response": [_check_redirect]},
    )
