"""Suggested contradictions: a named source that says otherwise (the matcher's pair alike
but for a negation, another number or the opposite direction), and a published verdict
rating false on the report's claim or a claim matched to it. Accepting one contradicts the
report; rejecting it leaves the report as it was."""

from __future__ import annotations

import pytest

from claims.claimants.ledger import (
    report_corroborate,
    report_suggestion_accept,
    report_suggestion_reject,
)
from claims.matching.score import disagreement
from claims.models import (
    AnonymousReport,
    Claim,
    ClaimLink,
    CorroborationSuggestion,
    Rating,
    WebhookDelivery,
)
from claims.ratings import says_false
from claims.selectors import rating_scale
from claims.webhooks import webhook_subscribe
from claims.workflow import (
    claim_assign,
    claim_merge,
    claim_reopen,
    claim_triage,
    verdict_approve,
)
from tests.claims.claimants.test_ledger import last_event, state_of
from tests.claims.helpers import propose
from tests.claims.ledger_helpers import REPORTED, other_article

R = AnonymousReport.State
DENIED = "The European Union will not send 5,000 troops to a buffer zone in western Ukraine."
OTHER_FIGURE = "The European Union will send 3,000 troops to a buffer zone in western Ukraine."


def only_suggestion() -> CorroborationSuggestion:
    return CorroborationSuggestion.objects.get()


# --- what the matcher calls a denial ------------------------------------------------------


FELL = "Unemployment in Spain fell sharply last year, the ministry figures show."
ROSE = FELL.replace("fell", "rose")


@pytest.mark.parametrize(
    ("text", "reported", "reason"),
    [
        (DENIED, REPORTED, "negation: "),
        (OTHER_FIGURE, REPORTED, "number: 3000 vs 5000"),
        (ROSE, FELL, "direction: "),  # the antonym and the substituted word: one detail
    ],
)
def test_a_pair_alike_but_for_one_denying_detail_is_a_disagreement(text, reported, reason):
    found = disagreement(text, reported)
    assert found is not None
    assert found.reasons[0].startswith(reason)
    assert found.decision == "suggest"


@pytest.mark.parametrize(
    "text",
    [
        REPORTED,  # the same claim: no conflict
        "NATO will not send 5,000 troops to a buffer zone in eastern Poland.",  # another one
        "The price of bread rose by 3 percent in March.",  # unrelated
        # Two points of disagreement (a negation and a figure): another statement.
        "The European Union will not send 3,000 troops to a buffer zone in western Ukraine.",
    ],
)
def test_the_same_claim_another_claim_or_an_unrelated_one_is_none(text):
    assert disagreement(text, REPORTED) is None


def test_false_is_the_false_half_of_the_newsrooms_own_scale(db):
    scale = rating_scale(viewer=None)
    said = {r.slug: says_false(r.value, scale) for r in Rating.objects.all()}
    assert said == {
        "false": True,
        "mostly_false": True,
        "mixed": False,
        "mostly_true": False,
        "true": False,
        "misleading": False,  # off the scale: it says something else than false
        "unverifiable": False,
    }
    # On a scale with other values the rule follows the scale, not the labels.
    assert says_false(3, (0, 10)) is True
    assert says_false(6, (0, 10)) is False
    assert says_false(None, (0, 10)) is False


# --- a named source says otherwise --------------------------------------------------------


def test_a_named_claim_that_denies_an_open_report_is_a_suggested_contradiction(report, named):
    denial = named(DENIED)
    suggestion = only_suggestion()
    assert (suggestion.report_id, suggestion.claim, suggestion.kind, suggestion.verdict) == (
        report.pk,
        denial,
        "contradiction",
        None,
    )
    assert suggestion.score >= 0.69
    # The matcher stored no link for the pair: the conflict makes it another claim.
    assert not ClaimLink.objects.filter(claim=denial, matched=report).exists()
    event = last_event(report)
    assert (event.kind, event.actor) == ("contra_suggested", None)
    assert event.get_kind_display() == "Contradiction suggested"
    assert event.note.startswith("Mark Rutte said otherwise on ")
    assert "negation" in event.note
    assert event.data["suggestion"] == suggestion.pk
    assert event.data["reasons"][0].startswith("negation")
    assert state_of(report).state == R.OPEN  # nothing is decided by itself


def test_a_named_claim_contradicts_the_five_best_reports_at_most(report, named, make_claim):
    for n in range(5):  # the same report printed five times more: duplicates of the first
        make_claim(
            f"EU sources said {REPORTED}",
            claim_text=REPORTED,
            claimant="EU sources",
            sourcing="anonymous",
            article=other_article(f"again-{n}", title=f"Again {n}"),
        )
    assert AnonymousReport.objects.count() == 6
    denial = named(DENIED)
    assert CorroborationSuggestion.objects.filter(claim=denial).count() == 5


def test_no_contradiction_from_the_same_article_or_a_decided_report(report, named, article, editor):
    named(DENIED, article=article)
    assert not CorroborationSuggestion.objects.exists()
    report_corroborate(claim=report, actor=editor, note="The Council's statement.")
    named(OTHER_FIGURE)
    assert not CorroborationSuggestion.objects.exists()


