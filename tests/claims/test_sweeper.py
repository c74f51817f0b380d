"""The article sweeper: nothing is lost when the broker is down or a worker dies.

An article whose task message never reached the broker stays pending; one whose worker died
stays running. ``sweep_stale_articles`` (run by Celery beat) queues each of them again once
``updated_at`` shows no recent activity, claiming the row with a conditional update so that
overlapping sweeps queue it once.

The last test does it for real: a Redis broker on a free port, stopped while text is
submitted, started again before the sweep, and the ``celery`` list inspected.
"""

from __future__ import annotations

import base64
import json
import logging
import time
from collections.abc import Iterator
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.conf import settings as django_settings
from django.utils import timezone

from claims import tasks
from claims.ingestion import pipeline
from claims.ingestion.pipeline import (
    PENDING_STALE_AFTER,
    RUNNING_STALE_AFTER,
    ingest_text,
    submit_url,
    sweep_stale_articles,
    sweeper,
)
from claims.models import Article
from tests.claims.ingestion import conftest as ingestion_fixtures
from tests.conftest import require_service
from tests.faults.servers import RedisServer, celery_sends_to, free_port, redis_binary

A = Article.Status
# A URL is resolved at submission: tests that submit one say what DNS answers.
fake_dns = ingestion_fixtures.fake_dns

TEXT = (
    "The unemployment rate rose to 7.4 percent in March, according to the national "
    "statistics office.\n\nOfficials said exports fell by 12 percent compared with last year."
)


@pytest.fixture
def sent(monkeypatch) -> list[tuple[str, int]]:
    """The task messages the services send, recorded instead of run."""
    calls: list[tuple[str, int]] = []
    for task in (tasks.fetch_article_task, tasks.extract_article_task):
        monkeypatch.setattr(
            task, "delay", lambda article_id, _name=task.name: calls.append((_name, article_id))
        )
    return calls


def make_article(*, status: str, idle: timedelta, origin: str = "text", **fields) -> Article:
    """An article in ``status`` whose last write was ``idle`` ago."""
    n = Article.objects.count() + 1
    if origin == "url":
        fields.setdefault("url", f"https://news.example.org/story-{n}")
    else:
        fields.setdefault("text", f"{TEXT} Story {n}.")
        fields.setdefault("content_hash", f"{n:064x}")
    article = Article.objects.create(status=status, origin=origin, **fields)
    Article.objects.filter(pk=article.pk).update(updated_at=timezone.now() - idle)
    article.refresh_from_db()
    return article


EXTRACT = "claims.tasks.extract_article_task"
FETCH = "claims.tasks.fetch_article_task"
LONG_AGO = PENDING_STALE_AFTER + RUNNING_STALE_AFTER


# --- What the sweeper picks up ----------------------------------------------------------
def test_a_pending_text_article_whose_task_was_lost_is_queued_for_extraction(
    db, sent, django_capture_on_commit_callbacks
):
    article = make_article(status=A.PENDING, idle=PENDING_STALE_AFTER + timedelta(seconds=5))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert sweep_stale_articles() == 1
    assert sent == [], "nothing is enqueued before the commit"
    for callback in callbacks:
        callback()
    assert sent == [(EXTRACT, article.pk)]
    article.refresh_from_db()
    assert article.status == A.PENDING
    assert article.updated_at > timezone.now() - timedelta(minutes=1), "marked as just queued"


def test_a_pending_url_article_is_queued_for_its_fetch(
    db, sent, django_capture_on_commit_callbacks
):
    article = make_article(status=A.PENDING, idle=LONG_AGO, origin="url")
    with django_capture_on_commit_callbacks(execute=True):
        assert sweep_stale_articles() == 1
    assert sent == [(FETCH, article.pk)]


