"""Fetching an article page from a URL a user gave us, safely and within fixed limits.

Everything here is about not letting a URL make the server do something it should not:
reach internal addresses (the :mod:`claims.netguard` transport judges every connection),
wait forever (connect and read timeouts *and* an overall wall-clock deadline, because a
server can trickle one byte per second without ever tripping a read timeout), fill memory
(the size cap is enforced on the bytes as they stream in, after decompression too, whatever
Content-Length claims), or bounce around (redirects are followed by hand, at most
``INGEST_MAX_REDIRECTS``, each hop re-checked, loops detected).

No database access: the caller fetches outside any transaction, then stores the result.
Every deliberate failure is a :class:`FetchError` with a message fit to store on the article;
an address the guard refuses, or a host name that does not resolve, gets one message for all
(:data:`ADDRESS_REFUSED`), so a caller cannot learn which internal names exist; the log
keeps the detail.
:class:`TemporaryFetchError` marks the ones worth retrying (timeouts, connection errors,
429/502/503/504), so a Celery task can ``autoretry_for=(TemporaryFetchError,)``.
"""

from __future__ import annotations

import codecs
import email.utils
import logging
import re
import time
import zlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urldefrag, urljoin

import httpx
from django.conf import settings

from claims import netguard
from claims.ingestion import IngestionError
from claims.ingestion import urls as _urls
from claims.ingestion.text import codec_name

logger = logging.getLogger(__name__)

# What the caller and the article are told about every refused or unresolvable address.
ADDRESS_REFUSED = "The address is not allowed or could not be reached."
ALLOWED_CONTENT_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
TEMPORARY_STATUSES = frozenset({429, 502, 503, 504})
# The overall deadline, as a multiple of the per-operation timeout, when none is given.
DEADLINE_FACTOR = 3.0
USER_AGENT = "factcheck-ingest/0.1 (claim tracking; +https://schema.org/ClaimReview)"
_REQUEST_HEADERS = {
    "User-Agent": USER_AGENT,
    "Accept": "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8",
    # Only encodings we decompress ourselves, with the size cap applied to the output.
    "Accept-Encoding": "gzip, deflate",
}
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.IGNORECASE
)


# --- Errors ---------------------------------------------------------------------------
class FetchError(IngestionError):
    """Base of every fetch failure; ``message`` is fit to show a user."""

    code = "fetch_error"


class RefusedURL(FetchError):
    """We refused to fetch the URL at all (before or at connect time)."""

    code = "refused"


class InvalidURL(RefusedURL, _urls.InvalidURL):
    """Not a usable URL. Also an :class:`claims.ingestion.urls.InvalidURL`."""

    code = "invalid_url"


class UnsupportedScheme(RefusedURL):
    code = "unsupported_scheme"


class CredentialsInURL(RefusedURL):
    code = "credentials_in_url"


class BlockedAddress(RefusedURL):
    """The host is or resolves to a non-public address (or, at submission, does not
    resolve): always :data:`ADDRESS_REFUSED`."""

    code = "blocked_address"


class HostNotFound(FetchError):
    """At fetch time, DNS has no such name: always :data:`ADDRESS_REFUSED`."""

    code = "host_not_found"


class TooLarge(FetchError):
    code = "too_large"


class UnsupportedContentType(FetchError):
    code = "unsupported_content_type"


class TooManyRedirects(FetchError):
    code = "too_many_redirects"


class RedirectLoop(TooManyRedirects):
    code = "redirect_loop"


class HTTPStatusError(FetchError):
    """The server answered with an error status that retrying will not fix."""

    code = "http_status"

    def __init__(self, message: str, *, status_code: int) -> None:
        super().__init__(message)
        self.status_code = status_code


class TemporaryFetchError(FetchError):
    """Marker: the failure may go away by itself; retry with backoff."""

    code = "temporary"


class FetchTimeout(TemporaryFetchError):
    code = "timeout"


class FetchConnectionError(TemporaryFetchError):
    code = "connection_error"


class TemporaryHTTPStatus(TemporaryFetchError):
    """429 or 502/503/504. ``retry_after`` is the server's hint in seconds, if it gave one."""

    code = "http_status_temporary"

    def __init__(self, message: str, *, status_code: int, retry_after: float | None) -> None:
        super().__init__(message)
        self.status_code = status_code
        self.retry_after = retry_after


# --- Result ---------------------------------------------------------------------------
@dataclass(frozen=True)
class FetchedPage:
    """A successfully fetched page. ``body`` is the decompressed bytes, at most the cap."""

    url: str
    final_url: str
    status_code: int
    content_type: str
    charset: str | None
    body: bytes
    redirects: tuple[str, ...] = field(default=())
    """Every URL that answered with a redirect, in the order they were followed."""

    @property
    def text(self) -> str:
        """The body decoded with the declared or sniffed charset, else UTF-8; bytes that
        do not decode become U+FFFD (a web page is not refused for one bad byte)."""
        return self.body.decode(self.charset or "utf-8", errors="replace")

    @property
    def is_html(self) -> bool:
        return self.content_type in ("text/html", "application/xhtml+xml")


