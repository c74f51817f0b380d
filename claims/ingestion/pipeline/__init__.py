"""The ingestion services: an article in (text, HTML or a URL), candidate claims out.

Each public function here is one service: keyword-only, one short transaction, the only code
that writes an ``Article`` row's content and status. Views, the API, the ``ingest`` command
and the Celery tasks in ``claims.tasks`` call them; none of them sets ``Article.status``.

The article's life::

    submit_url ──> pending ──fetch_article──> running ──extract_article──> done
    ingest_text / ingest_html ──> pending ──extract_article──> done
    any step that cannot succeed ──> failed (``error`` says why, in plain words)
    pending or running for too long ──sweep_stale_articles──> pending, its task sent again

Rules the code keeps:

- Bad input is refused *before* a row is written (empty, too large, binary, undecodable,
  HTML without article text, an invalid or refused URL), with an :class:`IngestionError`
  whose message is fit to show. Problems only a fetch can reveal (DNS, a redirect to an
  internal address, a loop, a stalling server) end with the article ``failed`` and the
  reason in ``error``; nothing is half written.
- Idempotent: the same content (``content_hash``) or the same normalized URL creates
  nothing new; the existing article comes back with ``created=False``.
- No network I/O inside a transaction: :func:`fetch_article` claims its row, commits,
  fetches, then stores the result in a new short transaction.
- Work is enqueued with ``transaction.on_commit``, so a task never sees a row that is not
  committed yet (or that was rolled back).
- Nothing is lost: if the broker is down when a task is enqueued, or a worker dies with the
  article in hand, the article stays pending or running, and :func:`sweep_stale_articles`
  (run by Celery beat) sends its task again once ``updated_at`` shows no recent activity.

Changed content at a known URL (``ingest_text``/``ingest_html`` with that ``url``, or
``submit_url(refetch=True)``) replaces the article's text and hash and runs extraction
again. The text it replaces is kept, with its hash and title, as an
:class:`~claims.models.ArticleRevision` written in the same transaction: a stealth edit
never loses what the article said. Extraction then adds claims for the sentences whose
fingerprint the article does not have yet, and moves the spans of the claims it has, so
that ``span_start`` / ``span_end`` always index the current ``article.text``: the claim's
sentence there (equal to ``claim.text`` up to case, spacing and quote style; else the
claim's words where they stand verbatim), or both null when the sentence left the text.
Nothing else of an existing claim changes, whatever its status: its text, status, assignee
and history stay. Until the extraction of a new text has run (the article pending or
running, or failed in between), spans still index the previous text: the newest revision.

Where the code is: ``submit`` (:func:`ingest_text`, :func:`ingest_html`, :func:`submit_url`),
``fetching`` (:func:`fetch_article`), ``extraction`` (:func:`extract_article`), ``failure``
(:func:`fail_article`), ``sweeper`` (:func:`sweep_stale_articles`); ``content`` builds and
stores an article's content, ``common`` holds what they share.
"""

from .common import RUNNING_STALE_AFTER, IngestResult
from .extraction import extract_article
from .failure import fail_article
from .fetching import fetch_article
from .submit import ingest_html, ingest_text, submit_url
from .sweeper import PENDING_STALE_AFTER, sweep_stale_articles

__all__ = [
    "PENDING_STALE_AFTER",
    "RUNNING_STALE_AFTER",
    "IngestResult",
    "extract_article",
    "fail_article",
    "fetch_article",
    "ingest_html",
    "ingest_text",
    "submit_url",
    "sweep_stale_articles",
]
