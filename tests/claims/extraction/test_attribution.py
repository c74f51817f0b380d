"""Who said what: the claimant's name and role, the cue, the sourcing and the claim itself.

Every sentence here was written for these tests.
"""

import pytest

from claims.extraction.attribution import attribute, attribute_sentences

N, A, U = "named", "anonymous", "unattributed"


@pytest.mark.parametrize(
    ("sentence", "claimant", "role", "sourcing", "claim"),
    [
        # Named people and organisations, before the claim.
        (
            "Steve Witkoff explained that the deal was off.",
            "Steve Witkoff",
            None,
            N,
            "the deal was off",
        ),
        (
            "The health ministry said 40 people had died.",
            "The health ministry",
            None,
            N,
            "40 people had died",
        ),
        (
            "A spokesperson for the ministry told reporters that 12 soldiers died.",
            "the ministry",
            "spokesperson",
            N,
            "12 soldiers died",
        ),
        (
            "The report found that crime fell by 10% last year.",
            "The report",
            None,
            N,
            "crime fell by 10% last year",
        ),
        # A time word or an adverb between the subject and the verb.
        (
            "The Kremlin said Tuesday that it would not attend the summit.",
            "The Kremlin",
            None,
            N,
            "The Kremlin would not attend the summit",
        ),
        (
            "The mayor's chief of staff, Ana Costa, later said the tunnel would open in May.",
            "Ana Costa",
            "mayor's chief of staff",
            N,
            "the tunnel would open in May",
        ),
        (
            "The ministry recently revealed that exports had doubled.",
            "The ministry",
            None,
            N,
            "exports had doubled",
        ),
        # Appositions and titles are the role, not the name.
        (
            "Economist Ana Ruiz, of the University of Seville, said rents rose 9 percent.",
            "Ana Ruiz",
            "Economist, of the University of Seville",
            N,
            "rents rose 9 percent",
        ),
        (
            "Transport director Ines Varga said ticket revenue now covers 61 percent of "
            "operating costs.",
            "Ines Varga",
            "Transport director",
            N,
            "ticket revenue now covers 61 percent of operating costs",
        ),
        # Other tenses.
        (
            "Regional governors have warned that the grid cannot take another winter.",
            "Regional governors",
            None,
            N,
            "the grid cannot take another winter",
        ),
        # "according to", at the end or in front.
        (
            "Exports grew 3 percent, according to NATO figures published on Monday.",
            "NATO figures",
            "published on Monday",
            N,
            "Exports grew 3 percent",
        ),
        # The publisher of the figures, not the figures.
        (
            "According to figures published by the statistics office, unemployment fell to "
            "5.1 percent.",
            "the statistics office",
            None,
            N,
            "unemployment fell to 5.1 percent",
        ),
        (
            "Most of the boats left from the northern coast, according to statistics gathered "
            "by the coastguard agency.",
            "the coastguard agency",
            None,
            N,
            "Most of the boats left from the northern coast",
        ),
        (
            "According to the World Bank, growth will slow.",
            "the World Bank",
            None,
            N,
            "growth will slow",
        ),
        (
            "Troops will stay in the buffer zone, according to EU sources.",
            "EU sources",
            None,
            A,
            "Troops will stay in the buffer zone",
        ),
        # Reported speech: "As X noted, ..."
        (
            "As Finance Minister Maria Rossi noted, the deficit is shrinking.",
            "Maria Rossi",
            "Finance Minister",
            N,
            "the deficit is shrinking",
        ),
        # Anonymous sources.
        (
            "A senior diplomat said on condition of anonymity that the deal was dead.",
            "A senior diplomat",
            None,
            A,
            "the deal was dead",
        ),
        (
            "A senior government source, speaking on condition of anonymity, said the vote "
            "would be delayed.",
            "A senior government source",
            "speaking on condition of anonymity",
            A,
            "the vote would be delayed",
        ),
        (
            "Critics say the law is unconstitutional.",
            "Critics",
            None,
            A,
            "the law is unconstitutional",
        ),
        (
            "A local rights group said 14 people were detained.",
            "A local rights group",
            None,
            A,
            "14 people were detained",
        ),
        # Experts with their institution are named.
        (
            "Independent analysts at the Nuffield Trust said waiting lists had grown.",
            "the Nuffield Trust",
            "Independent analysts",
            N,
            "waiting lists had grown",
        ),
        # Inside the sentence and after a quote.
        (
            "The plan, officials at the Pentagon said, would cost more.",
            "officials at the Pentagon",
            None,
            A,
            "The plan would cost more",
        ),
        (
            '"We will not back down," said Jane Smith, the mayor.',
            "Jane Smith",
            "mayor",
            N,
            "We will not back down",
        ),
        (
            "Prices will rise next year, the central bank warned.",
            "the central bank",
            None,
            N,
            "Prices will rise next year",
        ),
    ],
)
def test_attribution(sentence, claimant, role, sourcing, claim):
    result = attribute(sentence)
    assert (result.claimant, result.role, result.sourcing) == (claimant, role, sourcing)
    assert result.claim == claim


@pytest.mark.parametrize(
    "sentence",
    [
        "An armed truce has held on the peninsula for decades.",
        "That said, the plan is good.",
        "The company called Acme makes widgets.",
        "Its systems combine imagery and intelligence reports to predict moves.",
        "The minister did not respond to a request for comment.",
        "The envoy wouldn't say.",
        "Our correspondent reported from the border town.",
    ],
)
def test_the_outlets_own_assertion_has_no_claimant(sentence):
    result = attribute(sentence)
    assert (result.claimant, result.sourcing, result.cue) == (None, U, None)
    assert result.claim == sentence
    assert (result.claim_start, result.claim_end) == (0, len(sentence))


def test_the_claim_span_indexes_the_sentence_when_contiguous():
    sentence = "The agency said on Friday that unemployment fell to 4.1 percent."
    result = attribute(sentence)
    assert result.cue == "said"
    assert sentence[result.claim_start : result.claim_end] == result.claim
    assert result.claim == "unemployment fell to 4.1 percent"


def test_a_claim_in_two_pieces_has_text_but_no_span():
    result = attribute("The plan, officials at the Pentagon said, would cost more.")
    assert (result.claim_start, result.claim_end) == (None, None)


def test_calling_something_a_name_attributes_to_the_speaker():
    result = attribute("The mood darkened, despite Mayor Anna Berg calling the vote a “win.”")
    assert result.sourcing == N
    assert result.claimant == "Anna Berg"


def test_a_speech_verb_inside_a_quotation_is_not_the_frame():
    results = attribute_sentences(['"Sanctions agreed. Talks follow," the envoy said.'])
    assert results[0].claimant == "the envoy"


def test_coordinated_claimants_are_kept_together():
    result = attribute("Mr. Grassley and Mr. Leahy say other changes are needed.")
    assert result.claimant == "Grassley and Leahy"


def test_pronouns_resolve_to_the_nearest_fitting_antecedent():
    results = attribute_sentences(
        [
            "Jane Smith, the mayor, said the bridge would reopen in June.",
            "The council said the budget was short by $4 million.",
            '"We will find the money," she said.',
            "It said the shortfall came from lower parking fees.",
        ]
    )
    assert results[2].claimant == "Jane Smith"
    assert results[2].role == "mayor"
    assert results[2].claim == "We will find the money"
    assert results[3].claimant == "The council"


def test_a_claim_never_ends_inside_a_word_or_opens_with_a_comma():
    result = attribute(
        "The police department says it has re-examined the numbers cited by the station."
    )
    assert result.claim == "The police department has re-examined the numbers cited by the station"
    result = attribute("The agency says that, through a records request, the paper got 72 files.")
    assert result.claim == "through a records request, the paper got 72 files"


def test_a_reduced_relative_is_no_frame_and_a_lost_subject_stays_in_the_claim():
    # "reported globally in 2021" describes the ratio; nobody reports anything here
    sentence = "The average fatality ratio reported globally in 2021 was 1.9%."
    result = attribute(sentence)
    assert (result.claimant, result.claim) == (None, sentence)
    # the parser hung the clause's subject elsewhere: it stays in the claim
    result = attribute(
        "The budget office said about half of the higher adjustment in its projections "
        "reflected revenue losses."
    )
    assert result.claimant == "The budget office"
    assert result.claim.startswith("about half of the higher adjustment")


def test_as_per_is_according_to():
    result = attribute("As per the latest official figures, the toll has risen to 261.")
    assert (result.claimant, result.cue) == ("the latest official figures", "as per")
    assert result.claim == "the toll has risen to 261"


def test_according_to_him_resolves_like_he():
    results = attribute_sentences(
        [
            "The finance minister, Amina Bello, on Friday posited that no government wants "
            "its citizens to suffer.",
            "According to him, the reforms will pay off within two years.",
        ]
    )
    assert [r.claimant for r in results] == ["Amina Bello", "Amina Bello"]
    assert results[1].claim == "the reforms will pay off within two years"


def test_expressed_attributes_only_with_a_clause():
    assert attribute("The mayor has expressed that the tram will open in May.").claimant == (
        "The mayor"
    )
    assert attribute("The mayor expressed concern about the tram.").claimant is None


def test_a_name_introduced_without_a_speech_verb_is_an_antecedent():
    results = attribute_sentences(
        [
            "Tom Okafor is a pollster in Harlow Springs.",
            '"Turnout in the east is down by a third," he said.',
        ],
        [False, True],
    )
    assert results[0].claimant is None
    assert (results[1].claimant, results[1].cue) == ("Tom Okafor", "said")


def test_an_unresolved_pronoun_stays_a_pronoun():
    assert attribute('"We will win," she said.').claimant == "she"


def test_the_speaker_of_a_quotation_is_carried_over_its_sentences():
    results = attribute_sentences(
        [
            'Ines Varga, the transport director, said: "Fares will not rise.',
            "Revenue covers 61 percent of costs.",
            'We expect more riders in spring."',
            "The line opened in 1998.",
        ]
    )
    assert [r.claimant for r in results] == ["Ines Varga", "Ines Varga", "Ines Varga", None]
    assert results[1].claim == "Revenue covers 61 percent of costs"
    assert results[2].claim == "We expect more riders in spring"
    assert results[3].sourcing == U


def test_a_quotation_is_carried_into_the_next_paragraph_only_as_a_whole_quotation():
    # A paragraph that is one whole quotation after a speaker's quotation: the speaker going
    # on (the wire's convention); a quotation is never the outlet's own assertion.
    results = attribute_sentences(
        ['"Fares will not rise," Ines Varga said.', '"The station is closed."'],
        same_paragraph=[False, False],
    )
    assert results[1].claimant == "Ines Varga"
    # Not after a paragraph that quoted nobody, and not into a paragraph of the outlet's own.
    results = attribute_sentences(
        ["Ines Varga said fares would not rise.", '"The station is closed."'],
        same_paragraph=[False, False],
    )
    assert results[1].claimant is None
    results = attribute_sentences(
        ['"Fares will not rise," Ines Varga said.', "The station closed on Monday."],
        same_paragraph=[False, False],
    )
    assert results[1].claimant is None


def test_a_quotation_resumed_after_the_frame_belongs_to_the_claim():
    result = attribute("“The plan is dead,” Jane Roe told reporters, “and nobody will revive it.”")
    assert result.claimant == "Jane Roe"
    assert result.claim == "The plan is dead and nobody will revive it"
    assert (result.claim_start, result.claim_end) == (None, None)


def test_titles_before_a_name_are_the_role():
    result = attribute("NATO Secretary General Mark Rutte said the alliance would grow.")
    assert (result.claimant, result.role) == ("Mark Rutte", "NATO Secretary General")
    assert attribute("General Motors said sales fell 4 percent.").claimant == "General Motors"
    # A title word inside an organisation's name is part of the name.
    for sentence, name in [
        ("The State Department said the embassy would stay open.", "The State Department"),
        ("The Health Ministry said 40 people had died.", "The Health Ministry"),
    ]:
        assert (attribute(sentence).claimant, attribute(sentence).role) == (name, None)


@pytest.mark.parametrize(
    ("sentence", "claimant", "role"),
    [
        # Descriptions the parser hangs the name on as a conjunct or an apposition.
        (
            "Former surgeon and radio host Ana Ruiz said the clinic had closed in March.",
            "Ana Ruiz",
            "Former surgeon and radio host",
        ),
        (
            "Vice President for sales and marketing Tom Berg said orders rose 12 percent.",
            "Tom Berg",
            "Vice President for sales and marketing",
        ),
    ],
)
def test_a_long_description_before_a_name_is_the_role(sentence, claimant, role):
    result = attribute(sentence)
    assert (result.claimant, result.role) == (claimant, role)


def test_a_title_and_a_name_parsed_as_two_subjects_give_the_name():
    result = attribute("Harbour spokesman the Rev. Paul Okafor told reporters the pier was safe.")
    assert result.claimant == "Paul Okafor"


def test_a_role_speaking_for_an_organisation_keeps_its_shape():
    # The closing proper nouns follow "for": the organisation speaks, the spokesman is its role.
    result = attribute("A spokesman for the State Department said the talks would resume.")
    assert (result.claimant, result.role) == ("the State Department", "spokesman")


