"""Triage that keeps up: each row of the triage list has its own Queue and Dismiss buttons
and, when claim matching stored a suggestion, "Merge into #N" (the target is the stored
match, never a typed id); the same actions on a candidate's own page. A refused action
comes back with the ticks, the chosen bulk action and the reason as they were sent. And a
claim just taken opens on its heading."""

from __future__ import annotations

import pytest
from django.urls import reverse

from claims.models import Article, Claim, ClaimLink
from claims.workflow import claim_dismiss, claim_triage
from tests.reviewers.ui.conftest import signed_in
from tests.reviewers.ui.test_refused_forms import (
    error_beside,
    form_error,
    form_in,
    lands_on,
    page_of,
    sent,
)

KNOWN = "An armed truce has been in place on the Korean Peninsula for more than 70 years."
REPEAT = (
    "An armed truce has held on the Korean Peninsula for more than seventy years, officials said."
)


@pytest.fixture
def suggested(make_claim, db) -> ClaimLink:
    """A candidate that repeats a known claim: claim matching stored the suggestion."""
    make_claim(KNOWN)
    other = Article.objects.create(url="https://b.example.org/", content_hash="2" * 64)
    repeat = make_claim(REPEAT, article=other)
    return ClaimLink.objects.get(claim=repeat, state=ClaimLink.State.SUGGESTED)


def row_post(client, row: str, **sent_with):
    """A row's button pressed: the whole list form goes with it, as the browser sends it."""
    data = {"filters": "", "page": "1", "action": "queue", "reason": "", "canonical": ""}
    return client.post(reverse("desk:triage"), {**data, **sent_with, "row": row})


def status_of(claim: Claim) -> str:
    claim.refresh_from_db()
    return claim.status


# --- the list ------------------------------------------------------------------------------


def test_each_row_shows_its_suggested_duplicate_with_score_and_merge_button(
    checker_client, suggested
):
    html = checker_client.get(reverse("desk:triage")).content.decode()
    page = page_of(checker_client.get(reverse("desk:triage")))
    [row] = page.xpath(f'//tr[@id="row-{suggested.claim_id}"]')
    text = " ".join(row.text_content().split())
    assert f"Looks like #{suggested.matched_id}" in text
    assert f"(match {suggested.score:.2f})" in text
    assert row.xpath(f'.//a[@href="{reverse("desk:claim", args=[suggested.matched_id])}"]')
    [merge] = row.xpath('.//button[@name="row"][starts-with(@value, "merge:")]')
    assert merge.get("value") == f"merge:{suggested.claim_id}:{suggested.pk}"
    assert merge.text_content().startswith(f"Merge into #{suggested.matched_id}")
    # The known claim suggests nothing to merge into: only Queue and Dismiss.
    [known_row] = page.xpath(f'//tr[@id="row-{suggested.matched_id}"]')
    assert [b.get("value") for b in known_row.xpath('.//button[@name="row"]')] == [
        f"queue:{suggested.matched_id}",
        f"dismiss:{suggested.matched_id}",
    ]
    assert 'id="pick-all"' in html and 'id="shortcuts"' in html


def test_the_list_reads_all_rows_suggestions_in_one_query(
    editor_client, make_claim, django_assert_num_queries
):
    known = make_claim(KNOWN)

    def candidates_with_a_suggestion(n: int) -> None:
        for _ in range(n):
            claim = make_claim()
            ClaimLink.objects.filter(claim=claim).delete()
            ClaimLink.objects.create(claim=claim, matched=known, score=0.8)

    candidates_with_a_suggestion(3)
    editor_client.get(reverse("desk:triage"))  # the session's first read of the page
    # session, user, the user's and their groups' permissions, count, the page's claims
    # with their articles, their suggested matches with the matched claims (one query for
    # all rows), groups (the menu's role), queues (the bulk form's choice).
    with django_assert_num_queries(9):
        response = editor_client.get(reverse("desk:triage"))
    assert response.content.count(b'value="merge:') == 3
    candidates_with_a_suggestion(5)
    with django_assert_num_queries(9):
        response = editor_client.get(reverse("desk:triage"))
    assert response.content.count(b'value="merge:') == 8


