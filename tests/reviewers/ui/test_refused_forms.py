"""Every form on the desk, refused (by its own checks or by the service), comes back on its
page as it was sent, with the error beside the input it is about (or at the top of the
form), and the browser lands on that error (``autofocus``). Success still redirects.

Statuses: input the form or the service finds wrong 400, an action not yours 403, an
action the claim's state no longer allows 409: as the API answers the same refusals.
"""

from __future__ import annotations

import lxml.html
import pytest
from django.urls import reverse

from claims.ingestion.fetch import ADDRESS_REFUSED
from claims.matching.services import claim_link_reject
from claims.models import Article, Claim, ClaimLink, Verdict
from claims.workflow import (
    claim_assign,
    claim_release,
    claim_remove_source,
    claim_reopen,
    claim_triage,
    verdict_approve,
)
from tests.claims.helpers import bring_to
from tests.reviewers.ui.conftest import signed_in

RATIONALE = "The armistice text names no end date.\nSee article 5."


def page_of(response):
    return lxml.html.fromstring(response.content.decode())


def form_in(response, form_id: str):
    """The form ``form_id`` on the page the response holds (exactly one)."""
    forms = page_of(response).xpath(f'//form[@id="{form_id}"]')
    assert len(forms) == 1, f"no form #{form_id} on the page"
    return forms[0]


def sent(form) -> dict[str, list[str]]:
    """What the form would send now: the values it was rendered with."""
    values: dict[str, list[str]] = {}
    for name, value in form.form_values():
        values.setdefault(name, []).append(value.strip())
    return values


def lands_on(response) -> str:
    """The id of the one element the browser focuses (and scrolls to) on load."""
    focused = page_of(response).xpath("//*[@autofocus]")
    assert len(focused) == 1, [el.get("id") for el in focused]
    return focused[0].get("id")


def error_beside(form, field_id: str) -> str:
    """The error of the input ``field_id``, which points at it: between its label and it,
    for a group of boxes in their fieldset, for a row's box in that row. Returns its text."""
    errors = form.xpath(f'.//*[@id="{field_id}_error"]')
    assert len(errors) == 1, f"no error for #{field_id}"
    error = errors[0]
    inputs = form.xpath(f'.//*[@id="{field_id}" or starts-with(@id, "{field_id}_")]')
    inputs = [el for el in inputs if el is not error]
    assert inputs, f"no input #{field_id}"
    for field in inputs:
        assert field.get("aria-describedby") == error.get("id")
        assert field.get("aria-invalid") == "true"
        near = [field.getparent(), field.getparent().getparent(), *field.iterancestors("tr")]
        assert error.getparent() in near or next(error.iterancestors("tr"), None) in near
    return error.text_content().strip()


def form_error(form) -> str:
    """The form's own error, at its top."""
    boxes = form.xpath('.//*[@role="alert"]')
    assert len(boxes) == 1
    return boxes[0].text_content().strip()


# --- the claim page: verdict ----------------------------------------------------------


