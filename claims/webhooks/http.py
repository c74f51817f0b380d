"""One POST to a receiver, through the address guard: what came back, never what it said."""

from __future__ import annotations

import time
from dataclasses import dataclass

import httpx
from django.conf import settings

from claims import netguard
from claims.webhooks.services import ERROR_MAX_CHARS

EVENT_HEADER = "X-Factcheck-Event"
DELIVERY_HEADER = "X-Factcheck-Delivery"
USER_AGENT = "factcheck-webhooks/1"


@dataclass(frozen=True)
class PostResult:
    status_code: int | None
    latency_ms: int
    error: str
    permanent: bool = False  # the guard refused the address: retrying cannot help


def post(url: str, body: bytes, headers: dict[str, str]) -> PostResult:
    timeout = float(settings.WEBHOOK_TIMEOUT_SECONDS)
    start = time.monotonic()

    def done(status: int | None, error: str = "", permanent: bool = False) -> PostResult:
        latency = int((time.monotonic() - start) * 1000)
        return PostResult(status, latency, error[:ERROR_MAX_CHARS], permanent)

    try:
        # Streamed and never read: a receiver cannot make us download anything.
        with (
            netguard.guarded_client(timeout=timeout, deadline=start + timeout) as client,
            client.stream("POST", url, content=body, headers=headers) as response,
        ):
            status = response.status_code
    except netguard.OutboundBlocked as exc:
        return done(None, f"Refused by the address guard: {exc.reason}", permanent=True)
    except netguard.HostNotFound as exc:
        return done(None, exc.reason)
    except httpx.TimeoutException:
        return done(None, f"No answer within {timeout:g} seconds.")
    except httpx.InvalidURL as exc:  # not an HTTPError; retrying cannot mend the address
        return done(None, f"The webhook URL cannot be used: {exc}", permanent=True)
    except httpx.HTTPError as exc:
        return done(None, f"Could not connect: {exc}" if str(exc) else type(exc).__name__)
    if 200 <= status < 300:
        return done(status)
    if 300 <= status < 400:
        return done(status, f"HTTP {status}: redirects are not followed; use the final URL.")
    return done(status, f"HTTP {status} from the receiver.")
