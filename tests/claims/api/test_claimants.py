"""The consumer's view of claimants: who is visible, what is counted, what it costs."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from claims.claimants.services import claimant_link_claim
from claims.models import Claim, Claimant

LIST = "/api/v1/claimants/"


@pytest.fixture
def rutte(at):
    """Mark Rutte with two published checks (rated mostly true) and a queued claim."""
    claims = [
        at("published", claimant="Mark Rutte", sourcing="named"),
        at("published", claimant="Mark Rutte", sourcing="named"),
        at("queued", claimant="Mark Rutte", sourcing="named"),
    ]
    for claim in claims:
        claimant_link_claim(claim=claim)
    return Claimant.objects.get(display_name="Mark Rutte")


@pytest.mark.parametrize("start", ["candidate", "dismissed", "queued", "pending_approval"])
def test_a_claimant_without_a_published_check_is_not_visible(start, at, reader):
    claim = at(start, claimant="EU sources", sourcing="anonymous")
    claimant_link_claim(claim=claim)
    pk = Claim.objects.get(pk=claim.pk).claimant_ref_id
    assert reader.get(LIST).json()["results"] == []
    assert reader.get(f"{LIST}{pk}/").status_code == 404


def test_the_detail_counts_published_checks_by_rating_and_lists_them(rutte, reader):
    body = reader.get(f"{LIST}{rutte.pk}/").json()
    assert (body["name"], body["kind"], body["published_count"]) == ("Mark Rutte", "person", 2)
    assert body["counts"] == [{"rating": "mostly_true", "count": 2}]
    assert len(body["checks"]) == 2
    assert {c["review_status"] for c in body["checks"]} == {"published"}
    assert body["same_as"] == []


def test_the_list_finds_a_claimant_by_a_part_of_a_name_or_alias(rutte, reader):
    assert [c["id"] for c in reader.get(LIST, {"q": "rütte"}).json()["results"]] == [rutte.pk]
    assert reader.get(LIST, {"q": "lagarde"}).json()["results"] == []


def test_claimreview_names_the_claimant_record_as_same_as(rutte, reader):
    Claimant.objects.filter(pk=rutte.pk).update(
        wikidata_qid="Q57792", website="https://www.nato.int/"
    )
    claim = rutte.claims.filter(published_verdict__isnull=False).first()
    author = reader.get(f"/api/v1/claims/{claim.pk}/claimreview/").json()["itemReviewed"]["author"]
    assert author["sameAs"] == ["https://www.wikidata.org/wiki/Q57792", "https://www.nato.int/"]
    assert reader.get(f"{LIST}{rutte.pk}/").json()["same_as"] == author["sameAs"]


def test_no_credentials_is_a_401_problem(rutte):
    response = APIClient().get(f"{LIST}{rutte.pk}/")
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/problem+json")


def test_etag_answers_a_conditional_request(rutte, reader):
    first = reader.get(f"{LIST}{rutte.pk}/")
    again = reader.get(f"{LIST}{rutte.pk}/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304


@pytest.mark.parametrize("how_many", [1, 5])
def test_query_counts_do_not_grow_with_the_claimants(
    how_many, at, reader, django_assert_num_queries
):
    for n in range(how_many):
        claim = at("published", claimant=f"Person Number{n}", sourcing="named")
        claimant_link_claim(claim=claim)
    pk = Claimant.objects.first().pk
    reader.get(LIST)
    # 1 token with its user, 1 the page of claimants with their published counts.
    with django_assert_num_queries(2):
        assert len(reader.get(LIST).json()["results"]) == how_many
    # 1 token, 1 the claimant with its count, 1 the counts by rating, 1 the checks' rows.
    with django_assert_num_queries(4):
        assert reader.get(f"{LIST}{pk}/").status_code == 200
