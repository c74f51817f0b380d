"""``GET /api/v1/claims/export/``: every public claim, streamed as NDJSON (scope ``read``).

The first sync of a mirror in a few requests instead of thousands of pages, and then its
catch-up: each line is one item of the change feed (``/api/v1/claims/``), in the feed's
order (``synced_at``, ``id``): a public claim as its detail (``/api/v1/claims/{id}/``)
shows it, so a mirror holds everything the API publishes of it (the verdict's rationale,
the cited sources, the corrections log), and a tombstone as the feed lists it; the same
JSON from the same rows (``rows.claim_rows``, ``shapes.claim_detail_data`` /
``tombstone_data``). Between them come
cursor lines, ``{"cursor": "..."}``, after every ``CHUNK`` claims, and the last line is
``{"cursor": "...", "complete": true|false}``. ``?cursor=`` starts exactly after the claim
a cursor was written behind:

- ``complete: false``: the response reached its time limit (``API_EXPORT_MAX_SECONDS``,
  default 20) before the end; ask again with its cursor. So a stream never holds a web
  worker for minutes, nor outlives gunicorn's worker timeout.
- no closing line: the transfer was cut short; resume from the last cursor line received
  (the claims after it come again: at most a chunk).
- ``complete: true``: that was everything. Keep the cursor: asked again later, it gives
  just what changed since (a claim that changed moves to the end of the order, as in the
  feed), so the export is also the bulk catch-up. It is ``null`` only when no claim was
  ever sent (an empty record): ask again without one.

What a request sends is fixed when it starts: the claims whose sync key is at most the
record's version then, and older than ``API_EXPORT_SETTLE_SECONDS`` (default 10). A claim
that changes while the stream runs moves past that bound, so it comes with the next
request rather than twice (or never) in this one; and a transaction still committing,
whose key is a moment ago, cannot land behind a cursor already handed out (the seam of the
feed's ``updated_since``), unless it takes longer than the settle time.

The database is read in chunks by keyset (one indexed statement each, starting after the
last row sent), never with OFFSET and never all at once: memory stays flat whatever the
size of the record, on SQLite as on PostgreSQL. Nothing holds a transaction open between
chunks. gzip, when the client accepts it, is ``factcheck.compression``'s: each chunk is
compressed as it is sent. Requests are limited in their own bucket
(``ExportRateThrottle``, scope ``export``), not the token's.
"""

from __future__ import annotations

import base64
import re
import struct
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.db.models import Q
from django.http import StreamingHttpResponse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.renderers import JSONRenderer
from rest_framework.views import APIView

from claims import selectors
from claims.api import export_slots
from claims.api.authentication import SharedPermissionsMixin
from claims.api.ids import MAX_ID
from claims.api.permissions import ReadPublished
from claims.api.schema import READ_ERRORS, problems
from claims.api.throttling import ExportRateThrottle
from claims.export import to_json_line
from claims.models import Claim
from claims.selectors import rows
from claims.shapes import claim_detail_data, tombstone_data

MEDIA_TYPE = "application/x-ndjson"
# Claims of the sync order read per chunk, public or not (about half are, at 1M generated).
CHUNK = 2000


class NDJSONRenderer(JSONRenderer):
    """Names the export's media type for content negotiation; the stream is written by the
    view. Errors are single problem documents (``application/problem+json``)."""

    media_type = MEDIA_TYPE
    format = "ndjson"


# A cursor is 16 bytes, base64url without padding: the sync key in microseconds since the
# epoch (signed) and the id (unsigned), big-endian. Every string of this shape is a cursor
# (the schema states it as the parameter's pattern), and the server emits no other.
_LAYOUT = struct.Struct(">qQ")
CURSOR_PATTERN = r"\A[A-Za-z0-9_-]{21}[AQgw]\Z"  # 22 characters; the last one holds 2 bits
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)
_EARLIEST = datetime.min.replace(tzinfo=UTC)
_LATEST = datetime.max.replace(tzinfo=UTC)


