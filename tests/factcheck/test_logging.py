"""Structured logs with a request id, carried from the request into the tasks it starts.

The id comes from a well-formed ``X-Request-ID`` or is made up; it is on the response and on
every log line written while the request runs, and in the headers of every task message
published meanwhile, so the task's own lines carry it too (in process, through a broker to
a real worker). Lines are read through the project's own formatter and filters, wired as
``settings.LOGGING`` wires them.
"""

from __future__ import annotations

import io
import json
import logging
import re
import sys
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from celery import shared_task
from django.conf import settings as django_settings
from django.http import JsonResponse
from django.urls import path

from factcheck import request_id
from factcheck.celery import app
from factcheck.logging import JsonFormatter, TaskFilter, logging_config
from factcheck.request_id import RequestIdFilter, bind_request_id, get_request_id, reset_request_id

logger = logging.getLogger("tests.factcheck.logging")


@shared_task(name="tests.factcheck.log_line_task")
def log_line_task(word: str) -> str | None:
    logger.info("task says %s", word)
    return get_request_id()


def view_that_starts_a_task(request):
    logger.info("view says hello")
    seen_in_task = log_line_task.delay("goodbye").get()
    return JsonResponse({"seen_in_task": seen_in_task})


urlpatterns = [path("start-task", view_that_starts_a_task)]


