"""The reader-facing fact-check page: published record only, ClaimReview embedded."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest

from claims.public import check_slug
from claims.workflow import claim_reopen, claim_triage, verdict_approve
from tests.claims.helpers import bring_to, propose


class HeadTags(HTMLParser):
    """``<meta>`` (by property or name) and ``<link rel>`` of a page, as a dict."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: dict[str, str] = {}
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        if tag == "meta" and ("property" in a or "name" in a):
            self.tags[a.get("property") or a["name"]] = a.get("content", "")
        elif tag == "link" and a.get("rel") == "canonical":
            self.tags["canonical"] = a["href"]


def page_json_ld(html: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match, "no JSON-LD block"
    return json.loads(match.group(1))


@pytest.fixture
def published(make_claim, fact_checker, editor):
    return bring_to("published", make_claim=make_claim, checker=fact_checker, editor=editor)


def test_published_claim_page_shows_the_verdict_and_claimreview(client, published):
    short = client.get(f"/checks/{published.pk}/")
    assert short.status_code == 301
    page = client.get(short["Location"])
    assert page.status_code == 200
    html = page.content.decode()
    assert "Mostly true" in html and "Broadly accurate" in html
    assert "Corrections log" in html and "evidence.example.org" in html
    review = page_json_ld(html)
    assert review["@type"] == "ClaimReview"
    assert review["claimReviewed"] == published.statement
    assert review["reviewRating"]["alternateName"] == "Mostly true"
    # The review names the page itself, which answers without a redirect.
    assert review["url"].endswith(short["Location"])
    assert client.get(short["Location"]).status_code == 200


def test_the_page_names_its_canonical_address_and_describes_itself_for_link_previews(
    client, published, settings
):
    settings.FACTCHECK_ORG_NAME = "Example Checks"
    settings.FACTCHECK_ORG_URL = "https://checks.example.org/"
    canonical = (
        f"https://checks.example.org/checks/{published.pk}-{check_slug(published.statement)}/"
    )
    # Served here (testserver), named by the publisher's address.
    page = client.get(f"/checks/{published.pk}/", follow=True)
    tags = HeadTags(page.content.decode()).tags
    verdict = published.published_verdict
    assert tags["canonical"] == canonical
    assert tags["description"].startswith(f"Fact check: “{published.statement[:40]}")
    assert tags["og:type"] == "article"
    assert tags["og:site_name"] == "Example Checks"
    assert tags["og:url"] == canonical
    assert tags["og:title"] == f"Fact check: “{published.statement}”"
    assert tags["og:description"] == f"Rated Mostly true: {verdict.headline}"
    assert tags["article:published_time"] == verdict.published_at.isoformat()
    assert page_json_ld(page.content.decode())["url"].startswith("https://checks.example.org/")


SENTENCE = (
    "Ticket revenue now covers 61 percent of operating costs, transport director Ines "
    "Varga said on Tuesday."
)
CLAIM_TEXT = "Ticket revenue now covers 61 percent of operating costs"


@pytest.fixture
def attributed(make_claim, fact_checker, editor):
    """A published claim whose claim text is not its sentence."""

    def maker(**kwargs):
        return make_claim(
            text=SENTENCE,
            claim_text=CLAIM_TEXT,
            claimant="Ines Varga",
            claimant_role="transport director",
            cue="said",
            sourcing="named",
        )

    return bring_to("published", make_claim=maker, checker=fact_checker, editor=editor)


def test_the_page_names_the_claim_by_its_claim_text(client, attributed):
    slug = "ticket-revenue-now-covers-61-percent-of-operating-costs"
    short = client.get(f"/checks/{attributed.pk}/")
    assert short["Location"] == f"/checks/{attributed.pk}-{slug}/"
    # A link made with the sentence's slug (before claim texts) still lands on the page.
    assert check_slug(SENTENCE) != slug
    old = client.get(f"/checks/{attributed.pk}-{check_slug(SENTENCE)}/")
    assert (old.status_code, old["Location"]) == (301, short["Location"])
    html = client.get(short["Location"]).content.decode()
    assert f"<title>Fact check: {CLAIM_TEXT}" in html
    assert (
        f'<meta name="description" content="Fact check: “{CLAIM_TEXT}”, rated Mostly true.">'
        in html
    )
    assert f'<h1 class="claim-text">“{CLAIM_TEXT}”</h1>' in html
    assert "Claimed by <strong>Ines Varga</strong>, transport director" in html
    # The sentence as the article printed it is still shown, below the claim.
    assert f"As printed: “{SENTENCE}”" in html
    review = page_json_ld(html)
    assert review["claimReviewed"] == CLAIM_TEXT
    assert review["itemReviewed"]["author"]["jobTitle"] == "transport director"


def test_a_claim_stated_as_printed_is_not_shown_twice(client, published):
    html = client.get(f"/checks/{published.pk}/", follow=True).content.decode()
    assert published.claim_text == published.text
    assert "As printed" not in html


def test_home_lists_checks_by_their_claim_text(client, attributed):
    html = client.get("/").content.decode()
    assert f"“{CLAIM_TEXT}”" in html
    assert "transport director Ines" not in html


@pytest.mark.parametrize(
    "start", ["candidate", "queued", "in_review", "pending_approval", "dismissed"]
)
def test_nothing_unpublished_is_reachable(client, make_claim, fact_checker, editor, start):
    claim = bring_to(start, make_claim=make_claim, checker=fact_checker, editor=editor)
    missing = client.get("/checks/999999-no-such-check/")
    assert missing.status_code == 404
    for path in (f"/checks/{claim.pk}/", f"/checks/{claim.pk}-anything/"):
        response = client.get(path)
        assert response.status_code == 404
        # Our page, and the same one as for a claim that does not exist: not even the
        # claim's existence shows.
        assert response.content == missing.content
    html = missing.content.decode()
    assert "<h1>No fact check here</h1>" in html and "desk.css" in html
    assert claim.statement not in html


def test_reopened_claim_keeps_its_public_page(client, published, editor):
    claim_reopen(claim=published, actor=editor, note="New data")
    assert client.get(f"/checks/{published.pk}/", follow=True).status_code == 200


def test_correction_is_listed_in_the_log(client, published, fact_checker, editor, other_editor):
    from claims.workflow import claim_assign

    claim_reopen(claim=published, actor=editor, note="New data")
    claim_assign(claim=published, actor=fact_checker, assignee=fact_checker)
    verdict_approve(verdict=propose(published, fact_checker, rating="false"), actor=other_editor)
    html = client.get(f"/checks/{published.pk}/", follow=True).content.decode()
    assert html.count("<time") == 2 and "(correction)" in html
    assert page_json_ld(html)["reviewRating"]["alternateName"] == "False"


def test_hostile_claim_text_is_escaped_in_html_and_json_ld(
    client, make_claim, fact_checker, editor
):
    hostile = "</script><script>alert(1)</script><img src=x onerror=alert(1)>"
    claim = make_claim(text=hostile)
    claim_triage(claim=claim, actor=editor)
    from claims.workflow import claim_assign

    claim_assign(claim=claim, actor=fact_checker, assignee=fact_checker)
    verdict_approve(verdict=propose(claim, fact_checker), actor=editor)
    html = client.get(f"/checks/{claim.pk}/", follow=True).content.decode()
    assert "<img src=x" not in html and "<script>alert" not in html
    assert page_json_ld(html)["claimReviewed"] == hostile
    # In the head's attributes too: the text comes back whole, nothing breaks out of them.
    tags = HeadTags(html).tags
    assert tags["og:title"].startswith("Fact check: “</script><script>alert(1)")
    assert set(tags) >= {"og:url", "og:type", "og:description", "canonical"}


def test_home_lists_published_checks_only(client, published, make_claim):
    hidden = make_claim(text="An unpublished candidate claim about tariffs.")
    html = client.get("/").content.decode()
    assert published.text[:40] in html
    assert hidden.text not in html


def test_home_costs_a_fixed_number_of_queries(client, published, django_assert_num_queries):
    # Published claims with article, verdict, rating and canonical joined; the rating
    # scale (worst and best values), once for every rating badge on the page.
    with django_assert_num_queries(2):
        assert client.get("/").status_code == 200


def test_our_stylesheet_is_served_by_us():
    from django.contrib.staticfiles import finders

    assert finders.find("css/desk.css")
