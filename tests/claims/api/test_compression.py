"""gzip on the API's JSON (factcheck.compression), with conditional requests still working."""

from __future__ import annotations

import gzip

import pytest

from tests.claims.api.test_claims import nothing_changed_for_an_hour

LIST = "/api/v1/claims/"
GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}


@pytest.fixture
def several(at):
    """Enough claims for a list body well over the size worth compressing."""
    return [at(start) for start in ("published", "queued", "published", "in_review", "published")]


def test_a_big_json_body_is_gzipped_and_inflates_to_the_same_bytes(several, reader):
    plain = reader.get(LIST)
    packed = reader.get(LIST, **GZIP)
    assert len(plain.content) > 2000
    assert packed["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.content) == plain.content
    assert int(packed["Content-Length"]) == len(packed.content) < len(plain.content) / 2
    assert packed["Content-Type"] == "application/json"


def test_the_body_varies_by_accept_encoding_either_way(several, reader):
    plain = reader.get(LIST)
    assert "Content-Encoding" not in plain
    assert "Accept-Encoding" in plain["Vary"]
    assert "Accept-Encoding" in reader.get(LIST, **GZIP)["Vary"]


def test_a_small_body_is_sent_as_it_is(reader, db):
    response = reader.get("/api/v1/claims/12345/", **GZIP)
    assert response.status_code == 404
    assert len(response.content) < 1024
    assert "Content-Encoding" not in response
    assert response.json()["status"] == 404


def test_the_etag_is_the_same_in_either_encoding_and_answers_304(several, reader):
    nothing_changed_for_an_hour()
    plain = reader.get(LIST)
    packed = reader.get(LIST, **GZIP)
    assert packed["ETag"] == plain["ETag"]
    assert plain["ETag"].startswith('W/"')
    # The validator a gzip client stored answers for it, and for a client without gzip.
    again = reader.get(LIST, HTTP_IF_NONE_MATCH=packed["ETag"], **GZIP)
    assert again.status_code == 304
    assert again["ETag"] == packed["ETag"]
    assert reader.get(LIST, HTTP_IF_NONE_MATCH=packed["ETag"]).status_code == 304
    since = reader.get(LIST, HTTP_IF_MODIFIED_SINCE=packed["Last-Modified"], **GZIP)
    assert since.status_code == 304


def test_a_json_ld_document_is_gzipped_too(several, reader):
    feed = reader.get("/api/v1/claimreview/", **GZIP)
    assert feed["Content-Type"].startswith("application/ld+json")
    assert feed["Content-Encoding"] == "gzip"
    assert gzip.decompress(feed.content).startswith(b"{")


def test_pages_are_never_gzipped(client, editor, several):
    client.force_login(editor)
    page = client.get("/desk/claims/", **GZIP)
    assert page.status_code == 200
    assert len(page.content) > 1024
    assert "Content-Encoding" not in page
