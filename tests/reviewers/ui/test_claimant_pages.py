"""The desk's claimant pages: the claims list filtered by a claimant record, the claimants
list, one claimant's page (its figures, identifiers, suggestions, merge and split with
their history), each read in a fixed number of queries."""

from __future__ import annotations

import pytest
from django.urls import reverse

from claims.claimants.services import claimant_link_claim, claimant_merge
from claims.models import AnonymousReport, Claim, Claimant, ClaimantChange, ClaimantSuggestion
from tests.claims.claimants.helpers import linked, linked_at

# No test here checks matching: new claims are matched lexically (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("lexical_matching")

CLAIMS = reverse("desk:claims")


def listed(response) -> list[int]:
    return [row.pk for row in response.context["rows"]]


@pytest.fixture
def rutte(make_claim, fact_checker, editor):
    """Mark Rutte: a published check, a queued claim, and a claim printed as "Rutte" that
    the desk linked to him (a suggestion accepted); another person's claim beside them."""
    published = linked_at(
        "published", make_claim, fact_checker, editor, claimant="Mark Rutte", sourcing="named"
    )
    queued = linked_at(
        "queued",
        make_claim,
        fact_checker,
        editor,
        claimant="Mark Rutte",
        claimant_role="NATO Secretary General",
        sourcing="named",
    )
    surname = make_claim(claimant="Rutte", sourcing="named")
    claimant_link_claim(claim=surname)
    claimant = published.claimant_ref
    Claim.objects.filter(pk=surname.pk).update(claimant_ref=claimant)
    other = linked(make_claim, claimant="Ursula von der Leyen", sourcing="named")
    return claimant, [published, queued, Claim.objects.get(pk=surname.pk)], other


def test_the_claims_list_filters_by_a_claimant_record_in_its_address(editor_client, rutte):
    claimant, claims, _other = rutte
    response = editor_client.get(CLAIMS, {"claimant_id": claimant.pk})
    assert response.status_code == 200
    # "Rutte" is found too, though the text filter on "Mark Rutte" would miss it.
    assert sorted(listed(response)) == sorted(c.pk for c in claims)
    html = response.content.decode()
    assert "Claims of" in html and reverse("desk:claimant", args=[claimant.pk]) in html
    # The status tabs keep it; the form carries it on.
    assert f"claimant_id={claimant.pk}&amp;status=queued" in html
    assert f'name="claimant_id" value="{claimant.pk}"' in html
    assert listed(editor_client.get(CLAIMS, {"claimant_id": claimant.pk, "status": "queued"})) == [
        claims[1].pk
    ]


def test_a_row_links_its_claimant_record(editor_client, rutte):
    claimant, _claims, _other = rutte
    html = editor_client.get(CLAIMS).content.decode()
    assert (
        f'class="badge badge-claimant" href="{reverse("desk:claimant", args=[claimant.pk])}"'
        in html
    )


def test_the_claims_page_links_its_claimant_record(editor_client, rutte):
    claimant, claims, _ = rutte
    html = editor_client.get(reverse("desk:claim", args=[claims[1].pk])).content.decode()
    assert f'href="{reverse("desk:claimant", args=[claimant.pk])}">Claimant: Mark Rutte' in html


def test_an_unknown_claimant_filter_is_said_and_left_out(editor_client, rutte):
    response = editor_client.get(CLAIMS, {"claimant_id": 987654}, follow=True)
    assert "There is no claimant #987654." in response.content.decode()
    assert len(listed(response)) == 4


def test_a_merged_claimants_filter_goes_to_the_survivor(editor_client, rutte, editor):
    claimant, _claims, other = rutte
    claimant_merge(source=claimant, target=other.claimant_ref, actor=editor, note="Test.")
    response = editor_client.get(CLAIMS, {"claimant_id": claimant.pk, "sort": "score"})
    assert response.status_code == 302
    assert f"claimant_id={other.claimant_ref_id}" in response["Location"]
    assert "sort=score" in response["Location"]


