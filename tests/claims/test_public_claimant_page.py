"""The reader-facing claimant page: a claimant with a published check, its checks and their
count by rating with the scale explained; nothing for any other; a merged claimant's
address leads to the claimant it was merged into."""

from __future__ import annotations

import pytest
from django.urls import reverse

from claims.claimants.services import claimant_merge
from claims.claimreview import check_slug, claimant_slug, public_claimant_url
from claims.models import Claimant, Rating
from tests.claims.api.conftest import client_with_token
from tests.claims.claimants.helpers import linked, linked_at


def page_of(claimant: Claimant) -> str:
    return reverse("claimant-detail", args=[claimant.pk, claimant_slug(claimant.display_name)])


@pytest.fixture
def rutte(make_claim, fact_checker, editor):
    """Mark Rutte: two published checks (rated mostly true) and a queued claim."""
    claims = [
        linked_at("published", make_claim, fact_checker, editor, claimant="Mark Rutte")
        for _ in range(2)
    ]
    linked_at("queued", make_claim, fact_checker, editor, claimant="Mark Rutte")
    return claims[0].claimant_ref, claims


def test_the_page_lists_the_checks_and_counts_them_by_rating_with_the_scale(client, rutte):
    claimant, claims = rutte
    response = client.get(page_of(claimant))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Mark Rutte" in html and "2 published checks, by rating" in html
    for claim in claims:
        assert reverse("check-detail", args=[claim.pk, check_slug(claim.statement)]) in html
    assert dict((r.slug, n) for r, n in response.context["scale"])["mostly_true"] == 2
    # Every rating of the scale, with what it means, from the scale itself.
    for rating in Rating.objects.filter(is_active=True):
        assert rating.label in html
        if rating.description:
            assert rating.description in html
    assert "no single score" in html
    canonical = public_claimant_url(claimant.pk, claimant.display_name)
    assert canonical.endswith(page_of(claimant))
    assert f'<link rel="canonical" href="{canonical}">' in html


def test_a_claimant_without_a_published_check_has_no_page(client, make_claim):
    queued = linked(make_claim, claimant="Kaja Kallas")
    assert client.get(page_of(queued.claimant_ref)).status_code == 404
    assert client.get("/claimants/987654/").status_code == 404
    assert "No claimant here" in client.get("/claimants/987654-nobody/").content.decode()


def test_the_short_and_an_old_address_redirect_permanently(client, rutte):
    claimant, _ = rutte
    short = client.get(f"/claimants/{claimant.pk}/")
    assert (short.status_code, short["Location"]) == (301, page_of(claimant))
    old = client.get(f"/claimants/{claimant.pk}-someone-else/")
    assert (old.status_code, old["Location"]) == (301, page_of(claimant))


def test_a_merged_claimants_address_leads_to_the_survivor(client, rutte, editor):
    claimant, _ = rutte
    survivor = Claimant.objects.create(display_name="Mark Rutte (NATO)", kind="person")
    claimant_merge(source=claimant, target=survivor, actor=editor, note="Same man.")
    response = client.get(page_of(claimant), follow=True)
    assert response.redirect_chain[0] == (f"/claimants/{survivor.pk}/", 301)
    assert response.redirect_chain[-1] == (page_of(survivor), 301)
    assert response.status_code == 200


def test_the_check_page_links_its_claimants_page(client, rutte):
    claimant, claims = rutte
    check = client.get(
        reverse("check-detail", args=[claims[0].pk, check_slug(claims[0].statement)])
    )
    assert f'<a href="{page_of(claimant)}">Mark Rutte</a>' in check.content.decode()


def test_the_page_costs_a_fixed_number_of_queries(
    client, rutte, make_claim, fact_checker, editor, django_assert_num_queries
):
    claimant, _ = rutte
    # The claimant with its count, its checks by rating, the scale, the checks (each with
    # its verdict and article: one query).
    with django_assert_num_queries(4):
        client.get(page_of(claimant))
    linked_at("published", make_claim, fact_checker, editor, claimant="Mark Rutte")
    with django_assert_num_queries(4):
        assert len(client.get(page_of(claimant)).context["checks"]) == 3


def test_the_api_names_the_page_and_resolves_a_merged_id(rutte, consumer, editor, settings):
    claimant, _ = rutte
    reader = client_with_token(consumer, "read")
    body = reader.get(f"/api/v1/claimants/{claimant.pk}/").json()
    assert body["url"].endswith(page_of(claimant))
    assert body["url"].startswith(settings.FACTCHECK_ORG_URL.rstrip("/"))
    survivor = Claimant.objects.create(display_name="M. Rutte", kind="person")
    claimant_merge(source=claimant, target=survivor, actor=editor, note="Same man.")
    resolved = reader.get(f"/api/v1/claimants/{claimant.pk}/").json()
    assert (resolved["id"], resolved["published_count"]) == (survivor.pk, 2)
