"""The ledger of anonymous reports: each transition and its history row, the table walked,
the stale sweep, and the corroborations the matcher suggests."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from claims.claimants import ledger
from claims.claimants.ledger import (
    TRANSITIONS,
    ReportAction,
    mark_stale_reports,
    report_contradict,
    report_corroborate,
    report_reopen,
    report_suggestion_accept,
    report_suggestion_reject,
    report_withdraw,
)
from claims.models import (
    AnonymousReport,
    Claim,
    ClaimEvent,
    CorroborationSuggestion,
    WebhookDelivery,
    WebhookEvent,
)
from claims.tasks import mark_stale_reports_task
from claims.webhooks import webhook_subscribe
from claims.workflow import (
    ActionNotPermitted,
    IllegalTransition,
    InvalidInput,
    UnknownReference,
    claim_add_source,
    claim_remove_source,
    claim_triage,
)
from tests.claims.helpers import bring_to
from tests.claims.ledger_helpers import CONFIRMED, REPORTED

R = AnonymousReport.State


def state_of(claim: Claim) -> AnonymousReport:
    return AnonymousReport.objects.get(claim=claim)


def last_event(claim: Claim) -> ClaimEvent:
    return ClaimEvent.objects.filter(claim=claim).order_by("-created_at", "-id").first()


def to_state(claim: Claim, state: str, editor) -> None:
    """Drive a report to ``state`` through the services."""
    if state == R.OPEN:
        return
    if state == R.CORROBORATED:
        report_corroborate(claim=claim, actor=editor, note="The Council's statement says so.")
    elif state == R.CONTRADICTED:
        report_contradict(claim=claim, actor=editor, note="The minister denied it on the record.")
    elif state == R.WITHDRAWN:
        report_withdraw(claim=claim, actor=editor, note="Correction of 3 March.")
    elif state == R.STALE:
        AnonymousReport.objects.filter(claim=claim).update(
            since=timezone.now() - timedelta(days=31)
        )
        assert mark_stale_reports() == 1
    assert state_of(claim).state == state


# --- opening ---------------------------------------------------------------------------


def test_an_anonymous_claim_opens_its_report_and_no_other_claim_does(report, make_claim):
    opened = state_of(report)
    assert (opened.state, opened.since, opened.opened_at) == (
        R.OPEN,
        report.created_at,
        report.created_at,
    )
    assert (opened.evidence_claim, opened.evidence_verdict) == (None, None)
    make_claim(claimant="Mark Rutte", sourcing="named")
    make_claim()
    assert AnonymousReport.objects.count() == 1
    # Opening is no change: the claim's history has its "created" event only.
    assert list(report.events.values_list("kind", flat=True)) == ["created"]


# --- each transition and its history row ------------------------------------------------


def test_corroborating_with_a_later_claim_records_the_evidence_and_the_event(report, named, editor):
    evidence = named("Unrelated words about a different matter entirely.")
    before = Claim.objects.get(pk=report.pk).updated_at
    result = report_corroborate(claim=report, actor=editor, evidence=evidence)
    assert (result.state, result.evidence_claim) == (R.CORROBORATED, evidence)
    assert Claim.objects.get(pk=report.pk).updated_at > before  # the change feed moves
    event = last_event(report)
    assert (event.kind, event.actor, event.note) == ("report_corroborated", editor, "")
    assert event.data == {"from": "open", "to": "corroborated", "evidence_claim": evidence.pk}
    # The claim's workflow status is not the ledger's business.
    assert (event.from_status, event.to_status) == ("", "")


def document(claim: Claim, actor, *, kind: str = "primary_document", stance: str = "supports"):
    """A source on the claim, queued first (sources are added to claims being checked)."""
    if Claim.objects.get(pk=claim.pk).status == Claim.Status.CANDIDATE:
        claim_triage(claim=claim, actor=actor)
    return claim_add_source(
        claim=claim,
        actor=actor,
        url=f"https://consilium.example.eu/press/{kind}/{stance}",
        title="Council conclusions on the buffer zone",
        kind=kind,
        stance=stance,
    )


def test_a_document_cited_as_the_claims_source_corroborates_it(report, editor):
    source = document(report, editor, kind="official_statement")
    result = report_corroborate(claim=report, actor=editor, source=source)
    assert (result.state, result.evidence_source, result.evidence_claim) == (
        R.CORROBORATED,
        source,
        None,
    )
    event = last_event(report)
    assert (event.kind, event.note) == ("report_corroborated", "")
    assert event.data == {
        "from": "open",
        "to": "corroborated",
        "evidence_source": source.pk,
        "url": source.url,
    }
    # Reopening clears it (the history keeps it).
    report_reopen(claim=report, actor=editor, note="The statement was about another zone.")
    assert state_of(report).evidence_source is None


@pytest.mark.parametrize(
    ("kind", "stance", "message"),
    [
        ("news_report", "supports", "A source of the kind “News report” is no document"),
        ("expert", "supports", "A source of the kind “Expert” is no document"),
        ("data_set", "refutes", "This source refutes the claim"),
    ],
)
def test_a_source_that_is_no_document_or_refutes_corroborates_nothing(
    report, editor, kind, stance, message
):
    source = document(report, editor, kind=kind, stance=stance)
    with pytest.raises(InvalidInput) as refused:
        report_corroborate(claim=report, actor=editor, source=source)
    assert refused.value.field == "source"
    assert str(refused.value.message).startswith(message)
    assert state_of(report).state == R.OPEN


def test_the_source_is_this_claims_and_still_on_its_list(report, named, editor, fact_checker):
    elsewhere = named()
    theirs = document(elsewhere, editor)
    with pytest.raises(UnknownReference, match="not among this claim's sources"):
        report_corroborate(claim=report, actor=editor, source=theirs)
    removed = document(report, editor)
    claim_remove_source(source=removed, actor=editor)
    with pytest.raises(UnknownReference, match="not among this claim's sources"):
        report_corroborate(claim=report, actor=editor, source=removed)
    assert state_of(report).state == R.OPEN


def test_contradicting_with_a_published_verdict(report, make_claim, fact_checker, editor):
    checked = bring_to("published", make_claim=make_claim, checker=fact_checker, editor=editor)
    verdict = checked.published_verdict
    result = report_contradict(claim=report, actor=editor, verdict=verdict)
    assert (result.state, result.evidence_verdict, result.evidence_claim) == (
        R.CONTRADICTED,
        verdict,
        None,
    )
    event = last_event(report)
    assert (event.kind, event.actor) == ("report_contradicted", editor)
    assert event.data == {"from": "open", "to": "contradicted", "evidence_verdict": verdict.pk}


def test_a_verdict_not_published_is_no_evidence(report, make_claim, fact_checker, editor):
    pending = bring_to(
        "pending_approval", make_claim=make_claim, checker=fact_checker, editor=editor
    )
    with pytest.raises(InvalidInput):
        report_contradict(claim=report, actor=editor, verdict=pending.verdicts.get())
    assert state_of(report).state == R.OPEN


def test_withdrawing_needs_a_note_and_records_it(report, editor):
    with pytest.raises(InvalidInput):
        report_withdraw(claim=report, actor=editor, note="  ")
    result = report_withdraw(claim=report, actor=editor, note="The outlet's correction.")
    assert result.state == R.WITHDRAWN
    event = last_event(report)
    assert (event.kind, event.actor, event.note) == (
        "report_withdrawn",
        editor,
        "The outlet's correction.",
    )
    assert event.data == {"from": "open", "to": "withdrawn"}


def test_reopening_clears_the_evidence_and_restarts_the_clock(report, named, editor):
    evidence = named()
    report_corroborate(claim=report, actor=editor, evidence=evidence)
    result = report_reopen(claim=report, actor=editor, note="Rutte spoke of another zone.")
    assert (result.state, result.evidence_claim) == (R.OPEN, None)
    assert result.since > report.created_at
    event = last_event(report)
    assert (event.kind, event.note) == ("report_reopened", "Rutte spoke of another zone.")
    assert event.data == {"from": "corroborated", "to": "open"}
    # The history keeps what the evidence was.
    assert report.events.get(kind="report_corroborated").data["evidence_claim"] == evidence.pk


def test_a_report_needs_a_reason_to_be_corroborated_or_contradicted(report, editor):
    for service in (report_corroborate, report_contradict):
        with pytest.raises(InvalidInput):
            service(claim=report, actor=editor)
    assert state_of(report).state == R.OPEN


def test_the_evidence_is_another_claim_and_not_an_anonymous_one(report, make_claim, editor):
    with pytest.raises(InvalidInput):
        report_corroborate(claim=report, actor=editor, evidence=report)
    other_report = make_claim("Diplomats say the zone would be 40 km wide.", sourcing="anonymous")
    with pytest.raises(InvalidInput):
        report_corroborate(claim=report, actor=editor, evidence=other_report)
    assert state_of(report).state == R.OPEN


def test_a_claim_that_is_not_anonymous_is_no_report(make_claim, editor):
    named = make_claim(claimant="Mark Rutte", sourcing="named")
    with pytest.raises(InvalidInput):
        report_withdraw(claim=named, actor=editor, note="No.")
    assert not AnonymousReport.objects.exists()


def test_the_wrong_role_is_refused(report, consumer, anonymous):
    for actor in (consumer, anonymous, None):
        with pytest.raises(ActionNotPermitted):
            report_withdraw(claim=report, actor=actor, note="Correction.")
    assert state_of(report).state == R.OPEN
    assert list(report.events.values_list("kind", flat=True)) == ["created"]


def test_a_fact_checker_keeps_the_ledger_too(report, fact_checker):
    assert report_withdraw(claim=report, actor=fact_checker, note="Correction.").state == (
        R.WITHDRAWN
    )


CALLS = {
    ReportAction.CORROBORATE: lambda c, a: report_corroborate(claim=c, actor=a, note="Doc."),
    ReportAction.CONTRADICT: lambda c, a: report_contradict(claim=c, actor=a, note="Denied."),
    ReportAction.WITHDRAW: lambda c, a: report_withdraw(claim=c, actor=a, note="Corrected."),
    ReportAction.REOPEN: lambda c, a: report_reopen(claim=c, actor=a, note="Again."),
}


@pytest.mark.parametrize("state", list(R))
def test_the_transition_table_is_walked_from_every_state(state, make_claim, editor):
    """Every desk action from every state: allowed moves land on the table's target with
    its event, the others are refused with nothing written."""
    for action, call in CALLS.items():
        claim = make_claim(sourcing="anonymous")
        to_state(claim, state, editor)
        events = claim.events.count()
        transition = TRANSITIONS[action]
        if state in transition.sources:
            assert call(claim, editor).state == transition.target, action
            assert last_event(claim).kind == transition.event
            assert claim.events.count() == events + 1
        else:
            with pytest.raises(IllegalTransition):
                call(claim, editor)
            assert state_of(claim).state == state, action
            assert claim.events.count() == events


def test_every_action_has_a_service_and_every_state_a_way_out():
    assert set(TRANSITIONS) == {*CALLS, ReportAction.MARK_STALE}
    for state in R:
        assert ledger.allowed_report_actions(state), state


# --- the stale sweep -------------------------------------------------------------------


def age(claim: Claim, days: float) -> None:
    AnonymousReport.objects.filter(claim=claim).update(since=timezone.now() - timedelta(days=days))


def test_the_sweep_marks_stale_the_reports_open_past_the_setting(make_claim, settings):
    old, young, decided = (make_claim(sourcing="anonymous") for _ in range(3))
    age(old, 30.5)
    age(young, 29.5)
    age(decided, 40)
    AnonymousReport.objects.filter(claim=decided).update(state=R.WITHDRAWN)
    assert mark_stale_reports() == 1
    assert [state_of(c).state for c in (old, young, decided)] == [R.STALE, R.OPEN, R.WITHDRAWN]
    event = last_event(old)
    assert (event.kind, event.actor, event.note) == (
        "report_stale",
        None,
        "No confirmation in 30 days.",
    )
    assert (event.data["from"], event.data["to"]) == ("open", "stale")
    # Safe to run twice; a shorter setting reaches the younger one.
    assert mark_stale_reports() == 0
    settings.ANONYMOUS_REPORT_STALE_DAYS = 7
    assert mark_stale_reports() == 1
    assert state_of(young).state == R.STALE


def test_the_sweep_counts_from_a_given_moment(report):
    assert mark_stale_reports(now=timezone.now() + timedelta(days=29)) == 0
    assert mark_stale_reports(now=timezone.now() + timedelta(days=31)) == 1


def test_a_stale_report_can_still_be_corroborated(report, named, editor):
    age(report, 31)
    mark_stale_reports()
    evidence = named()
    assert report_corroborate(claim=report, actor=editor, evidence=evidence).state == (
        R.CORROBORATED
    )


def test_the_sweep_is_a_beat_task_that_runs_in_process(report, settings):
    entry = settings.CELERY_BEAT_SCHEDULE["mark-stale-anonymous-reports"]
    assert entry["task"] == mark_stale_reports_task.name == "claims.tasks.mark_stale_reports_task"
    age(report, 31)
    assert mark_stale_reports_task.delay().get() == 1
    assert state_of(report).state == R.STALE


# --- suggestions -----------------------------------------------------------------------


def test_a_named_claim_that_matches_an_open_report_is_suggested(report, named):
    confirming = named()
    suggestion = CorroborationSuggestion.objects.get()
    assert (suggestion.report_id, suggestion.claim, suggestion.state) == (
        report.pk,
        confirming,
        "suggested",
    )
    assert suggestion.score >= 0.8
    event = last_event(report)
    assert (event.kind, event.actor) == ("report_suggested", None)
    assert event.note.startswith("Mark Rutte confirmed on ")
    assert event.data == {
        "suggestion": suggestion.pk,
        "claim": confirming.pk,
        "score": suggestion.score,
    }
    # Nothing is decided by itself.
    assert state_of(report).state == R.OPEN


def test_no_suggestion_from_an_anonymous_or_unattributed_claim_or_the_same_article(
    report, make_claim, article, later_article
):
    make_claim(f"Diplomats say {CONFIRMED}", claim_text=CONFIRMED, sourcing="anonymous")
    make_claim(CONFIRMED, sourcing="unattributed", article=later_article)
    make_claim(
        f"Mark Rutte said {CONFIRMED}",
        claim_text=CONFIRMED,
        claimant="Mark Rutte",
        sourcing="named",
        article=article,
    )
    assert not CorroborationSuggestion.objects.exists()


def test_no_suggestion_for_a_different_claim_or_a_decided_report(report, named, editor):
    named("Germany and Italy are pressing for clarity on the chain of command.")
    assert not CorroborationSuggestion.objects.exists()
    report_withdraw(claim=report, actor=editor, note="Corrected.")
    named()
    assert not CorroborationSuggestion.objects.exists()


def test_accepting_a_suggestion_corroborates_the_report_with_its_claim(
    report, named, make_claim, editor, later_article
):
    confirming = named()
    also = named(CONFIRMED.replace("The EU is", "Brussels is"), article=None)
    first, second = CorroborationSuggestion.objects.order_by("id")
    assert (first.claim, second.claim) == (confirming, also)
    result = report_suggestion_accept(suggestion=first, actor=editor)
    assert (result.state, result.evidence_claim) == (R.CORROBORATED, confirming)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.state, first.decided_by) == ("accepted", editor)
    # The other one is closed too, with who and when, and the event says so.
    assert (second.state, second.decided_by) == ("rejected", editor)
    event = last_event(report)
    assert (event.kind, event.actor) == ("report_corroborated", editor)
    assert event.note.startswith("Mark Rutte confirmed on ")
    assert event.data == {
        "from": "open",
        "to": "corroborated",
        "evidence_claim": confirming.pk,
        "suggestion": first.pk,
        "closed_suggestions": [second.pk],
    }
    with pytest.raises(IllegalTransition):
        report_suggestion_accept(suggestion=first, actor=editor)


def test_rejecting_a_suggestion_dismisses_it_and_leaves_the_report_open(report, named, editor):
    named()
    suggestion = CorroborationSuggestion.objects.get()
    report_suggestion_reject(suggestion=suggestion, actor=editor, note="Another zone.")
    suggestion.refresh_from_db()
    assert (suggestion.state, suggestion.decided_by) == ("rejected", editor)
    assert state_of(report).state == R.OPEN
    event = last_event(report)
    assert (event.kind, event.actor, event.note) == ("suggestion_rejected", editor, "Another zone.")
    assert event.data == {"suggestion": suggestion.pk, "claim": suggestion.claim_id}
    with pytest.raises(IllegalTransition):
        report_suggestion_reject(suggestion=suggestion, actor=editor)


def test_the_wrong_role_cannot_answer_a_suggestion(report, named, consumer):
    named()
    suggestion = CorroborationSuggestion.objects.get()
    for service in (report_suggestion_accept, report_suggestion_reject):
        with pytest.raises(ActionNotPermitted):
            service(suggestion=suggestion, actor=consumer)
    suggestion.refresh_from_db()
    assert suggestion.state == "suggested"


def test_a_report_merged_into_a_canonical_is_still_suggested(make_claim, named):
    # The report repeats an earlier claim, so it became its duplicate; the matcher links
    # later claims to that canonical one.
    canonical = make_claim(REPORTED, sourcing="unattributed")
    report = make_claim(
        f"EU sources said {REPORTED}",
        claim_text=REPORTED,
        claimant="EU sources",
        sourcing="anonymous",
    )
    if report.status != "duplicate":
        Claim.objects.filter(pk=report.pk).update(status="duplicate", canonical=canonical)
    assert Claim.objects.get(pk=report.pk).canonical == canonical
    confirming = named()
    assert confirming.match_links.filter(matched=canonical).exists()
    assert CorroborationSuggestion.objects.get().report_id == report.pk


# --- the webhook -----------------------------------------------------------------------


def test_a_state_change_of_a_public_report_is_a_webhook_delivery(
    report, editor, admin_user, django_capture_on_commit_callbacks
):
    webhook_subscribe(
        actor=admin_user, url="https://hooks.example.com/in", events=["claim.corroboration"]
    )
    # A candidate is not public: nothing to say about it.
    report_withdraw(claim=report, actor=editor, note="Corrected.")
    assert not WebhookDelivery.objects.exists()
    report_reopen(claim=report, actor=editor, note="The correction was about something else.")
    claim_triage(claim=report, actor=editor)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        report_withdraw(claim=report, actor=editor, note="Corrected, really.")
    delivery = WebhookDelivery.objects.get()
    assert delivery.event == WebhookEvent.CLAIM_CORROBORATION == "claim.corroboration"
    data = delivery.payload["data"]["claim"]
    assert data["id"] == report.pk
    assert data["corroboration"]["state"] == "withdrawn"
    assert len(callbacks) == 1  # the delivery is sent after commit


def test_the_command_runs_the_sweep_in_process(report):
    age(report, 31)
    out = StringIO()
    call_command("mark_stale_reports", stdout=out)
    assert out.getvalue().strip() == "1 report(s) open for more than 30 days marked stale."
    assert state_of(report).state == R.STALE
