"""The ledger end to end, through the real ingestion path and the real matcher: an
anonymous report, then a later article where a named official says the same thing in other
words. The suggestion appears, accepting it corroborates the report, and the consumer API
and a webhook delivery say so. And the seed article's anonymous reports are open."""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass

import pytest

from claims.claimants.ledger import report_suggestion_accept
from claims.ingestion.pipeline import ingest_text
from claims.models import AnonymousReport, Claim, CorroborationSuggestion
from claims.webhooks import webhook_subscribe
from tests.claims.api.conftest import client_with_token
from tests.claims.test_ingestion_pipeline import SEED_TEXT, needs_seed


@dataclass(frozen=True)
class Scenario:
    report: str  # the first article: the anonymous report, and a sentence around it
    confirmation: str  # the later article: a named official says it in other words
    official: str


# The pieces scenarios are generated from: one fact said two ways, who reported it
# anonymously, and who confirmed it by name.
FACTS = [
    (
        "The European Union will send {n} troops to a buffer zone in western Ukraine by March",
        "the EU is going to deploy {n} soldiers to a buffer zone in western Ukraine by March",
    ),
    (
        "Germany will spend {n} million euros on air defence systems for Ukraine next year",
        "Berlin is to pay {n} million euros for Ukrainian air defence systems next year",
    ),
    (
        "The Commission plans to fine the company {n} million euros for breaking the rules",
        "the European Commission intends to impose a fine of {n} million euros on the firm "
        "for breaching the rules",
    ),
]
FRAMES = [
    "{claim}, according to EU sources.",
    "{claim}, diplomatic sources familiar with the matter said.",
    "According to EU officials who asked not to be named, {lower}.",
]
OFFICIALS = [
    ("Mark Rutte", "NATO Secretary General"),
    ("Kaja Kallas", "EU High Representative"),
    ("Antonio Costa", "European Council President"),
]


def generate(seed: int) -> Scenario:
    """Scenario ``seed``: every fact and every frame is met by three consecutive seeds; the
    figure and the official are drawn at random from the seed."""
    rng = random.Random(seed)
    said, other_words = FACTS[seed % len(FACTS)]
    frame = FRAMES[(seed + seed // len(FACTS)) % len(FRAMES)]
    n = f"{rng.randrange(2, 90) * 100:,}"
    claim, later = said.format(n=n), other_words.format(n=n)
    name, role = rng.choice(OFFICIALS)
    report = (
        "BRUSSELS — "
        + frame.format(claim=claim, lower=re.sub(r"^The ", "the ", claim))
        + "\n\nThe talks in Washington ended late on Monday."
    )
    confirmation = (
        f"{role} {name} said on Tuesday that {later}.\n\n"
        "The remarks came after a meeting of ministers."
    )
    return Scenario(report=report, confirmation=confirmation, official=name)


def ingest(text: str, url: str, capture):
    with capture(execute=True):
        return ingest_text(text=text, title="Report", url=url).article


@pytest.mark.parametrize("seed", range(6))
def test_a_named_confirmation_in_other_words_corroborates_the_report(
    seed, consumer, editor, admin_user, receiver, django_capture_on_commit_callbacks
):
    scenario = generate(seed)
    webhook_subscribe(actor=admin_user, url=receiver.url, events=["claim.corroboration"])
    first = ingest(
        scenario.report, "https://news.example.org/report", django_capture_on_commit_callbacks
    )
    (report,) = first.claims.filter(sourcing="anonymous")
    assert AnonymousReport.objects.get(claim=report).state == "open"

    later = ingest(
        scenario.confirmation,
        "https://other.example.net/confirmed",
        django_capture_on_commit_callbacks,
    )
    (confirming,) = later.claims.filter(sourcing="named")
    assert confirming.claimant == scenario.official
    # The matcher's link made the suggestion; nobody has decided anything yet.
    suggestion = CorroborationSuggestion.objects.get(report_id=report.pk)
    assert (suggestion.claim, suggestion.state) == (confirming, "suggested")
    assert confirming.match_links.get(matched=report).state in ("suggested", "confirmed")
    event = report.events.get(kind="report_suggested")
    assert event.note.startswith(f"{scenario.official} confirmed on ")
    assert AnonymousReport.objects.get(claim=report).state == "open"
    assert receiver.requests == []

    # Both are public (check-worthy enough to be queued on creation), or made so.
    for claim in (report, confirming):
        claim.refresh_from_db()
        assert claim.status == Claim.Status.QUEUED, claim.statement

    with django_capture_on_commit_callbacks(execute=True):
        report_suggestion_accept(suggestion=suggestion, actor=editor)
    reader = client_with_token(consumer, "read")
    detail = reader.get(f"/api/v1/claims/{report.pk}/").json()
    corroboration = detail["corroboration"]
    assert corroboration["state"] == "corroborated"
    assert corroboration["evidence"] == {"claim": confirming.pk, "verdict": None, "source": None}

    ((headers, body),) = receiver.requests
    assert headers["X-Factcheck-Event"] == "claim.corroboration"
    payload = json.loads(body)
    assert payload["type"] == "claim.corroboration"
    assert payload["data"]["claim"]["id"] == report.pk
    assert payload["data"]["claim"]["corroboration"] == corroboration


@needs_seed
def test_the_seed_articles_anonymous_reports_are_open(db, django_capture_on_commit_callbacks):
    article = ingest(
        SEED_TEXT, "https://news.example.org/buffer-zone", django_capture_on_commit_callbacks
    )
    reports = {
        claim.claimant: claim
        for claim in article.claims.filter(sourcing="anonymous").select_related(
            "anonymous_report", "claimant_ref"
        )
    }
    for claimant, words in [
        ("EU sources", "according to EU sources"),
        (
            "diplomatic sources familiar with the matter",
            "diplomatic sources familiar with the matter",
        ),
    ]:
        claim = reports[claimant]
        assert words in claim.text
        assert claim.anonymous_report.state == "open"
        assert claim.claimant_ref.kind == "anonymous"
    # Named claimants open no report.
    assert not AnonymousReport.objects.exclude(claim__sourcing="anonymous").exists()


@needs_seed
def test_the_seed_articles_named_speakers_are_person_claimants_with_their_roles(
    db, django_capture_on_commit_callbacks
):
    article = ingest(
        SEED_TEXT, "https://news.example.org/buffer-zone", django_capture_on_commit_callbacks
    )
    linked = {
        claim.claimant_ref.display_name: claim.claimant_ref
        for claim in article.claims.exclude(claimant_ref=None).select_related("claimant_ref")
    }
    for name, role in [("Steve Witkoff", "Special Envoy"), ("Mark Rutte", "Secretary General")]:
        claimant = linked[name]
        assert claimant.kind == "person"
        roles = [r.role for r in claimant.roles.all()]
        assert any(role in r for r in roles), roles
