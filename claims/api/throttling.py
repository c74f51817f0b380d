"""Rate limits per token (or per signed-in user) and per client address, counted in the cache.

The counters live in Django's cache, which is Redis in production, so every web process
shares them. Rates are read at request time (not at import) so settings can change them.

A caller with a usable credential is limited per token (:class:`TokenRateThrottle`, a DRF
throttle class). Every other request, with no credential or a wrong one, is limited per
address (:class:`AnonymousIPRateThrottle`), and that bucket is counted while authenticating,
not with the throttle classes: DRF checks those after the permissions, so a request refused
with a 401 was never counted, and guessing tokens or hammering a closed API cost nothing.
The bearer authentication counts a refused token (``throttle_by_address``), and
:class:`AddressRateLimit`, last in ``DEFAULT_AUTHENTICATION_CLASSES``, counts a request
that presented no credential at all; either answers 429 once the address's bucket is empty.

The bulk export (``claims.api.export``) has a bucket of its own (:class:`ExportRateThrottle`,
scope ``export``): few requests, each a whole record.

Every bucket a request was counted in is noted on the request (:func:`counted_limits`), so
``claims.api.ratelimit_headers`` can tell the caller where it stands (``RateLimit-*``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from rest_framework import authentication, exceptions
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from claims.models import ApiToken


@dataclass(frozen=True)
class CountedLimit:
    """Where a request left one bucket: ``limit`` requests per ``window`` seconds, of which
    ``remaining`` are left; ``reset``: seconds until one more is allowed (the oldest request
    counted leaves the window; with none left, the Retry-After of a 429)."""

    limit: int
    remaining: int
    reset: int
    window: int


def counted_limits(request) -> list[CountedLimit]:
    """The buckets ``request`` (Django's or DRF's) was counted in, in the order counted."""
    return getattr(getattr(request, "_request", request), "counted_limits", [])


class _LiveRateThrottle(SimpleRateThrottle):
    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def allow_request(self, request, view) -> bool:
        allowed = super().allow_request(request, view)
        # Only set once the request was counted (no rate, or no key: not this bucket's).
        if getattr(self, "history", None) is not None:
            http_request = getattr(request, "_request", request)
            http_request.counted_limits = [*counted_limits(http_request), self._state()]
        return allowed

    def _state(self) -> CountedLimit:
        return CountedLimit(
            limit=self.num_requests,
            remaining=max(0, self.num_requests - len(self.history)),
            reset=self.wait(),
            window=self.duration,
        )

    def wait(self) -> int:
        """Whole seconds until this bucket allows one more request than now: until the
        oldest request counted leaves the window, or, when the bucket is empty, until
        enough have left for one. Rounded up (DRF's rounds down, and a client that waited
        that long was refused again)."""
        counted = min(len(self.history), self.num_requests)
        if counted == 0:  # a rate of 0 requests: never
            return self.duration
        # history is newest first: the request at counted - 1 is the one that must leave.
        return max(0, math.ceil(self.duration - (self.now - self.history[counted - 1])))


class TokenRateThrottle(_LiveRateThrottle):
    """One bucket per token; a session user without a token has one bucket per account."""

    scope = "token"

    def get_cache_key(self, request, view):
        token = request.auth if isinstance(request.auth, ApiToken) else None
        if token is not None:
            ident = f"t{token.pk}"
        elif request.user and request.user.is_authenticated:
            ident = f"u{request.user.pk}"
        else:
            return None
        return self.cache_format % {"scope": self.scope, "ident": ident}


class ExportRateThrottle(TokenRateThrottle):
    """The bulk export's own bucket: per token (or signed-in account), and per address for
    an anonymous caller (when anonymous reads are on)."""

    scope = "export"

    def get_cache_key(self, request, view):
        key = super().get_cache_key(request, view)
        if key is not None:
            return key
        return self.cache_format % {"scope": self.scope, "ident": f"a{self.get_ident(request)}"}


class AnonymousIPRateThrottle(_LiveRateThrottle):
    """One bucket per client address for requests without a usable credential. The address
    is REMOTE_ADDR unless ``NUM_PROXIES`` says how many proxies to trust in X-Forwarded-For.
    Counted while authenticating (:func:`throttle_by_address`), so it never asks who the
    user is."""

    scope = "anon"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


def throttle_by_address(request) -> None:
    """Count ``request`` against its address's bucket; 429 (Throttled) when it is empty."""
    throttle = AnonymousIPRateThrottle()
    if not throttle.allow_request(request, None):
        raise exceptions.Throttled(wait=throttle.wait())


class AddressRateLimit(authentication.BaseAuthentication):
    """Not a credential: last in the authentication chain, so it sees exactly the requests
    that presented none, and counts them per address before any permission is checked."""

    def authenticate(self, request):
        throttle_by_address(request)
        return None
