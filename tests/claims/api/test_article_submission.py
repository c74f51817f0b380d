"""Staff article endpoints: submit (URL, HTML, text, file) and follow the ingestion."""

from __future__ import annotations

import io
import json

import pytest
from rest_framework.test import APIClient

from claims.api.exceptions import PayloadTooLarge
from claims.api.parsers import BoundedJSONParser, max_body_bytes
from claims.ingestion.fetch import ADDRESS_REFUSED
from claims.models import Article, Claim
from tests.claims.api.conftest import client_with_token
from tests.claims.ingestion import conftest as ingestion_fixtures
from tests.claims.ingestion.conftest import ARTICLE_HTML

SUBMIT = "/api/v1/articles/"
# A URL is resolved at submission: tests that submit one say what DNS answers.
fake_dns = ingestion_fixtures.fake_dns


@pytest.fixture
def ingester(editor) -> APIClient:
    return client_with_token(editor, "ingest")


def _problem(response, status: int) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    return response.json()


def test_text_is_accepted_with_location_and_status(ingester):
    response = ingester.post(SUBMIT, {"text": "The truce held for 70 years.", "title": "Notes"})
    assert response.status_code == 202, response.content
    article = Article.objects.get()
    assert response["Location"] == f"http://testserver/api/v1/articles/{article.pk}/"
    body = response.json()
    assert body["id"] == article.pk
    assert (body["status"], body["origin"], body["title"]) == ("pending", "text", "Notes")
    assert body["claims"] == []
    assert body["submitted_by"] == "editor"


def test_the_same_text_again_is_200_and_creates_nothing(ingester):
    first = ingester.post(SUBMIT, {"text": "The truce held for 70 years."})
    again = ingester.post(SUBMIT, {"text": "The truce held for 70 years."})
    assert (first.status_code, again.status_code) == (202, 200)
    assert again["Location"] == first["Location"]
    assert Article.objects.count() == 1


def test_a_url_is_queued_for_fetching(ingester, fake_dns):
    fake_dns.answers["news.example.org"] = ["93.184.216.34"]  # resolved, never fetched here
    response = ingester.post(SUBMIT, {"url": "https://news.example.org/2025/08/story?utm_x=1"})
    assert response.status_code == 202
    body = response.json()
    assert (body["origin"], body["status"]) == ("url", "pending")
    assert body["url"] == "https://news.example.org/2025/08/story"


