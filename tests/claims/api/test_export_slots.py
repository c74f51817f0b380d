"""How many exports one token runs at once: a slot per stream, freed when it ends.

These run on the cache the settings give (the local-memory cache of the embedded default;
Redis when the suite runs with REDIS_URL, as CI's second pass does)."""

from __future__ import annotations

import threading
import time
from unittest import mock

import pytest
from django.core.signals import request_finished
from django.db import DatabaseError, close_old_connections

from claims.api import export, export_slots
from claims.selectors import rows
from tests.claims.api.conftest import client_with_token
from tests.claims.api.test_export import EXPORT, items, lines


@pytest.fixture(autouse=True)
def _two_at_once(settings):
    settings.API_EXPORT_SETTLE_SECONDS = 0
    settings.API_EXPORT_CONCURRENT_PER_TOKEN = 2


@pytest.fixture
def record(at):
    return [at("queued") for _ in range(3)]


@pytest.fixture
def small_chunks(monkeypatch):
    monkeypatch.setattr(export, "CHUNK", 1)  # a chunk, and a cursor line, per claim


def close_as_the_server_does(response) -> None:
    """``response.close()``, what a WSGI server calls once the client is gone, without its
    request_finished signal closing the test's database connection (on PostgreSQL that ends
    the test's transaction). Django's test client unhooks close_old_connections around
    closing a streamed body too, but hooks it back before the response's own close sends
    the signal a second time; so it stays unhooked here until the close is over."""
    request_finished.disconnect(close_old_connections)
    try:
        with mock.patch.object(request_finished, "connect"):
            response.close()
    finally:
        request_finished.connect(close_old_connections)


def assert_too_many(response, *, limit: int = 2) -> None:
    assert response.status_code == 429
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["code"] == "too_many_exports"
    assert problem["type"] == "urn:factcheck:problem:too_many_exports"
    assert f"already running {limit} exports" in problem["detail"]
    assert problem["retry_after"] == int(response["Retry-After"])


def test_a_third_export_at_once_is_refused_until_one_ends(record, reader, settings):
    settings.API_EXPORT_MAX_SECONDS = 20
    first, second = reader.get(EXPORT), reader.get(EXPORT)  # open, nothing read yet
    assert (first.status_code, second.status_code) == (200, 200)
    refused = reader.get(EXPORT)
    assert_too_many(refused)
    # The running ones end within their time limit: that is the wait. The rate's fields
    # still describe the hourly bucket, which counted this request too.
    assert 1 <= int(refused["Retry-After"]) <= 20
    assert (refused["RateLimit-Limit"], refused["RateLimit-Remaining"]) == ("20", "17")

    assert len(items(lines(first))) == 3  # read to its end: its slot is free
    third = reader.get(EXPORT)
    assert len(items(lines(third))) == 3
    assert len(items(lines(second))) == 3


def test_a_client_that_leaves_early_frees_its_slot(record, reader, small_chunks):
    first = reader.get(EXPORT)
    next(iter(first.streaming_content))  # one chunk, then the client goes away
    reader.get(EXPORT)
    assert_too_many(reader.get(EXPORT))
    close_as_the_server_does(first)
    assert reader.get(EXPORT).status_code == 200


def test_a_stream_that_fails_frees_its_slot(record, reader, small_chunks, monkeypatch):
    real = rows.detail_extras
    calls = []

    def database_gone(found):
        calls.append(1)
        if len(calls) == 2:  # the second chunk of the first export
            raise DatabaseError("connection lost")
        return real(found)

    monkeypatch.setattr(rows, "detail_extras", database_gone)
    broken = reader.get(EXPORT)
    with pytest.raises(DatabaseError):
        b"".join(broken.streaming_content)
    # Every slot is free again: two exports run at once.
    assert [reader.get(EXPORT).status_code for _ in range(2)] == [200, 200]


def test_each_token_has_its_own_slots(record, reader, consumer):
    held = [reader.get(EXPORT), reader.get(EXPORT)]
    assert_too_many(reader.get(EXPORT))
    other = client_with_token(consumer, "read")
    assert other.get(EXPORT).status_code == 200
    assert all(r.status_code == 200 for r in held)


def test_a_bad_request_takes_no_slot(record, reader):
    for _ in range(3):
        assert reader.get(EXPORT, {"cursor": "not-a-cursor"}).status_code == 400
    assert [reader.get(EXPORT).status_code for _ in range(2)] == [200, 200]


def test_a_slot_never_released_expires_after_the_streams_time_limit(settings, monkeypatch):
    # A worker killed mid-stream frees nothing: its slot lapses on its own.
    settings.API_EXPORT_MAX_SECONDS = 1
    settings.API_EXPORT_CONCURRENT_PER_TOKEN = 1
    monkeypatch.setattr(export_slots, "SLOT_GRACE_SECONDS", 1)
    export_slots.take_slot("killed")
    with pytest.raises(export_slots.TooManyExports) as refused:
        export_slots.take_slot("killed")
    assert refused.value.wait == 1  # the stream's time limit, a second away
    time.sleep(2.1)
    export_slots.take_slot("killed").release()


def test_requests_at_the_same_moment_never_share_a_slot(db):
    """Twelve threads take slots of one token at once: exactly the limit succeed (cache.add
    is atomic, in the local-memory cache's lock as in Redis's SET NX)."""
    start = threading.Barrier(12)
    taken, refused = [], []

    def take():
        start.wait()
        try:
            taken.append(export_slots.take_slot("race"))
        except export_slots.TooManyExports:
            refused.append(1)

    threads = [threading.Thread(target=take) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert (len(taken), len(refused)) == (2, 10)
    assert len({slot.key for slot in taken}) == 2
    for slot in taken:
        slot.release()
    export_slots.take_slot("race")


def test_a_slot_released_twice_or_after_expiry_frees_only_its_own(settings):
    settings.API_EXPORT_CONCURRENT_PER_TOKEN = 1
    slot = export_slots.take_slot("mine")
    slot.release()
    later = export_slots.take_slot("mine")  # the same key, another stream's now
    slot.release()  # nothing: not ours any more
    with pytest.raises(export_slots.TooManyExports):
        export_slots.take_slot("mine")
    later.release()
