"""Cursor pagination in change-feed order, for incremental sync.

Ordered by the stored, indexed (``Claim.synced_at``, ``id``) (see ``claims.sync_key``): a
client that walks ``next`` to the end and later resumes with ``updated_since`` set to the
last ``updated_at`` it saw (inclusive) gets every change since, at the price of a few
repeats at the seam.
"""

from __future__ import annotations

from rest_framework.pagination import CursorPagination

from claims.selectors import SYNC_ORDER


class SyncCursorPagination(CursorPagination):
    ordering = SYNC_ORDER
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    cursor_query_description = "Opaque cursor from a previous page's next or previous link."
    page_size_query_description = "Items per page (1 to 200, default 50)."
