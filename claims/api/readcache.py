"""A shared cache of consumer read responses, keyed by the state of the public record.

The public record is the same for every consumer (see ``claims.selectors``), so a page
built for one can serve the next. The key holds the record's version: the greatest
``Claim.synced_at``, one backward step on the ``claim_sync_order`` index
(``selectors.record_version``; lists give it as their ``Last-Modified`` too). Every change a
consumer can see (a claim, its canonical, its article) moves some claim's ``synced_at`` to
"now" through the triggers of ``claims.sync_key``, so a change makes every cached page
unreachable at once; nothing is invalidated by hand.

What the version does not catch is bounded by the entry's lifetime
(``API_READ_CACHE_SECONDS``, default 30; 0 turns the cache off): a transaction that commits
after a later one (its ``synced_at`` is not the greatest when it becomes visible) and an
edit of the rating scale's labels. Those are the same seam the change feed's
``updated_since`` already has; the lifetime keeps it short.

Authentication, permissions and throttling run before the lookup, so a hit costs a caller
exactly what a miss does up to the query; ETag and ``Last-Modified`` are set from the
cached data as for a fresh response.
"""

from __future__ import annotations

import functools
import hashlib

from django.conf import settings
from django.core.cache import cache
from rest_framework.response import Response

KEPT_HEADERS = ("Link",)


def lifetime() -> int:
    return int(getattr(settings, "API_READ_CACHE_SECONDS", 30))


def record_version(view) -> str:
    # The view's (``ConditionalGetMixin.record_version``): a list reads it once for both.
    latest = view.record_version()
    return latest.isoformat() if latest else "empty"


def cached_read(get):
    """Decorate a consumer view's ``get``: same response, built once per record version."""

    @functools.wraps(get)
    def wrapper(self, request, *args, **kwargs):
        seconds = lifetime()
        if seconds <= 0:
            return get(self, request, *args, **kwargs)
        renderer = getattr(request, "accepted_media_type", "")
        raw = f"{record_version(self)}|{request.get_host()}|{request.get_full_path()}|{renderer}"
        key = "api-read:" + hashlib.sha256(raw.encode()).hexdigest()
        hit = cache.get(key)
        if hit is not None:
            data, self.last_modified, headers = hit
            return Response(data, headers=headers)
        response = get(self, request, *args, **kwargs)
        if response.status_code == 200:
            headers = {h: response[h] for h in KEPT_HEADERS if h in response}
            cache.set(key, (response.data, self.last_modified, headers), seconds)
        return response

    return wrapper
