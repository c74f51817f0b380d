"""Thin Celery tasks for ingestion: take an article id, call a service, safe to run twice.
(And the ledger of anonymous reports' beat sweep, :func:`mark_stale_reports_task`.)

The services in :mod:`claims.ingestion.pipeline` hold all the logic and enqueue these on
commit. Only :class:`~claims.ingestion.fetch.TemporaryFetchError` (timeouts, connection
errors, 429/502/503/504) is retried, with exponential backoff and jitter; every other
failure is already recorded on the article by the service, or recorded here when a task
gives up (retries exhausted, soft time limit, an unexpected error).

A hard time limit kills the worker process before anything can be recorded; the article is
then left running. A task message that never reached the broker (it was down when the
article was submitted) leaves the article pending. Either way
:func:`sweep_stale_articles_task`, run by Celery beat every minute, queues the article
again once it has been idle past ``pipeline.RUNNING_STALE_AFTER`` (running) or
``pipeline.PENDING_STALE_AFTER`` (pending).
"""

from __future__ import annotations

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded

from claims.claimants import ledger
from claims.ingestion import pipeline
from claims.ingestion.fetch import TemporaryFetchError

FETCH_MAX_RETRIES = 5
# The fetch itself ends within 3 x INGEST_TIMEOUT_SECONDS (30 s by default); parsing a
# 5 MB page with trafilatura takes a few seconds more.
FETCH_SOFT_TIME_LIMIT = 90
FETCH_TIME_LIMIT = 120
# Extraction runs at thousands of sentences a second; a 5 MB article is tens of thousands.
EXTRACT_SOFT_TIME_LIMIT = 240
EXTRACT_TIME_LIMIT = 300


@shared_task(
    bind=True,
    autoretry_for=(TemporaryFetchError,),
    retry_backoff=True,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=FETCH_MAX_RETRIES,
    soft_time_limit=FETCH_SOFT_TIME_LIMIT,
    time_limit=FETCH_TIME_LIMIT,
    acks_late=True,
)
def fetch_article_task(self, article_id: int) -> None:
    """Fetch a submitted URL article; the service queues extraction when it is stored."""
    try:
        pipeline.fetch_article(article_id=article_id)
    except TemporaryFetchError as exc:
        if self.request.retries >= self.max_retries:
            attempts = self.request.retries + 1
            pipeline.fail_article(
                article_id=article_id,
                reason=f"Gave up after {attempts} attempts. Last error: {exc.message}",
            )
            return
        if self.request.is_eager:
            # In process (no broker), Celery cannot retry while eager exceptions propagate
            # (the project's setting): its Retry would escape to whoever committed. Do
            # what it would do, an immediate next attempt; backoff needs a worker.
            self.apply(args=(article_id,), retries=self.request.retries + 1, throw=True)
            return
        raise  # autoretry_for schedules the next attempt, with backoff
    except SoftTimeLimitExceeded:
        pipeline.fail_article(
            article_id=article_id,
            reason=f"Fetching the article took longer than {FETCH_SOFT_TIME_LIMIT} seconds.",
        )
    except Exception as exc:
        _fail_on_bug(article_id, "Fetching", exc)
        raise


@shared_task(
    bind=True,
    soft_time_limit=EXTRACT_SOFT_TIME_LIMIT,
    time_limit=EXTRACT_TIME_LIMIT,
    acks_late=True,
)
def extract_article_task(self, article_id: int) -> int:
    """Create the article's candidate claims. Returns how many were created."""
    try:
        return pipeline.extract_article(article_id=article_id)
    except SoftTimeLimitExceeded:
        pipeline.fail_article(
            article_id=article_id,
            reason=(
                f"Extracting claims took longer than {EXTRACT_SOFT_TIME_LIMIT} seconds; "
                "the article may be too long."
            ),
        )
        return 0
    except Exception as exc:
        _fail_on_bug(article_id, "Extracting claims", exc)
        raise


# A sweep is a few queries and one enqueue per stale article (at most SWEEP_BATCH_SIZE).
SWEEP_SOFT_TIME_LIMIT = 50
SWEEP_TIME_LIMIT = 60


@shared_task(soft_time_limit=SWEEP_SOFT_TIME_LIMIT, time_limit=SWEEP_TIME_LIMIT, ignore_result=True)
def sweep_stale_articles_task() -> int:
    """Queue again the articles whose task was lost. Returns how many were queued.

    Safe to run twice, and concurrently: each article is claimed by a conditional update.
    """
    return pipeline.sweep_stale_articles()


@shared_task(soft_time_limit=SWEEP_SOFT_TIME_LIMIT, time_limit=SWEEP_TIME_LIMIT, ignore_result=True)
def mark_stale_reports_task() -> int:
    """Mark stale the anonymous reports nobody confirmed in time (the ledger's sweep).
    Returns how many. Safe to run twice: each report is locked and read again."""
    return ledger.mark_stale_reports()


@shared_task(soft_time_limit=3 * 3600, time_limit=3 * 3600 + 60, ignore_result=True)
def refresh_embedding_cells_task() -> int:
    """Build matching's embedding cells when they are due (``cells.refresh``: none yet in
    an archive of more than 2,000 claims, or the archive four times what they were built
    over). Returns how many cells were built (0: not due). Minutes at a million claims."""
    from claims.matching import cells

    done = cells.refresh()
    return done[0] if done else 0


def _fail_on_bug(article_id: int, step: str, exc: Exception) -> None:
    # Not the user's fault and not worth retrying: say so on the article. The caller
    # re-raises, so Celery logs the traceback and marks the task failed.
    pipeline.fail_article(
        article_id=article_id,
        reason=(
            f"{step} stopped on an internal error ({type(exc).__name__}); "
            "the details are in the worker log."
        ),
    )
