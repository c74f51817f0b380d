"""The ledger's fixtures: an anonymous report, and named claims from a later article."""

from __future__ import annotations

import pytest

from claims.models import Article, Claim
from tests.claims.ledger_helpers import CONFIRMED, REPORTED, other_article


@pytest.fixture
def later_article(db) -> Article:
    return other_article("rutte-interview")


@pytest.fixture
def report(make_claim) -> Claim:
    return make_claim(
        f"According to EU sources, {REPORTED[0].lower()}{REPORTED[1:]}",
        claim_text=REPORTED,
        claimant="EU sources",
        cue="according to",
        sourcing="anonymous",
    )


@pytest.fixture
def named(make_claim, later_article):
    """A named-sourced claim from a later article; the same words by default."""

    def factory(text: str = CONFIRMED, **kwargs) -> Claim:
        return make_claim(
            f"NATO Secretary General Mark Rutte said {text[0].lower()}{text[1:]}",
            claim_text=text,
            claimant="Mark Rutte",
            claimant_role="NATO Secretary General",
            cue="said",
            sourcing="named",
            article=kwargs.pop("article", later_article),
            **kwargs,
        )

    return factory
