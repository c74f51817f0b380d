"""``RateLimit-Limit``, ``RateLimit-Remaining``, ``RateLimit-Reset`` and ``RateLimit-Policy``
on every response of a request that a rate limit counted (the IETF draft "RateLimit header
fields for HTTP"), so a client can pace itself instead of learning the limit from a 429.

The figures are those of the buckets ``claims.api.throttling`` actually counted the request
in (its token's, its address's, or the export's), as each throttle noted them. A request
counted in more than one is described by the bucket with the fewest requests left (the
one that will refuse first). ``Reset`` is the number of seconds until one more request is
allowed; on a 429 of a rate limit it equals ``Retry-After``, which DRF's exception handler
sets from the same figure. (The export's ``too_many_exports`` 429 is about the streams a
token runs at once, ``claims.api.export_slots``: its ``Retry-After`` is its own, and these
fields still describe the rate.)
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from claims.api.throttling import CountedLimit, counted_limits


def tightest(limits: list[CountedLimit]) -> CountedLimit | None:
    """The bucket that refuses first: fewest left, then longest to wait."""
    return min(limits, key=lambda limit: (limit.remaining, -limit.reset), default=None)


class RateLimitHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        limit = tightest(counted_limits(request))
        if limit is not None:
            response["RateLimit-Limit"] = str(limit.limit)
            response["RateLimit-Remaining"] = str(limit.remaining)
            response["RateLimit-Reset"] = str(limit.reset)
            response["RateLimit-Policy"] = f"{limit.limit};w={limit.window}"
        return response
