"""The word lists attribution reads: verbs of saying and evidence, anonymous heads, roles,
pronouns, quotation marks. Ordinary English, written by hand.
"""

from __future__ import annotations

import re


def _words(spec: str) -> frozenset[str]:
    return frozenset(spec.split())


# Lemmas of verbs that report what someone said, wrote or announced.
SPEECH_LEMMAS = _words(
    """
    say tell explain note add argue warn state claim insist announce confirm report write cite
    stress emphasize emphasise acknowledge admit concede predict estimate contend maintain
    assert allege reveal declare observe recall echo deny tweet post counter reply respond
    promise pledge vow accuse blame testify disclose project forecast caution complain boast
    brag charge remark mention reiterate repeat retort quip inform brief comment continue
    conclude suggest believe think expect fear doubt worry agree disclose describe posit
    express
    """
)
# Lemmas of verbs through which documents and data report ("the survey found that").
EVIDENCE_LEMMAS = _words("find show indicate suggest reveal estimate conclude demonstrate")
# Lemmas that attribute only when the claimant follows the quotation ('"...," he continued').
_INVERTED_ONLY = _words("continue add agree")

# Nouns that stand for unnamed sources when they head the claimant phrase.
ANONYMOUS_HEADS = _words(
    """
    source sources official officials diplomat diplomats people person persons insider
    insiders critic critics observer observers aide aides someone residents resident
    witness witnesses opponents supporters sceptics skeptics many some others one members
    member officer officers negotiators negotiator staffers employees executives investors
    activists campaigners commentators voices colleague colleagues friend friends adviser
    advisers advisor advisors insiders several few most authorities
    """
)
# Experts: anonymous when nobody is named, named when their institution is.
EXPERT_HEADS = _words(
    """
    analyst analysts expert experts economist economists scientist scientists researcher
    researchers academic academics scholar scholars
    """
)
# Titles and roles that describe a claimant rather than name one.
ROLE_WORDS = _words(
    """
    spokesman spokeswoman spokesperson spokespeople aide adviser advisor director chief head
    minister secretary president chairman chairwoman chair ceo executive manager leader
    governor senator sen. mayor envoy ambassador economist analyst researcher professor
    prof. lawyer attorney representative rep. candidate nominee founder editor
    correspondent commissioner general gen. deputy strategist pollster premier chancellor
    prime king queen prince judge justice officer sheriff commander colonel col. captain
    administrator meteorologist forecaster epidemiologist climatologist hydrologist
    seismologist volcanologist
    lieutenant sergeant admiral dr. doctor gov. vice lord lady capt. capt lt. lt sgt. sgt
    cpl. cpl pvt. pvt adm. cmdr. cmdr brig. col gen
    foreign finance defence defense interior health transport trade justice state
    campaign press chief treasurer councillor councilman councilwoman congressman
    congresswoman lawmaker mp rabbi pope bishop cardinal imam pastor reverend rev.
    ex former acting interim assistant associate senior junior top superintendent
    inspector detective constable marshal coroner prosecutor
    datuk dato datin tun shri smt.
    """
)
# Forecasts a figure can be measured against ("the $134.1 million that analysts expected").
_FORECAST_LEMMAS = _words("expect estimate forecast predict project anticipate")
# A photo marker a paper puts after a name: "Minister Ann Lee (pix)". No role.
_PHOTO_MARKS = _words("pix pic pics photo photos picture file video")
# Nouns that end the name of an organisation rather than a person.
_ORGANISATION_WORDS = _words(
    """
    ministry government administration department agency office police court company
    firm group party commission committee council parliament congress senate house
    kremlin pentagon army military navy union bank fund authority authorities regulator
    cabinet presidency embassy mission alliance tribunal board foundation association
    network newspaper institute university organization organisation center centre
    campaign inc corp corporation ltd llc times post news press agency bureau service
    school college hospital club league federation coalition movement trust
    """
)
_DOCUMENT_WORDS = _words(
    """
    report reports study studies survey surveys poll polls data figures statistics census
    statement analysis review audit document documents memo letter filing filings records
    estimates estimate index research paper findings numbers count tally tallies
    """
)
# (Object forms too: "According to him, ...".)
_PERSON_PRONOUNS = _words("he she him her")
_GROUP_PRONOUNS = _words("they them")
_THING_PRONOUNS = _words("it")
_ALL_PRONOUNS = _PERSON_PRONOUNS | _GROUP_PRONOUNS | _THING_PRONOUNS
_OBJECT_PRONOUNS = _words("him them me us")  # never a subject ("her" may be a possessive)
_QUANTIFIERS = _words("one some many most several few all both each none half")
_UNRESOLVABLE = _words("i we you me us who whom which that this these those one")
_ANONYMITY_RE = re.compile(
    r"\b(?:on (?:the )?condition (?:of|that (?:they|he|she) not be) (?:anonymity|named|identified)"
    r"|(?:declined|asked|requested) not to be (?:named|identified)"
    r"|(?:declined|refused) to be (?:named|identified)"
    r"|speaking anonymously|anonymously|not authori[sz]ed to (?:speak|discuss|comment)"
    r"|unnamed|anonymous)\b",
    re.I,
)
# Single curly quotes are left out: "’" is far more often an apostrophe.
_QUOTE_OPEN = "“«"
_QUOTE_CLOSE = "”»"
_STRIP = " \t\n,;:—–-\"“”‘’'«»()"
# "said that", "said only that", "said simply that": the complementiser and its focus word.
_THAT = re.compile(r"(?i)^(?:(?:only|simply|merely|just)\s+)?that\b\s*")
# A connective that opens a claim ties it to the sentence before; it is no part of what is
# said: "But the goal is not revenue", "However, slower growth is being offset".
_CONNECTIVE = re.compile(
    r"^(?:(?:but|and|yet)(?:,?\s+)(?=[\w“\"‘'])"
    r"|(?:however|still|meanwhile|indeed|moreover|instead|nevertheless|nonetheless|furthermore"
    r"|in fact|in contrast|by contrast|of course|in addition|even so|at the same time),\s*)",
    re.I,
)


