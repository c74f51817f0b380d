"""Stored matches: every new claim is matched, sure repeats are merged by the system, and a
reviewer confirms or rejects the rest, in the claim's history."""

from __future__ import annotations

import pytest

from claims.matching.services import claim_link_confirm, claim_link_reject, find_matches_for
from claims.models import Article, Claim, ClaimEvent, ClaimLink
from claims.workflow import (
    ActionNotPermitted,
    IllegalTransition,
    claim_assign,
    claim_create,
    claim_dismiss,
    claim_merge,
    claim_triage,
)

KNOWN = "An armed truce has been in place on the Korean Peninsula for more than 70 years."
# Reordered, number in words: auto.
SURE_REPEAT = (
    "For more than seventy years, an armed truce has been in place on the Korean Peninsula."
)
# Other verb, attribution added: suggest.
LIKELY_REPEAT = (
    "An armed truce has held on the Korean Peninsula for more than seventy years, officials said."
)


@pytest.fixture
def other_article(db) -> Article:
    return Article.objects.create(
        url="https://other.example.org/korea", title="Korea", content_hash="1" * 64, text="..."
    )


@pytest.fixture
def known(make_claim) -> Claim:
    return make_claim(KNOWN)


def _events(claim: Claim, kind: str) -> list[ClaimEvent]:
    return list(ClaimEvent.objects.filter(claim=claim, kind=kind))


def test_a_likely_repeat_is_stored_as_a_suggestion_with_its_history(
    known, make_claim, other_article
):
    repeat = make_claim(LIKELY_REPEAT, article=other_article)
    link = ClaimLink.objects.get(claim=repeat)
    assert link.matched == known
    assert link.state == ClaimLink.State.SUGGESTED and link.method == "blended"
    assert 0.69 <= link.score < 0.96
    assert repeat.status == Claim.Status.CANDIDATE
    (event,) = _events(repeat, ClaimEvent.Kind.MATCH_SUGGESTED)
    assert event.actor is None
    assert event.data["matches"] == [{"claim": known.pk, "score": link.score, "state": "suggested"}]


def test_a_sure_repeat_is_merged_as_a_duplicate_by_the_system(known, make_claim, other_article):
    repeat = make_claim(SURE_REPEAT, article=other_article)
    assert repeat.status == Claim.Status.DUPLICATE and repeat.canonical == known
    link = ClaimLink.objects.get(claim=repeat, matched=known)
    assert link.state == ClaimLink.State.CONFIRMED and link.decided_by is None
    assert link.decided_at is not None and link.score >= 0.96
    (merged,) = _events(repeat, ClaimEvent.Kind.MERGED)
    assert merged.actor is None and merged.data == {"canonical": known.pk}
    assert "Auto-linked" in merged.note


def test_an_auto_linked_repeat_is_not_routed_even_when_check_worthy(
    known, make_claim, other_article
):
    # AUTO_QUEUE_THRESHOLD (0.85) would send a claim this check-worthy straight to a queue.
    repeat = make_claim(SURE_REPEAT, article=other_article, checkworthiness=0.99)
    assert repeat.status == Claim.Status.DUPLICATE


def test_short_claims_are_never_auto_linked(make_claim):
    first = make_claim("Taxes went up last year.", article=None)
    again = make_claim("Taxes went up last year.", article=None)
    link = ClaimLink.objects.get(claim=again, matched=first)
    assert link.state == ClaimLink.State.SUGGESTED
    assert again.status == Claim.Status.CANDIDATE


def test_a_claim_with_another_number_is_not_linked(make_claim, other_article):
    make_claim("Unemployment in the region fell to 3.4 percent in 2024, the ministry said.")
    other = make_claim(
        "Unemployment in the region fell to 2.1 percent in 2024, the ministry said.",
        article=other_article,
    )
    assert not ClaimLink.objects.filter(claim=other).exists()
    assert other.status == Claim.Status.CANDIDATE


def test_dismissed_claims_and_duplicates_are_not_candidates(make_claim, editor, other_article):
    dismissed = make_claim(KNOWN)
    claim_dismiss(claim=dismissed, actor=editor, reason="Background, not a claim.")
    repeat = make_claim(SURE_REPEAT, article=other_article)
    assert not ClaimLink.objects.filter(matched=dismissed).exists()
    assert repeat.status == Claim.Status.CANDIDATE
    third = make_claim(SURE_REPEAT, article=None)
    # The first repeat (a candidate) is the canonical now; never a duplicate.
    assert third.canonical == repeat


