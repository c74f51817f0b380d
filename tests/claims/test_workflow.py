"""The workflow's rules: the transition table's coverage, who may act, what each step
requires and leaves behind (tests/claims/test_workflow_table.py walks the table: every
action from every starting point)."""

from __future__ import annotations

import pytest

from claims import selectors
from claims.models import Claim, ClaimEvent, Verdict
from claims.workflow import (
    TRANSITIONS,
    ActionNotPermitted,
    InvalidInput,
    claim_add_source,
    claim_assign,
    claim_dismiss,
    claim_merge,
    claim_propose_verdict,
    claim_release,
    claim_remove_source,
    claim_reopen,
    claim_triage,
    verdict_approve,
    verdict_request_changes,
    verdict_withdraw,
)
from tests.claims.helpers import bring_to, propose


def _public(claim: Claim) -> bool:
    """Asked of the database, with the selectors' own predicate."""
    return Claim.objects.filter(selectors.PUBLIC, pk=claim.pk).exists()


def test_table_covers_every_status():
    reachable = {t.target for t in TRANSITIONS.values()} | {"candidate"}
    assert reachable == set(Claim.Status.values)
    for transition in TRANSITIONS.values():
        assert transition.sources <= set(Claim.Status.values)
        assert transition.event in ClaimEvent.Kind.values


# --- who may act ------------------------------------------------------------------------


def test_editor_cannot_approve_own_verdict(make_claim, editor, other_editor):
    claim = make_claim()
    claim_triage(claim=claim, actor=editor)
    claim_assign(claim=claim, actor=editor, assignee=editor)
    verdict = propose(claim, editor)

    with pytest.raises(ActionNotPermitted, match="own verdict"):
        verdict_approve(verdict=verdict, actor=editor)
    with pytest.raises(ActionNotPermitted):
        verdict_request_changes(verdict=verdict, actor=editor, note="Self review")
    assert claim.events.filter(kind="approved").count() == 0

    verdict_approve(verdict=verdict, actor=other_editor)
    claim.refresh_from_db()
    assert claim.status == "published"
    assert claim.published_verdict == verdict
    event = claim.events.get(kind="approved")
    assert event.actor == other_editor and event.verdict == verdict


def test_fact_checker_cannot_approve(claim_in_review, fact_checker, other_fact_checker):
    verdict = propose(claim_in_review, fact_checker)
    with pytest.raises(ActionNotPermitted):
        verdict_approve(verdict=verdict, actor=other_fact_checker)
    verdict.refresh_from_db()
    assert verdict.state == "proposed"


def test_only_the_assignee_proposes(claim_in_review, other_fact_checker, editor, rating):
    source = claim_in_review.sources.get()
    for outsider in (other_fact_checker, editor):
        with pytest.raises(ActionNotPermitted, match="assigned"):
            claim_propose_verdict(
                claim=claim_in_review,
                actor=outsider,
                rating=rating,
                headline="h",
                summary="s",
                sources=[source],
            )
    assert not claim_in_review.verdicts.exists()


def test_consumer_and_anonymous_can_do_nothing(make_claim, consumer, anonymous, editor):
    claim = make_claim()
    for persona in (consumer, anonymous):
        with pytest.raises(ActionNotPermitted):
            claim_triage(claim=claim, actor=persona)
        with pytest.raises(ActionNotPermitted):
            claim_dismiss(claim=claim, actor=persona, reason="x")
    claim_triage(claim=claim, actor=editor)
    with pytest.raises(ActionNotPermitted):
        claim_assign(claim=claim, actor=consumer, assignee=consumer)
    assert list(claim.events.values_list("kind", flat=True)) == ["created", "triaged"]


def test_fact_checker_cannot_assign_someone_else(
    make_claim, fact_checker, other_fact_checker, editor
):
    claim = make_claim()
    claim_triage(claim=claim, actor=editor)
    with pytest.raises(ActionNotPermitted):
        claim_assign(claim=claim, actor=fact_checker, assignee=other_fact_checker)
    claim_assign(claim=claim, actor=editor, assignee=other_fact_checker)
    event = claim.events.get(kind="assigned")
    assert event.actor == editor and event.data == {"assignee": other_fact_checker.pk}


def test_only_holder_or_editor_releases(claim_in_review, other_fact_checker, editor):
    with pytest.raises(ActionNotPermitted):
        claim_release(claim=claim_in_review, actor=other_fact_checker)
    claim_release(claim=claim_in_review, actor=editor, note="Reassigning")
    claim_in_review.refresh_from_db()
    assert claim_in_review.status == "queued" and claim_in_review.assignee is None