_CONNECTIVE_WORDS = _words(
    """
    but and yet however still meanwhile indeed moreover instead nevertheless nonetheless
    furthermore
    """
) | {"in fact", "in contrast", "by contrast", "of course", "in addition", "even so"}


_NOT_SUBJECTS = _words(
    "also then still yet however meanwhile separately previously again instead thus indeed"
)


# What a speaker does beside saying something: "said X and criticized Y", "said X, pointing
# to Y". The parser often hangs such a verb on the claim's verb, as if the claim's subject did it.
_SPEAKERS_ACTS = _words(
    """
    say add criticize criticise question call accuse urge praise celebrate vow promise pledge
    warn complain insist argue blame chide deny acknowledge note stress thank defend dismiss
    reject condemn attack slam mock tout boast declare announce ask suggest point cite refer
    mention predict express welcome
    """
)

# A relative clause headed by one of these reports ("a panel, which said ..."): no description.
_REPORTING_LEMMAS = SPEECH_LEMMAS | _SPEAKERS_ACTS


_ACCORDING_TO = frozenset({("according", "to"), ("as", "per")})


_SPEAKER_NOUNS = _ORGANISATION_WORDS | _DOCUMENT_WORDS | ROLE_WORDS | ANONYMOUS_HEADS | EXPERT_HEADS


_NAMING_LEMMAS = _words("call describe label brand dub")
_ADDRESSEE_LEMMAS = _words("tell inform brief warn remind assure urge")
_TIME_WORDS = _words(
    """
    monday tuesday wednesday thursday friday saturday sunday today yesterday tonight
    morning afternoon evening night week weekend month year day time january february
    march april may june july august september october november december earlier later
    """
)
_WORD_RE = re.compile(r"[a-z]+")


# Words that end the head of a description ("an official close to the talks", "a diplomat
# who ..."), and heads that name a body of people, not one person ("the police").
_DESCRIPTION_STOPS = _words("who whose that close familiar with in at from of for to on by")
_COLLECTIVE_HEADS = _words(
    """police staff people personnel government military army team group committee crew
    family public press media council board panel jury"""
)
# "declined to say", "refused to comment": a refusal, no statement.
_REFUSING_LEMMAS = _words("decline refuse")
# "The minister said ...": an office named by its title alone, after the article named the
# person who holds it ("Foreign Minister Ana Ruiz said ...").
_OFFICE_TITLES = _words(
    """minister president secretary chancellor governor mayor senator ambassador envoy premier
    commissioner chairman chairwoman chairperson spokesman spokeswoman spokesperson prosecutor
    sheriff judge coach manager captain"""
)
