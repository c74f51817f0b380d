"""Editors claiming a proposed verdict to review it: one editor at a time, never its author,
for a while, and what ends it."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from claims import roles
from claims.models import Claim, ClaimEvent, Verdict
from claims.workflow import (
    ActionNotPermitted,
    IllegalTransition,
    InvalidInput,
    verdict_approve,
    verdict_request_changes,
    verdict_withdraw,
)
from reviewers import review_holds
from reviewers.models import ReviewHold
from reviewers.review_holds import ReviewHeld, verdict_hold_for_review, verdict_release_review
from tests.claims.api.conftest import client_with_token
from tests.claims.helpers import bring_to, propose
from tests.conftest import make_user


@pytest.fixture(autouse=True)
def _no_auto_queue(settings):
    settings.AUTO_QUEUE_THRESHOLD = None


@pytest.fixture
def proposal(make_claim, fact_checker, editor) -> Verdict:
    claim = bring_to("pending_approval", make_claim=make_claim, checker=fact_checker, editor=editor)
    return claim.verdicts.get()


def events(verdict: Verdict, *kinds: str) -> list[tuple[str, str]]:
    rows = ClaimEvent.objects.filter(claim=verdict.claim_id, kind__in=kinds).order_by("id")
    return [(e.kind, e.actor.username) for e in rows.select_related("actor")]


def expire(verdict: Verdict) -> None:
    ReviewHold.objects.filter(verdict=verdict).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )


def clock(moment) -> str:
    return timezone.localtime(moment).strftime("%H:%M")


# --- taking and releasing ---------------------------------------------------------------


def test_editor_holds_a_proposal_for_half_an_hour_with_a_history_row(proposal, editor):
    before = timezone.now()
    hold = verdict_hold_for_review(verdict=proposal, actor=editor)
    assert hold.editor == editor
    assert (
        before + timedelta(minutes=30) <= hold.expires_at <= timezone.now() + timedelta(minutes=30)
    )
    assert ReviewHold.objects.get(verdict=proposal).editor == editor
    event = ClaimEvent.objects.get(claim=proposal.claim_id, kind="review_claimed")
    assert (event.actor, event.verdict_id) == (editor, proposal.pk)
    assert event.data == {"version": 1, "until": hold.expires_at.isoformat()}
    # Not a step of the claim's life: its status does not move.
    assert (event.from_status, event.to_status) == ("", "")
    assert Claim.objects.get(pk=proposal.claim_id).status == Claim.Status.PENDING_APPROVAL


def test_the_hold_lasts_as_configured(proposal, editor, settings):
    settings.REVIEW_HOLD_MINUTES = 5
    hold = verdict_hold_for_review(verdict=proposal, actor=editor)
    assert hold.expires_at - hold.held_at == timedelta(minutes=5)


def test_the_holder_pressing_again_renews_without_a_second_row(proposal, editor):
    first = verdict_hold_for_review(verdict=proposal, actor=editor)
    ReviewHold.objects.filter(verdict=proposal).update(
        expires_at=timezone.now() + timedelta(minutes=2)
    )
    again = verdict_hold_for_review(verdict=proposal, actor=editor)
    assert again.expires_at >= first.expires_at
    assert ReviewHold.objects.get(verdict=proposal).expires_at == again.expires_at
    assert events(proposal, "review_claimed") == [("review_claimed", "editor")]


def test_another_editor_is_refused_while_it_is_held(proposal, editor, other_editor):
    hold = verdict_hold_for_review(verdict=proposal, actor=editor)
    with pytest.raises(ReviewHeld) as refused:
        verdict_hold_for_review(verdict=proposal, actor=other_editor)
    assert refused.value.message == (
        f"editor is reviewing this verdict (until {clock(hold.expires_at)})."
    )
    assert refused.value.code == "illegal_transition"  # a conflict: 409 in the API
    assert ReviewHold.objects.get(verdict=proposal).editor == editor
    assert events(proposal, "review_claimed") == [("review_claimed", "editor")]


def test_an_expired_hold_is_taken_over(proposal, editor, other_editor):
    verdict_hold_for_review(verdict=proposal, actor=editor)
    expire(proposal)
    hold = verdict_hold_for_review(verdict=proposal, actor=other_editor)
    assert hold.editor == other_editor and hold.expires_at > timezone.now()
    assert ReviewHold.objects.get(verdict=proposal).editor == other_editor
    assert events(proposal, "review_claimed") == [
        ("review_claimed", "editor"),
        ("review_claimed", "editor2"),
    ]


def test_the_holder_releases_it_with_a_history_row(proposal, editor, other_editor):
    verdict_hold_for_review(verdict=proposal, actor=editor)
    verdict_release_review(verdict=proposal, actor=editor)
    assert not ReviewHold.objects.filter(verdict=proposal).exists()
    assert events(proposal, "review_claimed", "review_released") == [
        ("review_claimed", "editor"),
        ("review_released", "editor"),
    ]
    verdict_hold_for_review(verdict=proposal, actor=other_editor)  # free again


def test_only_the_holder_releases_it(proposal, editor, other_editor):
    verdict_hold_for_review(verdict=proposal, actor=editor)
    with pytest.raises(IllegalTransition, match=r"You are not reviewing this verdict\."):
        verdict_release_review(verdict=proposal, actor=other_editor)
    assert ReviewHold.objects.get(verdict=proposal).editor == editor
    assert events(proposal, "review_released") == []


# --- who may hold -------------------------------------------------------------------------


def test_editor_cannot_hold_their_own_verdict(make_claim, editor):
    claim = bring_to("pending_approval", make_claim=make_claim, checker=editor, editor=editor)
    with pytest.raises(ActionNotPermitted, match="You cannot review your own verdict"):
        verdict_hold_for_review(verdict=claim.verdicts.get(), actor=editor)
    assert not ReviewHold.objects.exists()


# The fact-checker proposed it: four eyes, and the role, both refuse them.
@pytest.mark.parametrize("persona", ["fact_checker", "other_fact_checker", "consumer"])
def test_fact_checkers_and_consumers_cannot_hold(request, proposal, persona):
    with pytest.raises(ActionNotPermitted, match=r"Only editors review proposed verdicts\."):
        verdict_hold_for_review(verdict=proposal, actor=request.getfixturevalue(persona))
    assert not ReviewHold.objects.exists()
    assert events(proposal, "review_claimed") == []


def test_nobody_signed_in_cannot_hold(proposal, anonymous):
    for actor in (None, anonymous):
        with pytest.raises(ActionNotPermitted):
            verdict_hold_for_review(verdict=proposal, actor=actor)


def test_a_decided_verdict_cannot_be_held(proposal, editor, other_editor):
    verdict_approve(verdict=proposal, actor=other_editor)
    with pytest.raises(IllegalTransition, match="This verdict is approved"):
        verdict_hold_for_review(verdict=proposal, actor=editor)


# --- what the hold does to decisions ------------------------------------------------------


def test_another_editor_may_not_approve_while_it_is_held(proposal, editor, other_editor):
    hold = verdict_hold_for_review(verdict=proposal, actor=editor)
    with pytest.raises(ReviewHeld) as refused:
        verdict_approve(verdict=proposal, actor=other_editor)
    assert refused.value.message.startswith(
        f"editor is reviewing this verdict (until {clock(hold.expires_at)}): they decide"
    )
    proposal.refresh_from_db()
    assert proposal.state == Verdict.State.PROPOSED
    assert ReviewHold.objects.get(verdict=proposal).editor == editor  # rolled back whole
    assert events(proposal, "approved") == []


def test_another_editor_may_not_request_changes_while_it_is_held(proposal, editor, other_editor):
    verdict_hold_for_review(verdict=proposal, actor=editor)
    with pytest.raises(ReviewHeld):
        verdict_request_changes(verdict=proposal, actor=other_editor, note="Quote it.")
    # The hold is what they are told first, even with the note missing.
    with pytest.raises(ReviewHeld):
        verdict_request_changes(verdict=proposal, actor=other_editor, note="")
    assert Verdict.objects.get(pk=proposal.pk).state == Verdict.State.PROPOSED


def test_after_the_hold_expired_another_editor_may_decide(proposal, editor, other_editor):
    verdict_hold_for_review(verdict=proposal, actor=editor)
    expire(proposal)
    verdict_approve(verdict=proposal, actor=other_editor)
    assert Verdict.objects.get(pk=proposal.pk).state == Verdict.State.APPROVED
    assert not ReviewHold.objects.exists()


def test_approving_ends_the_hold(proposal, editor):
    verdict_hold_for_review(verdict=proposal, actor=editor)
    verdict_approve(verdict=proposal, actor=editor)
    assert not ReviewHold.objects.exists()
    assert events(proposal, "review_claimed", "approved") == [
        ("review_claimed", "editor"),
        ("approved", "editor"),
    ]


def test_requesting_changes_ends_the_hold(proposal, editor):
    verdict_hold_for_review(verdict=proposal, actor=editor)
    with pytest.raises(InvalidInput):  # refused for its note: the hold stays
        verdict_request_changes(verdict=proposal, actor=editor, note=" ")
    assert ReviewHold.objects.filter(verdict=proposal).exists()
    verdict_request_changes(verdict=proposal, actor=editor, note="Quote the treaty.")
    assert not ReviewHold.objects.exists()


def test_the_author_withdrawing_ends_the_hold(proposal, editor, fact_checker):
    verdict_hold_for_review(verdict=proposal, actor=editor)
    verdict_withdraw(verdict=proposal, actor=fact_checker)
    assert not ReviewHold.objects.exists()
    assert Verdict.objects.get(pk=proposal.pk).state == Verdict.State.WITHDRAWN


def test_the_next_revision_starts_free(proposal, editor, other_editor, fact_checker):
    verdict_hold_for_review(verdict=proposal, actor=editor)
    verdict_request_changes(verdict=proposal, actor=editor, note="Quote the treaty.")
    revision = propose(Claim.objects.get(pk=proposal.claim_id), fact_checker)
    assert verdict_hold_for_review(verdict=revision, actor=other_editor).editor == other_editor


def test_the_api_refuses_a_decision_on_a_held_verdict(proposal, editor, other_editor):
    verdict_hold_for_review(verdict=proposal, actor=editor)
    response = client_with_token(other_editor, "review").post(
        f"/api/v1/verdicts/{proposal.pk}/approve/", {}
    )
    assert response.status_code == 409
    assert response.json()["detail"].startswith("editor is reviewing this verdict")
    assert Verdict.objects.get(pk=proposal.pk).state == Verdict.State.PROPOSED


def test_the_api_inbox_says_who_reviews_what(
    make_claim, fact_checker, editor, other_editor, django_assert_max_num_queries
):
    verdicts = [
        bring_to(
            "pending_approval", make_claim=make_claim, checker=fact_checker, editor=editor
        ).verdicts.get()
        for _ in range(3)
    ]
    hold = verdict_hold_for_review(verdict=verdicts[0], actor=editor)
    verdict_hold_for_review(verdict=verdicts[1], actor=editor)
    expire(verdicts[1])
    client = client_with_token(other_editor, "review")
    client.get("/api/v1/inbox/")  # the token's last use recorded
    # Token lookup (with its user), the editor's permissions (user + group), and the
    # selector's one query, holds and their editors joined; at most one write recording
    # the token's last use.
    with django_assert_max_num_queries(5):
        items = client.get("/api/v1/inbox/").json()
    assert [i["review_hold"] for i in items] == [
        {
            "editor": {"id": editor.pk, "username": "editor"},
            "expires_at": hold.expires_at.isoformat().replace("+00:00", "Z"),
        },
        None,  # expired: nobody is reviewing it
        None,
    ]


# --- two editors at once -----------------------------------------------------------------


def test_of_two_editors_taking_it_at_once_exactly_one_wins(
    proposal, editor, other_editor, monkeypatch
):
    """The race, replayed in one connection: editor2 reads "nobody holds it" (before the
    editor's hold is committed) and then writes. The insert of a second hold for the
    verdict fails, and editor2 is told who won."""
    hold = verdict_hold_for_review(verdict=proposal, actor=editor)
    monkeypatch.setattr(review_holds, "_current", _stale(review_holds._current, None))
    with pytest.raises(ReviewHeld) as refused:
        verdict_hold_for_review(verdict=proposal, actor=other_editor)
    assert (
        refused.value.message
        == f"editor is reviewing this verdict (until {clock(hold.expires_at)})."
    )
    assert ReviewHold.objects.get(verdict=proposal).editor == editor
    assert events(proposal, "review_claimed") == [("review_claimed", "editor")]


def test_of_two_editors_taking_over_an_expired_hold_at_once_exactly_one_wins(
    proposal, editor, other_editor, admin_user, monkeypatch
):
    """Both read the same expired hold; the editor takes it over first. editor2's update,
    conditional on the hold being the expired one it read, changes nothing."""
    verdict_hold_for_review(verdict=proposal, actor=admin_user)
    expire(proposal)
    expired = ReviewHold.objects.select_related("editor").get(verdict=proposal)
    won = verdict_hold_for_review(verdict=proposal, actor=editor)
    monkeypatch.setattr(review_holds, "_current", _stale(review_holds._current, expired))
    with pytest.raises(ReviewHeld, match=r"^editor is reviewing this verdict"):
        verdict_hold_for_review(verdict=proposal, actor=other_editor)
    assert ReviewHold.objects.get(verdict=proposal).editor == editor
    assert ReviewHold.objects.get(verdict=proposal).expires_at == won.expires_at


def _stale(read, seen):
    """``read`` answering ``seen`` the first time: what the loser saw before the winner
    committed; later reads (who won, for the message) see the database."""
    calls = []

    def stale_read(verdict_pk):
        calls.append(verdict_pk)
        return seen if len(calls) == 1 else read(verdict_pk)

    return stale_read


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_editors_pressing_review_this_together_on_postgresql(settings):
    if connection.vendor != "postgresql":
        pytest.skip("this run uses SQLite; the PostgreSQL run (DATABASE_URL) covers it")
    settings.AUTO_QUEUE_THRESHOLD = None
    from claims.workflow import claim_create

    checker = make_user("race-checker", roles.FACT_CHECKERS)
    editors = [make_user(f"race-editor{i}", roles.EDITORS) for i in range(2)]
    claim = bring_to(
        "pending_approval",
        make_claim=lambda: claim_create(text="The truce has held for 70 years."),
        checker=checker,
        editor=editors[0],
    )
    verdict = claim.verdicts.get()
    start = threading.Barrier(len(editors))
    won, refused, errors = [], [], []

    def press(user) -> None:
        try:
            start.wait()
            verdict_hold_for_review(verdict=verdict.pk, actor=user)
            won.append(user.username)
        except ReviewHeld as exc:
            refused.append(exc.message)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=press, args=(user,)) for user in editors]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors, errors
    assert len(won) == 1 and len(refused) == 1
    assert refused[0].startswith(f"{won[0]} is reviewing this verdict")
    assert ReviewHold.objects.get(verdict=verdict).editor.username == won[0]
    assert ClaimEvent.objects.filter(claim=claim, kind="review_claimed").count() == 1
