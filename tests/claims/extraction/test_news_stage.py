"""The news stage: each feature rule on sentences written for these tests, and its place in
``extract()``."""

import json

import pytest

from claims.extraction import extract
from claims.extraction.attribution import ANONYMOUS, NAMED, UNATTRIBUTED, Attribution
from claims.extraction.flags import CAPABILITY, claim_flags
from claims.extraction.model import default_model
from claims.extraction.news_stage import (
    ARTIFACT,
    FEATURES,
    NewsStage,
    default_stage,
    in_own_voice,
    is_meeting_arrangement,
    is_sports_play,
    is_study_design,
    load_stage,
    news_features,
)

OUTLET = Attribution(None, UNATTRIBUTED)


def features(sentence, attribution=OUTLET, score=0.5):
    flags = claim_flags(sentence, attributed=attribution.claimant is not None)
    return dict(zip(FEATURES, news_features(sentence, score, attribution, flags), strict=True))


def said(claim, cue="said", sourcing=NAMED, claimant="Mara Lind"):
    return Attribution(claimant, sourcing, cue=cue, claim=claim)


# (feature, sentence that has it, sentence that does not), outlet's own voice.
SHAPES = [
    ("statistic", "Bus fares rose 14 percent in the spring.", "Bus fares rose in the spring."),
    ("date_word", "The clinic closed on Thursday.", "The clinic closed."),
    ("entities", "The plan came from Dana Petrov at Veld Transit.", "The plan came from a clerk."),
    ("quote", 'He called the deal "the worst bargain this town has seen."', "He signed the deal."),
    (
        "future_without_figure",
        "The shortage could spread to other districts.",
        "The shortage could cost 40 jobs.",
    ),
    ("hedged", "The fire probably started in the kitchen.", "The fire started in the kitchen."),
    ("plan_to", "The group plans to march through the square.", "The group marched on Monday."),
    ("plan_to", "She hopes to raise awareness of the closures.", "She raised the fees."),
    ("first_person", "We never saw the budget papers.", "They never saw the budget papers."),
    ("second_person", "You step outside and your bike is gone.", "His bike was gone."),
    ("question", "Who will pay for the new bridge?", "The county will pay for the bridge."),
    ("opinion_words", "The new rule is a disgrace.", "The new rule took effect in May."),
    ("feelings", "Residents feel abandoned by the council.", "Residents left the council."),
    ("identity", "Ortega is the party's nominee for governor.", "Ortega won the primary by 300."),
    ("identity", "Bell was a member of the harbour board.", "Bell was fined $2,000."),
    ("logistics", "The debate was held at the old cannery.", "The debate drew 3,000 viewers."),
    ("logistics", "The senator campaigned in Ohio over the weekend.", "The senator voted no."),
    ("logistics", "Supporters cheered as the mayor arrived.", "The mayor arrived late."),
    ("event_verb", "Police arrested two guards at the depot.", "The guards work at the depot."),
    ("event_verb", "The tremor shook three villages.", "The villages sit in a valley."),
    (
        "event_verb",
        "Deputies apprehended the driver near the ferry.",
        "The driver lives near the ferry.",
    ),
    ("event_verb", "The clerk pleaded guilty to fraud.", "The clerk likes the ferry."),
    ("event_verb", "The mill posted a loss for the quarter.", "The mill sits by the river."),
    ("no_end_mark", "Ferry sinks off the northern cape", "The ferry sank off the northern cape."),
    (
        "no_end_mark",
        "Live: council votes on 'the harbour deal'",
        'The council voted on "the deal."',
    ),
    ("passive_event", "Schools were closed across the district.", "Schools are big there."),
    ("institution", "The court threw out the appeal.", "The neighbours threw out the sofa."),
    ("compare_or_cause", "Prices rose because the mill shut.", "Prices rose in the valley."),
    ("stance_verb", "The union demanded a new contract.", "The union signed a new contract."),
    ("stance_verb", "The envoy took aim at the ministry.", "The envoy met the ministry."),
    ("stance_verb", "She urged voters to stay home.", "She told voters the polls moved."),
    ("short_claim", "Nobody knew.", "Nobody knew that the dam had cracked in two places."),
]


@pytest.mark.parametrize(("name", "positive", "negative"), SHAPES)
def test_shape_feature_fires_on_its_case_only(name, positive, negative):
    assert features(positive)[name] > 0, positive
    assert features(negative)[name] == 0, negative


