"""Rate limits per token (or per signed-in user) and per anonymous IP, counted in the cache.

The counters live in Django's cache, which is Redis in production, so every web process
shares them. Rates are read at request time (not at import) so settings can change them.
"""

from __future__ import annotations

from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from claims.api.authentication import token_of


class _LiveRateThrottle(SimpleRateThrottle):
    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class TokenRateThrottle(_LiveRateThrottle):
    """One bucket per token; a session user without a token has one bucket per account."""

    scope = "token"

    def get_cache_key(self, request, view):
        token = token_of(request)
        if token is not None:
            ident = f"t{token.pk}"
        elif request.user and request.user.is_authenticated:
            ident = f"u{request.user.pk}"
        else:
            return None
        return self.cache_format % {"scope": self.scope, "ident": ident}


class AnonymousIPRateThrottle(_LiveRateThrottle):
    """One bucket per client address for callers without credentials. The address is
    REMOTE_ADDR unless ``NUM_PROXIES`` says how many proxies to trust in X-Forwarded-For."""

    scope = "anon"

    def get_cache_key(self, request, view):
        if request.user and request.user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