# --- Helpers --------------------------------------------------------------------------
def _refused(error: type[FetchError], url: str, exc: netguard.GuardError) -> FetchError:
    """The guard's refusal as ``error`` with :data:`ADDRESS_REFUSED`; the detail (which
    address, or that the name does not exist) goes to the log only."""
    logger.warning("Refused to fetch %s: %s", url[:500], exc.reason)
    return error(ADDRESS_REFUSED)


def check_url(url: str) -> None:
    """The guard's early URL-level check, as fetch errors (the real check is at connect)."""
    try:
        netguard.check_url(url)
    except netguard.CredentialsNotAllowed as exc:
        raise CredentialsInURL(exc.reason) from exc
    except netguard.AddressNotAllowed as exc:
        raise _refused(BlockedAddress, url, exc) from exc
    except netguard.SchemeNotAllowed as exc:
        raise UnsupportedScheme(exc.reason) from exc
    except netguard.MalformedURL as exc:
        raise InvalidURL(exc.reason) from exc
    except netguard.GuardError as exc:
        raise RefusedURL(exc.reason) from exc


def check_host(url: str) -> None:
    """At submission: resolve the URL's host name (within ``INGEST_RESOLVE_TIMEOUT_SECONDS``)
    and refuse it as :class:`BlockedAddress` unless every address is public. A name that
    does not exist, or does not resolve in time, is refused with the same message and code,
    so the answer never tells an internal name from a missing one."""
    try:
        netguard.check_host(url, timeout=float(settings.INGEST_RESOLVE_TIMEOUT_SECONDS))
    except netguard.MalformedURL as exc:
        raise InvalidURL(exc.reason) from exc
    except (netguard.AddressNotAllowed, netguard.HostNotFound, netguard.ResolutionFailed) as exc:
        raise _refused(BlockedAddress, url, exc) from exc


def _parse_content_type(header: str | None) -> tuple[str, str | None]:
    if not header:
        return "", None
    media_type, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip("\"'") or None
    return media_type.strip().lower(), charset


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


class _BoundedDecoder:
    """Content-Encoding decoding that can never produce more than ``limit`` bytes.

    httpx's own decoders inflate a whole network chunk at once, so a 64 KB gzip bomb chunk
    could become gigabytes before any cap is checked; ``max_length`` prevents that.
    """

    def __init__(self, encoding: str, limit: int) -> None:
        self.limit = limit
        self.produced = 0
        self._deflate_fallback = False
        if encoding in ("", "identity"):
            self._z = None
        elif encoding in ("gzip", "x-gzip"):
            self._z = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif encoding == "deflate":
            # "deflate" is zlib-wrapped by the spec and raw in some servers; try both.
            self._z = zlib.decompressobj(zlib.MAX_WBITS)
            self._deflate_fallback = True
        else:
            raise UnsupportedContentType(
                f"The server compressed the page with {encoding!r}, which is not supported."
            )

    def feed(self, data: bytes) -> bytes:
        if self._z is None:
            out = data
        else:
            room = self.limit - self.produced + 1
            try:
                out = self._z.decompress(data, room)
            except zlib.error as exc:
                if self._deflate_fallback and self.produced == 0:
                    self._deflate_fallback = False
                    self._z = zlib.decompressobj(-zlib.MAX_WBITS)
                    return self.feed(data)
                raise FetchConnectionError("The server sent a damaged compressed page.") from exc
            self._deflate_fallback = False
        self.produced += len(out)
        if self.produced > self.limit:
            raise TooLarge(f"The page is larger than the limit of {_human(self.limit)}.")
        return out