def test_html_is_ingested_and_the_detail_shows_every_claim(
    ingester, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    with django_capture_on_commit_callbacks(execute=True):  # extraction runs (eager Celery)
        response = ingester.post(SUBMIT, {"html": ARTICLE_HTML, "url": "https://news.example/a"})
    assert response.status_code == 202
    location = response["Location"]
    # 1 token, 1-2 permissions, 1 article with its submitter, 1 all its claims with ratings.
    with django_assert_max_num_queries(6):
        detail = ingester.get(location)
    assert detail.status_code == 200
    body = detail.json()
    assert body["status"] == "done"
    assert body["outlet"] == "The Daily Planet"
    assert body["claims"], body
    first = body["claims"][0]
    assert {"status", "checkworthiness", "sourcing", "flags", "span_start"} <= set(first)
    assert {c["id"] for c in body["claims"]} == set(
        Claim.objects.filter(article_id=body["id"]).values_list("pk", flat=True)
    )
    assert ingester.get(location, HTTP_IF_NONE_MATCH=detail["ETag"]).status_code == 304


def test_detail_query_count_does_not_grow_with_claims(
    ingester, editor, django_assert_max_num_queries
):
    article = Article.objects.create(url="https://news.example.org/many", title="Many")
    from claims.workflow import claim_create

    for n in range(30):
        claim_create(text=f"Sentence number {n} is a claim.", article=article)
    with django_assert_max_num_queries(6):
        body = ingester.get(f"/api/v1/articles/{article.pk}/").json()
    assert len(body["claims"]) == 30


@pytest.mark.parametrize(
    ("name", "content_type", "content", "origin"),
    [
        ("story.html", "text/html", ARTICLE_HTML.encode(), "html"),
        ("notes.txt", "text/plain", b"The truce held for 70 years.\n", "text"),
        ("notes.txt", "application/octet-stream", b"The truce held for 70 years.\n", "text"),
    ],
)
def test_a_file_upload_is_ingested(ingester, name, content_type, content, origin):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile(name, content, content_type=content_type)
    response = ingester.post(SUBMIT, {"file": upload}, format="multipart")
    assert response.status_code == 202, response.content
    assert response.json()["origin"] == origin


def test_a_file_that_is_neither_html_nor_text_is_415(ingester):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("doc.pdf", b"%PDF-1.7\n", content_type="application/pdf")
    body = _problem(ingester.post(SUBMIT, {"file": upload}, format="multipart"), 415)
    assert "HTML" in body["detail"]
    assert not Article.objects.exists()


def test_a_body_in_another_media_type_is_415(ingester):
    response = ingester.generic("POST", SUBMIT, b"just text", content_type="text/plain")
    _problem(response, 415)
    assert not Article.objects.exists()


def test_content_length_over_the_cap_is_413_before_parsing(ingester, settings):
    settings.INGEST_MAX_BYTES = 1024
    body = json.dumps({"text": "x" * (max_body_bytes() + 10)}).encode()
    response = ingester.generic("POST", SUBMIT, body, content_type="application/json")
    assert _problem(response, 413)["code"] == "payload_too_large"
    assert not Article.objects.exists()


def test_a_stream_longer_than_the_cap_is_cut_off(settings):
    settings.INGEST_MAX_BYTES = 1024
    stream = io.BytesIO(b'{"text": "' + b"x" * (max_body_bytes() + 1) + b'"}')
    with pytest.raises(PayloadTooLarge):
        BoundedJSONParser().parse(stream, "application/json", {})


def test_content_over_the_limit_inside_the_body_cap_is_413(ingester, settings):
    settings.INGEST_MAX_BYTES = 1024
    response = ingester.post(SUBMIT, {"text": "word " * 400})
    body = _problem(response, 413)
    assert "limit" in body["detail"]
    assert not Article.objects.exists()


@pytest.mark.parametrize(
    ("payload", "status", "code", "field"),
    [
        ({"text": "\x01\x02\x03\x04\x05" * 100}, 422, "binary", None),
        ({"text": "abc\x00def"}, 400, None, "text"),  # DRF refuses NUL in any string
        ({"text": "   "}, 422, "empty", None),
        ({"html": "<html><script>var x = 1;</script></html>"}, 422, None, None),
        ({"url": "ftp://example.org/file"}, 400, None, "url"),
        ({"url": "http://169.254.169.254/latest/meta-data/"}, 400, "blocked_address", "url"),
        ({"url": "http://10.0.0.7/internal"}, 400, "blocked_address", "url"),
        ({"url": "http://localhost/internal"}, 400, "blocked_address", "url"),
        ({"url": "http://nonexistent.invalid/"}, 400, "blocked_address", "url"),
        ({"text": "a", "html": "<p>b</p>"}, 400, None, "non_field_errors"),
        ({}, 400, None, "non_field_errors"),
        ({"html": "<p>x</p>", "title": "T"}, 400, None, "title"),
    ],
)
def test_bad_input_is_a_clear_problem_and_writes_nothing(ingester, payload, status, code, field):
    body = _problem(ingester.post(SUBMIT, payload), status)
    assert body["detail"]
    if code:
        assert body["code"] == code or body["errors"][0]["code"] == code
    if field:
        assert body["errors"][0]["field"] == field
    if status == 422:
        assert body["type"] == f"urn:factcheck:problem:{body['code']}"
    assert not Article.objects.exists()


def test_an_internal_name_and_a_missing_name_get_the_same_problem(
    ingester, settings, django_capture_on_commit_callbacks
):
    settings.INGEST_ALLOW_LOOPBACK = False
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        internal = _problem(ingester.post(SUBMIT, {"url": "http://localhost/admin"}), 400)
        missing = _problem(ingester.post(SUBMIT, {"url": "http://nonexistent.invalid/admin"}), 400)
    assert callbacks == []  # no fetch queued
    assert internal == missing
    assert internal["errors"][0]["detail"] == ADDRESS_REFUSED
    assert "localhost" not in str(internal) and "127.0.0.1" not in str(internal)
    assert not Article.objects.exists()


@pytest.mark.parametrize(
    ("persona", "scopes", "status"),
    [
        ("consumer", ("read",), 403),
        ("consumer", ("read", "ingest", "review"), 403),  # the role decides, not the token
        ("fact_checker", ("read",), 403),  # the scope decides too
        ("fact_checker", ("review",), 403),
        ("fact_checker", ("ingest",), 202),
    ],
)
def test_who_may_submit(db, persona, scopes, status, request):
    client = client_with_token(request.getfixturevalue(persona), *scopes)
    assert client.post(SUBMIT, {"text": "The truce held."}).status_code == status
    assert Article.objects.exists() == (status == 202)


def test_anonymous_submission_is_401(db):
    response = APIClient().post(SUBMIT, {"text": "The truce held."}, format="json")
    assert _problem(response, 401)["status"] == 401


def test_unknown_article_is_404(ingester):
    _problem(ingester.get("/api/v1/articles/999999/"), 404)