def test_a_thin_object_leaves_the_sentence_as_the_claim():
    sentence = "Several Baltic diplomats have echoed this concern."
    result = attribute(sentence)
    assert result.claimant == "Several Baltic diplomats"
    assert result.claim == sentence


def test_a_frame_alone_speaks_for_the_quotation_before_it():
    results = attribute_sentences(
        ["“We will not pay for the wall.”", "The president wrote on Twitter on Monday."]
    )
    assert results[0].claimant == "The president"
    assert results[0].claim == "We will not pay for the wall"
    assert results[1].claimant == "The president"


def test_a_frame_alone_with_no_quotation_before_it_attributes_nothing():
    results = attribute_sentences(
        ["The bridge reopened in May.", "Our correspondent reported from the border."]
    )
    assert [r.claimant for r in results] == [None, None]


@pytest.mark.parametrize(
    ("sentence", "claimant", "claim"),
    [
        (
            "One in four voters in a recent poll said the tax should be repealed.",
            "voters in a recent poll",
            "the tax should be repealed",
        ),
        (
            "The campaign brushed off the remarks, telling reporters, “Nobody asked him.”",
            "The campaign",
            "Nobody asked him",
        ),
        (
            "A 2019 survey found broad support for the plan.",
            "A 2019 survey",
            "broad support for the plan",
        ),
        # object control: the one made to speak is the speaker
        (
            "The committee chair pressed the chief executive to admit that no manager had "
            "been fired.",
            "the chief executive",
            "no manager had been fired",
        ),
        (
            "Lawmakers forced Ms. Delgado to concede that the audit was never finished.",
            "Delgado",
            "the audit was never finished",
        ),
        # a verb the tagger took for a plural noun
        (
            "But Ms. Ruiz claims that the depot was never inspected.",
            "Ruiz",
            "the depot was never inspected",
        ),
        # an inverted quotation the parser hung on its quote mark
        (
            '"The harbour is a pretty crowded place," said Tom Reyes, a ferry captain, who '
            "has worked there for years.",
            "Tom Reyes",
            "The harbour is a pretty crowded place",
        ),
        # a claim noun's owner, without the possessive
        (
            "The mayor's contention that crime fell 8 percent was disputed.",
            "The mayor",
            "crime fell 8 percent",
        ),
        (
            "Ruiz's repeated emphasis that only 2 percent of staff were involved angered "
            "the panel.",
            "Ruiz",
            "only 2 percent of staff were involved",
        ),
        # a quotation the parser made a sentence of its own, before its frame
        (
            '"Our harbour is safe again!" Mayor Ana Costa said.',
            "Ana Costa",
            "Our harbour is safe again",
        ),
        ('"We will keep the depot open," Ms. Okafor continued.', "Okafor", None),
        # "added" tucked into its claim
        ("The repairs, Ms. Okafor added, would take two years.", "Okafor", None),
        # a "that" clause the parser hung on the frame's noun as a relative clause
        (
            "The auditor alleged in the report that the council spent $3 million on consultants.",
            "The auditor",
            "the council spent $3 million on consultants",
        ),
        # a purpose infinitive inherits its subject
        (
            "Governor Lee, who faces a recall vote, posted on Friday to say he had never "
            "cut the school budget.",
            "Lee",
            "Lee had never cut the school budget",
        ),
        # "Capt." split from its name by the tokenizer
        (
            '"The road is closed until spring," said Army Capt. Dana Whitfield.',
            "Dana Whitfield",
            "The road is closed until spring",
        ),
        # describing something as something is a judgement
        (
            "The ministry has described the outage as a cyberattack.",
            "The ministry",
            "the outage as a cyberattack",
        ),
        ("Continued Ms. Okafor: \u201cThe money is simply not there.", "Okafor", None),
        # a frame at the end that the parser left without a complement
        (
            "The depot lost $2 million last year, internal audit documents show.",
            "internal audit documents",
            "The depot lost $2 million last year",
        ),
        (
            "The unit includes 300 engineers, Defence Minister Ana Lucas told a Senate panel "
            "on Wednesday.",
            "Ana Lucas",
            "The unit includes 300 engineers",
        ),
        # a one-word name the tagger took for an adverb
        ("Jolly said the levy would be cut in May.", "Jolly", "the levy would be cut in May"),
        # the speaker's own name heads the phrase, the paper's closes it
        (
            "Carla Benetti, the editor of the city's oldest newspaper, Il Corriere Locale, "
            "said every mayor had promised a tram.",
            "Carla Benetti",
            "every mayor had promised a tram",
        ),
        # the speaker the parser hung inside the quotation
        (
            '"The budget is not in crisis," Nora Feld, a city finance adviser, said at a '
            "forum on Monday.",
            "Nora Feld",
            "The budget is not in crisis",
        ),
        # the name after an inverted verb, made the subject of the next clause
        (
            '"We will not close the clinic," said retired surgeon Alan Moss, asked about the plan.',
            "Alan Moss",
            "We will not close the clinic",
        ),
        # a name before its apposition, hung by the parser on an earlier phrase
        (
            "But in a call with reporters on Dec. 2, Col. Rita Vance, a military spokeswoman "
            'in Kabul, said, "The convoy was never attacked."',
            "Rita Vance",
            "The convoy was never attacked",
        ),
        # "after X, Hebert said, Y": the passive "were thought" names no one
        (
            "After the court approved the law, Hebert said, most rules were thought to be safe.",
            "Hebert",
            None,
        ),
        # a quoted title inside the speaker's phrase does not make it a quotation's speaker
        (
            'Ana Ruiz, a presenter on the station\'s show, "Morning Call," who later worked '
            "alongside Mr. Lund, said the budget was cut twice.",
            "Ana Ruiz",
            "the budget was cut twice",
        ),
        # the tokenizer ended the sentence at "Capt."
        (
            '"The port is open," said harbour spokesman Navy Capt. Omar Haddad, who was asked '
            "about the strike.",
            "Omar Haddad",
            "The port is open",
        ),
        # an opening quotation mark typed where the closing one belongs
        (
            "\u201cThe port will reopen in May,\u201c said Omar Haddad, the harbour master.",
            "Omar Haddad",
            "The port will reopen in May",
        ),
        # a counted part of a group speaks for itself, anonymously
        (
            "Some of the nurses said they had not been paid since March.",
            "Some of the nurses",
            "Some of the nurses had not been paid since March",
        ),
        # a quotation opened in an earlier sentence, closed before its frame
        ("And the levy is a disgrace!\u201d the letter says.", "the letter", None),
        # records opening the sentence, their verb tagged as a noun
        (
            "Port authority records from the 2019 season show the ferry sailed 40 times.",
            "Port authority records from the 2019 season",
            "the ferry sailed 40 times",
        ),
        # the speaker between the quotation and a verb the parser coordinated with it
        (
            '"We were wrong to wait," Ramos, 58, told the agency in an interview.',
            "Ramos",
            "We were wrong to wait",
        ),
        # a frame tucked into the claim is not lost to a later, unrelated speaker
        (
            "Protest, Mr. Lund said, is an act of patriotism, like wearing the words "
            '"We want air," as Ana Ruiz, lying on a street in Porto, said before she died.',
            "Lund",
            None,
        ),
        # the claim the parser made a second subject of an inverted frame
        (
            'The vote signals "the beginning of the end" for the coalition, said Pieter Maas, '
            "a party founder.",
            "Pieter Maas",
            'The vote signals "the beginning of the end" for the coalition',
        ),
        # a person's name is not extended by "of the University ..."
        (
            '"The ruling is narrow," said Ian Pryce of the University of Leeds.',
            "Ian Pryce",
            "The ruling is narrow",
        ),
    ],
)
def test_more_frames(sentence, claimant, claim):
    result = attribute(sentence)
    assert result.claimant == claimant
    if claim is not None:
        assert result.claim == claim
    else:  # the frame is out of the claim
        assert not set(result.cue.split()) & set(result.claim.split())


def test_according_to_at_the_head_of_a_sentence_ends_at_the_comma():
    # The parser may hang the whole claim on "According" or on the source's name.
    result = attribute(
        "According to talk radio host Dana Pruitt, the levy reeks of panic and desperation."
    )
    assert (result.claimant, result.cue) == ("Dana Pruitt", "according to")
    assert result.claim == "the levy reeks of panic and desperation"
    assert "levy" not in (result.role or "")
    plain = attribute("According to Ana Ruiz, a ministry spokeswoman, 40 people died.")
    assert (plain.claimant, plain.role, plain.claim) == (
        "Ana Ruiz",
        "ministry spokeswoman",
        "40 people died",
    )


def test_an_inverted_frame_before_the_quotation():
    result = attribute("Said Moreno: “I don’t think the council has read the audit.”")
    assert (result.claimant, result.cue.lower()) == ("Moreno", "said")
    assert result.claim == "I don’t think the council has read the audit"
    # the parse finds no speaker here: the pattern does
    result = attribute("Said Baines: “I don’t get the sense he’s the least bit worried about it.”")
    assert (result.claimant, result.cue) == ("Baines", "said")
    assert attribute("Said to be worth $4 million, the house was sold.").claimant is None


def test_a_negation_inside_the_quotation_does_not_negate_the_frame():
    result = attribute('"Not before the election," the minister said.')
    assert (result.claimant, result.cue) == ("the minister", "said")
    assert attribute("The minister did not say that the road was closed.").claimant is None


def test_what_objects_show_is_not_attributed():
    assert attribute("The dresses showed more cleavage.").claimant is None


def test_a_bare_frame_is_attributed_but_never_a_claim():
    from claims.extraction import extract

    text = "The minister spoke at length. She said:\n\n“Exports rose 40 percent in 2024.”"
    frame = next(s for s in extract(text) if s.text == "She said:")
    assert frame.cue == "said" and frame.claimant is not None
    assert not frame.checkworthy


def test_a_quotation_whose_speaker_comes_last_is_theirs_throughout():
    results = attribute_sentences(
        [
            "“We are following the case closely.",
            "We do not know where they are.",
            "That is of concern,” a ministry spokeswoman told a briefing.",
        ]
    )
    assert [r.claimant for r in results] == ["a ministry spokeswoman"] * 3
    assert results[1].claim == "We do not know where they are"
    assert results[2].claim == "That is of concern"  # "That" here is no complementiser


def test_verbs_that_only_sometimes_report_speech_need_a_clause():
    assert attribute("The institute maintains a program for young reporters.").claimant is None
    result = attribute("The institute maintains that the program is open to all.")
    assert result.claimant == "The institute"


def test_according_to_a_medium_is_not_the_source():
    result = attribute(
        "“He will play on Wednesday,” the coach told reporters, according to a transcript."
    )
    assert result.claimant == "the coach"


@pytest.mark.parametrize(
    ("sentence", "claimant", "claim"),
    [
        (
            "Finance Minister Lena Ortiz said the deficit would fall to 2 percent next year, "
            "a statement on her ministry's website said on Friday.",
            "Lena Ortiz",
            "the deficit would fall to 2 percent next year",
        ),
        (
            "The harbour master said the channel had been dredged twice since June, according "
            "to Reuters.",
            "The harbour master",
            "the channel had been dredged twice since June",
        ),
        (
            "The Dutch Safety Board reported that the mayor said the bridge was inspected in May.",
            "the mayor",
            "the bridge was inspected in May",
        ),
    ],
)
def test_a_document_or_outlet_that_carries_a_speakers_frame_gives_way(sentence, claimant, claim):
    # The desk checks what the speaker said, not "the speaker said ...".
    result = attribute(sentence)
    assert (result.claimant, result.claim) == (claimant, claim)


@pytest.mark.parametrize(
    ("sentence", "claimant"),
    [
        # A party reporting what someone else said keeps the claim: it may be wrong about it.
        ("The Kremlin said the envoy had promised to lift the sanctions.", "The Kremlin"),
        (
            "The police said the driver had no licence, according to lawyers for the family.",
            "lawyers for the family",
        ),
        # What respondents said is the poll's finding.
        (
            "Some 58 percent of voters said the economy was worsening, according to a survey "
            "released on Monday.",
            "a survey",
        ),
    ],
)
def test_a_party_or_a_poll_keeps_the_claim_it_reports(sentence, claimant):
    assert attribute(sentence).claimant == claimant


@pytest.mark.parametrize(
    ("sentence", "claimant", "sourcing", "claim"),
    [
        (
            "The truce was confirmed by five people familiar with the talks, who spoke on the "
            "condition of anonymity.",
            "five people familiar with the talks",
            A,
            None,
        ),
        (
            "Officials attributed the drop to a warmer winter.",
            "Officials",
            A,
            "the drop to a warmer winter",
        ),
        (
            "The ministry rejected the report as fabricated.",
            "The ministry",
            N,
            "the report as fabricated",
        ),
        ("She is saying that the vote was rigged.", "she", N, "the vote was rigged"),
        ("The company claims its software can predict troop movements.", "The company", N, None),
    ],
)
def test_the_issues_constructions(sentence, claimant, sourcing, claim):
    result = attribute(sentence)
    assert (result.claimant, result.sourcing) == (claimant, sourcing)
    if claim is not None:
        assert result.claim == claim


