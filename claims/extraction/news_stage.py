"""The news stage: whether a news sentence is check-worthy, from a few interpretable features.

The debate-trained model (``model.py``) ranks news prose poorly: reported opinion, calls,
forecasts, logistics and colour score as high as checkable facts. This stage takes the
model's score together with what the pipeline already knows about the sentence (its
attribution, its flags) and a handful of shape rules ("urged", "plans to", "was held at",
"is the party's nominee"), and combines them with a logistic regression of a few dozen
weights, read from ``news_stage.json`` (plain JSON, no pickle). It is trained by
``training/news_stage.py``; every feature is a named rule below.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .attribution import ANONYMOUS, Attribution
from .flags import CAPABILITY, HEDGED, PREDICTION, QUOTE, STATISTIC

ARTIFACT = Path(__file__).with_name("news_stage.json")

# Reported speech whose content is a demand, a judgement or a feeling, not a fact.
_STANCE_SPEC = (
    "urge urged urges urging call called calls calling criticise criticised criticize "
    "criticized criticizes criticises praise praised praises warn warned warns warning "
    "condemn condemned condemns welcome welcomed welcomes slam slammed slams hail hailed "
    "hails demand demanded demands appeal appealed appeals vow vowed vows promise promised "
    "promises pledge pledged pledges blast blasted blasts accuse accused accuses hope hoped "
    "hopes insist insisted insists argue argued argues"
)
_STANCE_CUES = frozenset(_STANCE_SPEC.split())
# Cues of evidence: a document, data or an investigation reports it.
_EVIDENCE_SPEC = (
    "show shows showed shown found finds find reveal revealed reveals report reported "
    "reports estimate estimated estimates confirm confirmed confirms according"
)
_EVIDENCE_CUES = frozenset(_EVIDENCE_SPEC.split())

# The same kinds of reported speech, as the sentence's verb when the parse gave no cue
# ("Addressing the gathering, Rehman demanded that ...", "He then took aim at ...").
_STANCE_VERB_RE = re.compile(
    r"\b(?:urged|urging|called on|called for|calling for|calling on|demanded|demanding|"
    r"critici[sz]ed|praised|warned|condemned|welcomed|slammed|hailed|vowed|pledged to|"
    r"promised to|appealed|accused|blasted|took aim|taking aim|lashed out|jabbed|"
    r"rebuked|denounced|insisted|insists|chanted|cautioned)\b",
    re.I,
)
_PASSIVE_EVENT_RE = re.compile(
    r"\b(?:was|were|has been|have been|had been)\s+(?:\w+ly\s+)?\w+(?:ed|en|wn)\b", re.I
)
_WORD_RE = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?")
# A quotation of four words or more: the speaker's own words, often rhetoric. A short quoted
# phrase ("a 'turning point'") is a name for something and does not count.
_LONG_QUOTE_RE = re.compile(r"[\"“][^\"“”]*?(?:\w+\W+){3,}\w[^\"“”]*[\"”]")
# "I" only in capitals, "us" only in lower case ("the US" is a country).
_FIRST_PERSON_RE = re.compile(
    r"\b(?:I|I'm|I've|I'll|I'd|us)\b|\b(?i:me|my|we|we're|we've|we'll|our|ours)\b"
)
_SECOND_PERSON_RE = re.compile(r"\b(?:you|you're|you've|your)\b", re.I)
_FUTURE_RE = re.compile(r"\b(?:will|won't|would|could|might|may|going to|shall)\b", re.I)
_PLAN_RE = re.compile(
    r"\b(?:plans?|planned|planning|hopes?|hoped|hoping|intends?|intended|aims?|aimed|wants?|"
    r"wanted|expects?|expected|seeks?|sought|is set|are set|looks? forward|is scheduled|are "
    r"scheduled|was scheduled|were scheduled)\s+to\b",
    re.I,
)
_IDENTITY_RE = re.compile(
    r"\b(?:is|was|are|were|has been|remains|became)\s+(?:also\s+)?(?:the|a|an|one of the)\s+"
    r"(?:[\w'’-]+\s+){0,5}?(?:nominee|candidate|leader|head|chairman|chairwoman|chair|"
    r"member|members|spokesman|spokeswoman|spokesperson|president|director|founder|"
    r"executive|chief|minister|secretary|mayor|governor|senator|son|daughter|wife|husband|"
    r"mother|father|veteran|professor|graduate|native|resident|owner|host|author|"
    r"organi[sz]ation|group|coalition|party)\b",
    re.I,
)
_LOGISTICS_RE = re.compile(
    r"\b(?:was|were|will be|is being|is|are)\s+(?:held|hosted|staged|scheduled|broadcast|"
    r"televised|streamed)\b|\btook place\b|\b(?:attended|appeared on|spoke at|addressed|"
    r"campaigned in|campaigns in|campaigning in|rally|rallies|ceremony|town hall|"
    r"fundraiser|interview with|news conference|press conference|gathered|crowd|audience|"
    r"applauded|cheered|chanted)\b",
    re.I,
)
_FEELING_RE = re.compile(
    r"\b(?:feel|feels|felt|love|loves|loved|hate|hated|fear|fears|feared|worr(?:y|ied|ies)|"
    r"proud|happy|sad|angry|afraid|excited|frustrat\w+|disappoint\w+|hope|hopeful|believe|"
    r"believes|think|thinks|thought|wish|wishes|grateful|scared|upset|shocked)\b",
    re.I,
)
_OPINION_RE = re.compile(
    r"\b(?:good|bad|great|terrible|awful|wonderful|disgrace\w*|shameful|ridiculous|absurd|"
    r"outrageous|important|crucial|essential|dangerous|reckless|wrong|right|best|worst|"
    r"unacceptable|failure|failed|disaster\w*|fair|unfair|should|must|need to|needs to|"
    r"deserve\w*|clearly|obviously|simply|just|really|very|truly|incredibl\w+|amazing|"
    r"beautiful|horrible|weak|strong|brave|courageous|historic)\b",
    re.I,
)
_EVENT_RE = re.compile(
    r"\b(?:arrested|charged|convicted|sentenced|ruled|voted|passed|signed|filed|sued|"
    r"killed|died|injured|wounded|resigned|fired|appointed|elected|approved|rejected|"
    r"announced|launched|released|published|raised|spent|paid|cut|rose|fell|increased|"
    r"decreased|dropped|doubled|closed|opened|banned|blocked|struck|destroyed|seized|"
    r"awarded|fined|indicted|acquitted|overturned|upheld|issued|imposed|lost|won|"
    r"reported|recorded|confirmed|shook|shaken|hit|tossed|evacuated|suspended|collapsed|"
    r"erupted|crashed|flooded|burned|exploded|detained|deported|vetoed|adopted|dismissed|"
    # Crime, courts and company results as wire copy reports them.
    r"apprehended|surrendered|confessed|pleaded|succumbed|shot|stabbed|raided|kidnapped|"
    r"abducted|rescued|overrode|overruled|impeached|expelled|sanctioned|accused|guilty|"
    r"custody|laid off|laying off|layoffs|posted|missed|topped|exceeded|declared)\b",
    re.I,
)
_INSTITUTION_RE = re.compile(
    r"\b(?:law|laws|bill|act|court|judge|ruling|police|government|ministry|department|"
    r"agency|congress|parliament|senate|council|budget|tax|taxes|election|vote|votes|"
    r"investigation|prosecutors?|regulators?|report|data|survey|poll|study|records?|"
    r"percent|per cent|million|billion)\b",
    re.I,
)
_COMPARE_RE = re.compile(
    r"\b(?:more|less|fewer|higher|lower|largest|biggest|highest|lowest|most|least|first|"
    r"record|than|since|compared|because|due to|led to|caused|result of)\b",
    re.I,
)
_WEEKDAY_MONTH_RE = re.compile(
    r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|"
    r"April|June|July|August|September|October|November|December|yesterday|today|last "
    r"(?:week|month|year))\b"
)
# A sentence that ends without a full stop, question or exclamation mark (closing quotes and
# brackets aside) is a headline, deck, caption or live-blog entry heading, not prose.
_END_MARK_RE = re.compile(r"[.!?…][\"'”’)\]]*\s*$")
# A study's design, as science and health write-ups report it: who or what was studied, how
# many, for how long ("The study tracked 200,000 nurses for up to 30 years", "Researchers
# analysed data on 400,000 adults"). The labelling rule makes it methodology, 0, like a
# poll's sample (``noise.is_poll_methodology``); what the study found is the claim. A
# sentence that also reports a finding, the study's funding or its review status is left to
# the stage: those are checkable.
_STUDY_SUBJECT_RE = re.compile(
    r"\b(?:study|studies|trial|trials|research|researchers|scientists|colleagues|authors|"
    r"paper|survey)\b",
    re.I,
)
_STUDY_DESIGN_RE = re.compile(
    r"\b(?:tracked|followed|studied|analy[sz]ed|examined|surveyed|enrolled|recruited|"
    r"reviewed|conducted|monitored|interviewed|sampled|looked at|used data|data on)\b",
    re.I,
)
_STUDY_FINDING_RE = re.compile(
    r"\b(?:found|finds?|shows?|showed|shown|reveal\w*|link\w*|associat\w+|conclu\w+|"
    r"reduc\w+|lower|higher|increas\w+|decreas\w+|risks?|likely|effects?|caus\w+|"
    r"suggest\w*|confirm\w*|discover\w*|funded|paid for|sponsored|peer[- ]reviewed)\b",
    re.I,
)
# A meeting's own arrangements (2026-12-07, session 17): when and where a council, board or
# commission meets, that its agendas are posted, that it is open to the public ("Regular
# meetings begin at 6 p.m. in City Hall", "The board meets the second Tuesday of each
# month"), and when polls open or close. The labelling rule makes them logistics, 0; what a
# law says about such meetings, and what a meeting decided, are left to the stage.
_MEETING_WORD_RE = re.compile(
    r"\b(?:meetings?|sessions?|hearings?|agendas?|council|board|commission|committee)\b", re.I
)
_ARRANGEMENT_RE = re.compile(
    r"\b(?:(?:is|are|was|were|will be)\s+(?:held|posted|rescheduled|scheduled|open to the "
    r"public)|held (?:at|on|every|each)|takes? place|will take place|(?:will )?begins?\b|"
    r"will begin|meets|will meet|will convene|convenes|will occur|occurs?)\b",
    re.I,
)
_SCHEDULE_RE = re.compile(
    r"\b\d{1,2}(?::\d\d)?\s*(?:a\.m\.|p\.m\.|am\b|pm\b)|\b\d{1,2}:\d\d\b|\bnoon\b|"
    r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)days?\b|\b(?:each|every|of the) month\b|"
    r"\b(?:1st|2nd|3rd|4th|first|second|third|fourth|last) (?:&|and|or) |open to the public",
    re.I,
)
_POLLS_CLOSE_RE = re.compile(
    r"\bpolls?\b[^.]{0,60}?\b(?:close|closes|closed|closing|open|opens|stay open)\b|"
    r"\b(?:voting locations|polling (?:stations|places|sites))\b[^.]{0,60}?\b(?:open|close)",
    re.I,
)
# What turns an arrangement into news: a decision, money or a figure, a cause, a law.
_MEETING_NEWS_RE = re.compile(
    r"\b(?:approv\w+|vot\w+|reject\w+|adopt\w+|pass\w*|den(?:y|ied)|fail\w*|cancel\w*|"
    r"postpon\w+|because|due to|after|law|act|illegal\w*|violat\w+|required?|requires|"
    r"percent|million|billion|ballots|results?|counted)\b|[$%€£]",
    re.I,
)
# Sports play and results (session 17): the labelling rule makes match events, scores and
# records 0 (not among the public matters its third condition names). A strong cue is a word
# only games use; a score ("42-7", "6-1, 4-1") counts beside a game word.
_SPORTS_STRONG_RE = re.compile(
    r"\b(?:touchdowns?|quarterbacks?|(?-i:QB|PAT)|point-after|field goals?|kickoff returns?|"
    r"innings?|home runs?|wickets?|goalkeepers?|goal ?mouth|free kick|corner kick|penalty "
    r"kick|hat trick|(?:wide|leading) receiver|rushing (?:touchdowns?|yards|score)|\d+-yard "
    r"(?:\w+ )?(?:touchdown|pass|run|rushing|field goal|line|return|keeper|reception|drive)|"
    r"yard line|scoring opportunities|(?:first|second) period of the game|the game ended|"
    r"unanswered points)\b",
    re.I,
)
_SCORE_RE = re.compile(r"\b\d{1,3}-\d{1,3}\b")
# A tally in politics or the courts ("beat Hale 4,210-3,980 votes", "the court's 6-3
# majority") is not a score, whatever game word sits beside it.
_TALLY_WORD_RE = re.compile(
    r"\b(?:votes?|voters|voted|ballots?|elections?|electoral|precincts?|polls?|senate|house|"
    r"court|justices|ruling|majority|percent)\b|%",
    re.I,
)
_SPORTS_WEAK_RE = re.compile(
    r"\b(?:game|games|match|season|victory|beat|topped|rout|shutout|undefeated|playoffs?|"
    r"league|improves to|drops to|seed|win over|loss to|halftime|(?:first|second|third|"
    r"fourth|final) quarter)\b",
    re.I,
)
_CAPS_SPAN_RE = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*")

FEATURES = (
    "bias",
    "model_logit",
    "statistic",
    "capability",
    "date_word",
    "entities",
    "attributed",
    "anonymous",
    "stance_cue",
    "stance_verb",
    "evidence_cue",
    "quote",
    "future_without_figure",
    "hedged",
    "plan_to",
    "first_person",
    "second_person",
    "question",
    "opinion_words",
    "feelings",
    "identity",
    "logistics",
    "event_verb",
    "passive_event",
    "institution",
    "compare_or_cause",
    "short_claim",
    "long_claim",
    "no_end_mark",
)


def _logit(p: float) -> float:
    p = min(max(p, 1e-4), 1 - 1e-4)
    return math.log(p / (1 - p))


def _is_question(sentence: str) -> bool:
    return sentence.rstrip().rstrip("\"'”’)").endswith("?")


def ends_without_mark(sentence: str) -> bool:
    """Whether a "sentence" ends without a full stop, question or exclamation mark (closing
    quotes and brackets aside): a headline, deck, caption or live-blog heading the segmenter
    left as prose ("Council cuts ferry subsidy by 30 percent", "Crowds gather outside the
    court on Monday:"). The labelling rule makes every one of them 0."""
    return not _END_MARK_RE.search(sentence)


def is_study_design(sentence: str) -> bool:
    """Whether a sentence only reports a study's design: a study, trial or researchers as the
    subject of a design verb (tracked, followed, studied, analysed, enrolled, surveyed ...)
    with no finding, funding or review status in it ("The trial followed 9,000 patients for
    three years", "Researchers analysed data on 400,000 adults"). The labelling rule makes a
    study's design methodology, 0, as it does a poll's; its findings are the claims."""
    return bool(
        _STUDY_SUBJECT_RE.search(sentence)
        and _STUDY_DESIGN_RE.search(sentence)
        and not _STUDY_FINDING_RE.search(sentence)
    )


def is_meeting_arrangement(sentence: str) -> bool:
    """Whether a sentence only gives a meeting's own arrangements: a meeting, session,
    hearing, agenda, council or board with an arrangement verb (held, takes place, begins,
    meets, is posted, is open to the public) and a time, weekday or monthly schedule ("Regular
    meetings begin at 6 p.m. in City Hall"), or when polls open or close, with no decision,
    money, figure, cause or law in it. The labelling rule makes these logistics, 0."""
    if _MEETING_NEWS_RE.search(sentence):
        return False
    if _POLLS_CLOSE_RE.search(sentence) and _SCHEDULE_RE.search(sentence):
        return True
    return bool(
        _MEETING_WORD_RE.search(sentence)
        and _ARRANGEMENT_RE.search(sentence)
        and _SCHEDULE_RE.search(sentence)
    )


def is_sports_play(sentence: str) -> bool:
    """Whether a sentence reports sports play or results: a word only games use (touchdown,
    inning, field goal, "a 25-yard pass") or a score beside a game word ("topped Teague 42-7",
    "improves to 6-1", "a 14-0 lead in the first quarter"; a quarter alone is also a
    company's). The labelling rule makes match events,
    scores and records 0."""
    if _SPORTS_STRONG_RE.search(sentence):
        return True
    return bool(
        _SCORE_RE.search(sentence)
        and _SPORTS_WEAK_RE.search(sentence)
        and not _TALLY_WORD_RE.search(sentence)
    )


def turned_down(sentence: str) -> bool:
    """Whether the stage turns a sentence down before anything else, whatever its score and
    the keep rules: a line without an end mark (round 4) or a study's design (2026-12-07,
    session 15). The labelling rule makes both 0 (26 of 28 such lines, and 5 of 5 such
    sentences, on the real pages at hand). Session 17 (cw17b) adds a meeting's own
    arrangements and sports play, 0 by the rule: 61 of set 8's 173 sentences, all labelled 0;
    none of the 253 real sentences of the 17 older pages at hand, 2 of the 2,646 written ones
    (both 0) and 3 of ClaimBuster's 22,501 debate sentences (sports idioms, none check-worthy)."""
    return (
        ends_without_mark(sentence)
        or is_study_design(sentence)
        or is_meeting_arrangement(sentence)
        or is_sports_play(sentence)
    )


def in_own_voice(sentence: str, attribution: Attribution) -> bool:
    """Whether the claim is the speaker talking about themselves or asking: first person
    ("We are gratified that the verdict has been upheld", "our strategy is strong") or a
    question. Such a quotation is the speaker's rhetoric more often than a fact."""
    claim = attribution.claim or sentence
    return bool(_FIRST_PERSON_RE.search(claim)) or _is_question(sentence)


def news_features(
    sentence: str, score: float, attribution: Attribution, flags: tuple[str, ...]
) -> list[float]:
    """The stage's feature vector, in the order of ``FEATURES``."""
    claim = attribution.claim or sentence
    words = _WORD_RE.findall(claim)
    statistic = STATISTIC in flags
    cue_word = (attribution.cue or "").lower().split()
    return [
        1.0,
        _logit(score),
        float(statistic),
        float(CAPABILITY in flags),
        float(bool(_WEEKDAY_MONTH_RE.search(sentence))),
        math.log1p(len(_CAPS_SPAN_RE.findall(claim))),
        float(attribution.claimant is not None),
        float(attribution.sourcing == ANONYMOUS),
        float(bool(cue_word) and cue_word[0] in _STANCE_CUES),
        float(bool(_STANCE_VERB_RE.search(sentence))),
        float(bool(cue_word) and cue_word[0] in _EVIDENCE_CUES),
        float(QUOTE in flags and bool(_LONG_QUOTE_RE.search(sentence))),
        float(PREDICTION in flags and bool(_FUTURE_RE.search(claim)) and not statistic),
        float(HEDGED in flags),
        float(bool(_PLAN_RE.search(sentence))),
        float(bool(_FIRST_PERSON_RE.search(claim))),
        float(bool(_SECOND_PERSON_RE.search(claim))),
        float(_is_question(sentence)),
        math.log1p(len(_OPINION_RE.findall(claim))),
        float(bool(_FEELING_RE.search(claim))),
        float(bool(_IDENTITY_RE.search(claim)) and not statistic),
        float(bool(_LOGISTICS_RE.search(sentence))),
        float(bool(_EVENT_RE.search(claim))),
        float(bool(_PASSIVE_EVENT_RE.search(claim))),
        float(bool(_INSTITUTION_RE.search(claim))),
        float(bool(_COMPARE_RE.search(claim))),
        float(len(words) < 7),
        float(len(words) > 30),
        float(ends_without_mark(sentence)),
    ]


# What the stage may not turn down, whatever its probability: a sentence attributed to an
# anonymous source that the model flags (the desk follows such reports up in its
# corroboration ledger), an attributed sentence the model is sure of ("according to EU
# sources", a named envoy's account), and a capability claim the model flags ("Its systems
# combine satellite imagery ..."): the design names a company's claims about what its
# product does as claims to extract, and real news has too few of them for the stage to
# learn it (its weight fell from 3.1 to 0.9 when 536 real sentences were added). Measured in
# the README; they cost the stage 0-2 points of F1 on the labelled news and keep the seed
# article's attributed and capability claims. Since round 3 (2026-12-07) the attributed rule
# leaves a quotation in the speaker's own voice to the stage (``in_own_voice``: "We are
# gratified ...", "our financials are strong", a question): of the real pages' out-of-fold
# errors, such official rhetoric was the largest kind the rule kept.
KEEP_ANONYMOUS_MIN_SCORE = 0.32
KEEP_ATTRIBUTED_MIN_SCORE = 0.8
KEEP_CAPABILITY_MIN_SCORE = 0.32


def kept_whatever_the_stage(
    score: float,
    attributed: bool,
    anonymous: bool,
    capability: bool = False,
    own_voice: bool = False,
) -> bool:
    """Whether the model's score, the attribution and the capability flag alone keep a
    sentence check-worthy (``own_voice``: see ``in_own_voice``)."""
    return (
        (anonymous and score >= KEEP_ANONYMOUS_MIN_SCORE)
        or (attributed and not own_voice and score >= KEEP_ATTRIBUTED_MIN_SCORE)
        or (capability and score >= KEEP_CAPABILITY_MIN_SCORE)
    )


@dataclass(frozen=True)
class NewsStage:
    """Weights over ``FEATURES`` and the threshold on the stage's probability."""

    weights: tuple[float, ...]
    threshold: float

    def probability(self, features: list[float]) -> float:
        z = sum(w * x for w, x in zip(self.weights, features, strict=True))
        return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))

    def checkworthy(
        self, sentence: str, score: float, attribution: Attribution, flags: tuple[str, ...]
    ) -> bool:
        if turned_down(sentence):
            # Never check-worthy, whatever the score or the keep rules. A line without an end
            # mark (round 4, 2026-12-07): 26 of the 28 such lines on the real pages at hand
            # are labelled 0, and the no_end_mark weight (-0.34) was too small to turn down a
            # headline scored 0.98. A study's design (session 15): all 5 such sentences on
            # the 43 real pages at hand are 0; the shipped stage kept the 3 of set 6. A
            # meeting's arrangements and sports play (session 17): the shipped stage kept 45
            # such sentences of set 8's 61, most scored above 0.85.
            return False
        attributed = attribution.claimant is not None
        anonymous = attribution.sourcing == ANONYMOUS
        own_voice = in_own_voice(sentence, attribution)
        if kept_whatever_the_stage(score, attributed, anonymous, CAPABILITY in flags, own_voice):
            return True
        features = news_features(sentence, score, attribution, flags)
        return self.probability(features) >= self.threshold


def load_stage(path: Path = ARTIFACT) -> NewsStage:
    data = json.loads(path.read_text(encoding="utf-8"))
    if tuple(data["features"]) != FEATURES:
        raise ValueError(f"{path}: features {data['features']} are not {FEATURES}")
    return NewsStage(tuple(float(w) for w in data["weights"]), float(data["threshold"]))


@lru_cache(maxsize=1)
def default_stage() -> NewsStage | None:
    """The shipped stage, or None when no artifact is shipped."""
    return load_stage() if ARTIFACT.is_file() else None