def test_long_claim_counts_the_words_of_the_claim():
    long = " ".join(["the wall"] * 16) + " fell."
    assert features(long)["long_claim"] == 1.0
    assert features("The wall fell.")["long_claim"] == 0.0


def test_attribution_features_read_the_attribution_result():
    named = features("Fares rose, Mara Lind said.", said("Fares rose"))
    assert named["attributed"] == 1.0 and named["anonymous"] == 0.0
    anon = features(
        "Fares rose, officials said.", said("Fares rose", sourcing=ANONYMOUS, claimant="officials")
    )
    assert anon["attributed"] == 1.0 and anon["anonymous"] == 1.0
    assert features("Fares rose.")["attributed"] == 0.0


@pytest.mark.parametrize("cue", ["urged", "called", "criticised", "praised", "warned", "vowed"])
def test_stance_cue_is_the_cue_lemma_of_reported_demands_and_judgements(cue):
    row = features(f"Mara Lind {cue} the board.", said("the board", cue=cue))
    assert row["stance_cue"] == 1.0
    assert row["evidence_cue"] == 0.0


@pytest.mark.parametrize("cue", ["shows", "found", "according to", "reported"])
def test_evidence_cue_is_a_document_or_data_reporting(cue):
    row = features(f"Fares rose 3 percent, the audit {cue}.", said("Fares rose 3 percent", cue=cue))
    assert row["evidence_cue"] == 1.0
    assert row["stance_cue"] == 0.0


def test_said_is_neither_stance_nor_evidence():
    row = features("Fares rose, Mara Lind said.", said("Fares rose"))
    assert row["stance_cue"] == 0.0 and row["evidence_cue"] == 0.0


def test_shape_rules_read_the_claim_not_the_frame():
    # "criticised" is in the frame; the claim itself is a plain figure.
    attribution = said("the depot lost $4 million last year", cue="said")
    row = features("Mara Lind, who praised the plan, said the depot lost $4 million.", attribution)
    assert row["statistic"] == 1.0
    assert row["opinion_words"] == 0.0


def test_model_logit_is_the_scores_log_odds():
    assert features("Fares rose.", score=0.5)["model_logit"] == pytest.approx(0.0)
    assert features("Fares rose.", score=0.9)["model_logit"] > 2.0
    assert features("Fares rose.", score=0.0)["model_logit"] < -9.0  # clipped, finite


def test_shipped_artifact_is_plain_json_over_these_features():
    data = json.loads(ARTIFACT.read_text(encoding="utf-8"))
    assert data["features"] == list(FEATURES)
    assert len(data["weights"]) == len(FEATURES) <= 40
    stage = load_stage()
    assert 0.0 < stage.threshold < 1.0
    assert default_stage() == stage


def test_load_refuses_an_artifact_for_other_features(tmp_path):
    path = tmp_path / "stage.json"
    path.write_text(json.dumps({"features": ["bias"], "weights": [0.0], "threshold": 0.5}))
    with pytest.raises(ValueError):
        load_stage(path)


def test_probability_is_the_logistic_of_the_weighted_sum():
    stage = NewsStage(weights=(1.0, 2.0), threshold=0.5)
    assert stage.probability([1.0, 0.0]) == pytest.approx(0.7310586)
    assert stage.probability([1.0, -1e6]) == pytest.approx(0.0, abs=1e-12)


# Sentences written for this test, read in one short article.
ARTICLE = (
    "The Marlow County board voted 5-2 on Tuesday to close the Eastgate library branch. "
    "The closure will save about $380,000 a year, according to the county budget office. "
    "Councillor Rosa Quint urged residents to write to the board before the next meeting. "
    "The meeting was held at the county hall. "
    "She plans to hold a rally outside the branch on Saturday."
)


def test_extract_keeps_the_facts_and_drops_calls_logistics_and_plans():
    by_text = {s.text: s for s in extract(ARTICLE) if s.kind == "sentence"}
    decided = {text.split()[1]: s.checkworthy for text, s in by_text.items()}
    assert decided == {
        "Marlow": True,
        "closure": True,
        "Rosa": False,
        "meeting": False,
        "plans": False,
    }


def test_extract_without_the_stage_decides_by_threshold_alone():
    model = default_model()
    for s in extract(ARTICLE, news_stage=False):
        if s.kind == "sentence":
            assert s.checkworthy == (s.score >= model.threshold)


def test_stage_changes_decisions_not_scores():
    with_stage = extract(ARTICLE)
    without = extract(ARTICLE, news_stage=False)
    assert [s.score for s in with_stage] == [s.score for s in without]