def test_a_running_article_whose_worker_died_goes_back_to_pending_and_is_fetched_again(
    db, sent, django_capture_on_commit_callbacks
):
    article = make_article(
        status=A.RUNNING, idle=RUNNING_STALE_AFTER + timedelta(seconds=5), origin="url"
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert sweep_stale_articles() == 1
    assert sent == [(FETCH, article.pk)]
    article.refresh_from_db()
    assert article.status == A.PENDING


def test_recent_finished_and_failed_articles_are_left_alone(
    db, sent, django_capture_on_commit_callbacks
):
    # Pending for less than PENDING_STALE_AFTER: its task may still be in the queue (or a
    # fetch retry may be scheduled with backoff). Running for less than RUNNING_STALE_AFTER:
    # its worker may still be busy. Done and failed articles have no task to lose.
    recent = [
        make_article(status=A.PENDING, idle=PENDING_STALE_AFTER - timedelta(seconds=30)),
        make_article(status=A.RUNNING, idle=RUNNING_STALE_AFTER - timedelta(seconds=30)),
    ]
    finished = [
        make_article(status=A.DONE, idle=LONG_AGO),
        make_article(status=A.FAILED, idle=LONG_AGO, error="Gave up."),
    ]
    before = {a.pk: (a.status, a.updated_at) for a in recent + finished}
    with django_capture_on_commit_callbacks(execute=True):
        assert sweep_stale_articles() == 0
    assert sent == []
    after = {a.pk: (a.status, a.updated_at) for a in Article.objects.all()}
    assert after == before


def test_a_sweep_run_twice_queues_each_article_once(db, sent, django_capture_on_commit_callbacks):
    articles = [make_article(status=A.PENDING, idle=LONG_AGO) for _ in range(3)]
    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        assert sweep_stale_articles(now=now) == 3
        assert sweep_stale_articles(now=now) == 0
        assert sweep_stale_articles(now=now + PENDING_STALE_AFTER / 2) == 0
    assert sorted(sent) == sorted((EXTRACT, a.pk) for a in articles)


def test_an_article_moved_on_after_the_sweep_looked_is_skipped(
    db, sent, monkeypatch, django_capture_on_commit_callbacks
):
    # Between the sweep's read and its conditional update, a worker finishes the article
    # (or another sweep claims it): the update matches nothing and nothing is queued.
    article = make_article(status=A.PENDING, idle=LONG_AGO)
    real = sweeper.transaction

    def atomic_after_a_worker_finished(*args, **kwargs):
        Article.objects.filter(pk=article.pk).update(status=A.DONE, updated_at=timezone.now())
        return real.atomic(*args, **kwargs)

    monkeypatch.setattr(
        sweeper,
        "transaction",
        SimpleNamespace(atomic=atomic_after_a_worker_finished, on_commit=real.on_commit),
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert sweep_stale_articles() == 0
    assert sent == []
    article.refresh_from_db()
    assert article.status == A.DONE


def test_a_text_article_without_text_is_failed_instead_of_queued_forever(
    db, sent, django_capture_on_commit_callbacks
):
    article = make_article(status=A.PENDING, idle=LONG_AGO, text="", content_hash=None)
    with django_capture_on_commit_callbacks(execute=True):
        assert sweep_stale_articles() == 0
    assert sent == []
    article.refresh_from_db()
    assert article.status == A.FAILED
    assert article.error == "The article has no text to extract."


def test_a_sweep_takes_the_oldest_first_up_to_its_limit(
    db, sent, django_capture_on_commit_callbacks
):
    older = make_article(status=A.PENDING, idle=LONG_AGO * 2)
    newer = make_article(status=A.PENDING, idle=LONG_AGO)
    with django_capture_on_commit_callbacks(execute=True):
        assert sweep_stale_articles(limit=1) == 1
        assert sweep_stale_articles(limit=1) == 1
    assert sent == [(EXTRACT, older.pk), (EXTRACT, newer.pk)]


# --- The task and its schedule -----------------------------------------------------------
def test_beat_runs_the_sweep_task_which_calls_the_service(db, monkeypatch):
    from factcheck.celery import app

    entry = django_settings.CELERY_BEAT_SCHEDULE["sweep-stale-articles"]
    assert entry["task"] == tasks.sweep_stale_articles_task.name
    assert app.tasks[entry["task"]].name == entry["task"]  # registered with the app
    assert tasks.sweep_stale_articles_task.time_limit == tasks.SWEEP_TIME_LIMIT

    calls = []
    monkeypatch.setattr(pipeline, "sweep_stale_articles", lambda **kw: calls.append(kw) or 4)
    assert tasks.sweep_stale_articles_task.delay().get() == 4
    assert calls == [{}]


def test_in_process_a_swept_article_is_extracted(db, django_capture_on_commit_callbacks):
    # Embedded default (tasks eager): the sweep's enqueue runs the extraction at once.
    article = make_article(status=A.PENDING, idle=LONG_AGO)
    with django_capture_on_commit_callbacks(execute=True):
        assert sweep_stale_articles() == 1
    article.refresh_from_db()
    assert article.status == A.DONE
    assert article.claims.exists()


def test_a_lost_fetch_is_queued_again_by_the_sweep_and_a_resubmission_is_not_needed(
    db, sent, django_capture_on_commit_callbacks, fake_dns
):
    fake_dns.answers["news.example.org"] = ["93.184.216.34"]  # resolved at submission only
    with django_capture_on_commit_callbacks(execute=False):
        article = submit_url(url="https://news.example.org/lost-message").article
    assert sent == [], "the enqueue was lost (never run)"
    later = timezone.now() + PENDING_STALE_AFTER + timedelta(seconds=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert sweep_stale_articles(now=later) == 1
    assert sent == [(FETCH, article.pk)]


# --- For real: the broker is down at submission -------------------------------------------
# (tests/faults/test_broker_down.py goes on from here: the request over HTTP, a real worker.)
@pytest.fixture
def broker(tmp_path) -> Iterator[RedisServer]:
    """A Redis broker for Celery, used for real (not eagerly) by this test only."""
    binary = redis_binary()
    require_service("redis-server", binary is not None, "the redis-server binary is not on PATH")
    server = RedisServer(binary, free_port(), tmp_path)
    server.start()
    try:
        # Fail fast while the broker is down, so the test stays short.
        with celery_sends_to(server.url, fail_fast=True):
            yield server
    finally:
        server.stop()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_text_submitted_while_the_broker_is_down_is_queued_once_by_the_sweep(broker, caplog):
    started = time.monotonic()
    broker.stop()

    # The service succeeds: the row is committed, the failed enqueue is only logged.
    with caplog.at_level(logging.ERROR, logger="django.db.backends.base"):
        result = ingest_text(text=TEXT, title="Broker down")
    article = result.article
    assert result.created
    assert any("enqueue_extraction" in r.getMessage() for r in caplog.records), caplog.text
    article.refresh_from_db()
    assert article.status == A.PENDING
    assert not article.claims.exists()

    broker.start()
    assert broker.queued() == [], "nothing reached the broker while it was down"

    # A sweep before PENDING_STALE_AFTER leaves it: its message may still be on the way.
    assert sweep_stale_articles() == 0
    later = timezone.now() + PENDING_STALE_AFTER + timedelta(seconds=1)
    assert sweep_stale_articles(now=later) == 1
    assert sweep_stale_articles(now=later) == 0, "a second sweep queues nothing more"

    [message] = broker.queued()
    assert message["headers"]["task"] == tasks.extract_article_task.name
    args, kwargs, _embed = json.loads(base64.b64decode(message["body"]))
    assert (args, kwargs) == ([article.pk], {})
    article.refresh_from_db()
    assert article.status == A.PENDING, "no worker here: it waits in the queue"
    assert time.monotonic() - started < 30