@pytest.mark.parametrize(
    ("sentence", "claim"),
    [
        # the speaker's pronoun is the speaker: the claim says who
        ("Officials said they had found 40 bodies.", "Officials had found 40 bodies"),
        ("The ministry said it would close 12 clinics.", "The ministry would close 12 clinics"),
        # not when the pronoun cannot be the speaker, or is no one
        ("The ministry said it was unclear whether the dam would hold.", None),
        ("Officials said he had fled the country.", None),
        ("Ms. Ruiz said they had cut the budget by half.", None),
        # a quotation's "he" is someone else
        ('"He will see you at the lunch," Ms. Ruiz wrote in an email.', None),
    ],
)
def test_a_pronoun_for_the_speaker_is_named_in_the_claim(sentence, claim):
    result = attribute(sentence)
    if claim is None:
        assert result.claim_start is not None
        assert result.claim == sentence[result.claim_start : result.claim_end]
    else:
        assert (result.claim, result.claim_start, result.claim_end) == (claim, None, None)


def test_the_outer_speaker_of_reported_speech_is_the_claimant():
    result = attribute(
        "Her lawyer says the mayor promised to resign and said she would leave in May."
    )
    assert (result.claimant, result.cue) == ("Her lawyer", "says")
    assert result.claim.startswith("the mayor promised to resign")


def test_a_short_quotation_before_its_frame_is_the_claim():
    # The second sentence of a quotation that a long speaker phrase closes.
    results = attribute_sentences(
        ["“No leak.", "No breach,” the security firm that audits the registry said."]
    )
    assert [r.claimant for r in results] == ["the security firm"] * 2
    assert results[1].claim == "No breach"


def test_a_parenthetical_between_the_cue_and_that_is_frame():
    result = attribute(
        "The airline said on Monday, according to Bloomberg, that fares would rise 4 percent."
    )
    assert (result.claimant, result.claim) == ("The airline", "fares would rise 4 percent")
    # a "that" deeper in the claim stays in it
    deeper = attribute(
        "Ruiz said the board decided, after a long debate, that the plant would close in May."
    )
    assert deeper.claim == (
        "the board decided, after a long debate, that the plant would close in May"
    )


def test_the_role_never_holds_the_claim():
    result = attribute(
        "The results surprised several analysts, who said the decline raises questions about "
        "the chain's strategy."
    )
    assert result.claimant == "several analysts"
    assert result.claim == "the decline raises questions about the chain's strategy"
    assert result.role is None
    # The end of a hyphenated name is lower case and still a name.
    result = attribute("Prime Minister Lee Min-jun said the talks would resume.")
    assert (result.claimant, result.role) == ("Lee Min-jun", "Prime Minister")


def test_wire_copy_frames_citing_a_source_and_long_body_names():
    result = attribute(
        "The toll from the floods has risen to 212, Xinhua reported on Monday, citing a "
        "provincial official."
    )
    assert (result.claimant, result.claim) == (
        "Xinhua",
        "The toll from the floods has risen to 212",
    )
    body = attribute(
        "The data came from the Coastal Flood Research and Warning Centre, which said 40 "
        "villages remain cut off."
    )
    assert body.claimant == "the Coastal Flood Research and Warning Centre"
    assert body.claim == "40 villages remain cut off"


def test_a_claim_keeps_its_closing_parenthesis():
    result = attribute(
        "Cases of the respiratory syncytial virus (RSV) rose by a third, the ministry said."
    )
    assert result.claim == "Cases of the respiratory syncytial virus (RSV) rose by a third"


def test_she_and_he_skip_a_person_whose_title_or_role_says_otherwise():
    results = attribute_sentences(
        [
            "Ms. Okafor, the health commissioner, said 40 clinics had closed.",
            "Mr. Danso said the budget would pass in March.",
            "She said that 714 new cases were reported.",
            "The minister's widow said the inquiry was a sham.",
            "He said the vote had been fair.",
        ]
    )
    assert [r.claimant for r in results] == [
        "Okafor",
        "Danso",
        "Okafor",
        "The minister's widow",
        "Danso",
    ]
    # with nothing to tell them apart, the nearest person
    plain = attribute_sentences(
        [
            "Ana Ruiz said exports rose.",
            "Tom Berg said imports fell.",
            "She said the port would reopen in May.",
        ]
    )
    assert plain[2].claimant == "Tom Berg"


def test_declining_to_say_attributes_nothing():
    result = attribute("The mayor declined to say whether the depot would close.")
    assert result.claimant is None
    assert attribute("The firm refused to confirm the layoffs.").claimant is None


@pytest.mark.parametrize(
    ("sentence", "claim"),
    [
        (
            "Asked whether the dam was safe, the engineer said, “It has held for 60 years.”",
            "It has held for 60 years",
        ),
        (
            "In an interview with local radio, Ortiz said, “Fares will not rise this year.”",
            "Fares will not rise this year",
        ),
        ("But, she added, “the fund is empty.”", "the fund is empty"),
        # the claim's own subject or condition before the frame stays
        (
            "The new rules, the regulator said, “will cut emissions by a fifth.”",
            "The new rules will cut emissions by a fifth",
        ),
        (
            "If the bill passes, he said, “prices will fall.”",
            "If the bill passes prices will fall",
        ),
    ],
)
def test_a_quotation_after_its_frame_leaves_the_circumstance_out(sentence, claim):
    assert attribute(sentence).claim == claim


def test_a_claim_opens_with_the_quotation_mark_it_closes():
    result = attribute("The agency has accused “some traders” of hiding the losses.")
    assert result.claim.startswith("“some traders”")


@pytest.mark.parametrize(
    ("sentence", "claimant", "claim"),
    [
        (
            "“The bridge is closed to all traffic,” the town's fire chief, Lena Berg, said on "
            "Monday night, according to broadcaster NRK.",
            "Lena Berg",
            "The bridge is closed to all traffic",
        ),
        (
            "According to the Daily Ledger, the company has stated it will close two plants.",
            "the company",
            None,
        ),
    ],
)
def test_an_outlet_cited_for_a_speakers_words_gives_way_to_the_speaker(sentence, claimant, claim):
    result = attribute(sentence)
    assert result.claimant == claimant
    if claim is not None:
        assert result.claim == claim


def test_a_survey_or_a_count_keeps_what_it_found():
    result = attribute(
        "According to a survey by the Civic Institute, 51 percent of respondents said they "
        "would vote for the levy."
    )
    assert result.claimant == "a survey by the Civic Institute"


def test_a_superintendent_is_a_role():
    result = attribute("County Schools Superintendent Ana Reyes said the attack was targeted.")
    assert (result.claimant, result.role) == ("Ana Reyes", "County Schools Superintendent")


@pytest.mark.parametrize(
    "sentence",
    [
        "But the council said the budget would not cover the repairs.",
        "However, tolls will rise by 4 percent next year, the operator said.",
        "And yet, the river rose another metre overnight, officials said.",
        "Still, most of the eastern line reopened on Sunday, the railway said.",
    ],
)
def test_a_connective_opening_the_claim_is_left_out(sentence):
    result = attribute(sentence)
    assert result.claimant is not None
    first = result.claim.split()[0].strip(",").lower()
    assert first not in {"but", "however", "and", "yet", "still"}, result.claim


def test_a_connective_inside_the_claim_stays():
    result = attribute("“The road was closed, but the bridge stayed open,” officials said.")
    assert result.claim == "The road was closed, but the bridge stayed open"


def _parsed(text: str, rows: list[tuple[str, str, str, str, int, str]]):
    """A parse given by hand (word, pos, tag, dep, head, lemma per token) of ``text``: for
    the small parser's mistakes, which depend on the exact sentence it reads."""
    from spacy.tokens import Doc

    from claims.extraction.parse import pipeline

    words, pos, tags, deps, heads, lemmas = (list(col) for col in zip(*rows, strict=True))
    spaces, at = [], 0
    for word in words:
        at = text.index(word, at) + len(word)
        spaces.append(text[at : at + 1] == " ")
    doc = Doc(
        pipeline().vocab,
        words=words,
        spaces=spaces,
        pos=pos,
        tags=tags,
        deps=deps,
        heads=heads,
        lemmas=lemmas,
    )
    assert doc.text == text
    return doc


def test_the_speakers_phrase_after_a_quotation_is_not_in_the_claim():
    from claims.extraction.attribution.sentence import _attribute_doc

    # The first word of the speaker's phrase hung on the quotation's verb (a place name
    # read as a verb), as the small parser sometimes does.
    text = "“We will rebuild the bridge,” Dayton police Chief Ana Ruiz said Monday."
    rows = [
        ("“", "PUNCT", "``", "punct", 13, "“"),
        ("We", "PRON", "PRP", "nsubj", 3, "we"),
        ("will", "AUX", "MD", "aux", 3, "will"),
        ("rebuild", "VERB", "VB", "ccomp", 13, "rebuild"),
        ("the", "DET", "DT", "det", 5, "the"),
        ("bridge", "NOUN", "NN", "dobj", 3, "bridge"),
        (",", "PUNCT", ",", "punct", 3, ","),
        ("”", "PUNCT", "''", "punct", 3, "”"),
        ("Dayton", "VERB", "VB", "advcl", 3, "dayton"),
        ("police", "NOUN", "NN", "compound", 10, "police"),
        ("Chief", "PROPN", "NNP", "compound", 12, "Chief"),
        ("Ana", "PROPN", "NNP", "compound", 12, "Ana"),
        ("Ruiz", "PROPN", "NNP", "nsubj", 13, "Ruiz"),
        ("said", "VERB", "VBD", "ROOT", 13, "say"),
        ("Monday", "PROPN", "NNP", "npadvmod", 13, "Monday"),
        (".", "PUNCT", ".", "punct", 13, "."),
    ]
    result = _attribute_doc(_parsed(text, rows))
    assert result.claimant == "Ana Ruiz"
    assert result.claim == "We will rebuild the bridge"


def test_a_quoted_title_after_the_verb_is_no_speaker():
    from claims.extraction.attribution.sentence import _attribute_doc

    # The speaker hung inside the quotation, the show's quoted title made the subject.
    text = "“The port is a wreck,” Quist, a steward, said on Radio North’s “Morning Desk.”"
    rows = [
        ("“", "PUNCT", "``", "punct", 13, "“"),
        ("The", "DET", "DT", "det", 2, "the"),
        ("port", "NOUN", "NN", "nsubj", 3, "port"),
        ("is", "AUX", "VBZ", "ccomp", 13, "be"),
        ("a", "DET", "DT", "det", 5, "a"),
        ("wreck", "NOUN", "NN", "attr", 3, "wreck"),
        (",", "PUNCT", ",", "punct", 5, ","),
        ("”", "PUNCT", "''", "punct", 8, "”"),
        ("Quist", "PROPN", "NNP", "appos", 5, "Quist"),
        (",", "PUNCT", ",", "punct", 8, ","),
        ("a", "DET", "DT", "det", 11, "a"),
        ("steward", "NOUN", "NN", "appos", 8, "steward"),
        (",", "PUNCT", ",", "punct", 13, ","),
        ("said", "VERB", "VBD", "ROOT", 13, "say"),
        ("on", "ADP", "IN", "prep", 13, "on"),
        ("Radio", "PROPN", "NNP", "compound", 16, "Radio"),
        ("North", "PROPN", "NNP", "pobj", 14, "North"),
        ("’s", "PART", "POS", "punct", 13, "’s"),
        ("“", "PUNCT", "``", "punct", 13, "“"),
        ("Morning", "PROPN", "NNP", "compound", 20, "Morning"),
        ("Desk", "PROPN", "NNP", "nsubj", 13, "Desk"),
        (".", "PUNCT", ".", "punct", 13, "."),
        ("”", "PUNCT", "''", "punct", 13, "”"),
    ]
    result = _attribute_doc(_parsed(text, rows))
    assert result.claimant == "Quist"
    assert result.claim == "The port is a wreck"


def test_a_quotation_with_its_own_tail_keeps_the_tail():
    # The words after the closing mark are the reporter's, still part of the claim reported.
    result = attribute(
        "The mayor has been “badly misled” by his advisers since March, a council report said."
    )
    assert result.claim.endswith("by his advisers since March")


def test_a_short_claim_before_its_closing_frame_is_the_claim():
    assert attribute("Nobody was hurt, the captain said.").claim == "Nobody was hurt"
    assert attribute("Too early, she said.").claim == "Too early"
    # Where and when it was said is no claim.
    assert attribute("In a 1998 interview, she declared:").claim != "In a 1998 interview"


def test_as_a_speaker_noted_in_the_middle_of_the_claim():
    result = attribute(
        "The valley, as one of the county's hydrologists pointed out, rarely floods twice a year."
    )
    assert result.claimant == "one of the county's hydrologists"
    assert result.claim == "The valley rarely floods twice a year"