def test_the_claimant_page_shows_its_figures_names_and_roles(editor_client, rutte):
    claimant, _claims, _ = rutte
    response = editor_client.get(reverse("desk:claimant", args=[claimant.pk]))
    assert response.status_code == 200
    page = response.context["page"]
    counts = {status: n for status, _, n in page.by_status if n}
    assert counts == {"published": 1, "queued": 1, "candidate": 1}
    assert [(r.rating.slug, r.count) for r in page.by_rating] == [("mostly_true", 1)]
    html = response.content.decode()
    assert "Mark Rutte" in html and "NATO Secretary General" in html
    assert f"{CLAIMS}?claimant_id={claimant.pk}&amp;status=queued" in html
    assert "Mostly true" in html and "no single score" in html
    assert f'href="/claimants/{claimant.pk}-mark-rutte/">Public page' in html


def test_the_claimant_page_costs_a_fixed_number_of_queries(
    editor_client, rutte, make_claim, editor, django_assert_num_queries
):
    claimant, *_ = rutte
    url = reverse("desk:claimant", args=[claimant.pk])
    editor_client.get(url)
    # Session, user, the user's and the groups' permissions; the selector's eight
    # (claimant, claims by status, checks by rating, the ratings, aliases, roles,
    # suggestions, history: reviewers.selectors.claimant_page); the header's groups.
    with django_assert_num_queries(13) as first:
        editor_client.get(url)
    for _ in range(3):
        linked(make_claim, claimant="Mark Rutte", claimant_role="Dutch prime minister")
    with django_assert_num_queries(len(first.captured_queries)):
        editor_client.get(url)


def test_an_anonymous_description_lists_its_reports_by_state(editor_client, make_claim):
    eu = linked(make_claim, claimant="EU sources", sourcing="anonymous")
    linked(make_claim, claimant="an EU source", sourcing="anonymous")
    claimant = eu.claimant_ref
    assert AnonymousReport.objects.filter(claim__claimant_ref=claimant).count() == 2
    response = editor_client.get(reverse("desk:claimant", args=[claimant.pk]))
    assert ("open", "Open", 2) in response.context["page"].reports
    reports = f"{reverse('desk:anonymous-reports')}?claimant={claimant.pk}"
    html = response.content.decode()
    assert f"{reports}&amp;state=open" in html
    assert "no identifiers" in html
    # The reports page filters by that description.
    other = make_claim("Diplomats said the talks would resume.", sourcing="anonymous")
    listed_reports = editor_client.get(reverse("desk:anonymous-reports"), {"claimant": claimant.pk})
    ids = [r.pk for r in listed_reports.context["page"].object_list]
    assert sorted(ids) == sorted(c.pk for c in claimant.claims.all()) and other.pk not in ids


def test_the_desk_enters_identifiers_and_a_bad_one_is_refused_beside_its_field(
    checker_client, rutte
):
    claimant, *_ = rutte
    url = reverse("desk:claimant-identifiers", args=[claimant.pk])
    refused = checker_client.post(url, {"wikidata_qid": "57792", "website": ""})
    assert refused.status_code == 400
    assert "Q and digits" in refused.content.decode()
    saved = checker_client.post(url, {"wikidata_qid": "Q57792", "website": "https://nato.int/"})
    assert saved.status_code == 302
    claimant.refresh_from_db()
    assert (claimant.wikidata_qid, claimant.website) == ("Q57792", "https://nato.int/")
    page = checker_client.get(reverse("desk:claimant", args=[claimant.pk])).content.decode()
    assert "https://www.wikidata.org/wiki/Q57792" in page and "identifiers: Wikidata" in page


def test_an_api_consumer_is_refused_the_pages_and_the_changes(consumer_client, rutte):
    claimant, *_ = rutte
    assert consumer_client.get(reverse("desk:claimant", args=[claimant.pk])).status_code == 403
    assert consumer_client.get(reverse("desk:claimants")).status_code == 403
    post = consumer_client.post(
        reverse("desk:claimant-identifiers", args=[claimant.pk]), {"wikidata_qid": "Q1"}
    )
    assert post.status_code == 403
    assert Claimant.objects.get(pk=claimant.pk).wikidata_qid == ""


