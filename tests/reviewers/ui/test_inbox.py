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
from reviewers.models import ReviewHold, ReviewQueue
from tests.claims.helpers import propose

# No test here checks matching: new claims are matched lexically (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("lexical_matching")

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


# --- filters ------------------------------------------------------------------------------


@pytest.fixture
def spread(make_claim, fact_checker, other_fact_checker, editor, members):
    """Three proposals across two queues, two checkers, two ratings and three ages."""
    breaking = ReviewQueue.objects.create(name="Breaking", slug="breaking", order=1)
    breaking.members.add(fact_checker, other_fact_checker)

    def pending(queue: str, checker, rating: str, age: timedelta) -> Verdict:
        claim = make_claim()
        claim_triage(claim=claim, actor=editor, queue=queue)
        claim_assign(claim=claim, actor=checker, assignee=checker)
        return proposed_ago(propose(claim, checker, rating=rating), age)

    return {
        "general": pending("general", fact_checker, "mostly_true", timedelta(hours=2)),
        "fresh": pending("breaking", other_fact_checker, "false", timedelta(minutes=30)),
        "old": pending("breaking", fact_checker, "false", timedelta(days=4)),
    }


def listed(response) -> list[int]:
    page = lxml_html.fromstring(response.content.decode())
    return [int(li.get("id").split("-")[1]) for li in page.xpath('//ol[@class="cards inbox"]/li')]


def options(response, name: str) -> dict[str, str]:
    page = lxml_html.fromstring(response.content.decode())
    return {o.get("value"): o.text for o in page.xpath(f'//select[@name="{name}"]/option')}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, ["old", "general", "fresh"]),
        ({"queue": "breaking"}, ["old", "fresh"]),
        ({"checker": "checker2"}, ["fresh"]),
        ({"rating": "false"}, ["old", "fresh"]),
        ({"age": "1h"}, ["old", "general"]),
        ({"age": "24h"}, ["old"]),
        ({"age": "3d"}, ["old"]),
        ({"queue": "breaking", "checker": "checker", "rating": "false"}, ["old"]),
        ({"queue": "general", "rating": "false"}, []),
    ],
)
def test_filters_narrow_the_inbox(editor_client, spread, query, expected):
    response = editor_client.get(reverse("desk:inbox"), query)
    assert response.status_code == 200
    assert listed(response) == [spread[name].pk for name in expected]


def test_each_choice_says_how_many_it_would_show_under_the_other_filters(editor_client, spread):
    response = editor_client.get(reverse("desk:inbox"), {"rating": "false"})
    # Queues and checkers counted among the two rated false; ratings among all three.
    assert options(response, "queue") == {
        "": "Any queue",
        "general": "General (0)",
        "breaking": "Breaking (2)",
    }
    assert options(response, "checker")["checker"] == "checker (1)"
    assert options(response, "checker")["checker2"] == "checker2 (1)"
    assert options(response, "rating")["false"] == "False (2)"
    assert options(response, "rating")["mostly_true"] == "Mostly true (1)"
    assert options(response, "age") == {
        "": "Any time",
        "1h": "Over 1 hour (1)",
        "24h": "Over 24 hours (1)",
        "3d": "Over 3 days (1)",
    }
    heading = lxml_html.fromstring(response.content.decode()).xpath("//h1")[0]
    assert words(heading) == "Awaiting approval (2 of 3)"


def test_an_invalid_filter_is_named_and_left_out_not_a_500(editor_client, spread):
    response = editor_client.get(
        reverse("desk:inbox"), {"queue": "no-such-queue", "age": "forever", "rating": "false"}
    )
    assert response.status_code == 200
    assert "Some filters could not be applied" in response.content.decode()
    page = lxml_html.fromstring(response.content.decode())
    errors = [words(e) for e in page.xpath('//form[@class="inbox-filters"]//span[@class="error"]')]
    assert errors == [
        "Select a valid choice. no-such-queue is not one of the available choices.",
        "Select a valid choice. forever is not one of the available choices.",
    ]
    # The valid filter still applies.
    assert listed(response) == [spread["old"].pk, spread["fresh"].pk]


