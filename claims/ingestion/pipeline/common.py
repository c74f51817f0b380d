"""What the pipeline's modules share: the article statuses, the staleness rule, the result
of a service, and the enqueueing of tasks on commit."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction

from claims.models import Article

# An article left pending or running longer than this is considered abandoned (a lost task
# message, a worker killed by its hard time limit): it may be claimed or queued again.
# Well above the hard time limits of the tasks in claims.tasks.
RUNNING_STALE_AFTER = timedelta(minutes=10)


@dataclass(frozen=True)
class IngestResult:
    """What an ingestion service did.

    ``created``: a new article row was written. ``updated``: an existing article was given
    new content, or queued for another attempt (it had failed, or its task was lost).
    Both false: the input was already known and nothing was done.
    """

    article: Article
    created: bool
    updated: bool = False


def _max_length(model, field: str) -> int:
    return model._meta.get_field(field).max_length


def _enqueue_fetch(article_id: int) -> None:
    from claims import tasks  # tasks imports this package

    def enqueue_fetch() -> None:  # a named function: Django logs its __qualname__ on error
        tasks.fetch_article_task.delay(article_id)

    _on_commit(enqueue_fetch)


def _enqueue_extraction(article_id: int) -> None:
    from claims import tasks

    def enqueue_extraction() -> None:
        tasks.extract_article_task.delay(article_id)

    _on_commit(enqueue_extraction)


def _on_commit(callback) -> None:
    # robust: the row is committed whatever happens next. A task that fails (eagerly, in
    # process) records its failure on the article; it must not turn the caller's
    # successful write into an exception. An article whose task never reached the broker
    # stays pending and is queued again by sweep_stale_articles (or a resubmission).
    transaction.on_commit(callback, robust=True)
