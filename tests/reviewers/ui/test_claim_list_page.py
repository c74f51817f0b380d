"""The claims list page at /desk/claims/ through Django's test client: who may open it, the
filter in the URL, status tabs with counts, cursor pages, bad input, escaping, and what a
page costs in queries."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from claims.models import Claim
from claims.workflow import claim_dismiss, claim_triage
from tests.claims.helpers import bring_to

URL = "/desk/claims/"
XSS = "<img src=x onerror=alert(1)>"


@pytest.fixture(autouse=True)
def _no_auto_routing(settings):
    settings.AUTO_QUEUE_THRESHOLD = None


@pytest.fixture
def desk_claims(make_claim, editor, fact_checker):
    gas = make_claim(
        "Gas prices doubled in the north, according to EU sources.",
        claim_text="Gas prices doubled in the north.",
        claimant="EU sources",
        sourcing="anonymous",
        checkworthiness=0.6,
    )
    claim_triage(claim=gas, actor=editor)
    crime = make_claim("Crime in rural districts halved since 2010.", checkworthiness=0.2)
    claim_dismiss(claim=crime, actor=editor, reason="Old news.")
    published = bring_to("published", make_claim=make_claim, checker=fact_checker, editor=editor)
    return {"gas": gas, "crime": crime, "published": published}


def rows(response) -> list[int]:
    return [
        int(pk)
        for pk in re.findall(
            r'href="/desk/claims/(\d+)/" class="claim-link"', response.content.decode()
        )
    ]


def test_the_url_is_desk_claims():
    assert reverse("desk:claims") == URL


def test_anonymous_is_sent_to_sign_in(client, db):
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_the_wrong_role_is_refused(consumer_client, desk_claims):
    response = consumer_client.get(URL)
    assert response.status_code == 403
    assert b"Gas prices" not in response.content


def test_fact_checker_and_editor_see_every_status(checker_client, editor_client, desk_claims):
    for client in (checker_client, editor_client):
        response = client.get(URL)
        assert response.status_code == 200
        assert set(rows(response)) == {c.pk for c in desk_claims.values()}


def test_the_header_links_to_it(checker_client, desk_claims):
    html = checker_client.get(reverse("desk:my-work")).content.decode()
    assert f'<a href="{URL}">Claims</a>' in html
    html = checker_client.get(URL).content.decode()
    assert f'<a href="{URL}" aria-current="page">Claims</a>' in html


def test_a_row_shows_the_claim_its_claimant_status_queue_score_and_rating(
    editor_client, desk_claims
):
    html = editor_client.get(URL).content.decode()
    assert "“Gas prices doubled in the north.”" in html  # the statement, not the sentence
    assert "EU sources" in html and "Anonymous source" in html
    assert "General" in html and "0.60" in html and "Queued" in html
    assert "Mostly true" in html and "Buffer zone talks" in html


def test_the_filter_is_in_the_url_and_comes_back_in_the_form(editor_client, desk_claims):
    response = editor_client.get(URL, {"q": "gas prices", "sourcing": "anonymous", "sort": "score"})
    assert rows(response) == [desk_claims["gas"].pk]
    html = response.content.decode()
    assert 'value="gas prices"' in html
    assert '<option value="anonymous" selected>' in html
    assert '<option value="score" selected>' in html


def test_a_submitted_form_leaves_its_empty_fields_out_of_the_address(editor_client, desk_claims):
    response = editor_client.get(URL + "?q=gas&queue=&assignee=&sort=newest&status=queued")
    assert response.status_code == 302
    assert parse_qs(urlsplit(response["Location"]).query) == {
        "q": ["gas"],
        "sort": ["newest"],
        "status": ["queued"],
    }


def test_status_tabs_count_and_keep_the_other_filters(editor_client, desk_claims):
    html = editor_client.get(URL, {"q": "gas", "status": "dismissed"}).content.decode()
    assert re.search(r'All\s*<span class="count">1</span>', html)
    assert re.search(
        r'href="\?q=gas&amp;status=queued">Queued\s*<span class="count">1</span>', html
    )
    assert re.search(r'aria-current="page">Dismissed\s*<span class="count">0</span>', html)
    assert "No claims match" in html


def test_pages_follow_the_cursor_with_the_filters(editor_client, make_claim):
    made = [make_claim(f"Rents in district {n} rose by {n} percent.") for n in range(55)]
    first = editor_client.get(URL, {"q": "rents"})
    assert len(rows(first)) == 50
    html = first.content.decode()
    assert 'rel="prev"' not in html
    next_link = re.search(r'href="\?([^"]+)" rel="next"', html).group(1).replace("&amp;", "&")
    assert parse_qs(next_link)["q"] == ["rents"]
    second = editor_client.get(URL + "?" + next_link)
    assert len(rows(second)) == 5
    assert set(rows(first)) | set(rows(second)) == {c.pk for c in made}
    assert 'rel="prev"' in second.content.decode() and 'rel="next"' not in second.content.decode()


def test_a_bad_cursor_shows_the_first_page_and_says_so(editor_client, desk_claims):
    response = editor_client.get(URL, {"cursor": "not-a-cursor"})
    assert response.status_code == 200 and len(rows(response)) == 3
    assert "Showing the first page." in response.content.decode()


def test_a_bad_filter_value_is_told_beside_its_field_and_left_out(editor_client, desk_claims):
    response = editor_client.get(
        URL, {"rating": "nonsense", "created_from": "2025-02-01", "created_to": "2025-01-01"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Some filters could not be applied" in html
    assert "Select a valid choice" in html and "Must not be before the start date." in html
    assert len(rows(response)) == 3  # the rest still applies: here nothing else was set
    assert '<details class="more-filters" open>' in html


def test_text_is_escaped(editor_client, make_claim):
    make_claim(f"The minister said {XSS} was fine.", claimant=XSS)
    html = editor_client.get(URL).content.decode()
    assert XSS not in html and "&lt;img src=x onerror=alert(1)&gt;" in html


def test_a_page_costs_the_same_queries_whatever_its_length(
    editor_client, make_claim, editor, fact_checker, django_assert_num_queries
):
    for _ in range(3):
        bring_to("published", make_claim=make_claim, checker=fact_checker, editor=editor)
        bring_to("in_review", make_claim=make_claim, checker=fact_checker, editor=editor)
        bring_to("duplicate", make_claim=make_claim, checker=fact_checker, editor=editor)
    # session, user, the user's groups (role in the header), the permission look-ups (user
    # and group permissions), the page of claims (joined with article, assignee, queue
    # entry + queue, verdict + rating), the counts per status, the filter form's
    # choices: queues, desk members, ratings; and the rating scale for the rating badges
    # (once, for a page with a published verdict on it).
    with django_assert_num_queries(11):
        response = editor_client.get(URL)
    assert len(rows(response)) == 12
    assert Claim.objects.count() == 12


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_demo_desk_finds_the_seed_articles_claims(client, settings):
    from io import StringIO

    from django.core.management import call_command

    from claims.models import Article

    settings.DEBUG = True
    settings.DEMO_MODE = True
    out = StringIO()
    call_command("load_demo", stdout=out)
    password = re.search(r"^  editor\s+(\S+)$", out.getvalue(), re.M).group(1)
    assert client.login(username="editor", password=password)
    article = Article.objects.get()
    claims = {c.pk: c for c in article.claims.all()}
    response = client.get(URL)
    assert set(rows(response)) == set(claims)
    # Any claimant the extractor found is a filter away, and the title a search away.
    claimant = next((c.claimant for c in claims.values() if c.claimant), None)
    if claimant:
        found = set(rows(client.get(URL, {"claimant": claimant})))
        assert {pk for pk, c in claims.items() if c.claimant == claimant} <= found
    assert set(rows(client.get(URL, {"q": article.title}))) == set(claims)
    assert set(rows(client.get(URL, {"article": article.pk}))) == set(claims)