def test_empty_filters_leave_the_address(editor_client, spread):
    response = editor_client.get(reverse("desk:inbox"), {"queue": "", "rating": "false", "age": ""})
    assert response.status_code == 302
    assert response["Location"] == reverse("desk:inbox") + "?rating=false"


def test_a_decision_returns_to_the_filtered_view(editor_client, spread):
    url = reverse("desk:inbox") + "?queue=breaking"
    page = lxml_html.fromstring(editor_client.get(url).content.decode())
    verdict = spread["fresh"]
    [next_field] = page.xpath(f'//form[@id="approve-{verdict.pk}"]/input[@name="next"]')
    assert next_field.get("value") == url
    response = editor_client.post(
        reverse("desk:verdict-approve", args=[verdict.pk]), {"next": url, "note": ""}
    )
    assert response.status_code == 302 and response["Location"] == url


def test_a_refused_decision_keeps_the_filtered_view(editor_client, spread):
    url = reverse("desk:inbox") + "?queue=breaking"
    verdict = spread["fresh"]
    response = editor_client.post(
        reverse("desk:verdict-changes", args=[verdict.pk]), {"next": url, "note": " "}
    )
    assert response.status_code == 400
    assert listed(response) == [spread["old"].pk, spread["fresh"].pk]
    assert options(response, "queue")["breaking"] == "Breaking (2)"


def test_the_filters_are_for_editors_only(checker_client, consumer_client, spread):
    for client in (checker_client, consumer_client):
        assert client.get(reverse("desk:inbox"), {"queue": "breaking"}).status_code == 403


# --- claiming a review --------------------------------------------------------------------


def review(client, verdict: Verdict, **data):
    return client.post(reverse("desk:verdict-review", args=[verdict.pk]), data)


def test_review_this_holds_the_verdict_for_the_editor(editor_client, editor, proposal):
    response = review(editor_client, proposal, next=reverse("desk:inbox") + "?rating=mostly_false")
    assert response.status_code == 302
    assert response["Location"] == (
        reverse("desk:inbox") + f"?rating=mostly_false#verdict-{proposal.pk}"
    )
    hold = ReviewHold.objects.get(verdict=proposal)
    assert hold.editor == editor
    card = card_of(editor_client.get(reverse("desk:inbox")), proposal)
    notice = words(card.xpath('.//div[contains(@class, "inbox-hold")]')[0])
    until = timezone.localtime(hold.expires_at).strftime("%H:%M")
    assert notice.startswith(f"You are reviewing this until {until}")
    assert card.xpath(".//button[starts-with(normalize-space(), 'Release')]")
    assert card.xpath(f'.//form[@id="approve-{proposal.pk}"]')
    assert not card.xpath(".//button[starts-with(normalize-space(), 'Review this')]")


def test_another_editor_sees_who_reviews_it_and_no_decision(
    editor_client, other_editor_client, editor, proposal
):
    before = card_of(other_editor_client.get(reverse("desk:inbox")), proposal)
    assert before.xpath(".//button[starts-with(normalize-space(), 'Review this')]")
    review(editor_client, proposal)
    until = timezone.localtime(ReviewHold.objects.get(verdict=proposal).expires_at)
    card = card_of(other_editor_client.get(reverse("desk:inbox")), proposal)
    assert f"Being reviewed by editor (until {until:%H:%M})." in words(card)
    assert not card.xpath(f'.//form[@id="approve-{proposal.pk}"]')
    assert not card.xpath(f'.//form[@id="changes-{proposal.pk}"]')
    assert not card.xpath(".//button[starts-with(normalize-space(), 'Review this')]")
    assert "They decide on it" in words(card)


def test_the_server_refuses_another_editors_decision_while_held(
    editor_client, other_editor_client, proposal
):
    review(editor_client, proposal)
    response = other_editor_client.post(
        reverse("desk:verdict-approve", args=[proposal.pk]), {"note": "Fine by me."}
    )
    assert response.status_code == 409
    card = card_of(response, proposal)
    assert "editor is reviewing this verdict" in words(card.xpath('.//div[@id="decide-errors"]')[0])
    assert Verdict.objects.get(pk=proposal.pk).state == Verdict.State.PROPOSED
    response = other_editor_client.post(
        reverse("desk:verdict-changes", args=[proposal.pk]), {"note": "Quote it."}
    )
    assert response.status_code == 409
    assert Verdict.objects.get(pk=proposal.pk).state == Verdict.State.PROPOSED


