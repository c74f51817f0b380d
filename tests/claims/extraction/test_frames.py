"""Frames the active-voice rules missed (``attribution/frames.py`` and its callers):
passive speakers, refusals after the claim, "As stated in ...", closing frames
with "insists" or "maintains", polling averages.

Every sentence here was written for these tests.
"""

import pytest

from claims.extraction.attribution import attribute

N = "named"


@pytest.mark.parametrize(
    ("sentence", "claimant", "sourcing", "claim"),
    [
        # a verb of saying coordinated with a passive verb shares its subject
        (
            "After the vote the senator was pushed into a public apology and said that her "
            "remarks had been taken out of context.",
            "the senator",
            N,
            "her remarks had been taken out of context",
        ),
        # ... not the passive's agent
        (
            "The coach was criticised by fans and said that the team had lost its nerve.",
            "The coach",
            N,
            "the team had lost its nerve",
        ),
        # the one pressed or asked to speak
        (
            "Ruiz was pressed to admit that the plant would close.",
            "Ruiz",
            N,
            "the plant would close",
        ),
        # a passive "as" frame opening the sentence
        (
            "As stated in the council's minutes, the depot will close in the spring.",
            "the council's minutes",
            N,
            "the depot will close in the spring",
        ),
        (
            "As noted by the auditors, the fund lost money in three of the last four years.",
            "the auditors",
            N,
            "the fund lost money in three of the last four years",
        ),
        # a closing frame the parser misses, with "maintains"
        (
            "The depot was never properly insured, the town's former treasurer maintains.",
            "the town's former treasurer",
            N,
            "The depot was never properly insured",
        ),
        # a polling average reports what it shows
        (
            "Rolling averages of the polls show the governor three points ahead.",
            "Rolling averages of the polls",
            N,
            "the governor three points ahead",
        ),
    ],
)
def test_frames_the_active_rules_missed(sentence, claimant, sourcing, claim):
    result = attribute(sentence)
    assert (result.claimant, result.sourcing, result.claim) == (claimant, sourcing, claim)


@pytest.mark.parametrize(
    ("sentence", "claim"),
    [
        (
            "The company acknowledged that its chief had sold shares in March but declined to "
            "name the buyer.",
            "its chief had sold shares in March",
        ),
        (
            "The union said its members had voted to strike, but did not say when.",
            "its members had voted to strike",
        ),
        (
            "The minister said the talks had failed but would not comment on the unions.",
            "the talks had failed",
        ),
    ],
)
def test_a_refusal_to_say_more_is_the_speakers_act_not_the_claim(sentence, claim):
    assert attribute(sentence).claim == claim


def test_a_refusal_that_is_no_refusal_to_speak_stays_in_the_claim():
    result = attribute("Police say the driver ignored the signal and refused to stop the truck.")
    assert result.claim == "the driver ignored the signal and refused to stop the truck"


def test_a_second_passive_verb_names_no_speaker():
    # "accused" shares the passive "was": the coach was accused, and said nothing.
    result = attribute("The coach was suspected of fixing games and accused of taking bribes.")
    assert result.claimant is None


@pytest.mark.parametrize(
    ("sentence", "claim"),
    [
        # however few its words, what a speaker calls something is a statement
        ("Ann Lee called the mayor reckless.", "the mayor reckless"),
        (
            "On Twitter, former governor Ann Lee called the mayor “reckless.”",
            "the mayor “reckless.”",
        ),
        ('A neighbour of the family called it "a nightmare."', 'it "a nightmare."'),
        # a phrase qualifying the name goes with it; a time phrase does not
        (
            "Her old business partner, Ian Pryce, called her a genius at turning failing shops "
            "around.",
            "her a genius at turning failing shops around",
        ),
        ("Ann Lee called the mayor reckless on Tuesday.", "the mayor reckless"),
    ],
)
def test_what_a_speaker_calls_something_is_the_claim(sentence, claim):
    assert attribute(sentence).claim == claim


def test_the_pronoun_a_speaker_names_is_the_object_not_the_speaker():
    result = attribute("The ministry calls it the biggest reform in a decade.")
    assert (result.claimant, result.claim) == ("The ministry", "it the biggest reform in a decade")
    # (a subject pronoun still takes the speaker's name)
    assert attribute("The ministry said it would cut 300 jobs.").claim == (
        "The ministry would cut 300 jobs"
    )


@pytest.mark.parametrize(
    ("sentence", "claim"),
    [
        (
            "Ana Ruiz, the head of the union, promised to fight the closure and asked members to "
            "stay calm.",
            "to fight the closure",
        ),
        (
            "Ortiz had promised to back the final deal, yet looked hesitant at Monday's hearing.",
            "to back the final deal",
        ),
        # two infinitives are one promise
        (
            "The mayor vowed to rebuild the bridge and to reopen the ferry.",
            "to rebuild the bridge and to reopen the ferry",
        ),
    ],
)
def test_what_the_speaker_did_after_a_promise_is_not_the_promise(sentence, claim):
    assert attribute(sentence).claim == claim
