"""The consumer read cache (``claims.api.readcache``): a page is built once per state of the
public record, every visible change reaches the next request, and access is still checked."""

from __future__ import annotations

import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from claims.api import conditional
from claims.models import Article
from claims.workflow import verdict_approve

LIST = "/api/v1/claims/"


@pytest.fixture(autouse=True)
def _cache_on(settings):
    settings.API_READ_CACHE_SECONDS = 30


def claim_queries(client, path, **extra):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path, **extra)
    # The page's own reads; the version probe is an aggregate (MAX), auth reads other tables.
    reads = [
        q["sql"]
        for q in ctx.captured_queries
        if 'FROM "claims_claim"' in q["sql"] and "MAX(" not in q["sql"]
    ]
    return response, reads


@pytest.mark.parametrize(
    "path",
    [LIST, "/api/v1/claims/{pk}/", "/api/v1/claims/{pk}/claimreview/", "/api/v1/claimreview/"],
)
def test_the_second_request_is_served_without_reading_claims(path, published, reader, monkeypatch):
    # Two seconds on from the last change: both answers carry Last-Modified, whatever second
    # boundary falls between the two requests (claims.api.conditional holds it back during the
    # second of the last change; that case is tested in test_claims).
    monkeypatch.setattr(conditional, "_wall_clock", lambda: time.time() + 2)
    path = path.format(pk=published.pk)
    first, reads = claim_queries(reader, path)
    assert first.status_code == 200 and reads
    second, reads = claim_queries(reader, path)
    assert second.status_code == 200
    assert reads == []
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    assert first.get("Last-Modified")
    assert second["Last-Modified"] == first["Last-Modified"]


def test_the_feed_keeps_its_link_header_from_the_cache(at, reader):
    for _ in range(3):
        at("published")
    first = reader.get("/api/v1/claimreview/", {"page_size": 2})
    second, reads = claim_queries(reader, "/api/v1/claimreview/?page_size=2")
    assert reads == []
    assert 'rel="next"' in first["Link"]
    assert second["Link"] == first["Link"]


def test_a_workflow_change_reaches_the_next_request(at, reader, editor):
    pending = at("pending_approval")
    before = reader.get(f"/api/v1/claims/{pending.pk}/").json()
    assert before["review_status"] == "pending"
    verdict_approve(verdict=pending.verdicts.get(state="proposed"), actor=editor)
    after = reader.get(f"/api/v1/claims/{pending.pk}/").json()
    assert after["review_status"] == "published"


def test_an_article_edit_reaches_the_next_request(published, reader):
    path = f"/api/v1/claims/{published.pk}/"
    assert reader.get(path).json()["article"]["title"] == "Buffer zone talks"
    Article.objects.filter(pk=published.article_id).update(
        title="Buffer zone talks (corrected)", updated_at=timezone.now()
    )
    assert reader.get(path).json()["article"]["title"] == "Buffer zone talks (corrected)"


def test_a_cached_page_still_needs_a_token(published, reader, api, settings):
    settings.API_ALLOW_ANONYMOUS_READS = False  # explicit: a test elsewhere leaks True
    assert reader.get(LIST).status_code == 200
    assert api.get(LIST).status_code == 401


def test_a_cached_page_still_answers_304(published, reader):
    first = reader.get(LIST)
    again = reader.get(LIST, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304


def test_lifetime_zero_turns_it_off(published, reader, settings):
    settings.API_READ_CACHE_SECONDS = 0
    reader.get(LIST)
    _, reads = claim_queries(reader, LIST)
    assert reads
