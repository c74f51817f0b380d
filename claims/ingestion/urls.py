"""URL normalization: one spelling per article, so "the same URL creates nothing new".

The same story arrives as ``HTTPS://Example.com:443/a?utm_source=x&b=2&a=1#top`` and as
``https://example.com/a?a=1&b=2``; both must find the same article row. Normalizing is kept
conservative: only changes that no sane web server distinguishes (scheme and host case,
default ports, fragments, tracking parameters, parameter order, percent-encoding case,
dot segments) are made. Path case and trailing slashes are left alone.

The function is idempotent (normalizing twice changes nothing) and refuses garbage with
:class:`InvalidURL` instead of letting a ``ValueError`` from the stdlib escape.
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import quote, urlsplit

import idna

from claims.ingestion import IngestionError

MAX_URL_LENGTH = 4096
SCHEMES = frozenset({"http", "https"})
DEFAULT_PORTS = {"http": 80, "https": 443}

# Click and campaign identifiers: they say how a reader arrived, not what they read.
TRACKING_PARAMS = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "yclid",
        "twclid",
        "ttclid",
        "li_fat_id",
        "mc_cid",
        "mc_eid",
        "ocid",
        "ref_src",
        "ref_url",
        "igshid",
        "igsh",
        "_ga",
        "_gl",
        "_hsenc",
        "_hsmi",
        "mkt_tok",
        "vero_id",
        "vero_conv",
        "oly_anon_id",
        "oly_enc_id",
        "rb_clickid",
        "s_cid",
        "wickedid",
        "cmpid",
        "ncid",
        "sr_share",
        "smid",
    }
)
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "hsa_")

_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
_PATH_SAFE = frozenset("/:@!$&'()*+,;=")
_QUERY_SAFE = frozenset("/?:@!$'()*+,;=")
_HEX = frozenset("0123456789abcdefABCDEF")
_ASCII_HOST = re.compile(r"^[a-z0-9_-]+(\.[a-z0-9_-]+)*$")
# Browsers drop these anywhere in a pasted URL; so do we.
_INVISIBLE = str.maketrans("", "", "\t\n\r")


class InvalidURL(IngestionError, ValueError):
    """The text is not an http(s) URL we can store or fetch."""

    code = "invalid_url"


def _requote(component: str, safe: frozenset[str]) -> str:
    """Canonical percent-encoding: decode escapes of unreserved characters, upper-case the
    hex of the others, and encode anything that may not appear raw (including a lone %).
    """
    out: list[str] = []
    i = 0
    n = len(component)
    while i < n:
        char = component[i]
        pair = component[i + 1 : i + 3]
        if char == "%" and len(pair) == 2 and set(pair) <= _HEX:
            decoded = chr(int(pair, 16))
            out.append(decoded if decoded in _UNRESERVED else "%" + pair.upper())
            i += 3
            continue
        if char in _UNRESERVED or char in safe:
            out.append(char)
        else:
            try:
                out.append(quote(char, safe=""))
            except UnicodeEncodeError as exc:  # a lone surrogate cannot be UTF-8 encoded
                raise InvalidURL("The address contains characters that cannot be encoded.") from exc
        i += 1
    return "".join(out)


def _remove_dot_segments(path: str) -> str:
    """RFC 3986 section 5.2.4, so ``/a/./b/../c`` and ``/a/c`` are one article."""
    segments = path.split("/")
    output: list[str] = []
    for segment in segments[1:]:
        if segment == ".":
            continue
        if segment == "..":
            if output:
                output.pop()
            continue
        output.append(segment)
    if segments[-1] in (".", ".."):
        output.append("")  # "/a/b/.." means the directory "/a/", keep its slash
    return "/" + "/".join(output)


def _normalize_host(hostname: str) -> str:
    host = hostname.rstrip(".")
    if not host:
        raise InvalidURL("The address has no host name.")
    if ":" in host:
        try:
            return "[" + ipaddress.IPv6Address(host).compressed + "]"
        except ValueError as exc:
            raise InvalidURL(f"{host!r} is not a valid IPv6 address.") from exc
    if host.isascii():
        host = host.lower()
        if host.startswith("xn--") or ".xn--" in host:
            try:  # validate punycode, so garbage "xn--" labels are refused early
                idna.decode(host)
            except (idna.IDNAError, UnicodeError, ValueError) as exc:
                raise InvalidURL(f"{host!r} is not a valid host name.") from exc
    else:
        try:
            host = idna.encode(host, uts46=True).decode("ascii")
        except (idna.IDNAError, UnicodeError, ValueError) as exc:
            raise InvalidURL(f"{hostname!r} is not a valid host name.") from exc
    # Underscores are not legal in host names but exist in the wild; keep them.
    if not _ASCII_HOST.match(host) or any(len(label) > 63 for label in host.split(".")):
        raise InvalidURL(f"{hostname!r} is not a valid host name.")
    return host


def _is_tracking(key: str) -> bool:
    lowered = key.lower()
    return lowered in TRACKING_PARAMS or lowered.startswith(TRACKING_PREFIXES)


def _normalize_query(query: str) -> str:
    params: list[str] = []
    for part in query.split("&"):
        if not part:
            continue
        raw_key, sep, raw_value = part.partition("=")
        key = _requote(raw_key, _QUERY_SAFE - {"="})
        if _is_tracking(key):  # "utm%5Fsource" was decoded to "utm_source" by _requote
            continue
        # "?a" and "?a=" can mean different things to a server, so keep the "=" as given.
        params.append(key + sep + _requote(raw_value, _QUERY_SAFE) if sep else key)
    params.sort()
    return "&".join(params)


def normalize_url(url: str) -> str:
    """Return the canonical spelling of an http(s) URL, used as the article's lookup key.

    Lowercases scheme and host, converts international host names to IDNA ("xn--"), drops
    default ports, fragments and tracking parameters, sorts the remaining parameters,
    normalizes percent-encoding and dot segments, and turns an empty path into "/".
    Raises :class:`InvalidURL` for anything that is not a usable http(s) URL, including
    URLs with a user name or password in them.
    """
    if not isinstance(url, str):
        raise InvalidURL("The address must be text.")
    text = url.strip().translate(_INVISIBLE)
    if not text:
        raise InvalidURL("The address is empty.")
    if len(text) > MAX_URL_LENGTH:
        raise InvalidURL(f"The address is longer than {MAX_URL_LENGTH} characters.")
    if any(ord(c) < 0x20 or ord(c) == 0x7F for c in text):
        raise InvalidURL("The address contains control characters.")
    try:
        parts = urlsplit(text)
        scheme = parts.scheme.lower()
        hostname = parts.hostname
        port = parts.port
    except ValueError as exc:
        raise InvalidURL(f"Not a valid web address: {text[:200]!r}.") from exc
    if scheme not in SCHEMES:
        if not scheme or "://" not in text:
            raise InvalidURL(
                f"{text[:200]!r} is not a full web address; it must start with https:// or http://."
            )
        raise InvalidURL(f"Only http and https addresses are accepted, not {scheme}:.")
    if parts.username is not None or parts.password is not None or "@" in parts.netloc:
        raise InvalidURL("Addresses with a user name or password in them are not accepted.")
    if "\\" in parts.netloc or "%" in parts.netloc:
        raise InvalidURL(f"{parts.netloc[:200]!r} is not a valid host.")
    if not hostname:
        raise InvalidURL(f"The address {text[:200]!r} has no host name.")

    host = _normalize_host(hostname)
    netloc = host if port is None or port == DEFAULT_PORTS[scheme] else f"{host}:{port}"
    path = _remove_dot_segments(_requote(parts.path or "/", _PATH_SAFE))
    query = _normalize_query(parts.query)
    return f"{scheme}://{netloc}{path}" + (f"?{query}" if query else "")