@dataclass(frozen=True)
class Position:
    """A claim's place in the sync order: its sync key and id."""

    synced_at: datetime
    id: int

    def encode(self) -> str:
        raw = _LAYOUT.pack((self.synced_at - _EPOCH) // _MICROSECOND, self.id)
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    @classmethod
    def decode(cls, cursor: str) -> Position:
        """The position a cursor names. Raises ValueError for a string of another shape.
        Numbers no claim can have (before the year 1 or after 9999, an id past MAX_ID)
        name the same place as the nearest one that can: before or after every claim."""
        if not re.fullmatch(CURSOR_PATTERN, cursor):
            raise ValueError("Not a cursor of this export.")
        micros, pk = _LAYOUT.unpack(base64.urlsafe_b64decode(cursor + "=="))
        try:
            synced_at = _EPOCH + micros * _MICROSECOND
        except OverflowError:
            synced_at = _EARLIEST if micros < 0 else _LATEST
        return cls(synced_at, min(pk, MAX_ID))


class ExportParams(serializers.Serializer):
    cursor = serializers.RegexField(
        CURSOR_PATTERN,
        required=False,
        error_messages={"invalid": "Not a cursor of this export."},
        help_text="A cursor line's value from an earlier export: start right after it.",
    )

    def validate_cursor(self, value: str) -> Position:
        try:
            return Position.decode(value)
        except ValueError as exc:
            raise serializers.ValidationError(str(exc)) from None


def _after(position: Position) -> Q:
    # The redundant ">=" lets the database start its index scan at the position.
    return Q(synced_at__gte=position.synced_at) & (
        Q(synced_at__gt=position.synced_at) | Q(synced_at=position.synced_at, id__gt=position.id)
    )


def _up_to(position: Position) -> Q:
    return Q(synced_at__lte=position.synced_at) & (
        Q(synced_at__lt=position.synced_at) | Q(synced_at=position.synced_at, id__lte=position.id)
    )


def export_bound(*, viewer) -> datetime | None:
    """The newest sync key this export sends: the record's version, but not a change
    younger than the settle time (None: nothing to send)."""
    version = selectors.record_version(viewer=viewer)
    settled = timezone.now() - timedelta(seconds=settings.API_EXPORT_SETTLE_SECONDS)
    return None if version is None else min(version, settled)


def export_lines(
    *, viewer, after: Position | None, until: datetime | None, chunk: int, deadline: float
) -> Iterator[bytes]:
    """The export's body, a chunk at a time: the public claims and tombstones after
    ``after`` whose sync key is at most ``until``, in sync order, a cursor line after each
    chunk that sent any, and the closing line, which says whether that was all
    (``complete``) or ``deadline`` (a ``time.monotonic()``) passed first.

    A chunk is the next ``chunk`` claims of the sync order, public or not, in two
    statements: where it ends, from the index alone, then its public rows, between two
    bounds; and two more for what the detail adds to its claims (their cited sources and
    their corrections, ``rows.detail_extras``), never one per claim. So each statement
    reads at most ``chunk`` claims (and their verdicts), however the planner guesses
    (with only a lower bound and LIMIT, PostgreSQL took the tail of a large record for a
    few rows and joined and sorted all of it for every chunk; README, "Benchmarks").
    Cursors name only claims sent, never a hidden claim's place; a response ends at its
    deadline only once it has sent something, so every request makes progress."""
    claims = selectors.public_claims(viewer=viewer, with_removed=True)
    every_claim = Claim.objects.order_by(*selectors.SYNC_ORDER)
    scanned = sent = after
    complete = until is None
    while not complete:
        ahead = every_claim.filter(synced_at__lte=until)
        page = claims.filter(synced_at__lte=until)
        if scanned is not None:
            ahead, page = ahead.filter(_after(scanned)), page.filter(_after(scanned))
        edge = list(ahead.values_list("synced_at", "id")[chunk - 1 : chunk])
        complete = not edge
        if edge:
            scanned = Position(*edge[0])
            page = page.filter(_up_to(scanned))
        found = list(rows.claim_rows(page, detail=True))
        lines = _lines(found)
        if found:
            sent = Position(found[-1]["synced_at"], found[-1]["id"])
        if complete or (sent != after and time.monotonic() >= deadline):
            yield "".join(lines).encode()
            break
        if found:
            lines.append(to_json_line({"cursor": sent.encode()}))
            yield "".join(lines).encode()
    cursor = sent.encode() if sent is not None else None
    yield to_json_line({"cursor": cursor, "complete": complete}).encode()


def _lines(found: list[rows.Row]) -> list[str]:
    """A chunk's rows as lines: a public claim as its detail shows it (with its cited
    sources and corrections, read for the whole chunk at once), a tombstone as the feed."""
    sources, revisions = rows.detail_extras([row for row in found if rows.is_public(row)])
    return [
        to_json_line(
            claim_detail_data(
                row,
                sources=rows.sources_of(row, sources),
                revisions=rows.revisions_of(row, revisions),
            )
            if rows.is_public(row)
            else tombstone_data(row)
        )
        for row in found
    ]


class ClaimExportView(SharedPermissionsMixin, APIView):
    permission_classes = [ReadPublished]
    renderer_classes = [NDJSONRenderer]
    throttle_classes = [ExportRateThrottle]

    @extend_schema(
        tags=["Published claims"],
        operation_id="claims_export",
        summary="Every public claim as NDJSON, for a first sync and bulk catch-up",
        description=(
            "Streams the change feed in its order (`updated_at`, `id`), one JSON object per "
            "line (`application/x-ndjson`; gzip with `Accept-Encoding: gzip`): each line is "
            "an item of `/api/v1/claims/`, a claim as its detail `/api/v1/claims/{id}/` "
            "shows it (with the verdict's `rationale`, `sources` and `corrections`) or a "
            'tombstone (`"removed": true`). After each chunk (up to 2,000 claims of the '
            'order) comes a cursor line `{"cursor": "..."}`; the last line '
            'is `{"cursor": "...", "complete": true}`, or `false` when the response reached '
            f"its time limit ({settings.API_EXPORT_MAX_SECONDS} s) first: then ask again "
            "with that cursor.\n\nA stream without the closing line was cut short: ask "
            "again with the last cursor line you received (the items after it come again). "
            "Keep the final cursor: asked again later with it, the export sends only what "
            "changed since, tombstones included. Changes of the last "
            f"{settings.API_EXPORT_SETTLE_SECONDS} seconds wait for the next request. "
            "Limited to its own rate (`export` scope, per token), apart from the other reads, "
            f"and to {settings.API_EXPORT_CONCURRENT_PER_TOKEN} exports running at once per "
            "token: one more is a 429 `too_many_exports` whose `Retry-After` says when the "
            "first running one ends at the latest."
        ),
        parameters=[ExportParams],
        responses={
            (200, MEDIA_TYPE): OpenApiResponse(
                OpenApiTypes.STR, description="Claims, tombstones and cursor lines, one a line."
            ),
            **problems(400, *READ_ERRORS),
        },
    )
    def get(self, request):
        params = ExportParams(data=request.query_params)
        params.is_valid(raise_exception=True)
        after = params.validated_data.get("cursor")
        until = export_bound(viewer=request.user)
        deadline = time.monotonic() + settings.API_EXPORT_MAX_SECONDS
        # Taken last, once the request is known to be good; freed when the stream ends.
        slot = export_slots.take_slot(ExportRateThrottle().get_cache_key(request, self))
        body = export_lines(
            viewer=request.user, after=after, until=until, chunk=CHUNK, deadline=deadline
        )
        response = StreamingHttpResponse(export_slots.held(body, slot), content_type=MEDIA_TYPE)
        response["Cache-Control"] = "private, no-store"
        return response