def test_after_the_hold_runs_out_the_others_may_decide_again(
    editor_client, other_editor_client, proposal
):
    review(editor_client, proposal)
    ReviewHold.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    card = card_of(other_editor_client.get(reverse("desk:inbox")), proposal)
    assert "Being reviewed" not in words(card)
    assert card.xpath(f'.//form[@id="approve-{proposal.pk}"]')
    response = other_editor_client.post(reverse("desk:verdict-approve", args=[proposal.pk]))
    assert response.status_code == 302
    assert Verdict.objects.get(pk=proposal.pk).state == Verdict.State.APPROVED


def test_the_holder_releases_it(editor_client, other_editor_client, proposal):
    review(editor_client, proposal)
    response = editor_client.post(reverse("desk:verdict-review-release", args=[proposal.pk]))
    assert response.status_code == 302
    assert not ReviewHold.objects.exists()
    card = card_of(other_editor_client.get(reverse("desk:inbox")), proposal)
    assert card.xpath(".//button[starts-with(normalize-space(), 'Review this')]")


def test_releasing_someone_elses_review_is_refused_on_the_card(
    editor_client, other_editor_client, proposal
):
    review(editor_client, proposal)
    response = other_editor_client.post(reverse("desk:verdict-review-release", args=[proposal.pk]))
    assert response.status_code == 409
    errors = card_of(response, proposal).xpath('.//div[@id="decide-errors"]')
    assert words(errors[0]) == "You are not reviewing this verdict."
    assert ReviewHold.objects.exists()


def test_deciding_ends_the_hold(editor_client, proposal):
    review(editor_client, proposal)
    response = editor_client.post(
        reverse("desk:verdict-changes", args=[proposal.pk]), {"note": "Quote the statement."}
    )
    assert response.status_code == 302
    assert not ReviewHold.objects.exists()


def test_of_two_editors_pressing_review_this_the_second_is_told_who_won(
    editor_client, other_editor_client, proposal
):
    assert review(editor_client, proposal).status_code == 302
    response = review(other_editor_client, proposal)
    assert response.status_code == 409
    until = timezone.localtime(ReviewHold.objects.get(verdict=proposal).expires_at)
    errors = card_of(response, proposal).xpath('.//div[@id="decide-errors"]')
    assert words(errors[0]) == f"editor is reviewing this verdict (until {until:%H:%M})."
    assert ReviewHold.objects.get(verdict=proposal).editor.username == "editor"


def test_the_checker_who_proposed_it_cannot_claim_it(make_claim, editor, other_editor_client):
    # An editor who proposed a verdict (as a checker would): offered no "Review this", and
    # refused by the server.
    from tests.claims.helpers import bring_to
    from tests.reviewers.ui.conftest import signed_in

    claim = bring_to("pending_approval", make_claim=make_claim, checker=editor, editor=editor)
    own = claim.verdicts.get()
    client = signed_in(editor)
    card = card_of(client.get(reverse("desk:inbox")), own)
    assert not card.xpath(".//button[starts-with(normalize-space(), 'Review this')]")
    response = review(client, own)
    assert response.status_code == 403
    errors = card_of(response, own).xpath('.//div[@id="decide-errors"]')
    assert words(errors[0]).startswith("You cannot review your own verdict")
    assert not ReviewHold.objects.exists()


@pytest.mark.parametrize("name", ["desk:verdict-review", "desk:verdict-review-release"])
def test_claiming_a_review_is_for_editors_only(
    name, client, checker_client, consumer_client, proposal
):
    url = reverse(name, args=[proposal.pk])
    assert checker_client.post(url).status_code == 403
    assert consumer_client.post(url).status_code == 403
    response = client.post(url)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert not ReviewHold.objects.exists()


def test_claiming_a_review_is_a_post(editor_client, proposal):
    assert editor_client.get(reverse("desk:verdict-review", args=[proposal.pk])).status_code == 405