def test_only_author_withdraws(claim_in_review, fact_checker, editor):
    verdict = propose(claim_in_review, fact_checker)
    with pytest.raises(ActionNotPermitted):
        verdict_withdraw(verdict=verdict, actor=editor)
    verdict_withdraw(verdict=verdict, actor=fact_checker, note="Found a better source")
    verdict.refresh_from_db()
    assert verdict.state == "withdrawn"
    assert claim_in_review.events.order_by("-id").first().kind == "withdrawn"


def test_inactive_editor_is_refused(claim_in_review, fact_checker, other_editor):
    verdict = propose(claim_in_review, fact_checker)
    other_editor.is_active = False
    other_editor.save()
    with pytest.raises(ActionNotPermitted):
        verdict_approve(verdict=verdict, actor=other_editor)


# --- preconditions ----------------------------------------------------------------------


def test_notes_are_required_where_a_reason_is_owed(
    claim_in_review, make_claim, fact_checker, editor
):
    with pytest.raises(InvalidInput):
        claim_dismiss(claim=make_claim(), actor=editor, reason="  ")
    verdict = propose(claim_in_review, fact_checker)
    with pytest.raises(InvalidInput):
        verdict_request_changes(verdict=verdict, actor=editor, note="")
    verdict_approve(verdict=verdict, actor=editor)
    with pytest.raises(InvalidInput):
        claim_reopen(claim=claim_in_review, actor=editor, note="")
    claim_in_review.refresh_from_db()
    assert claim_in_review.status == "published"


def test_verdict_needs_cited_sources(claim_in_review, fact_checker, settings, rating):
    kwargs = dict(
        claim=claim_in_review, actor=fact_checker, rating=rating, headline="h", summary="s"
    )
    with pytest.raises(InvalidInput, match="at least 1"):
        claim_propose_verdict(**kwargs, sources=[])
    settings.VERDICT_MIN_SOURCES = 0
    verdict = claim_propose_verdict(**kwargs, sources=[])
    assert verdict.version == 1 and verdict.citations.count() == 0


def test_cannot_cite_another_claims_source(
    claim_in_review, make_claim, fact_checker, editor, rating
):
    other = bring_to("in_review", make_claim=make_claim, checker=fact_checker, editor=editor)
    foreign = claim_add_source(claim=other, actor=fact_checker, url="https://example.org/other")
    with pytest.raises(InvalidInput, match="this claim"):
        claim_propose_verdict(
            claim=claim_in_review,
            actor=fact_checker,
            rating=rating,
            headline="h",
            summary="s",
            sources=[foreign],
        )


def test_unknown_or_retired_rating_is_refused(claim_in_review, fact_checker, rating):
    source = claim_in_review.sources.get()
    with pytest.raises(InvalidInput):
        claim_propose_verdict(
            claim=claim_in_review,
            actor=fact_checker,
            rating="pants_on_fire",
            headline="h",
            summary="s",
            sources=[source],
        )
    rating.is_active = False
    rating.save()
    with pytest.raises(InvalidInput):
        claim_propose_verdict(
            claim=claim_in_review,
            actor=fact_checker,
            rating=rating,
            headline="h",
            summary="s",
            sources=[source],
        )


def test_merge_flattens_chains_and_refuses_self(make_claim, editor):
    root, middle, leaf = make_claim(), make_claim(), make_claim()
    claim_merge(claim=middle, canonical=root, actor=editor)
    claim_merge(claim=leaf, canonical=middle, actor=editor)
    leaf.refresh_from_db()
    assert leaf.canonical == root
    assert leaf.events.get(kind="merged").data == {"canonical": root.pk}
    lone = make_claim()
    with pytest.raises(InvalidInput):
        claim_merge(claim=lone, canonical=lone, actor=editor)


# --- leaving the public view -------------------------------------------------------------


def test_a_queued_claim_merged_into_an_unpublished_claim_leaves_a_tombstone(
    make_claim, fact_checker, editor
):
    queued = bring_to("queued", make_claim=make_claim, checker=fact_checker, editor=editor)
    canonical = bring_to("in_review", make_claim=make_claim, checker=fact_checker, editor=editor)
    claim_merge(claim=queued, canonical=canonical, actor=editor, note="Same quote, wire copy.")
    queued.refresh_from_db()
    assert (queued.removed_reason, queued.status) == ("merged", "duplicate")
    assert queued.removed_at is not None
    event = queued.events.get(kind="merged")
    assert (event.from_status, event.to_status, event.actor) == ("queued", "duplicate", editor)
    assert event.data == {"canonical": canonical.pk}
    assert event.created_at >= queued.removed_at


