"""The claim detail's ``corroboration``: an anonymous report's state in the ledger, under the
claim's own visibility, rendered from rows exactly as the declared serializer renders it."""

from __future__ import annotations

import json

import pytest

from claims import selectors
from claims.api.serializers import (
    ClaimDetailSerializer,
    CorroborationEvidenceSerializer,
    CorroborationSerializer,
)
from claims.claimants.ledger import report_contradict, report_corroborate
from claims.models import Article, Claim
from claims.selectors import rows
from claims.shapes import claim_detail_data
from claims.workflow import claim_add_source, claim_triage
from tests.claims.ledger_helpers import CONFIRMED, REPORTED, other_article


@pytest.fixture
def later_article(db) -> Article:
    return other_article("rutte")


@pytest.fixture
def report(at) -> Claim:
    """A queued anonymous report: public, pending."""
    return at(
        "queued",
        text=f"According to EU sources, {REPORTED}",
        claim_text=REPORTED,
        claimant="EU sources",
        sourcing="anonymous",
    )


def confirming(make_claim, later_article, text: str = CONFIRMED) -> Claim:
    return make_claim(
        f"Mark Rutte said {text}",
        claim_text=text,
        claimant="Mark Rutte",
        sourcing="named",
        article=later_article,
    )


def detail(pk: int) -> dict:
    row = rows.public_claim_row(viewer=None, pk=pk)
    data = claim_detail_data(
        row, sources=rows.cited_source_rows(row), revisions=rows.revision_rows(row)
    )
    loaded = selectors.public_claim(viewer=None, pk=pk)
    # The rows and the declared serializer agree to the byte (the ETag hashes them).
    assert json.dumps(data) == json.dumps(ClaimDetailSerializer(loaded).data)
    return data


def test_an_open_report_shows_its_state_but_not_the_desks_waiting_suggestions(
    reader, report, make_claim, later_article
):
    confirming(make_claim, later_article)
    response = reader.get(f"/api/v1/claims/{report.pk}/")
    assert response.status_code == 200
    corroboration = response.json()["corroboration"]
    assert corroboration == {
        "state": "open",
        "since": corroboration["since"],
        "evidence": {"claim": None, "verdict": None, "source": None},
    }
    assert corroboration["since"] is not None
    assert response.json() == detail(report.pk)


def test_a_claim_that_is_not_anonymous_has_none(reader, published):
    assert reader.get(f"/api/v1/claims/{published.pk}/").json()["corroboration"] is None
    assert detail(published.pk)["corroboration"] is None


def test_a_report_that_is_not_public_is_not_found(reader, make_claim):
    hidden = make_claim(REPORTED, claimant="EU sources", sourcing="anonymous")
    assert reader.get(f"/api/v1/claims/{hidden.pk}/").status_code == 404


def test_the_evidence_claim_is_named_only_while_it_is_public(
    report, make_claim, later_article, editor
):
    evidence = confirming(make_claim, later_article, "Brussels will fund the zone's posts.")
    report_corroborate(claim=report, actor=editor, evidence=evidence)
    evidence.refresh_from_db()
    if evidence.status == Claim.Status.CANDIDATE:
        assert detail(report.pk)["corroboration"]["evidence"] == {
            "claim": None,
            "verdict": None,
            "source": None,
        }
        claim_triage(claim=evidence, actor=editor)
    corroboration = detail(report.pk)["corroboration"]
    assert corroboration["state"] == "corroborated"
    assert corroboration["evidence"] == {"claim": evidence.pk, "verdict": None, "source": None}


def test_a_contradicting_verdict_is_given(report, at, editor):
    verdict = at("published").published_verdict
    report_contradict(claim=report, actor=editor, verdict=verdict)
    corroboration = detail(report.pk)["corroboration"]
    assert corroboration["state"] == "contradicted"
    assert corroboration["evidence"] == {"claim": None, "verdict": verdict.pk, "source": None}


def test_a_cited_document_is_given_by_address_and_title(report, editor, reader):
    source = claim_add_source(
        claim=report,
        actor=editor,
        url="https://consilium.example.eu/press/2026/03/04/buffer-zone/",
        title="Council conclusions on the buffer zone",
        kind="official_statement",
        stance="supports",
    )
    report_corroborate(claim=report, actor=editor, source=source)
    corroboration = detail(report.pk)["corroboration"]
    assert corroboration["state"] == "corroborated"
    assert corroboration["evidence"] == {
        "claim": None,
        "verdict": None,
        "source": {
            "url": "https://consilium.example.eu/press/2026/03/04/buffer-zone/",
            "title": "Council conclusions on the buffer zone",
        },
    }
    assert reader.get(f"/api/v1/claims/{report.pk}/").json()["corroboration"] == corroboration


def test_the_corroboration_shape_has_the_declared_keys(report, make_claim, later_article):
    confirming(make_claim, later_article)
    corroboration = detail(report.pk)["corroboration"]
    assert list(corroboration) == list(CorroborationSerializer().fields)
    assert list(corroboration["evidence"]) == list(CorroborationEvidenceSerializer().fields)


def test_the_detail_costs_the_same_queries_for_a_report(
    reader, report, published, django_assert_num_queries
):
    # The corroboration is joined and counted in the detail's own statement: a report costs
    # what any pending claim does. After a first request (the token's first use is noted):
    # the token, the claim's row, its revisions; a published claim adds its cited sources.
    reader.get(f"/api/v1/claims/{report.pk}/")
    with django_assert_num_queries(3):
        assert reader.get(f"/api/v1/claims/{report.pk}/").status_code == 200
    with django_assert_num_queries(4):
        assert reader.get(f"/api/v1/claims/{published.pk}/").status_code == 200
