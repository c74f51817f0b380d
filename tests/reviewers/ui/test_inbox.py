"""The editor's inbox as a page to decide from: each card carries what a decision needs
(the whole claim, who made it and how it is sourced, the sentence in its paragraph, the
sources with stance and kind, the proposal and who proposed it, how long ago)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from lxml import html as lxml_html

from claims.models import Article, Claim, Verdict
from claims.workflow import (
    claim_add_source,
    claim_assign,
    claim_create,
    claim_propose_verdict,
    claim_triage,
)

# Longer than the 220 characters the inbox used to cut a claim at.
LONG_CLAIM = (
    "The buffer zone along the line of contact would be forty kilometres wide, patrolled by "
    "a European force of up to thirty thousand troops under a rotating command, with "
    "monitoring from the air by unarmed drones, and financed for the first five years "
    "entirely from frozen Russian state assets held in Belgium"
)
BEFORE = "Talks resumed in Geneva on Monday."
SENTENCE = f"According to EU sources, {LONG_CLAIM[0].lower()}{LONG_CLAIM[1:]}."
AFTER = "Diplomats said the proposal was still a draft."


@pytest.fixture(autouse=True)
def _no_auto_queue(settings):
    settings.AUTO_QUEUE_THRESHOLD = None


@pytest.fixture
def buffer_article(db) -> Article:
    text = f"{BEFORE}\n\n{SENTENCE} The talks go on.\n\n{AFTER}"
    return Article.objects.create(
        url="https://news.example.org/buffer-zone-inbox",
        title="The buffer-zone idea returns",
        outlet="Example News",
        text=text,
        content_hash="7" * 64,
        status=Article.Status.DONE,
    )


@pytest.fixture
def proposal(buffer_article, fact_checker, editor, members) -> Verdict:
    """A proposal on an anonymously sourced claim, citing two sources."""
    start = buffer_article.text.index(SENTENCE)
    claim = claim_create(
        text=SENTENCE,
        article=buffer_article,
        span=(start, start + len(SENTENCE)),
        claim_text=LONG_CLAIM,
        claimant="EU sources",
        claimant_role="diplomats in Brussels",
        cue="according to",
        sourcing=Claim.Sourcing.ANONYMOUS,
    )
    claim_triage(claim=claim, actor=editor)
    claim_assign(claim=claim, actor=fact_checker, assignee=fact_checker)
    cited = [
        claim_add_source(
            claim=claim,
            actor=fact_checker,
            url="https://eeas.example.org/statement",
            title="EEAS statement",
            kind="official_statement",
            stance="refutes",
        ),
        claim_add_source(
            claim=claim,
            actor=fact_checker,
            url="https://data.example.org/border",
            title="Border data",
            kind="data_set",
            stance="context",
        ),
    ]
    verdict = claim_propose_verdict(
        claim=claim,
        actor=fact_checker,
        rating="mostly_false",
        headline="No width is agreed",
        summary="No document fixes a 40 km zone.",
        rationale="The EEAS statement names no width.\n\nThe border data shows none either.",
        sources=cited,
    )
    return proposed_ago(verdict, timedelta(hours=2))


def proposed_ago(verdict: Verdict, age: timedelta) -> Verdict:
    """The verdict as if proposed ``age`` ago. A verdict's fields are fixed once written
    (``claims.immutability``), so the test rewrites the row behind the ORM's back."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {Verdict._meta.db_table} SET created_at = %s WHERE id = %s",
            [timezone.now() - age, verdict.pk],
        )
    verdict.refresh_from_db()
    return verdict


def card_of(response, verdict: Verdict):
    page = lxml_html.fromstring(response.content.decode())
    [card] = page.xpath(f'//li[@id="verdict-{verdict.pk}"]')
    return card


def words(element) -> str:
    return " ".join(element.text_content().split())


def test_a_card_shows_the_whole_claim(editor_client, proposal):
    card = card_of(editor_client.get(reverse("desk:inbox")), proposal)
    assert len(LONG_CLAIM) > 220
    assert words(card.xpath(".//h2")[0]) == f"“{LONG_CLAIM}”"


def test_a_card_shows_the_claimant_with_role_cue_and_sourcing_as_badges(editor_client, proposal):
    card = card_of(editor_client.get(reverse("desk:inbox")), proposal)
    badges = [words(b) for b in card.xpath('.//p[@class="badges"]/span[contains(@class, "badge")]')]
    assert badges == [
        "Claimant: EU sources, diplomats in Brussels",
        "Cue: according to",
        "⚠ Anonymous source",
    ]
    assert card.xpath('.//span[contains(@class, "badge-anonymous")]')


def test_a_card_shows_the_sentence_marked_in_its_paragraph(editor_client, proposal):
    card = card_of(editor_client.get(reverse("desk:inbox")), proposal)
    [paragraph] = card.xpath('.//div[@class="excerpt"]/p')
    assert paragraph.get("class") == "has-claim"
    assert words(paragraph) == f"{SENTENCE} The talks go on."
    assert [m.text_content() for m in paragraph.xpath(".//mark")] == [SENTENCE]
    # Only its own paragraph: the ones around it are on the claim's page.
    assert BEFORE not in words(card) and AFTER not in words(card)
    assert "The buffer-zone idea returns" in words(card.xpath(".//figcaption")[0])


def test_a_card_shows_the_cited_sources_with_kind_and_stance(editor_client, proposal):
    card = card_of(editor_client.get(reverse("desk:inbox")), proposal)
    sources = [
        (words(li.xpath("./a")[0]), [words(b) for b in li.xpath("./span")])
        for li in card.xpath('.//ul[@class="source-list"]/li')
    ]
    assert sources == [
        ("EEAS statement (opens in a new tab)", ["Official statement", "Refutes"]),
        ("Border data (opens in a new tab)", ["Data set", "Context"]),
    ]
    assert card.xpath('.//span[@class="badge stance-refutes"]')


def test_a_card_shows_the_rating_rationale_checker_and_age(editor_client, proposal):
    card = card_of(editor_client.get(reverse("desk:inbox")), proposal)
    assert words(card.xpath('.//span[contains(@class, "rating")]')[0]) == "Mostly false"
    assert "No width is agreed" in words(card)
    rationale = card.xpath('.//div[@class="rationale"]/p')
    assert [words(p) for p in rationale] == [
        "The EEAS statement names no width.",
        "The border data shows none either.",
    ]
    by = words(card.xpath('.//p[contains(@class, "inbox-by")]')[0])
    assert by == "Version 1 by checker · proposed 2 h 0 min ago"
    [when] = card.xpath('.//p[contains(@class, "inbox-by")]/time/@datetime')
    assert when == timezone.localtime(proposal.created_at).isoformat()


def test_a_claim_whose_sentence_left_the_article_says_so(editor_client, proposal):
    Article.objects.filter(pk=proposal.claim.article_id).update(text="Rewritten entirely.")
    card = card_of(editor_client.get(reverse("desk:inbox")), proposal)
    assert not card.xpath('.//div[@class="excerpt"]')
    assert "no longer in the article’s current text" in words(card)