# --- a row's buttons -----------------------------------------------------------------------


def test_a_rows_queue_button_queues_that_claim_and_keeps_the_other_ticks(
    checker_client, fact_checker, make_claim
):
    a, b, c = make_claim(), make_claim(), make_claim()
    response = row_post(checker_client, f"queue:{a.pk}", claims=[b.pk, c.pk], filters="q=Claim")
    assert response.status_code == 302
    assert response["Location"] == reverse("desk:triage") + f"?q=Claim&pick={b.pk}&pick={c.pk}"
    assert status_of(a) == "queued" and status_of(b) == status_of(c) == "candidate"
    event = a.events.get(kind="triaged")
    assert (event.actor, event.data) == (fact_checker, {})
    back = checker_client.get(response["Location"])
    assert f"Claim {a.pk} queued for review." in back.content.decode()
    assert sent(form_in(back, "bulk-form"))["claims"] == [str(b.pk), str(c.pk)]
    # The ticks are not carried on into the pages' links.
    assert "pick=" not in "".join(page_of(back).xpath('//nav[@class="pager"]//a/@href'))


@pytest.mark.parametrize(("typed", "note"), [("", "Not check-worthy."), ("Opinion.", "Opinion.")])
def test_a_rows_dismiss_button_uses_the_typed_reason_or_the_plain_one(
    checker_client, make_claim, typed, note
):
    claim = make_claim()
    response = row_post(checker_client, f"dismiss:{claim.pk}", reason=typed)
    assert response.status_code == 302
    assert status_of(claim) == "dismissed"
    assert claim.events.get(kind="dismissed").note == note


def test_merge_follows_the_stored_suggestion_not_a_typed_id(
    checker_client, fact_checker, suggested, make_claim
):
    decoy = make_claim()
    response = row_post(
        checker_client,
        f"merge:{suggested.claim_id}:{suggested.pk}",
        action="merge",
        canonical=str(decoy.pk),  # typed in the bulk form: not what a row's merge follows
    )
    assert response.status_code == 302
    claim = suggested.claim
    claim.refresh_from_db()
    assert (claim.status, claim.canonical_id) == ("duplicate", suggested.matched_id)
    kinds = list(claim.events.values_list("kind", "actor", "data"))
    assert ("merged", fact_checker.pk, {"canonical": suggested.matched_id}) in kinds
    assert any(kind == "match_confirmed" for kind, _, _ in kinds)
    suggested.refresh_from_db()
    assert (suggested.state, suggested.decided_by) == ("confirmed", fact_checker)
    assert status_of(decoy) == "candidate"


def test_merge_with_another_claims_suggestion_is_refused_and_loses_nothing(
    checker_client, suggested, make_claim
):
    stranger, ticked = make_claim(), make_claim()
    response = row_post(
        checker_client,
        f"merge:{stranger.pk}:{suggested.pk}",
        claims=[ticked.pk],
        action="dismiss",
        reason="Opinion.",
    )
    assert response.status_code == 400
    form = form_in(response, "bulk-form")
    assert (sent(form)["claims"], sent(form)["action"], sent(form)["reason"]) == (
        [str(ticked.pk)],
        ["dismiss"],
        ["Opinion."],
    )
    assert (
        error_beside(form, f"pick-{stranger.pk}")
        == "That match is not a suggestion for this claim."
    )
    assert lands_on(response) == f"pick-{stranger.pk}_error"
    assert {status_of(c) for c in (stranger, ticked, suggested.claim)} == {"candidate"}
    assert not stranger.events.exclude(kind="created").exists()