def test_matching_twice_changes_nothing(known, make_claim, other_article):
    repeat = make_claim(LIKELY_REPEAT, article=other_article)
    assert find_matches_for(claim=repeat) == []
    assert ClaimLink.objects.filter(claim=repeat).count() == 1
    # Nor is the pair linked again the other way round.
    assert find_matches_for(claim=known) == []


def test_the_system_may_merge_a_claim(make_claim):
    """claim_merge with actor None: the system path auto-linking uses."""
    canonical, repeat = make_claim(), make_claim()
    claim_merge(claim=repeat, canonical=canonical, actor=None, note="Auto-linked.")
    repeat.refresh_from_db()
    assert repeat.status == Claim.Status.DUPLICATE and repeat.canonical == canonical
    assert _events(repeat, ClaimEvent.Kind.MERGED)[0].actor is None


# --- the reviewer's decision -------------------------------------------------------------


@pytest.fixture
def suggestion(known, make_claim, other_article) -> ClaimLink:
    repeat = make_claim(LIKELY_REPEAT, article=other_article)
    return ClaimLink.objects.get(claim=repeat)


def test_confirming_a_suggestion_merges_the_candidate(suggestion, fact_checker, known):
    claim_link_confirm(link=suggestion, actor=fact_checker, note="Same truce.")
    suggestion.refresh_from_db()
    assert suggestion.state == ClaimLink.State.CONFIRMED
    assert suggestion.decided_by == fact_checker and suggestion.decided_at is not None
    claim = suggestion.claim
    claim.refresh_from_db()
    assert claim.status == Claim.Status.DUPLICATE and claim.canonical == known
    (event,) = _events(claim, ClaimEvent.Kind.MATCH_CONFIRMED)
    assert event.actor == fact_checker and event.note == "Same truce."
    assert event.data == {"link": suggestion.pk, "matched": known.pk, "score": suggestion.score}
    assert _events(claim, ClaimEvent.Kind.MERGED)[0].actor == fact_checker


def test_confirming_a_queued_repeat_takes_it_out_of_its_queue(suggestion, editor, known):
    from reviewers.take import takeable_entries

    claim_triage(claim=suggestion.claim, actor=editor)
    claim_link_confirm(link=suggestion, actor=editor)
    claim = Claim.objects.get(pk=suggestion.claim_id)
    assert claim.status == Claim.Status.DUPLICATE and claim.canonical == known
    assert ClaimLink.objects.get(pk=suggestion.pk).state == ClaimLink.State.CONFIRMED
    (merged,) = _events(claim, ClaimEvent.Kind.MERGED)
    assert (merged.from_status, merged.to_status) == ("queued", "duplicate")
    assert merged.actor == editor and merged.data == {"canonical": known.pk}
    assert not takeable_entries(editor).filter(claim=claim).exists()


def test_confirming_a_repeat_in_review_releases_then_merges_it(suggestion, editor, fact_checker):
    from reviewers.models import Assignment

    claim_triage(claim=suggestion.claim, actor=editor)
    claim_assign(claim=suggestion.claim, actor=fact_checker, assignee=fact_checker)
    claim_link_confirm(link=suggestion, actor=fact_checker, note="Checked last month.")
    claim = Claim.objects.get(pk=suggestion.claim_id)
    assert claim.status == Claim.Status.DUPLICATE and claim.assignee is None
    kinds = list(claim.events.order_by("id").values_list("kind", flat=True))
    assert kinds[-3:] == ["match_confirmed", "released", "merged"]
    assignment = Assignment.objects.get(claim=claim)
    assert assignment.ended_at is not None and assignment.end_reason == "released"


def test_only_its_reviewer_or_an_editor_may_confirm_a_repeat_in_review(
    suggestion, editor, fact_checker, other_fact_checker
):
    claim_triage(claim=suggestion.claim, actor=editor)
    claim_assign(claim=suggestion.claim, actor=fact_checker, assignee=fact_checker)
    with pytest.raises(ActionNotPermitted, match="Someone else is reviewing"):
        claim_link_confirm(link=suggestion, actor=other_fact_checker)
    claim = Claim.objects.get(pk=suggestion.claim_id)
    assert claim.status == Claim.Status.IN_REVIEW and claim.assignee == fact_checker
    assert ClaimLink.objects.get(pk=suggestion.pk).state == ClaimLink.State.SUGGESTED
    assert not _events(claim, ClaimEvent.Kind.MATCH_CONFIRMED)


