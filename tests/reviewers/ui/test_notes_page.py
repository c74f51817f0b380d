"""The notes thread on the claim page: who sees it and may post, a refused note coming back
with what was typed, escaping and mentions; and the notes staying off everything public
(the public page, the home page, the public API, ClaimReview, exports, webhooks)."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims import export
from claims.models import ClaimEvent, WebhookDelivery
from claims.webhooks import webhook_subscribe
from claims.workflow import verdict_approve
from reviewers.models import ClaimNote
from reviewers.services import NOTE_MAX_LENGTH, claim_add_note
from tests.claims.api.conftest import client_with_token
from tests.claims.helpers import bring_to
from tests.openapi import openapi_schema
from tests.reviewers.ui.test_pages import XSS, claim_url, texts

SECRET = "Internal only: the ministry has not answered yet"


def note_url(claim) -> str:
    return reverse("desk:note-add", args=[claim.pk])


# --- the desk ---------------------------------------------------------------------------


def test_desk_members_read_the_thread_on_the_claim_page(
    checker_client, editor_client, claim_in_review, editor
):
    note = claim_add_note(claim=claim_in_review, actor=editor, body=SECRET)
    for client in (checker_client, editor_client):
        html = client.get(claim_url(claim_in_review)).content.decode()
        assert 'id="notes-heading"' in html and f'id="note-{note.pk}"' in html
        assert SECRET in html
        assert f'action="{note_url(claim_in_review)}"' in html
    # The history names the note and links to it.
    assert f'href="#note-{note.pk}"' in html and "Note added" in html


def test_posting_a_note_adds_it_with_its_history_row(checker_client, claim_in_review, fact_checker):
    response = checker_client.post(note_url(claim_in_review), {"body": "Called the press office."})
    note = ClaimNote.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{claim_url(claim_in_review)}#note-{note.pk}"
    assert texts(response) == ["Note added."]
    assert (note.author, note.body) == (fact_checker, "Called the press office.")
    assert ClaimEvent.objects.filter(
        claim=claim_in_review, kind="note_added", actor=fact_checker, data__note=note.pk
    ).exists()


def test_the_wrong_role_is_refused(consumer_client, client, claim_in_review):
    # A consumer: refused, and the claim page (with its notes) is not theirs either.
    response = consumer_client.post(note_url(claim_in_review), {"body": "Hello"})
    assert response.status_code == 403
    assert consumer_client.get(claim_url(claim_in_review)).status_code == 403
    # Anonymous: sent to sign in.
    response = client.post(note_url(claim_in_review), {"body": "Hello"})
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert not ClaimNote.objects.exists()


def test_a_note_needs_a_post(checker_client, claim_in_review):
    assert checker_client.get(note_url(claim_in_review)).status_code == 405


def test_an_empty_note_is_refused_beside_the_field(checker_client, claim_in_review):
    response = checker_client.post(note_url(claim_in_review), {"body": "   "})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="note-body_error"' in html and "Write the note first." in html
    assert 'aria-describedby="note-body_error"' in html
    assert not ClaimNote.objects.exists()


def test_a_too_long_note_comes_back_with_what_was_typed(checker_client, claim_in_review):
    typed = "Long " + "y" * NOTE_MAX_LENGTH
    response = checker_client.post(note_url(claim_in_review), {"body": typed})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="note-body_error"' in html and "at most 4000 characters" in html
    assert typed in html  # the textarea holds the input
    assert not ClaimNote.objects.exists()


def test_a_note_is_escaped_and_shows_its_mentions(
    checker_client, claim_in_review, fact_checker, editor, mailoutbox
):
    body = f"{XSS} @editor, see @nobody\nsecond line"
    claim_add_note(claim=claim_in_review, actor=fact_checker, body=body)
    html = checker_client.get(claim_url(claim_in_review)).content.decode()
    thread = html.split('id="notes-heading"')[1].split('id="history-heading"')[0]
    assert XSS not in thread
    assert "&lt;img src=x onerror=alert(1)&gt;" in thread
    assert '<strong class="mention">@editor</strong>, see @nobody<br>\nsecond line' in thread


def test_a_mention_posted_from_the_page_mails_the_member_once(
    checker_client, claim_in_review, editor, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        checker_client.post(note_url(claim_in_review), {"body": "@editor @editor look"})
    assert [m.to for m in mailoutbox] == [["editor@example.org"]]


def test_the_claim_page_reads_the_thread_in_one_query(
    checker_client, claim_in_review, fact_checker, editor
):
    def page_queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert checker_client.get(claim_url(claim_in_review)).status_code == 200
        return len(captured)

    claim_add_note(claim=claim_in_review, actor=fact_checker, body="One")
    one = page_queries()
    for n in range(5):
        claim_add_note(claim=claim_in_review, actor=editor if n % 2 else fact_checker, body=f"{n}")
    assert page_queries() == one  # notes with their authors: one query, however many


# --- nothing public ---------------------------------------------------------------------


@pytest.fixture
def published_with_note(make_claim, fact_checker, editor):
    claim = bring_to("published", make_claim=make_claim, checker=fact_checker, editor=editor)
    claim_add_note(claim=claim, actor=editor, body=f"{SECRET} @checker")
    return claim


def test_notes_are_not_on_the_public_or_home_page(client, published_with_note):
    claim = published_with_note
    page = client.get(f"/checks/{claim.pk}/", follow=True)
    assert page.status_code == 200 and "Our verdict" in page.content.decode()
    home = client.get("/")
    assert claim.statement[:40] in home.content.decode()
    for response in (page, home):
        html = response.content.decode()
        assert SECRET not in html and "Internal notes" not in html


def test_notes_are_not_in_the_public_api_or_claimreview(consumer, published_with_note):
    claim = published_with_note
    reader = client_with_token(consumer, "read")
    bodies = [
        reader.get(f"/api/v1/claims/{claim.pk}/"),
        reader.get("/api/v1/claims/"),
        reader.get(f"/api/v1/claims/{claim.pk}/claimreview/"),
        reader.get("/api/v1/claimreview/"),
    ]
    assert [r.status_code for r in bodies] == [200] * 4
    assert all(str(claim.pk) in r.content.decode() for r in bodies)  # the claim is there
    for response in bodies:
        text = response.content.decode()
        assert SECRET not in text and "note_added" not in text


def _refs(node, components, seen) -> set[str]:
    """The component schemas ``node`` uses, directly or through other components."""
    if isinstance(node, dict):
        ref = node.get("$ref", "")
        if ref.startswith("#/components/schemas/"):
            name = ref.rsplit("/", 1)[1]
            if name not in seen:
                seen.add(name)
                _refs(components[name], components, seen)
        for value in node.values():
            _refs(value, components, seen)
    elif isinstance(node, list):
        for value in node:
            _refs(value, components, seen)
    return seen


def test_notes_are_not_in_the_public_schema(db):
    schema = openapi_schema()
    components = schema["components"]["schemas"]
    # There is no notes endpoint; the staff history names the event kind, nothing else.
    assert not [path for path in schema["paths"] if "note" in path]
    with_notes = {name for name, c in components.items() if "note_added" in json.dumps(c)}
    assert with_notes == {"ClaimEventKindEnum"}
    users = {
        (path, method, tuple(op["tags"]))
        for path, operations in schema["paths"].items()
        for method, op in operations.items()
        if isinstance(op, dict) and with_notes & _refs(op, components, set())
    }
    assert users == {("/api/v1/claims/{id}/history/", "get", ("Workflow (staff)",))}


def test_notes_are_not_exported(published_with_note):
    records = list(export.iter_claim_records())
    assert [r["id"] for r in records] == [published_with_note.pk]
    dumped = json.dumps(records, default=str)
    assert SECRET not in dumped


def test_notes_reach_no_webhook(
    admin_user, make_claim, fact_checker, editor, settings, django_capture_on_commit_callbacks
):
    settings.INGEST_ALLOW_LOOPBACK = True
    settings.WEBHOOK_TIMEOUT_SECONDS = 0.5
    webhook_subscribe(
        actor=admin_user,
        url="http://127.0.0.1:9/hook",  # nothing listens: the delivery is recorded, not sent
        events=["verdict.published", "verdict.corrected", "claim.created"],
    )
    claim = bring_to("pending_approval", make_claim=make_claim, checker=fact_checker, editor=editor)
    before = set(WebhookDelivery.objects.values_list("event", flat=True))
    assert before == {"claim.created"}  # the claim under review is public, as pending
    with django_capture_on_commit_callbacks(execute=True):
        claim_add_note(claim=claim, actor=editor, body=SECRET)
    # A note is no event of the public record: nothing more to deliver.
    assert WebhookDelivery.objects.count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        verdict_approve(verdict=claim.verdicts.get(state="proposed"), actor=editor)
        claim_add_note(claim=claim, actor=editor, body=SECRET + " (after)")
    deliveries = list(WebhookDelivery.objects.order_by("id"))
    assert [d.event for d in deliveries] == ["claim.created", "verdict.published"]
    assert all(SECRET not in json.dumps(d.payload) for d in deliveries)
