"""The claimant as a matching signal: the same speaker raises a pair a little, in the suggest
band only; a different speaker, or no one in particular, changes nothing."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command

from claims.matching.claimants import claimant_key, same_claimant
from claims.matching.query import framed
from claims.matching.score import CLAIMANT_RAISE, match_score
from claims.models import Article, ClaimLink

# The same claim in other words, no conflict. Scored lexically (the embeddings' lift carries
# this pair to the top of the suggest band, where there is nothing left to raise).
CLAIM = "The council approved a budget that doubles spending on bicycle lanes next year."
REWORDED = "Next year the council budget doubles spending on cycle paths."
# The same sentence with the decision reversed: a hard conflict.
REVERSED = "The council rejected a budget that doubles spending on bicycle lanes next year."


@pytest.fixture(autouse=True)
def lexical(settings):
    settings.MATCH_SEMANTIC = False


def test_a_named_claimant_has_a_key_and_no_one_in_particular_has_none():
    assert claimant_key("Dr. Jane Smith") == claimant_key("Jane Smith") == "jane smith"
    assert claimant_key("the European Commission's") == "european commission"
    assert claimant_key("EU sources") is None  # an anonymous description
    assert claimant_key("officials") is None
    assert claimant_key("the defence ministry") is None  # whose ministry?
    assert claimant_key("") is None


def test_same_claimant_by_record_first_then_by_name():
    assert same_claimant("Jane Smith", "Dr Jane Smith")
    assert not same_claimant("Jane Smith", "John Smith")
    assert not same_claimant("officials", "officials")
    # Two records are two claimants whatever the strings say; one record is one claimant.
    assert not same_claimant("Jane Smith", "Jane Smith", ref_a=1, ref_b=2)
    assert same_claimant("the ministry", "the interior ministry", ref_a=3, ref_b=3)
    assert not same_claimant("a senior official", "a senior official", ref_a=4, ref_b=4)


def test_the_same_claimant_raises_a_pair_and_says_so():
    plain = match_score(CLAIM, REWORDED, suggest_threshold=0.5, auto_threshold=0.96)
    raised = match_score(
        CLAIM, REWORDED, suggest_threshold=0.5, auto_threshold=0.96, same_claimant=True
    )
    assert raised.score == pytest.approx(plain.score + CLAIMANT_RAISE, abs=1e-6)
    assert any(r.startswith("same claimant: raised by") for r in raised.reasons)
    assert not any(r.startswith("same claimant") for r in plain.reasons)


def test_the_raise_can_bring_a_pair_into_the_suggest_band():
    plain = match_score(CLAIM, REWORDED)
    threshold = plain.score + CLAIMANT_RAISE / 2  # just out of reach without the claimant
    assert match_score(CLAIM, REWORDED, suggest_threshold=threshold).decision == "none"
    raised = match_score(CLAIM, REWORDED, suggest_threshold=threshold, same_claimant=True)
    assert raised.decision == "suggest"


def test_the_claimant_never_auto_links_nor_lifts_a_conflict():
    near_auto = match_score(CLAIM, REWORDED, suggest_threshold=0.5, auto_threshold=0.96)
    auto = near_auto.score + CLAIMANT_RAISE / 2  # the raise would cross it
    raised = match_score(
        CLAIM, REWORDED, suggest_threshold=0.5, auto_threshold=auto, same_claimant=True
    )
    assert raised.decision == "suggest" and raised.score < auto
    plain = match_score(CLAIM, REVERSED, suggest_threshold=0.5)
    assert plain.reasons and plain.reasons[0].startswith("direction")
    assert match_score(CLAIM, REVERSED, suggest_threshold=0.5, same_claimant=True) == plain


def test_the_command_compares_the_speakers_of_the_frames():
    lines = [
        {"a": f"{CLAIM[:-1]}, Jane Smith said.", "b": f"{REWORDED[:-1]}, Jane Smith wrote."},
        {"a": f"{CLAIM[:-1]}, Jane Smith said.", "b": f"{REWORDED[:-1]}, John Doe wrote."},
    ]
    out = StringIO()
    call_command("match_score", stdin=StringIO("\n".join(json.dumps(x) for x in lines)), stdout=out)
    same, other = (json.loads(x) for x in out.getvalue().splitlines())
    assert any(r.startswith("same claimant") for r in same["reasons"])
    assert not any(r.startswith("same claimant") for r in other["reasons"])
    assert same["score"] == pytest.approx(other["score"] + CLAIMANT_RAISE, abs=1e-3)


def test_a_stored_claim_of_the_same_claimant_is_raised(make_claim, settings):
    settings.MATCH_SUGGEST_THRESHOLD = 0.5  # both stored, to compare their scores
    known = make_claim(CLAIM, claimant="Jane Smith")
    by_her = make_claim(REWORDED, claimant="Dr Jane Smith")
    elsewhere = Article.objects.create(
        url="https://other.example.org/budget", title="Budget", content_hash="2" * 64, text="..."
    )
    by_him = make_claim(REWORDED, claimant="John Doe", article=elsewhere)
    her_link = ClaimLink.objects.get(claim=by_her, matched=known)
    his_link = ClaimLink.objects.get(claim=by_him, matched=known)
    assert any(r.startswith("same claimant") for r in her_link.reasons)
    assert not any(r.startswith("same claimant") for r in his_link.reasons)
    assert her_link.score == pytest.approx(his_link.score + CLAIMANT_RAISE, abs=1e-6)


def test_a_neutral_frame_gives_its_speaker_and_a_stance_keeps_the_whole_text():
    from claims.matching.query import claimant_of

    assert framed("Exports of olive oil doubled last year, Ana Costa told reporters.") == (
        "Exports of olive oil doubled last year",
        "Ana Costa",
    )
    denied = "Ana Costa denied that exports of olive oil doubled last year."
    assert framed(denied) == (denied, "")  # the denial is part of the claim
    assert claimant_of("Exports of olive oil doubled last year.") == ""


def test_a_speaker_inside_the_claim_is_no_frame_of_it():
    # "the army says it intercepted" describes the rockets the claim counts: the sentence is
    # one claim, matched whole.
    for text in (
        "Of the 31 rockets the army says it intercepted on Sunday, 12 were over the capital.",
        "Of the 9 bills the senator says she wrote, two became law.",
    ):
        assert framed(text) == (text, "")
    # An opener before the speaker leaves the frame a frame.
    assert framed("In a statement on Monday, the ministry said exports of olive oil doubled.") == (
        "exports of olive oil doubled",
        "the ministry",
    )