def test_when_a_body_spoke_is_not_part_of_its_name():
    result = attribute("A review panel in 2019 found the contract was awarded without a tender.")
    assert result.claimant == "A review panel"


def test_according_to_a_phrase_the_tagger_read_as_a_verb():
    # "show insiders": a noun compound the tagger may read as a verb and its object.
    result = attribute(
        "The host routinely belittled the crew with crude jokes, according to show insiders."
    )
    assert result.claimant is not None and result.claimant.endswith("insiders")
    assert result.claim == "The host routinely belittled the crew with crude jokes"


def test_a_frame_announcing_what_follows():
    result = attribute("The harbour master added:")
    assert result.claimant == "The harbour master" and result.frame_only


def test_saying_after_by_or_after_has_the_main_verbs_speaker():
    result = attribute(
        "The mayor answered the petition on Friday by saying the library would stay open."
    )
    assert (result.claimant, result.claim) == ("The mayor", "the library would stay open")
    # Explaining why is no statement.
    assert (
        attribute("The mayor spoke for an hour before explaining why she resigned.").claimant
        is None
    )


def test_those_close_to_someone_are_an_anonymous_source():
    result = attribute("Those close to the minister say she will resign before the summer.")
    assert (result.claimant, result.sourcing) == ("Those close to the minister", A)
    # Poll respondents are no anonymous source.
    assert attribute("Those surveyed said the tax should be scrapped.").sourcing != A


def test_a_pronoun_after_a_person_addressed_is_not_the_speaker():
    result = attribute("The coach calmed the row by telling Ms. Ortiz she had played well.")
    assert result.claim == "she had played well"
    # An outlet addressed is nobody the pronoun stands for.
    result = attribute("Ruiz told The Daily Ledger that he would run again.")
    assert result.claim == "Ruiz would run again"


def test_a_report_inside_a_noun_phrase_leaves_the_sentence_whole():
    # Not the fragment "the ministry intercepted": the sentence stands on the ministry's count.
    result = attribute("The 12 missiles the ministry said it intercepted were aimed at the port.")
    assert result.claimant == "the ministry"
    assert result.claim == "The 12 missiles the ministry said it intercepted were aimed at the port"
    # A relative word keeps the relative clause's own claim.
    result = attribute("The council, which said the plan would fail, voted against it.")
    assert result.claim == "the plan would fail"


def test_a_news_outlets_has_learned_is_its_report():
    result = attribute("The port will close two terminals next year, Reuters has learned.")
    assert (result.claimant, result.claim) == (
        "Reuters",
        "The port will close two terminals next year",
    )
    # A person who has learned something reports nothing.
    assert attribute("Anna has learned that patience pays off.").claimant is None


def test_what_someone_should_or_must_say_is_not_said():
    for sentence in (
        "Ministers should publicly state their views on the strike.",
        "Under the rules, lobbyists must declare publicly whom they represent.",
    ):
        assert attribute(sentence).claimant is None, sentence


def test_a_photo_marker_and_an_honorific_are_no_role_of_the_name():
    result = attribute(
        "Exports rose 4 percent, said Trade Minister Datuk Aminah Razak (pix) on Monday."
    )
    assert result.claimant == "Aminah Razak"
    assert "pix" not in (result.role or "")


def test_a_hyphenated_name_stays_whole():
    result = attribute("Jean-Luc Martin, a union leader, said the strike would go on.")
    assert (result.claimant, result.role) == ("Jean-Luc Martin", "union leader")
    result = attribute("State Rep. Ana Ruiz-Ortega said the bill had stalled.")
    assert result.claimant == "Ana Ruiz-Ortega"


def test_no_group_claiming_is_nobody_saying():
    assert attribute("No group has so far claimed responsibility for the blast.").claimant is None


def test_a_he_inside_a_quotation_carried_over_is_not_the_speaker():
    (first, second) = attribute_sentences(
        [
            '"A man got out of the car and opened fire on the guards.',
            'He also wounded a driver," the spokesman, Ivo Brandt, said.',
        ]
    )
    assert first.claimant == second.claimant == "Ivo Brandt"
    assert second.claim.startswith("He also wounded a driver")


def test_a_forecast_a_figure_is_measured_against_is_no_statement():
    result = attribute(
        "Sales rose 6 percent to $40 million, ahead of the $38 million that analysts expected."
    )
    assert result.claimant is None


def test_a_countrys_own_body_keeps_its_possessive():
    result = attribute("Norway's fisheries ministry said the quota would be cut.")
    assert (result.claimant, result.role) == ("Norway's fisheries ministry", None)
    # A person's role keeps it: the owner is the role's.
    result = attribute("The club's coach Ana Ruiz said the match would go ahead.")
    assert result.claimant == "Ana Ruiz"


def test_a_closing_frame_with_when_it_was_said():
    result = attribute(
        "Strikes hit two depots in the port, injuring at least six workers, the port's "
        "director said early on Sunday."
    )
    assert result.claimant == "the port's director"
    assert result.claim.endswith("injuring at least six workers")


def test_a_paragraph_of_one_quotation_continues_the_speaker_before_it():
    results = attribute_sentences(
        [
            "“We are moving the vaccines north this week,” regional director Ana Ruiz told "
            "reporters.",
            "“The first doses will reach the clinics by Friday.”",
            "The ministry did not comment.",
        ],
        same_paragraph=[True, False, False],
    )
    assert results[1].claimant == "Ana Ruiz"
    assert results[1].claim == "The first doses will reach the clinics by Friday"
    assert results[2].claimant != "Ana Ruiz"


def test_an_acronym_in_capitals_is_a_name_not_a_pronoun():
    result = attribute("The WHO said the outbreak was contained.")
    assert (result.claimant, result.claim) == ("The WHO", "the outbreak was contained")


def test_a_reason_with_its_own_object_is_no_frame_around_the_sentence():
    result = attribute(
        "The threat is real, as officials have already confirmed two attacks on the port."
    )
    assert result.claimant == "officials"
    assert result.claim == "two attacks on the port"
    # "As X noted" still frames the sentence around it.
    assert attribute("The plan, as the minister noted, would cost more.").claim == (
        "The plan would cost more"
    )


def test_a_second_that_clause_is_said_too():
    # The small parser hangs "and that ..." on the cue when the first clause ends in a quote.
    result = attribute(
        "Ms. Ruiz said that the school ''had run out of money,'' and that the council had "
        "known since May."
    )
    assert result.claim == (
        "the school ''had run out of money,'' and that the council had known since May"
    )


def test_a_relative_clause_about_the_speaker_is_neither_speaker_nor_claim():
    result = attribute(
        "Ms. Okafor, whose latest start-up, Gridline, sells batteries to farms, said the "
        "tender was rigged: ''It was decided before it opened.''"
    )
    assert (result.claimant, result.role) == ("Okafor", None)
    assert result.claim.startswith("the tender was rigged")


def test_when_it_was_said_is_no_part_of_the_claim():
    result = attribute(
        "In a statement released shortly after the senator ended her campaign, Mr. Ortiz "
        "said he is certain the party will keep the seat."
    )
    assert result.claimant == "Ortiz"
    assert result.claim.endswith("the party will keep the seat")
    assert "statement" not in result.claim
    result = attribute(
        'Asked what she thought of the ruling, she said, "It is wrong, and we will appeal."'
    )
    assert result.claim == "It is wrong, and we will appeal"


def test_the_speakers_name_is_put_in_only_for_a_pronoun_that_fits():
    # "he" is not Mrs. Lee, "they" is not one aide; "she" is Ms. Lee, "they" a share of many.
    assert attribute("Mrs. Lee added that he was better qualified than the rivals.").claim == (
        "he was better qualified than the rivals"
    )
    result = attribute("One aide tried to play down the remarks, saying they were no big deal.")
    assert result.claim == "they were no big deal"
    assert attribute("Ms. Lee said she had paid the fine.").claim == "Lee had paid the fine"
    assert attribute("A third of the nurses said they had worked unpaid hours.").claim == (
        "A third of the nurses had worked unpaid hours"
    )


def test_a_list_of_places_after_the_speaker_is_not_a_second_speaker():
    from claims.extraction.attribution.sentence import _attribute_doc

    # The rest of the list made a second subject of the verb, as the small parser sometimes
    # does; a title and a name are two subjects that way too ("spokesman the Rev. X told").
    text = "Most farmers in Kent, Essex and Surrey said they were short."
    rows = [
        ("Most", "ADJ", "JJS", "amod", 1, "most"),
        ("farmers", "NOUN", "NNS", "nsubj", 8, "farmer"),
        ("in", "ADP", "IN", "prep", 1, "in"),
        ("Kent", "PROPN", "NNP", "pobj", 2, "Kent"),
        (",", "PUNCT", ",", "punct", 8, ","),
        ("Essex", "PROPN", "NNP", "nsubj", 8, "Essex"),
        ("and", "CCONJ", "CC", "cc", 5, "and"),
        ("Surrey", "PROPN", "NNP", "conj", 5, "Surrey"),
        ("said", "VERB", "VBD", "ROOT", 8, "say"),
        ("they", "PRON", "PRP", "nsubj", 10, "they"),
        ("were", "AUX", "VBD", "ccomp", 8, "be"),
        ("short", "ADJ", "JJ", "acomp", 10, "short"),
        (".", "PUNCT", ".", "punct", 8, "."),
    ]
    result = _attribute_doc(_parsed(text, rows))
    assert result.claimant == "Most farmers in Kent"
    assert result.claim == "they were short"


def test_what_the_speaker_did_next_is_no_part_of_the_claim():
    result = attribute(
        "Ms. Okafor said the tender was rigged and criticized the council for hiding the bids."
    )
    assert result.claim == "the tender was rigged"
    result = attribute(
        "The mayor said the bridge would reopen in May, pointing to the engineers' report."
    )
    assert result.claim == "the bridge would reopen in May"
    # The claim's own list of acts stays: it is what the other person did.
    result = attribute(
        "She noted that the senator has criticized the plan and called it a giveaway."
    )
    assert result.claim == "the senator has criticized the plan and called it a giveaway"


def test_a_relative_clause_that_reports_is_no_role():
    result = attribute(
        "There are implications for the results of the inquiry by a UN panel, which said the "
        "army shelled two villages in 2014 and 2015, and also accused the rebels of a gas "
        "attack on the town of Marea in August 2015."
    )
    assert result.claimant == "a UN panel"
    assert result.role is None
    assert result.claim == "the army shelled two villages in 2014 and 2015"


def test_a_closing_frame_with_the_speaker_after_the_verb():
    # (The small parser coordinates "said" with the claim's first verb here.)
    result = attribute(
        "The small bakery is holding on, but it is under strain from rising flour prices, "
        "said its owner, Ana Lopes."
    )
    assert (result.claimant, result.role) == ("Ana Lopes", "its owner")
    assert result.claim == (
        "The small bakery is holding on, but it is under strain from rising flour prices"
    )
    # Not every verb puts its speaker after it: "pledged delegates" are no speaker.
    result = attribute("She won a clear majority of the regular, pledged delegates.")
    assert result.claimant is None


def test_a_claim_inside_the_quotation_before_its_frame_is_all_of_it():
    result = attribute(
        "“I wanted really, really, badly to at least give [the strikers] a hearing,” Ms. Lee said."
    )
    assert (
        result.claim == "I wanted really, really, badly to at least give [the strikers] a hearing"
    )
    # Not a quotation inside a sentence of the outlet's own.
    result = attribute(
        "An argument between those who fear weakness in the face of conquest (''This is less "
        "a crisis and more an occupation,'' Ana Ruiz wrote in The Daily Times last week) and "
        "those who fear a vengeful West."
    )
    assert result.claim == "This is less a crisis and more an occupation"


def test_two_apostrophes_open_and_close_a_quotation():
    # Some wires type a straight double quote as two apostrophes.
    result = attribute("''He shook hands with everybody out there,'' said Mr. Ortiz.")
    assert result.claim == "He shook hands with everybody out there"
    results = attribute_sentences(
        ["Mr. Ortiz said: ''We will rebuild the school.", "It will open in May.''"]
    )
    assert results[1].claimant == "Ortiz"


def test_what_a_poll_shows_of_someone_is_the_claim():
    result = attribute("The new poll finds Lee up a narrow four points.")
    assert result.claim == "Lee up a narrow four points"
    result = attribute("Recent polls show Ruiz with a double-digit lead over Ortiz.")
    assert result.claim == "Ruiz with a double-digit lead over Ortiz"


def test_a_quotation_in_two_apostrophes_resumes_after_its_frame():
    result = attribute(
        "''The trade shock isn't the only factor,'' she continued, ''but it is something of a "
        "missing link.''"
    )
    assert result.claim == (
        "The trade shock isn't the only factor but it is something of a missing link"
    )
    # A title after the frame is no more of the quotation.
    result = attribute(
        "The war ended his plans to return home, Mr. Ortiz said in his 2012 book, ''A Long "
        "Way Back.''"
    )
    assert result.claim == "The war ended his plans to return home"


