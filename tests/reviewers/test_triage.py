"""Triage in bulk (one decision over many claims, each claim its own transaction) and of
one claim from its row or its page (queue, dismiss, merge into its suggested match)."""

from __future__ import annotations

import pytest

from claims.matching.services import claim_link_reject
from claims.models import Article, ClaimLink
from claims.workflow import (
    ActionNotPermitted,
    IllegalTransition,
    InvalidInput,
    claim_dismiss,
    claim_triage,
)
from reviewers.models import QueueEntry, ReviewQueue
from reviewers.services import claim_merge_suggested, claim_triage_one, claims_bulk_triage


@pytest.fixture(autouse=True)
def _no_auto_routing(settings):
    settings.AUTO_QUEUE_THRESHOLD = None


def test_bulk_queue_into_a_chosen_queue_writes_each_history(make_claim, editor):
    ReviewQueue.objects.create(name="Security", slug="security")
    claims = [make_claim() for _ in range(3)]
    results = claims_bulk_triage(
        claim_ids=[c.pk for c in claims], actor=editor, action="queue", queue="security"
    )
    assert [(r.claim_id, r.ok, r.status) for r in results] == [
        (c.pk, True, "queued") for c in claims
    ]
    for claim in claims:
        event = claim.events.get(kind="triaged")
        assert (event.actor, event.data) == (editor, {"queue": "security"})
        assert QueueEntry.objects.get(claim=claim).queue.slug == "security"


def test_bulk_queue_by_routing(make_claim, editor):
    ReviewQueue.objects.create(name="Security", slug="security", keywords="NATO")
    nato, other = make_claim("NATO sent troops."), make_claim("It rained.")
    claims_bulk_triage(claim_ids=[nato.pk, other.pk], actor=editor, action="queue")
    assert QueueEntry.objects.get(claim=nato).queue.slug == "security"
    assert QueueEntry.objects.get(claim=other).queue.slug == "general"


def test_one_bad_claim_does_not_roll_back_the_others(make_claim, editor):
    good, gone, good2 = make_claim(), make_claim(), make_claim()
    claim_dismiss(claim=gone, actor=editor, reason="Opinion.")
    results = claims_bulk_triage(
        claim_ids=[good.pk, gone.pk, 999_999, good2.pk, good.pk],
        actor=editor,
        action="dismiss",
        reason="Not check-worthy.",
    )
    by_id = {r.claim_id: r for r in results}
    assert len(results) == 4  # the repeated id is taken once
    assert by_id[good.pk].ok and by_id[good2.pk].ok
    assert (by_id[gone.pk].ok, by_id[gone.pk].error_code) == (False, "illegal_transition")
    assert by_id[gone.pk].error == "Cannot dismiss a claim that is dismissed."
    assert by_id[gone.pk].status == "dismissed"
    assert (by_id[999_999].ok, by_id[999_999].error_code) == (False, "not_found")
    assert good.events.get(kind="dismissed").note == "Not check-worthy."
    assert gone.events.filter(kind="dismissed").count() == 1


def test_bulk_merge_reports_the_canonical_itself(make_claim, editor):
    canonical, a, b = make_claim(), make_claim(), make_claim()
    results = claims_bulk_triage(
        claim_ids=[a.pk, canonical.pk, b.pk], actor=editor, action="merge", canonical=canonical
    )
    assert [r.ok for r in results] == [True, False, True]
    assert results[1].error == "A claim cannot be a duplicate of itself."
    a.refresh_from_db()
    assert (a.status, a.canonical_id) == ("duplicate", canonical.pk)
    assert a.events.get(kind="merged").data == {"canonical": canonical.pk}


@pytest.mark.parametrize(
    ("kwargs", "message", "field"),
    [
        ({"action": "queue", "queue": "nope"}, "There is no review queue 'nope'.", "queue"),
        ({"action": "dismiss"}, "A reason is required to dismiss claims.", "reason"),
        ({"action": "merge"}, "Choose the claim the duplicates are merged into.", "canonical"),
        (
            {"action": "merge", "canonical": 999_999},
            "The chosen canonical claim does not exist.",
            "canonical",
        ),
    ],
)
def test_input_wrong_for_the_whole_request_writes_nothing(
    make_claim, editor, kwargs, message, field
):
    claim = make_claim()
    with pytest.raises(InvalidInput, match=message) as caught:
        claims_bulk_triage(claim_ids=[claim.pk], actor=editor, **kwargs)
    assert caught.value.field == field  # the desk shows the message beside that input
    assert list(claim.events.values_list("kind", flat=True)) == ["created"]


