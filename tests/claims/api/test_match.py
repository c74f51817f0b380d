"""``GET /api/v1/claims/match/?text=``: has this been checked before? And the issue's
"done when": a repeat in a second article is matched, shown to the desk, and answered with
the first claim's verdict once that is published."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.urls import reverse

from claims.ingestion.pipeline import ingest_text
from claims.models import Claim, ClaimLink
from claims.workflow import claim_assign, claim_dismiss, verdict_approve
from tests.claims.api.conftest import client_with_token
from tests.claims.helpers import propose
from tests.reviewers.ui.conftest import signed_in

MATCH = "/api/v1/claims/match/"
SEED = Path(__file__).resolve().parents[3].parent / "shared/fixtures/seed-article-buffer-zone.txt"
TRUCE = "An armed truce has been in place on the Korean Peninsula for more than 70 years."
SECOND_ARTICLE = "\n\n".join(
    [
        "Seoul talks",
        "For more than seventy years, an armed truce has been in place on the Korean Peninsula.",
        "The American company, founded by Peter Thiel and led by Alexander Karp, specialises in "
        "data analytics and artificial intelligence.",
        "Officials in Brussels declined to comment on the talks on Tuesday.",
    ]
)


def publish(claim: Claim, checker, editor) -> Claim:
    if claim.status == Claim.Status.CANDIDATE:
        from claims.workflow import claim_triage

        claim_triage(claim=claim, actor=editor)
    claim_assign(claim=claim, actor=checker, assignee=checker)
    verdict_approve(verdict=propose(claim, checker), actor=editor)
    claim.refresh_from_db()
    return claim


def test_anonymous_callers_must_authenticate(api, db):
    assert api.get(MATCH, {"text": TRUCE}).status_code == 401


def test_a_token_without_the_read_scope_is_refused(consumer):
    client = client_with_token(consumer, "ingest")
    assert client.get(MATCH, {"text": TRUCE}).status_code == 403


def test_text_is_required(reader):
    response = reader.get(MATCH)
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "text"


def test_published_matches_best_first_with_their_verdicts(reader, make_claim, fact_checker, editor):
    exact = publish(make_claim(TRUCE), fact_checker, editor)
    near = publish(
        make_claim(
            "An armed truce has held on the Korean Peninsula for more than 70 years, "
            "officials said."
        ),
        fact_checker,
        editor,
    )
    # Unpublished (a duplicate of the published one, auto-linked): not answered by itself.
    make_claim(
        "An armed truce has been in place on the Korean Peninsula for more than 70 years, he said."
    )
    other = make_claim("A ceasefire has held on the Korean Peninsula since 1953, he said.")
    claim_dismiss(claim=other, actor=editor, reason="Background.")
    reworded = "For more than 70 years, an armed truce has been in place on the Korean Peninsula."
    response = reader.get(MATCH, {"text": reworded})
    assert response.status_code == 200, response.content
    matches = response.json()["matches"]
    assert [m["claim"]["id"] for m in matches] == [exact.pk, near.pk]
    assert matches[0]["score"] >= matches[1]["score"]
    assert matches[0]["claim"]["verdict"]["rating"] == "mostly_true"
    assert matches[0]["claim"]["review_status"] == "published"
    assert {m["decision"] for m in matches} <= {"auto", "suggest"}


def test_a_published_check_is_found_from_its_bare_claim_and_from_another_frame(
    reader, make_claim, fact_checker, editor
):
    # Stored as printed, with its speaker; checked on its claim text.
    checked = publish(
        make_claim(
            "Ticket revenue now covers 61 percent of the network's operating costs, "
            "transport director Ines Varga told the council.",
            claim_text="Ticket revenue now covers 61 percent of the network's operating costs",
            claimant="Ines Varga",
            claimant_role="transport director",
            cue="told",
        ),
        fact_checker,
        editor,
    )
    for text in (
        # What a platform's user pastes: the bare claim, in other words.
        "Fares now pay for 61 per cent of what it costs to run the transport network",
        # The same claim printed elsewhere under another speaker's frame.
        "Ticket revenue now covers 61% of the network's operating costs, a city spokesman said.",
    ):
        response = reader.get(MATCH, {"text": text})
        assert response.status_code == 200, response.content
        assert [m["claim"]["id"] for m in response.json()["matches"]] == [checked.pk], text
    # A different figure is not the same check.
    response = reader.get(
        MATCH, {"text": "Ticket revenue now covers 16 percent of the network's operating costs."}
    )
    assert response.json() == {"matches": []}


def test_unpublished_claims_are_never_answered(reader, make_claim, editor):
    claim = make_claim(TRUCE)
    from claims.workflow import claim_triage

    claim_triage(claim=claim, actor=editor)
    response = reader.get(MATCH, {"text": TRUCE})
    assert response.json() == {"matches": []}


@pytest.mark.parametrize("how_many", [1, 8])
def test_query_count_is_fixed(
    how_many, reader, make_claim, fact_checker, editor, django_assert_num_queries, settings
):
    settings.MATCH_AUTO_THRESHOLD = 1.01  # the near-identical claims stay apart to be published
    for n in range(how_many):
        publish(
            make_claim(
                f"An armed truce has been in place on the Korean Peninsula for "
                f"more than 70 years, says report {'ABCDEFGHIJ'[n]}."
            ),
            fact_checker,
            editor,
        )
    reader.get(MATCH, {"text": TRUCE})  # the token's last use is recorded once
    # 1 token (with its user), 2 the user's and its groups' permissions, 1 the index
    # lookup, 2 the nearest stored vectors and which of them may be candidates (the
    # embedding cells; their centroids were read by the first request and are cached), 1
    # the published candidates with article, verdict and rating joined in, 1 their stored
    # embeddings (the re-ranker), 1 the record's version (a list's Last-Modified).
    with django_assert_num_queries(9):
        response = reader.get(MATCH, {"text": TRUCE, "limit": 20})
    assert len(response.json()["matches"]) == how_many


def test_the_endpoint_is_in_the_schema(reader, admin_user):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(admin_user)
    schema = client.get(reverse("schema"), {"format": "json"})
    operation = schema.json()["paths"]["/api/v1/claims/match/"]["get"]
    assert operation["operationId"] == "claims_match"
    assert {p["name"] for p in operation["parameters"]} >= {"text", "limit"}


# --- done when ---------------------------------------------------------------------------


def test_a_repeat_in_a_second_article_is_matched_shown_and_answered_with_the_verdict(
    django_capture_on_commit_callbacks, fact_checker, editor, reader
):
    with django_capture_on_commit_callbacks(execute=True):
        seed = ingest_text(text=SEED.read_text(encoding="utf-8"), title="Buffer zone")
    first = Claim.objects.get(article=seed.article, text=TRUCE)
    with django_capture_on_commit_callbacks(execute=True):
        second = ingest_text(text=SECOND_ARTICLE, title="Seoul talks")
    repeat = Claim.objects.get(article=second.article, text__startswith="For more than seventy")

    # The match is stored...
    link = ClaimLink.objects.get(claim=repeat, matched=first)
    assert link.state == ClaimLink.State.CONFIRMED and link.method == "blended"
    repeat.refresh_from_db()
    assert repeat.status == Claim.Status.DUPLICATE and repeat.canonical == first
    # ...and shown to the reviewer, on both claims' pages.
    desk = signed_in(fact_checker)
    html = desk.get(reverse("desk:claim", args=[repeat.pk])).content.decode()
    assert "Claims that look like it" in html and reverse("desk:claim", args=[first.pk]) in html
    html = desk.get(reverse("desk:claim", args=[first.pk])).content.decode()
    assert "repeats this claim" in html and reverse("desk:claim", args=[repeat.pk]) in html
    # A weaker repeat (another claim of the seed) waits for the reviewer's decision.
    karp = ClaimLink.objects.get(claim__article=second.article, claim__text__contains="Karp")
    assert karp.state == ClaimLink.State.SUGGESTED
    assert "Same claim" in desk.get(reverse("desk:claim", args=[karp.claim_id])).content.decode()

    # Not published yet: the consumer sees nothing of either.
    assert reader.get(f"/api/v1/claims/{repeat.pk}/").status_code == 404
    assert reader.get(MATCH, {"text": repeat.text}).json() == {"matches": []}

    publish(first, fact_checker, editor)
    body = reader.get(f"/api/v1/claims/{repeat.pk}/").json()
    assert body["review_status"] == "published" and body["duplicate_of"] == first.pk
    assert body["verdict"]["rating"] == "mostly_true"
    matches = reader.get(MATCH, {"text": repeat.text}).json()["matches"]
    assert matches[0]["claim"]["id"] == first.pk
    assert matches[0]["claim"]["verdict"]["rating"] == "mostly_true"


def test_the_speaker_a_query_names_raises_the_same_claimants_check(
    reader, make_claim, fact_checker, editor, settings
):
    settings.MATCH_SEMANTIC = False  # lexical scores, inside the band the raise works in
    settings.MATCH_SUGGEST_THRESHOLD = 0.5
    from claims.matching.score import CLAIMANT_RAISE

    published = publish(
        make_claim(
            "The council approved a budget that doubles spending on bicycle lanes next year.",
            claimant="Jane Smith",
        ),
        fact_checker,
        editor,
    )
    scores = {}
    for speaker in ("Jane Smith", "John Doe"):
        text = f"Next year the council budget doubles spending on cycle paths, {speaker} said."
        (match,) = reader.get(MATCH, {"text": text}).json()["matches"]
        assert match["claim"]["id"] == published.pk
        scores[speaker] = match["score"]
    assert scores["Jane Smith"] == pytest.approx(scores["John Doe"] + CLAIMANT_RAISE, abs=1e-3)
