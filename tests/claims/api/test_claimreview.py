"""ClaimReview JSON-LD, field by field against schema.org/ClaimReview, and its DataFeed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import override_settings

from claims.claimreview import check_slug
from claims.models import Article, Rating
from claims.workflow import claim_assign, claim_reopen, verdict_approve
from tests.claims.helpers import propose


def iso(moment) -> str:
    return moment.isoformat()


@pytest.fixture
def dated_article(article):
    published_at = dt.datetime(2025, 8, 1, tzinfo=dt.UTC)
    Article.objects.filter(pk=article.pk).update(published_at=published_at, language="en-gb")
    article.refresh_from_db()
    return article


@override_settings(FACTCHECK_ORG_NAME="Desk", FACTCHECK_ORG_URL="https://desk.example.org/")
def test_claimreview_field_by_field(dated_article, published, reader):
    response = reader.get(f"/api/v1/claims/{published.pk}/claimreview/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/ld+json"
    review = response.json()
    verdict = published.published_verdict
    rating = Rating.objects.get(slug="mostly_true")
    article_appearance = {
        "@type": "CreativeWork",
        "url": "https://news.example.org/2025/08/buffer-zone",
        "headline": "Buffer zone talks",
        "publisher": {"@type": "Organization", "name": "Example News"},
        "datePublished": "2025-08-01T00:00:00+00:00",
    }
    assert review == {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        # The canonical page, not /checks/<id>/ that redirects to it.
        "url": f"https://desk.example.org/checks/{published.pk}-{check_slug(published.statement)}/",
        "claimReviewed": published.statement,
        "headline": "Broadly accurate",
        "reviewBody": "The armistice of 1953 has held, with incidents.",
        "author": {"@type": "Organization", "name": "Desk", "url": "https://desk.example.org/"},
        "datePublished": iso(verdict.published_at),
        "reviewRating": {
            "@type": "Rating",
            "alternateName": rating.alternate_name,
            "ratingValue": 4,
            "worstRating": 1,
            "bestRating": 5,
        },
        "itemReviewed": {
            "@type": "Claim",
            "author": {"@type": "Person", "name": "Steve Witkoff"},
            "appearance": article_appearance,
            # The desk's only sighting of the claim, and it repeats none checked before.
            "firstAppearance": article_appearance,
            "inLanguage": "en-gb",
            "datePublished": "2025-08-01T00:00:00+00:00",
        },
    }


def test_a_claim_from_an_undated_article_was_published_no_later_than_first_seen(at, reader):
    claim = at("published", claimant="EU sources", sourcing="anonymous")
    item = reader.get(f"/api/v1/claims/{claim.pk}/claimreview/").json()["itemReviewed"]
    assert item["datePublished"] == iso(claim.created_at)
    assert "datePublished" not in item["appearance"]
    # Nothing declared or detected: no language is claimed.
    assert "inLanguage" not in item
    # The API says what the ClaimReview cannot: the source is anonymous.
    detail = reader.get(f"/api/v1/claims/{claim.pk}/").json()
    assert (detail["claimant"], detail["sourcing"]) == ("EU sources", "anonymous")


@override_settings(FACTCHECK_ORG_NAME="Desk", FACTCHECK_ORG_URL="https://desk.example.org/")
def test_the_claim_reviewed_is_the_claim_text_and_its_author_a_person_with_a_job_title(at, reader):
    claim = at(
        "published",
        text="Ticket revenue now covers 61 percent of operating costs, transport director "
        "Ines Varga said on Tuesday.",
        claim_text="Ticket revenue now covers 61 percent of operating costs",
        claimant="Ines Varga",
        claimant_role="transport director",
        cue="said",
        sourcing="named",
    )
    review = reader.get(f"/api/v1/claims/{claim.pk}/claimreview/").json()
    assert review["claimReviewed"] == "Ticket revenue now covers 61 percent of operating costs"
    assert review["itemReviewed"]["author"] == {
        "@type": "Person",
        "name": "Ines Varga",
        "jobTitle": "transport director",
    }
    feed = reader.get("/api/v1/claimreview/").json()
    [element] = [e for e in feed["dataFeedElement"] if e["url"] == review["url"]]
    assert element["claimReviewed"] == review["claimReviewed"]
    assert element["itemReviewed"]["author"] == review["itemReviewed"]["author"]


def test_a_body_is_an_organization_without_a_job_title(at, reader):
    claim = at(
        "published",
        claimant="the European Commission",
        claimant_role="the EU's executive",
        sourcing="named",
    )
    review = reader.get(f"/api/v1/claims/{claim.pk}/claimreview/").json()
    assert review["itemReviewed"]["author"] == {
        "@type": "Organization",
        "name": "the European Commission",
    }


def test_off_scale_ratings_have_no_numbers(at, reader, fact_checker, editor):
    claim = at("in_review", claimant="EU sources", sourcing="anonymous")
    verdict_approve(verdict=propose(claim, fact_checker, rating="misleading"), actor=editor)
    review = reader.get(f"/api/v1/claims/{claim.pk}/claimreview/").json()
    assert review["reviewRating"] == {
        "@type": "Rating",
        "alternateName": Rating.objects.get(slug="misleading").alternate_name,
    }
    # A collective source is not a person.
    assert review["itemReviewed"]["author"] == {"@type": "Organization", "name": "EU sources"}


def test_a_correction_keeps_the_first_date_and_adds_date_modified(
    published, reader, fact_checker, editor
):
    first = published.published_verdict
    claim_reopen(claim=published, actor=editor, note="New figures.")
    claim_assign(claim=published, actor=fact_checker, assignee=fact_checker)
    second = verdict_approve(verdict=propose(published, fact_checker, rating="false"), actor=editor)
    review = reader.get(f"/api/v1/claims/{published.pk}/claimreview/").json()
    assert review["datePublished"] == iso(first.published_at)
    assert review["dateModified"] == iso(second.published_at)
    assert review["reviewRating"]["ratingValue"] == 1


def test_json_is_offered_too(published, reader):
    response = reader.get(
        f"/api/v1/claims/{published.pk}/claimreview/", HTTP_ACCEPT="application/json"
    )
    assert response["Content-Type"] == "application/json"
    assert response.json()["@type"] == "ClaimReview"


def test_pending_claims_have_no_claimreview(at, reader):
    claim = at("pending_approval")
    assert reader.get(f"/api/v1/claims/{claim.pk}/claimreview/").status_code == 404


def test_data_feed_lists_published_claimreviews_only(
    at, published, reader, django_assert_max_num_queries
):
    at("queued")
    others = [at("published") for _ in range(3)]
    reader.get("/api/v1/claimreview/")
    # 1 token, 2 permissions, 1 page of claims, 2 cited-source and 2 revision prefetches
    # (own / canonical's), 1 the rating scale.
    with django_assert_max_num_queries(9):
        response = reader.get("/api/v1/claimreview/")
    assert response["Content-Type"] == "application/ld+json"
    feed = response.json()
    assert feed["@context"] == "https://schema.org"
    assert feed["@type"] == "DataFeed"
    assert feed["publisher"]["@type"] == "Organization"
    elements = feed["dataFeedElement"]
    assert [e["claimReviewed"] for e in elements] == [c.statement for c in [published, *others]]
    assert all(e["@type"] == "ClaimReview" and "@context" not in e for e in elements)
    assert feed["dateModified"]


def test_data_feed_pages_by_link_header_and_filters_by_updated_since(at, reader):
    claims = [at("published") for _ in range(3)]
    response = reader.get("/api/v1/claimreview/", {"page_size": 2})
    assert len(response.json()["dataFeedElement"]) == 2
    next_url = response["Link"].split(";")[0].strip("<>")
    assert 'rel="next"' in response["Link"]
    rest = reader.get(next_url).json()["dataFeedElement"]
    assert [e["claimReviewed"] for e in rest] == [claims[2].statement]

    since = claims[2].published_verdict.published_at
    recent = reader.get("/api/v1/claimreview/", {"updated_since": since.isoformat()}).json()
    assert [e["claimReviewed"] for e in recent["dataFeedElement"]] == [claims[2].statement]
