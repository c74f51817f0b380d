"""Cursor pagination in change-feed order, for incremental sync, or in another of the
orders the list offers.

Ordered by the stored, indexed (``Claim.synced_at``, ``id``) (see ``claims.sync_key``): a
client that walks ``next`` to the end and later resumes with ``updated_since`` set to the
last ``updated_at`` it saw (inclusive) gets every change since, at the price of a few
repeats at the seam.

A view may ask for another of ``claims.selectors.ORDERINGS`` (``ordering``: by the verdict's
date, stored and indexed too, see ``claims.verdict_date``); each ends with the id, and the
cursor steps over items of equal position by counting them (DRF's offset), so a page
boundary among claims of the same date neither repeats nor skips one. The ``next`` and
``previous`` links keep the request's parameters, the ordering among them.

``count``: a view that sets ``total`` gets it in the envelope; left out otherwise, as
counting a list of a million claims costs more than a page of it.
"""

from __future__ import annotations

from datetime import datetime

from rest_framework.exceptions import NotFound
from rest_framework.pagination import CursorPagination

from claims.selectors import SYNC_ORDER


class SyncCursorPagination(CursorPagination):
    ordering = SYNC_ORDER
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    cursor_query_description = "Opaque cursor from a previous page's next or previous link."
    page_size_query_description = "Items per page (1 to 200, default 50)."
    total: int | None = None

    def get_ordering(self, request, queryset, view):
        # The view's choice (``view.ordering``), else the change feed's.
        return tuple(getattr(view, "ordering", None) or self.ordering)

    def decode_cursor(self, request):
        cursor = super().decode_cursor(request)
        # Every order starts with a stored moment; a cursor that names something else was
        # not made here, and would reach the database as an invalid date.
        if cursor is not None and cursor.position is not None:
            try:
                datetime.fromisoformat(cursor.position)
            except ValueError:
                raise NotFound(self.invalid_cursor_message) from None
        return cursor

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        if self.total is not None:
            response.data = {"count": self.total, **response.data}
        return response

    def get_paginated_response_schema(self, schema):
        paginated = super().get_paginated_response_schema(schema)
        paginated["properties"] = {
            "count": {
                "type": "integer",
                "minimum": 0,
                "description": (
                    "With count=true only: the number of items of the whole list, all pages."
                ),
            },
            **paginated["properties"],
        }
        return paginated
