"""The desk names a claim by its claim text (the statement checked), and shows the sentence
as the article printed it, in context, with the claimant's role and the cue."""

from __future__ import annotations

import pytest
from django.urls import reverse

from claims.models import Article, Claim
from claims.workflow import claim_assign, claim_triage
from reviewers.notifications import _claim_line
from tests.claims.helpers import bring_to, propose

SENTENCE = (
    "Ticket revenue now covers 61 percent of operating costs, transport director Ines "
    "Varga said on Tuesday."
)
CLAIM_TEXT = "Ticket revenue now covers 61 percent of operating costs"
HEADING = f"“{CLAIM_TEXT}”"


@pytest.fixture(autouse=True)
def _no_auto_queue(settings):
    settings.AUTO_QUEUE_THRESHOLD = None  # every claim starts as a candidate


@pytest.fixture
def framed(db):
    """An article holding the sentence, and a maker of claims on it whose claim text is
    not the sentence."""
    text = f"The city published its accounts.\n\n{SENTENCE}\n\nFares rise in May."
    article = Article.objects.create(
        url="https://news.example.org/fares",
        title="Fares",
        text=text,
        content_hash="6" * 64,
        status=Article.Status.DONE,
    )
    start = text.index(SENTENCE)

    def make(**kwargs) -> Claim:
        from claims.workflow import claim_create

        return claim_create(
            text=SENTENCE,
            article=article,
            span=(start, start + len(SENTENCE)),
            claim_text=CLAIM_TEXT,
            claimant="Ines Varga",
            claimant_role="transport director",
            cue="said",
            sourcing=Claim.Sourcing.NAMED,
            checkworthiness=0.9,
        )

    return make


def test_the_claim_page_is_headed_by_the_claim_text_and_shows_the_sentence(checker_client, framed):
    claim = framed()
    html = checker_client.get(reverse("desk:claim", args=[claim.pk])).content.decode()
    assert f"<title>Review: {CLAIM_TEXT} · Fact-check desk</title>" in html
    assert f'<h1 class="claim-text" id="claim-text">{HEADING}</h1>' in html
    assert f"As printed: “{SENTENCE}”" in html
    # The sentence stays marked in its article.
    assert f"<mark>{SENTENCE}</mark>" in html
    assert "Claimant: Ines Varga, transport director" in html
    assert "Cue: said" in html


def test_the_desk_links_the_public_page_by_the_claim_text_slug(
    checker_client, framed, fact_checker, editor
):
    claim = bring_to("published", make_claim=framed, checker=fact_checker, editor=editor)
    html = checker_client.get(reverse("desk:claim", args=[claim.pk])).content.decode()
    slug = "ticket-revenue-now-covers-61-percent-of-operating-costs"
    assert f'href="/checks/{claim.pk}-{slug}/"' in html


def test_triage_rows_name_the_claim_text_with_the_claimant_role(editor_client, framed):
    claim = framed()
    html = editor_client.get(reverse("desk:triage")).content.decode()
    assert f'<label for="pick-{claim.pk}">{CLAIM_TEXT}</label>' in html
    assert "Ines Varga, transport director" in html
    assert SENTENCE not in html


def test_my_work_and_the_inbox_name_the_claim_text(
    checker_client, editor_client, framed, fact_checker, editor
):
    claim = framed()
    claim_triage(claim=claim, actor=editor)
    claim_assign(claim=claim, actor=fact_checker, assignee=fact_checker)
    html = checker_client.get(reverse("desk:my-work")).content.decode()
    assert HEADING in html and SENTENCE not in html
    propose(claim, fact_checker)
    html = editor_client.get(reverse("desk:inbox")).content.decode()
    # Named by its claim text; the sentence is there only as the article printed it, marked
    # in its paragraph, never as the card's title.
    assert f'">{HEADING}</a></h2>' in html
    assert html.count(SENTENCE) == 1 and f"<mark>{SENTENCE}</mark>" in html
    assert "Ines Varga, transport director" in html and "Cue: said" in html


def test_the_article_page_names_its_claims_by_claim_text(checker_client, framed):
    claim = framed()
    html = checker_client.get(reverse("desk:article", args=[claim.article_id])).content.decode()
    assert HEADING in html
    assert "Ines Varga, transport director" in html


def test_a_claim_stated_as_printed_shows_no_second_sentence(checker_client, make_claim):
    claim = make_claim("The truce has held for 70 years.")
    html = checker_client.get(reverse("desk:claim", args=[claim.pk])).content.decode()
    assert "“The truce has held for 70 years.”</h1>" in html
    assert "As printed" not in html


def test_mails_name_the_claim_text(framed):
    claim = framed()
    assert _claim_line(claim) == f"Claim #{claim.pk}: {HEADING}"


def test_the_staff_api_names_the_claim_text_beside_the_sentence(
    framed, fact_checker, editor, as_staff
):
    claim = framed()
    desk, checker = as_staff(editor), as_staff(fact_checker)
    state = desk.post(f"/api/v1/claims/{claim.pk}/triage/", {"queue": "general"}).json()
    assert (state["text"], state["claim_text"]) == (SENTENCE, CLAIM_TEXT)
    claim_assign(claim=claim, actor=fact_checker, assignee=fact_checker)
    [work] = checker.get("/api/v1/my-work/").json()
    assert work["claim_text"] == CLAIM_TEXT
    propose(claim, fact_checker)
    [item] = desk.get("/api/v1/inbox/").json()
    assert item["claim_text"] == CLAIM_TEXT


@pytest.fixture
def as_staff():
    from tests.claims.api.conftest import client_with_token

    return lambda user: client_with_token(user, "review")
