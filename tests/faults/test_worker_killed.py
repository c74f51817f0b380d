"""A worker is killed in the middle of extraction: the task is delivered again (late acks)
and the article ends with exactly one set of claims.

The worker is a real ``celery worker`` process on the production settings, with a Redis of
the test's own as broker and the test database. The article is long (the seed article many
times over) so that extraction takes seconds; the worker holds the message unacknowledged
while it runs, which is what the test waits for before the SIGKILL.
"""

from __future__ import annotations

import functools
import json
import os
import signal
import time

import pytest

from claims.extraction import extract, unique_claims
from claims.ingestion.pipeline import ingest_text
from claims.models import Article, ClaimEvent
from claims.tasks import extract_article_task
from tests.faults.servers import RedisServer, wait_for

pytestmark = [pytest.mark.postgres, pytest.mark.redis]

# Redis hands an unacknowledged message to another worker after this many seconds
# (production: an hour; see CELERY_VISIBILITY_TIMEOUT in factcheck/settings.py).
VISIBILITY_TIMEOUT = "3"
# Copies of the seed article: about 1 MB, seconds of extraction even on an idle machine.
COPIES = 160


def long_article(seed_text: str) -> str:
    return "\n\n".join(f"Part {n}.\n\n{seed_text}" for n in range(1, COPIES + 1))


def _held_task_id(broker: RedisServer) -> str | None:
    """The id of the task a worker has taken and not acknowledged (late acks: running)."""
    held = broker.client().hvals("unacked")
    if len(held) != 1:
        return None
    message, _exchange, _routing_key = json.loads(held[0])
    assert message["headers"]["task"] == extract_article_task.name
    return message["headers"]["id"]


@functools.cache
def _claims_in(text: str) -> int:
    return len(unique_claims(extract(text)))


def _assert_one_set_of_claims(article: Article, text: str) -> None:
    claims = list(article.claims.all())
    assert len(claims) == _claims_in(text), "as many claims as one extraction makes"
    assert len({c.text_hash for c in claims}) == len(claims), "no sentence twice"
    created = ClaimEvent.objects.filter(claim__article=article, kind="created")
    assert sorted(created.values_list("claim_id", flat=True)) == sorted(c.pk for c in claims)


def _take_and_wait(broker: RedisServer) -> str:
    task_id = wait_for(lambda: _held_task_id(broker), timeout=15, what="the worker took the task")
    assert broker.queued() == []
    time.sleep(0.5)  # into the extraction, which takes seconds on this article
    return task_id


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_worker_killed_mid_extraction_is_replaced_and_the_task_runs_again_once(
    broker, start_worker, seed_text
):
    text = long_article(seed_text)
    first = start_worker(CELERY_VISIBILITY_TIMEOUT=VISIBILITY_TIMEOUT)
    article = ingest_text(text=text, title="A long analysis").article  # queued on commit
    task_id = _take_and_wait(broker)

    first.kill()  # the whole worker, SIGKILL: no warm shutdown, nothing acknowledged
    assert f"[{task_id}] received" in first.log()
    assert f"[{task_id}] succeeded" not in first.log(), "killed before the task ended"
    article.refresh_from_db()
    assert article.status == Article.Status.PENDING
    assert not article.claims.exists(), "nothing of the interrupted extraction was written"
    assert broker.unacked() == 1, "the message is still owed"

    second = start_worker(CELERY_VISIBILITY_TIMEOUT=VISIBILITY_TIMEOUT)

    def done() -> bool:
        article.refresh_from_db()
        return article.status == Article.Status.DONE

    wait_for(done, timeout=60, what="the article extracted by the second worker")
    assert f"[{task_id}] received" in second.log(), "the same task, delivered again"
    wait_for(lambda: broker.unacked() == 0, timeout=5, what="the task acknowledged")
    assert broker.queued() == []
    _assert_one_set_of_claims(article, text)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_pool_process_killed_mid_extraction_has_its_task_requeued_at_once(
    broker, start_worker, seed_text
):
    # The out-of-memory killer's case: the child running the task dies, the worker lives.
    # REJECT_ON_WORKER_LOST requeues the message at once (no visibility timeout to wait).
    text = long_article(seed_text)
    worker = start_worker(pool="prefork")  # production visibility timeout: an hour
    article = ingest_text(text=text, title="A long analysis").article
    task_id = _take_and_wait(broker)

    [child] = worker.pool_children()
    os.kill(child, signal.SIGKILL)

    def done() -> bool:
        article.refresh_from_db()
        return article.status == Article.Status.DONE

    wait_for(done, timeout=60, what="the article extracted after the pool process died")
    log = worker.log()
    assert "WorkerLostError" in log, log
    assert log.count(f"[{task_id}] received") == 2, "the same task, delivered again"
    wait_for(lambda: broker.unacked() == 0, timeout=5, what="the task acknowledged")
    _assert_one_set_of_claims(article, text)
