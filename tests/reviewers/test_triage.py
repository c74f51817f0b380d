"""Triage in bulk: one decision over many claims, each claim its own transaction."""

from __future__ import annotations

import pytest

from claims.workflow import ActionNotPermitted, InvalidInput, claim_dismiss
from reviewers.models import QueueEntry, ReviewQueue
from reviewers.triage import claims_bulk_triage


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