def test_said_only_that_leaves_only_the_claim():
    result = attribute(
        'Asked about the audit, the minister said only that the figures "do not add up."'
    )
    assert result.claim.startswith('the figures "do not add up')
    assert attribute("That is of concern, the minister said.").claim == "That is of concern"


def test_a_time_is_never_what_showed_something():
    # The parser hangs ", which showed ..." on the nearest noun, here the month.
    result = attribute(
        "The senator released her tax returns in May, which showed she paid little tax."
    )
    assert result.claimant == "her tax returns"
    assert result.claim == "she paid little tax"


def test_a_share_out_of_a_total_is_no_claimant():
    # (Until session 17 the share was the claimant; a figure is no name: it is the role.)
    result = attribute("Nearly eight out of 10 say they expect prices to keep rising.")
    assert (result.claimant, result.role) == (None, "Nearly eight out of 10")


def test_a_lower_case_word_tagged_as_a_name_is_a_description():
    result = attribute("The billionaire business mogul told reporters it was a great night.")
    assert result.claimant == "The billionaire business mogul"
    assert result.role is None
    # The end of a hyphenated name is lower case and still a name.
    result = attribute("Prime Minister Lee Min-jun said the talks would resume.")
    assert (result.claimant, result.role) == ("Lee Min-jun", "Prime Minister")
    # The end of a hyphenated name is lower case and still a name.
    result = attribute("Prime Minister Lee Min-jun said the talks would resume.")
    assert (result.claimant, result.role) == ("Lee Min-jun", "Prime Minister")


def test_an_object_pronoun_is_nobody_who_spoke():
    # "let them think": the parser makes "them" the subject of "think".
    result = attribute("The guards let them think the gate was locked.")
    assert result.claimant is None
    # "according to him" still names a speaker (resolved from the sentence before).
    results = attribute_sentences(["Mayor Ana Ruiz spoke first.", "According to him, it was late."])
    assert results[1].sourcing != "unattributed"


def test_a_poll_finds_a_standing_too():
    result = attribute("A city poll last week showed Ortiz in second at 14 percent.")
    assert result.claim == "Ortiz in second at 14 percent"


def test_finding_it_hard_is_no_finding():
    assert attribute("The mayor found it hard in 2019 to win over the council.").claimant is None
    assert attribute("The governor finds it difficult to explain the delay.").claimant is None
    # A finding that something is hard still is one.
    result = attribute("The inspectors found that the bridge was hard to reach.")
    assert result.claimant == "The inspectors"


@pytest.mark.parametrize(
    ("sentence", "claimant", "sourcing", "claim"),
    [
        # Unnamed people as a pronoun: nobody to resolve, an anonymous group.
        (
            "Some have suggested that the mayor is an imperfect messenger on the budget.",
            "Some",
            A,
            "the mayor is an imperfect messenger on the budget",
        ),
        ("Others argued that the bridge was never safe.", "Others", A, "the bridge was never safe"),
        # "those who ..." described by what they do (not poll respondents: "those who said").
        (
            "But those who oppose the tunnel say the cost has doubled.",
            "those who oppose the tunnel",
            A,
            "the cost has doubled",
        ),
        # The infinitive of an adjective: the copula's subject speaks.
        (
            "Ortiz was quick to point out that the tunnel had opened on time.",
            "Ortiz",
            N,
            "the tunnel had opened on time",
        ),
        (
            "The panel is right to note, however, that the levy would fall on renters.",
            "The panel",
            N,
            "the levy would fall on renters",
        ),
        # "That said," opens the sentence as a connective; the frame is the one after it.
        # (Riders are members of the public, an unnamed group: test_unnamed_groups.py.)
        (
            "That said, riders say the new timetable has cut their commute.",
            "riders",
            A,
            "the new timetable has cut their commute",
        ),
        # What a speaker points to as evidence.
        (
            "The lawyers also pointed to the rise in fares since 2019 as proof that the levy "
            "had failed.",
            "The lawyers",
            N,
            "the rise in fares since 2019 as proof that the levy had failed",
        ),
        (
            "The council has answered its critics by pointing to the drop in traffic deaths "
            "on the ring road.",
            "The council",
            N,
            "the drop in traffic deaths on the ring road",
        ),
    ],
)
def test_unnamed_groups_adjective_frames_and_evidence_pointed_to(
    sentence, claimant, sourcing, claim
):
    result = attribute(sentence)
    assert (result.claimant, result.sourcing, result.claim) == (claimant, sourcing, claim)


@pytest.mark.parametrize(
    "sentence",
    [
        "Those who said they would vote for the levy were a minority.",
        "All signs pointed to a deal on the tunnel before the end of the month.",
        "Ortiz pointed to her record.",  # the sentence says more than its object
        "That said, the tunnel opened on time.",
    ],
)
def test_no_speaker_in_poll_answers_signs_thin_objects_or_that_said(sentence):
    assert attribute(sentence).claimant is None


@pytest.mark.parametrize(
    ("sentence", "claimant", "claim"),
    [
        # A finite frame set off by commas that the parser made an adverbial clause.
        (
            "But with each new poll, these backers concede, it becomes harder to argue that "
            "the mayor can win.",
            "these backers",
            "with each new poll it becomes harder to argue that the mayor can win",
        ),
        # ... and the writer's comment after a dash that follows it.
        (
            "The deficit will grow this year, sooner than expected, the budget office reported "
            "on Tuesday -- a shift that raises new questions for the council.",
            "the budget office",
            "The deficit will grow this year, sooner than expected",
        ),
        # A connective the frame cut off into a piece of its own.
        (
            "Still, he said, officials have to decide who gets extra scrutiny.",
            "he",
            "officials have to decide who gets extra scrutiny",
        ),
        (
            "And, she acknowledged, it is unclear how far the plan goes.",
            "she",
            "it is unclear how far the plan goes",
        ),
        # Between two dashes before "that": frame.
        (
            "His campaign chairman Ali Demir said — on the radio, as it happens — that the "
            "party raised about $4 million that day.",
            "Ali Demir",
            "the party raised about $4 million that day",
        ),
        # "But according to X, Y": the source runs to the comma that closes it, not to the
        # first comma of a list inside it.
        (
            "But according to interviews with several of the mayor's friends, aides and "
            "allies, she wants to run again next year.",
            "interviews with several of the mayor's friends, aides and allies",
            "she wants to run again next year",
        ),
    ],
)
def test_frames_set_off_inside_the_sentence(sentence, claimant, claim):
    result = attribute(sentence)
    assert (result.claimant, result.claim) == (claimant, claim)


@pytest.mark.parametrize(
    ("sentence", "claimant", "claim"),
    [
        # A name set off before a long phrase the parser broke up, the verb left without a
        # subject: the sentence's first name set off by a comma is the speaker ...
        (
            "Ana Ruiz, a Tampa, Fla., rabbi helping to organize the boycott, said the rabbis "
            "were alarmed about the plan.",
            "Ana Ruiz",
            "the rabbis were alarmed about the plan",
        ),
        # ... also after an opening circumstance, which is no part of the claim.
        (
            "Speaking in Leeds, Ruiz, without naming him, also accused Lee of being late to the "
            "issue.",
            "Ruiz",
            "Lee of being late to the issue",
        ),
    ],
)
def test_a_name_set_off_before_a_broken_up_phrase_is_the_speaker(sentence, claimant, claim):
    result = attribute(sentence)
    assert (result.claimant, result.claim) == (claimant, claim)


@pytest.mark.parametrize(
    ("sentence", "claimant", "claim"),
    [
        # A naming verb whose object runs into a closing quotation the parser hung elsewhere.
        (
            "Ortiz, a council ally, called the city’s standards “strong.”",
            "Ortiz",
            "the city’s standards “strong.”",
        ),
        (
            'Campaign manager Tom Bale called that "beyond absurd."',
            "Tom Bale",
            'that "beyond absurd."',
        ),
        # Two apostrophes close a quotation like a closing mark does.
        ("Mr. Ruiz said the plan was ''reckless.''", "Ruiz", "the plan was ''reckless.''"),
    ],
)
def test_a_quoted_name_and_two_apostrophes_close_the_claim(sentence, claimant, claim):
    result = attribute(sentence)
    assert (result.claimant, result.claim) == (claimant, claim)


def test_a_participle_naming_a_thing_is_no_speakers_frame():
    sentence = (
        "The city had disliked the meetings of donors and business people, called the Harbor "
        "Forum, that the trust was holding abroad."
    )
    assert attribute(sentence).claimant is None


@pytest.mark.parametrize(
    ("sentence", "claimant", "claim"),
    [
        # A closing frame after the quotation's mark, its verb tagged as a noun.
        (
            "“The mayor is the only one strong enough to stop the tolls,” a voice-over in the ad "
            "states.",
            "a voice-over in the ad",
            "The mayor is the only one strong enough to stop the tolls",
        ),
        # "claims" tagged as a noun, a subject pronoun opening the clause without "that".
        # (the tagger reads "Black claims" as an adjective and a noun)
        ("Black claims she's owed $10,000 by the city.", "Black", "she's owed $10,000 by the city"),
    ],
)
def test_frames_read_without_the_parse(sentence, claimant, claim):
    result = attribute(sentence)
    assert (result.claimant, result.claim) == (claimant, claim)


@pytest.mark.parametrize(
    "sentence",
    ["In all, 691 delegates are up for grabs in five states.", "Ruiz claims victory."],
)
def test_states_and_claims_without_a_clause_frame_nothing(sentence):
    result = attribute(sentence)
    assert result.claim == sentence  # the outlet's own, or a claim of nothing checkable


def test_a_common_noun_speaker_before_who_is_the_speaker():
    # The parser made the relative clause's verb a clause of "said", its subject the speaker.
    result = attribute(
        "One attendee, who like others spoke on the condition of anonymity to discuss the "
        "private meeting, said the message was that the race would not be over soon."
    )
    assert (result.claimant, result.sourcing) == ("One attendee", A)
    assert result.claim == "the message was that the race would not be over soon"


@pytest.mark.parametrize(
    ("earlier", "sentence", "claimant"),
    [
        # The "she" of a frame closing the quotation is the subject of the sentence's own
        # verb of saying, not the person named in the sentence before.
        (
            "Mayor Lena Ortiz spoke first.",
            "At the hearing, Ana Ruiz defended the levy: “The roads will be paid for by "
            "2030,” she said.",
            "Ana Ruiz",
        ),
        (
            "Mayor Tom Ortiz spoke first.",
            "Ana Ruiz said the levy would end: “We kept our word,” she said.",
            "Ana Ruiz",
        ),
        # A name that does not fit the pronoun is someone else.
        (
            "Mayor Tom Ortiz spoke first.",
            "Ms. Ruiz said the levy would end: “We kept our word,” he said.",
            "Tom Ortiz",
        ),
        # A subject inside a "when" clause: the "he" may be the man attacked.
        (
            "Tom Ortiz spoke first.",
            'When Ana Ruiz attacked Lee over the levy, "It was never my plan," he said.',
            "Tom Ortiz",
        ),
    ],
)
def test_a_closing_frames_pronoun_is_the_sentences_own_speaker(earlier, sentence, claimant):
    assert attribute_sentences([earlier, sentence])[1].claimant == claimant


def test_a_quotation_running_on_keeps_its_speaker_over_the_verbs_inside_it():
    # The later sentences of the quotation report what others said, in the speaker's words:
    # "They said" and "the bank called" are no frames of the outlet's.
    results = attribute_sentences(
        [
            "Ana Ruiz recalled the talks: “We met the lenders in March.",
            "They said the loan was safe.",
            "Then the bank called and took it all back.”",
        ]
    )
    assert [r.claimant for r in results] == ["Ana Ruiz"] * 3
    assert results[1].claim == "They said the loan was safe"


def test_a_quotation_after_a_frame_ending_on_a_colon_is_that_speakers():
    # The quotation opens the next paragraph; a "her" inside it names no one.
    results = attribute_sentences(
        [
            "Tom Lee, a retired nurse, said of the race:",
            "“Ruiz is the one who listens.",
            "I never saw her skip a town hall, and I went to all of them.”",
        ],
        [True, False, True],
    )
    assert [r.claimant for r in results] == ["Tom Lee"] * 3
    assert results[2].claim == "I never saw her skip a town hall, and I went to all of them"


@pytest.mark.parametrize(
    ("sentence", "claimant", "role", "claim"),
    [
        # A party tag after the name, hidden from the parser and given back to the role.
        (
            "Monday at Lakeview College in Dayton, OH, after winning Ohio in the state primary, "
            "Gov. Tom Barr (R-OH), said, “Our bus leaves for Denver tonight.”",
            "Tom Barr",
            "Gov., R-OH",
            "Our bus leaves for Denver tonight",
        ),
        # A tag inside the claim stays in it.
        (
            "Ann Lee said she backs Rep. Tom Cole (D-N.Y.) over the others.",
            "Ann Lee",
            None,
            "Ann Lee backs Rep. Tom Cole (D-N.Y.) over the others",
        ),
    ],
)
def test_party_tags_are_hidden_from_the_parse(sentence, claimant, role, claim):
    result = attribute(sentence)
    assert (result.claimant, result.role, result.claim) == (claimant, role, claim)