@pytest.mark.parametrize(
    ("start", "message"),
    [("pending_approval", "awaiting approval"), ("published", "its own verdict")],
)
def test_a_claim_with_its_own_verdict_is_not_merged_by_a_confirmation(
    start, message, known, other_article, fact_checker, editor
):
    from tests.claims.helpers import bring_to

    def make_repeat(text=None, **kwargs):
        return claim_create(text=LIKELY_REPEAT, article=other_article, **kwargs)

    claim = bring_to(start, make_claim=make_repeat, checker=fact_checker, editor=editor)
    link = ClaimLink.objects.get(claim=claim, matched=known)
    with pytest.raises(IllegalTransition, match=message):
        claim_link_confirm(link=link, actor=editor)
    claim.refresh_from_db()
    assert claim.status == start
    assert ClaimLink.objects.get(pk=link.pk).state == ClaimLink.State.SUGGESTED
    assert not _events(claim, ClaimEvent.Kind.MATCH_CONFIRMED)


def test_a_dismissed_repeat_is_refused_with_a_message(suggestion, editor):
    claim_dismiss(claim=suggestion.claim, actor=editor, reason="Not check-worthy.")
    with pytest.raises(IllegalTransition, match="restore it"):
        claim_link_confirm(link=suggestion, actor=editor)
    assert ClaimLink.objects.get(pk=suggestion.pk).state == ClaimLink.State.SUGGESTED


def test_confirming_a_repeat_already_merged_into_that_claim_only_records_it(
    suggestion, editor, known
):
    claim_merge(claim=suggestion.claim, canonical=known, actor=editor)
    claim_link_confirm(link=suggestion, actor=editor)
    claim = Claim.objects.get(pk=suggestion.claim_id)
    assert claim.canonical == known and len(_events(claim, ClaimEvent.Kind.MERGED)) == 1
    assert ClaimLink.objects.get(pk=suggestion.pk).state == ClaimLink.State.CONFIRMED


def test_confirming_a_repeat_merged_elsewhere_is_refused(suggestion, editor, make_claim):
    elsewhere = make_claim("The harbour handled 3 million containers last year.", article=None)
    claim_merge(claim=suggestion.claim, canonical=elsewhere, actor=editor)
    with pytest.raises(IllegalTransition, match=f"duplicate of claim #{elsewhere.pk}"):
        claim_link_confirm(link=suggestion, actor=editor)
    assert ClaimLink.objects.get(pk=suggestion.pk).state == ClaimLink.State.SUGGESTED


def test_rejecting_a_suggestion_keeps_the_claim_and_records_why(suggestion, editor):
    claim_link_reject(link=suggestion, actor=editor, note="Different truce.")
    suggestion.refresh_from_db()
    assert suggestion.state == ClaimLink.State.REJECTED and suggestion.decided_by == editor
    claim = Claim.objects.get(pk=suggestion.claim_id)
    assert claim.status == Claim.Status.CANDIDATE
    (event,) = _events(claim, ClaimEvent.Kind.MATCH_REJECTED)
    assert event.actor == editor and event.note == "Different truce."
    # A rejected pair is not suggested again.
    assert find_matches_for(claim=claim) == []


@pytest.mark.parametrize("decide", [claim_link_confirm, claim_link_reject])
def test_a_consumer_cannot_decide_on_a_match(decide, suggestion, consumer):
    with pytest.raises(ActionNotPermitted):
        decide(link=suggestion, actor=consumer)
    assert ClaimLink.objects.get(pk=suggestion.pk).state == ClaimLink.State.SUGGESTED
    assert not ClaimEvent.objects.filter(
        kind__in=[ClaimEvent.Kind.MATCH_CONFIRMED, ClaimEvent.Kind.MATCH_REJECTED]
    ).exists()


@pytest.mark.parametrize("decide", [claim_link_confirm, claim_link_reject])
def test_a_decided_match_cannot_be_decided_again(decide, suggestion, editor):
    claim_link_reject(link=suggestion, actor=editor)
    with pytest.raises(IllegalTransition):
        decide(link=suggestion, actor=editor)


def test_confirming_into_a_claim_dismissed_meanwhile_is_refused(suggestion, editor, known):
    from claims.workflow import InvalidInput

    claim_dismiss(claim=known, actor=editor, reason="Background.")
    with pytest.raises(InvalidInput):
        claim_link_confirm(link=suggestion, actor=editor)
    assert ClaimLink.objects.get(pk=suggestion.pk).state == ClaimLink.State.SUGGESTED


def test_a_link_is_never_to_the_claim_itself(known):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        ClaimLink.objects.create(claim=known, matched=known, score=1.0)
