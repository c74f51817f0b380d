"""The desk's claim page shows the stored matches, and a reviewer confirms or rejects them."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from claims.matching.services import claim_link_reject
from claims.models import Article, Claim, ClaimEvent, ClaimLink

KNOWN = "An armed truce has been in place on the Korean Peninsula for more than 70 years."
LIKELY = (
    "An armed truce has held on the Korean Peninsula for more than seventy years, officials said."
)


@pytest.fixture
def suggestion(make_claim, db) -> ClaimLink:
    make_claim(KNOWN)
    other = Article.objects.create(url="https://b.example.org/", content_hash="2" * 64)
    repeat = make_claim(LIKELY, article=other)
    return ClaimLink.objects.get(claim=repeat)


def page(client: Client, claim_id: int) -> str:
    return client.get(reverse("desk:claim", args=[claim_id])).content.decode()


def test_the_page_lists_stored_matches_with_buttons(checker_client, suggestion):
    html = page(checker_client, suggestion.claim_id)
    assert reverse("desk:claim", args=[suggestion.matched_id]) in html
    assert "this claim repeats it" in html and "suggested" in html
    assert reverse("desk:match-confirm", args=[suggestion.pk]) in html
    assert reverse("desk:match-reject", args=[suggestion.pk]) in html
    # And from the known claim's side.
    html = page(checker_client, suggestion.matched_id)
    assert (
        "repeats this claim" in html and reverse("desk:claim", args=[suggestion.claim_id]) in html
    )


def test_rejected_matches_are_not_listed(checker_client, suggestion, editor):
    claim_link_reject(link=suggestion, actor=editor)
    html = page(checker_client, suggestion.claim_id)
    assert "Claims that look like it" not in html


def test_confirming_merges_and_says_so(checker_client, suggestion, fact_checker):
    url = reverse("desk:match-confirm", args=[suggestion.pk])
    response = checker_client.post(url, {"note": "Same truce."})
    assert response.status_code == 302
    assert response["Location"] == reverse("desk:claim", args=[suggestion.claim_id])
    claim = Claim.objects.get(pk=suggestion.claim_id)
    assert claim.status == Claim.Status.DUPLICATE and claim.canonical_id == suggestion.matched_id
    event = ClaimEvent.objects.get(claim=claim, kind=ClaimEvent.Kind.MATCH_CONFIRMED)
    assert event.actor == fact_checker and event.note == "Same truce."
    assert "Match confirmed" in next(str(m) for m in get_messages(response.wsgi_request))


def test_rejecting_records_the_decision(editor_client, suggestion, editor):
    response = editor_client.post(reverse("desk:match-reject", args=[suggestion.pk]))
    assert response.status_code == 302
    link = ClaimLink.objects.get(pk=suggestion.pk)
    assert link.state == ClaimLink.State.REJECTED and link.decided_by == editor
    assert Claim.objects.get(pk=suggestion.claim_id).status == Claim.Status.CANDIDATE


def test_a_decided_match_is_refused_on_the_claim_page(editor_client, suggestion, editor):
    claim_link_reject(link=suggestion, actor=editor)
    response = editor_client.post(reverse("desk:match-confirm", args=[suggestion.pk]))
    assert response.status_code == 409  # the claim page again: see test_refused_forms
    assert "already rejected" in response.content.decode()
    assert ClaimLink.objects.get(pk=suggestion.pk).state == ClaimLink.State.REJECTED


@pytest.mark.parametrize("name", ["desk:match-confirm", "desk:match-reject"])
def test_a_consumer_is_refused(consumer_client, suggestion, name):
    response = consumer_client.post(reverse(name, args=[suggestion.pk]))
    assert response.status_code == 403
    assert ClaimLink.objects.get(pk=suggestion.pk).state == ClaimLink.State.SUGGESTED


def test_a_get_does_nothing(checker_client, suggestion):
    response = checker_client.get(reverse("desk:match-confirm", args=[suggestion.pk]))
    assert response.status_code == 405


def test_the_forms_need_the_csrf_token(fact_checker, members, suggestion):
    client = Client(enforce_csrf_checks=True)
    client.force_login(fact_checker)
    response = client.post(reverse("desk:match-confirm", args=[suggestion.pk]))
    assert response.status_code == 403
    assert ClaimLink.objects.get(pk=suggestion.pk).state == ClaimLink.State.SUGGESTED
    assert 'name="csrfmiddlewaretoken"' in page(client, suggestion.claim_id)