def test_one_sentence_alone_is_decided_by_the_threshold_not_the_stage():
    # A call to action the stage turns down in an article; alone, it is a line to score.
    line = "Councillor Rosa Quint urged residents to write to the board before the next meeting."
    (alone,) = [s for s in extract(line) if s.kind == "sentence"]
    assert alone.checkworthy == (alone.score >= default_model().threshold)
    in_article = {s.text: s for s in extract(ARTICLE)}[line]
    assert in_article.score == alone.score
    assert not in_article.checkworthy


def test_anonymous_reports_the_model_flags_are_kept_whatever_the_stage():
    # A stage that turns everything down still keeps an anonymous report the model flags.
    never = NewsStage(weights=(-30.0,) + (0.0,) * (len(FEATURES) - 1), threshold=0.5)
    sentence = "The depot will close in March, two officials said."
    anon = said("The depot will close in March", sourcing=ANONYMOUS, claimant="two officials")
    assert never.checkworthy(sentence, 0.4, anon, ())
    assert not never.checkworthy(sentence, 0.2, anon, ())


def test_attributed_sentences_the_model_is_sure_of_are_kept():
    never = NewsStage(weights=(-30.0,) + (0.0,) * (len(FEATURES) - 1), threshold=0.5)
    sentence = "Mara Lind called the vote a 'turning point' for the port."
    named = said("the vote a 'turning point' for the port", cue="called")
    assert never.checkworthy(sentence, 0.85, named, ())
    assert not never.checkworthy(sentence, 0.6, named, ())
    # Unattributed, a high score alone does not overrule the stage.
    assert not never.checkworthy("The vote was a turning point.", 0.95, OUTLET, ())


def test_attributed_quotes_in_the_speakers_own_voice_are_left_to_the_stage():
    never = NewsStage(weights=(-30.0,) + (0.0,) * (len(FEATURES) - 1), threshold=0.5)
    # First person: the speaker's rhetoric about themselves, not kept on the score alone.
    sentence = "“We are proud that the ruling stands,” the district attorney's office said."
    quote = said("We are proud that the ruling stands", claimant="the district attorney's office")
    assert in_own_voice(sentence, quote)
    assert not never.checkworthy(sentence, 0.95, quote, ())
    # A question put by a named speaker is not kept either.
    asked = 'The mayor asked: "Who will pay for the new bridge?"'
    question = said("Who will pay for the new bridge", claimant="the mayor", cue="asked")
    assert in_own_voice(asked, question)
    assert not never.checkworthy(asked, 0.95, question, ())
    # A third-person claim from the same kind of source still is.
    fact = "The office said the jury had convicted both men of fraud."
    report = said("the jury had convicted both men of fraud", claimant="The office")
    assert not in_own_voice(fact, report)
    assert never.checkworthy(fact, 0.95, report, ())


def test_capability_claims_the_model_flags_are_kept_whatever_the_stage():
    never = NewsStage(weights=(-30.0,) + (0.0,) * (len(FEATURES) - 1), threshold=0.5)
    sentence = "The Orsa platform combines radar feeds and port logs to track every cargo ship."
    assert never.checkworthy(sentence, 0.5, OUTLET, (CAPABILITY,))
    assert not never.checkworthy(sentence, 0.2, OUTLET, (CAPABILITY,))
    assert not never.checkworthy(sentence, 0.5, OUTLET, ())


def test_a_line_without_an_end_mark_is_never_kept():
    # A stage that keeps everything, and the keep rules, still turn down a headline, deck or
    # caption line the segmenter left as a sentence.
    always = NewsStage(weights=(30.0,) + (0.0,) * (len(FEATURES) - 1), threshold=0.5)
    deck = "Harbour board cuts the ferry subsidy by 30 percent after the audit"
    assert not always.checkworthy(deck, 0.99, OUTLET, ())
    headline = "Ferry subsidy to be cut by 30 percent, two officials say"
    anon = said(
        "Ferry subsidy to be cut by 30 percent", sourcing=ANONYMOUS, claimant="two officials"
    )
    assert not always.checkworthy(headline, 0.99, anon, ())
    caption = "Deckhands unload crates at the ferry terminal on Monday:"
    assert not always.checkworthy(caption, 0.99, OUTLET, ())
    # The same words with a full stop (or a closing quote after it) are left to the stage.
    assert always.checkworthy(deck + ".", 0.99, OUTLET, ())
    assert always.checkworthy('He said the subsidy "was cut by 30 percent."', 0.99, OUTLET, ())


