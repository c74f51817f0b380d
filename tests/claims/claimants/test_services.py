"""Linking claims to claimants in the database: the service, the desk's answers, the
pipeline and the back-fill command."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from claims.claimants.services import (
    claimant_link_claim,
    claimant_suggestion_accept,
    claimant_suggestion_reject,
)
from claims.models import Claim, Claimant, ClaimantAlias, ClaimantSuggestion
from claims.workflow import ActionNotPermitted


def test_a_new_claimant_is_made_with_its_alias_and_role(make_claim):
    claim = make_claim(claimant="Mark Rutte", claimant_role="NATO Secretary General")
    decision = claimant_link_claim(claim=claim)
    claimant = Claimant.objects.get()
    assert (decision.action, claim.claimant_ref) == ("new", claimant)
    assert Claim.objects.get(pk=claim.pk).claimant_ref == claimant
    assert (claimant.display_name, claimant.kind) == ("Mark Rutte", "person")
    assert list(claimant.aliases.values_list("key", "surname", "given")) == [
        ("mark rutte", "rutte", "mark")
    ]
    assert list(claimant.roles.values_list("role", "key")) == [
        ("NATO Secretary General", "nato secretary general")
    ]
    # The claimant string keeps what the article said.
    assert Claim.objects.get(pk=claim.pk).claimant == "Mark Rutte"


def test_a_careful_match_links_and_learns_the_alias(make_claim):
    first = make_claim(claimant="the North Atlantic Treaty Organization", sourcing="named")
    claimant_link_claim(claim=first)
    second = make_claim(claimant="NATO", sourcing="named")
    decision = claimant_link_claim(claim=second)
    assert (decision.action, decision.reason) == ("link", "acronym")
    assert second.claimant_ref == first.claimant_ref
    assert ClaimantAlias.objects.filter(key="nato", claimant=first.claimant_ref).exists()


def test_anonymous_and_named_claims_never_share_a_claimant(make_claim):
    anonymous = make_claim(claimant="EU sources", sourcing="anonymous")
    claimant_link_claim(claim=anonymous)
    again = make_claim(claimant="an EU source", sourcing="anonymous")
    claimant_link_claim(claim=again)
    # A body whose name holds the same words is someone else.
    named = make_claim(claimant="EU Sources Ltd", sourcing="named")
    claimant_link_claim(claim=named)
    assert again.claimant_ref == anonymous.claimant_ref
    assert anonymous.claimant_ref.kind == "anonymous"
    assert named.claimant_ref.kind == "organization"
    assert named.claimant_ref != anonymous.claimant_ref


def test_an_uncertain_match_is_a_suggestion_the_desk_accepts(make_claim, editor):
    claimant_link_claim(claim=make_claim(claimant="Ursula von der Leyen"))
    claim = make_claim(claimant="von der Leyen")
    decision = claimant_link_claim(claim=claim)
    assert decision.action == "suggest"
    assert Claim.objects.get(pk=claim.pk).claimant_ref is None
    suggestion = ClaimantSuggestion.objects.get(claim=claim)
    accepted = claimant_suggestion_accept(suggestion=suggestion, actor=editor)
    suggestion.refresh_from_db()
    assert accepted.claimant_ref == suggestion.claimant
    assert (suggestion.state, suggestion.decided_by) == ("accepted", editor)
    # The desk's word makes the surname an alias: the next "von der Leyen" is exact.
    later = make_claim(claimant="von der Leyen")
    assert claimant_link_claim(claim=later).reason == "exact"


def test_a_rejected_suggestion_makes_the_claimant_anew(make_claim, editor):
    ursula = make_claim(claimant="Ursula von der Leyen")
    claimant_link_claim(claim=ursula)
    claim = make_claim(claimant="von der Leyen")
    claimant_link_claim(claim=claim)
    rejected = claimant_suggestion_reject(
        suggestion=ClaimantSuggestion.objects.get(claim=claim), actor=editor
    )
    assert rejected.claimant_ref not in (None, ursula.claimant_ref)
    assert ClaimantSuggestion.objects.get(claim=claim).state == "rejected"


def test_an_api_consumer_cannot_answer_a_suggestion(make_claim, consumer):
    claimant_link_claim(claim=make_claim(claimant="Ursula von der Leyen"))
    claim = make_claim(claimant="von der Leyen")
    claimant_link_claim(claim=claim)
    with pytest.raises(ActionNotPermitted):
        claimant_suggestion_accept(
            suggestion=ClaimantSuggestion.objects.get(claim=claim), actor=consumer
        )
    assert Claim.objects.get(pk=claim.pk).claimant_ref is None


def test_extraction_links_each_new_claim_with_the_article_as_context(db):
    from claims.ingestion.pipeline import extract_article, ingest_text

    text = (
        "NATO Secretary General Mark Rutte said on Tuesday that the alliance will spend "
        "20 billion euros on air defence next year.\n\n"
        "Rutte said that 14 member states have already met the new target of 3.5 percent."
        "\n\nAccording to EU sources, the buffer zone would be 40 kilometres wide."
    )
    article = ingest_text(text=text).article  # its extraction is queued on commit
    extract_article(article_id=article.pk)
    claims = {c.claimant: c for c in Claim.objects.filter(article=article)}
    assert claims["Mark Rutte"].claimant_ref is not None
    assert claims["Rutte"].claimant_ref == claims["Mark Rutte"].claimant_ref
    assert claims["EU sources"].claimant_ref.kind == "anonymous"


def test_the_command_fills_existing_claims_and_resumes(make_claim):
    claims = [
        make_claim(claimant=name)
        for name in ("Mark Rutte", "Ursula von der Leyen", "Mark Rutte", "he", "")
    ]
    out = StringIO()
    call_command("link_claimants", "--batch", "2", stdout=out)
    refs = [Claim.objects.get(pk=c.pk).claimant_ref_id for c in claims]
    assert refs[0] == refs[2] is not None and refs[1] not in (None, refs[0])
    assert refs[3] is None and refs[4] is None
    assert "linked 1, new claimants for 2, suggested 0, nothing to link 1" in out.getvalue()
    # Run again: the linked claims are not read again; the pronoun is, and stays unlinked.
    again = StringIO()
    call_command("link_claimants", stdout=again)
    assert "linked 0, new claimants for 0, suggested 0, nothing to link 1" in again.getvalue()
    assert Claimant.objects.count() == 2
