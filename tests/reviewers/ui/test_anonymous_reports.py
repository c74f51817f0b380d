"""The desk's "Anonymous reports" page: the ledger's waiting reports, suggested
corroborations first, filtered by outlet; accept or reject a suggestion from its row. And
its selector, in a fixed number of queries."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from claims import permissions
from claims.claimants.ledger import report_withdraw
from claims.claimants.services import claimant_link_claim
from claims.models import AnonymousReport, Article, Claim, CorroborationSuggestion
from claims.workflow import ActionNotPermitted, claim_triage
from reviewers import selectors
from reviewers.selectors import ReportFilters
from tests.claims.ledger_helpers import CONFIRMED, REPORTED, other_article

URL = reverse("desk:anonymous-reports")


@pytest.fixture
def elsewhere(db) -> Article:
    return other_article("report", title="Another report")


@pytest.fixture
def reports(make_claim, elsewhere):
    """Three reports: an old one, a younger one that a later named claim confirms, and one
    printed by another outlet."""
    old = make_claim("Diplomats say the zone would be 40 kilometres wide.", sourcing="anonymous")
    AnonymousReport.objects.filter(claim=old).update(opened_at=timezone.now() - timedelta(days=20))
    confirmed = make_claim(
        f"According to EU sources, {REPORTED}",
        claim_text=REPORTED,
        claimant="EU sources",
        sourcing="anonymous",
    )
    other = make_claim(
        "Officials who asked not to be named said talks would resume in May.",
        sourcing="anonymous",
        article=elsewhere,
    )
    named = make_claim(
        f"Mark Rutte said {CONFIRMED}",
        claim_text=CONFIRMED,
        claimant="Mark Rutte",
        sourcing="named",
        article=elsewhere,
    )
    suggestion = CorroborationSuggestion.objects.get()
    assert (suggestion.report_id, suggestion.claim) == (confirmed.pk, named)
    return old, confirmed, other, suggestion


def listed(response) -> list[int]:
    return [report.pk for report in response.context["page"].object_list]


def test_suggested_corroborations_come_first_then_the_oldest(checker_client, reports):
    old, confirmed, other, _ = reports
    response = checker_client.get(URL)
    assert response.status_code == 200
    assert listed(response) == [confirmed.pk, old.pk, other.pk]
    html = response.content.decode()
    assert "Mark Rutte confirmed on " in html
    assert reverse("desk:report-suggestion-accept", args=[reports[3].pk]) in html
    assert reverse("desk:report-suggestion-reject", args=[reports[3].pk]) in html


def test_the_page_filters_by_outlet_and_state(checker_client, reports, editor):
    old, confirmed, other, _ = reports
    assert listed(checker_client.get(URL, {"outlet": "other daily"})) == [other.pk]
    assert listed(checker_client.get(URL, {"outlet": "Example News"})) == [confirmed.pk, old.pk]
    report_withdraw(claim=old, actor=editor, note="Corrected.")
    assert old.pk not in listed(checker_client.get(URL))
    assert listed(checker_client.get(URL, {"state": "withdrawn"})) == [old.pk]
    # The outlets the page offers.
    assert checker_client.get(URL).context["outlets"] == ["Example News", "Other Daily"]


def test_the_page_filters_by_description_and_by_queue_in_its_address(
    checker_client, reports, make_claim, editor, general_queue
):
    old, confirmed, other, _ = reports
    # A second "EU sources" report, worded otherwise: the same description.
    again = make_claim(
        "An EU source said the monitors would be unarmed.",
        claimant="an EU source",
        sourcing="anonymous",
    )
    for claim in (old, confirmed, other, again):
        claimant_link_claim(claim=Claim.objects.get(pk=claim.pk))
    eu = Claim.objects.get(pk=confirmed.pk).claimant_ref
    assert eu.kind == "anonymous" and Claim.objects.get(pk=again.pk).claimant_ref == eu
    response = checker_client.get(URL, {"claimant": eu.pk})
    assert listed(response) == [confirmed.pk, again.pk]
    # The description's choices are the anonymous claimants with reports; the chosen one
    # stays selected in the form, and the pager's address keeps it.
    html = response.content.decode()
    assert f'<option value="{eu.pk}" selected>EU sources</option>' in html
    assert response.context["query"] == f"claimant={eu.pk}"
    # Topic: the review queue routing sent the report to; none before it is queued.
    claim_triage(claim=old, actor=editor)
    queued = checker_client.get(URL, {"queue": general_queue.slug})
    assert listed(queued) == [old.pk]
    assert f'<option value="{general_queue.slug}" selected>' in queued.content.decode()
    assert old.pk not in listed(checker_client.get(URL, {"queue": "none"}))
    both = checker_client.get(URL, {"claimant": eu.pk, "queue": "none"})
    assert listed(both) == [confirmed.pk, again.pk]
    # An address that is not a filter lists every waiting report.
    assert len(listed(checker_client.get(URL, {"claimant": "EU"}))) == 4


def test_accepting_a_suggestion_corroborates_the_report(editor_client, reports, editor):
    _, confirmed, _, suggestion = reports
    response = editor_client.post(
        reverse("desk:report-suggestion-accept", args=[suggestion.pk]),
        {"filters": "outlet=Example+News"},
    )
    assert response.status_code == 302
    assert response["Location"] == f"{URL}?outlet=Example+News"
    report = AnonymousReport.objects.get(claim=confirmed)
    assert (report.state, report.evidence_claim_id) == ("corroborated", suggestion.claim_id)
    event = confirmed.events.get(kind="report_corroborated")
    assert event.actor == editor
    # A corroborated report leaves the waiting list.
    assert confirmed.pk not in listed(editor_client.get(URL))


def test_rejecting_a_suggestion_keeps_the_report_waiting(checker_client, reports):
    _, confirmed, _, suggestion = reports
    response = checker_client.post(
        reverse("desk:report-suggestion-reject", args=[suggestion.pk]),
        {f"s{suggestion.pk}-note": "Another zone."},
    )
    assert response.status_code == 302
    suggestion.refresh_from_db()
    assert suggestion.state == "rejected"
    assert confirmed.events.get(kind="suggestion_rejected").note == "Another zone."
    assert AnonymousReport.objects.get(claim=confirmed).state == "open"


def test_a_refused_answer_is_shown_on_the_page(editor_client, reports, editor):
    _, confirmed, _, suggestion = reports
    report_withdraw(claim=confirmed, actor=editor, note="Corrected by the outlet.")
    response = editor_client.post(
        reverse("desk:report-suggestion-accept", args=[suggestion.pk]),
        {"filters": "state=withdrawn"},
    )
    assert response.status_code == 409
    assert "Cannot corroborate a report that is withdrawn" in response.content.decode()
    assert AnonymousReport.objects.get(claim=confirmed).state == "withdrawn"


def test_a_suggested_contradiction_is_shown_and_accepted_from_its_row(
    editor_client, reports, make_claim, elsewhere
):
    _, confirmed, _, _ = reports
    denial = make_claim(
        "NATO Secretary General Mark Rutte said the European Union will not send 5,000 troops "
        "to a buffer zone in western Ukraine.",
        claim_text=REPORTED.replace("will send", "will not send"),
        claimant="Mark Rutte",
        sourcing="named",
        article=elsewhere,
    )
    contradiction = CorroborationSuggestion.objects.get(claim=denial)
    assert (contradiction.report_id, contradiction.kind) == (confirmed.pk, "contradiction")
    html = editor_client.get(URL).content.decode()
    row = html[html.index(f'id="suggestion-{contradiction.pk}"') :]
    assert "Contradiction</span> <strong>Mark Rutte said otherwise on " in row
    assert f"report {confirmed.pk} is contradicted" in row[: row.index("</form>")]
    response = editor_client.post(
        reverse("desk:report-suggestion-accept", args=[contradiction.pk]), follow=True
    )
    assert f"Report #{confirmed.pk} contradicted." in response.content.decode()
    report = AnonymousReport.objects.get(claim=confirmed)
    assert (report.state, report.evidence_claim_id) == ("contradicted", denial.pk)
    # The report's other suggestion, a corroboration, was closed with it.
    assert CorroborationSuggestion.objects.get(pk=reports[3].pk).state == "rejected"


def test_the_wrong_role_is_refused(client, consumer_client, reports):
    suggestion = reports[3]
    assert consumer_client.get(URL).status_code == 403
    accept = reverse("desk:report-suggestion-accept", args=[suggestion.pk])
    assert consumer_client.post(accept).status_code == 403
    assert client.get(URL).status_code == 302  # to sign in
    suggestion.refresh_from_db()
    assert suggestion.state == "suggested"


def test_the_figures_count_each_outlets_reports_by_state(checker_client, reports, editor):
    old = reports[0]
    report_withdraw(claim=old, actor=editor, note="Corrected.")
    figures = {f.outlet: f for f in checker_client.get(URL).context["figures"]}
    assert figures["Example News"].counts == {"open": 1, "withdrawn": 1}
    assert figures["Example News"].in_order == [1, 0, 0, 1, 0]
    assert (figures["Other Daily"].counts, figures["Other Daily"].total) == ({"open": 1}, 1)
    assert 'id="report-figures"' in checker_client.get(URL).content.decode()


def test_the_page_reads_in_seven_queries_whatever_its_size(
    fact_checker, reports, make_claim, django_assert_num_queries
):
    viewer = fact_checker
    assert permissions.can_review(viewer)  # the door reads the permissions first

    def read():
        # The count; the page's reports with their claims and articles (one join); the
        # suggestions waiting on them with their claims and articles; the outlets; the
        # figures per outlet and state; the descriptions and the queues to filter by.
        with django_assert_num_queries(7):
            return selectors.anonymous_reports_page(viewer=viewer, filters=ReportFilters())

    page = read()
    assert len(page.page.object_list) == 3 and len(page.suggestions) == 1
    for n in range(5):
        make_claim(f"Sources say {n} more posts would be built.", sourcing="anonymous")
    assert len(read().page.object_list) == 8


def test_the_selector_is_for_the_desk(consumer):
    with pytest.raises(ActionNotPermitted):
        selectors.anonymous_reports_page(viewer=consumer)
