"""Speakers carried across sentences (issue 14): a 'Name: "..."' frame and a title one
person holds ("The Premier said ...", then "He said ...")."""

import pytest

from claims.extraction.attribution import attribute_sentences
from claims.extraction.attribution.carry import closes_unopened, colon_frame, second_speaker


def test_a_name_and_colon_before_a_quotation_speak_for_all_of_it():
    sentences = [
        'Rita Varga: "We pressed well in the first half.',
        "We lost our shape after the break.",
        'That is on me."',
        'Coach Tomas Lind: "I am proud of my players.',
        'We deserved a point."',
    ]
    results = attribute_sentences(sentences, [False, True, True, False, True])
    assert [r.claimant for r in results] == [
        "Rita Varga",
        "Rita Varga",
        "Rita Varga",
        "Tomas Lind",
        "Tomas Lind",
    ]
    assert {r.sourcing for r in results} == {"named"}
    assert results[0].claim == "We pressed well in the first half"
    assert results[3].role == "Coach"
    assert results[4].claim == "We deserved a point"


@pytest.mark.parametrize(
    "sentence",
    [
        'Breaking News: "The bridge will stay closed."',  # a kicker
        'HARBOUR COUNCIL: "We will publish the figures."',  # capitals: a transcript's label
        "Rita Varga: We pressed well in the first half.",  # no quotation
        'Varga: "We pressed well."',  # one word: too often a kicker
    ],
)
def test_a_colon_frame_needs_a_name_and_a_quotation(sentence):
    assert colon_frame(sentence) is None


def test_he_after_a_capitalised_title_one_person_holds_is_that_person():
    results = attribute_sentences(
        [
            "The Premier said three schools would close next year.",
            "He said the savings would go to hospitals.",
        ],
        [False, False],
    )
    assert results[1].claimant == "The Premier"
    assert results[1].sourcing == "named"
    assert results[1].claim == "the savings would go to hospitals"


def test_he_after_a_title_two_named_people_hold_is_the_nearest_of_them():
    results = attribute_sentences(
        [
            "Premier Ana Ruiz of Ontario said the talks had been useful.",
            "Premier Tom Hale of Quebec said his province wanted more time.",
            "The Premier said the next round would be harder.",
            "He said the deal could be signed in May.",
        ],
        [False, False, False, False],
    )
    assert results[3].claimant == "Tom Hale"


def test_he_after_a_title_in_lower_case_keeps_the_person_named_before():
    # "the Ohio senator" describes again the senator named before: "he" keeps the name.
    results = attribute_sentences(
        [
            "Sen. Tom Hale said the bill would pass this week.",
            "The Ohio senator said the vote would be close.",
            "He said the party was united behind the plan.",
        ],
        [False, False, False],
    )
    assert results[2].claimant == "Tom Hale"


def test_a_quotation_left_open_runs_on_into_a_paragraph_with_no_opening_mark():
    # Wire copy that leaves the first paragraph's quotation open and does not reopen the
    # next one: the frame at the close speaks for every sentence of it.
    sentences = [
        '"A working dinner was held on Tuesday night for the two delegations.',
        "They talked over the fishing dispute in a relaxed way.",
        'It was a useful evening," Peter Lund said at a briefing.',
    ]
    results = attribute_sentences(sentences, [False, False, True])
    assert [r.claimant for r in results] == ["Peter Lund"] * 3
    assert results[1].claim == "They talked over the fishing dispute in a relaxed way"


@pytest.mark.parametrize(
    ("paragraph", "runs_on"),
    [
        ('They talked for an hour. It was a useful evening," Lund said.', True),
        ("They talked for an hour. It was a useful evening,” Lund said.", True),
        ('Police said the "suspect" fled on foot.', False),  # a straight mark opening
        ("The mayor called it “a disgrace” on Monday.", False),  # a curly opening mark
        ('"We will rebuild," she said.', False),  # the paragraph opens with a mark
        ("The session ended early.", False),  # no mark at all
    ],
)
def test_a_paragraph_goes_on_with_a_quotation_only_when_its_first_mark_closes_one(
    paragraph, runs_on
):
    assert closes_unopened(paragraph) is runs_on


def test_a_quotation_opened_by_a_second_speaker_stays_with_that_speaker():
    results = attribute_sentences(
        [
            'Mayor Tom Reyes said the bridge would reopen while Ellen Park said, "We have '
            "heard this promise before.",
            'Nobody believes the date."',
        ]
    )
    assert results[0].claimant == "Tom Reyes"
    assert results[1].claimant == "Ellen Park"
    assert results[1].claim == "Nobody believes the date"


@pytest.mark.parametrize(
    ("text", "first", "second"),
    [
        ('Lee said it was over while Kim said, "We are not done.', "Lee", "Kim"),
        ('Lee said it was over while Kim said, "We are not done."', "Lee", None),  # closed
        ('Lee said, "We are done.', "Lee", None),  # one speaker
    ],
)
def test_second_speaker(text, first, second):
    assert second_speaker(text, first) == second


def test_a_plural_title_is_no_one_a_later_he_stands_for():
    results = attribute_sentences(
        [
            "Talks were held in Oslo.",
            "The Finance Ministers will meet again in June.",
            '"This was the best round so far," he said.',
        ]
    )
    assert results[2].claimant != "Ministers"


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        (
            "Weather Service Meteorologist Dana Whitlock said the ice arrived before dawn.",
            "Dana Whitlock",
        ),
        ("State Epidemiologist Rosa Mendel said two more patients were isolated.", "Rosa Mendel"),
        ("Agency Administrator Carl Boyd said the launch would slip to May.", "Carl Boyd"),
    ],
)
def test_an_officials_capitalised_title_is_no_part_of_the_name(sentence, name):
    results = attribute_sentences([sentence, '"We expected this," she said.'])
    assert results[0].claimant == name
    assert results[1].claimant == name


def test_a_pronoun_in_a_clause_under_a_named_subject_is_that_person():
    # Not the person the sentence before was about.
    results = attribute_sentences(
        [
            "Gov. Ruth Okafor toured the flooded towns on Sunday.",
            "Senator Paul Lind visited a shelter in Dayton.",
            "Okafor spent the evening at the county hall, where she promised that every family "
            "would be housed by Friday.",
        ]
    )
    assert results[2].claimant == "Okafor"


def test_a_pronoun_speaking_in_the_frame_of_a_claim_about_a_name_keeps_its_antecedent():
    # "Compaq, she predicted, would ...": the name is what she spoke about.
    results = attribute_sentences(
        [
            "Ann Wexler ran the sales team for a decade.",
            "Northwind, she predicted, would come to them within a year.",
        ]
    )
    assert results[1].claimant == "Ann Wexler"


def test_a_promise_an_outlet_reports_is_the_speakers():
    result = attribute_sentences(
        [
            "Mayor Ann Cole vowed to raise wages for nurses and rebuild the clinic, The Boston "
            "Globe reports."
        ]
    )[0]
    assert result.claimant == "Ann Cole"
    assert result.claim.startswith("to raise wages for nurses")


@pytest.mark.parametrize(
    "sentence",
    [
        "In the interview, Ruiz was asked if she believes the clinic can stay open.",
        "Dana Ruiz was asked whether she thinks the clinic can stay open.",
        "Reporters asked Ruiz if she believes the clinic can stay open.",
    ],
)
def test_a_cue_in_a_question_put_to_someone_is_no_statement(sentence):
    result = attribute_sentences(["Dana Ruiz runs the county clinic.", sentence])[1]
    assert result.claimant is None
    assert result.sourcing == "unattributed"
