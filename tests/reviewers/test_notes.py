"""Internal notes on a claim: who may write and read them, the history row written with
each, @mentions of desk members notified once after commit, and nothing else changed."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from claims.immutability import ImmutableRecordError
from claims.models import Claim, ClaimEvent
from claims.workflow import ActionNotPermitted, InvalidInput
from reviewers import selectors
from reviewers.models import ClaimNote
from reviewers.services import NOTE_MAX_LENGTH, claim_add_note, mentioned_names
from tests.conftest import make_user

SITE = "https://desk.example.org/"


@pytest.fixture(autouse=True)
def _setup(settings):
    settings.SITE_URL = SITE
    cache.clear()


def add(claim, actor, body, capture):
    with capture(execute=True):
        return claim_add_note(claim=claim, actor=actor, body=body)


# --- writing ----------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["fact_checker", "editor"])
def test_a_desk_member_adds_a_note_with_its_history_row(request, claim, persona):
    author = request.getfixturevalue(persona)
    note = claim_add_note(claim=claim, actor=author, body="  Ask the ministry for the table.  ")
    assert (note.claim_id, note.author, note.body) == (
        claim.pk,
        author,
        "Ask the ministry for the table.",
    )
    event = ClaimEvent.objects.get(claim=claim, kind=ClaimEvent.Kind.NOTE_ADDED)
    assert event.actor == author
    assert event.data == {"note": note.pk, "mentions": []}
    # A note is not a step of the claim's life: no status in the history row.
    assert (event.from_status, event.to_status) == ("", "")


@pytest.mark.parametrize("persona", ["consumer", "anonymous"])
def test_the_wrong_role_is_refused(request, claim, persona):
    with pytest.raises(ActionNotPermitted):
        claim_add_note(claim=claim, actor=request.getfixturevalue(persona), body="Hello")
    assert not ClaimNote.objects.exists()
    assert not ClaimEvent.objects.filter(kind=ClaimEvent.Kind.NOTE_ADDED).exists()


@pytest.mark.parametrize("body", ["", "   \n  ", "x" * (NOTE_MAX_LENGTH + 1)])
def test_an_empty_or_too_long_note_is_refused_and_nothing_is_written(claim, fact_checker, body):
    with pytest.raises(InvalidInput) as refused:
        claim_add_note(claim=claim, actor=fact_checker, body=body)
    assert refused.value.field == "body"
    assert not ClaimNote.objects.exists()
    assert not ClaimEvent.objects.filter(kind=ClaimEvent.Kind.NOTE_ADDED).exists()


def test_a_note_of_the_maximum_length_is_accepted(claim, fact_checker):
    # Windows line ends count once, as the browser's textarea shows them.
    body = "x\r\n" * (NOTE_MAX_LENGTH // 2 - 1) + "xx"
    note = claim_add_note(claim=claim, actor=fact_checker, body=body)
    assert len(note.body) == NOTE_MAX_LENGTH and "\r" not in note.body


def test_notes_are_never_edited_or_deleted(claim, fact_checker):
    note = claim_add_note(claim=claim, actor=fact_checker, body="First thought.")
    note.body = "Second thought."
    with pytest.raises(ImmutableRecordError):
        note.save()
    with pytest.raises(ImmutableRecordError):
        note.delete()
    with pytest.raises(ImmutableRecordError):
        ClaimNote.objects.filter(pk=note.pk).update(body="Rewritten")
    assert ClaimNote.objects.get().body == "First thought."


def test_a_note_leaves_the_claim_and_its_public_position_alone(claim_in_review, fact_checker):
    before = Claim.objects.values("status", "updated_at", "synced_at").get(pk=claim_in_review.pk)
    claim_add_note(claim=claim_in_review, actor=fact_checker, body="Still waiting on a source.")
    after = Claim.objects.values("status", "updated_at", "synced_at").get(pk=claim_in_review.pk)
    assert after == before


# --- mentions ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "names"),
    [
        ("@editor, can you look?", ["editor"]),
        ("Thanks @checker2.", ["checker2"]),
        ("(@editor) and @editor again", ["editor"]),
        ("Mail editor@example.org instead", []),
        ("@first.last-1 and @a_b", ["first.last-1", "a_b"]),
        ("email@ and @ alone", []),
    ],
)
def test_mentioned_names(body, names):
    assert mentioned_names(body) == names


def test_a_mentioned_desk_member_is_mailed_once_with_a_link_to_the_note(
    claim, fact_checker, editor, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        note = claim_add_note(
            claim=claim, actor=fact_checker, body="@editor please check. @editor, twice!"
        )
        assert mailoutbox == []  # nothing leaves before the commit
    for callback in callbacks:
        callback()
    [message] = mailoutbox
    assert message.to == ["editor@example.org"]
    assert message.subject == f"[Fact-check] checker mentioned you on claim #{claim.pk}"
    assert "@editor please check." in message.body
    assert f"{SITE}desk/claims/{claim.pk}/#note-{note.pk}" in message.body
    assert note.mentions == ["editor"]
    assert ClaimEvent.objects.get(kind="note_added").data["mentions"] == ["editor"]


def test_unknown_and_off_desk_names_are_not_mentions(
    claim, fact_checker, consumer, mailoutbox, django_capture_on_commit_callbacks
):
    retired = make_user("retired", "fact-checkers", email="retired@example.org", is_active=False)
    note = add(
        claim,
        fact_checker,
        f"@nobody @{consumer.username} @{retired.username} @admin",
        django_capture_on_commit_callbacks,
    )
    assert note.mentions == []
    assert mailoutbox == []


def test_the_author_is_not_mailed_about_their_own_mention(
    claim, fact_checker, other_fact_checker, mailoutbox, django_capture_on_commit_callbacks
):
    note = add(
        claim,
        fact_checker,
        "Note to self @checker, and to @checker2",
        django_capture_on_commit_callbacks,
    )
    assert note.mentions == ["checker", "checker2"]
    assert [m.to for m in mailoutbox] == [["checker2@example.org"]]


def test_a_refused_note_mails_no_one(
    claim, consumer, editor, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ActionNotPermitted):
        claim_add_note(claim=claim, actor=consumer, body="@editor hello")
    assert mailoutbox == []


# --- reading ----------------------------------------------------------------------------


def test_the_thread_is_read_oldest_first_in_one_query(
    claim, make_claim, fact_checker, editor, django_assert_num_queries
):
    first = claim_add_note(claim=claim, actor=fact_checker, body="One")
    second = claim_add_note(claim=claim, actor=editor, body="Two")
    claim_add_note(claim=make_claim(), actor=editor, body="Another claim's")
    # The notes with their authors.
    with django_assert_num_queries(1):
        notes = list(selectors.claim_notes(viewer=editor, claim=claim))
        assert [n.author.username for n in notes] == ["checker", "editor"]
    assert notes == [first, second]


@pytest.mark.parametrize("persona", ["consumer", "anonymous"])
def test_only_the_desk_reads_the_thread(request, claim, fact_checker, persona):
    claim_add_note(claim=claim, actor=fact_checker, body="Internal")
    with pytest.raises(ActionNotPermitted):
        selectors.claim_notes(viewer=request.getfixturevalue(persona), claim=claim)