def test_consumer_cannot_triage_in_bulk(make_claim, consumer):
    claim = make_claim()
    with pytest.raises(ActionNotPermitted):
        claims_bulk_triage(claim_ids=[claim.pk], actor=consumer, action="queue")
    claim.refresh_from_db()
    assert claim.status == "candidate"


# --- one claim from its row or its page ------------------------------------------------

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
    link = ClaimLink.objects.get(claim=repeat)
    assert link.state == ClaimLink.State.SUGGESTED and repeat.status == "candidate"
    return link


def test_one_claim_queued_where_routing_sends_it(make_claim, fact_checker):
    claim = make_claim()
    claim_triage_one(claim=claim.pk, actor=fact_checker, action="queue")
    claim.refresh_from_db()
    assert claim.status == "queued"
    assert QueueEntry.objects.get(claim=claim).queue.slug == "general"
    event = claim.events.get(kind="triaged")
    assert (event.actor, event.data) == (fact_checker, {})


@pytest.mark.parametrize(("typed", "note"), [("", "Not check-worthy."), (" Opinion. ", "Opinion.")])
def test_one_claim_dismissed_with_the_typed_reason_or_the_plain_one(
    make_claim, fact_checker, typed, note
):
    claim = make_claim()
    claim_triage_one(claim=claim.pk, actor=fact_checker, action="dismiss", reason=typed)
    claim.refresh_from_db()
    assert claim.status == "dismissed"
    assert claim.events.get(kind="dismissed").note == note


def test_merge_into_the_suggestion_confirms_it_and_merges(suggested, editor):
    claim_triage_one(claim=suggested.claim_id, actor=editor, action="merge", link=suggested.pk)
    suggested.refresh_from_db()
    claim = suggested.claim
    claim.refresh_from_db()
    assert (claim.status, claim.canonical_id) == ("duplicate", suggested.matched_id)
    assert (suggested.state, suggested.decided_by) == ("confirmed", editor)
    confirmed, merged = claim.events.filter(kind__in=["match_confirmed", "merged"]).order_by("id")
    assert (confirmed.kind, confirmed.actor, confirmed.data["link"]) == (
        "match_confirmed",
        editor,
        suggested.pk,
    )
    assert (merged.kind, merged.actor, merged.data) == (
        "merged",
        editor,
        {"canonical": suggested.matched_id},
    )


def test_merge_follows_only_a_suggestion_from_this_claim(suggested, make_claim, editor):
    # The link is the repeat's; offered for the known claim (or any other) it is refused:
    # the target is never an id the request names.
    known = suggested.matched
    with pytest.raises(InvalidInput, match="not a suggestion for this claim"):
        claim_merge_suggested(claim=known.pk, link=suggested.pk, actor=editor)
    stranger = make_claim()
    with pytest.raises(InvalidInput):
        claim_merge_suggested(claim=stranger.pk, link=suggested.pk, actor=editor)
    with pytest.raises(InvalidInput, match="no suggested match"):
        claim_triage_one(claim=stranger.pk, actor=editor, action="merge")
    for claim in (known, stranger, suggested.claim):
        claim.refresh_from_db()
        assert claim.status == "candidate"
    suggested.refresh_from_db()
    assert suggested.state == "suggested"


def test_merge_refused_when_a_colleague_got_there_first(suggested, editor, other_editor):
    claim_triage(claim=suggested.claim_id, actor=other_editor)  # queued meanwhile
    with pytest.raises(IllegalTransition, match=r"Cannot merge a claim that is queued\."):
        claim_merge_suggested(claim=suggested.claim_id, link=suggested.pk, actor=editor)
    suggested.refresh_from_db()
    assert suggested.state == "suggested"
    assert not suggested.claim.events.filter(kind__in=["merged", "match_confirmed"]).exists()


def test_merge_refused_when_the_suggestion_was_rejected(suggested, editor, other_editor):
    claim_link_reject(link=suggested, actor=other_editor)
    with pytest.raises(IllegalTransition, match="already rejected"):
        claim_merge_suggested(claim=suggested.claim_id, link=suggested.pk, actor=editor)
    claim = suggested.claim
    claim.refresh_from_db()
    assert claim.status == "candidate"


@pytest.mark.parametrize("action", ["queue", "dismiss", "merge"])
def test_consumer_cannot_triage_one_claim(suggested, consumer, action):
    with pytest.raises(ActionNotPermitted):
        claim_triage_one(claim=suggested.claim_id, actor=consumer, action=action, link=suggested.pk)
    claim = suggested.claim
    claim.refresh_from_db()
    assert claim.status == "candidate"
    assert list(claim.events.values_list("kind", flat=True)) == ["created", "match_suggested"]