# Sentences written for these tests: a study's design (methodology, 0 by the labelling rule,
# like a poll's sample) and, beside each, the same study's finding, funding or review status.
STUDY_DESIGN = [
    "The study tracked 52,000 bus drivers in three provinces for up to 12 years.",
    "Researchers at Halvard University analysed data on 310,000 adults aged 40 to 65.",
    "For the trial, doctors enrolled 4,800 patients at 61 clinics between 2017 and 2020.",
    "Ines Marr and colleagues studied 212 rivers on four continents.",
    "The survey interviewed 1,450 shop owners by telephone in May.",
]
STUDY_NOT_DESIGN = [
    # findings
    "The study found that bus drivers had a 14 percent higher risk of back injury.",
    "Researchers analysed data on 310,000 adults and linked night shifts to diabetes.",
    "Patients in the trial were 30 percent less likely to return to hospital.",
    # funding and review status are checkable
    "The trial, funded by the drugmaker Oslen, enrolled 4,800 patients.",
    "The study has not been peer-reviewed.",
    # no study at all
    "Police interviewed 40 witnesses after the crash.",
    "The council reviewed the bus contract in March.",
]


@pytest.mark.parametrize("sentence", STUDY_DESIGN)
def test_a_study_design_sentence_is_recognised(sentence):
    assert is_study_design(sentence)


@pytest.mark.parametrize("sentence", STUDY_NOT_DESIGN)
def test_a_finding_funding_or_non_study_sentence_is_not_a_study_design(sentence):
    assert not is_study_design(sentence)


def test_a_study_design_is_never_kept():
    # A stage that keeps everything, and the keep rules (an attributed sentence the model is
    # sure of), still turn down a study's design; its finding is left to the stage.
    always = NewsStage(weights=(30.0,) + (0.0,) * (len(FEATURES) - 1), threshold=0.5)
    design = "The study tracked 52,000 bus drivers in three provinces for up to 12 years."
    assert not always.checkworthy(design, 0.99, OUTLET, ())
    attributed = said(
        "the study tracked 52,000 bus drivers for up to 12 years", claimant="the authors"
    )
    assert not always.checkworthy(
        "The study tracked 52,000 bus drivers for up to 12 years, the authors said.",
        0.99,
        attributed,
        (),
    )
    finding = "The study found that bus drivers had a 14 percent higher risk of back injury."
    assert always.checkworthy(finding, 0.99, OUTLET, ())


# Written for this test: a health write-up whose design sentence the model scores high.
STUDY_ARTICLE = (
    "Night shifts raise the risk of diabetes, a large study has found.\n\n"
    "The study tracked 52,000 bus drivers in three provinces for up to 12 years. "
    "Drivers who worked mostly at night were 21 percent more likely to develop type 2 "
    "diabetes than those on day shifts, the researchers reported in the journal Metabolic "
    "Health on Tuesday. The link held after accounting for age and weight."
)


def test_extract_turns_down_a_study_design_and_keeps_its_finding():
    sentences = [s for s in extract(STUDY_ARTICLE) if s.kind == "sentence"]
    design = next(s for s in sentences if s.text.startswith("The study tracked"))
    finding = next(s for s in sentences if s.text.startswith("Drivers who worked"))
    assert not design.checkworthy
    assert finding.checkworthy


# Sentences written for this test: a deck repeated as the lead, and a photo caption.
DECKED = (
    "For the second year running, the Kelsey harbour board cut the ferry subsidy by 30 percent"
    " after an audit found a shortfall of 2 million pounds\n\n"
    "For the second year running, the Kelsey harbour board cut the ferry subsidy by 30 percent"
    " after an audit found a shortfall of 2 million pounds.\n\n"
    "The board voted 6-1 on Monday. The audit covered the three years to March. "
    "Ferry fares rose 8 percent in April.\n\n"
    "Deckhands unload crates at the Kelsey ferry terminal on Monday, the day the board cut the"
    " subsidy by 30 percent:\n\n"
    "The board meets again in June."
)


def test_extract_turns_down_decks_and_captions_without_an_end_mark():
    sentences = [s for s in extract(DECKED) if s.kind == "sentence"]
    deck, lead = sentences[0], sentences[1]
    assert deck.text + "." == lead.text
    assert lead.checkworthy and not deck.checkworthy
    caption = next(s for s in sentences if s.text.startswith("Deckhands"))
    assert caption.text.endswith(":") and not caption.checkworthy
    voted = next(s for s in sentences if s.text.startswith("The board voted"))
    assert voted.checkworthy