def test_a_party_tag_closing_the_claim_stays_in_it():
    result = attribute(
        "Tom Barr polls better than Sen. Tom Cole (R-TX) and Sen. Lin Gray (R-FL), according "
        "to a new poll."
    )
    claim = "Tom Barr polls better than Sen. Tom Cole (R-TX) and Sen. Lin Gray (R-FL)"
    assert result.claim == claim


@pytest.mark.parametrize(
    ("sentence", "claimant", "role"),
    [
        # The parser made the role the subject and left the name before it, set off by a
        # comma: the person speaks, not the body the role belongs to.
        (
            "The budget was mocked by Nora Lind, the leader of the opposition in Eastfield, who "
            "suggested that the mayor resign.",
            "Nora Lind",
            "leader of the opposition in Eastfield",
        ),
        # Not the claim's subject before a frame, nor a name before a possessive.
        ("Mr. Ortiz, economists said, has good reasons to wait.", "economists", None),
        (
            "Two days before the Ohio vote, Ana Ruiz’s team says they will skip the forum.",
            "Ana Ruiz’s team",
            None,
        ),
    ],
)
def test_a_name_before_its_role_is_the_speaker(sentence, claimant, role):
    result = attribute(sentence)
    assert (result.claimant, result.role) == (claimant, role)


@pytest.mark.parametrize(
    ("sentence", "claimant"),
    [
        # A "she" no earlier sentence resolves is the person the sentence names before it.
        (
            "Ana Ruiz was asked about the levy on Monday, and she said it would end in 2030.",
            "Ana Ruiz",
        ),
        # Not the subject of a "when" clause, nor across a name the verb addresses.
        ("When Ana Ruiz accused Lee of lying, he said the levy would end.", "he"),
        ("Ana Ruiz began by asking Tom Lee why he said the levy would end.", "he"),
    ],
)
def test_an_unresolved_pronoun_is_the_sentences_own_subject(sentence, claimant):
    assert attribute_sentences([sentence])[0].claimant == claimant


def test_a_quotation_resumed_before_its_frame_keeps_the_quoted_words_out_of_the_speaker():
    # The sentence opens inside the quotation: without its opening mark the parser read the
    # quoted noun phrase as the subject of "he said".
    results = attribute_sentences(
        [
            "Tom Hale, the airport director, spoke after the vote.",
            '"Our aim is to protect the island from the smugglers.',
            'A small group of very angry, violent men," he said in a statement.',
        ]
    )
    assert [r.claimant for r in results] == [None, "Tom Hale", "Tom Hale"]
    assert results[2].claim == "A small group of very angry, violent men"


def test_a_paragraph_quoting_over_several_sentences_continues_the_speaker_before_it():
    results = attribute_sentences(
        [
            '"The bridge will reopen in May," the council engineer Mara Dune said.',
            '"We have replaced every cable on the north span.',
            'The cost stayed within the budget."',
            "The bridge closed in 2024.",
        ],
        same_paragraph=[True, False, True, False],
    )
    assert [r.claimant for r in results] == ["Mara Dune", "Mara Dune", "Mara Dune", None]
    assert results[2].claim == "The cost stayed within the budget"
    # A statement's quotation goes on the same way.
    results = attribute_sentences(
        [
            '"The bridge will reopen in May," said a statement from the regional council.',
            '"Engineers have replaced every cable on the north span.',
            'The cost stayed within the budget."',
        ],
        same_paragraph=[True, False, True],
    )
    assert results[1].claimant == results[2].claimant == results[0].claimant
    # Not when the paragraph names its own speaker.
    results = attribute_sentences(
        [
            '"Fares will not rise," Ines Varga said.',
            '"The station is closed.',
            'Trains stop at noon," the driver said.',
        ],
        same_paragraph=[True, False, True],
    )
    assert results[1].claimant == results[2].claimant == "the driver"


def test_a_title_after_a_bodys_name_leaves_the_person_as_the_claimant():
    # "Department of ..." took the whole phrase for one organisation's name.
    result = attribute(
        "The Department of Public Works Director Ana Ruiz said the bridge would reopen."
    )
    assert (result.claimant, result.role) == ("Ana Ruiz", "Department of Public Works Director")
    assert result.claim == "the bridge would reopen"
    # And a later "he" is that person.
    results = attribute_sentences(
        [
            "Department of Public Safety Director Tom Hale announced the arrest on Friday, "
            "saying a suspect was held.",
            "He said the investigation continues.",
        ]
    )
    assert [r.claimant for r in results] == ["Tom Hale", "Tom Hale"]
    # A body whose name has no title in it keeps its whole name.
    assert attribute(
        "The Roper Center for Public Opinion Research said turnout fell."
    ).claimant == ("The Roper Center for Public Opinion Research")


@pytest.mark.parametrize(
    ("sentence", "claimant", "role", "claim"),
    [
        (
            "The bridge stayed shut, a statement from Harlow City Council said.",
            "Harlow City Council",
            "statement",
            "The bridge stayed shut",
        ),
        (
            "A report by the Congressional Budget Office found that costs rose.",
            "the Congressional Budget Office",
            "report",
            "costs rose",
        ),
    ],
)
def test_a_documents_named_author_is_the_claimant(sentence, claimant, role, claim):
    result = attribute(sentence)
    assert (result.claimant, result.role, result.claim) == (claimant, role, claim)
    assert result.sourcing == N


def test_a_document_from_another_document_or_an_event_keeps_its_name():
    result = attribute("Data from the Harlow Housing Survey show that rents rose.")
    assert result.claimant == "Data from the Harlow Housing Survey"
    result = attribute("Exit polls from the Harlow mayoral primary showed that turnout rose.")
    assert result.claimant == "Exit polls from the Harlow mayoral primary"


@pytest.mark.parametrize(
    ("sentence", "claim"),
    [
        # A verb coordinated with the reported clause in the cue's form, not the clause's:
        # what the speaker did next.
        (
            "The mayor says the old bridge was unsafe and says she ordered a new survey.",
            "the old bridge was unsafe",
        ),
        (
            "The union denies that the strike was illegal and plans to hold another one in May.",
            "the strike was illegal",
        ),
        (
            "Ms. Ortega has said she wants a ban on the pesticide and has pushed for a review "
            "of its licence.",
            "Ortega wants a ban on the pesticide",
        ),
        (
            "Kowalski defended the budget, saying it had cut waste and calling the critics "
            "dishonest.",
            "it had cut waste",
        ),
        # A naming verb's object, without the act coordinated with the verb.
        (
            "Ms. Duarte called the levy a tax on the poor and promised to repeal it.",
            "the levy a tax on the poor",
        ),
        (
            "Grant called the ruling a victory for tenants and thanked the volunteers who had "
            "fought it.",
            "the ruling a victory for tenants",
        ),
        # The clause's own verbs stay: the same form as the clause's, or one that may share
        # its auxiliary, or a second "that" clause.
        (
            "Ruiz said the shop was eating into her savings and draining her energy.",
            "the shop was eating into her savings and draining her energy",
        ),
        (
            "Lee said the firm had closed the plant and moved its staff to Ohio.",
            "the firm had closed the plant and moved its staff to Ohio",
        ),
        (
            "Ms. Osei says the clinic is short of nurses and that she expects it to close.",
            "the clinic is short of nurses and that she expects it to close",
        ),
    ],
)
def test_what_the_speaker_did_next_in_the_cues_form_is_no_part_of_the_claim(sentence, claim):
    assert attribute(sentence).claim == claim


@pytest.mark.parametrize(
    ("sentence", "claim"),
    [
        (
            "There is little risk of flooding this year, engineers in both towns insist, "
            "because the new levees have held.",
            "There is little risk of flooding this year because the new levees have held",
        ),
        (
            "The two parties are now level in the race, the new survey shows, with each on 38 "
            "percent of the vote.",
            "The two parties are now level in the race with each on 38 percent of the vote",
        ),
        # Where and when it was said stay frame.
        ("The levy is fair, the mayor said, in a statement on Tuesday.", "The levy is fair"),
    ],
)
def test_a_claim_goes_on_after_a_frame_in_its_middle(sentence, claim):
    assert attribute(sentence).claim == claim


@pytest.mark.parametrize(
    ("sentence", "claim"),
    [
        (
            '"Our legacy will last," Ms. Ruiz said, as the last of the crowd drifted out of the '
            "hall.",
            "Our legacy will last",
        ),
        (
            '"Look at all these people," Ochoa said with a grin, pointing at the packed square.',
            "Look at all these people",
        ),
        ('"Never," she added when the host asked about a comeback.', "Never"),
        ('"Not now," said Ms. Lee, waving the reporters away.', "Not now"),
        # The quotation that resumes after its frame is still the claim.
        (
            '"The tax is unfair," the mayor said, "because the poorest pay the most."',
            "The tax is unfair because the poorest pay the most",
        ),
    ],
)
def test_what_the_speaker_did_while_closing_a_quotation_is_frame(sentence, claim):
    assert attribute(sentence).claim == claim


@pytest.mark.parametrize(
    ("first", "later", "claimant", "role"),
    [
        (
            "Foreign Minister Ana Ruiz said on Monday that the talks would resume in May.",
            "The minister said the ceasefire had held for nine days.",
            "Ana Ruiz",
            "Foreign Minister",
        ),
        (
            "Mayor Tom Okafor told reporters the bridge would reopen on Friday.",
            "The bridge carries 40,000 cars a day, the mayor added.",
            "Tom Okafor",
            "Mayor",
        ),
        (
            "The president of the council, Marco Bell, said the vote was lost.",
            "The president said a second vote was planned for June.",
            "Marco Bell",
            "president of the council",
        ),
    ],
)
def test_a_title_alone_names_the_one_person_the_article_gave_it(first, later, claimant, role):
    # "The minister said ...": the office holder named before, not an organisation.
    result = attribute_sentences([first, "The weather in the capital was cold.", later])[2]
    assert (result.claimant, result.role, result.sourcing) == (claimant, role, N)


def test_a_title_two_people_held_or_nobody_held_stays_as_printed():
    two = attribute_sentences(
        [
            "Finance Minister Ana Ruiz said taxes would rise.",
            "Energy Minister Paul Brandt said prices would fall.",
            "The minister said the budget was balanced.",
        ]
    )[2]
    assert two.claimant == "The minister"
    nobody = attribute_sentences(
        ["Ana Ruiz said taxes would rise.", "The minister said the budget was balanced."]
    )[1]
    assert nobody.claimant == "The minister"
    # A title that is no office ("the company") is left to the reader.
    company = attribute_sentences(
        ["Chief Executive Ana Ruiz said sales rose.", "The company said profits rose 4%."]
    )[1]
    assert company.claimant == "The company"


def test_a_quotation_left_open_at_a_paragraphs_end_runs_on_into_the_next():
    # The convention of English copy: a quotation over several paragraphs opens each of them
    # and closes only the last, where its frame may stand. Every paragraph is the speaker's.
    results = attribute_sentences(
        [
            "The harbour master spoke at the quay on Monday.",
            "“Dredging the channel will take two more years.",
            "“The cost has already doubled since the tender.",
            "“Ships over 300 metres will keep waiting outside until then,” Tomas Brand said.",
            "The port reopened on Tuesday.",
        ],
        same_paragraph=[False, False, False, False, False],
    )
    assert [r.claimant for r in results] == [
        None,
        "Tomas Brand",
        "Tomas Brand",
        "Tomas Brand",
        None,
    ]
    assert results[1].claim == "Dredging the channel will take two more years"
    assert results[2].claim == "The cost has already doubled since the tender"
    # Named before the quotation: carried into each later paragraph that opens with a mark.
    results = attribute_sentences(
        [
            "Tomas Brand said: “Dredging the channel will take two more years.",
            "“The cost has already doubled since the tender.”",
            "The port reopened on Tuesday.",
        ],
        same_paragraph=[False, False, False],
    )
    assert [r.claimant for r in results] == ["Tomas Brand", "Tomas Brand", None]
    assert results[1].claim == "The cost has already doubled since the tender"


def test_a_paragraph_that_closes_its_quotation_carries_nothing_into_the_next():
    # The quotation closed: a later paragraph in marks with no frame is not the outlet's
    # claim (as before) but is given to no speaker unless the wire's convention names one.
    results = attribute_sentences(
        [
            "“Dredging the channel will take two more years.”",
            "“The cost has already doubled since the tender.”",
        ],
        same_paragraph=[False, False],
    )
    assert [r.claimant for r in results] == [None, None]


def test_a_quotation_in_straight_marks_runs_on_over_paragraphs_too():
    results = attribute_sentences(
        [
            '"Dredging the channel will take two more years.',
            '"Ships over 300 metres will keep waiting outside until then," Tomas Brand said.',
            "The port reopened on Tuesday.",
        ],
        same_paragraph=[False, False, False],
    )
    assert [r.claimant for r in results] == ["Tomas Brand", "Tomas Brand", None]
    assert results[0].claim == "Dredging the channel will take two more years"