@pytest.fixture
def log_lines() -> Iterator[Callable[[], list[dict]]]:
    """JSON lines written through the project's formatter and filters, parsed."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    handler.addFilter(TaskFilter())
    root = logging.getLogger()
    root.addHandler(handler)
    level = root.level
    root.setLevel(logging.INFO)
    try:
        yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    finally:
        root.removeHandler(handler)
        root.setLevel(level)


# --- the formatter ---------------------------------------------------------------------
def _record(msg: str, *args, **extra) -> logging.LogRecord:
    record = logging.LogRecord("app.part", logging.WARNING, __file__, 1, msg, args, None)
    record.__dict__.update(extra)
    return record


def test_a_json_line_has_time_level_logger_message_and_extras():
    line = JsonFormatter().format(_record("rows: %d\nsecond line", 3, request_id="abc", rows=3))
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["level"] == "WARNING"
    assert entry["logger"] == "app.part"
    assert entry["message"] == "rows: 3\nsecond line"
    assert entry["request_id"] == "abc"
    assert entry["rows"] == 3
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00", entry["time"])


def test_an_exception_is_one_field_and_odd_extras_become_text():
    try:
        raise ValueError("boom")
    except ValueError:
        record = _record("failed", when=object())
        record.exc_info = sys.exc_info()
    entry = json.loads(JsonFormatter().format(record))
    assert "ValueError: boom" in entry["exception"]
    assert entry["when"].startswith("<object object")
    assert "request_id" not in entry, "no id bound: the field is left out"


def test_a_logged_request_object_is_reduced_to_method_and_path(rf):
    request = rf.get("/desk/?token=secret-value")
    entry = json.loads(JsonFormatter().format(_record("Not Found", request=request)))
    assert entry["request"] == {"method": "GET", "path": "/desk/"}


def test_settings_wire_the_formatter_and_filters_to_the_handler():
    config = logging_config(fmt="json")
    handler = config["handlers"]["console"]
    assert config["formatters"][handler["formatter"]] == {"()": "factcheck.logging.JsonFormatter"}
    filters = {config["filters"][name]["()"] for name in handler["filters"]}
    assert filters == {"factcheck.request_id.RequestIdFilter", "factcheck.logging.TaskFilter"}
    assert config["root"]["handlers"] == ["console"]
    text = logging_config(fmt="text")
    assert "%(request_id)s" in text["formatters"]["default"]["format"]
    with pytest.raises(ValueError):
        logging_config(fmt="xml")


def test_production_logs_json_and_debug_logs_text():
    # tests.settings runs with DEBUG off, like production.
    assert django_settings.LOG_FORMAT == "json"
    [handler] = [h for h in logging.getLogger().handlers if isinstance(h.formatter, JsonFormatter)]
    assert any(isinstance(f, RequestIdFilter) for f in handler.filters)


@pytest.mark.slow
def test_an_unknown_log_format_stops_start_up():
    from tests.test_settings import PRODUCTION, run_manage

    result = run_manage("check", env={**PRODUCTION, "LOG_FORMAT": "xml"})
    assert result.returncode != 0
    assert "LOG_FORMAT='xml'" in result.stderr


# --- the request id --------------------------------------------------------------------
@pytest.mark.parametrize(
    "incoming",
    ["b7f0c1d2-4e5f-4a6b-8c7d-9e0f1a2b3c4d", "lb.1732600000.42", "Root=1-67891233:abc_def"],
)
def test_a_well_formed_incoming_id_is_kept(client, db, incoming):
    response = client.get("/healthz", HTTP_X_REQUEST_ID=incoming)
    assert response["X-Request-ID"] == incoming


@pytest.mark.parametrize(
    "incoming",
    ["", "has space", "line\nbreak", "<script>", "x" * 129, "ünïcode", "a;b=c"],
)
def test_a_missing_or_malformed_id_is_replaced_by_a_new_one(client, db, incoming):
    response = client.get("/healthz", HTTP_X_REQUEST_ID=incoming)
    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])
    assert response["X-Request-ID"] != incoming


def test_every_request_gets_its_own_id(client, db):
    first = client.get("/healthz")["X-Request-ID"]
    second = client.get("/healthz")["X-Request-ID"]
    assert first != second


def test_the_longest_accepted_id_is_128_characters(client, db):
    assert client.get("/healthz", HTTP_X_REQUEST_ID="y" * 128)["X-Request-ID"] == "y" * 128


def test_even_a_refused_host_gets_an_id(client, db, settings):
    settings.ALLOWED_HOSTS = ["desk.example.org"]
    response = client.get("/healthz", HTTP_HOST="evil.example", HTTP_X_REQUEST_ID="req-400")
    assert response.status_code == 400
    assert response["X-Request-ID"] == "req-400"


def test_nothing_is_left_bound_after_the_request(client, db):
    client.get("/healthz", HTTP_X_REQUEST_ID="req-gone")
    assert get_request_id() is None


@pytest.mark.urls(__name__)
def test_the_request_and_the_task_it_starts_log_with_one_id(client, db, log_lines):
    response = client.get("/start-task", HTTP_X_REQUEST_ID="req-eager-1")
    assert response.json() == {"seen_in_task": "req-eager-1"}
    lines = log_lines()
    by_message = {line["message"]: line for line in lines}
    assert by_message["view says hello"]["request_id"] == "req-eager-1"
    task_line = by_message["task says goodbye"]
    assert task_line["request_id"] == "req-eager-1"
    assert task_line["task"] == "tests.factcheck.log_line_task"
    assert task_line["task_id"]
    [access] = [line for line in lines if line["logger"] == "factcheck.access"]
    assert access["request_id"] == "req-eager-1"
    assert (access["method"], access["path"], access["status"]) == ("GET", "/start-task", 200)
    assert get_request_id() is None


# A real commit: the service's on_commit enqueue runs inside the request, as in production
# (the test transaction would hold the callbacks until after the request has ended).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_article_submitted_through_the_api_is_extracted_under_its_request_id(
    client, fact_checker
):
    from celery.signals import task_prerun

    seen: list[tuple[str, str | None]] = []

    def record(task=None, **_kwargs):
        seen.append((task.name, get_request_id()))

    task_prerun.connect(record, weak=False)
    client.force_login(fact_checker)
    text = (
        "The unemployment rate rose to 7.4 percent in March, according to the statistics "
        "office.\n\nExports fell by 12 percent compared with last year, officials said."
    )
    try:
        response = client.post(
            "/api/v1/articles/",
            {"text": text, "title": "Request id"},
            content_type="application/json",
            HTTP_X_REQUEST_ID="req-article-7",
        )
    finally:
        task_prerun.disconnect(record)
    assert response.status_code in (201, 202), response.content
    assert ("claims.tasks.extract_article_task", "req-article-7") in seen


# --- through a broker ------------------------------------------------------------------
@pytest.fixture
def publishing(settings) -> Iterator[str]:
    """Tasks are published for real (not run in process) to an in-memory broker."""
    from kombu import pools

    url = "memory://"
    saved = {k: app.conf[k] for k in ("task_always_eager", "broker_url")}
    settings.CELERY_TASK_ALWAYS_EAGER = False
    pools.reset()
    app._after_fork()
    app.conf.update(task_always_eager=False, broker_url=url)
    try:
        yield url
    finally:
        app.conf.update(saved)
        pools.reset()
        app._after_fork()


def _messages(queue: str) -> list:
    with app.connection_for_read() as conn:
        simple = conn.SimpleQueue(queue)
        try:
            found = []
            while True:
                try:
                    message = simple.get(block=False)
                except simple.Empty:
                    return found
                message.ack()
                found.append(message)
        finally:
            simple.close()


def test_a_published_task_message_carries_the_bound_id_in_its_headers(publishing):
    queue = f"test-request-id-{uuid.uuid4().hex[:8]}"
    token = bind_request_id("req-published-1")
    try:
        log_line_task.apply_async(("hello",), queue=queue)
    finally:
        reset_request_id(token)
    log_line_task.apply_async(("unbound",), queue=queue)
    first, second = _messages(queue)
    assert first.headers["task"] == "tests.factcheck.log_line_task"
    assert first.headers[request_id.TASK_HEADER] == "req-published-1"
    assert request_id.TASK_HEADER not in second.headers


def test_a_task_run_from_a_message_binds_the_id_from_its_headers_and_then_clears_it(db):
    # What a worker does with a delivered message: the id comes only from the headers.
    assert get_request_id() is None
    result = log_line_task.apply(("hi",), headers={request_id.TASK_HEADER: "req-worker-2"})
    assert result.get() == "req-worker-2"
    assert get_request_id() is None


# --- for real: a Redis broker and a Celery worker process --------------------------------
@pytest.fixture
def redis_broker(settings, redis_url) -> Iterator[str]:
    """Publish to the Redis at REDIS_URL (on a queue of this test's own)."""
    from kombu import pools

    saved = {k: app.conf[k] for k in ("task_always_eager", "broker_url")}
    settings.CELERY_TASK_ALWAYS_EAGER = False
    pools.reset()
    app._after_fork()
    app.conf.update(task_always_eager=False, broker_url=redis_url)
    try:
        yield redis_url
    finally:
        app.conf.update(saved)
        pools.reset()
        app._after_fork()


def _raw_messages(url: str, queue: str) -> list[dict]:
    import redis

    # Kombu's Redis transport keeps a queue as a list of JSON envelopes named after it.
    return [json.loads(raw) for raw in redis.Redis.from_url(url).lrange(queue, 0, -1)]


@pytest.mark.redis
@pytest.mark.slow
def test_through_redis_a_worker_logs_the_task_with_the_request_id(redis_broker, tmp_path):
    import os
    import subprocess
    import time

    import redis

    from factcheck.celery import worker_heartbeat
    from tests.test_settings import ROOT

    queue = f"test-request-id-{uuid.uuid4().hex[:8]}"
    token = bind_request_id("req-through-redis")
    try:
        worker_heartbeat.apply_async(queue=queue)
    finally:
        reset_request_id(token)
    [message] = _raw_messages(redis_broker, queue)
    assert message["headers"]["task"] == "factcheck.worker_heartbeat"
    assert message["headers"][request_id.TASK_HEADER] == "req-through-redis"

    log = tmp_path / "worker.log"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings", "REDIS_URL": redis_broker}
    env.update(LOG_FORMAT="json", CELERY_BROKER_URL=redis_broker)
    command = [
        str(Path(sys.executable).parent / "celery"),
        *("-A", "factcheck", "worker", "-P", "solo", "-Q", queue, "--loglevel=info"),
        *("-n", f"{queue}@%h", "--without-gossip", "--without-mingle", "--without-heartbeat"),
    ]
    with log.open("w") as stderr:
        worker = subprocess.Popen(command, cwd=ROOT, env=env, stdout=stderr, stderr=stderr)
        try:
            deadline = time.monotonic() + 60
            found = None
            while time.monotonic() < deadline and found is None:
                time.sleep(0.2)
                for line in log.read_text().splitlines():
                    if line.startswith("{") and json.loads(line)["message"] == (
                        "Worker heartbeat recorded"
                    ):
                        found = json.loads(line)
                assert worker.poll() is None, log.read_text()
        finally:
            worker.terminate()
            worker.wait(timeout=30)
            redis.Redis.from_url(redis_broker).delete(queue)
    assert found is not None, log.read_text()
    assert found["request_id"] == "req-through-redis"
    assert found["task"] == "factcheck.worker_heartbeat"
    assert found["task_id"] == message["headers"]["id"]
    # Celery's own log lines are JSON too: the worker logs through settings.LOGGING, not
    # Celery's handlers (only its start-up banner is printed as it is).
    records = [json.loads(line) for line in log.read_text().splitlines() if line[:1] == "{"]
    assert any(r["logger"] == "celery.apps.worker" and "ready" in r["message"] for r in records)


def test_django_s_own_line_for_an_error_response_carries_the_id(client, db, log_lines):
    # django.request logs "Not Found: ..." after the middleware chain has returned.
    response = client.get("/no-such-page", HTTP_X_REQUEST_ID="req-404")
    assert response.status_code == 404
    [line] = [line for line in log_lines() if line["logger"] == "django.request"]
    assert line["message"] == "Not Found: /no-such-page"
    assert line["request_id"] == "req-404"
    assert line["request"] == {"method": "GET", "path": "/no-such-page"}