def _human(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB" if size >= 1024 * 1024 else f"{size} bytes"


def _sniff_charset(media_type: str, body: bytes) -> str | None:
    if media_type in ("text/html", "application/xhtml+xml"):
        match = _META_CHARSET.search(body[:4096])
        if match:
            return codec_name(match.group(1).decode("ascii", "replace"))
    if body.startswith(codecs.BOM_UTF8):
        return "utf-8"
    return None


def _read_body(response: httpx.Response, *, max_bytes: int, deadline: float) -> bytes:
    length = response.headers.get("content-length")
    if length is not None and length.strip().isdigit() and int(length) > max_bytes:
        raise TooLarge(
            f"The page is {_human(int(length))}, more than the limit of {_human(max_bytes)}."
        )
    encoding = response.headers.get("content-encoding", "").strip().lower()
    decoder = _BoundedDecoder(encoding, max_bytes)
    chunks: list[bytes] = []
    received = 0
    for chunk in response.iter_raw():
        received += len(chunk)
        # The raw stream counts too: a compressed page over the cap is refused unread.
        if received > max_bytes:
            raise TooLarge(f"The page is larger than the limit of {_human(max_bytes)}.")
        chunks.append(decoder.feed(chunk))
        if time.monotonic() > deadline:
            raise FetchTimeout("The server sent the page too slowly; the time limit ran out.")
    return b"".join(chunks)


def _check_status(response: httpx.Response) -> None:
    status = response.status_code
    if 200 <= status < 300:
        return
    reason = f"{status} {response.reason_phrase}".strip()
    if status in TEMPORARY_STATUSES:
        raise TemporaryHTTPStatus(
            f"The server is temporarily unavailable (HTTP {reason}).",
            status_code=status,
            retry_after=_retry_after(response.headers.get("retry-after")),
        )
    raise HTTPStatusError(f"The server answered HTTP {reason}.", status_code=status)


def _next_hop(current: str, response: httpx.Response) -> str:
    location = response.headers.get("location", "").strip()
    if not location:
        raise HTTPStatusError(
            f"The server answered HTTP {response.status_code} without saying where to go.",
            status_code=response.status_code,
        )
    try:
        target, _fragment = urldefrag(urljoin(current, location))
    except ValueError as exc:
        raise InvalidURL(
            f"The server redirected to an invalid address: {location[:200]!r}."
        ) from exc
    return target


# --- The function ---------------------------------------------------------------------
def fetch_url(
    url: str,
    *,
    timeout: float | None = None,
    deadline_seconds: float | None = None,
    max_bytes: int | None = None,
    max_redirects: int | None = None,
    allow_loopback: bool | None = None,
) -> FetchedPage:
    """GET ``url`` and return the page, or raise a :class:`FetchError`.

    Defaults come from settings: ``INGEST_TIMEOUT_SECONDS`` (connect, read and write, each),
    ``INGEST_MAX_BYTES``, ``INGEST_MAX_REDIRECTS``, ``INGEST_ALLOW_LOOPBACK`` (read at
    connect time). ``deadline_seconds`` bounds the whole call, redirects included; it
    defaults to ``DEADLINE_FACTOR`` times the timeout. Only text/html,
    application/xhtml+xml and text/plain are accepted; a missing Content-Type is refused.
    """
    if not isinstance(url, str) or not url.strip():
        raise InvalidURL("The address is empty.")
    timeout = float(settings.INGEST_TIMEOUT_SECONDS if timeout is None else timeout)
    max_bytes = int(settings.INGEST_MAX_BYTES if max_bytes is None else max_bytes)
    max_redirects = int(settings.INGEST_MAX_REDIRECTS if max_redirects is None else max_redirects)
    if deadline_seconds is None:
        deadline_seconds = timeout * DEADLINE_FACTOR
    deadline = time.monotonic() + deadline_seconds

    start = url.strip()
    current = urldefrag(start)[0]
    seen = {current}
    redirects: list[str] = []
    try:
        with netguard.guarded_client(
            timeout=httpx.Timeout(timeout),
            deadline=deadline,
            allow_loopback=allow_loopback,
            headers=_REQUEST_HEADERS,
        ) as client:
            while True:
                check_url(current)
                with client.stream("GET", current) as response:
                    if response.status_code in REDIRECT_STATUSES:
                        target = _next_hop(current, response)
                        if target in seen:
                            raise RedirectLoop(
                                f"The address redirects in a loop (back to {target[:200]})."
                            )
                        if len(redirects) >= max_redirects:
                            raise TooManyRedirects(
                                f"The address redirected more than {max_redirects} times."
                            )
                        redirects.append(current)
                        seen.add(target)
                        current = target
                        continue
                    _check_status(response)
                    media_type, declared = _parse_content_type(response.headers.get("content-type"))
                    if media_type not in ALLOWED_CONTENT_TYPES:
                        shown = media_type or "no content type"
                        raise UnsupportedContentType(
                            f"The address serves {shown}; only HTML and plain text pages "
                            "can be ingested."
                        )
                    body = _read_body(response, max_bytes=max_bytes, deadline=deadline)
                    return FetchedPage(
                        url=start,
                        final_url=str(response.url),
                        status_code=response.status_code,
                        content_type=media_type,
                        charset=codec_name(declared) or _sniff_charset(media_type, body),
                        body=body,
                        redirects=tuple(redirects),
                    )
    except FetchError:
        raise
    except netguard.AddressNotAllowed as exc:
        raise _refused(BlockedAddress, current, exc) from exc
    except netguard.HostNotFound as exc:
        raise _refused(HostNotFound, current, exc) from exc
    except netguard.OutboundBlocked as exc:
        raise RefusedURL(exc.reason) from exc
    except httpx.TimeoutException as exc:
        if time.monotonic() >= deadline:
            raise FetchTimeout(
                f"Fetching the page took longer than the limit of {deadline_seconds:g} seconds."
            ) from exc
        raise FetchTimeout(f"The server did not answer within {timeout:g} seconds.") from exc
    except httpx.UnsupportedProtocol as exc:
        raise UnsupportedScheme("Only http and https addresses can be fetched.") from exc
    except httpx.TransportError as exc:
        raise FetchConnectionError(f"Could not fetch the page: {_describe(exc)}.") from exc
    except (httpx.InvalidURL, httpx.CookieConflict, ValueError, UnicodeError) as exc:
        raise InvalidURL(f"Not a valid web address: {current[:200]!r}.") from exc


def _describe(exc: Exception) -> str:
    text = str(exc).strip()
    return text[:200] if text else type(exc).__name__