def test_a_paragraph_opening_with_another_kind_of_mark_starts_a_new_quotation():
    # A long passage quoted in straight marks, then the outlet's own quotation in curly ones:
    # the later frame speaks for its own quotation only, not for the passage before it.
    results = attribute_sentences(
        [
            "The Tribune reports:",
            '"Ana thought the whole plan was absurd.',
            "She was tired, sure.",
            "“It never crossed my mind,” she said later.",
        ],
        same_paragraph=[False, False, True, False],
    )
    assert results[2].claimant != "she" and results[3].claim == "It never crossed my mind"
    assert [r.claimant for r in results[1:3]] == ["The Tribune", "The Tribune"]


@pytest.mark.parametrize(
    ("sentence", "claimant", "claim"),
    [
        (
            "The union still wants to reopen the wage talks in its dispute with Lufthansa, a "
            "German official close to the negotiators told DPA Monday, despite a rejection of "
            "its first offer.",
            "a German official close to the negotiators",
            "The union still wants to reopen the wage talks in its dispute with Lufthansa",
        ),
        (
            "The army still hopes to hold the bridge over the Dnipro near Kherson, a Ukrainian "
            "officer close to the command told AFP on Sunday.",
            "a Ukrainian officer close to the command",
            "The army still hopes to hold the bridge over the Dnipro near Kherson",
        ),
        (
            "The ministry plans to close the border crossing with Hungary, a senior Serbian "
            "official told Reuters Tuesday, citing the migrant numbers.",
            "a senior Serbian official",
            "The ministry plans to close the border crossing with Hungary",
        ),
        (
            # the verb parsed as the root, the claim as its complement
            "Moscow still wants to hold talks on the grain deal with Ankara, a Turkish official "
            "close to the presidency told Reuters Monday, despite the collapse of the last round.",
            "a Turkish official close to the presidency",
            # (a claim goes on after a frame in mid-sentence: "despite" is the claim's)
            "Moscow still wants to hold talks on the grain deal with Ankara despite the "
            "collapse of the last round",
        ),
    ],
)
def test_a_speaker_after_the_claims_last_name_is_no_apposition_to_it(sentence, claimant, claim):
    # The parser reads "..., a senior official told" as an apposition to the name that ends
    # the claim and leaves the verb without a subject: the phrase set off before it speaks.
    result = attribute(sentence)
    assert (result.claimant, result.sourcing, result.claim) == (claimant, A, claim)


def test_he_may_stand_for_one_unnamed_person_described_before():
    # "the official" is one person, though unnamed: the "he" of the next frame is that
    # official, not the last person the article named. A body of people is no "he".
    results = attribute_sentences(
        [
            "Prime Minister Ana Ruiz on Wednesday dismissed the union's offer as absurd.",
            "A union official said the strike would go on until Friday.",
            '"We expect the talks to be very hard," added the official, who is close to them.',
            '"The two sides will meet again on Monday," he said on condition of anonymity.',
        ],
        same_paragraph=[False] * 4,
    )
    assert (results[3].claimant, results[3].sourcing) == ("the official", A)
    results = attribute_sentences(
        [
            "Prime Minister Ana Ruiz on Wednesday dismissed the union's offer as absurd.",
            "The police said the march had been peaceful.",
            '"The two sides will meet again on Monday," he said.',
        ],
        same_paragraph=[False] * 3,
    )
    assert results[2].claimant == "Ana Ruiz"


def test_he_finds_a_person_named_as_the_subject_of_a_sentence_with_no_cue():
    # The first sentence has no verb of saying (so it is not parsed for its frame), yet its
    # subject is whom the "he" of the next sentence stands for.
    results = attribute_sentences(
        [
            "Acme chief executive Tom Berger apologized to shareholders on Thursday for a weak "
            "outlook.",
            "He also said the firm was unlikely to lose market share.",
        ],
        same_paragraph=[False, False],
    )
    assert results[1].claimant == "Tom Berger"


def test_a_surname_alone_is_the_person_named_in_full_before():
    # "Chambers" alone reads as a body ("chambers"); after "John Chambers" it is that person,
    # with the role the article gave him, and a "he" after it is him too.
    results = attribute_sentences(
        [
            "Finance Minister John Chambers said on Monday the deficit had narrowed.",
            "Chambers said the budget would be balanced by 2028.",
            '"We have done the hard part," he told reporters.',
            "The minister said taxes would not rise.",
        ],
        same_paragraph=[False] * 4,
    )
    assert results[1].claimant == "Chambers"
    assert (results[1].kind, results[1].role) == ("person", "Finance Minister")
    assert results[2].claimant == "Chambers"
    # One person under two names: "the minister" is still the one holder of the title.
    assert results[3].claimant == "John Chambers"


def test_a_quotation_paragraph_after_a_speaker_introduced_without_a_verb_of_saying():
    # The paragraph before names the speaker and what they talk about, with no verb of
    # saying; the paragraphs of quotation after it are that speaker's.
    results = attribute_sentences(
        [
            "Market analyst Tom Okafor gave his view of the slump in the town's housing market.",
            '"Prices fell for the third month in a row.',
            'That is a warning."',
            '"Buyers have gone quiet since the spring."',
            "The town council meets on Tuesday.",
        ],
        same_paragraph=[False, False, True, False, False],
    )
    assert [r.claimant for r in results] == [None, *["Tom Okafor"] * 3, None]
    assert results[2].claim == "That is a warning"


def test_a_quotation_paragraph_after_a_paragraph_naming_nobody_stays_unattributed():
    results = attribute_sentences(
        ["The housing market slumped in the spring.", '"Prices fell for the third month."'],
        same_paragraph=[False, False],
    )
    assert results[1].claimant is None
    # Nor after a place named as the subject of the paragraph before.
    results = attribute_sentences(
        ["Harlow Springs lost a third of its shops.", '"Prices fell for the third month."'],
        same_paragraph=[False, False],
    )
    assert results[1].claimant is None


def test_he_is_the_person_named_before_with_a_title_whatever_the_role_of_the_name():
    # The person is named only as the object of a preposition; "she" stands for her.
    results = attribute_sentences(
        [
            "The plan drew sharp criticism from Mayor Ana Ruiz.",
            '"Nobody asked the residents," she said on Monday.',
        ]
    )
    assert (results[1].claimant, results[1].role) == ("Ana Ruiz", "Mayor")
    # A person a verb acts on: "police arrested X. He said ...".
    results = attribute_sentences(
        [
            "Police arrested Tom Okafor at his home in Harlow Springs.",
            "He told reporters he had done nothing wrong.",
        ]
    )
    assert results[1].claimant == "Tom Okafor"


def test_a_pronoun_keeps_the_subject_before_a_person_named_as_an_object():
    # The subject of the sentence before is the nearer fit, not its object.
    results = attribute_sentences(
        [
            "Ana Ruiz met Governor Tom Okafor in the capital.",
            "She said the talks had gone well.",
        ]
    )
    assert results[1].claimant == "Ana Ruiz"
    # An untitled name after "in" or "to" may be a place: no antecedent.
    results = attribute_sentences(
        ["The convoy travelled to Harlow Springs.", '"It was quiet," he said.']
    )
    assert results[1].claimant == "he"


def test_insisting_on_anonymity_is_no_statement():
    result = attribute("Two officials insisted on anonymity to discuss the talks.")
    assert (result.claimant, result.sourcing) == (None, U)
    result = attribute("The minister insisted that the talks would go on.")
    assert result.claimant == "The minister"


def test_a_spokesman_of_a_named_kind_of_body_speaks_for_it():
    # "a police spokesman": the police of the story, named (it is not an unnamed source).
    result = attribute("A police spokesman told reporters that six people were hurt.")
    assert (result.claimant, result.sourcing) == ("A police spokesman", N)
    # An unnamed source stays anonymous.
    assert attribute("A senior official said six people were hurt.").sourcing == A


@pytest.mark.parametrize(
    ("first", "later", "claimant"),
    [
        (
            "Harlow's health ministry said 40 people were in hospital.",
            "The ministry said six of them were children.",
            "Harlow's health ministry",
        ),
        (
            "Brandt Motors Inc. said sales rose 4% in March.",
            "The company said demand for its vans had slowed.",
            "Brandt Motors Inc.",
        ),
        (
            "The Harlow Transit Agency said fares would not rise.",
            "The agency said the new line would open in May.",
            "The Harlow Transit Agency",
        ),
    ],
)
def test_a_body_named_by_its_kind_alone_is_the_one_body_named_before(first, later, claimant):
    # "the ministry", "the company": the one organisation of that kind the article named.
    result = attribute_sentences([first, "The weather in the capital was cold.", later])[2]
    assert (result.claimant, result.sourcing) == (claimant, N)
    assert result.role is not None and later.split()[1] in result.role


def test_a_body_two_of_its_kind_or_none_fit_stays_as_printed():
    two = attribute_sentences(
        [
            "The health ministry said 40 people were in hospital.",
            "The defence ministry said 12 soldiers died.",
            "The ministry said more figures would follow.",
        ]
    )[2]
    assert two.claimant == "The ministry"
    # A company named without a corporate word ("Brandt Motors") may be a person's name.
    plain = attribute_sentences(["Brandt Motors said sales rose.", "The company said prices fell."])
    assert plain[1].claimant == "The company"


def test_a_long_relative_clause_between_the_speakers_and_their_verb():
    # The parser loses the subject across "who like others were ..."; the phrase set off
    # before the relative clause is the speaker.
    result = attribute(
        "Senior health officials, who like others were not authorized to comment publicly and"
        " spoke on condition of anonymity, had told reporters that the clinic would close."
    )
    assert (result.claimant, result.sourcing) == ("Senior health officials", A)
    assert result.claim == "the clinic would close"


def test_they_after_an_unnamed_body_is_resolved_without_error():
    # "they" may stand for a body described before; only "he" and "she" look for a name in
    # their own sentence (this raised once).
    results = attribute_sentences(
        [
            "An opposition party said the vote had been rigged.",
            "When Ana Ruiz won, they said they would appeal.",
        ],
        same_paragraph=[False, False],
    )
    assert results[1].claimant is not None


def test_a_phrase_after_an_opening_phrase_is_no_speaker_set_off_after_a_claim():
    # Guard of the apposition rule: the comma closes an opening phrase, not a claim.
    result = attribute(
        "According to early results of an exit poll conducted for the networks by Ipsos, "
        "majorities of voters in all five states say they feel betrayed."
    )
    assert result.claimant != "majorities of voters in all five states"


@pytest.mark.parametrize(
    "sentence",
    [
        "But the stock is still down about 18 percent from Tuesday, when the group forecast "
        "profit growth of 4 to 6 percent, well below the 9 percent analysts had expected.",
        "Yet the bonds are still down around 7 percent since Friday, when the lender forecast "
        "earnings growth of 2 to 3 percent, well below the 5 percent investors had expected.",
    ],
)
def test_the_figure_analysts_expected_is_a_benchmark_not_their_statement(sentence):
    # "the 9 percent analysts had expected" is a figure the outlet compares with, parsed as if
    # the analysts had expected the whole sentence: they are no claimant of it.
    result = attribute(sentence)
    assert result.claimant is None or "analysts" not in result.claimant
    assert result.claimant is None or "investors" not in result.claimant


@pytest.mark.parametrize(
    "sentence",
    [
        "The firm's cuts will now reach some 9,000 posts, about a tenth of its staff, after a "
        "further 4,000 were added.",
        "The county's waiting list grew to 31,500 families, after 2,000 more were added.",
    ],
)
def test_a_thousands_comma_is_no_frame_and_a_figure_no_speaker(sentence):
    # "..., 000 were added" read as a tail frame ('..., the mayor added.') with the speaker
    # "000": the comma between digits is a thousands separator.
    result = attribute(sentence)
    assert result.claimant is None
    assert result.claim == sentence


def test_a_tail_frame_after_a_figure_still_names_its_speaker():
    result = attribute("The plant will cut 1,200 jobs by March, the company added.")
    assert result.claimant == "the company"
    assert result.claim == "The plant will cut 1,200 jobs by March"


@pytest.mark.parametrize(
    ("sentence", "claim"),
    [
        (
            'The mayor summed up her week in a single line: "We are not closing one library," '
            "she told reporters.",
            "We are not closing one library",
        ),
        (
            "The coach saw the defeat differently: “We learned more tonight than in any win,” "
            "he said.",
            "We learned more tonight than in any win",
        ),
        (
            'For example: "The budget will balance by spring," the treasurer said on Monday.',
            "The budget will balance by spring",
        ),
        (
            'Ms. Ortiz put it bluntly: "Nobody reads the small print," said Ms. Ortiz, a tenant '
            "lawyer.",
            "Nobody reads the small print",
        ),
    ],
)
def test_the_writers_lead_in_to_a_quotation_closed_by_its_frame_is_no_claim(sentence, claim):
    assert attribute(sentence).claim == claim


@pytest.mark.parametrize(
    ("sentence", "claim"),
    [
        # The frame comes first: what follows its colon is all the speaker's.
        (
            'The mayor said the plan was simple: "We build, and we build fast."',
            'the plan was simple: "We build, and we build fast."',
        ),
        ('"We are not closing one library," she told reporters.', "We are not closing one library"),
    ],
)
def test_a_colon_after_the_frame_keeps_the_claim_whole(sentence, claim):
    assert attribute(sentence).claim == claim


