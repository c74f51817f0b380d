"""Keyset (cursor) pagination for the desk's lists.

A page starts just after the last row of the one before, found through an index, so the
2,000th page costs what the second does; an OFFSET makes the database read and drop every
row before the page (measured in ``bench/claims_list.py``).

An ``Order`` is a leading key and the id, both in one direction. A nullable key (a claim
with no score, no due time) puts its null rows after all others, in id order: the list is
then two segments, each read in an index's order (``key IS NOT NULL`` along the key,
``key IS NULL`` along the primary key), and only a page that crosses from one to the other
costs a second query.

A cursor is a row's position (its key value and id) with a direction: the rows after it
(``next``) or before it (``previous``). It is opaque to people but not secret: it holds
only what the row shows. A page reached backwards that would come up short is the first
page, filled from the start.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from django.db.models import F, Q, QuerySet

KEY = "keyset_value"


class InvalidCursor(ValueError):
    pass


@dataclass(frozen=True)
class Order:
    name: str
    key: str  # a field path of the queryset's model, e.g. "queue_entry__due_at"
    descending: bool
    kind: Literal["datetime", "float"]
    nullable: bool = False

    def position(self, row: Any) -> tuple[Any, int]:
        return getattr(row, KEY), row.pk

    def encode(self, row: Any, direction: Literal["next", "previous"]) -> str:
        value, pk = self.position(row)
        if isinstance(value, datetime):
            value = value.isoformat()
        raw = json.dumps([self.name, direction[0], value, pk], separators=(",", ":"))
        return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")

    def decode(self, cursor: str) -> Cursor:
        try:
            raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
            name, direction, value, pk = json.loads(raw)
        except (binascii.Error, ValueError, TypeError, UnicodeDecodeError):
            raise InvalidCursor("Not a page link of this list.") from None
        if name != self.name or direction not in ("n", "p"):
            raise InvalidCursor("Not a page link of this list (or of another order).")
        if not isinstance(pk, int) or isinstance(pk, bool) or pk < 1:
            raise InvalidCursor("Not a page link of this list.")
        if value is None:
            if not self.nullable:
                raise InvalidCursor("Not a page link of this list.")
        elif self.kind == "datetime":
            try:
                value = datetime.fromisoformat(value) if isinstance(value, str) else None
            except ValueError:
                value = None
            if value is None or value.tzinfo is None:
                raise InvalidCursor("Not a page link of this list.")
        elif isinstance(value, bool) or not isinstance(value, int | float):
            raise InvalidCursor("Not a page link of this list.")
        return Cursor(forward=direction == "n", value=value, pk=pk)


@dataclass(frozen=True)
class Cursor:
    forward: bool
    value: Any
    pk: int


@dataclass(frozen=True)
class Page:
    rows: list
    next: str | None
    previous: str | None


def paginate(qs: QuerySet, order: Order, *, cursor: Cursor | None, size: int) -> Page:
    """One page of ``qs`` in ``order``: at most ``size`` rows, with the cursors of the pages
    after and before it (None at either end). Usually one query; two where the page
    crosses into the null segment, or where a backward page turns out to be the first."""
    qs = qs.annotate(**{KEY: F(order.key)})
    if cursor is None or cursor.forward:
        got = _read(qs, order, _after(order, cursor), size + 1, forward=True)
        rows = got[:size]
        return Page(
            rows=rows,
            next=order.encode(rows[-1], "next") if len(got) > size else None,
            previous=order.encode(rows[0], "previous") if cursor is not None and rows else None,
        )
    got = _read(qs, order, _before(order, cursor), size + 1, forward=False)
    if len(got) <= size:
        return paginate(qs, order, cursor=None, size=size)
    rows = got[:size][::-1]
    return Page(
        rows=rows,
        next=order.encode(rows[-1], "next"),
        previous=order.encode(rows[0], "previous"),
    )


# A segment to read: (whether its key is null, the position to start beyond or None).
Segment = tuple[bool, "tuple[Any, int] | None"]


def _after(order: Order, cursor: Cursor | None) -> list[Segment]:
    if cursor is None:
        return [(False, None), (True, None)] if order.nullable else [(False, None)]
    if cursor.value is None:
        return [(True, (None, cursor.pk))]
    position = (cursor.value, cursor.pk)
    return [(False, position), (True, None)] if order.nullable else [(False, position)]


def _before(order: Order, cursor: Cursor) -> list[Segment]:
    if cursor.value is None:
        return [(True, (None, cursor.pk)), (False, None)]
    return [(False, (cursor.value, cursor.pk))]


def _read(
    qs: QuerySet, order: Order, segments: Iterable[Segment], limit: int, *, forward: bool
) -> list:
    rows: list = []
    for null, beyond in segments:
        part = qs
        if order.nullable:
            part = part.filter(**{f"{order.key}__isnull": null})
        if null:
            # Null keys follow every value, in id order (the list's direction).
            descending = order.descending != (not forward)
            if beyond is not None:
                part = part.filter(**{f"pk__{'lt' if descending else 'gt'}": beyond[1]})
            part = part.order_by("-pk" if descending else "pk")
        else:
            if beyond is not None:
                part = part.filter(_beyond(order, *beyond, forward=forward))
            descending = order.descending != (not forward)
            key = F(order.key)
            part = part.order_by(
                key.desc() if descending else key.asc(), "-pk" if descending else "pk"
            )
        rows += list(part[: limit - len(rows)])
        if len(rows) >= limit:
            break
    return rows


def _beyond(order: Order, value: Any, pk: int, *, forward: bool) -> Q:
    """Rows strictly after (forward) or before ``(value, pk)`` in ``order``. The redundant
    ``key >= value`` (or ``<=``) is what lets the database start its index scan there."""
    greater = forward != order.descending
    op, op_eq = ("gt", "gte") if greater else ("lt", "lte")
    key = order.key
    return Q(**{f"{key}__{op_eq}": value}) & (
        Q(**{f"{key}__{op}": value}) | Q(**{key: value, f"pk__{op}": pk})
    )
