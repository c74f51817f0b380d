"""How many exports one token may stream at once (``API_EXPORT_CONCURRENT_PER_TOKEN``).

The export's rate limit (``ExportRateThrottle``, 20 an hour) counts requests, not the web
workers they hold: a consumer that opens twenty exports at once would hold twenty workers
for up to ``API_EXPORT_MAX_SECONDS`` each, and a desk of four workers would serve nobody
else meanwhile. So a token (or a signed-in account, or an address for an anonymous caller:
the export throttle's buckets) holds at most that many streams; one more is a 429
``too_many_exports`` with ``Retry-After``, the seconds until the first running one must
have ended.

Each stream holds a slot, a cache key of its own (``export-slot:<who>:<n>``), taken with
``cache.add``: one atomic "set if absent" on Redis (``SET NX``) and under the local-memory
cache's lock in the embedded default, so two requests never take the same slot, in one
process or many. The slot is freed when the stream ends, fails or its client goes away
(``Held.close``, which Django calls when the response is closed). A worker killed in the
middle frees nothing, so every slot also expires on its own, ``SLOT_GRACE_SECONDS`` after
the stream's time limit: a stream never runs longer than that, so the expiry never frees a
slot still in use.

The local-memory cache is one per process: with several web processes and no Redis, each
counts its own streams (the production shape has Redis, shared by all of them).
"""

from __future__ import annotations

import math
import time
import uuid
from collections.abc import Iterable, Iterator

from django.conf import settings
from django.core.cache import cache
from rest_framework import exceptions

# After its time limit a stream still sends the chunk it had started (a few seconds at
# most); a minute more and its slot is certainly free.
SLOT_GRACE_SECONDS = 60


class TooManyExports(exceptions.Throttled):
    """A 429 problem, ``too_many_exports``, with the seconds to wait as ``Retry-After``."""

    default_code = "too_many_exports"
    app_problem = True

    def __init__(self, *, limit: int, wait: int) -> None:
        super().__init__(
            wait=wait,
            detail=(
                f"This token is already running {limit} exports, the most it may run at "
                "once: let one finish, then ask again (from its cursor, to go on)."
            ),
            code=self.default_code,
        )

    extra_detail_singular = "One of them ends within {wait} second."
    extra_detail_plural = "One of them ends within {wait} seconds."


def concurrent_limit() -> int:
    return int(settings.API_EXPORT_CONCURRENT_PER_TOKEN)


class Slot:
    """One of a caller's export slots, held until :meth:`release`."""

    def __init__(self, key: str, value: str) -> None:
        self.key, self.value, self.held = key, value, True

    def release(self) -> None:
        if not self.held:
            return
        self.held = False
        # Only our own: a slot that expired and was taken again belongs to that request.
        if cache.get(self.key) == self.value:
            cache.delete(self.key)


def take_slot(who: str) -> Slot:
    """A free slot of ``who`` (the export throttle's bucket key), or TooManyExports."""
    limit = concurrent_limit()
    lifetime = settings.API_EXPORT_MAX_SECONDS + SLOT_GRACE_SECONDS
    # The slot's value says when its stream must have ended: the Retry-After of a refusal.
    # (In whole milliseconds, rounded down: a refusal never asks for more than the limit.)
    deadline_ms = int((time.time() + settings.API_EXPORT_MAX_SECONDS) * 1000)
    value = f"{deadline_ms}:{uuid.uuid4().hex}"
    keys = [f"export-slot:{who}:{n}" for n in range(limit)]
    for key in keys:
        if cache.add(key, value, timeout=lifetime):
            return Slot(key, value)
    raise TooManyExports(limit=limit, wait=_first_free(cache.get_many(keys).values()))


def _first_free(values) -> int:
    """Whole seconds until one of the held slots is free: when its stream reaches its time
    limit, or, past that (its worker was killed), when the slot expires."""
    now = time.time()
    ends = []
    for value in values:
        deadline = int(value.split(":", 1)[0]) / 1000
        ends.append(deadline if deadline > now else deadline + SLOT_GRACE_SECONDS)
    return max(1, math.ceil(min(ends, default=now + 1) - now))


class Held:
    """A stream's body that holds its slot until it ends, fails or is closed. Django closes
    the response when the server is done with it, even if the client left early, and the
    response calls ``close`` on its content."""

    def __init__(self, body: Iterator[bytes], slot: Slot) -> None:
        self.body, self.slot = body, slot

    def __iter__(self) -> Iterator[bytes]:
        try:
            yield from self.body
        finally:
            self.close()

    def close(self) -> None:
        try:
            close = getattr(self.body, "close", None)
            if close is not None:
                close()
        finally:
            self.slot.release()


def held(body: Iterable[bytes], slot: Slot) -> Held:
    return Held(iter(body), slot)
