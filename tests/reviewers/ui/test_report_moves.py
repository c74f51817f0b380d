"""The claim's desk page acts on its anonymous report: it shows the report's state, since
when, its evidence and history, and the forms of the moves the ledger allows now, only to
whoever keeps the ledger. A refused move comes back with its error and what was typed."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from claims.claimants.ledger import report_corroborate, report_withdraw
from claims.models import AnonymousReport, Claim, WebhookDelivery
from claims.webhooks import webhook_subscribe
from claims.workflow import claim_assign, claim_triage, verdict_approve
from tests.claims.helpers import bring_to, propose
from tests.claims.ledger_helpers import CONFIRMED, REPORTED, other_article
from tests.conftest import make_user
from tests.reviewers.ui.conftest import signed_in
from tests.reviewers.ui.test_refused_forms import error_beside, form_error, form_in, lands_on, sent

MOVE_FORMS = ["report-corroborate-form", "report-contradict-form", "report-withdraw-form"]


@pytest.fixture
def report(make_claim) -> Claim:
    return make_claim(
        f"According to EU sources, {REPORTED}",
        claim_text=REPORTED,
        claimant="EU sources",
        sourcing="anonymous",
    )


@pytest.fixture
def confirming(make_claim, report) -> Claim:
    """A named claim from a later article that the matcher linked to the report."""
    return make_claim(
        f"Mark Rutte said {CONFIRMED}",
        claim_text=CONFIRMED,
        claimant="Mark Rutte",
        sourcing="named",
        article=other_article("rutte"),
    )


def page(client, claim: Claim):
    response = client.get(reverse("desk:claim", args=[claim.pk]))
    assert response.status_code == 200
    return response


def forms_on(response) -> list[str]:
    html = response.content.decode()
    return [f for f in [*MOVE_FORMS, "report-reopen-form"] if f'id="{f}"' in html]


def post(client, claim: Claim, move: str, data: dict):
    return client.post(reverse(f"desk:report-{move}", args=[claim.pk]), data)


def state_of(claim: Claim) -> AnonymousReport:
    return AnonymousReport.objects.get(claim=claim)


def test_an_open_report_offers_the_moves_its_state_allows(checker_client, report, confirming):
    response = page(checker_client, report)
    assert forms_on(response) == MOVE_FORMS
    assert "Anonymous report" in response.content.decode()
    corroborate = form_in(response, "report-corroborate-form")
    # The matched named claim is offered as evidence; the report itself is not.
    offered = corroborate.xpath('.//select[@name="evidence"]/option/@value')
    assert offered == ["", str(confirming.pk)]


def test_a_claim_that_is_no_report_has_no_panel(checker_client, confirming):
    response = page(checker_client, confirming)
    assert response.context["report_panel"] is None
    assert forms_on(response) == []


def test_someone_on_the_desk_who_does_not_triage_sees_the_state_but_no_forms(report):
    reader = make_user("reader")
    reader.user_permissions.add(Permission.objects.get(codename="review_claim"))
    client = signed_in(reader)
    response = page(client, report)
    assert "Open" in response.content.decode()
    assert forms_on(response) == []
    refused = post(client, report, "withdraw", {"note": "Corrected."})
    assert refused.status_code == 403
    assert state_of(report).state == "open"


def test_corroborating_with_a_matched_claim_from_the_page(
    editor_client, editor, report, confirming, admin_user, django_capture_on_commit_callbacks
):
    webhook_subscribe(
        actor=admin_user, url="https://hooks.example.com/in", events=["claim.corroboration"]
    )
    claim_triage(claim=report, actor=editor)  # public: the webhook has something to say
    with django_capture_on_commit_callbacks(execute=False):
        response = post(
            editor_client, report, "corroborate", {"evidence": confirming.pk, "note": ""}
        )
    assert response.status_code == 302
    assert response["Location"] == reverse("desk:claim", args=[report.pk]) + "#report"
    found = state_of(report)
    assert (found.state, found.evidence_claim_id) == ("corroborated", confirming.pk)
    assert report.events.get(kind="report_corroborated").actor == editor
    delivery = WebhookDelivery.objects.get()
    assert delivery.payload["data"]["claim"]["corroboration"]["state"] == "corroborated"
    # The page now shows the evidence and the history, and offers only to reopen.
    shown = page(editor_client, report)
    html = shown.content.decode()
    assert f"#{confirming.pk}</a> Mark Rutte" in html
    assert forms_on(shown) == ["report-reopen-form"]
    assert [e.kind for e in shown.context["report_panel"]["history"]] == [
        "report_suggested",
        "report_corroborated",
    ]


def test_contradicting_with_a_published_verdict(
    editor_client, editor, fact_checker, make_claim, report
):
    rated = bring_to("published", make_claim=make_claim, checker=fact_checker, editor=editor)
    verdict = rated.published_verdict
    response = post(editor_client, report, "contradict", {"verdict": verdict.pk, "note": ""})
    assert response.status_code == 302
    found = state_of(report)
    assert (found.state, found.evidence_verdict_id) == ("contradicted", verdict.pk)
    assert verdict.headline in page(editor_client, report).content.decode()


def test_withdrawing_then_reopening_each_need_a_note(editor_client, report):
    refused = post(editor_client, report, "withdraw", {"note": "  "})
    assert refused.status_code == 400
    form = form_in(refused, "report-withdraw-form")
    assert error_beside(form, "report-withdraw-note") == "Say why the report is withdrawn."
    assert lands_on(refused) == "report-withdraw-note_error"
    assert state_of(report).state == "open"

    assert post(editor_client, report, "withdraw", {"note": "Correction of 3 March."}).status_code
    assert state_of(report).state == "withdrawn"
    refused = post(editor_client, report, "reopen", {"note": ""})
    assert refused.status_code == 400
    assert error_beside(form_in(refused, "report-reopen-form"), "report-reopen-note")
    response = post(editor_client, report, "reopen", {"note": "The correction was elsewhere."})
    assert response.status_code == 302
    assert state_of(report).state == "open"


def test_corroborating_without_evidence_or_note_is_refused_keeping_the_choice(
    editor_client, report, confirming
):
    # An anonymous claim is no evidence: the service's refusal sits beside the choice.
    other_report = post(editor_client, report, "corroborate", {"evidence": report.pk})
    assert other_report.status_code == 400
    form = form_in(other_report, "report-corroborate-form")
    assert error_beside(form, "report-corroborate-evidence") == (
        "A report is no evidence about itself."
    )
    refused = post(editor_client, report, "corroborate", {"evidence": "", "note": ""})
    assert refused.status_code == 400
    form = form_in(refused, "report-corroborate-form")
    assert error_beside(form, "report-corroborate-note") == "Say why the report is corroborated."
    assert state_of(report).state == "open"


def test_a_colleague_moved_it_first_the_form_comes_back_with_what_was_typed(
    editor_client, editor, report
):
    page(editor_client, report)
    report_withdraw(claim=report, actor=editor, note="Corrected by the outlet.")
    typed = "The Council's statement of 4 March says so."
    refused = post(editor_client, report, "corroborate", {"note": typed})
    assert refused.status_code == 409
    form = form_in(refused, "report-corroborate-form")
    assert form_error(form) == "Cannot corroborate a report that is withdrawn by the outlet."
    assert sent(form)["note"] == [typed]
    assert lands_on(refused) == "report-corroborate-errors"
    assert state_of(report).state == "withdrawn"
    # The other moves are those the state allows now.
    assert "report-reopen-form" in forms_on(refused)
    assert "report-withdraw-form" not in forms_on(refused)


def test_an_illegal_move_is_refused(editor_client, editor, report):
    report_corroborate(claim=report, actor=editor, note="The Council's statement.")
    refused = post(editor_client, report, "withdraw", {"note": "Corrected."})
    assert refused.status_code == 409
    assert form_error(form_in(refused, "report-withdraw-form")).startswith("Cannot withdraw")
    assert state_of(report).state == "corroborated"


def test_corroborating_with_a_document_cited_as_its_source(editor_client, editor, report):
    claim_triage(claim=report, actor=editor)
    add = reverse("desk:source-add", args=[report.pk])
    for kind, stance in [("official_statement", "supports"), ("news_report", "supports")]:
        editor_client.post(
            add,
            {
                "url": f"https://consilium.example.eu/{kind}",
                "title": f"Council {kind}",
                "kind": kind,
                "stance": stance,
            },
        )
    statement, news = report.sources.order_by("id")
    # The document is offered; the news report is no document.
    form = form_in(page(editor_client, report), "report-corroborate-form")
    assert form.xpath('.//select[@name="source"]/option/@value') == ["", str(statement.pk)]
    # Posted anyway, the news report is refused beside the choice, which is kept.
    refused = post(editor_client, report, "corroborate", {"source": news.pk})
    assert refused.status_code == 400
    form = form_in(refused, "report-corroborate-form")
    assert error_beside(form, "report-corroborate-source").startswith(
        "A source of the kind “News report” is no document"
    )
    assert sent(form)["source"] == [str(news.pk)]
    response = post(editor_client, report, "corroborate", {"source": statement.pk})
    assert response.status_code == 302
    assert state_of(report).evidence_source == statement
    html = page(editor_client, report).content.decode()
    assert 'href="https://consilium.example.eu/official_statement"' in html
    assert "Evidence: a document cited as its source" in html


def test_a_matched_claims_published_verdict_is_offered_as_a_contradiction(
    editor_client, editor, fact_checker, make_claim
):
    rated = make_claim(
        f"Mark Rutte said {CONFIRMED}",
        claim_text=CONFIRMED,
        claimant="Mark Rutte",
        sourcing="named",
        article=other_article("rated"),
    )
    claim_triage(claim=rated, actor=editor)
    claim_assign(claim=rated, actor=fact_checker, assignee=fact_checker)
    verdict_approve(verdict=propose(rated, fact_checker, rating="false"), actor=editor)
    rated.refresh_from_db()
    later = make_claim(
        f"According to EU sources, {REPORTED}",
        claim_text=REPORTED,
        claimant="EU sources",
        sourcing="anonymous",
    )
    form = form_in(page(editor_client, later), "report-contradict-form")
    options = form.xpath('.//select[@name="verdict"]/option')
    assert [o.get("value") for o in options] == ["", str(rated.published_verdict_id)]
    assert options[1].text_content().startswith(f"False on claim #{rated.pk}: ")
