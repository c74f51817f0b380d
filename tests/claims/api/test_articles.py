"""Article lookup: "what has been checked in this article?"."""

from __future__ import annotations

from claims.models import Article

LOOKUP = "/api/v1/articles/lookup/"


def test_lookup_by_any_spelling_of_the_url(published, at, reader, django_assert_max_num_queries):
    pending = at("queued")
    at("candidate")
    at("dismissed")
    reader.get(LOOKUP, {"url": published.article.url})
    # 1 token, 2 permissions, 1 article, 1 its public claims with joins.
    with django_assert_max_num_queries(5):
        response = reader.get(
            LOOKUP, {"url": "HTTPS://NEWS.example.org:443/2025/08/buffer-zone?utm_medium=x#c"}
        )
    assert response.status_code == 200
    body = response.json()
    assert body["url"] == "https://news.example.org/2025/08/buffer-zone"
    assert body["title"] == "Buffer zone talks"
    statuses = {c["id"]: c["review_status"] for c in body["claims"]}
    assert statuses == {published.pk: "published", pending.pk: "pending"}


def test_an_article_without_public_claims_is_not_found(at, reader):
    article = Article.objects.create(url="https://news.example.org/quiet", title="Quiet")
    at("candidate", article=article)
    assert reader.get(LOOKUP, {"url": article.url}).status_code == 404
    assert reader.get(LOOKUP, {"url": "https://unknown.example.org/"}).status_code == 404


def test_url_is_required_and_must_be_a_web_address(reader, db):
    assert reader.get(LOOKUP).json()["errors"][0]["field"] == "url"
    body = reader.get(LOOKUP, {"url": "ftp://example.org/x"}).json()
    assert body["status"] == 400
    assert body["errors"][0]["field"] == "url"
