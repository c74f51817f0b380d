"""Claimant and sourcing: named, anonymous, unattributed; before, after and inside."""

import pytest

from claims.extraction.attribution import Attribution, attribute


@pytest.mark.parametrize(
    ("sentence", "claimant", "sourcing"),
    [
        # Named people and organizations, before the claim.
        ("Steve Witkoff explained that the deal was off.", "Steve Witkoff", "named"),
        ("The health ministry said 40 people had died.", "The health ministry", "named"),
        (
            "A spokesperson for the ministry told reporters that 12 soldiers died.",
            "A spokesperson for the ministry",
            "named",
        ),
        ("The report found that crime fell by 10% last year.", "The report", "named"),
        # "according to", at the end or in front.
        (
            "Exports grew 3 percent, according to NATO figures published on Monday.",
            "NATO figures",
            "named",
        ),
        ("According to the World Bank, growth will slow.", "the World Bank", "named"),
        ("Troops will stay, according to EU sources.", "EU sources", "anonymous"),
        # Reported speech: "As X explained, ..."
        (
            "As Finance Minister Maria Rossi noted, the deficit is shrinking.",
            "Finance Minister Maria Rossi",
            "named",
        ),
        # Anonymous sources.
        (
            "Diplomatic sources familiar with the matter said the talks stalled.",
            "Diplomatic sources familiar with the matter",
            "anonymous",
        ),
        (
            "People briefed on the plan said it would cost $2 billion.",
            "People briefed on the plan",
            "anonymous",
        ),
        (
            "A senior diplomat said on condition of anonymity that the deal was dead.",
            "A senior diplomat",
            "anonymous",
        ),
        ("Critics say the law is unconstitutional.", "Critics", "anonymous"),
        # Inside the sentence and after a quote.
        (
            "The plan, officials at the Pentagon said, would cost more.",
            "officials at the Pentagon",
            "anonymous",
        ),
        ('"We will not back down," said Jane Smith, the mayor.', "Jane Smith", "named"),
        ("Prices will rise next year, the central bank warned.", "the central bank", "named"),
        # The outlet's own assertion.
        ("An armed truce has held on the peninsula for decades.", None, "unattributed"),
        ("That said, the plan is good.", None, "unattributed"),
        ("The company called Acme makes widgets.", None, "unattributed"),
        (
            "Its systems combine imagery and intelligence reports to predict moves.",
            None,
            "unattributed",
        ),
    ],
)
def test_attribution(sentence, claimant, sourcing):
    result = attribute(sentence)
    assert (result.claimant, result.sourcing) == (claimant, sourcing)


def test_calling_something_a_name_attributes_to_the_speaker():
    result = attribute("The mood darkened, despite Mayor Anna Berg calling the vote a “win.”")
    assert result.sourcing == "named"
    assert "Berg" in result.claimant


def test_pronoun_resolves_to_the_last_named_person():
    previous = Attribution("Jane Smith", "named", person_like=True)
    assert attribute('"We will win," she said.', previous) == previous
    assert attribute('"We will win," she said.').claimant == "she"
