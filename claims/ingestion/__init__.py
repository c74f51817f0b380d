"""Getting articles in: the network- and parsing-level building blocks of ingestion.

Plain functions without database access, so they can be tested on their own and called from
services and Celery tasks outside any transaction (no network I/O inside a transaction):

- ``urls``: :func:`~claims.ingestion.urls.normalize_url`, the lookup key of an article URL.
- ``fetch``: :func:`~claims.ingestion.fetch.fetch_url`, a guarded, size- and time-capped GET.
- ``html``: :func:`~claims.ingestion.html.parse_html`, main text and metadata via trafilatura.
- ``text``: :func:`~claims.ingestion.text.decode_upload`, ``content_hash``, ``check_size``.

Every error they raise on purpose is an :class:`IngestionError` whose ``message`` is a
sentence fit to store on the article and show a user, and whose ``code`` is a short stable
slug for programs (the API, metrics).
"""

from __future__ import annotations


class IngestionError(Exception):
    """Base of all deliberate ingestion errors: bad input, refused or failed fetches."""

    code = "ingestion_error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message