def test_a_suggestion_is_accepted_from_the_claimant_page(editor_client, make_claim, editor):
    ursula = linked(make_claim, claimant="Ursula von der Leyen").claimant_ref
    claim = make_claim(claimant="von der Leyen")
    claimant_link_claim(claim=claim)
    suggestion = ClaimantSuggestion.objects.get(claim=claim)
    html = editor_client.get(reverse("desk:claimant", args=[ursula.pk])).content.decode()
    accept = reverse("desk:claimant-suggestion-accept", args=[suggestion.pk])
    assert accept in html
    response = editor_client.post(accept)
    assert response.status_code == 302
    assert Claim.objects.get(pk=claim.pk).claimant_ref == ursula
    # Answered twice: refused on the page, nothing changed.
    again = editor_client.post(accept)
    assert again.status_code == 400
    assert "no longer open" in again.content.decode()


def test_a_merge_from_the_page_and_a_refused_one(editor_client, make_claim, rutte):
    claimant, _claims, _other = rutte
    eu = linked(make_claim, claimant="EU sources", sourcing="anonymous").claimant_ref
    url = reverse("desk:claimant-merge", args=[claimant.pk])
    refused = editor_client.post(url, {"other": eu.pk, "note": "Same?"})
    assert refused.status_code == 400
    assert "never merged with a named person" in refused.content.decode()
    assert Claimant.objects.get(pk=eu.pk).merged_into is None
    twin = Claimant.objects.create(display_name="M. Rutte", kind="person")
    done = editor_client.post(url, {"other": twin.pk, "note": "The same man."})
    assert done.status_code == 302
    page = editor_client.get(reverse("desk:claimant", args=[claimant.pk])).content.decode()
    assert "merged <a" in page and "The same man." in page
    # The tombstone's old address leads to the survivor.
    old = editor_client.get(reverse("desk:claimant", args=[twin.pk]))
    assert old.status_code == 302 and old["Location"] == reverse(
        "desk:claimant", args=[claimant.pk]
    )


def test_a_split_from_the_page_opens_the_new_claimant(editor_client, make_claim):
    mark = linked(make_claim, claimant="Mark Rutte")
    claimant = mark.claimant_ref
    mike = linked(make_claim, claimant="Mike Rutte")
    mike.claimant_ref.aliases.update(claimant=claimant)
    Claim.objects.filter(pk=mike.pk).update(claimant_ref=claimant)
    alias = claimant.aliases.get(name="Mike Rutte")
    response = editor_client.post(
        reverse("desk:claimant-split", args=[claimant.pk]),
        {"aliases": [alias.pk], "note": "Two people.", "display_name": ""},
    )
    new = Claimant.objects.get(changes__isnull=True, other_changes__kind="split")
    assert response.status_code == 302
    assert response["Location"] == reverse("desk:claimant", args=[new.pk])
    assert Claim.objects.get(pk=mike.pk).claimant_ref == new
    assert ClaimantChange.objects.get().note == "Two people."


def test_the_claimants_list_finds_by_name_or_alias(
    editor_client, rutte, make_claim, django_assert_num_queries
):
    claimant, *_ = rutte
    response = editor_client.get(reverse("desk:claimants"), {"q": "rütte"})
    assert [c.pk for c in response.context["page"].object_list] == [claimant.pk]
    assert response.context["page"].object_list[0].claim_count == 3
    # Session, user, the user's and the groups' permissions; the count and the page with
    # each row's claims counted (selectors.desk_claimants_page); the header's groups.
    with django_assert_num_queries(7):
        editor_client.get(reverse("desk:claimants"))
    for name in ("Kaja Kallas", "António Costa", "EU diplomats"):
        linked(make_claim, claimant=name)
    with django_assert_num_queries(7):
        more = editor_client.get(reverse("desk:claimants"))
    assert len(more.context["page"].object_list) == 5