@pytest.mark.parametrize(
    ("sentence", "claim"),
    [
        (
            "Reached by phone, the coach denied the report that he would resign.",
            "the report that he would resign",
        ),
        (
            "Interviewed after the vote, the senator denied the charge that she had switched "
            "sides.",
            "the charge that she had switched sides",
        ),
        # A clausal complement was already the claim; the opening still is not.
        (
            "Asked about the audit, the treasurer insisted that the books were clean.",
            "the books were clean",
        ),
        # Not a gerund that is the claim's own subject.
        (
            "Evaluating the candidates, Stevens said, is like picking fruit.",
            "Evaluating the candidates is like picking fruit",
        ),
    ],
)
def test_a_participle_opening_the_sentence_before_the_speaker_is_frame(sentence, claim):
    assert attribute(sentence).claim == claim


@pytest.mark.parametrize(
    ("sentence", "claim"),
    [
        (
            'Ortiz wrote that the plan "is right about the problems, but its answers do not work."',
            'the plan "is right about the problems, but its answers do not work."',
        ),
        (
            'The minister told the paper, "We are going to build the houses . . . and every one '
            'of them will be sold at cost."',
            "We are going to build the houses . . . and every one of them will be sold at cost",
        ),
        # A quotation resumed after its frame was already joined; the frame stays out.
        ('"We will win," she said, "and we will win big."', "We will win and we will win big"),
    ],
)
def test_a_claim_that_ends_inside_its_quotation_runs_to_the_closing_mark(sentence, claim):
    assert attribute(sentence).claim == claim


@pytest.mark.parametrize(
    ("sentence", "claim"),
    [
        (
            '"If the big sponsors stay away from the final," Ruiz said, "why would the small '
            'ones come?"',
            "If the big sponsors stay away from the final why would the small ones come",
        ),
        (
            '"If the levy passes," the chair warned, "the smallest shops will close first."',
            "If the levy passes the smallest shops will close first",
        ),
        # Already whole; and a quotation after a participle is that participle's own.
        ('"As mayor," she said, "I will close no library."', "As mayor I will close no library"),
    ],
)
def test_a_quotation_the_frame_interrupts_is_one_claim(sentence, claim):
    assert attribute(sentence).claim == claim


@pytest.mark.parametrize(
    ("sentence", "claim"),
    [
        (
            "The president said Tuesday his actions are consistent with the law.",
            "his actions are consistent with the law",
        ),
        ("The mayor said last week the bridge would reopen.", "the bridge would reopen"),
        ("The governor promised Monday to veto the bill.", "to veto the bill"),
        # The day as the claim's own subject, or a word of its phrase, stays.
        ("He said Tuesday would be the day.", "Tuesday would be the day"),
        ("The mayor said Monday's vote would decide it.", "Monday's vote would decide it"),
        ("Four shops reported year-over-year revenue declines.", "year-over-year revenue declines"),
    ],
)
def test_the_day_right_after_the_cue_says_when_not_what(sentence, claim):
    assert attribute(sentence).claim == claim


def test_a_company_that_reported_that_it_expects_made_a_statement():
    # A clause after "reported" is what the company said.
    result = attribute("Brandt Motors reported that it expects revenue to fall in the spring.")
    assert (result.claimant, result.sourcing) == ("Brandt Motors", N)
    assert "expects revenue to fall in the spring" in result.claim


@pytest.mark.parametrize(
    "sentence",
    [
        "A bus driver and a cyclist were hurt in a crash near the bridge on Sunday, authorities "
        "said.",
        "Authorities say they found the stolen van about two miles from the depot.",
        "Local authorities said the road would stay closed until Friday.",
    ],
)
def test_authorities_unnamed_are_anonymous_like_officials(sentence):
    # "authorities said": no reader can tell which body spoke (the labelling rule's
    # "state authorities"), as with "officials".
    result = attribute(sentence)
    assert result.claimant is not None and "uthorities" in result.claimant
    assert result.sourcing == A


def test_the_sheriff_is_the_sheriff_named_before():
    results = attribute_sentences(
        [
            "Two men were arrested after the robbery, said Pike County Sheriff Dana Holt.",
            "The van was found near the river.",
            "The sheriff said the men had no links to the town.",
        ]
    )
    assert (results[2].claimant, results[2].sourcing) == ("Dana Holt", N)
    assert "Sheriff" in (results[2].role or "")


@pytest.mark.parametrize(
    ("first", "later", "claim"),
    [
        (
            "A teenager was arrested on Monday, Sheriff Dana Holt said.",
            "He was charged with the theft of two cars, Holt said.",
            "He was charged with the theft of two cars",
        ),
        (
            "The council sold the old depot last year, Mayor Ruth Kane said.",
            "It will be torn down in the spring, Kane said.",
            "It will be torn down in the spring",
        ),
    ],
)
def test_a_pronoun_before_a_closing_frame_is_not_the_speaker(first, later, claim):
    # "He was charged ..., Holt said": the "he" opening the claim stands for someone the
    # article spoke of before (the suspect), not for the speaker named after it.
    result = attribute_sentences([first, later])[1]
    assert result.claimant == ("Holt" if "Holt" in later else "Kane")
    assert result.claim == claim


def test_a_pronoun_after_the_cue_is_still_the_speaker():
    # Guard: "Google said it would ...": the pronoun after the frame is the speaker.
    assert attribute("Dana Holt said she would resign.").claim == "Dana Holt would resign"
    results = attribute_sentences(["Jay Ruiz spoke on Monday.", "He will run again, he said."])
    assert results[1].claim == "Jay Ruiz will run again"
    result = attribute("The company said it would cut 400 jobs.")
    assert result.claim == "The company would cut 400 jobs"


@pytest.mark.parametrize(
    ("sentence", "claimant"),
    [
        (
            "Ms. Kane's speech, in which she said the plant would stay open, was cheered.",
            "Kane",
        ),
        (
            "Governor Tom Okafor's interview, in which he said the budget was balanced, aired "
            "on Sunday.",
            "Tom Okafor",
        ),
    ],
)
def test_a_pronoun_in_a_relative_clause_is_the_person_whose_event_it_describes(sentence, claimant):
    # "Mr. Lee's appearance, in which he said ...": the "he" is the possessor of the noun the
    # relative clause describes, when no earlier sentence named anyone it could stand for.
    results = attribute_sentences(["The hall was full on Tuesday.", sentence])
    assert (results[1].claimant, results[1].sourcing) == (claimant, N)


@pytest.mark.parametrize(
    ("sentence", "claimant"),
    [
        (
            "Kessler Foods shares fell 4% on Monday after it reported that it expects sales to "
            "fall in the spring.",
            "Kessler Foods",
        ),
        (
            "Despite strong orders, Brandt Motors stock slid after it said that costs had risen.",
            "Brandt Motors",
        ),
    ],
)
def test_it_after_a_company_whose_shares_moved_is_that_company(sentence, claimant):
    # "X shares fell after it said ...": the sentence names the company, as the owner of the
    # shares, nearer than a description of it in an earlier sentence.
    results = attribute_sentences(["Markets were calm in early trading.", sentence])
    assert (results[1].claimant, results[1].sourcing) == (claimant, N)
    results = attribute_sentences(["The Ohio-based group reported that sales rose.", sentence])
    assert results[1].claimant == claimant


def test_a_clause_inside_a_second_statement_is_no_part_of_the_first():
    # "blamed X on Y but said it is a problem that ...": the "that" clause belongs to what was
    # said after "but", not to the object of "blamed" ("the shortfall that ... cannot ignore").
    result = attribute(
        "Councilwoman Ana Reyes blamed the shortfall on past council decisions but said it is "
        "a problem that the current members cannot ignore."
    )
    assert "the shortfall that" not in (result.claim or "")
    assert result.claim == "it is a problem that the current members cannot ignore"


def test_a_clause_on_the_frames_noun_is_still_the_claim():
    result = attribute("The minister said in a statement that the talks had failed.")
    assert result.claim == "the talks had failed"


@pytest.mark.parametrize(
    ("sentence", "claimant", "claim"),
    [
        (
            "Of those polled, 62% said the economy was worse.",
            "those polled",
            "the economy was worse",
        ),
        ("62% of voters said the economy was worse.", "voters", "the economy was worse"),
        (
            "Of the riders asked, 40% said they would pay more.",
            "riders asked",
            "they would pay more",
        ),
        ("Six in 10 voters said bus fares were the main issue.", "voters", None),
        ("The fares are too high, 62 percent of riders said.", "riders", None),
        (
            "Rents will keep rising, according to 58% of the tenants surveyed.",
            "tenants",
            None,
        ),
        ("A quarter of new members said they had never voted before.", "new members", None),
    ],
)
def test_a_figure_is_no_name_the_group_it_counts_is(sentence, claimant, claim):
    # "62% of voters said": the speakers are the voters, an unnamed group; "62" or "62% of
    # voters" is no name a fact-checker would write down.
    result = attribute(sentence)
    assert (result.claimant, result.sourcing) == (claimant, A)
    if claim is not None:
        assert result.claim == claim


@pytest.mark.parametrize(
    ("sentence", "claim"),
    [
        ("More than 3,000 said they had left the valley.", "they had left the valley"),
        ("About half said the new route was worse.", "the new route was worse"),
    ],
)
def test_a_figure_that_counts_nobody_named_gives_no_claimant(sentence, claim):
    result = attribute(sentence)
    assert (result.claimant, result.sourcing, result.claim) == (None, A, claim)


def test_a_bare_figure_is_no_claimant_even_after_the_group_was_counted():
    # "About half said": half of whom the sentence does not say; no named claimant (the
    # group counted before is not carried: "Officials said X. Some 22 percent said Y").
    results = attribute_sentences(
        [
            "Two-thirds of commuters said the trains were late too often.",
            "About half said they would drive if parking were cheaper.",
        ]
    )
    assert [(r.claimant, r.sourcing) for r in results] == [("commuters", A), (None, A)]
    assert results[0].role == "Two-thirds of commuters"
    assert results[1].claim == "they would drive if parking were cheaper"


@pytest.mark.parametrize(
    ("sentences", "claimant"),
    [
        (["Mr Ortega said the bridge would reopen in May."], "Ortega"),
        (["Ms. Halvorsen told reporters the budget was balanced."], "Halvorsen"),
        (["Mrs Abbott said the school would stay open."], "Abbott"),
        (
            [
                "Transport minister Rafael Ortega opened the new depot on Monday.",
                "Mr Ortega said the bridge would reopen in May.",
            ],
            "Ortega",
        ),
    ],
)
def test_an_honorific_is_no_part_of_the_name(sentences, claimant):
    result = attribute_sentences(sentences)[-1]
    assert (result.claimant, result.sourcing) == (claimant, N)


def test_dr_is_a_title_not_part_of_the_name():
    result = attribute("Dr Amara Osei said the clinic had treated 40 patients.")
    assert result.claimant == "Amara Osei"
    assert result.role is not None and "Dr" in result.role


def test_a_paragraph_of_quotation_after_a_quotation_closed_in_a_later_sentence():
    # The paragraph before ends on the second sentence of its speaker's quotation (no mark
    # opens it); the next paragraph is one whole quotation with no frame: the same speaker.
    sentences = [
        "At the news conference, Ines Varga said, “The line was a turning point for us.",
        "It was a very close vote.”",
        "“When the funds came we had to hire quickly.",
        "It was hard to train everyone in time.”",
    ]
    results = attribute_sentences(sentences, [True, True, False, True])
    assert [r.claimant for r in results] == ["Ines Varga"] * 4


def test_a_quotation_left_open_at_a_paragraphs_end_is_the_speaker_going_on():
    # English copy opens each paragraph of a long quotation and closes only the last.
    sentences = [
        "“We did not expect the flood to reach the town,” Mayor Tomas Lind said.",
        "“We moved the pumps on Tuesday.",
        "By then the river was already over the wall.",
        "“The repairs will take most of the summer.",
        "We will ask the region for help.”",
        "The council meets again on Friday.",
    ]
    results = attribute_sentences(sentences, [True, False, True, False, True, False])
    assert [r.claimant for r in results] == ["Tomas Lind"] * 5 + [None]


def test_the_coach_is_the_one_coach_named_before():
    results = attribute_sentences(
        [
            "Harbour FC coach Ana Brito said the squad was tired after the cup run.",
            "Asked about the penalty, the coach said the referee had been right.",
        ]
    )
    assert [(r.claimant, r.sourcing) for r in results] == [("Ana Brito", N)] * 2


def test_an_owners_honorific_makes_no_person_of_the_speakers():
    # "Mr Hunt's aides ... said he": the aides are no "he"; the claim keeps its pronoun.
    result = attribute("Mr Hunt's aides later said he had been talking about budgets in general.")
    assert result.claimant == "Hunt's aides"
    assert result.claim == "he had been talking about budgets in general"
