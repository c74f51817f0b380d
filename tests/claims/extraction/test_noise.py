"""News noise: newswire formulas that are never queued, and real claims that must stay."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claims.extraction import CHECKWORTHY_THRESHOLD, extract
from claims.extraction.noise import is_news_noise

NOISE = [
    # no comment
    "The ministry declined to comment.",
    "A spokeswoman for the company declined to comment on the report.",
    "Ana Ruiz, a ministry spokeswoman, declined to comment when reached by phone on Tuesday.",
    "Representatives for the team did not immediately respond to requests for comment.",
    "The mayor's office did not respond to a request for comment on Friday.",
    "The embassy did not immediately respond.",
    "Officials at the port were not immediately available for comment.",
    "Lawyers for the two men could not be reached for comment.",
    "Her lawyer could not immediately be reached.",
    "The airline did not return calls seeking comment.",
    "The agency did not return an emailed request for comment from the newspaper.",
    "The club had no immediate comment.",
    "A spokesman said the company had no comment.",
    "The bank said it does not comment on market rumours.",
    '"No comment," she said.',
    "The senator's office didn't respond to multiple requests for comment.",
    "Requests for comment were not returned.",
    "Its owner declined to be interviewed.",
    # nothing known yet
    "The police declined to elaborate.",
    "The army declined to say how many soldiers were involved.",
    "The ministry did not say when the talks would resume.",
    "It was not immediately clear whether anyone was hurt.",
    "It is unclear how the fire started.",
    "Details were not immediately available.",
    "No further details were given.",
    # stamps and live pages
    "Updated 14:32 GMT",
    "Updated Dec. 5, 2024 at 2:32 p.m. ET.",
    "9:33 p.m.",
    "This story has been updated with comment from the ministry.",
    "This article was corrected to fix the spelling of a name.",
    "This is a developing story.",
    "Check back for updates.",
    "For the latest developments on the election, all times EDT:",
    "The Latest on the storm (all times local):",
    "Here's the latest:",
    # who reported it, with nothing reported
    "The report was first published by Reuters.",
    "The interview was broadcast on Sunday by a local station.",
    "The news was first reported by The Guardian.",
    "The mayor's resignation was first reported by a local radio station.",
    "Axios first reported the talks.",
    "The newspaper first reported the plan on Tuesday.",
    "The Wall Street Journal was the first to report the news.",
    "Reuters could not independently verify the report.",
    "The news agency could not immediately verify the video's authenticity.",
    "The claims could not be independently verified.",
    "The figures could not be verified.",
    "The report cited unnamed officials.",
    "The newspaper did not name its sources.",
    # poll methodology
    "The poll of 1,204 likely voters was conducted by phone from Oct. 3 to Oct. 6.",
    "The margin of error is plus or minus 3.1 percentage points.",
    "The sample is 940, with a margin of sampling error of 3 points; results among "
    "Republicans have a larger margin of error.",
    "Harwell Research interviewed 2,010 adults online between 4 and 9 May.",
    "The survey was fielded in March and weighted by age, region and education.",
]

CLAIMS = [
    # a formula plus a statement
    "The ministry said 40 soldiers were killed but declined to comment further.",
    "The company confirmed the layoffs and declined to comment on the timing.",
    "The minister declined to comment, but officials said 200 troops were moved.",
    "The senator refused to comment on the allegations, saying the case was still open.",
    "A spokesman for the company, which employs 5,000 people, declined to comment.",
    "The minister said 12 people were arrested and the police had no comment.",
    "The lender has not raised rates this year, and its spokesman declined to comment.",
    "It was unclear how the fire started, but investigators found 3 fuel cans.",
    "It is unclear whether voters know that the tax rose 8 percent.",
    # the same verbs about events, not about the press
    "The government did not respond to the protesters' demands.",
    "The government declined to respond to the ultimatum.",
    "The city did not respond to requests from the UN to open the border.",
    "The village could not be reached by road for three days.",
    "The vaccine is not available to children under five.",
    "The prime minister did not say he would resign.",
    "The court did not comment on the merits of the case, but it ordered a new trial.",
    # what an outlet reported is a claim
    "Reuters reported that 40 people died in the fire.",
    "According to Reuters, prices rose 12 percent in May.",
    "The Washington Post reported that the agency spent $2 million on the project.",
    "The report, first published by Reuters, said exports fell 12 percent.",
    "As the newspaper first reported, the mayor sold the land in 2019.",
    "The study found that 30 percent of patients improved.",
    "Axios first reported the $5 billion deal.",
    "The newspaper cited data showing a 40% rise in rents.",
    "The report cited three officials as saying the plan was dropped.",
    "The army could not confirm that 40 soldiers had died.",
    "Three deaths were reported by local media.",
    "Heavy fighting was reported by residents in the east.",
    "Police reported the deaths of two men.",
    # poll results beside their methodology
    "Ruiz leads Okafor by 4 points, within the margin of error.",
    "The poll, conducted among 900 likely voters, found that 52 percent back the levy.",
    "Of the 1,001 adults surveyed, 61 per cent said rents were too high.",
    "The survey of 2,000 parents shows support for the later start falling to 38%.",
    # words that only look like the formulas
    "Updated figures show that exports fell 2 percent.",
    "The latest figures show unemployment rose to 5 percent.",
    "The Latest polls put her ahead by 4 points.",
    "Now, of all times in the year, the city needs more buses.",
    "It was clear that the plan had failed.",
]


@pytest.mark.parametrize("sentence", NOISE)
def test_newswire_formulas_are_noise(sentence):
    assert is_news_noise(sentence)


@pytest.mark.parametrize("sentence", CLAIMS)
def test_claims_are_not_noise(sentence):
    assert not is_news_noise(sentence)


def test_extract_keeps_the_score_but_never_queues_noise():
    text = (
        "The port handled 4.1 million containers last year, up 12 percent. "
        "A spokeswoman for the port authority did not immediately respond to a request for "
        "comment on Tuesday. "
        "Reuters could not independently verify the figures."
    )
    out = extract(text)
    assert [s.kind for s in out] == ["sentence"] * 3
    claim, no_comment, unverified = out
    assert claim.checkworthy
    assert not no_comment.checkworthy and not unverified.checkworthy
    # The model alone would queue it; the score stays the model's, only the decision changes.
    assert no_comment.score >= CHECKWORTHY_THRESHOLD
    assert no_comment.score == extract(no_comment.text)[0].score


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(st.text(max_size=500))
def test_never_raises(text):
    assert is_news_noise(text) in (True, False)