def test_a_claim_a_colleague_moved_meanwhile_is_named_and_the_selection_kept(
    checker_client, make_claim, editor
):
    gone, here = make_claim(), make_claim()
    claim_triage(claim=gone, actor=editor)  # queued by a colleague while the list was open
    response = row_post(
        checker_client, f"dismiss:{gone.pk}", claims=[here.pk], action="dismiss", reason="Opinion."
    )
    assert response.status_code == 409
    form = form_in(response, "bulk-form")
    assert form_error(form) == f"Claim {gone.pk}: Cannot dismiss a claim that is queued."
    assert lands_on(response) == "bulk-form-errors"
    assert (sent(form)["claims"], sent(form)["action"], sent(form)["reason"]) == (
        [str(here.pk)],
        ["dismiss"],
        ["Opinion."],
    )
    # Only the row's error: the bulk inputs are shown again, not judged.
    assert not form.xpath('.//*[@class="error"]')
    assert status_of(here) == "candidate"
    assert gone.events.filter(kind="dismissed").count() == 0


def test_a_forged_row_value_is_refused(checker_client, make_claim):
    claim = make_claim()
    response = row_post(checker_client, f"publish:{claim.pk}", claims=[claim.pk])
    assert response.status_code == 400
    assert form_error(form_in(response, "bulk-form")) == "Choose an action from a claim's row."
    assert sent(form_in(response, "bulk-form"))["claims"] == [str(claim.pk)]
    assert status_of(claim) == "candidate"


def test_a_rows_buttons_refuse_a_consumer(consumer_client, client, suggested):
    for row in [
        f"queue:{suggested.claim_id}",
        f"dismiss:{suggested.claim_id}",
        f"merge:{suggested.claim_id}:{suggested.pk}",
    ]:
        assert row_post(consumer_client, row).status_code == 403
        response = row_post(client, row)  # signed out: to the sign-in page
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert status_of(suggested.claim) == "candidate"
    assert list(suggested.claim.events.values_list("kind", flat=True)) == [
        "created",
        "match_suggested",
    ]


# --- on the claim's page ---------------------------------------------------------------------


def claim_page(client, claim_id: int):
    return client.get(reverse("desk:claim", args=[claim_id]))


def triage_post(client, claim_id: int, **data):
    return client.post(reverse("desk:claim-triage", args=[claim_id]), data)


def test_a_candidates_page_offers_queue_dismiss_and_merge_into_its_suggestion(
    checker_client, suggested
):
    page = page_of(claim_page(checker_client, suggested.claim_id))
    [section] = page.xpath('//section[@id="triage"]')
    action = reverse("desk:claim-triage", args=[suggested.claim_id])
    forms = {
        f.xpath('string(.//input[@name="action"]/@value)'): f for f in section.xpath(".//form")
    }
    assert set(forms) == {"queue", "dismiss", "merge"}
    assert all(f.get("action") == action for f in forms.values())
    assert forms["merge"].xpath('string(.//input[@name="link"]/@value)') == str(suggested.pk)
    assert forms["merge"].xpath("string(.//button)") == f"Merge into #{suggested.matched_id}"
    assert f"match {suggested.score:.2f}" in section.text_content()
    assert forms["dismiss"].xpath('.//label[@for="triage-reason"]')
    # The known claim has no suggestion of its own to follow.
    page = page_of(claim_page(checker_client, suggested.matched_id))
    assert page.xpath('//section[@id="triage"]') and not page.xpath('//input[@value="merge"]')


@pytest.mark.parametrize(
    ("data", "status", "event"),
    [
        ({"action": "queue"}, "queued", "triaged"),
        ({"action": "dismiss", "reason": "Satire."}, "dismissed", "dismissed"),
        ({"action": "merge"}, "duplicate", "merged"),
    ],
)
def test_triage_from_the_claims_page(editor_client, editor, suggested, data, status, event):
    claim = suggested.claim
    response = triage_post(editor_client, claim.pk, link=suggested.pk, **data)
    assert response.status_code == 302
    assert response["Location"] == reverse("desk:claim", args=[claim.pk])
    assert status_of(claim) == status
    written = claim.events.get(kind=event)
    assert written.actor == editor
    if event == "dismissed":
        assert written.note == "Satire."
    if event == "merged":
        assert claim.canonical_id == suggested.matched_id
    page = page_of(editor_client.get(response["Location"]))
    assert not page.xpath('//section[@id="triage"]')  # no longer a candidate


