"""The ClaimReview endpoints build their documents from rows (claims.selectors.rows.review_rows);
the public page builds them from model instances (claims.claimreview.review_facts). One
builder serves both, so each document must come out byte for byte the same from either
reader, for every kind of published claim, and so must the API's response bodies (the ETag
hashes them)."""

from __future__ import annotations

import datetime as dt
import json
from urllib.parse import urljoin

import pytest
from django.test import override_settings
from rest_framework.renderers import JSONRenderer

from claims import claimreview, selectors
from claims.models import Article, Claim
from claims.selectors import rows
from claims.workflow import claim_assign, claim_merge, claim_reopen, verdict_approve
from tests.claims.api.conftest import driver
from tests.claims.helpers import propose
from tests.module_rows import (  # noqa: F401 (fixtures: the module's world stands for them)
    world_article,
    world_copy,
    world_editor,
    world_fact_checker,
    world_for_the_module,
    world_make_claim,
)

ORG = {"FACTCHECK_ORG_NAME": "Desk", "FACTCHECK_ORG_URL": "https://desk.example.org/"}


def as_bytes(data) -> str:
    return json.dumps(data)


def corrected(claim: Claim, *, fact_checker, editor, rating: str) -> Claim:
    """Reopen a published claim and publish a second verdict: the first is superseded."""
    claim_reopen(claim=claim, actor=editor, note="New figures.")
    claim_assign(claim=claim, actor=fact_checker, assignee=fact_checker)
    verdict_approve(verdict=propose(claim, fact_checker, rating=rating), actor=editor)
    return claim


@pytest.fixture(scope="module")
def _module_world(django_db_setup, django_db_blocker):
    # Built once for the module's tests (tests/module_rows.py).
    yield from world_for_the_module(django_db_blocker, _build_every_kind)


@pytest.fixture
def every_kind(world) -> list[Claim]:
    return world["rows"]


def _build_every_kind(*, make_claim, fact_checker, editor) -> list[Claim]:
    """One published claim of each kind a ClaimReview tells apart, plus two that have none."""
    at = driver(make_claim, fact_checker, editor)
    dated = Article.objects.create(
        url="https://news.example.org/dated",
        title="Dated",
        outlet="",
        published_at=dt.datetime(2025, 8, 1, 6, 30, tzinfo=dt.UTC),
        language="pt-br",
        content_hash="2" * 64,
    )
    bare = Article.objects.create(url=None, title="", outlet="", content_hash="1" * 64)
    untitled = Article.objects.create(
        url="https://news.example.org/untitled", title="", outlet="Wire", content_hash="3" * 64
    )
    published = at(
        "published",
        text="The truce has held for 70 years, US envoy Steve Witkoff told reporters.",
        claim_text="The truce has held for 70 years",
        claimant="Steve Witkoff",
        claimant_role="US envoy",
        cue="told",
        sourcing="named",
    )
    fixed = corrected(
        at("published", claimant="", sourcing="unattributed"),
        fact_checker=fact_checker,
        editor=editor,
        rating="unverifiable",
    )
    under_review = at("in_review_after_reopen", claimant="NATO", sourcing="named")
    off_scale = at("in_review", claimant="EU sources", sourcing="anonymous")
    verdict_approve(verdict=propose(off_scale, fact_checker, rating="misleading"), actor=editor)
    duplicate = claim_merge(claim=make_claim("Said again."), canonical=published, actor=editor)
    duplicate_of_corrected = claim_merge(
        claim=make_claim("Said once more.", claimant="the health ministry", sourcing="named"),
        canonical=fixed,
        actor=editor,
    )
    at("queued")
    at("pending_approval")
    return [
        published,
        fixed,
        under_review,
        off_scale,
        duplicate,
        duplicate_of_corrected,
        at("published", article=None),
        at("published", article=bare),
        at("published", article=dated),
        at("published", article=untitled),
        at("published", claimant="Ines Varga", sourcing="named"),
    ]


def instance_document(claim: Claim, scale) -> dict:
    loaded = selectors.published_claim(viewer=None, pk=claim.pk)
    return claimreview.claim_review(loaded, scale=scale)