def test_accepting_a_contradiction_contradicts_the_report_and_fires_the_webhook(
    report, named, editor, admin_user, django_capture_on_commit_callbacks
):
    claim_triage(claim=report, actor=editor)  # public: the webhook has something to say
    webhook_subscribe(
        actor=admin_user, url="https://hooks.example.com/in", events=["claim.corroboration"]
    )
    denial = named(DENIED)
    suggestion = only_suggestion()
    with django_capture_on_commit_callbacks(execute=False):
        result = report_suggestion_accept(suggestion=suggestion, actor=editor)
    assert (result.state, result.evidence_claim, result.evidence_verdict) == (
        R.CONTRADICTED,
        denial,
        None,
    )
    event = last_event(report)
    assert event.kind == "report_contradicted"
    assert event.note.startswith("Mark Rutte said otherwise on ")
    assert event.data["suggestion"] == suggestion.pk
    delivery = WebhookDelivery.objects.get()
    assert delivery.payload["data"]["claim"]["corroboration"]["state"] == "contradicted"


def test_rejecting_a_contradiction_leaves_the_report_open(report, named, editor):
    named(DENIED)
    report_suggestion_reject(suggestion=only_suggestion(), actor=editor, note="Another zone.")
    assert only_suggestion().state == "rejected"
    assert state_of(report).state == R.OPEN
    assert last_event(report).get_kind_display() == "Suggestion on the report rejected"


# --- a published verdict rates it false ---------------------------------------------------


def publish(claim: Claim, rating: str, *, checker, editor) -> Claim:
    if claim.status == Claim.Status.CANDIDATE:
        claim_triage(claim=claim, actor=editor)
    claim_assign(claim=claim, actor=checker, assignee=checker)
    verdict = propose(claim, checker, rating=rating)
    verdict_approve(verdict=verdict, actor=editor)
    claim.refresh_from_db()
    return claim


def test_a_false_verdict_on_the_reports_own_claim_is_a_suggested_contradiction(
    report, fact_checker, editor
):
    publish(report, "false", checker=fact_checker, editor=editor)
    suggestion = only_suggestion()
    verdict = report.published_verdict
    assert (suggestion.kind, suggestion.verdict, suggestion.claim_id, suggestion.score) == (
        "contradiction",
        verdict,
        report.pk,
        1.0,
    )
    event = last_event(report)
    assert event.kind == "contra_suggested"
    assert event.note == f"Rated False on claim #{report.pk}: {verdict.headline}"
    assert event.data["verdict"] == verdict.pk
    result = report_suggestion_accept(suggestion=suggestion, actor=editor)
    assert (result.state, result.evidence_verdict, result.evidence_claim) == (
        R.CONTRADICTED,
        verdict,
        None,
    )
    assert last_event(report).note.startswith("Rated False on ")


@pytest.mark.parametrize("rating", ["mixed", "mostly_true", "misleading"])
def test_a_verdict_that_does_not_say_false_suggests_nothing(report, fact_checker, editor, rating):
    publish(report, rating, checker=fact_checker, editor=editor)
    assert not CorroborationSuggestion.objects.exists()


def test_a_false_verdict_on_the_claim_a_report_was_merged_into(
    report, make_claim, fact_checker, editor
):
    canonical = make_claim(
        "Brussels plans a force of 5,000 for a Ukrainian buffer zone.", sourcing="unattributed"
    )
    claim_merge(claim=report, canonical=canonical, actor=editor)
    publish(canonical, "mostly_false", checker=fact_checker, editor=editor)
    suggestion = only_suggestion()
    assert (suggestion.report_id, suggestion.claim, suggestion.verdict) == (
        report.pk,
        canonical,
        canonical.published_verdict,
    )
    assert state_of(report).state == R.OPEN


def test_a_false_verdict_on_a_claim_joined_by_a_confirmed_match(
    report, make_claim, later_article, fact_checker, editor
):
    rated = make_claim(
        "Officials said the EU will deploy 5,000 soldiers to a buffer zone in west Ukraine.",
        sourcing="unattributed",
        article=later_article,
    )
    ClaimLink.objects.update_or_create(
        claim=rated, matched=report, defaults={"score": 0.9, "state": ClaimLink.State.CONFIRMED}
    )
    publish(rated, "false", checker=fact_checker, editor=editor)
    suggestion = only_suggestion()
    assert (suggestion.claim, suggestion.score) == (rated, 0.9)
    # Rated again after a reopen: the new verdict is a new suggestion; the old one stays.
    report_suggestion_reject(suggestion=suggestion, actor=editor)
    claim_reopen(claim=rated, actor=editor, note="New figures came out.")
    publish(rated, "false", checker=fact_checker, editor=editor)
    assert CorroborationSuggestion.objects.filter(state="suggested").get().verdict == (
        rated.published_verdict
    )
    assert CorroborationSuggestion.objects.count() == 2