# Sentences written for these tests (session 17, cw17b): a meeting's own arrangements and
# sports play, 0 by the labelling rule; beside them, sentences about meetings, votes, scores
# and quarters that carry a decision, a law, a figure or a company's results.
MEETING_ARRANGEMENTS = [
    "The Orlin school board meets the first and third Monday of each month.",
    "Regular sessions of the water commission begin at 7 p.m. in the library annex.",
    "The council's next meeting will take place on Thursday at 6:30 p.m.",
    "Agendas are posted on the district website the Friday before each meeting.",
    "All hearings of the zoning committee are open to the public.",
    "Polls in the county close at 8 p.m. on Tuesday.",
]
MEETING_NEWS = [
    "The board voted 5-2 on Monday to close Hadley Elementary.",
    "The council approved a $4.1 million road budget at its Thursday meeting.",
    "State law bars the board from voting in a closed session.",
    "The hearing was postponed to Tuesday after the clerk failed to publish notice.",
    "The commission meets in private, a practice the attorney general ruled illegal in May.",
]
SPORTS_PLAY = [
    "Tomas Reyes threw a 35-yard touchdown pass to put the Hawks ahead 21-14.",
    "The Otters topped Linwood 3-1 to stay undefeated this season.",
    "Kirby struck out nine batters over seven innings.",
    "Dana Obi scored twice as the Falcons won the match 4-2.",
    "The Eagles improve to 7-2 with the win over Fairview.",
]
NOT_SPORTS = [
    "The bill was defeated 61-38 in the state Senate.",
    "Sales fell 6 percent in the fourth quarter, the company said.",
    "The appeals court ruled 2-1 that the map was lawful.",
    "Rescue crews were rushing to the collapsed bridge on Friday.",
    "Clinton leads Trump 46-43 in the latest poll of likely voters.",
    "Ortiz beat Hale 4,210-3,980 votes to win the open council seat.",
    "The court's 6-3 majority beat back the challenge to the district map.",
]


@pytest.mark.parametrize("sentence", MEETING_ARRANGEMENTS)
def test_a_meetings_own_arrangements_are_recognised(sentence):
    assert is_meeting_arrangement(sentence)


@pytest.mark.parametrize("sentence", MEETING_NEWS + SPORTS_PLAY + NOT_SPORTS)
def test_a_meetings_decision_law_or_money_is_not_an_arrangement(sentence):
    assert not is_meeting_arrangement(sentence)


@pytest.mark.parametrize("sentence", SPORTS_PLAY)
def test_sports_play_and_results_are_recognised(sentence):
    assert is_sports_play(sentence)


@pytest.mark.parametrize("sentence", NOT_SPORTS + MEETING_NEWS + MEETING_ARRANGEMENTS)
def test_votes_rulings_polls_and_company_quarters_are_not_sports(sentence):
    assert not is_sports_play(sentence)


def test_meeting_arrangements_and_sports_play_are_never_kept():
    always = NewsStage(weights=(30.0,) + (0.0,) * (len(FEATURES) - 1), threshold=0.5)
    for sentence in (MEETING_ARRANGEMENTS[1], SPORTS_PLAY[0]):
        assert not always.checkworthy(sentence, 0.99, OUTLET, ())
    assert always.checkworthy(MEETING_NEWS[0], 0.99, OUTLET, ())


# Written for this test: a local sports report and a meeting notice in one article.
LOCAL_ROUNDUP = (
    "The Harwick council will meet Tuesday at 6 p.m. in the community hall. "
    "It approved a 9 percent rise in water rates last month, the clerk said.\n\n"
    "In football, the Harwick Hawks beat Dunmore 28-10 on Friday night. "
    "Tomas Reyes ran for two touchdowns in the second quarter. "
    "The Hawks improve to 6-1 and host Alden next week."
)


def test_extract_turns_down_a_meeting_notice_and_sports_play_and_keeps_the_decision():
    sentences = {s.text[:20]: s for s in extract(LOCAL_ROUNDUP) if s.kind == "sentence"}
    assert sentences["It approved a 9 perc"].checkworthy
    for start in (
        "The Harwick council ",
        "In football, the Har",
        "Tomas Reyes ran for ",
        "The Hawks improve to",
    ):
        assert not sentences[start].checkworthy, start