def test_a_queued_claim_merged_into_a_published_claim_stays_public(
    make_claim, fact_checker, editor
):
    queued = bring_to("queued", make_claim=make_claim, checker=fact_checker, editor=editor)
    checked = bring_to("published", make_claim=make_claim, checker=fact_checker, editor=editor)
    claim_merge(claim=queued, canonical=checked, actor=editor)
    queued.refresh_from_db()
    assert queued.events.get(kind="merged").to_status == "duplicate"
    assert _public(queued)
    assert (queued.removed_at, queued.removed_reason) == (None, "")


def test_dismissing_a_candidate_leaves_no_tombstone(make_claim, editor):
    # A candidate was never public: there is nothing for a consumer to drop.
    claim = claim_dismiss(claim=make_claim(), actor=editor, reason="A forecast, not a fact.")
    assert claim.events.get(kind="dismissed").to_status == "dismissed"
    assert (claim.removed_at, claim.removed_reason) == (None, "")


def test_source_removal_keeps_what_a_verdict_cites(claim_in_review, fact_checker):
    verdict = propose(claim_in_review, fact_checker)
    cited = verdict.cited_sources.get()
    claim_remove_source(source=cited, actor=fact_checker)
    cited.refresh_from_db()
    assert cited.removed_at is not None
    assert list(verdict.cited_sources.all()) == [cited]
    assert claim_in_review.events.filter(kind="source_removed").count() == 1


def test_duplicate_source_is_refused(claim_in_review, fact_checker):
    url = claim_in_review.sources.get().url
    with pytest.raises(InvalidInput, match="already"):
        claim_add_source(claim=claim_in_review, actor=fact_checker, url=url)
    with pytest.raises(InvalidInput):
        claim_add_source(claim=claim_in_review, actor=fact_checker, url="javascript:alert(1)")


# --- corrections ------------------------------------------------------------------------


def test_reopened_claim_keeps_its_verdict_until_a_new_one_is_approved(
    make_claim, fact_checker, editor
):
    claim = bring_to("published", make_claim=make_claim, checker=fact_checker, editor=editor)
    first = claim.published_verdict
    claim_reopen(claim=claim, actor=editor, note="New data")
    claim_assign(claim=claim, actor=fact_checker, assignee=fact_checker)
    second = propose(claim, fact_checker, rating="false")
    claim.refresh_from_db()
    assert claim.status == "pending_approval"
    assert claim.published_verdict == first

    verdict_approve(verdict=second, actor=editor)
    claim.refresh_from_db()
    first.refresh_from_db()
    assert claim.published_verdict == second and second.version == 2
    assert first.state == Verdict.State.SUPERSEDED
    assert first.published_at is not None
    assert claim.events.filter(kind="approved").last().data["supersedes"] == 1


def test_changes_requested_then_new_revision(claim_in_review, fact_checker, editor):
    first = propose(claim_in_review, fact_checker)
    verdict_request_changes(verdict=first, actor=editor, note="Add the 1953 text.")
    first.refresh_from_db()
    assert first.state == "changes_requested" and first.decision_note == "Add the 1953 text."
    second = propose(claim_in_review, fact_checker)
    assert second.version == 2
    assert [v.version for v in claim_in_review.verdicts.all()] == [1, 2]


# --- refusals name the input they are about --------------------------------------------


def test_a_refusal_names_the_argument_it_is_about(
    claim_in_review, make_claim, fact_checker, other_fact_checker, editor, rating
):
    source = claim_in_review.sources.get()
    propose_kwargs = dict(claim=claim_in_review, actor=fact_checker, headline="h", summary="s")
    refusals = {
        "sources": lambda: claim_propose_verdict(**propose_kwargs, rating=rating, sources=[]),
        "rating": lambda: claim_propose_verdict(
            **propose_kwargs, rating="pants_on_fire", sources=[source]
        ),
        "url": lambda: claim_add_source(claim=claim_in_review, actor=fact_checker, url=source.url),
        "reason": lambda: claim_dismiss(claim=make_claim(), actor=editor, reason=" "),
    }
    for field, refused in refusals.items():
        with pytest.raises(InvalidInput) as caught:
            refused()
        assert caught.value.field == field
    # A refusal of the step as a whole names no input.
    with pytest.raises(ActionNotPermitted) as caught:
        claim_release(claim=claim_in_review, actor=other_fact_checker)
    assert caught.value.field is None