@override_settings(**ORG)
@pytest.mark.parametrize("scale", [(1, 5), None])
def test_a_review_row_builds_the_document_of_the_loaded_claim(every_kind, scale):
    for claim in every_kind:
        row = rows.published_review_row(viewer=None, pk=claim.pk)
        document = claimreview.review_document(rows.review_facts(row), scale=scale)
        assert as_bytes(document) == as_bytes(instance_document(claim, scale)), claim.text


@override_settings(**ORG)
def test_the_kinds_cover_what_a_claimreview_tells_apart(every_kind):
    # Guards the fixture: each branch of the builder is taken by some claim, so the
    # comparison above compares it.
    documents = [instance_document(claim, (1, 5)) for claim in every_kind]
    items = [d["itemReviewed"] for d in documents]
    assert any("dateModified" in d for d in documents)
    assert any("dateModified" not in d for d in documents)
    assert any("ratingValue" not in d["reviewRating"] for d in documents)
    assert any("author" not in item for item in items)
    assert {item["author"]["@type"] for item in items if "author" in item} == {
        "Person",
        "Organization",
    }
    people = [item["author"] for item in items if item.get("author", {}).get("@type") == "Person"]
    assert any("jobTitle" in person for person in people)
    assert any("jobTitle" not in person for person in people)
    # The claim text, not the sentence, is what is reviewed.
    assert documents[0]["claimReviewed"] == every_kind[0].claim_text != every_kind[0].text
    # Every claim is dated: by its article, else by when the desk first saw it.
    assert all("datePublished" in item for item in items)
    assert any("appearance" not in item for item in items)
    appearances = [item["appearance"] for item in items if "appearance" in item]
    assert any("headline" not in a for a in appearances)
    assert any("publisher" not in a for a in appearances)
    assert any("datePublished" in a for a in appearances)
    assert any("datePublished" not in a for a in appearances)
    assert any("inLanguage" in item for item in items)
    assert any("inLanguage" not in item for item in items)
    # A repeat of a checked claim appeared in its article, but not first.
    assert "firstAppearance" in items[0] and "firstAppearance" not in items[4]
    assert items[4]["appearance"]["url"] == every_kind[4].article.url
    # A duplicate reviews its canonical's page, named by the canonical's statement.
    canonical = every_kind[0]
    assert documents[4]["url"] == (
        f"https://desk.example.org/checks/{canonical.pk}-{claimreview.check_slug(canonical.statement)}/"
    )


def test_an_unpublished_claim_has_no_review_row(at):
    for start in ("queued", "pending_approval", "candidate"):
        with pytest.raises(Claim.DoesNotExist):
            rows.published_review_row(viewer=None, pk=at(start).pk)


@override_settings(**ORG)
def test_the_feed_body_is_the_feed_of_the_loaded_claims(every_kind, reader):
    response = reader.get("/api/v1/claimreview/", HTTP_ACCEPT="application/json")
    loaded = list(selectors.published_claims(viewer=None, with_sources=False))
    assert len(loaded) == len(every_kind)
    expected = claimreview.data_feed(
        [claimreview.review_facts(claim) for claim in loaded],
        scale=selectors.rating_scale(viewer=None),
        modified=max(claim.synced_at for claim in loaded),
    )
    assert response.content == JSONRenderer().render(expected)


@override_settings(**ORG)
def test_the_claimreview_body_is_the_document_of_the_loaded_claim(every_kind, reader):
    scale = selectors.rating_scale(viewer=None)
    for claim in every_kind:
        response = reader.get(
            f"/api/v1/claims/{claim.pk}/claimreview/", HTTP_ACCEPT="application/json"
        )
        assert response.content == JSONRenderer().render(instance_document(claim, scale))


@pytest.mark.parametrize(
    "site",
    [
        "https://desk.example.org/",
        "https://desk.example.org",
        "https://desk.example.org/factchecks/",
        "https://desk.example.org/factchecks",
        "https://desk.example.org/a/../b/?q=1#top",
        "",
    ],
)
def test_the_public_url_is_the_site_joined_with_the_check_path(site, settings):
    settings.FACTCHECK_ORG_URL = site
    for claim_id in (1, 42, 1234567):
        assert claimreview.public_claim_url(claim_id) == urljoin(site, f"checks/{claim_id}/")