def verdict_input(claim, **changes) -> dict:
    data = {
        "rating": "mostly_false",
        "headline": "The width is not agreed",
        "summary": "No document fixes a 40 km zone.",
        "rationale": RATIONALE,
        "sources": [s.pk for s in claim.sources.all()],
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_a_verdict_citing_no_source_comes_back_with_what_was_typed(
    checker_client, claim_in_review, settings
):
    settings.VERDICT_MIN_SOURCES = 1
    url = reverse("desk:verdict-propose", args=[claim_in_review.pk])
    response = checker_client.post(url, verdict_input(claim_in_review, sources=[]))
    assert response.status_code == 400
    form = form_in(response, "verdict-form")
    assert sent(form) == {
        "csrfmiddlewaretoken": sent(form)["csrfmiddlewaretoken"],
        "rating": ["mostly_false"],
        "headline": ["The width is not agreed"],
        "summary": ["No document fixes a 40 km zone."],
        "rationale": [RATIONALE],
    }  # and no box ticked: as sent
    assert error_beside(form, "id_sources") == "A verdict must cite at least 1 source link(s)."
    assert lands_on(response) == "id_sources_error"
    claim_in_review.refresh_from_db()
    assert claim_in_review.status == Claim.Status.IN_REVIEW


def test_a_verdict_the_form_finds_wrong_keeps_the_rest(checker_client, claim_in_review):
    url = reverse("desk:verdict-propose", args=[claim_in_review.pk])
    response = checker_client.post(url, verdict_input(claim_in_review, headline=""))
    assert response.status_code == 400
    form = form_in(response, "verdict-form")
    assert error_beside(form, "id_headline") == "This field is required."
    assert sent(form)["rationale"] == [RATIONALE]
    assert sent(form)["sources"] == [str(claim_in_review.sources.get().pk)]
    assert lands_on(response) == "id_headline_error"


def test_a_verdict_after_the_claim_was_taken_away_keeps_the_text(
    checker_client, claim_in_review, fact_checker, other_fact_checker, editor
):
    # The editor hands the claim to a colleague while the checker writes.
    claim_release(claim=claim_in_review, actor=editor)
    claim_assign(claim=claim_in_review, actor=editor, assignee=other_fact_checker)
    url = reverse("desk:verdict-propose", args=[claim_in_review.pk])
    response = checker_client.post(url, verdict_input(claim_in_review))
    assert response.status_code == 403
    form = form_in(response, "verdict-form")
    assert form_error(form) == "Only the reviewer assigned to this claim may propose its verdict."
    assert sent(form)["rationale"] == [RATIONALE]
    assert lands_on(response) == "verdict-form-errors"
    assert not Verdict.objects.filter(claim=claim_in_review).exists()


def test_a_verdict_success_still_redirects(checker_client, claim_in_review):
    url = reverse("desk:verdict-propose", args=[claim_in_review.pk])
    response = checker_client.post(url, verdict_input(claim_in_review))
    assert response.status_code == 302 and response["Location"] == reverse("desk:my-work")


# --- the claim page: sources, take, give back, withdraw, reopen, matches --------------


def test_a_refused_source_comes_back_beside_its_address(checker_client, claim_in_review):
    existing = claim_in_review.sources.get().url
    response = checker_client.post(
        reverse("desk:source-add", args=[claim_in_review.pk]),
        {"url": existing, "title": "Again", "kind": "data_set", "stance": "refutes"},
    )
    assert response.status_code == 400
    form = form_in(response, "source-form")
    values = sent(form)
    assert (values["url"], values["title"]) == ([existing], ["Again"])
    assert (values["kind"], values["stance"]) == (["data_set"], ["refutes"])
    assert error_beside(form, "id_url") == "This source is already attached to the claim."
    assert lands_on(response) == "id_url_error"
    assert claim_in_review.sources.count() == 1


def test_a_source_the_form_finds_wrong_comes_back(checker_client, claim_in_review):
    response = checker_client.post(
        reverse("desk:source-add", args=[claim_in_review.pk]),
        {"url": "not an address", "title": "Notes", "kind": "other", "stance": "context"},
    )
    assert response.status_code == 400
    form = form_in(response, "source-form")
    assert sent(form)["url"] == ["not an address"]
    assert error_beside(form, "id_url") == "Enter a valid URL."


def test_removing_a_source_already_removed_says_so_in_the_sources(checker_client, claim_in_review):
    source = claim_in_review.sources.get()
    claim_remove_source(source=source, actor=claim_in_review.assignee)
    response = checker_client.post(reverse("desk:source-remove", args=[source.pk]))
    assert response.status_code == 400
    sources = page_of(response).xpath('//section[@id="sources"]')[0]
    assert "This source was already removed." in sources.text_content()
    assert lands_on(response) == "source-remove-errors"


def test_taking_a_claim_a_colleague_took_first_says_so_at_the_button(
    checker_client, make_claim, editor, other_fact_checker
):
    claim = make_claim()
    claim_triage(claim=claim, actor=editor)
    claim_assign(claim=claim, actor=other_fact_checker, assignee=other_fact_checker)
    response = checker_client.post(reverse("desk:claim-take", args=[claim.pk]))
    assert response.status_code == 409
    actions = page_of(response).xpath('//div[@class="actions"]')[0]
    assert "Cannot assign a claim that is in review." in actions.text_content()
    assert lands_on(response) == "claim-action-errors"
    assert "with checker2" in response.content.decode()


def test_giving_back_a_claim_one_does_not_hold_is_refused_at_the_button(
    claim_in_review, other_fact_checker
):
    client = signed_in(other_fact_checker)
    response = client.post(reverse("desk:claim-release", args=[claim_in_review.pk]))
    assert response.status_code == 403
    actions = page_of(response).xpath('//div[@class="actions"]')[0]
    assert "You may not release this claim." in actions.text_content()
    assert lands_on(response) == "claim-action-errors"


def test_withdrawing_someone_elses_proposal_is_refused_in_the_verdict_panel(
    editor_client, make_claim, fact_checker, editor
):
    claim = bring_to("pending_approval", make_claim=make_claim, checker=fact_checker, editor=editor)
    response = editor_client.post(reverse("desk:verdict-withdraw", args=[claim.verdicts.get().pk]))
    assert response.status_code == 403
    panel = page_of(response).xpath('//section[@id="verdict"]')[0]
    assert "Only the author may withdraw a proposal." in panel.text_content()
    assert lands_on(response) == "withdraw-errors"


def test_reopening_without_a_note_is_refused_beside_the_note(
    editor_client, make_claim, fact_checker, editor
):
    claim = bring_to("published", make_claim=make_claim, checker=fact_checker, editor=editor)
    response = editor_client.post(reverse("desk:claim-reopen", args=[claim.pk]), {"note": "  "})
    assert response.status_code == 400
    form = form_in(response, "reopen-form")
    assert error_beside(form, "reopen-note") == "A note is required to reopen a claim."
    assert lands_on(response) == "reopen-note_error"
    claim.refresh_from_db()
    assert claim.status == Claim.Status.PUBLISHED


def test_reopening_a_claim_a_colleague_reopened_keeps_the_note(
    editor_client, make_claim, fact_checker, editor, other_editor
):
    claim = bring_to("published", make_claim=make_claim, checker=fact_checker, editor=editor)
    claim_reopen(claim=claim, actor=other_editor, note="A reader wrote in.")
    response = editor_client.post(
        reverse("desk:claim-reopen", args=[claim.pk]), {"note": "New census figures."}
    )
    assert response.status_code == 409
    form = form_in(response, "reopen-form")  # shown though the claim is no longer published
    assert sent(form)["note"] == ["New census figures."]
    assert form_error(form) == "Cannot reopen a claim that is queued."
    assert lands_on(response) == "reopen-form-errors"


KNOWN = "An armed truce has been in place on the Korean Peninsula for more than 70 years."
LIKELY = (
    "An armed truce has held on the Korean Peninsula for more than seventy years, officials said."
)


@pytest.mark.parametrize("name", ["desk:match-confirm", "desk:match-reject"])
def test_deciding_a_match_already_decided_says_so_on_the_page_it_came_from(
    editor_client, make_claim, editor, name
):
    known = make_claim(KNOWN)
    other = Article.objects.create(url="https://b.example.org/", content_hash="2" * 64)
    make_claim(LIKELY, article=other)
    link = ClaimLink.objects.get(matched=known)
    claim_link_reject(link=link, actor=editor)
    # From the known claim's page: the answer is that page, not the other claim's.
    response = editor_client.post(reverse(name, args=[link.pk]), {"on": known.pk})
    assert response.status_code == 409
    shown = page_of(response)
    assert shown.xpath('//article[@class="review"]')[0].get("data-claim") == str(known.pk)
    assert "already rejected" in shown.xpath('//*[@id="match-errors"]')[0].text_content()
    assert lands_on(response) == "match-errors"
    assert ClaimLink.objects.get(pk=link.pk).state == ClaimLink.State.REJECTED


# --- the inbox ----------------------------------------------------------------------------


def test_requesting_changes_without_a_note_is_refused_beside_the_note(
    editor_client, make_claim, fact_checker, editor
):
    claim = bring_to("pending_approval", make_claim=make_claim, checker=fact_checker, editor=editor)
    verdict = claim.verdicts.get()
    response = editor_client.post(reverse("desk:verdict-changes", args=[verdict.pk]), {"note": " "})
    assert response.status_code == 400
    form = form_in(response, f"changes-{verdict.pk}")
    assert error_beside(form, f"changes-note-{verdict.pk}") == (
        "A note is required to request changes."
    )
    assert lands_on(response) == f"changes-note-{verdict.pk}_error"


def test_approving_ones_own_verdict_keeps_the_note_and_says_why(editor_client, editor, make_claim):
    claim = bring_to("pending_approval", make_claim=make_claim, checker=editor, editor=editor)
    verdict = claim.verdicts.get()
    response = editor_client.post(
        reverse("desk:verdict-approve", args=[verdict.pk]), {"note": "Looks right to me."}
    )
    assert response.status_code == 403
    card = page_of(response).xpath(f'//li[@id="verdict-{verdict.pk}"]')[0]
    assert "You cannot approve your own verdict." in card.text_content()
    assert lands_on(response) == "decide-errors"
    verdict.refresh_from_db()
    assert verdict.state == Verdict.State.PROPOSED


def test_a_decision_a_colleague_made_first_keeps_the_card_and_the_note(
    editor_client, make_claim, fact_checker, editor, other_editor
):
    claim = bring_to("pending_approval", make_claim=make_claim, checker=fact_checker, editor=editor)
    verdict = claim.verdicts.get()
    verdict_approve(verdict=verdict, actor=other_editor)
    response = editor_client.post(
        reverse("desk:verdict-changes", args=[verdict.pk]), {"note": "Quote the treaty itself."}
    )
    assert response.status_code == 409
    form = form_in(response, f"changes-{verdict.pk}")
    assert sent(form)["note"] == ["Quote the treaty itself."]
    assert form_error(form) == "Cannot request changes a claim that is published."
    assert "Approved by editor2" in " ".join(
        page_of(response).xpath(f'//li[@id="verdict-{verdict.pk}"]')[0].text_content().split()
    )
    assert lands_on(response) == "decide-errors"


# --- triage -------------------------------------------------------------------------------


def test_triage_refused_keeps_the_ticks_and_the_action(checker_client, make_claim):
    a, b, c = make_claim(), make_claim(), make_claim()
    response = checker_client.post(
        reverse("desk:triage"),
        {"claims": [a.pk, c.pk], "action": "dismiss", "reason": "", "filters": "", "page": "1"},
    )
    assert response.status_code == 400
    form = form_in(response, "bulk-form")
    values = sent(form)
    assert values["claims"] == [str(a.pk), str(c.pk)]  # b stays unticked
    assert values["action"] == ["dismiss"]
    assert error_beside(form, "id_reason") == "A reason is required to dismiss claims."
    assert lands_on(response) == "id_reason_error"
    assert {x.status for x in Claim.objects.filter(pk__in=[a.pk, b.pk, c.pk])} == {"candidate"}


def test_triage_with_nothing_ticked_keeps_the_action(checker_client, make_claim):
    make_claim()
    response = checker_client.post(
        reverse("desk:triage"), {"action": "merge", "canonical": "7", "filters": ""}
    )
    assert response.status_code == 400
    form = form_in(response, "bulk-form")
    assert (sent(form)["action"], sent(form)["canonical"]) == (["merge"], ["7"])
    errors = form.xpath('.//*[@id="id_claims_error"]')
    assert errors[0].text_content() == "Tick at least one claim."
    assert lands_on(response) == "id_claims_error"


def test_triage_partly_refused_marks_each_refused_claim(checker_client, make_claim):
    canonical, dup, other = make_claim(), make_claim(), make_claim()
    response = checker_client.post(
        reverse("desk:triage"),
        {"claims": [dup.pk, canonical.pk], "action": "merge", "canonical": canonical.pk},
    )
    assert response.status_code == 400
    assert "1 claim(s) done." in response.content.decode()
    form = form_in(response, "bulk-form")
    assert sent(form)["claims"] == [str(canonical.pk)]  # the merged one left the list
    assert sent(form)["action"] == ["merge"]
    assert error_beside(form, f"pick-{canonical.pk}") == "A claim cannot be a duplicate of itself."
    assert lands_on(response) == f"pick-{canonical.pk}_error"
    assert not form.xpath(f'.//*[@id="pick-{other.pk}_error"]')


def test_triage_a_claim_gone_from_the_list_is_named_at_the_top(checker_client, make_claim, editor):
    gone, here = make_claim(), make_claim()
    claim_triage(claim=gone, actor=editor)  # a colleague queued it meanwhile
    response = checker_client.post(
        reverse("desk:triage"),
        {"claims": [gone.pk, here.pk], "action": "dismiss", "reason": "Opinion."},
    )
    assert response.status_code == 409
    form = form_in(response, "bulk-form")
    assert form_error(form) == f"Claim {gone.pk}: Cannot dismiss a claim that is queued."
    assert lands_on(response) == "bulk-form-errors"
    here.refresh_from_db()
    assert here.status == Claim.Status.DISMISSED


def test_triage_refused_on_a_later_page_shows_that_page(checker_client, make_claim):
    claims = [make_claim(checkworthiness=1 - n / 100) for n in range(52)]
    last = claims[-1]
    response = checker_client.post(
        reverse("desk:triage"), {"claims": [last.pk], "action": "dismiss", "page": "2"}
    )
    assert response.status_code == 400
    assert sent(form_in(response, "bulk-form"))["claims"] == [str(last.pk)]


def test_triage_success_still_redirects_to_the_filtered_list(checker_client, make_claim):
    claim = make_claim()
    response = checker_client.post(
        reverse("desk:triage"),
        {"claims": [claim.pk], "action": "dismiss", "reason": "Opinion.", "filters": "q=x"},
    )
    assert response.status_code == 302 and response["Location"] == reverse("desk:triage") + "?q=x"


# --- my work and submit -----------------------------------------------------------------


def test_taking_from_a_queue_one_is_not_in_is_refused_at_the_top(checker_client, fact_checker):
    from reviewers.models import ReviewQueue

    ReviewQueue.objects.create(name="Economy", slug="economy")
    response = checker_client.post(reverse("desk:take-next"), {"queue": "economy"})
    assert response.status_code == 403
    section = page_of(response).xpath('//section[@aria-labelledby="take-heading"]')[0]
    assert "You are not a member of the queue Economy." in section.text_content()
    assert lands_on(response) == "take-next-errors"


def test_a_refused_address_comes_back_beside_it(checker_client):
    response = checker_client.post(
        reverse("desk:submit"), {"url": "http://169.254.169.254/latest", "title": "Metadata"}
    )
    assert response.status_code == 400
    form = form_in(response, "submit-form")
    assert sent(form)["url"] == ["http://169.254.169.254/latest"]
    assert sent(form)["title"] == ["Metadata"]
    assert error_beside(form, "id_url")
    assert lands_on(response) == "id_url_error"
    assert not Article.objects.exists()


def test_an_internal_host_name_is_refused_like_a_missing_one(
    checker_client, settings, django_capture_on_commit_callbacks
):
    settings.INGEST_ALLOW_LOOPBACK = False
    errors = []
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        for url in ("http://localhost/admin", "http://nonexistent.invalid/admin"):
            response = checker_client.post(reverse("desk:submit"), {"url": url})
            assert response.status_code == 400
            form = form_in(response, "submit-form")
            assert sent(form)["url"] == [url]
            errors.append(error_beside(form, "id_url"))
    assert errors == [ADDRESS_REFUSED, ADDRESS_REFUSED]
    assert callbacks == []
    assert not Article.objects.exists()


def test_refused_pasted_text_comes_back_beside_it(checker_client, settings):
    settings.INGEST_MAX_BYTES = 40
    text = "The council met on Monday and approved the budget for the trams."
    response = checker_client.post(reverse("desk:submit"), {"text": text, "title": "Council"})
    assert response.status_code == 400
    form = form_in(response, "submit-form")
    assert sent(form)["text"] == [text]
    assert error_beside(form, "id_text")
    assert lands_on(response) == "id_text_error"


def test_submitting_two_inputs_is_refused_at_the_top(checker_client):
    response = checker_client.post(
        reverse("desk:submit"), {"url": "https://news.example.org/a", "text": "Some text."}
    )
    assert response.status_code == 400
    form = form_in(response, "submit-form")
    assert sent(form)["url"] == ["https://news.example.org/a"]
    assert sent(form)["text"] == ["Some text."]
    assert form_error(form).startswith("Give exactly one of")
    assert lands_on(response) == "submit-form-errors"