def test_merge_from_the_claims_page_needs_its_own_suggestion(checker_client, suggested, make_claim):
    stranger = make_claim()
    response = triage_post(checker_client, stranger.pk, action="merge", link=suggested.pk)
    assert response.status_code == 400
    [box] = page_of(response).xpath('//section[@id="triage"]//*[@id="triage-errors"]')
    assert box.text_content().strip() == "That match is not a suggestion for this claim."
    assert lands_on(response) == "triage-errors"
    response = triage_post(checker_client, stranger.pk, action="merge")
    assert response.status_code == 400
    assert "no suggested match" in response.content.decode()
    assert status_of(stranger) == "candidate"


def test_triage_of_a_claim_that_moved_on_is_refused_on_its_page(checker_client, make_claim, editor):
    claim = make_claim()
    claim_dismiss(claim=claim, actor=editor, reason="Opinion.")  # a colleague, meanwhile
    response = triage_post(checker_client, claim.pk, action="queue")
    assert response.status_code == 409
    [section] = page_of(response).xpath('//section[@id="triage"]')
    assert "Cannot triage a claim that is dismissed." in section.text_content()
    assert not section.xpath(".//form")  # nothing more to do here
    assert claim.events.filter(kind="triaged").count() == 0


def test_triage_from_the_claims_page_refuses_a_consumer(consumer_client, suggested):
    for data in [{"action": "queue"}, {"action": "merge", "link": suggested.pk}]:
        assert triage_post(consumer_client, suggested.claim_id, **data).status_code == 403
    assert status_of(suggested.claim) == "candidate"


def test_no_triage_on_the_page_of_a_queued_claim(checker_client, make_claim, editor):
    claim = make_claim()
    claim_triage(claim=claim, actor=editor)
    assert not page_of(claim_page(checker_client, claim.pk)).xpath('//section[@id="triage"]')


def test_a_candidates_page_reads_its_suggestion_with_the_similar_claims(
    checker_client, suggested, django_assert_num_queries
):
    claim_page(checker_client, suggested.claim_id)  # the session's first read
    # session, user, the user's and their groups' permissions, the claim with its
    # article/queue/verdict/canonical, sources, verdicts with citations, the article's
    # earlier versions (the repeat's sentence is not in its article), similar claims (the
    # links with both claims and their verdicts: the triage suggestion is picked from
    # them, no query of its own), the internal notes with their authors, groups (the
    # menu's role), events with actors.
    with django_assert_num_queries(12):
        response = claim_page(checker_client, suggested.claim_id)
    assert b'name="link"' in response.content


# --- after a take ----------------------------------------------------------------------------


def test_take_next_opens_the_claim_on_its_heading(checker_client, make_claim, editor):
    claim = make_claim()
    claim_triage(claim=claim, actor=editor, queue="general")
    response = checker_client.post(reverse("desk:take-next"), {"queue": "general"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("desk:claim", args=[claim.pk])
    assert lands_on(response) == "claim-text"
    assert page_of(response).xpath('//h1[@id="claim-text"]/@tabindex') == ["-1"]
    # Only once: opened again later, the page starts at its top as usual.
    assert not page_of(claim_page(checker_client, claim.pk)).xpath("//*[@autofocus]")


def test_take_from_its_page_opens_on_its_heading(fact_checker, members, make_claim, editor):
    claim, other = make_claim(), make_claim()
    for c in (claim, other):
        claim_triage(claim=c, actor=editor, queue="general")
    client = signed_in(fact_checker)
    response = client.post(reverse("desk:claim-take", args=[claim.pk]), follow=True)
    assert lands_on(response) == "claim-text"
    # The mark is for the claim taken: another claim's page does not start on its heading.
    client.post(reverse("desk:claim-take", args=[other.pk]))
    assert not page_of(claim_page(client, claim.pk)).xpath("//*[@autofocus]")
