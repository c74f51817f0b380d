"""Who makes a claim, what exactly they claim, and how it is sourced.

:func:`attribute_sentences` reads the sentences of one article in order, each through a
dependency parse (``parse.py``), and returns for each an :class:`Attribution`:

* ``claim``: the statement to check, without its attribution frame ("Ticket revenue now
  covers 61 percent of operating costs" from "Ticket revenue now covers 61 percent of
  operating costs, transport director Ines Varga said Tuesday"), with its offsets in the
  sentence when it is one contiguous piece of it; the sentence itself when the outlet
  asserts it;
* ``claimant``: the name only ("Ines Varga", "the European Commission", "EU sources") and
  ``role`` for the title or description ("transport director");
* ``cue``: the words that attribute it ("said", "according to", "shows");
* ``sourcing``: ``named`` (a person or an organisation, or its report or data),
  ``anonymous`` (sources, officials, people familiar with...; anyone speaking "on condition
  of anonymity"; "a local rights group") or ``unattributed`` (the outlet's own assertion).

How: a cue is a verb of saying, writing or evidence, or "according to", that stands outside
any quotation. Its subject (or the object of "according to") is the claimant phrase; its
clausal complement is the claim, or, when the cue is tucked into the claim ("The plan,
officials said, would cost more"), the claim is the sentence less the cue's phrase. The
claimant phrase is split into a name (a run of proper nouns, or the organisation a
spokesperson speaks for) and a role (titles, appositions, descriptions). Across sentences:
"he"/"she"/"they"/"it" resolve to the nearest earlier claimant or subject that fits, and the
speaker of a quotation that runs over several sentences is carried to each of them.

The word lists below are ordinary English, written by hand; no list or threshold here was
fitted on any data set (the PolNeAR scores in the README come from ``bench/attribution.py``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from .carry import closes_unopened, colon_frame, one_holder_title, second_speaker
from .frames import (
    AS_STATED_RE,
    named_predicate,
    names_its_object,
    next_act_after_infinitive,
    passive_speaker,
    refuses_to_say,
)
from .parse import parse_many

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


def _words(spec: str) -> frozenset[str]:
    return frozenset(spec.split())


NAMED = "named"
ANONYMOUS = "anonymous"
UNATTRIBUTED = "unattributed"

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


@dataclass(frozen=True, slots=True)
class Attribution:
    claimant: str | None
    sourcing: str  # NAMED, ANONYMOUS or UNATTRIBUTED
    person_like: bool = False  # a named individual, usable to resolve "he"/"she" later
    role: str | None = None
    cue: str | None = None
    # The claim as offsets into the sentence (None: not one contiguous piece) and as text.
    claim_start: int | None = None
    claim_end: int | None = None
    claim: str | None = None
    # "person", "organization", "group" or "document": what a later pronoun may refer to.
    kind: str | None = None
    # "He said:", "Mr. Roe wrote on Twitter on Monday.": a frame with no statement of its own
    # (its statement is the quotation before it or the sentence after it). Never a claim.
    frame_only: bool = False
    # "Ms", "Mr", "Dr" ...: the honorific the article put before the name (no part of the
    # name; what it says of a later "she" or "he").
    honorific: str | None = None


UNATTRIBUTED_RESULT = Attribution(None, UNATTRIBUTED)


# --- phrases ---------------------------------------------------------------------------


def _text(doc: Doc, tokens: Sequence[Token]) -> str:
    if not tokens:
        return ""
    return doc.text[tokens[0].idx : tokens[-1].idx + len(tokens[-1])].strip(_STRIP)


def _span_tokens(head: Token, drop: set[str]) -> list[Token]:
    """``head``'s subtree without the children whose dependency is in ``drop``."""
    excluded: set[int] = set()
    for child in head.children:
        if child.dep_ in drop:
            excluded.update(t.i for t in child.subtree)
    # A relative clause deeper down ("people familiar with the talks, who spoke ...") is a
    # description, not part of the name either.
    for tok in head.subtree:
        if tok.i != head.i and tok.dep_ in ("relcl", "advcl") and tok.pos_ in ("VERB", "AUX"):
            excluded.update(t.i for t in tok.subtree)
    tokens = [t for t in head.subtree if t.i not in excluded]
    # Keep one contiguous run around the head.
    out = [head]
    index = {t.i for t in tokens}
    i = head.i - 1
    while i in index:
        out.insert(0, head.doc[i])
        i -= 1
    i = head.i + 1
    while i in index:
        out.append(head.doc[i])
        i += 1
    while out and (
        out[0].is_punct
        or out[0].dep_ in ("cc", "preconj", "predet")
        or out[0].lower_ in ("even", "just", "only", "also", "both", "all")
    ):
        out.pop(0)
    while out and (out[-1].is_punct or out[-1].dep_ == "cc"):
        out.pop()
    return out


_NAME_DROP = {"relcl", "acl", "appos", "advcl", "prep", "cc", "conj", "case"}


def _proper_run(head: Token) -> list[Token]:
    """The run of proper nouns that ends at ``head`` (a name), titles left out."""
    doc = head.doc
    i = head.i
    run = [head]
    while True:
        if i - 1 >= 0 and doc[i - 1].pos_ == "PROPN" and doc[i - 1].head.i in {t.i for t in run}:
            run.insert(0, doc[i - 1])
            i -= 1
        elif (
            i - 2 >= 0
            and doc[i - 1].text in ("-", "‐")
            and not doc[i - 1].whitespace_
            and not doc[i - 2].whitespace_
            and doc[i - 2].pos_ == "PROPN"
        ):
            # "Pierre-Henry Brandet", "Gilda Cobb-Hunter": a hyphenated name the tokenizer
            # split.
            run[:0] = [doc[i - 2], doc[i - 1]]
            i -= 2
        else:
            break
    if head.lower_ in _ORGANISATION_WORDS:
        # "National Disaster Risk Reduction and Management Council": one body's name, however
        # the parser hung its coordinated words.
        below = {t.i for t in head.subtree}
        while i - 1 in below and (
            doc[i - 1].pos_ == "PROPN"
            or (doc[i - 1].lower_ in ("and", "&") and i - 2 in below and doc[i - 2].pos_ == "PROPN")
        ):
            run.insert(0, doc[i - 1])
            i -= 1
    # Titles ("Finance Minister", "Sen.", "NATO Secretary General") are the role: the name is
    # what follows the last of them ("General Motors" is a name, not a title and a name).
    titles = [k for k, t in enumerate(run[:-1]) if t.lower_ in ROLE_WORDS]
    organisation = run[-1].lower_ in _ORGANISATION_WORDS  # "State Department", "Health Ministry"
    general = len(run) == 2 and run[0].lower_ == "general"  # "General Motors"
    if titles and not organisation and not general:
        run = run[titles[-1] + 1 :]
    while len(run) > 1 and not any(ch.isalpha() for ch in run[0].text):
        run.pop(0)  # "Capt. Christian Pardo" tokenized "Capt", ".": the stop is no name
    # "Roper Center for Public Opinion Research": a capitalised prepositional tail is part of
    # an organisation's name ("Stephen Vladeck of the University of Texas": not a person's).
    for child in head.rights if run[-1].lower_ in _ORGANISATION_WORDS | _TAIL_HEADS else ():
        if (
            child.dep_ == "prep"
            and child.lower_ in ("for", "of", "on")
            and child.i == run[-1].i + 1
        ):
            tail = list(child.subtree)
            if all(
                t.pos_ in ("PROPN", "DET", "ADP", "CCONJ") or t.text == "&" for t in tail
            ) and any(t.pos_ == "PROPN" for t in tail):
                titles = [k for k, t in enumerate(tail[:-1]) if t.lower_ in ROLE_WORDS]
                if titles:
                    # "Department of Public Safety Director Frank Milstead": the body's name
                    # and a title are the role; the person is what follows the title.
                    return tail[titles[-1] + 1 :]
                run.extend(tail)
    return run


_TAIL_HEADS = _words("chamber academy museum society institution forum observatory")


def _has_proper(tokens: Sequence[Token]) -> bool:
    return any(t.pos_ == "PROPN" and t.lower_ not in ROLE_WORDS for t in tokens)


def _is_organisation(tokens: Sequence[Token]) -> bool:
    return bool(tokens) and (
        tokens[-1].lower_ in _ORGANISATION_WORDS
        or (tokens[0].lower_ == "the" and tokens[-1].tag_ != "NNPS")
        or any(t.lower_ in _ORGANISATION_WORDS for t in tokens if t.pos_ == "PROPN")
    )


@dataclass(frozen=True, slots=True)
class _Claimant:
    name: str
    role: str | None
    sourcing: str
    kind: str


def _role_text(doc: Doc, tokens: Sequence[Token]) -> str | None:
    words = list(tokens)
    while words and (words[0].dep_ in ("det", "predet") or words[0].is_punct):
        words.pop(0)
    while words and (words[-1].is_punct or words[-1].dep_ == "case"):
        words.pop()
    if words and (words[0].tag_ in ("WP", "WP$", "WDT") or words[0].dep_ == "cc"):
        return None  # "whose company makes pumps", "which said ...": a clause, no title
    text = _text(doc, words)
    if text.lower() in _PHOTO_MARKS:
        return None
    return text or None


def _titled_name(head: Token) -> _Claimant | None:
    """A description ending in a person's name, which the parser split into a conjunct or an
    apposition: "real estate mogul and reality television star Donald Trump", "former
    neurosurgeon Ben Carson", "Vice President for news and talk Dave Gorab". The name is the
    closing run of two or more proper nouns; what comes before it is the role."""
    doc = head.doc
    span = _span_tokens(head, {"relcl", "acl", "advcl"})
    if len(span) < 3:
        return None
    run: list[Token] = []
    for tok in reversed(span):
        if tok.pos_ != "PROPN" or tok.lower_ in ROLE_WORDS:
            break
        run.insert(0, tok)
    if len(run) < 2 or run[0].i <= head.i or run[0].i == span[0].i:
        return None
    before = [t for t in span if t.i < run[0].i]
    # "the head of the State Department", "a spokesman for Hillary Clinton": a name inside
    # a phrase is not the speaker's own.
    if before[-1].pos_ in ("ADP", "DET") or (before[-1].is_punct and before[-1].text != ","):
        return None
    if not any(t.pos_ == "NOUN" or t.lower_ in ROLE_WORDS for t in before):
        return None
    # Only across a conjunction or an apposition the parser made of the name.
    if not any(t.dep_ in ("conj", "appos") for t in run):
        return None
    while before and (before[-1].is_punct or before[-1].dep_ == "cc"):
        before.pop()
    kind = "organization" if _is_organisation(run) else "person"
    return _Claimant(_text(doc, run), _role_text(doc, before), NAMED, kind)


def _when(prep: Token) -> bool:
    """ "in 2001", "on Monday", "in March": when, not who ("an arbitration panel in 2001")."""
    objects = [c for c in prep.children if c.dep_ == "pobj"]
    return bool(objects) and all(
        o.lower_ in _TIME_WORDS or (o.like_num and len(o.text) == 4 and o.text.isdigit())
        for o in objects
    )


def _next_is_comma(tok: Token) -> bool:
    return tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].text == ","


# Pronouns that stand for unnamed people, not for anyone named before them.
_UNNAMED_PRONOUNS = _words("some many others several few most someone another")
# What poll respondents do ("those who said ...", "those who responded").
_ANSWERING_LEMMAS = _words("respond answer reply vote take participate")


def _answered(clause: Token) -> bool:
    """A poll's respondents ("those who said ...") or a cue of its own ("those who thought
    they had ...": the relative clause is the report, not a description)."""
    lemma = clause.lemma_.lower()
    return lemma in _ANSWERING_LEMMAS or lemma in SPEECH_LEMMAS or lemma in EVIDENCE_LEMMAS


def _says_itself(subject: Token) -> bool:
    """A subject whose verb states something itself: finite, or with an auxiliary ("some are
    saying"); not "had some explaining to do"."""
    verb = subject.head
    return verb.tag_ != "VBG" or any(c.dep_ == "aux" for c in verb.children)


_SPOKES_WORDS = _words("spokesman spokeswoman spokesperson")


def _claimant(head: Token, sentence_anonymous: bool) -> _Claimant | None:
    """The name, role and sourcing of the claimant phrase headed by ``head``."""
    doc = head.doc
    low = head.lower_
    # "one of the aides", "some of the women", "two of them": a counted part of a group.
    # ("One in four voters": a share.)
    counted_group = any(
        c.dep_ == "prep" and (c.lower_ == "of" or low == "one") for c in head.children
    ) and (low in _QUANTIFIERS or head.like_num)
    described = low == "those" and any(
        (c.dep_ in ("amod", "prep") or (c.dep_ == "relcl" and not _answered(c))) and c.i > head.i
        for c in head.children
    )
    if described:
        # "Those close to him", "those familiar with the talks", "those who back the plan":
        # an unnamed group described by its place or its deeds. ("those who said ...",
        # "those who responded": respondents, left to the poll.)
        dropped = {t.i for c in head.children if c.dep_ in ("appos", "conj") for t in c.subtree}
        tokens = [t for t in head.subtree if t.i not in dropped]
        return _Claimant(_text(doc, _contiguous(tokens, head)), None, ANONYMOUS, "group")
    if low in ("nobody", "none", "noone") or any(
        c.dep_ == "det" and c.lower_ == "no" for c in head.children
    ):
        return None  # "No group has claimed responsibility": nobody said anything
    # "The WHO said": an acronym in capitals is a name, never the pronoun it spells.
    acronym = len(head.text) > 1 and head.text.isupper() and not doc.text.isupper()
    if head.dep_ in ("nsubj", "nsubjpass") and low in _OBJECT_PRONOUNS:
        return None  # "let them think the gate was locked": an object, made a subject
    if (
        (head.pos_ == "PRON" or low in _UNRESOLVABLE)
        and not acronym
        and not (counted_group or any(c.dep_ == "conj" for c in head.children))
        # "Some argue that ...", "others said", "someone told him": unnamed people, no
        # pronoun to resolve (the anonymous heads below).
        and not (low in _UNNAMED_PRONOUNS and head.dep_ == "nsubj" and _says_itself(head))
    ):
        if low in _PERSON_PRONOUNS | _GROUP_PRONOUNS | _THING_PRONOUNS:
            kind = (
                "person"
                if low in _PERSON_PRONOUNS
                else "group"
                if low in _GROUP_PRONOUNS
                else "thing"
            )
            return _Claimant(low, None, ANONYMOUS if sentence_anonymous else NAMED, kind)
        return None
    appositions = [
        c
        for c in head.children
        if c.dep_ == "appos"
        # "The lawyers pointed to ..., Sen. Ann Lee and ..., as ...": the parser hung a
        # phrase after the verb on its subject; no apposition of the speaker's.
        and not (head.dep_ == "nsubj" and head.i < head.head.i < c.i)
    ]
    prepositions = [c for c in head.children if c.dep_ == "prep"]
    base = _span_tokens(head, _NAME_DROP)
    # A speaker's phrase never reaches back into a quotation ('hunky-dory," Gene Sperling').
    quote_before = _last_quote_before(doc, head.i)
    if quote_before is not None:
        base = [t for t in base if t.i > quote_before]
    # A name heading the phrase is the speaker's own ("Giovanni Vian, the editor of the
    # newspaper, L'Osservatore Romano": not the newspaper's name closing the phrase).
    own_name = head.pos_ == "PROPN" and head.lower_ not in ROLE_WORDS
    titled = None if own_name else _titled_name(head)
    if titled is not None:
        return replace(titled, sourcing=ANONYMOUS if sentence_anonymous else NAMED)
    if any(c.dep_ == "conj" for c in head.children):
        # "Mr. Grassley and Mr. Leahy", "Developers and supporters in Congress": all of them.
        tokens = _span_tokens(head, {"relcl", "acl", "appos", "advcl"})
        name = _text(doc, tokens)
        if name:
            anonymous = sentence_anonymous or not _has_proper(tokens)
            return _Claimant(name, None, ANONYMOUS if anonymous else NAMED, "group")

    # A proper name: "Jane Smith", "transport director Ines Varga", "the European Commission".
    # (A capitalised subject the tagger took for a verb or adjective is a name too: "Trump".)
    mistagged = (
        (
            head.dep_ == "nsubj"
            and head.text[:1].isupper()
            and head.i > 0
            and head.pos_ in ("VERB", "ADJ", "X", "ADV")
        )
        or (
            # "Trump, in Kentucky, said": at the head of a sentence only a verb or an adjective
            # before a comma, which no common subject is tagged as.
            head.dep_ == "nsubj"
            and head.i == 0
            and (head.tag_ == "VB" or (head.tag_ == "JJ" and _next_is_comma(head)))
            and head.lower_ not in ANONYMOUS_HEADS
        )
        or (head.dep_ != "nsubj" and _bare_name_first(head))
    )
    # A lower-case word the tagger took for a name ("the billionaire business mogul") is none.
    # ("Park Geun-hye": the end of a hyphenated name is no word of its own.)
    lower_case = (
        head.text.isalpha()
        and head.text.islower()
        and not (head.i > 0 and not head.doc[head.i - 1].whitespace_)
    )
    if (
        (head.pos_ == "PROPN" or mistagged or acronym)
        and head.lower_ not in ROLE_WORDS
        and not lower_case
    ):
        run = _proper_run(head)
        if base and base[0].lower_ == "the" and base[0].i == run[0].i - 1:
            run.insert(0, base[0])  # "the European Commission", "the Kremlin"
        owner = [t for t in base if t.i < run[0].i]
        if (
            run[-1].lower_ in _ORGANISATION_WORDS
            and owner
            and all(
                t.dep_ in ("poss", "case")
                or t.head.dep_ == "poss"
                or (t.dep_ in ("compound", "amod") and t.head == run[-1])
                for t in owner
            )
            and any(t.dep_ == "case" for t in owner)
        ):
            run = owner + run  # "Russia's defence ministry": the country's own body
        role_tokens = [t for t in base if t.i < run[0].i]
        if run[0].i > head.i and base:
            # The name closes a tail after the head ("Department of Public Safety Director
            # Frank Milstead"): the whole phrase before it is the role.
            role_tokens = [t for t in head.subtree if base[0].i <= t.i < run[0].i]
        role_parts = [_role_text(doc, role_tokens)] if role_tokens else []
        for app in appositions:
            role_parts.append(_role_text(doc, list(app.subtree)))
        for prep in prepositions:
            if prep.i > run[-1].i and prep.lower_ in ("of", "at", "from", "with"):
                role_parts.append(_text(doc, list(prep.subtree)))
        role = ", ".join(p for p in role_parts if p) or None
        name = _text(doc, run)
        org = _is_organisation(run)
        sourcing = ANONYMOUS if sentence_anonymous else NAMED
        return _Claimant(name, role, sourcing, "organization" if org else "person")

    # A description with a named apposition: "the mayor's chief of staff, Ana Costa".
    for app in appositions:
        if app.pos_ == "PROPN" and app.tag_ != "NNPS":  # not "many of them Catholics"
            inner = _claimant(app, sentence_anonymous)
            if inner is not None:
                described = [t for t in head.subtree if t.i not in {x.i for x in app.subtree}]
                described = [t for t in described if t.i < app.i]
                role = _role_text(doc, described)
                return replace(inner, role=role)

    # A role speaking for an organisation: "a spokesman for the Clinton campaign".
    if low in ROLE_WORDS or low in EXPERT_HEADS:
        named = _name_before_role(head, sentence_anonymous)
        if named is not None:
            return named
        for prep in prepositions:
            objects = [c for c in prep.children if c.dep_ == "pobj"]
            if prep.lower_ in ("for", "of", "at", "from", "with") and objects:
                obj_tokens = list(objects[0].subtree)
                obj_named = _has_proper(obj_tokens)
                if obj_named or (obj_tokens[0].lower_ == "the" and low not in EXPERT_HEADS):
                    inner = _claimant(objects[0], sentence_anonymous)
                    role = _role_text(doc, [t for t in base if t.i <= head.i])
                    if inner is not None and inner.kind != "thing":
                        anonymous = sentence_anonymous or low in ANONYMOUS_HEADS
                        return _Claimant(
                            inner.name,
                            role,
                            ANONYMOUS if anonymous else NAMED,
                            "organization",
                        )

    # Anything else: the noun phrase itself ("EU sources", "the health ministry", "a poll").
    kept = ("of", "at", "in", "from", "for", "with", "to", "by" if low in _DOCUMENT_WORDS else "of")
    if head.like_num or low in _QUANTIFIERS:
        kept += ("out",)  # "nearly eight out of 10": a share, all of it
    keep_preps = [p for p in prepositions if p.lower_ in kept and not _when(p)]
    tokens = base
    if keep_preps:
        clauses = {
            t.i
            for p in keep_preps
            for c in p.subtree
            if c.dep_ in ("relcl", "advcl", "acl") and c.pos_ in ("VERB", "AUX")
            for t in c.subtree
        }
        tokens = sorted(
            {
                t.i: t
                for t in base + [t for p in keep_preps for t in p.subtree if t.i not in clauses]
            }.values(),
            key=lambda t: t.i,
        )
        tokens = _contiguous(tokens, head)
    descriptions = [
        c
        for c in head.children
        if c.dep_ in ("acl", "relcl")
        # "a panel, which said ... and also accused ...": what it said, no description
        and c.lemma_.lower() not in _REPORTING_LEMMAS
        and c.left_edge.dep_ != "cc"
    ]
    if low in _DOCUMENT_WORDS and _after_according_to(head):
        publisher = _publisher(descriptions, sentence_anonymous)
        if publisher is not None:
            return publisher
    if low in _DOCUMENT_WORDS and not _after_according_to(head):
        # ("According to a survey by X, ..." keeps the survey: what it found is the claim.)
        author = _document_author(head, low, sentence_anonymous)
        if author is not None:
            return author
    role = "; ".join(_text(doc, list(c.subtree)) for c in descriptions) or None
    name = _text(doc, tokens)
    if not name:
        return None
    determiner = tokens[0].lower_ if tokens else ""
    named_inside = _has_proper(tokens)
    if (
        low in ANONYMOUS_HEADS
        or low in _UNNAMED_PRONOUNS
        or (low.endswith("s") and low[:-1] in ANONYMOUS_HEADS)
    ):
        sourcing, kind = ANONYMOUS, "group"
    elif low in EXPERT_HEADS:
        sourcing = NAMED if named_inside else ANONYMOUS
        kind = "group"
    elif low in _DOCUMENT_WORDS:
        sourcing, kind = NAMED, "document"
    elif (
        determiner in ("a", "an", "one", "some", "several", "two", "three")
        and not named_inside
        and not (low in _SPOKES_WORDS and any(t.lower_ in _ORGANISATION_WORDS for t in tokens))
    ):
        # "a local rights group" (but "a police spokesman" speaks for the story's police, as
        # "a spokesman for the ministry" does for the ministry)
        sourcing, kind = ANONYMOUS, "organization"
    elif head.pos_ in ("NOUN", "PROPN", "NUM") or (
        # "according to the polling average": a noun the tagger took for an adjective
        head.pos_ == "ADJ" and tokens[0].lower_ in ("the", "a", "an") and head.dep_ == "pobj"
    ):
        sourcing, kind = NAMED, "organization"
    else:
        return None
    if sentence_anonymous:
        sourcing = ANONYMOUS
    return _Claimant(name, role, sourcing, kind)


def _document_author(head: Token, low: str, sentence_anonymous: bool) -> _Claimant | None:
    """ "a statement from Google", "a report by the Congressional Budget Office": the named
    author is the claimant and the document its role (the desk records who stands behind
    it, as it does for a spokesperson)."""
    for prep in head.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("from", "by"):
            continue
        objects = [c for c in prep.children if c.dep_ == "pobj"]
        if not objects or not _has_proper(list(objects[0].subtree)):
            continue
        if objects[0].lower_ in _DOCUMENT_WORDS:
            continue  # "data from the American Community Survey": a document again, no author
        if objects[0].pos_ != "PROPN" and objects[0].lower_ not in _ORGANISATION_WORDS:
            continue  # "exit polls from the New Hampshire primary": an event, no author
        inner = _claimant(objects[0], sentence_anonymous)
        if inner is not None and inner.kind in ("person", "organization"):
            return replace(inner, role=f"{low}, {inner.role}" if inner.role else low)
    return None


def _name_before_role(head: Token, sentence_anonymous: bool) -> _Claimant | None:
    """ "Nora Lind, the treasurer of the Eastfield Tenants Union, recalled": the parser made the
    role the subject and left the name before it, set off by a comma, outside its phrase.
    The person is the speaker, not the body the role belongs to."""
    doc = head.doc
    left = head.left_edge.i
    if left < 2 or doc[left - 1].text != "," or head.tag_ not in ("NN", "NNP"):
        return None  # "Mr. Ortiz, economists said, ...": the claim's subject, not a speaker
    if any(c.dep_ == "poss" for c in head.children):
        return None  # "before the Ohio vote, Ruiz's team says"
    last = doc[left - 2]
    if last.pos_ != "PROPN" or last.lower_ in ROLE_WORDS or _inside_quotation(last):
        return None
    if last.i in {t.i for t in head.subtree}:
        return None
    run = _proper_run(last)
    if len(run) < 2 or _is_organisation(run) or (run[0].i > 0 and doc[run[0].i - 1].pos_ == "DET"):
        return None
    role = _role_text(doc, _span_tokens(head, {"relcl", "acl", "advcl", "appos"}))
    return _Claimant(_text(doc, run), role, ANONYMOUS if sentence_anonymous else NAMED, "person")


def _after_according_to(head: Token) -> bool:
    """Whether ``head`` is the object of "according to" (or "as per")."""
    to = head.head
    if head.dep_ != "pobj" or to.i == 0:
        return False
    return (head.doc[to.i - 1].lower_, to.lower_) in _ACCORDING_TO


def _publisher(descriptions: list[Token], sentence_anonymous: bool) -> _Claimant | None:
    """Who published the figures a claim rests on: "according to figures published by the
    statistics office", "according to statistics gathered by the agency" (the office and the
    agency, not the figures, are the claimant). Only after "according to": a report that
    "said" or "found" stays the speaker."""
    for clause in descriptions:
        if clause.tag_ != "VBN":
            continue
        for agent in (c for c in clause.children if c.dep_ == "agent"):
            for obj in (c for c in agent.children if c.dep_ == "pobj"):
                if obj.pos_ not in ("NOUN", "PROPN") or obj.like_num:
                    continue
                inner = _claimant(obj, sentence_anonymous)
                if inner is not None and inner.kind in ("person", "organization", "group"):
                    return inner
    return None


def _contiguous(tokens: list[Token], head: Token) -> list[Token]:
    index = {t.i for t in tokens}
    lo = hi = head.i
    while lo - 1 in index:
        lo -= 1
    while hi + 1 in index:
        hi += 1
    out = [head.doc[i] for i in range(lo, hi + 1)]
    while out and out[-1].is_punct:
        out.pop()
    return out


# --- cues ------------------------------------------------------------------------------


def _quoted(doc: Doc) -> list[bool]:
    """For each token: does it stand inside a quotation?"""
    inside = False
    out = []
    for tok in doc:
        t = tok.text
        straight = t in ('"', "''")
        # A straight quote glued to the word before it and followed by a space closes a
        # quotation, even one opened in an earlier sentence ('Probably not," she said.').
        glued = tok.i > 0 and not doc[tok.i - 1].whitespace_
        closing = straight and glued
        if t in _QUOTE_OPEN and inside and glued:
            # 'problems for her here,“ said Jim Clyburn': an opening mark typed for a closing one
            out.append(False)
            inside = False
            continue
        if t in _QUOTE_OPEN or (straight and not inside and not closing) or t == "``":
            out.append(False)
            inside = True
            continue
        if t in _QUOTE_CLOSE or (straight and (inside or closing)):
            out.append(False)
            inside = False
            continue
        out.append(inside)
    return out


_REFUSING_LEMMAS = _words("decline refuse")
_ASKING_LEMMAS = _words("ask wonder question inquire enquire")
# Verbs whose subject, not their object, does what their infinitive says.
_SUBJECT_CONTROL = frozenset({"promise", "vow", "threaten", "pledge", "offer"})
_NOMINAL = ("PROPN", "NOUN", "PRON")


_NOT_SUBJECTS = _words(
    "also then still yet however meanwhile separately previously again instead thus indeed"
)


def _bare_name_first(tok: Token) -> bool:
    """ "Jolly said he would ...": a one-word name the tagger took for an adverb or an
    adjective, opening the sentence right before its verb."""
    doc = tok.doc
    return (
        tok.i == 0
        and len(doc) > 2
        and tok.is_alpha
        and tok.text[:1].isupper()
        and tok.head.i == 1
        and doc[1].tag_ in ("VBD", "VBZ", "VBP")
        and tok.tag_ in ("RB", "JJ", "NNP", "VB", "NN")
        and tok.lower_ not in _NOT_SUBJECTS | _TIME_WORDS | ANONYMOUS_HEADS
    )


def _antecedent(noun: Token) -> Token | None:
    """What a relative clause's "which" stands for. The parser hangs ", which showed ..." on
    the nearest noun; when that is the time of the act ("released her tax returns in May,
    which showed ..."), what the act produced (its object) is what showed it; a time alone
    never speaks."""
    if noun.lower_ not in _TIME_WORDS:
        return noun
    prep = noun.head if noun.dep_ == "pobj" else None
    act = prep.head if prep is not None and prep.dep_ == "prep" else noun.head
    for child in act.children:
        if child.dep_ == "dobj" and child.lower_ not in _TIME_WORDS:
            return child
    return None


# "was quick to point out", "is right to note": the adjective says the speaker did speak
# (not "reluctant to reveal", "determined to respond", "not willing to say").
_READY_ADJECTIVES = _words(
    "quick right correct careful keen eager happy glad first likely sure able"
)


def _subject(verb: Token) -> Token | None:
    doc = verb.doc
    if (
        verb.i == 1
        and _bare_name_first(doc[0])
        and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
    ):
        return doc[0]
    has_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
    finite = verb.tag_ in ("VBD", "VBZ", "VBP")
    if (
        not has_subject
        and finite
        and verb.i > 0
        and doc[verb.i - 1].text in (",", "”", '"', "''", "—")
    ):
        # '..., said Leslie Wimes': the parser may miss the subject after a broken quotation.
        for child in verb.rights:
            if (
                child.dep_ in ("dobj", "npadvmod", "attr", "oprd")
                and not (child.dep_ == "dobj" and verb.lemma_ in _ADDRESSEE_LEMMAS)
                # "Ortiz, an ally, called the plan “...”" (parsed as "Ortiz called"): no
                # speaker after the verb
                and not (verb.lemma_.lower() in _NAMING_LEMMAS and verb.dep_ == "acl")
                and child.pos_ in ("PROPN", "NOUN")
                and child.lower_ not in _TIME_WORDS
                and not any(t.lower_ in _TIME_WORDS for t in child.subtree)
            ):
                return child
    inverted = [
        c
        for c in verb.children
        if c.dep_ == "nsubj" and c.i > verb.i and c.pos_ == "PROPN" and c.left_edge.i == verb.i + 1
    ]
    if inverted and verb.i > 0 and doc[verb.i - 1].text == "," and finite:
        # 'The rejection signals "the end" for the EU, said Geert Wilders': the parser made
        # the claim a second subject; the name after the inverted verb is the speaker.
        return inverted[0]
    speaker_after_as = _speaker_after_as(verb)
    if speaker_after_as is not None:
        return speaker_after_as
    for child in verb.children:
        if (
            child.dep_ == "nsubj"
            and _quote_between(doc, child.i, verb.i)
            and (child.i > verb.i or _inside_quotation(child))
        ):
            # 'Full panic mode," said Jane Roe': the "subject" is the end of the quotation.
            quoted = _quoted(doc)
            for right in verb.rights:
                if (
                    right.dep_ in ("dobj", "npadvmod", "attr", "nsubj")
                    and right.pos_ == "PROPN"
                    and not quoted[right.i]  # 'said on “Fox and Friends.”': a title
                ):
                    return right
            # '..., Sen. Ann Lee," Jane Roe said': the speaker stands between quote and verb.
            speaker = _between_quote_and(doc, verb.i)
            if speaker is not None:
                return speaker
        if child.dep_ == "nsubj" and child.i > verb.i and _quoted(doc)[child.i]:
            # '..., Flynn, a surrogate, said on Fox News's “Fox and Friends.”': a quoted
            # title after the verb is no speaker; the one before the verb is.
            speaker = _between_quote_and(doc, verb.i)
            if speaker is not None:
                return speaker
            continue
        if child.dep_ == "nsubj":
            if child.lower_ in ("who", "that", "which") and verb.dep_ == "relcl":
                return _antecedent(verb.head)
            # "Vatican spokesman the Rev. Federico Lombardi told": the parser made the title
            # and the name two subjects; the name is the speaker.
            for other in verb.children:
                if (
                    other.dep_ == "nsubj"
                    and other.i > child.i
                    and other.pos_ == "PROPN"
                    and (other.i < verb.i) == (child.i < verb.i)
                    and other.left_edge.i <= max(t.i for t in child.subtree) + 2
                    # not the rest of a list: "voters in Alabama, Georgia and Virginia said"
                    and not (
                        doc[other.left_edge.i - 1].text == ","
                        and any(c.dep_ == "conj" for c in other.children)
                    )
                ):
                    return other
            return _name_after_title(child)
    # "forced Stumpf to admit that", "asked the minister to confirm that": object control,
    # the one told to speak is the speaker ("promised voters to ..." keeps its subject).
    if verb.dep_ == "xcomp" and verb.head.lemma_ not in _SUBJECT_CONTROL:
        for child in verb.head.children:
            if child.dep_ == "dobj" and child.i < verb.i and child.pos_ in _NOMINAL:
                return child
    if verb.dep_ == "conj" and not has_subject and _quote_between(doc, verb.head.i, verb.i):
        # '"We were wrong," Ramos, 58, told AFP': the speaker between the quotation and the
        # verb, which the parser coordinated with the quotation's verb.
        speaker = _between_quote_and(doc, verb.i, clauses=False)
        if speaker is not None and speaker.pos_ == "PROPN":
            return speaker
    # "was quick to point out that", "is right to note that": the infinitive of an
    # adjective whose copula has the speaker.
    if (
        verb.dep_ == "xcomp"
        and verb.head.lower_ in _READY_ADJECTIVES
        and verb.head.dep_ == "acomp"
        and verb.head.head.pos_ in ("VERB", "AUX")
    ):
        return _subject(verb.head.head)
    if (
        not has_subject
        and finite
        and (verb.dep_ == "ROOT" or (verb.dep_ in ("conj", "ccomp") and verb.head.i < verb.i))
    ):
        speaker = _apposition_before(verb)
        if speaker is not None:
            return speaker
    # "..., he said and added that"; "went on to say"; "tweeted on Friday, saying that";
    # "tweeted on Friday to say that".
    if (
        verb.dep_ in ("conj", "xcomp", "advcl")
        and verb.head.pos_ in ("VERB", "AUX")
        and (
            verb.dep_ != "advcl"
            or verb.tag_ == "VBG"
            or any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
        )
    ):
        return passive_speaker(verb) or _subject(verb.head)
    # "a series of tweets saying that": the one who sent them.
    # "Two analysts, Jane Roe and Ann Lee, found in 2014 that ...": a main verb the parser
    # hung on its subject.
    if verb.dep_ == "acl" and verb.tag_ in ("VBD", "VBN"):
        return verb.head
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.head.pos_ in ("VERB", "AUX"):
        return _subject(verb.head.head)
    # "responded on Wednesday by saying that", "began by saying", "after saying".
    if (
        verb.dep_ == "pcomp"
        and verb.tag_ == "VBG"
        and verb.head.lower_ in ("by", "after", "in", "while", "before")
        and verb.head.head.pos_ in ("VERB", "AUX")
        and (_states_something(verb) or (verb.lemma_ == "point" and _pointed_to(verb)))
    ):
        return _subject(verb.head.head)
    # "cited Smith as saying"
    if verb.dep_ == "pcomp" and verb.head.lower_ == "as":
        governor = verb.head.head
        for child in governor.children:
            if child.dep_ == "dobj":
                return child
    # "a statement released by the ministry" / "..., a spokesman told reporters" handled above.
    for child in verb.children:
        if child.dep_ == "agent":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return obj
    unhung = verb.dep_ in ("ROOT", "parataxis") or (
        verb.dep_ == "conj" and _last_quote_before(doc, verb.i) is not None
    )
    # ("had told": a perfect is as finite.)
    perfect = verb.tag_ == "VBN" and any(
        c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children
    )
    if (verb.tag_ in ("VBD", "VBZ", "VBP") or perfect) and not has_subject and unhung:
        # A finite verb the parser left without a subject, because it hung the speaker on
        # the quotation ('"...," Gene Sperling, an adviser, said') or on a phrase before it
        # ("while campaigning for his wife, former president Bill Clinton said").
        speaker = _between_quote_and(doc, verb.i, clauses=False)
        if speaker is not None:
            return speaker
        speaker = _subject_of_relative(verb)
        if speaker is not None:
            return speaker
        before = doc[verb.i - 1] if verb.i > 0 else None
        if before is not None and before.pos_ == "PROPN":
            return before
        if before is not None and before.text in (",", "”", '"', "''", "“"):
            # '"...," said retired neurosurgeon Ben Carson, asked about ...': the name after
            # the verb, which the parser made the subject of the next clause.
            after = []
            for tok in doc[verb.i + 1 :]:
                nominal = tok.pos_ in ("PROPN", "NOUN", "ADJ", "DET", "PUNCT") or tok.dep_ == "amod"
                if not nominal or tok.text == ",":
                    break
                after.append(tok)
            names = [t for t in after if t.pos_ == "PROPN"]
            if names and before.text != "," and after[0].text not in _QUOTE_OPEN + '"':
                return names[-1]
            # "..., Col. Steven Warren, a military spokesman in Baghdad, said": the name
            # before an apposition, which the parser hung on an earlier phrase.
            for tok in reversed(doc[max(0, verb.i - 15) : verb.i - 1]):
                if tok.pos_ in ("VERB", "AUX") or _quote_mark(tok):
                    break
                if tok.pos_ == "PROPN" and tok.dep_ in ("appos", "conj", "npadvmod", "dobj"):
                    return tok
        return _name_set_off_before(verb)
    return None


_SET_OFF_MARKS = (",", "-", "--", "—", "–")


def _apposition_before(verb: Token) -> Token | None:
    """ "The rebels want talks in their war with Damascus, a Syrian official told AFP": the
    parser read the speaker as an apposition to the claim's last noun and coordinated the
    verb with the claim's own. The phrase set off by a comma that ends right before the verb
    (its adverbs aside) is the speaker."""
    doc = verb.doc
    lead = verb.i
    while lead > 0 and doc[lead - 1].dep_ == "advmod" and doc[lead - 1].head == verb:
        lead -= 1
    if lead < 3:
        return None
    for head in [doc[lead - 1], *doc[lead - 1].ancestors]:
        if head.i >= lead or head.dep_ != "appos" or head.pos_ not in ("NOUN", "PROPN"):
            continue
        ends_before = max(t.i for t in head.subtree) == lead - 1
        start = head.left_edge.i
        # after a claim with a finite verb of its own, not an opening phrase ("According to
        # figures compiled by Ipsos, majorities say ...")
        claim_before = any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in doc[: max(start - 1, 0)])
        if ends_before and start > 0 and doc[start - 1].text == "," and claim_before:
            return head
        return None
    return None


def _name_set_off_before(verb: Token) -> Token | None:
    """ "Ana Ruiz, a Tampa, Fla., rabbi helping to organize the boycott, said ...", "Speaking
    in Leeds, Ruiz, without naming him, accused ...": the sentence's first name, set off by a
    comma or a dash, when the parser broke up the long phrase between it and the verb (and
    gave the verb no subject). It opens the sentence, or follows an opening circumstance."""
    doc = verb.doc
    lead = verb.i  # ("..., also accused", "..., had told": its adverbs and auxiliaries)
    while lead > 0 and doc[lead - 1].dep_ in ("advmod", "aux") and doc[lead - 1].head == verb:
        lead -= 1
    if lead < 2 or doc[lead - 1].text not in _SET_OFF_MARKS:
        return None
    if any(_quote_mark(t) for t in doc[:lead]):
        return None
    for tok in doc[: lead - 1]:
        if doc[tok.i + 1].text not in _SET_OFF_MARKS:
            continue
        # A common noun too when a relative clause about people follows it ("Senior health
        # officials, who like others were not authorized to ..., had told ...").
        described = tok.pos_ == "NOUN" and tok.i + 2 < lead and doc[tok.i + 2].lower_ == "who"
        if tok.pos_ != "PROPN" and not described:
            continue
        start = tok.i
        while start > 0 and doc[start - 1].pos_ in ("PROPN", "NOUN", "ADJ", "DET"):
            start -= 1
        if start == 0:
            return tok
        # after the opening circumstance, the first phrase set off ("Speaking in Leeds, Ruiz,")
        first_comma = next((t.i for t in doc if t.text == ","), None)
        if doc[0].tag_ in ("VBG", "VBN", "IN", "RB") and start - 1 == first_comma:
            return tok
    return None


def _subject_of_relative(verb: Token) -> Token | None:
    """ "Ann Lee, whose company makes pumps, said ...": the parser took the relative clause's
    verb for a clause the cue reports, and the speaker for that clause's subject. The
    speaker is a name set off by ", who" or ", whose" before the verb."""
    doc = verb.doc
    for clause in verb.lefts:
        if clause.dep_ != "ccomp":
            continue
        for subject in clause.children:
            # (a common noun too: "One attendee, who like others spoke on the condition of
            # anonymity, said ...")
            if subject.dep_ != "nsubj" or subject.pos_ not in ("PROPN", "NOUN"):
                continue
            if subject.i >= clause.i:
                continue
            between = doc[subject.i + 1 : clause.i]
            if (
                any(
                    t.tag_ in ("WP", "WP$") and t.i > 0 and doc[t.i - 1].text == ","
                    for t in between
                )
                and doc[verb.i - 1].text == ","
            ):
                return subject
    return None


# Words that end or make up a news outlet's name.
_OUTLET_WORDS = _words(
    """
    reuters bloomberg times post news journal press agency herald telegraph guardian tribune
    politico axios gazette chronicle observer independent economist wire radio television
    tv broadcaster
    """
)


def _an_outlet(subject: Token) -> bool:
    """ "Reuters", "BelTA", "The Financial Times": a proper name that may be a news outlet's
    (an acronym, or an outlet's word in it), not a person's ("Anna")."""
    if subject.pos_ != "PROPN":
        return False
    words = [t for t in subject.subtree if t.pos_ == "PROPN"]
    return any(t.lower_ in _OUTLET_WORDS for t in words) or any(
        sum(ch.isupper() for ch in t.text) >= 2 for t in words
    )


def _relative_object(verb: Token) -> Token | None:
    """The relative word standing before the verb as its object ("what it projected", "the
    figure that analysts expected"), if any: the verb then frames no clause of its own."""
    return next((c for c in verb.lefts if c.dep_ == "dobj" and c.tag_ in ("WP", "WDT")), None)


def _states_something(verb: Token) -> bool:
    """A statement follows the verb: a clause that is not a question word's ("saying that
    ...", not "explaining why ..."), or a quotation."""
    doc = verb.doc
    for c in verb.children:
        if c.dep_ == "ccomp" and c.i > verb.i and doc[c.left_edge.i].tag_ not in ("WRB", "WP"):
            return True
    following = doc[verb.i + 1 : verb.i + 3]
    if following and following[0].text == ",":
        following = following[1:]
    return bool(following) and following[0].text in _QUOTE_OPEN + '"'


def _speaker_after_as(verb: Token) -> Token | None:
    """ "Hawaii, as one of Mr. Obama's advisers pointed out, normally does not ...": the
    parser gave the verb the claim's subject too, and the speaker after "as" as a second
    subject or as the object of "as"."""
    doc = verb.doc
    for as_tok in verb.lefts:
        set_off = as_tok.i > 0 and doc[as_tok.i - 1].text == ","
        if as_tok.lower_ != "as" or as_tok.dep_ not in ("prep", "mark") or not set_off:
            continue
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        if not any(c.i < as_tok.i for c in subjects):
            continue  # "..., as the minister noted": the ordinary frame
        after = [c for c in subjects if c.left_edge.i == as_tok.i + 1]
        after += [c for c in as_tok.children if c.dep_ == "pobj"]
        if after:
            return _name_after_title(after[0])
    return None


def _inside_quotation(tok: Token) -> bool:
    """Whether ``tok`` stands inside a quotation, including one carried over from an earlier
    sentence ('Full panic mode," said Jane Roe': no opening mark, a closing one after it)."""
    doc = tok.doc
    if _quoted(doc)[tok.i]:
        return True
    if any(_opening_mark(t) for t in doc[: tok.i]):
        return False
    mark = next((t for t in doc[tok.i + 1 :] if _quote_mark(t)), None)
    if mark is None:
        return False
    glued = not doc[mark.i - 1].whitespace_
    return mark.text in _QUOTE_CLOSE or mark.text == "''" or (mark.text == '"' and glued)


def _name_after_title(tok: Token) -> Token:
    """'said Pentagon spokesman Navy Capt. Jeff Davis': the tokenizer ended the sentence at
    "Capt." and the parser made the title the subject; the name follows it."""
    doc = tok.doc
    if tok.lower_ not in ROLE_WORDS or tok.i + 2 >= len(doc) or doc[tok.i + 1].text != ".":
        return tok
    name = None
    for nxt in doc[tok.i + 2 :]:
        if nxt.pos_ != "PROPN":
            break
        name = nxt
    return name or tok


def _quote_mark(tok: Token) -> bool:
    return tok.text in _QUOTE_OPEN + _QUOTE_CLOSE or tok.text in ('"', "''", "``")


def _opening_mark(tok: Token) -> bool:
    """A mark that may open a quotation (a straight mark may close one too)."""
    return tok.text in _QUOTE_OPEN or tok.text in ('"', "``", "''")


def _closing_mark(tok: Token) -> bool:
    """A mark that may close a quotation (straight marks may open one too)."""
    return tok.text in _QUOTE_CLOSE or tok.text in ('"', "''")


def _last_quote_before(doc: Doc, i: int) -> int | None:
    """The index of the last closing quotation mark before token ``i``, if any."""
    return max((t.i for t in doc[:i] if _closing_mark(t)), default=None)


def _between_quote_and(doc: Doc, verb_i: int, clauses: bool = True) -> Token | None:
    """The head of the noun phrase between the last closing quote and the verb, if any
    (without ``clauses``, none when a verb stands there too: '"...," as Eric Garner, gasping
    on a sidewalk in Staten Island, said' is no speaker's phrase the parser lost)."""
    close = _last_quote_before(doc, verb_i)
    if close is None:
        return None
    between = [t for t in doc[close + 1 : verb_i] if not t.is_punct]
    if not clauses and any(t.pos_ in ("VERB", "AUX") for t in between):
        return None
    nouns = [t for t in between if t.pos_ in ("PROPN", "NOUN")]
    if not nouns:
        return None
    # The phrase's head: the noun whose head lies outside the stretch.
    inside = {t.i for t in between}
    heads = [t for t in nouns if t.head.i not in inside]
    return heads[0] if heads else nouns[-1]


def _quote_between(doc: Doc, a: int, b: int) -> bool:
    return any(_closing_mark(t) for t in doc[a + 1 : b])


def _depth(tok: Token) -> int:
    depth = 0
    while tok.head.i != tok.i and depth < 50:
        tok = tok.head
        depth += 1
    return depth


@dataclass(frozen=True, slots=True)
class _Cue:
    words: str
    claimant_head: Token | None
    frame: set[int]  # token indexes that belong to the attribution frame
    content: list[Token] | None  # explicit complement, when there is one
    depth: int
    index: int  # the cue word's token
    content_is_clause: bool = False  # the content is the cue's clausal complement


def _that_marked(clause: Token) -> bool:
    """Whether ``clause`` opens with the complementiser "that" ("said that ...")."""
    return any(m.dep_ == "mark" and m.lower_ == "that" for m in clause.children)


def _that_complement_as_relative(clause: Token) -> bool:
    """ "alleged in the suit that Trump earned $5 million": a "that" clause the parser made a
    relative clause of the frame's noun, although "that" is neither its subject nor the
    relative pronoun of a clause that lacks an object (it has a subject of its own)."""
    if clause.dep_ != "relcl":
        return False
    first = clause.left_edge
    if first.lower_ != "that" or first.dep_ in ("nsubj", "nsubjpass"):
        return False
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.i > first.i for c in clause.children)


# Prepositions that say what a finding found of its object ("with a lead", "up four points").
_FINDING_PREPS = _words("with at behind ahead by up down")
_STANDINGS = _words("first second third fourth fifth sixth last front lead")


def _said_of_the_object(verb: Token, objects: Sequence[Token]) -> list[Token]:
    """What a finding says of its object, which the parser hangs on the verb: "shows Ruiz
    with a narrow lead", "finds Lee up four points". Not where or when it was found."""
    if not objects:
        return []
    after = max(t.i for o in objects for t in o.subtree)
    out = []
    for child in verb.children:
        if child.i <= after or child.dep_ not in ("prep", "advmod", "oprd", "acomp", "npadvmod"):
            continue
        standing = child.lower_ == "in" and any(
            c.dep_ == "pobj" and c.lower_ in _STANDINGS for c in child.children
        )  # "shows Ortiz in second at 14 percent"
        if child.dep_ == "prep" and child.lower_ not in _FINDING_PREPS and not standing:
            break  # "in a statement", "on Tuesday": the finding's circumstance
        if any(t.lower_ in _TIME_WORDS for t in child.subtree):
            break
        if _comma_between(verb.doc, after, child.left_edge.i):
            break
        out.append(child)
        after = child.right_edge.i
    return out


def _it_felt(clause: Token) -> bool:
    """ "it hard", "it difficult to explain": an adjective said of an empty "it"."""
    return clause.pos_ in ("ADJ", "ADV") and any(
        c.dep_ == "nsubj" and c.lower_ == "it" for c in clause.children
    )


def _comma_between(doc: Doc, a: int, b: int) -> bool:
    return any(t.text in (",", ";", "—", "–") for t in doc[a + 1 : b])


def _second_complement(cue: Token, complements: Sequence[Token]) -> Token | None:
    """The last "that" clause coordinated with the cue's complement, which the parser hangs
    on the cue as a conjunct: "said that the fund was short, and that the board knew"."""
    first = min((c for c in complements if c.i > cue.i), key=lambda c: c.i, default=None)
    if first is None:
        return None
    seconds = [
        c for c in cue.children if c.dep_ == "conj" and c.i > first.right_edge.i and _that_marked(c)
    ]
    return seconds[-1] if seconds else None


# Conjunctions that open an adverbial clause (time, cause, concession), never a report.
_SUBORDINATORS = _words("after before when while since until once as because although though")


def _adverbial(clause: Token, quoted: list[bool]) -> bool:
    return not quoted[clause.i] and any(
        m.dep_ == "mark" and m.lower_ in _SUBORDINATORS for m in clause.children
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


# How a clause or phrase after a frame in the middle of a sentence goes on with the claim:
# "X, officials insist, because Y", "X, the survey shows, with Y", "X, she said, by Y".
_CLAIM_GOES_ON = _words("because since although though unless whereas while if with by despite")


def _claim_after_frame(cue: Token, content: set[int], quoted: list[bool]) -> list[Token]:
    """What the parser hung on a frame set in the middle of a reported clause that is the
    clause going on: "There is little risk of flooding, engineers insist, because the levees
    held" (the claim is the whole of it, less the frame). Only a reason, condition,
    concession or "with"/"by" phrase after the comma that closes the frame; "in a statement",
    "on Tuesday", "when asked ..." and a quotation's frame ('"X," he said, adding ...') are
    frame."""
    doc = cue.doc
    out: list[Token] = []
    subject = next((c for c in cue.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.i > cue.i or doc[subject.left_edge.i - 1].text != ",":
        return out  # (not "..., said Ms. Lee, with ...", nor a frame after a dash)
    if not content or _quote_between(doc, min(content), cue.i):
        return out  # '... right now," Ruiz said, though she said ...': the writer's
    for child in cue.children:
        if child.i < cue.i or child.i in content or quoted[child.i]:
            continue
        if child.left_edge.i == 0 or doc[child.left_edge.i - 1].text != ",":
            continue
        if any(t.lemma_.lower() in SPEECH_LEMMAS for t in child.subtree if t.pos_ == "VERB"):
            continue  # "..., because he said the leaders ...": a statement of its own
        if child.dep_ == "advcl":
            marks = [m for m in child.children if m.dep_ == "mark"]
            goes_on = bool(marks) and marks[0].lower_ in _CLAIM_GOES_ON
        else:
            goes_on = child.dep_ in ("prep", "agent") and child.lower_ in _CLAIM_GOES_ON
        if goes_on:
            out.extend(t for t in child.subtree if t.i not in content)
    return out


def _next_act(objects: list[Token]) -> Token | None:
    """A verb coordinated with a naming verb among its objects: in "called the rules unfair
    and vowed to appeal" the speaker's next act is no part of what was called. None when
    what is left is a bare object, which the claim does not stand on alone ("called them
    liars and left": the sentence is the claim then, see ``_thin``)."""
    acts = [c for c in objects if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")]
    if not acts:
        return None
    act = min(acts, key=lambda a: a.i)
    left = [t for c in objects if c.i < act.i for t in c.subtree if t.i < act.left_edge.i]
    if not left or _thin(_before_coordinator(left)):
        return None
    return act


def _before_coordinator(tokens: list[Token]) -> list[Token]:
    """``tokens`` less the "and" or comma that ends them."""
    tokens = sorted(tokens, key=lambda t: t.i)
    while tokens and (tokens[-1].dep_ == "cc" or tokens[-1].is_punct):
        tokens.pop()
    return tokens


def _verb_form(verb: Token) -> tuple[tuple[str, ...], str]:
    """The auxiliaries before a verb and its own tag: ("has",), "VBN" for "has said"."""
    auxiliaries = tuple(
        c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass") and c.i < verb.i
    )
    return auxiliaries, verb.tag_


def _agrees_with_cue(cue: Token, clause: Token, verb: Token) -> bool:
    """A verb coordinated with the reported clause that takes the cue's form and not the
    clause's: "says the bridge was unsafe and says she ordered a survey", "denies that the
    strike was illegal and plans another", "has said she wants a ban and has pushed for a
    review", "saying it had cut waste and calling the critics dishonest". The shared subject
    is the speaker's, so it tells what the speaker did, not what was said. A verb with the
    form of both ("said the firm had closed the plant and moved ...") stays in the claim."""
    if verb.dep_ != "conj" or verb.pos_ not in ("VERB", "AUX"):
        return False
    governor = cue.head if cue.dep_ == "xcomp" and cue.head.pos_ in ("VERB", "AUX") else cue
    form, cue_form = _verb_form(verb), _verb_form(governor)
    if cue_form == ((), "VBD"):
        # ("a spokeswoman said the executive has no events scheduled and delivered only
        # remarks": a reported clause mixes tenses, and a past tense is the commonest; only
        # the speaker's speech and stance verbs are cut after "said", ``_SPEAKERS_ACTS``)
        return False
    if form != cue_form and not (cue.tag_ == "VBG" and form == ((), "VBG")):
        return False
    if clause.pos_ not in ("VERB", "AUX"):
        return cue.tag_ == "VBG"  # "calling them liars and vowing to sue": not the object's
    clause_form = _verb_form(clause)
    own_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
    if clause_form[0] and not form[0] and verb.tag_ in ("VBD", "VBN", clause.tag_):
        if own_subject:
            return verb.tag_ != clause.tag_
        # "said she was eating and drinking", "said the firm had closed the plant and moved
        # its staff": the verb may share the clause's auxiliary (the tagger reads many a
        # participle as a past tense)
        return False
    return verb.tag_ != clause.tag_ or (bool(form[0]) and form[0] != clause_form[0])


def _speakers_own_acts(clause: Token, quoted: list[bool], cue: Token | None = None) -> list[Token]:
    """The tokens of a reported clause that tell what its speaker did next: a coordinated
    speech or stance verb with no subject of its own ("said the plan was late and criticized
    the mayor"), a coordinated verb in the cue's form (``_agrees_with_cue``), or a closing
    participle ("..., pointing to the figures"), with the "and" or comma before it. Nothing
    inside a quotation."""
    doc = clause.doc
    out: list[Token] = []
    if clause.lemma_.lower() in _SPEAKERS_ACTS:
        return out  # "has criticized the president ... and called him weak": one list of acts
    last = max((t.i for t in clause.subtree if not t.is_punct), default=clause.i)
    for child in clause.children:
        agrees = cue is not None and _agrees_with_cue(cue, clause, child)
        refuses = refuses_to_say(child)  # "..., but declined to say when"
        if (
            quoted[child.i]
            or child.i < clause.i
            or not (agrees or refuses or child.lemma_.lower() in _SPEAKERS_ACTS)
        ):
            continue
        if any(c.dep_ == "mark" for c in child.children):
            continue  # "says X and that she expects Y": a second complement
        if any(c.dep_ in ("nsubj", "nsubjpass") for c in child.children) and not (
            # "Nearly a third say X and one in five say Y": another statement in the cue's
            # form, by someone else
            agrees and child.lemma_.lower() in SPEECH_LEMMAS
        ):
            continue
        before = doc[child.left_edge.i - 1] if child.left_edge.i > 0 else None
        coordinated = child.dep_ == "conj" and (
            agrees or refuses or (child.pos_ == "VERB" and child.tag_ == "VBD")
        )
        trailing = (
            child.dep_ in ("advcl", "xcomp", "conj")
            and child.tag_ == "VBG"
            and before is not None
            and before.text == ","
            and child.right_edge.i >= len(doc) - 2
        )
        if not (coordinated or trailing) or child.right_edge.i < last:
            continue  # (what follows it would be left hanging)
        start = child.left_edge.i
        while start > clause.i and doc[start - 1].dep_ in ("cc", "punct") and not quoted[start - 1]:
            start -= 1
        out.extend(doc[start : child.right_edge.i + 1])
    return out


def _complementiser(tok: Token) -> bool:
    return tok.dep_ == "mark" or any(_that_complement_as_relative(t) for t in tok.ancestors)


def _used_as_verb(tok: Token) -> bool:
    return any(c.dep_ == "nsubj" for c in tok.children) and any(
        c.dep_ == "ccomp" and _that_marked(c) for c in tok.children
    )


_ACCORDING_TO = frozenset({("according", "to"), ("as", "per")})
_ACCORDING_TO_WORDS = frozenset(" ".join(pair) for pair in _ACCORDING_TO)


def _pointed_to(verb: Token) -> list[Token]:
    """ "Ruiz pointed to the rise in fares since 2019 (as proof ...)": what a speaker offers as
    evidence, the object of "to" (and what it is offered "as"); nothing where the subject is
    no one who speaks ("all signs point to a deal") or the object is a few words ("pointed to
    her record": the sentence says more than its object)."""
    to = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "to"), None)
    objects = [c for c in to.children if c.dep_ == "pobj"] if to is not None else []
    if not objects or to.i > verb.i + 3:
        return []
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is not None:
        low = subject.lower_
        speaker = (
            subject.pos_ == "PROPN"
            or low in _PERSON_PRONOUNS | _GROUP_PRONOUNS
            or low in _SPEAKER_NOUNS
            or low.rstrip("s") in _SPEAKER_NOUNS
        )
        if not speaker:
            return []
    out = [objects[0]]
    out += [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as" and c.i > to.i]
    if _thin([t for c in out for t in c.subtree]):
        return []
    return out


def _quoted_name(verb: Token, objects: Sequence[Token]) -> list[Token]:
    """ "called Lee an ''Aunt Tom.''", "called the plan “reckless.”", 'called that "beyond
    absurd."': a naming verb whose object runs into a quotation that closes the sentence,
    which the parser hung elsewhere. The claim is the object and the quoted name."""
    if not objects:
        return []
    doc = verb.doc
    words = [t for t in doc[objects[0].i :] if not t.is_punct]
    marks = [t for t in doc[objects[0].i :] if _opening_mark(t)]
    if not words or not marks or marks[0].i > words[-1].i:
        return []
    rest = doc[objects[0].i : words[-1].i + 1]
    if any(t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod", "acl") for t in rest):
        return []  # another clause, not a name
    return list(doc[objects[0].left_edge.i : words[-1].i + 1])


def _that_said(tok: Token) -> bool:
    """ "That said, ...", "That being said, ...": a connective opening the sentence."""
    doc = tok.doc
    before = [t.lower_ for t in doc[: tok.i]]
    return (
        tok.lower_ == "said"
        and before in (["that"], ["that", "being"], ["but", "that"], ["and", "that"])
        and tok.i + 1 < len(doc)
        and doc[tok.i + 1].text == ","
    )


def _cues(doc: Doc) -> list[_Cue]:
    quoted = _quoted(doc)
    found: list[_Cue] = []
    for tok in doc:
        if quoted[tok.i]:
            continue
        low = tok.lower_
        following = doc[tok.i + 1].lower_ if tok.i + 1 < len(doc) else ""
        if (low, following) in _ACCORDING_TO:
            # "according to X"; "as per X" (Indian and Nigerian English)
            to = doc[tok.i + 1]
            objects = [c for c in to.children if c.dep_ == "pobj"]
            if not objects:
                # "according to show insiders": a noun phrase the tagger read as a verb and
                # its object; the object is the source's head.
                objects = [
                    o
                    for c in to.children
                    if c.dep_ == "pcomp" and c.pos_ == "VERB"
                    for o in c.children
                    if o.dep_ == "dobj" and o.pos_ in ("NOUN", "PROPN")
                ]
            # Only "according to" and its object: the parser sometimes makes "According" the
            # head of the whole sentence, whose claim must not count as frame.
            frame = {tok.i} | {t.i for t in to.subtree}
            outside = _outside(doc, frame)
            comma = next((t.i for t in doc[tok.i + 2 :] if t.text == ","), None)
            if (
                tok.i <= 1
                and comma is not None
                and (
                    any(tok.i < t.i < comma for t in outside)  # (not "But" before it)
                    or not any(t.pos_ in ("VERB", "AUX") for t in outside)
                )
            ):
                # "According to X, the move reeks of ...": the parser hung the claim on the
                # source; at the head of a sentence the source ends at the comma.
                frame = set(range(tok.i, comma + 1))
                outside = _outside(doc, frame)
                if not objects or objects[0].i > comma:
                    nouns = [t for t in doc[tok.i + 2 : comma] if t.pos_ in ("PROPN", "NOUN")]
                    objects = nouns[-1:]
            found.append(
                _Cue(
                    f"{low} {following}",
                    objects[0] if objects else None,
                    frame,
                    outside,
                    _depth(tok),
                    tok.i,
                )
            )
            continue
        lemma = tok.lemma_.lower()
        # "But Trump claims that ...": a verb the tagger took for a plural noun, which the
        # parser still gave a subject and a clause.
        verbal = tok.pos_ == "NOUN" and _used_as_verb(tok)
        if tok.pos_ == "NOUN" and not verbal:
            cue = _noun_cue(tok, lemma)
            if cue is not None:
                found.append(cue)
            continue
        if tok.pos_ not in ("VERB", "AUX") and not verbal:
            continue
        judging = lemma in _JUDGING_LEMMAS and any(
            (c.dep_ == "prep" and c.lower_ in ("as", "to"))
            or (c.dep_ == "advcl" and any(m.lower_ == "as" for m in c.children))
            for c in tok.children
        )
        # "..., BelTA has learned", "Reuters has learned that": a news outlet's formula
        # for what it reports (a person who "has learned" something reports nothing).
        learned = (
            lemma == "learn"
            and any(c.dep_ == "aux" and c.lemma_ == "have" for c in tok.children)
            and any(c.dep_ == "nsubj" and _an_outlet(c) for c in tok.children)
        )
        speech = (
            lemma in SPEECH_LEMMAS
            or lemma in _NAMING_LEMMAS
            or judging
            or learned
            or (
                lemma == "point"
                and any(c.dep_ == "prt" and c.lower_ == "out" for c in tok.children)
            )
        )
        evidence = lemma in EVIDENCE_LEMMAS
        pointed = _pointed_to(tok) if lemma == "point" and not speech else []
        named_as: list[Token] = []
        if not (speech or evidence or pointed):
            continue
        that_clause = any(
            c.dep_ == "ccomp" and any(m.lower_ == "that" for m in c.children) for c in tok.children
        )
        # "The auditor alleged in ...", parsed as "the alleged auditor": a sentence whose
        # root is the noun has its main verb hung on that noun.
        main_verb = tok.dep_ == "acl" and tok.head.dep_ == "ROOT" and tok.head.i < tok.i
        if tok.dep_ == "amod" or (
            tok.dep_ == "acl" and tok.tag_ != "VBG" and not (that_clause or main_verb)
        ):
            continue  # "the so-called plan", "a report released on Monday"
        if any(c.dep_ == "neg" and not _quote_between(doc, c.i, tok.i) for c in tok.children):
            continue  # "did not respond", "wouldn't say": nothing was said ('not," she said')
        relative_object = _relative_object(tok)
        if (
            tok.dep_ == "relcl"
            and lemma in _FORECAST_LEMMAS
            and relative_object is not None
            and relative_object.tag_ == "WDT"
        ):
            continue  # "ahead of the $134.1 million that analysts expected": a benchmark
        if lemma in _FORECAST_LEMMAS and _a_benchmark(tok):
            continue  # "below the 13 percent analysts had expected": no statement
        if any(c.dep_ == "aux" and c.lower_ in ("should", "must", "ought") for c in tok.children):
            continue  # "officials should publicly state their views": asked of them, unsaid
        if _that_said(tok):
            continue  # "That said, ...": a connective, no one's statement
        if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in _REFUSING_LEMMAS:
            continue  # "declined to say whether ...", "refused to confirm": nothing was said
        if tok.head.lemma_.lower() in _ASKING_LEMMAS and any(
            c.dep_ == "mark" and c.lower_ in ("if", "whether") for c in tok.children
        ):
            continue  # "was asked if he believes ...": a question put to him, nothing said
        if (
            lemma == "insist"
            and any(c.dep_ == "prep" and c.lower_ == "on" for c in tok.children)
            and not any(c.dep_ in ("ccomp", "parataxis") for c in tok.children)
        ):
            continue  # "insisted on anonymity", "insists on a recount": a demand, nothing said
        complements = [
            c for c in tok.children if c.dep_ in ("ccomp", "parataxis") and not _that_said(c)
        ]
        if not complements and tok.dep_ == "xcomp" and tok.head.dep_ == "acomp":
            # "is right to note, however, that ...": the parser hung the clause on the copula.
            complements = [
                c
                for c in tok.head.head.children
                if c.dep_ == "ccomp" and c.i > tok.i and _that_marked(c)
            ]
        if any(c.i > tok.i and _that_marked(c) for c in complements):
            # "Carson seems to know it — he told the AP that ...": the clause before the
            # frame is another statement the parser hung on it.
            complements = [c for c in complements if c.i > tok.i or quoted[c.i]]
        complements = [c for c in complements if not _another_clause_between(tok, c)]
        felt = [c for c in complements if lemma == "find" and _it_felt(c)]
        if felt:
            # "found it hard to win them over": how it felt, no finding.
            complements = [c for c in complements if c not in felt]
            if not complements:
                continue
        if any(c.i > tok.i for c in complements):
            # "Shortly after the senator quit, Cruz said he ...": an adverbial clause the
            # parser hung on the cue as a complement says when, not what.
            complements = [c for c in complements if c.i > tok.i or not _adverbial(c, quoted)]
        if any(_subjectless_finite(c, quoted) for c in complements if c.i > tok.i) and (
            _cannot_speak(tok)
        ):
            continue  # "The ratio reported globally in 2021 was 1.9%": a reduced relative
        if judging:
            # "rejected the claim as baseless", "attributed the drop to the weather": what
            # is judged and the judgement ("The claim was rejected as baseless by X").
            complements = [
                c
                for c in tok.children
                if c.dep_ in ("dobj", "nsubjpass")
                or (c.dep_ == "prep" and c.lower_ in ("as", "to"))
                or (c.dep_ == "advcl" and any(m.lower_ == "as" for m in c.children))
            ]
        if lemma in _NAMING_LEMMAS and not judging:
            if any(c.dep_ in ("prep", "prt") for c in tok.children if c.i == tok.i + 1):
                continue  # "called for", "called on", "called off"
            objects = [c for c in tok.children if c.i > tok.i and c.dep_ not in ("punct", "prep")]
            quoted_words = any(t.text in _QUOTE_OPEN + '"' for c in objects for t in c.subtree)
            named_as = _quoted_name(tok, objects) if len(objects) < 2 and not quoted_words else []
            if len(objects) < 2 and not quoted_words and not named_as:
                continue  # "she called him" names nobody's claim
            complements = objects
        if pointed:
            complements = pointed
        if evidence and not speech and not complements:
            complements = [c for c in tok.children if c.dep_ == "dobj" and _clause_like(c)]
            subject = _subject(tok)
            if not complements and subject is not None and _reports(subject):
                # "The survey found broad support for the plan": what a study found, with
                # what it says of it ("polls show Ruiz with a narrow lead", "up four points").
                complements = [c for c in tok.children if c.dep_ == "dobj"]
                complements += _said_of_the_object(tok, complements)
            tucked = tok.dep_ in ("parataxis", "ccomp", "advcl") and tok.head.i < tok.i
            if not complements and not tucked:
                continue  # "the dresses showed cleavage": nothing reported ("..., records show")
        subject = _subject(tok)
        if subject is not None:
            # "Ana Ruiz, a Tampa rabbi helping ..., said": the speaker's phrase, which the
            # parser made a clause the cue reports, is no part of the claim.
            complements = [
                c
                for c in complements
                if not (c.i < tok.i and c.left_edge.i == subject.left_edge.i != tok.i)
                or quoted[c.i]
            ]
        if subject is not None and subject == _subject_of_relative(tok):
            # "Ann Lee, who runs it, said ...": the relative clause about the speaker, which
            # the parser hung on the cue as a complement, is not what they said.
            complements = [c for c in complements if c != subject.head]
        after_quote = any(t.text in _QUOTE_CLOSE + '"' for t in doc[: tok.i])
        tucked_in = tok.dep_ == "parataxis" and _set_off(tok)
        # "The governor added:": a frame announcing what follows.
        announcing = tok.i + 1 < len(doc) and doc[tok.i + 1].text == ":"
        if lemma in _INVERTED_ONLY and not (after_quote or complements or tucked_in or announcing):
            continue  # "added a clause", "continued to rise"; not "Time, Pence added, was ..."
        content: list[Token] | None = None
        if complements:
            content = sorted(
                {t.i: t for c in complements for t in c.subtree}.values(), key=lambda t: t.i
            )
            second = _second_complement(tok, complements)
            if second is not None:
                # "said that X, and that Y": both clauses are what was said, and so is the
                # "and" between them.
                content = list(doc[content[0].i : second.right_edge.i + 1])
            if pointed:
                content = list(doc[pointed[0].left_edge.i : pointed[-1].right_edge.i + 1])
            if named_as:
                content = named_as
            acts = {
                t.i for c in complements if c.i > tok.i for t in _speakers_own_acts(c, quoted, tok)
            }
            content = [t for t in content if t.i not in acts]
            if not any(c.i > tok.i or quoted[c.i] for c in complements):
                content += _claim_after_frame(tok, {t.i for t in content}, quoted)
                content.sort(key=lambda t: t.i)
            headless = [c for c in complements if c.i > tok.i and _subjectless_finite(c, quoted)]
            if headless:
                # "said about half of the adjustment reflected losses": the parser hung the
                # clause's subject elsewhere; the claim runs from the cue to the clause's end.
                end = max(t.i for t in headless[-1].subtree)
                gap = [t for t in doc[tok.i + 1 : end + 1] if t.i not in {x.i for x in content}]
                if not any(t.lower_ in _TIME_WORDS or t.dep_ == "dative" for t in gap):
                    content = list(doc[tok.i + 1 : end + 1])
            if (
                lemma in _NAMING_LEMMAS
                and not (judging or named_as)
                and (act := _next_act(objects))
            ):
                content = _before_coordinator([t for t in content if t.i < act.left_edge.i])
        else:
            content = _content_around(tok, lemma, subject)
            has_quote = any(
                quoted[t.i] or t.text in _QUOTE_OPEN + _QUOTE_CLOSE + '"' for t in content
            )
            inverted = tok.dep_ in ("parataxis", "advcl", "ccomp") and tok.head.i != tok.i
            if lemma in _AMBIGUOUS_LEMMAS and content and not (has_quote or inverted):
                continue  # "The center maintains a program": not a statement
        if (
            tok.dep_ == "relcl"
            and subject is not None
            and subject.head == tok
            and any(c.dep_ == "ccomp" and c.i > tok.i for c in tok.children)
            and not any(
                t.tag_ in ("WDT", "WP", "WP$", "WRB") or t.lower_ == "that"
                for t in tok.subtree
                if t.i < tok.i
            )
        ):
            # "The 12 missiles the ministry said it intercepted were aimed at the port": a
            # report inside a noun phrase (no relative word); the sentence stands on it, all of
            # it the claim.
            content = list(doc)
        speaker_after_as = _speaker_after_as(tok)
        if speaker_after_as is not None:
            # "The valley, as one of the hydrologists pointed out, rarely floods": the claim is
            # the sentence around the "as" frame.
            as_frame = {tok.i} | {t.i for t in speaker_after_as.subtree}
            as_frame |= {c.i for c in tok.children if c.dep_ == "prt" or c.lower_ == "as"}
            content = [t for t in doc if t.i not in as_frame]
        frame = {t.i for t in tok.subtree} - ({t.i for t in content} if content else set())
        found.append(
            _Cue(
                _cue_words(tok),
                subject,
                frame,
                content,
                _depth(tok),
                tok.i,
                (bool(complements) and lemma not in _NAMING_LEMMAS) or bool(named_as),
            )
        )
    # A cue inside another cue's claim is part of that claim ("X said Y had warned that Z").
    # The frame that closes a sentence ("..., the former president said.") holds all of it,
    # whatever depth the parser gave it.
    kept: list[_Cue] = []
    for cue in sorted(found, key=lambda c: (-1 if _closes_sentence(doc, c) else c.depth, c.index)):
        # (A cue with nobody to name, "were thought to ...", swallows no speaker's cue.)
        outer = next(
            (
                k
                for k in kept
                if k.content
                and k.claimant_head is not None
                and cue.index in {t.i for t in k.content}
            ),
            None,
        )
        if outer is None:
            kept.append(cue)
        elif _says_what_outer_did(doc, outer, cue):
            kept[kept.index(outer)] = cue
        elif _only_carries(outer, cue):
            # The carrier's frame ("..., according to Reuters") is no part of the claim.
            carrier = outer.frame | {outer.index} | {t.i for t in outer.claimant_head.subtree}
            content = [t for t in cue.content or [] if t.i not in carrier]
            kept[kept.index(outer)] = replace(cue, content=content)
    return sorted(kept, key=lambda c: c.index)


_SURVEY_WORDS = _words("poll polls survey surveys census")
# How an outlet names what carried someone's words rather than a claim of its own.
_CARRYING_CUES = frozenset({*_ACCORDING_TO_WORDS, "reported", "reports", "has reported"})


def _only_carries(outer: _Cue, inner: _Cue) -> bool:
    """A document or a named outlet that carries a speaker's own frame: "Poroshenko said the talks
    were a last chance, a statement on his website said", "Kerry said the talks were candid,
    according to Reuters". The claim a desk checks is Poroshenko's and Kerry's. What a party
    reports of another's words ("The Kremlin said Trump had told Putin ...", "..., according
    to attorneys for the family") and what a poll found stay theirs."""
    if outer.claimant_head is None or inner.claimant_head is None:
        return False
    doc = inner.claimant_head.doc
    if doc[inner.index].lemma_.lower() not in SPEECH_LEMMAS or doc[outer.index].lemma_.lower() in (
        EVIDENCE_LEMMAS
    ):
        return False
    if inner.words.lower() in _CARRYING_CUES or inner.claimant_head.i > inner.index:
        return False
    verb = doc[inner.index]
    finite = verb.tag_ in ("VBD", "VBZ", "VBP") or any(
        c.dep_ == "aux" and c.lower_ != "to" for c in verb.children
    )
    if not finite:
        return False  # "recognizing that ...", "later revealed to be ...": no frame of its own
    if outer.claimant_head.lower_ in _SURVEY_WORDS:
        return False  # "55 percent of voters said ..., according to a poll": the poll's finding
    carrier = _claimant(outer.claimant_head, False)
    if carrier is None or not (
        carrier.kind == "document"
        or (outer.claimant_head.pos_ == "PROPN" and outer.words.lower() in _CARRYING_CUES)
    ):
        return False
    # The claim it carries opens with the speaker's frame ("Kerry said ..."), or is the
    # speaker's quotation and its frame ('"Q," the chief said, according to NRK').
    opening = [t for t in outer.content or [] if t.is_alpha and not _complementiser(t)]
    if not opening:
        return False
    speaker_start = inner.claimant_head.left_edge.i
    framed = opening[0].i == speaker_start
    close = _last_quote_before(doc, speaker_start)
    quoted = (
        _opening_mark(outer.content[0])
        and close is not None
        and all(t.is_punct for t in doc[close + 1 : speaker_start])
    )
    # (A promise's content is its infinitive: "Biden vowed to raise wages, the Times reports".)
    promised = doc[inner.index].lemma_.lower() in _SUBJECT_CONTROL
    if not ((framed and (inner.content_is_clause or promised)) or quoted):
        return False
    speaker = _claimant(inner.claimant_head, False)
    return speaker is not None and speaker.kind in ("person", "organization")


def _subjectless_finite(clause: Token, quoted: list[bool]) -> bool:
    """A finite verb with no subject of its own, outside any quotation: no complement of a
    speech verb ("reported ... was 1.9%" is the parser reading a reduced relative clause)."""
    return (
        clause.tag_ in ("VBD", "VBZ", "VBP")
        and not quoted[clause.i]
        and not any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in clause.children)
    )


_SPEAKER_NOUNS = _ORGANISATION_WORDS | _DOCUMENT_WORDS | ROLE_WORDS | ANONYMOUS_HEADS | EXPERT_HEADS


def _cannot_speak(verb: Token) -> bool:
    """Whether the verb's subject is a common noun that names no one who could report
    anything (a ratio, a rate, a price): not a person, body, document or source."""
    subject = _speaker_after_as(verb) or next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.pos_ != "NOUN":
        return False
    low = subject.lower_
    return low not in _SPEAKER_NOUNS and low.rstrip("s") not in _SPEAKER_NOUNS


def _another_clause_between(cue: Token, clause: Token) -> bool:
    """'"...," Cruz said as the heckler yelled: "You suck!"': a clause with its own subject
    between the cue and a later complement makes that complement someone else's."""
    if clause.i < cue.i:
        return False
    return any(
        t.pos_ == "VERB" and t.dep_ != "ccomp" and any(c.dep_ == "nsubj" for c in t.children)
        for t in cue.doc[cue.i + 1 : clause.left_edge.i]
    )


def _says_what_outer_did(doc: Doc, outer: _Cue, inner: _Cue) -> bool:
    """ "echoed the criticism, saying X"; "wrote to investors, telling them X": the participle
    says what the outer cue, which has no clause of its own, only names."""
    verb = doc[inner.index]
    return (
        not outer.content_is_clause
        and verb.tag_ == "VBG"
        and verb.head.i == outer.index
        and verb.dep_ in ("advcl", "xcomp", "conj")
        and inner.content_is_clause
    )


_MEDIUM_WORDS = _words("translation transcript transcripts recording recordings video interview")


def _names_a_medium(cue: _Cue) -> bool:
    """'according to a translation from ESPN': how the words reached us, not who said them."""
    return cue.claimant_head is not None and cue.claimant_head.lower_ in _MEDIUM_WORDS


def _closes_sentence(doc: Doc, cue: _Cue) -> bool:
    """Whether the cue's frame comes last, after its claim ('..., Jane Roe said.')."""
    if not cue.content or cue.content[0].i > cue.index:
        return False
    last = max(cue.frame | {cue.index})
    return all(t.is_punct for t in doc[last + 1 :])


# Nouns that carry a claim in a "that" clause: "Trump's claim that", "a report that".
_NOUN_CUES = _words(
    """
    claim claims statement statements assertion assertions allegation allegations report
    reports warning warnings argument arguments finding findings estimate estimates
    announcement prediction promise pledge suggestion insistence testimony emphasis
    contention contentions admission accusation accusations
    """
)

# Verbs whose subject owns the claim noun they take ("made the claim that", "repeated the
# allegation that").
_MAKING_LEMMAS = _words("make repeat renew level")


def _noun_cue(noun: Token, lemma: str) -> _Cue | None:
    if lemma not in _NOUN_CUES and noun.lower_ not in _NOUN_CUES:
        return None
    clauses = [c for c in noun.children if c.dep_ in ("acl", "ccomp", "relcl") and _that_marked(c)]
    if not clauses:
        return None
    owner = None
    for child in noun.children:
        if child.dep_ == "poss":
            owner = child
        elif child.dep_ == "prep" and child.lower_ in ("by", "from"):
            objects = [o for o in child.children if o.dep_ == "pobj"]
            owner = objects[0] if objects else owner
    if owner is None and noun.dep_ == "dobj" and noun.head.lemma_.lower() in _MAKING_LEMMAS:
        owner = _subject(noun.head)  # "The family made an allegation that ..."
    if owner is None:
        return None
    content = sorted({t.i: t for c in clauses for t in c.subtree}.values(), key=lambda t: t.i)
    frame = {t.i for t in noun.subtree} - {t.i for t in content}
    return _Cue(noun.text, owner, frame, content, _depth(noun), noun.i)


_NAMING_LEMMAS = _words("call describe label brand dub")
# Verbs that judge something "as" or attribute it "to" something: a claim about it.
_JUDGING_LEMMAS = _words(
    """
    reject dismiss attribute blame credit denounce brand describe characterize characterise
    portray
    """
)


# Verbs that report speech only with a clause or a quotation ("maintained that ...",
# '"...," she added'); with a plain object they mean something else ("maintains a program").
_AMBIGUOUS_LEMMAS = _words("maintain hold observe post project continue charge brief express")

# Dependents of a cue that frame the statement rather than carry it.
_FRAME_DEPS = _words("aux auxpass neg prt advmod punct mark agent dative cc expl prep")
_CONTENT_PREPS = _words("of about as")
_ADDRESSEE_LEMMAS = _words("tell inform brief warn remind assure urge")
_TIME_WORDS = _words(
    """
    monday tuesday wednesday thursday friday saturday sunday today yesterday tonight
    morning afternoon evening night week weekend month year day time january february
    march april may june july august september october november december earlier later
    """
)


def _citing(tok: Token) -> bool:
    """ "..., AFP reported, citing a government spokesperson": how the reporter knows, frame."""
    return tok.dep_ in ("advcl", "xcomp") and tok.tag_ == "VBG" and tok.lemma_ in ("cite", "quote")


def _a_benchmark(cue: Token) -> bool:
    """Whether a forecast verb names a figure the outlet compares with, not a statement:
    with no object or clause of its own inside a phrase ("below the $2.4 billion analysts had
    forecast"; a frame set off by commas, "Compaq, she predicted, would ...", stays one), or
    parsed with the figure in its subject and the sentence as what was expected ("well below
    the 9 percent analysts had expected")."""
    bare = (
        cue.dep_ != "ROOT"
        and not _speaker_set_off(cue)
        and not any(
            c.dep_ in ("dobj", "ccomp", "xcomp", "parataxis", "attr", "oprd", "prep")
            or (c.lower_ == "as" and c.dep_ in ("mark", "advmod"))
            for c in cue.children
        )
    )
    return bare or _figure_before_subject(cue)


def _figure_before_subject(cue: Token) -> bool:
    """Whether the cue's subject carries a figure as a modifier of its modifier ("the 9
    percent analysts", "the $2 billion investors"): the figure the speakers expected, which the
    parser glued onto them. A count of the speakers ("two analysts") is their own number."""
    subject = next((c for c in cue.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return False
    return any(
        t.like_num and t.dep_ in ("nummod", "quantmod") and t.head.i != subject.i
        for t in subject.subtree
        if t.i < subject.i
    )


def _speaker_set_off(cue: Token) -> bool:
    """Whether the cue's subject (or the cue, without one) follows punctuation: a frame set
    off in the sentence ("Compaq, she predicted, would ..."), not a clause inside a phrase
    ("below the 13 percent analysts had expected")."""
    subject = next((c for c in cue.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    start = subject.left_edge.i if subject is not None else cue.i
    return start > 0 and cue.doc[start - 1].is_punct


def _set_off(cue: Token) -> bool:
    """Whether the cue's phrase follows punctuation ('..., the minister said'), as an inverted
    frame does; "Merrill says Machado promised ..." is no frame around "says"."""
    start = min(t.i for t in cue.subtree if t.i <= cue.i)
    return start > 0 and (cue.doc[start - 1].is_punct or cue.doc[start].is_punct)


def _outside(doc: Doc, frame: set[int]) -> list[Token]:
    """The tokens of ``doc`` outside ``frame``, trimmed to the first and last word."""
    words = [t for t in doc if t.i not in frame and not t.is_punct]
    if not any(t.is_alpha or t.like_num for t in words):
        return []
    lo, hi = words[0].i, words[-1].i
    return [t for t in doc[lo : hi + 1] if t.i not in frame]


def _content_around(cue: Token, lemma: str, subject: Token | None) -> list[Token]:
    """The claim of a cue with no clausal complement: what is neither the cue nor its frame.

    The parser often hangs a quotation or a "that" clause on the cue as something other
    than a complement ('"Look at ...," he said in August'); whatever of the sentence is not
    the cue, its subject, its addressee or its time and place is taken as the claim.
    """
    frame: set[int] = {cue.i}
    opening: set[int] = set()
    if subject is not None:
        frame.update(t.i for t in subject.subtree)
    parenthetical = _parenthetical_clause(cue)
    if subject is not None and subject.i < cue.i and subject == _name_set_off_before(cue):
        # "Speaking in Leeds, Ruiz, without naming him, accused ...": all before the verb
        # is the speaker's phrase and its circumstance.
        frame.update(range(cue.i))
    for child in cue.children:
        dep = child.dep_
        framing = dep in _FRAME_DEPS and not (dep == "prep" and child.lower_ in _CONTENT_PREPS)
        if parenthetical and subject is not None and child.right_edge.i < subject.left_edge.i:
            framing = False  # "But with each poll, these backers concede, ...": the claim's
        if dep == "npadvmod" and child.lower_ in _TIME_WORDS:
            framing = True
        if (
            subject is not None
            and child.lower_ == "as"
            and (child.i == subject.left_edge.i - 1 or subject.head == child)
        ):
            framing = True  # "as one of the advisers pointed out" (or "one" its object)
        if (dep == "dobj" and lemma in _ADDRESSEE_LEMMAS) or _citing(child):
            framing = True
        if _opening_circumstance(cue, child, subject):
            # "Reached by phone, the coach denied the report": when, not what
            opening.update(t.i for t in child.subtree)
        if dep == "conj" and child.pos_ in ("VERB", "AUX"):
            # "..., he said and added that ...": another statement, with its own cue.
            own_cue = child.lemma_.lower() in SPEECH_LEMMAS | EVIDENCE_LEMMAS
            framing = (
                own_cue
                or any(c.dep_ == "nsubj" for c in child.children)
                or next_act_after_infinitive(cue, child)  # "promised to X and asked Y"
            )
        if dep in ("advcl", "xcomp") and _after_quotation_frame(cue, child):
            # '"His legacy will last," Ruiz said, as the crowd left', '"Look at this," he
            # said, pointing at the hall': the quotation is the claim, and how or when the
            # speaker said it is the writer's.
            framing = True
        if framing and child.i < cue.i and _quote_between(cue.doc, child.right_edge.i, cue.i):
            # 'Probably not," Ms. Moore said': what stands inside the quotation is said.
            framing = False
        if framing:
            frame.update(t.i for t in child.subtree)
        if framing and dep != "conj":
            # "said in a statement that ...": the clause hangs on the frame's noun (not a
            # clause inside another statement: "blamed X on Y but said it is a problem that
            # ...").
            for tok in child.subtree:
                if tok.dep_ in ("acl", "ccomp", "relcl") and (
                    _that_marked(tok) or _that_complement_as_relative(tok)
                ):
                    frame.difference_update(t.i for t in tok.subtree)
                    break
    # A cue tucked into its claim ("The plan, officials said, would cost more"; "As X noted,
    # ...") frames the clause it hangs on; any other cue only what depends on it.
    relative = _relative_object(cue) is not None
    tucked = (
        cue.head.i != cue.i
        and not relative  # "more than twice what it projected": frames no clause around it
        and (
            cue.dep_ == "parataxis"
            or (
                # "As X noted, ...", not "..., as X have expressed willingness to ...": a
                # cue with its own object says its own claim
                cue.dep_ == "advcl"
                and any(c.lower_ == "as" for c in cue.children)
                and not any(
                    c.dep_ == "ccomp"
                    or (c.dep_ == "dobj" and cue.lemma_.lower() not in _ADDRESSEE_LEMMAS)
                    for c in cue.children
                )
            )
            or (
                cue.dep_ == "ccomp"
                and cue.i > cue.head.i
                and cue.tag_ in ("VBD", "VBZ", "VBP")
                and _set_off(cue)
            )
            or _parenthetical_clause(cue)
        )
    )
    scope = cue.head if tucked else cue
    inside = {t.i for t in scope.subtree}
    if parenthetical:
        # "..., the budget office reported on Tuesday -- a shift that ...": what follows
        # the frame after a dash is the writer's comment on the report.
        last = max(t.i for t in cue.subtree if not t.is_punct)
        if last + 1 < len(cue.doc) and cue.doc[last + 1].text in ("--", "—", "–"):
            inside = {i for i in inside if i <= last}
    left = frame | {t.i for t in cue.doc if t.i not in inside}
    content = _outside(cue.doc, left | opening)
    if opening and _thin(content):
        # "Asked if he was bullied, he said no": the answer alone says nothing without the
        # question, which stays in the claim.
        return _outside(cue.doc, left)
    return content


def _opening_circumstance(cue: Token, child: Token, subject: Token | None) -> bool:
    """Whether ``child`` is a participle opening the sentence before the speaker, set off by a
    comma ("Reached by phone, ...", "Asked about the audit, ..."), on a cue that says its
    claim after itself: the circumstance of saying, not what was said."""
    doc = cue.doc
    return (
        subject is not None
        and cue.dep_ == "ROOT"
        and child.dep_ == "advcl"
        and child.i < subject.i
        and child.left_edge.i == 0
        and (
            child.tag_ in ("VBG", "VBN")
            or (child.tag_ == "VBD" and child.i == 0)  # "Asked ...", tagged as a past tense
        )
        and not any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in child.children)
        and child.right_edge.i + 1 < subject.left_edge.i + 1
        and doc[child.right_edge.i + 1].text == ","
        and not any(_quote_mark(t) for t in doc[: subject.left_edge.i])
        and any(not t.is_punct for t in doc[cue.i + 1 :])
    )


def _after_quotation_frame(cue: Token, child: Token) -> bool:
    """Whether ``child`` follows a frame that closes a quotation ('"X," Ruiz said, ...')
    and is itself outside any quotation (not '"X," he said, "because Y."')."""
    doc = cue.doc
    close = _last_quote_before(doc, cue.i)
    if child.i < cue.i or close is None:
        return False
    subject = next((c for c in cue.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return False  # ("..., saying calling it ... will do nothing": no frame of its own)
    speaker = {t.i for t in subject.subtree}
    if subject.i < cue.i and not all(t.i in speaker or t.is_punct for t in doc[close + 1 : cue.i]):
        return False  # ('..."strategy," promising to ...', '..." as he promised to ...')
    return not any(_quote_mark(t) for t in doc[cue.i : child.right_edge.i + 1])


def _parenthetical_clause(cue: Token) -> bool:
    """ "X, these backers concede, Y", "X, the budget office reported on Tuesday": a finite
    frame with its own subject, set off by a comma, that the parser made an adverbial clause
    (no "while", "because": those are clauses of their own) and gave no complement."""
    subject = next((c for c in cue.children if c.dep_ == "nsubj" and c.i < cue.i), None)
    return (
        cue.dep_ == "advcl"
        and cue.tag_ in ("VBD", "VBZ", "VBP")
        and subject is not None
        and subject.left_edge.i > 0
        and cue.doc[subject.left_edge.i - 1].text == ","
        and not any(c.dep_ in ("mark", "ccomp", "dobj", "xcomp") for c in cue.children)
    )


def _reports(subject: Token) -> bool:
    """A subject that can report findings: a document, data, an expert or a named body."""
    low = subject.lower_
    return (
        low in _DOCUMENT_WORDS
        or low in ("average", "averages")  # "polling averages show Ruiz with a lead"
        or low in EXPERT_HEADS
        or subject.pos_ == "PROPN"
        or any(t.pos_ == "PROPN" for t in subject.children if t.dep_ == "appos")
    )


def _clause_like(tok: Token) -> bool:
    return any(c.dep_ in ("acl", "relcl", "ccomp") for c in tok.children)


def _cue_words(verb: Token) -> str:
    words = [verb]
    for child in verb.children:
        if (
            child.dep_ in ("aux", "auxpass", "neg")
            and child.i < verb.i
            and not _quote_between(verb.doc, child.i, verb.i)
        ):
            words.append(child)
        if child.dep_ == "prt" or (
            child.dep_ == "prep" and child.lower_ == "to" and verb.lemma_.lower() == "point"
        ):
            words.append(child)  # "pointed out", "pointed to"
    words.sort(key=lambda t: t.i)
    return " ".join(w.text for w in words)


# --- one sentence ----------------------------------------------------------------------


def _claim_span(doc: Doc, content: Sequence[Token]) -> tuple[int | None, int | None, str | None]:
    """Character offsets (in the sentence) and text of the claim made of ``content``."""
    if not content:
        return None, None, None
    pieces: list[tuple[int, int]] = []
    indexes = {t.i for t in content}
    for tok in sorted(content, key=lambda t: t.i):
        start, end = tok.idx, tok.idx + len(tok)
        if pieces and (tok.i - 1) in indexes and pieces[-1][1] <= start:
            pieces[-1] = (pieces[-1][0], end)
        else:
            pieces.append((start, end))
    texts = []
    spans = []
    for a, b in pieces:
        piece = doc.text[a:b]
        stripped = piece.strip(_STRIP)
        if not stripped:
            continue
        a += piece.index(stripped)
        b = a + len(stripped)
        texts.append(stripped)
        spans.append((a, b))
    if not spans:
        return None, None, None
    # A leading complementiser is frame: "said that prices rose" -> "prices rose".
    first = _THAT.match(doc.text[spans[0][0] : spans[0][1]])
    lead = next((t for t in content if t.idx >= spans[0][0] and t.lower_ == "that"), None)
    if first and lead is not None and not _complementiser(lead):
        first = None  # "That is of concern": a demonstrative, not a complementiser
    if first and spans[0][0] + first.end() < spans[0][1]:
        a, b = spans[0][0] + first.end(), spans[0][1]
        # "says that, through a request, ...": the comma after "that" goes with it
        piece = doc.text[a:b].lstrip(_STRIP)
        spans[0] = (b - len(piece), b)
        texts[0] = piece
    while (connective := _CONNECTIVE.match(texts[0])) and connective.end() < len(texts[0]):
        spans[0] = (spans[0][0] + connective.end(), spans[0][1])
        texts[0] = texts[0][connective.end() :]
    while len(spans) > 1 and texts[0].lower().rstrip(",") in _CONNECTIVE_WORDS:
        # "Still, he said, officials have to decide": the frame cut the connective off into
        # a piece of its own ("Still"), no more part of the claim than when it is joined.
        del spans[0], texts[0]
    # A claim never ends inside a word the tokenizer split ("it has re-" of "re-examined",
    # where the parser lost the rest): it then runs to the end of the sentence.
    last_a, last_b = spans[-1]
    after = doc.text[last_b : last_b + 2]
    if after[:1].isalnum() or (after[:1] in "-‐" and after[1:2].isalnum()):
        spans[-1] = (last_a, len(doc.text.rstrip(" \t\n:;,")))
        texts[-1] = doc.text[spans[-1][0] : spans[-1][1]]
    # A final period belongs to the sentence, not to the claim.
    last_a, last_b = spans[-1]
    final_stop = doc.text[last_b - 1] in ".!?…" and doc.text[last_b - 2 : last_b] != ".."
    if final_stop and last_b - 1 > last_a:
        texts[-1] = doc.text[last_a : last_b - 1].rstrip(_STRIP)
        spans[-1] = (last_a, last_a + len(texts[-1]))
    # Keep a quotation whole: 'a “turning point.”' rather than 'a “turning point'.
    last_a, last_b = spans[-1]
    claim = doc.text[last_a:last_b]
    for opening, closing in (("“", "”"), ('"', '"'), ("''", "''")):
        # (two apostrophes open and close a quotation in some wires' copy: "an ''Aunt Tom.''")
        opened = (
            claim.count(opening) > claim.count(closing)
            if opening != closing
            else claim.count(opening) % 2
        )
        if opened:
            tail = re.match(r"[.,!?]?" + re.escape(closing), doc.text[last_b:])
            if tail:
                spans[-1] = (last_a, last_b + tail.end())
                texts[-1] = doc.text[spans[-1][0] : spans[-1][1]]
            break
    # ... from its opening mark: 'accused “some people” of leaking' is not 'some people” ...'.
    first_a, first_b = spans[0]
    head = doc.text[first_a:first_b]
    if head.count("”") > head.count("“") and doc.text[first_a - 1 : first_a] == "“":
        spans[0] = (first_a - 1, first_b)
        texts[0] = doc.text[first_a - 1 : first_b]
    # ... and a parenthesis: "the coronavirus disease 2019 (COVID-19)".
    last_a, last_b = spans[-1]
    claim = doc.text[last_a:last_b]
    if claim.count("(") > claim.count(")") and doc.text[last_b : last_b + 1] == ")":
        spans[-1] = (last_a, last_b + 1)
        texts[-1] = doc.text[last_a : last_b + 1]
    if len(spans) == 1:
        return spans[0][0], spans[0][1], texts[0]
    return None, None, " ".join(texts)


# "As sources familiar with the matter point out, ...": the parser sometimes reads "point"
# as a noun here; the frame is regular enough to read without it.
_AS_FRAME_RE = re.compile(
    r"^\s*As\s+(?P<who>[^,]{3,120}?)\s+(?P<cue>point(?:s|ed)?\s+out|not(?:e|es|ed)|sa(?:y|ys|id)"
    r"|explain(?:s|ed)?|argu(?:e|es|ed)|warn(?:s|ed)?|put\s+it)\s*,\s*(?P<claim>\S.*)$",
    re.S,
)


# "..., records show." / "..., the ministry said.": a frame at the end that the parser
# sometimes reads as a noun phrase ("records show" as a compound noun).
_TAIL_FRAME_RE = re.compile(
    # ('..., a voice-over in the ad states.': after the quotation's closing mark too)
    # ("states" only so: "..., in five states." is no frame)
    # (a comma between digits is a thousands separator: "after a further 11,000 were added")
    r"^(?P<claim>\S.*?),(?!\d)(?P<closing>\s*(?:[”\"]|''))?\s*(?P<who>[^,\"“”]{2,80}?)\s+"
    r"(?P<cue>sa(?:y|ys|id)|show(?:s|ed)?|(?(closing)stat(?:es|ed)|(?!x)x)"
    r"|found|finds|report(?:s|ed)|not(?:es|ed)|add(?:s|ed)|wr(?:ote|ites)|warn(?:s|ed)"
    r"|estimat(?:es|ed)|indicat(?:es|ed)|suggest(?:s|ed)|maintain(?:s|ed)|insist(?:s|ed)"
    r"|argu(?:es|ed)|contend(?:s|ed))"
    # "..., the city's mayor said early on Thursday.", "..., police said in a statement."
    r"(?:\s+(?:(?:early|late)\s+)?(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday"
    r"|Saturday|Sunday|today|yesterday|tonight)(?:\s+(?:morning|afternoon|evening|night))?"
    r"|\s+in\s+a\s+statement)?\s*[.!]?\s*$",
    re.S,
)


# 'Said Ellis: "..."': the frame first, inverted, then the quotation.
_SAID_FIRST_RE = re.compile(
    r"^\s*(?P<cue>Said|Added|Wrote|Explained|Continued|Insisted|Replied|Recalled|Countered)\s+(?P<who>[^:,\"“”]{2,80}?)\s*[:,]\s*"
    r"(?P<claim>[\"“].*)$",
    re.S,
)


# "Trump charges that ...": a name and a present-tense speech verb the tagger took for a
# noun ("charges", "claims"), read without the parse when it found no speaker.
_NAME_SAYS_THAT_RE = re.compile(
    r"^\s*(?:But\s+|And\s+)?(?P<who>(?:[A-Z][\w.’'-]*\s+){0,3}[A-Z][\w.’'-]*)\s+"
    r"(?P<cue>claims|charges|contends|insists|argues|says|maintains|alleges|asserts|estimates"
    r"|predicts|warns|notes|admits|concedes|acknowledges)\s+"
    # ("Ruiz claims she's owed $10,000": a subject pronoun opens the clause without "that")
    r"(?:that\s+|(?=(?:he|she|they|it|we|I)(?:\s|[’']\w)))"
    r"(?P<claim>\S.*)$",
    re.S,
)


# Frames that open the sentence; the inverted ones are also tried when the parse found cues
# but no speaker.
# "FEC records from the 2008 cycle show he backed ...": records, data or polls opening the
# sentence, whose verb the tagger took for a noun.
_RECORDS_SHOW_RE = re.compile(
    r"^\s*(?P<who>(?:[\w.’'-]+\s+){0,3}(?:records|data|figures|documents|filings|statistics"
    r"|polls|surveys|results|estimates|numbers)(?:\s+[\w.’'-]+){0,8}?)\s+"
    r"(?P<cue>show(?:s|ed)?|indicat(?:e|es|ed)"
    r"|suggest(?:s|ed)?)\s+(?:that\s+)?(?P<claim>\S.*)$",
    re.S,
)
_INVERTED_FRAMES = (_SAID_FIRST_RE, _NAME_SAYS_THAT_RE, _RECORDS_SHOW_RE, AS_STATED_RE)
_HEAD_FRAMES = (_AS_FRAME_RE, *_INVERTED_FRAMES)


def _frame_by_pattern(
    doc: Doc, heads: tuple[re.Pattern, ...] = _HEAD_FRAMES, tail: bool = True
) -> Attribution | None:
    """The "As X noted, ...", 'Said X: "..."' and (with ``tail``) "..., X said." frames,
    read without the parse."""
    text = doc.text
    m = next((found for pattern in heads if (found := pattern.match(text))), None)
    if m is not None:
        who, cue, start = m.group("who"), m.group("cue").lower(), m.start("claim")
        end = len(text.rstrip())
    elif not tail:
        return None
    else:
        m = _TAIL_FRAME_RE.match(text)
        if m is None:
            return None
        who, cue, start, end = m.group("who"), m.group("cue"), 0, m.end("claim")
    # Parsed as the subject of a plain frame, which keeps "Federal Election Commission
    # records" a noun phrase (alone, "records" reads as its verb).
    phrase = next(iter(parse_many([f"{who} said so."])))
    heads = [t for t in phrase if t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "ROOT"]
    if not heads:
        return None
    if m.re is _NAME_SAYS_THAT_RE and not any(t.pos_ == "PROPN" for t in phrase):
        return None  # "Inflation claims that are false ...": a noun, not a name
    claimant = _claimant(heads[0], bool(_ANONYMITY_RE.search(text)))
    if claimant is None or claimant.kind == "thing" or not any(c.isalpha() for c in claimant.name):
        return None  # (a figure is no speaker: "..., 3,000 added.")
    piece = text[start:end]
    stripped = piece.strip(_STRIP + ".!?")
    if not stripped:
        return None
    start += piece.index(stripped)
    end = start + len(stripped)
    return Attribution(
        claimant.name,
        claimant.sourcing,
        claimant.kind == "person",
        claimant.role,
        " ".join(cue.split()),
        start,
        end,
        text[start:end],
        claimant.kind,
    )


def _attribute_doc(doc: Doc) -> Attribution:
    cues = _cues(doc)
    if not cues:
        framed = _frame_by_pattern(doc)
        return framed or UNATTRIBUTED_RESULT
    anonymous = bool(_ANONYMITY_RE.search(doc.text))
    best: tuple[tuple, Attribution, _Cue] | None = None
    for cue in cues:
        claimant = _claimant(cue.claimant_head, anonymous) if cue.claimant_head else None
        if claimant is None:
            continue
        content = list(cue.content or []) + _resumed_quotation(doc, cue)
        embedded = doc[cue.index].dep_ == "relcl" and len(content) == len(doc)
        if cue.claimant_head is not None and cue.claimant_head in content and not embedded:
            # The speaker the parser hung inside the quotation ('"...," Gene Sperling, an
            # adviser, said'): the claim ends where the speaker's phrase begins.
            speaker_start = min(t.i for t in cue.claimant_head.subtree)
            quote_before = _last_quote_before(doc, cue.claimant_head.i)
            if quote_before is not None:
                speaker_start = max(speaker_start, quote_before)
            content = [t for t in content if t.i < speaker_start]
        close = _last_quote_before(doc, cue.index)
        if _speaker_after_quote(doc, cue, close):
            # '"...," Tulsa police Chief Chuck Jordan said': the speaker's phrase stands
            # between the quotation and the verb, whatever of it the parser hung inside.
            content = [t for t in content if not close < t.i < cue.index]
        content = _quotation_after_cue(doc, cue, content)
        content = _whole_quotation_before(doc, cue, content)
        content = _lead_in_to_quotation(doc, cue, content)
        content = _quotation_to_its_close(doc, cue, content)
        content = _quotation_the_frame_interrupts(doc, cue, content)
        content = _when_after_cue(doc, cue, content)
        quotation: list[Token] = []
        # ("called the mayor reckless" says something, however few its words)
        named = [] if cue.content_is_clause else named_predicate(doc[cue.index])
        if named and _thin(content):
            content = named
        statement = cue.content_is_clause or bool(named)
        if not content or (not statement and _thin(content)):
            # ('"No breach," the firm said': the parser may hang two words of it on the cue.)
            quotation = _following_quotation(doc, cue) or _preceding_quotation(doc, cue)
            content = quotation or content or _before_closing_frame(doc, cue)
        frame_only = not content
        announced = doc.text.rstrip().endswith(":") or _bare_frame(doc, cue)
        if frame_only and not announced and not _only_circumstance(doc, cue):
            continue  # "X visited Kabul and said so": no statement here, and none announced
        if (
            content
            and not statement
            and not quotation
            and _thin(content)
            and not _all_before_closing_frame(doc, cue, content)
        ):
            content = []  # "has echoed this concern": the sentence says more than its object
        start, end, claim = _claim_span(doc, _from_complementiser(doc, cue, content))
        attribution = Attribution(
            claimant.name,
            claimant.sourcing,
            claimant.kind == "person",
            _role_outside(claimant.role, claim),
            cue.words,
            start,
            end,
            claim,
            claimant.kind,
            frame_only,
        )
        # "X said Y, according to Z": Z is whom the outlet cites for all of it, unless Z
        # only carries X's words (a named outlet or a document: '"Q," the chief said,
        # according to broadcaster NRK').
        cited = cue.words in _ACCORDING_TO_WORDS and not _names_a_medium(cue)
        if cited and _carries_a_speaker(doc, cue, claimant, cues):
            cited = False
        rank = (
            bool(claim),
            # "ducked, pointing to his record and saying that X": what was said, first
            not (doc[cue.index].lemma_.lower() == "point" and "out" not in cue.words),
            cited,
            -cue.depth,
            -cue.claimant_head.i if cue.claimant_head else 0,
        )
        if best is None or rank > best[0]:
            best = (rank, attribution, cue)
    if best is None:
        # 'Said Ellis: "I don't get ..."': the quotation's verbs gave no speaker.
        return _frame_by_pattern(doc, _INVERTED_FRAMES) or UNATTRIBUTED_RESULT
    return _frame_pronoun_named(doc, best[1], best[2], anonymous)


def _frame_pronoun_named(doc: Doc, result: Attribution, cue: _Cue, anonymous: bool) -> Attribution:
    """'Ruiz told the panel that X: "Y," she said': the "she" of a frame closing a quotation
    is the person the same sentence named as the subject of an earlier verb of saying (which
    the parser may have hung inside the quotation's frame), not someone of
    an earlier sentence. (Only after a quotation's closing mark: in "Ruiz praised Lee, and
    he said ..." the "he" may be Lee.)"""
    pronoun = cue.claimant_head
    if pronoun is None or pronoun.lower_ not in ("he", "she") or result.claimant != pronoun.lower_:
        return result
    before = pronoun.i - 1
    while before >= 0 and doc[before].text == ",":
        before -= 1
    if before < 0 or not _closing_mark(doc[before]):
        return result
    quoted = _quoted(doc)
    unfit = {"he": "f", "she": "m"}[pronoun.lower_]
    for head in reversed(doc[:before]):
        if (
            head.dep_ != "nsubj"
            or head.pos_ != "PROPN"
            or head.head.lemma_.lower() not in _REPORTING_LEMMAS
        ):
            continue
        if quoted[head.i] or _inside_quotation(head):
            continue
        verb = head.head
        if any(t.dep_ in ("advcl", "relcl", "acl") for t in (verb, *verb.ancestors)):
            continue  # "When Ruiz attacked Lee, '...,' he said": the "he" may be Lee
        named = _person_fit(head, anonymous, unfit)
        if named is not None:
            return _resolved_to(result, named, named.sourcing)
    return result


def _person_fit(head: Token, anonymous: bool, unfit: str) -> _Claimant | None:
    """The person ``head`` names, unless the pronoun's gender (``unfit``: the one it rules
    out) rules them out."""
    named = _claimant(head, anonymous)
    if named is None or named.kind != "person":
        return None
    person = Attribution(named.name, named.sourcing, True, named.role, kind="person")
    return None if _gender(person) == unfit else named


def _resolved_to(result: Attribution, named: _Claimant, sourcing: str) -> Attribution:
    """``result`` with its he/she resolved to the person ``named``."""
    return replace(
        result,
        claimant=named.name,
        role=_role_outside(named.role, result.claim),
        sourcing=sourcing,
        person_like=True,
        kind="person",
    )


def _speaker_after_quote(doc: Doc, cue: _Cue, close: int | None) -> bool:
    """Whether nothing but the speaker's phrase (names, its head's words, the verb's adverbs)
    stands between the quotation's closing mark ``close`` and the cue."""
    head = cue.claimant_head
    if close is None or head is None or not close < head.i < cue.index:
        return False
    phrase = {t.i for t in head.subtree}
    verb = doc[cue.index]
    return all(
        t.is_punct
        or t.i in phrase
        or (t.head == verb and t.dep_ in ("advmod", "npadvmod"))
        or (t.text[:1].isupper() and t.is_alpha)
        for t in doc[close + 1 : cue.index]
    )


def _from_complementiser(doc: Doc, cue: _Cue, content: list[Token]) -> list[Token]:
    """ "said in a statement, according to Bloomberg, that revenues will fall": what the parser
    hung on the complement before its "that" is frame set off by commas, not the claim."""
    mark = next(
        (
            t
            for t in content
            if t.dep_ == "mark"
            and t.lower_ == "that"
            and t.i > cue.index
            and t.head in content
            and t.head.head.i == cue.index  # the cue's own complement, not a clause inside it
        ),
        None,
    )
    if mark is None or mark.i == 0 or doc[mark.i - 1].text not in (",", "—", "–", "--"):
        return content
    between = [t for t in content if cue.index < t.i < mark.i]
    dashed = doc[mark.i - 1].text != "," and doc[cue.index + 1].text == doc[mark.i - 1].text
    if not between or (
        # (between two dashes, "said — on the radio, as it happens — that": all of it frame)
        not dashed and any(t.pos_ in ("VERB", "AUX") and t.dep_ != "prep" for t in between)
    ):
        return content  # "said the board decided, after a debate, that ...": the board's "that"
    return [t for t in content if not cue.index < t.i < mark.i]


_SPEAKING_LEMMAS = _words("say tell write state add declare announce explain insist note")
_TALLY_WORDS = _SURVEY_WORDS | _words("count counts tally tallies review reviews")


def _carries_a_speaker(doc: Doc, cue: _Cue, source: _Claimant, cues: list[_Cue]) -> bool:
    """'"Q," the chief said, according to broadcaster NRK': an "according to" that names a
    document or an outlet beside another cue where someone plainly says the words. (A poll,
    a count or a review found what it reports: "..., according to a survey".)"""
    head = cue.claimant_head
    if head is None or head.lower_ in _TALLY_WORDS:
        return False
    if not (source.kind == "document" or any(t.pos_ == "PROPN" for t in head.subtree)):
        return False
    for other in cues:
        if other is cue or other.claimant_head is None:
            continue
        if doc[other.index].lemma_.lower() not in _SPEAKING_LEMMAS:
            continue
        speaker = _claimant(other.claimant_head, False)
        if speaker is not None and speaker.kind in ("person", "organization"):
            return speaker.sourcing == NAMED
    return False


def _role_outside(role: str | None, claim: str | None) -> str | None:
    """The role without what the parser hung on the name from the claim ("According to host
    Rush Limbaugh, the move reeks ...": "move reeks ..." is no part of his role)."""
    if not role or not claim:
        return role
    parts = [p.strip() for p in re.split(r"[;,]\s+", role)]
    # ... nor is "who said it raises questions", the clause that holds the claim itself.
    kept = [p for p in parts if p and p not in claim and claim not in p]
    if len(kept) == len(parts):
        return role
    return ", ".join(kept) or None


def _resumed_quotation(doc: Doc, cue: _Cue) -> list[Token]:
    """'"We will win," she said, "and we will win big."': the quotation after the frame."""
    if not cue.content or cue.content[0].i > cue.index:
        return []
    inside = {t.i for t in cue.content}
    resumed = [t for t in _following_quotation(doc, cue) if t.i not in inside]
    words = [t for t in resumed if t.is_alpha]
    if words and len(words) <= 8 and all(t.text[0].isupper() for t in words if len(t) > 3):
        return []  # '..., he said in his 2012 book, "An American Son."': a title
    return resumed


# Where words were said, not what: "In a statement for this story, an official said, ...".
_SETTING_NOUNS = _words(
    """
    statement interview email e-mail letter post tweet speech remark remarks briefing
    conference call appearance hearing rally event meeting session program show podcast
    """
)


_DISCOURSE_WORDS = _words(
    "but still instead finally however yet and so also meanwhile later earlier first then again"
)


def _quotation_after_cue(doc: Doc, cue: _Cue, content: list[Token]) -> list[Token]:
    """'Responding to journalists, the chief spokesman, Eric Mamer, said, "We won't ..."': a
    quotation opened right after the cue is the claim, with what was quoted before the frame;
    the circumstance the parser hung with it is not."""
    after = doc[cue.index + 1 : cue.index + 3]
    if not after or not (after[0].text in (",", ":") or _opening_mark(after[0])):
        return content
    if not any(_opening_mark(t) for t in after):
        return content
    follow = _following_quotation(doc, cue)
    if not follow:
        return content
    quoted = _quoted(doc)
    before = [t for t in content if t.i < cue.index]
    unquoted = [t for t in before if not quoted[t.i] and not t.is_punct]
    if not unquoted:
        return content  # '"We will win," she said, "and win big."': nothing to drop
    first = unquoted[0]
    circumstance = (
        # "Asked if ...", "Responding to journalists" (not a gerund subject: "Evaluating
        # the candidates ..., Stevens said, "is like ...")
        (
            first.dep_ == "advcl"
            and (
                first.tag_ in ("VBG", "VBN")
                # "Asked what he believed, ...": a participle the tagger read as past tense
                or (first.tag_ == "VBD" and not any(c.dep_ == "nsubj" for c in first.children))
            )
        )
        or all(t.lower_ in _DISCOURSE_WORDS for t in unquoted)  # "But,", "Still,"
        or (first.pos_ == "ADP" and any(t.lemma_.lower() in _SETTING_NOUNS for t in unquoted))
    )
    if not circumstance:
        # "These sources, the lawyers said, "all command ..."" (its subject); "If Clinton
        # is elected, he said, "she might ..."" (its condition)
        return content
    return [t for t in before if quoted[t.i]] + follow


def _following_quotation(doc: Doc, cue: _Cue) -> list[Token]:
    """'..., telling reporters, "Nobody asked."': a quotation the parser hung elsewhere."""
    for tok in doc[cue.index + 1 :]:
        opening = tok.text in _QUOTE_OPEN or (
            tok.text in ('"', "''") and bool(doc[tok.i - 1].whitespace_)
        )
        if opening and doc[tok.i - 1].text in (",", ":", "—", "–"):
            return list(doc[tok.i :])
        if tok.pos_ == "VERB" and any(c.dep_ == "nsubj" for c in tok.children):
            return []  # '..., Cruz said as the heckler yelled: "..."': someone else's words
    return []


def _preceding_quotation(doc: Doc, cue: _Cue) -> list[Token]:
    """'"Security is nonnegotiable!" she said.': a quotation the parser made a sentence of its
    own, directly before its frame (nothing but the speaker between the quote and the cue).
    The quotation may have opened in an earlier sentence ('... sucks!" the note says.')."""
    first = next((t for t in doc if not t.is_space), None)
    if first is None:
        return []
    opened = _opening_mark(first)
    close = _last_quote_before(doc, cue.index)
    if close is None or close <= first.i + 1:
        return []
    if not opened and (
        any(t.text in _QUOTE_OPEN for t in doc[:close]) or doc[close - 1].text not in ".!?,"
    ):
        return []  # not a quotation carried over: only its closing mark, after its stop
    speaker = {t.i for t in cue.claimant_head.subtree} if cue.claimant_head is not None else set()
    between = doc[close + 1 : cue.index]
    if any(
        not t.is_punct and t.i not in speaker and t.dep_ not in ("aux", "advmod") for t in between
    ):
        return []
    return list(doc[first.i : close + 1])


def _whole_quotation_before(doc: Doc, cue: _Cue, content: list[Token]) -> list[Token]:
    """'"The drop is due to the emails, the foundation, all the old stuff," said an aide':
    a claim that lies inside the quotation before its frame is all of that quotation, where
    the parser kept only part of it (a list, a bracket, an ellipsis cut the clause short)."""
    words = [t for t in content if not t.is_punct]
    if not words:
        return content
    quotation = _preceding_quotation(doc, cue)
    inside = {t.i for t in quotation}
    if not quotation or not all(t.i in inside for t in words):
        return content
    if not _opening_mark(quotation[0]) and any(_opening_mark(t) for t in quotation[:-1]):
        return content  # 'A fight between (''X,'' she wrote) ...': the sentence is no quotation
    return quotation


def _lead_in_to_quotation(doc: Doc, cue: _Cue, content: list[Token]) -> list[Token]:
    """'The coach saw it differently: "We learned more tonight," he said.': the words before
    the colon that opens a quotation closed by its frame are the writer's lead-in to what was
    said, not part of it (the colon outside any quotation, one quotation before the frame,
    nothing but the speaker between its closing mark and the cue)."""
    close = _last_quote_before(doc, cue.index)
    if close is None or not content:
        return content
    speaker = {t.i for t in cue.claimant_head.subtree} if cue.claimant_head is not None else set()
    if any(
        not t.is_punct and t.i not in speaker and t.dep_ not in ("aux", "advmod")
        for t in doc[close + 1 : cue.index]
    ):
        return content
    opening = next((t for t in reversed(doc[:close]) if _quote_mark(t)), None)
    if opening is None or opening.i < 2 or not _opening_mark(opening):
        return content
    colon = doc[opening.i - 1]
    if colon.text != ":" or _quoted(doc)[colon.i]:
        return content
    if any(_quote_mark(t) for t in doc[: colon.i]):
        return content  # another quotation in the lead-in: which one is whose is unclear
    lead = [t for t in content if t.i < colon.i and not t.is_punct]
    if not lead or not any(opening.i < t.i < close for t in content):
        return content
    return [t for t in content if t.i >= opening.i]


def _quotation_to_its_close(doc: Doc, cue: _Cue, content: list[Token]) -> list[Token]:
    """'Ortiz wrote that the plan "is right about the problems, but its answers fail."': a
    claim that ends inside a quotation it opened runs to the quotation's closing mark (the
    parser cut it at a comma, an ellipsis or a bracket); the quoted words are all said."""
    words = [t for t in content if not t.is_punct]
    if not words:
        return content
    quoted = _quoted(doc)
    last = max(words, key=lambda t: t.i)
    if not quoted[last.i]:
        return content
    opening = next((t for t in reversed(doc[: last.i]) if not quoted[t.i]), None)
    if opening is None or not _opening_mark(opening) or opening.i < min(t.i for t in words) - 1:
        return content  # opened before the claim: a quotation the frame stands inside
    closing = next((t for t in doc[last.i + 1 :] if not quoted[t.i]), None)
    if closing is None or not _closing_mark(closing) or closing.i > cue.index > last.i:
        return content
    speaker = cue.claimant_head
    if speaker is not None and last.i < speaker.i < closing.i:
        return content
    have = {t.i for t in content}
    return sorted(
        [*content, *(t for t in doc[last.i + 1 : closing.i + 1] if t.i not in have)],
        key=lambda t: t.i,
    )


def _quotation_the_frame_interrupts(doc: Doc, cue: _Cue, content: list[Token]) -> list[Token]:
    """'"If the nominees stay away," Ruiz said, "why would sponsors come?"': a claim that is
    the quotation resumed after the frame begins with the part the frame interrupted (the
    parser hung that part on the verb as a condition or an adverb of its own)."""
    words = [t for t in content if not t.is_punct]
    if not words or min(t.i for t in words) < cue.index:
        return content
    follow = _following_quotation(doc, cue)
    if not follow or any(t.i < follow[0].i for t in words):
        return content
    before = _preceding_quotation(doc, cue)
    if not before or not _opening_mark(before[0]):
        return content
    return before + content


_TIME_LEADS = _words("on last this late early earlier next")
_TIME_LEAD_OR_WORD = _TIME_LEADS | _TIME_WORDS


def _when_after_cue(doc: Doc, cue: _Cue, content: list[Token]) -> list[Token]:
    """ "The president said Tuesday his actions are lawful", "promised Sunday to end it":
    the day right after the cue says when it was said, wherever the parser hung it (not
    "said Tuesday would be the day", where it is the claim's subject)."""
    have = {t.i for t in content}
    i = cue.index + 1
    lead: list[Token] = []
    while i < len(doc) and i in have and doc[i].lower_ in _TIME_LEAD_OR_WORD:
        lead.append(doc[i])
        i += 1
    times = [t for t in lead if t.lower_ in _TIME_WORDS]
    if not times or any(
        # ("Thursday's speeches", "year-over-year": a word of the claim's own phrase)
        t.dep_ in ("nsubj", "nsubjpass", "poss", "compound", "amod") or not t.whitespace_
        for t in times
    ):
        return content
    if i < len(doc) and doc[i].text == "," and i in have:
        lead.append(doc[i])
    rest = [t for t in content if t.i > lead[-1].i and not t.is_punct]
    if len(rest) < 2:
        return content
    dropped = {t.i for t in lead}
    return [t for t in content if t.i not in dropped]


def _before_closing_frame(doc: Doc, cue: _Cue) -> list[Token]:
    """ "..., fundraising documents show.": a frame the parser left without a complement at
    the end of the sentence, after a comma; what stands before it is its claim."""
    if cue.claimant_head is None:
        return []
    start = min(t.i for t in cue.claimant_head.subtree)
    verb = doc[cue.index]
    framing = {
        x.i
        for c in verb.children
        if c.i > verb.i
        and (
            c.dep_ in _FRAME_DEPS
            or c.dep_ in ("npadvmod", "dative")
            or (c.dep_ == "dobj" and verb.lemma_ in _ADDRESSEE_LEMMAS)
            or _citing(c)
        )
        for x in c.subtree
    }
    if cue.claimant_head.i > verb.i:
        # "..., said the company's chief executive, Ana Ruiz.": the speaker after the verb
        # (a verb that inverts so; not "..., pledged delegates")
        if verb.lemma_.lower() not in _INVERTING_LEMMAS:
            return []
        framing |= {t.i for t in cue.claimant_head.subtree}
        start = verb.i
    tail = all(t.is_punct or t.i in framing for t in doc[cue.index + 1 :])
    if not tail or start < 2 or doc[start - 1].text != ",":
        return []
    return list(doc[: start - 1])


# Verbs of saying that put the speaker after them at the end of a sentence ("..., said X").
_INVERTING_LEMMAS = _words("say add write tell note explain report state insist argue warn recall")


def _all_before_closing_frame(doc: Doc, cue: _Cue, content: Sequence[Token]) -> bool:
    """ "People like Scott, he said.": a short claim, all that stands before its frame (not
    where or when it was said: "In a 1963 speech, he declared:")."""
    before = {t.i for t in _before_closing_frame(doc, cue) if not t.is_punct}
    tops = [t for t in content if t.head.i not in {x.i for x in content} or t.head == t]
    circumstance = any(t.dep_ in ("prep", "npadvmod", "advcl", "mark") for t in tops)
    announced = doc.text.rstrip().endswith(":")
    return bool(before) and before <= {t.i for t in content} and not (circumstance or announced)


def _thin(content: Sequence[Token]) -> bool:
    """A few words with no verb: an object, not a statement ("this concern")."""
    words = [t for t in content if not t.is_punct]
    return len(words) < 5 and not any(t.pos_ in ("VERB", "AUX") for t in words)


def _only_circumstance(doc: Doc, cue: _Cue) -> bool:
    """Nothing but the cue, its subject and where, when or how it was said."""
    allowed = {cue.index}
    if cue.claimant_head is not None:
        allowed |= {t.i for t in cue.claimant_head.subtree}
    verb = doc[cue.index]
    for child in verb.children:
        if child.dep_ in ("prep", "npadvmod", "advmod", "aux", "auxpass", "neg", "punct", "agent"):
            allowed |= {t.i for t in child.subtree}
    return all(t.i in allowed or t.is_punct for t in doc)


def _bare_frame(doc: Doc, cue: _Cue) -> bool:
    """'Clinton said.': a frame alone, whose statement is the sentence before."""
    rest = [
        t
        for t in doc
        if not t.is_punct
        and t.i != cue.index
        and (cue.claimant_head is None or t.i not in {x.i for x in cue.claimant_head.subtree})
    ]
    return len(rest) <= 2 and not any(t.dep_ in ("prep", "dobj") for t in rest)


def _plural_role(word: str) -> bool:
    """ "secretaries", "ministers": the plural of a title."""
    return (word.endswith("ies") and word[:-3] + "y" in ROLE_WORDS) or (
        word.endswith("s") and word[:-1] in ROLE_WORDS
    )


def _subject_person(doc: Doc) -> Attribution | None:
    """The proper-name subject of a sentence's main verb: a possible antecedent."""
    for tok in doc:
        if tok.dep_ in ("nsubj", "nsubjpass") and tok.pos_ == "PROPN" and tok.head.dep_ == "ROOT":
            if _plural_role(tok.lower_):
                return None  # "the Foreign Secretaries": no one person a "he" stands for
            run = _proper_run(tok)
            if _is_organisation(run):
                return Attribution(_text(doc, run), NAMED, False, kind="organization")
            return Attribution(_text(doc, run), NAMED, True, kind="person")
    return None


# Verbs whose object is a person acted on ("police arrested Tom Okafor"): an untitled name
# as their object is a person, never a place.
_PERSON_OBJECT_LEMMAS = _words(
    """
    arrest detain charge identify name interview sentence convict acquit accuse indict
    elect appoint fire sack hire nominate meet thank praise criticise criticize replace
    question summon release free kill wound injure shoot rescue
    """
)
# Prepositions whose object may be the person a later "he" or "she" stands for ("criticism
# from Mayor Ana Ruiz", "the interview with ..."): not "in", "to", "of" (places).
_PERSON_PREPS = _words("from by with against about")
_HONORIFICS = _words("mr mr. mrs mrs. ms ms. dr dr. miss sir dame")


def _titled_person(tok: Token) -> Attribution | None:
    """The person the name headed by ``tok`` is, when the phrase says it is a person: a
    title or role before it ("Mayor Ana Ruiz", "BCG analyst Tom Okafor") or an honorific."""
    named = _claimant(tok, False)
    if named is None or named.kind != "person":
        return None
    words = named.name.lower().split()
    if not words or words[-1] in _DOCUMENT_WORDS:
        return None  # "the 2014 American Community Survey"
    role = set(_WORD_RE.findall((named.role or "").lower()))
    if not (role & (ROLE_WORDS | EXPERT_HEADS)) and words[0] not in _HONORIFICS:
        return None  # a role that is no title ("2014") says nothing of a person
    return Attribution(named.name, NAMED, True, named.role, kind="person")


def _object_person(doc: Doc) -> Attribution | None:
    """The last person a sentence names outside its subject and outside quotation, as the
    object of a verb or of "from", "by", "with": an antecedent for a later "he" or "she" when
    the sentence gave none ("The plan drew criticism from Mayor Ana Ruiz." then '"...," she
    said'). Titled names only, or an untitled one a verb acts on as on a person."""
    quoted = _quoted(doc)
    for tok in reversed(doc):
        if tok.pos_ != "PROPN" or quoted[tok.i] or tok.dep_ not in ("dobj", "dative", "pobj"):
            continue
        if tok.dep_ == "pobj" and tok.head.lower_ not in _PERSON_PREPS:
            continue
        person = _titled_person(tok)
        acted_on = tok.dep_ == "dobj" and tok.head.lemma_.lower() in _PERSON_OBJECT_LEMMAS
        if person is None and acted_on:
            named = _claimant(tok, False)
            if named is not None and named.kind == "person" and len(named.name.split()) > 1:
                person = Attribution(named.name, NAMED, True, named.role, kind="person")
        if person is not None:
            return person
    return None


def _named_in_full(words: list[str], antecedents: list[Attribution]) -> Attribution | None:
    """The most recent person antecedent whose longer name ends in ``words`` ("Gen. Norman
    Ham" for "Ham")."""
    for earlier in reversed(antecedents):
        full = (earlier.claimant or "").split()
        if earlier.kind == "person" and len(full) > len(words) and full[-len(words) :] == words:
            return earlier
    return None


def _fuller(person: Attribution, antecedents: list[Attribution]) -> Attribution:
    """``person`` as the article named them before in full, when their name is the end of an
    earlier person's name ("Ham" after "Gen. Norman Ham": the same man, with his role)."""
    if person.kind != "person" or person.role:
        return person
    earlier = _named_in_full((person.claimant or "").split(), antecedents)
    if earlier is None:
        return person
    return replace(earlier, claim_start=None, claim_end=None, claim=None, cue=None)


def _introduced_person(doc: Doc) -> Attribution | None:
    """The person a sentence with no quotation introduces as its main subject with a title or
    role ("Speaking to Reuters, BCG analyst Tom Okafor gave his view of ..."): the speaker of
    a paragraph of quotation that follows with no frame of its own."""
    if any(_quote_mark(t) for t in doc):
        return None
    for tok in doc:
        if tok.dep_ in ("nsubj", "nsubjpass") and tok.pos_ == "PROPN" and tok.head.dep_ == "ROOT":
            return _titled_person(tok)
    return None


# --- an article ------------------------------------------------------------------------


# A party and state tag after a politician's name: "Sen. Ann Lee (R-Ohio)", "Rep. Tom Cole
# (D-N.Y.)", "(I-Vt.)", "(D)". The parser reads it as a phrase of its own and loses the
# sentence's subject ("(R-OH), said" made "OH" the speaker), so it is hidden from the parse
# behind as many spaces (every offset holds) and given back in the texts read off the parse.
_PARTY_TAG_RE = re.compile(
    r"(?<=[A-Za-z.]) \((?:[RDI]|Ind)(?:[-–—] ?[A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*)?)?\)"
)


def _hide_party_tags(text: str) -> str:
    if "(" not in text:
        return text
    return _PARTY_TAG_RE.sub(lambda m: " " * len(m.group()), text)


# A share or a count as the speaker ("62% of voters said", "Six in 10 voters said", "About
# half said", "More than 3,000 said"): a figure is no name. The speakers are the group it
# counts when the sentence says which ("of voters", "Of those polled, 62% said"), an unnamed
# group; the figure is their description (the role).
_FIGURE_HEDGES = (
    r"(?:(?:about|around|approximately|roughly|nearly|almost|some|only|just|over|under|and|but"
    r"|while|another|at\s+least|more\s+than|fewer\s+than|less\s+than|up\s+to)\s+)*"
)
_NUMBER_WORD = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)"
_SHARE = (
    r"(?:\d[\d,.]*\s*(?:%|percent|per\s+cent)"
    rf"|{_NUMBER_WORD}\s+(?:in|out\s+of)\s+{_NUMBER_WORD}"
    r"|(?:a|one|two|three|four|five|\d+)[\s-](?:half|thirds?|quarters?|fourths?|fifths?|tenths?)"
    r"|half|a\s+majority|the\s+majority|a\s+minority|most|as\s+many)"
)
_COUNT = r"(?:\d[\d,.]*(?:\s+(?:million|thousand|hundred))?)"
_SHARE_OF_RE = re.compile(rf"(?i)^{_FIGURE_HEDGES}({_SHARE}|{_COUNT})\s+of\s+(?:the\s+)?(\w.*)$")
_SHARE_NOUN_RE = re.compile(rf"(?i)^{_FIGURE_HEDGES}({_SHARE})\s+([a-z][\w\s-]*)$")
_BARE_FIGURE_RE = re.compile(rf"(?i)^{_FIGURE_HEDGES}(?:{_SHARE}|{_COUNT})$")
_GROUP_BEFORE_FIGURE_RE = re.compile(r"(?i)^\W*(?:of|among)\s+(?:the\s+)?([a-z][\w\s-]*?)\s*,")


def _counted_group(result: Attribution, text: str) -> Attribution:
    """``result`` with a figure as its claimant given the group the figure counts, the figure
    its role; a figure that counts no group the sentence names leaves no claimant (still an
    unnamed source: "About half said ...")."""
    name = (result.claimant or "").strip()
    m = _SHARE_OF_RE.match(name) or _SHARE_NOUN_RE.match(name)
    if m is not None:
        group = m.group(2).strip()  # the whole phrase is the description
    elif _BARE_FIGURE_RE.match(name):
        front = _GROUP_BEFORE_FIGURE_RE.match(text)
        if front is None:
            return replace(
                result, claimant=None, role=name, sourcing=ANONYMOUS, person_like=False, kind=None
            )
        group = front.group(1).strip()
    else:
        return result
    return replace(
        result, claimant=group, role=name, sourcing=ANONYMOUS, person_like=False, kind="group"
    )


# Honorifics before a name are no part of it ("Mr Cameron" is Cameron); "Dr" and "Prof" are
# titles, kept as the role.
_HONORIFIC_RE = re.compile(r"^(?:(Mr|Mrs|Ms|Mx|Miss)|(Dr|Prof))\.?\s+(?=[A-Z])")
_NEXT_HONORIFIC_RE = re.compile(
    r"(?:(?<=\band )|(?<=, ))(?:Mr|Mrs|Ms|Mx|Miss|Dr|Prof)\.?\s+(?=[A-Z])"
)


def _untitled(result: Attribution) -> Attribution:
    name = result.claimant or ""
    m = _HONORIFIC_RE.match(name)
    if m is None or not name[m.end() :].strip():
        return result
    rest = _NEXT_HONORIFIC_RE.sub("", name[m.end() :])  # "Grassley and Mr. Leahy"
    if re.search(r"['’]s\b", rest):
        # "Mr Hunt's aides": the honorific is the owner's, not the speakers'.
        return replace(result, claimant=rest)
    role = result.role
    if m.group(2) and not role:
        role = m.group(0).strip()
    return replace(
        result,
        claimant=rest,
        role=role,
        kind="person",
        person_like=True,
        honorific=m.group(1) or m.group(2),
    )


def _attribute_tagged(doc: Doc, text: str) -> Attribution:
    """``_attribute_doc`` of a sentence parsed with its party tags hidden, the tags given back
    to its claim and, after the speaker's name, to the role ("Sen., R-Ohio"); a figure or an
    honorific in the claimant's name taken out of it."""
    return _untitled(_counted_group(_attribute_tagged_doc(doc, text), text))


def _attribute_tagged_doc(doc: Doc, text: str) -> Attribution:
    result = _attribute_doc(doc)
    if doc.text == text:
        return result
    claim, start, end = result.claim, result.claim_start, result.claim_end
    tags = list(_PARTY_TAG_RE.finditer(text))
    if start is not None and end is not None and doc.text[start:end] == claim:
        # A tag right after the claim's last word is that name's ("... than Sen. Ann Lee
        # (R-Ohio)").
        end = next((m.end() for m in tags if m.start() == end), end)
        claim = text[start:end]
    role = result.role
    for m in tags:
        tag = m.group()
        # A claim that is no single span, or a role: the tag goes back after the words
        # before it.
        before = doc.text[: m.start()].rsplit(" ", 1)[-1]
        if claim is not None and " " * len(tag) in claim:
            claim = claim.replace(before + " " * len(tag), before + tag, 1)
        if role is not None and " " * len(tag) in role:
            role = role.replace(before + " " * len(tag), before + tag, 1)
        if result.claimant and text[: m.start()].endswith(result.claimant):
            # After the title before the name, as the parse gave it ("Sen., D-Pa., ...").
            parts = role.split(", ") if role else []
            title = (
                parts[:1]
                if parts
                and " ".join(text[: m.start()].split()).endswith(
                    " ".join(f"{parts[0]} {result.claimant}".split())
                )
                else []
            )
            role = ", ".join([*title, tag.strip(" ()"), *parts[len(title) :]])
    return replace(result, claim=claim, claim_end=end, role=role)


def _announced_by(
    results: list[Attribution], sentences: Sequence[str], i: int
) -> Attribution | None:
    """'Lee, a retired nurse, said of the vote:' then '"There is only one choice. ...': a
    quotation opening right after a frame that ends on a colon is its speaker's, in the same
    paragraph or the next."""
    if i == 0 or not results or sentences[i].lstrip()[:1] not in _QUOTE_OPEN + '"':
        return None
    before = results[-1]
    if before.claimant is None or not sentences[i - 1].rstrip().endswith(":"):
        return None
    return replace(before, claim_start=None, claim_end=None, claim=None, frame_only=False)


# What a company's shares do in the market ("Kessler Foods shares fell after it said ...").
_MARKET_NOUNS = _words("share shares stock stocks bond bonds price prices")


def _company_of_shares(doc: Doc, result: Attribution) -> Attribution:
    """An "it" the sentence itself resolves: the company whose shares the sentence's subject
    is ("Salesforce stock tanked after it reported that ..."), named as their owner before
    the pronoun; ``result`` unchanged when there is none."""
    pronoun = next((t for t in doc if t.lower_ == "it" and t.dep_ == "nsubj"), None)
    if pronoun is None or _inside_quotation(pronoun):
        return result
    for tok in doc[: pronoun.i]:
        if tok.dep_ != "nsubj" or tok.lemma_.lower() not in _MARKET_NOUNS:
            continue
        # (A one-word company name before "stock" may be tagged an adjective: "Salesforce".)
        owners = [
            c
            for c in tok.children
            if c.dep_ in ("compound", "poss")
            and (c.pos_ == "PROPN" or (c.i > 0 and c.text[:1].isupper()))
        ]
        if owners:
            run = _proper_run(owners[-1]) if owners[-1].pos_ == "PROPN" else owners
            return replace(
                result,
                claimant=_text(doc, run),
                role=None,
                sourcing=NAMED,
                person_like=False,
                kind="organization",
            )
    return result


def _named_earlier_in_sentence(
    doc: Doc, result: Attribution, subordinate_only: bool = False
) -> Attribution:
    """A "he" or "she" that no earlier sentence resolves: the person the same sentence names
    before it, as the subject of its main clause or a clause joined to it ("Ruiz was asked
    about the levy, and she said ..."; not the subject of a "when" clause, whose "she" may be
    the person attacked). ``subordinate_only``: only when the pronoun is the subject of a
    clause under the person's own (a relative, adverbial or joined clause)."""
    pronoun = next(
        (t for t in doc if t.lower_ == result.claimant and t.dep_ in ("nsubj", "nsubjpass")),
        None,
    )
    if pronoun is None or _inside_quotation(pronoun):
        return result
    if subordinate_only and pronoun.head.dep_ not in ("relcl", "advcl", "conj"):
        return result  # "Compaq, she predicted, would ...": the name is in her claim
    unfit = {"he": "f", "she": "m"}[result.claimant]
    relative = next((t for t in pronoun.ancestors if t.dep_ == "relcl"), None)
    if relative is not None:
        # "Mr. Lee's appearance, in which he said ...": the person whose event the relative
        # clause describes.
        owner = next(
            (c for c in relative.head.children if c.dep_ == "poss" and c.pos_ == "PROPN"), None
        )
        named = _person_fit(owner, False, unfit) if owner is not None else None
        if named is not None:
            return _resolved_to(result, named, result.sourcing)
    for tok in doc[: pronoun.i]:
        if tok.dep_ not in ("nsubj", "nsubjpass") or tok.pos_ != "PROPN" or _inside_quotation(tok):
            continue
        if any(t.dep_ not in ("ROOT", "conj") for t in (tok.head, *tok.head.ancestors)):
            continue  # only the main clause and clauses joined to it
        if subordinate_only and tok.head not in pronoun.head.ancestors:
            continue
        if any(
            t.pos_ == "PROPN"
            and (
                t.dep_ in ("dobj", "dative")
                or (t.dep_ == "pobj" and t.head.lower_ in _PERSON_PREPS)  # not "in Harrisburg"
            )
            and t.lower_ not in _TIME_WORDS
            for t in doc[tok.i + 1 : pronoun.i]
        ):
            return result  # "by asking Lee why he ...": the pronoun may be Lee
        named = _person_fit(tok, False, unfit)
        if named is not None:
            return _resolved_to(result, named, result.sourcing)
    return result


_ANY_QUOTE_MARK_RE = re.compile(r"[“”«»\"]|''")


def _frame_inside_quotation(text: str, result: Attribution) -> bool:
    """For a sentence that starts inside a quotation: whether its cue and claimant stand
    before the quotation's first mark (its close), or the sentence has no mark at all."""
    if result.claimant is None or not result.cue:
        return False
    mark = _ANY_QUOTE_MARK_RE.search(text)
    end = mark.start() if mark else len(text)
    inside = text[:end]
    cue = re.search(rf"\b{re.escape(result.cue.split()[-1])}\b", text)
    claimant = text.lower().find(result.claimant.lower())
    return cue is not None and cue.start() < end and 0 <= claimant < end and bool(inside)


def _quote_state(text: str, inside: bool) -> tuple[bool, bool]:
    """(opens or continues a quotation, still open at the end) for one sentence."""
    touched = inside
    # Two apostrophes stand for a straight double quote in some wires' copy.
    for ch in text.replace("``", "“").replace("''", '"'):
        if ch in _QUOTE_OPEN or (ch == '"' and not inside):
            inside = True
            touched = True
        elif ch in _QUOTE_CLOSE or (ch == '"' and inside):
            inside = False
    return touched, inside


def attribute_sentences(
    sentences: Sequence[str], same_paragraph: Sequence[bool] | None = None
) -> list[Attribution]:
    """The attribution of each sentence of one article, in order.

    ``same_paragraph[i]`` says whether sentence ``i`` continues the paragraph of sentence
    ``i - 1`` (a quotation is carried only inside a paragraph); all True when not given.
    """
    if same_paragraph is None:
        same_paragraph = [True] * len(sentences)
    results: list[Attribution] = []
    antecedents: list[Attribution] = []  # most recent last
    quote_open = False
    open_style: str | None = None  # the kind of mark that opened the quotation still open
    quote_speaker: Attribution | None = None
    unspoken: list[int] = []  # sentences of the open quotation still without a speaker
    opened_before: list[bool] = []  # whether each sentence starts inside a quotation
    introduced: list[Attribution | None] = []  # a speaker introduced with no verb of saying
    worth = [_worth_parsing(t) for t in sentences]
    # Sentences parsed only for the people they name (no cue in them: still unattributed).
    for_names = [False] * len(sentences)
    for i, text in enumerate(sentences):
        if worth[i]:
            continue
        # A sentence that may introduce the speaker of a paragraph of quotation after it, or
        # name a person a "he" or "she" of the next sentences stands for, is parsed too.
        opens_quotation = (
            i + 1 < len(sentences)
            and not same_paragraph[i + 1]
            and sentences[i + 1].lstrip()[:1] in _QUOTE_OPEN + '"'
        )
        pronoun_after = any(_HE_SHE_RE.search(t) for t in sentences[i + 1 : i + 4])
        worth[i] = for_names[i] = (opens_quotation or pronoun_after) and _names_a_person(text)
    # A sentence that starts inside a quotation and closes it before its frame ('... the
    # Iranian regime. A vicious group of people," he said.') is parsed with its opening
    # mark given back: without it the parser reads the quoted words as the frame's subject.
    resumed = _resumed_with_frame(sentences, same_paragraph)
    parsed = iter(
        parse_many(
            [
                _OPEN_MARK * r + _hide_party_tags(t)
                for t, w, r in zip(sentences, worth, resumed, strict=True)
                if w
            ]
        )
    )

    def speak(speaker: Attribution, indexes: list[int]) -> None:
        """Give ``indexes`` (quoted sentences) the speaker named after them."""
        for j in indexes:
            a, b, claim = _quoted_claim(sentences[j])
            results[j] = replace(speaker, claim_start=a, claim_end=b, claim=claim, frame_only=False)

    for i, text in enumerate(sentences):
        doc = next(parsed) if worth[i] else None
        continued_by: Attribution | None = None
        style = _opening_style(text)
        resumes = quote_open and not same_paragraph[i] and style is not None and style == open_style
        end = next(
            (k for k in range(i + 1, len(sentences)) if not same_paragraph[k]), len(sentences)
        )
        runs_on = (
            quote_open
            and not same_paragraph[i]
            and style is None
            and closes_unopened(" ".join(sentences[i:end]))
        )
        if not same_paragraph[i] and not resumes and not runs_on:
            # (A quotation left open at a paragraph's end and resumed by a mark at the next
            # one's start runs on: English copy opens every paragraph of a long quotation and
            # closes only the last, where its frame may stand.)
            # A paragraph that is one whole quotation, right after a paragraph that closed
            # on a speaker's quotation, is that speaker going on (the wire's convention).
            before = results[-1] if results else None
            if (
                before is not None
                and before.claimant is not None
                and before.kind in ("person", "organization", "document")
                and _quote_state(sentences[i - 1], opened_before[-1])[0]
                and (
                    _whole_quotation(text)
                    or _quoted_paragraph(sentences, same_paragraph, i)
                    or _open_quoted_paragraph(sentences, same_paragraph, i)
                )
            ):
                continued_by = replace(before, claim_start=None, claim_end=None, claim=None)
            elif (
                before is not None
                and before.claimant is None
                and introduced[-1] is not None
                and (_whole_quotation(text) or _quoted_paragraph(sentences, same_paragraph, i))
            ):
                # A paragraph of quotation after one that introduced its speaker with no verb
                # of saying ("Market analyst Tom Okafor gave his view of the slump.").
                continued_by = introduced[-1]
            quote_open = False
            quote_speaker = None
            unspoken = []
        starts_inside = quote_open
        opened_before.append(starts_inside)
        # A paragraph resuming an open quotation reopens it with its first mark (a straight
        # one would otherwise read as the close).
        in_quote, quote_open = _quote_state(text, quote_open and not resumes)
        in_quote = in_quote or resumes
        if quote_open:
            open_style = _last_opening_style(text) or open_style
        if doc is None or for_names[i]:
            result = UNATTRIBUTED_RESULT
        elif resumed[i]:
            result = _unshifted(_attribute_tagged(doc, _OPEN_MARK + text), text)
            if result.claimant is None:
                # The mark is no help when the parser then misses the frame ('...," screenwriter
                # Ann Lee wrote on Twitter.'): the sentence as printed.
                plain = next(iter(parse_many([_hide_party_tags(text)])))
                result = _attribute_tagged(plain, text)
        else:
            result = _attribute_tagged(doc, text)
        if starts_inside and _frame_inside_quotation(
            _after_opening_mark(text) if resumes else text, result
        ):
            # A quotation that runs on from an earlier sentence: 'So now they say, Mr.
            # President, this is bad.' and 'Then the bank called it back."' are the quoted
            # speaker's account of what others said, no frame of the outlet's.
            result = UNATTRIBUTED_RESULT
        if result.claimant is None and not starts_inside and (frame := colon_frame(text)):
            name, title, at = frame  # 'José Gomes: "We went out ...'
            a, b, claim = _quoted_claim(text[at:])
            result = Attribution(name, NAMED, True, title, ":", at + a, at + b, claim, "person")
        resolved = _resolve(result, antecedents, described=True)
        if doc is not None and result.claimant in ("he", "she"):
            # Not resolved by the sentences before, or only to an unnamed person who spoke
            # ("the official"): the person the sentence itself names before its pronoun, if
            # any ("When Fiorina announced ..., as if she"). Resolved: that person still, when
            # the pronoun speaks in a clause under the one the person is the subject of
            # ("Biden spent Labor Day in Harrisburg, where he promised ..." after Pence).
            unresolved = resolved.claimant == result.claimant or _one_person_described(
                resolved.claimant
            )
            named = _named_earlier_in_sentence(doc, result, subordinate_only=not unresolved)
            if named.claimant != result.claimant:
                resolved = named
        if doc is not None and result.claimant == "it":
            # The company whose shares the sentence itself speaks of is nearer than any
            # antecedent ("Salesforce stock tanked after it reported that ...").
            owner = _company_of_shares(doc, result)
            if owner.claimant != "it":
                resolved = owner
        result = _surname_of_earlier(resolved, antecedents)
        if result.kind == "organization" and one_holder_title(result.claimant, antecedents):
            result = replace(result, kind="person")  # "The Premier said": a later "he"
        if result.frame_only and not text.rstrip().endswith(":"):
            # Only a frame: it speaks for the quotation just before it, if there is one
            # ("He said:" announces the next sentence and keeps its attribution).
            before = results[-1] if results and same_paragraph[i] else None
            quoted_before = i > 0 and sentences[i - 1].rstrip()[-1:] in _QUOTE_CLOSE + "\"'"
            if before is not None and quoted_before and before.claimant is None:
                speak(result, sorted(set(unspoken) | {i - 1}))
                unspoken = []
            elif not _bare_text(text):
                result = UNATTRIBUTED_RESULT
        if result.claimant is None and continued_by is None and not starts_inside:
            continued_by = _announced_by(results, sentences, i)
        if result.claimant is None and continued_by is not None:
            a, b, claim = _quoted_claim(text)
            result = replace(continued_by, claim_start=a, claim_end=b, claim=claim)
        if (
            result.claimant is None
            and (starts_inside or (in_quote and text.lstrip()[:1] in '"“‘«'))
            and quote_speaker is not None
        ):
            a, b, claim = _quoted_claim(text)
            result = replace(quote_speaker, claim_start=a, claim_end=b, claim=claim)
        opens_quote = text.lstrip()[:1] in _QUOTE_OPEN + '"'
        if result.claimant is not None and in_quote:
            quote_speaker = replace(result, claim_start=None, claim_end=None, claim=None)
            if quote_open and (other := second_speaker(text, result.claimant)) is not None:
                person = Attribution(other, NAMED, True, kind="person")
                quote_speaker = _surname_of_earlier(person, antecedents)
            if starts_inside:
                # '"We are concerned. We do not know where they are," she said.'
                speak(quote_speaker, unspoken)
            unspoken = []
        elif not in_quote and not quote_open:
            quote_speaker = None
            unspoken = []
        elif result.claimant is None and (starts_inside or opens_quote) and quote_open:
            unspoken.append(i)
        if result.claim is None:
            result = replace(result, claim_start=0, claim_end=len(text), claim=text)
        results.append(result)
        introduced.append(
            _introduced_person(doc) if doc is not None and result.claimant is None else None
        )
        if result.claimant is not None and result.kind in ("person", "organization", "group"):
            antecedents.append(result)
        elif doc is not None:
            subject = _subject_person(doc)
            if subject is not None:
                # (A sentence parsed for its names alone may call a person by a short form:
                # "Ham" after "Gen. Norman Ham".)
                antecedents.append(_fuller(subject, antecedents) if for_names[i] else subject)
            if subject is None or subject.kind != "person":
                # No person as the subject: the person the sentence names as an object.
                mention = _object_person(doc)
                if mention is not None:
                    antecedents.append(_fuller(mention, antecedents))
        del antecedents[:-8]
    # A quotation's "he" is someone the speaker talks about, also in its later sentences.
    return [
        _untitled(r if inside else _speaker_named(r, t))
        for r, t, inside in zip(results, sentences, opened_before, strict=True)
    ]


_SUBJECT_PRONOUN_RE = re.compile(r"(?i)^(he|she|it|they)\s+(?=\w)")
_PRONOUN_FITS = {
    "he": ("person",),
    "she": ("person",),
    "it": ("organization", "document"),
    "they": ("group", "organization"),
}
# "said it was unclear whether ...": an "it" before these is no one.
_EXPLETIVE_NEXT = _words("is was 's be been being seems seemed appears appeared remains remained")


def _another_name_before(text: str, result: Attribution) -> bool:
    """Whether the cue names someone else before the claim ("Axelrod made peace by telling
    Clinton she had been ..."): the pronoun may stand for that person. An outlet told
    ("told The Associated Press that he") or a place is no one the pronoun stands for."""
    cue = (result.cue or "").split()[-1:]
    at = text.rfind(cue[0], 0, result.claim_start) if cue else -1
    if at < 0:
        return False
    between = text[at + len(cue[0]) : result.claim_start]
    # The addressee stands right after the cue ("telling Clinton", "told host Chris Cuomo").
    runs = re.findall(r"^\s*(?:[a-z]+\s+)?((?:[A-Z][\w.-]*\s*)+)(?:\s|,|$)", between)
    own = {_bare_word(w) for w in f"{result.claimant} {result.role or ''}".split()}
    return any(
        not run.startswith("The ")
        and not any(_bare_word(w) in own | _TIME_WORDS for w in run.split())
        for run in runs
    )


def _bare_word(word: str) -> str:
    return word.lower().replace("’", "'").removesuffix("'s").rstrip("'.,")


_FRAME_PRONOUN_RE = re.compile(r"(?i)\b(?:he|she|they|it)\b")


def _frame_names_after(text: str, result: Attribution) -> bool:
    """Whether the frame follows the claim (its cue stands after the claim, none before) and
    names the speaker there rather than calling them by a pronoun."""
    cue = (result.cue or "").split()[-1:]
    if not cue or result.claim_start is None or result.claim_end is None:
        return False
    if text.rfind(cue[0], 0, result.claim_start) >= 0:
        return False
    tail = text[result.claim_end :]
    return cue[0] in tail and not _FRAME_PRONOUN_RE.search(tail)


def _speaker_named(result: Attribution, text: str) -> Attribution:
    """The claim names the speaker its subject pronoun stands for: in "Google said it would
    cut 12,000 jobs" the claim is "Google would cut 12,000 jobs", or it says nothing checkable
    and two speakers' claims read the same. The claim is then no single span of the input."""
    claim, claimant = result.claim, result.claimant
    if not claim or not claimant or claimant.lower() in _ALL_PRONOUNS:
        return result
    if result.claim_start is None or _quote_state(text[: result.claim_start], False)[1]:
        return result  # '"He will see you," Ms. Lee wrote': a quotation's "he" is someone else
    if _frame_names_after(text, result):
        # "He was charged with murder, Mina said": a pronoun opening a claim that a frame
        # naming its speaker follows stands for someone the article spoke of before (the
        # suspect), not for that speaker, who would have been named first ("He will run
        # again, he said" is one person, and stays the speaker).
        return result
    m = _SUBJECT_PRONOUN_RE.match(claim)
    if m is None or result.kind not in _PRONOUN_FITS[m.group(1).lower()]:
        return result
    if result.cue and names_its_object(result.cue):
        return result  # "calls it the biggest reform": an object, not the speaker
    pronoun = m.group(1).lower()
    unfit = {"he": "f", "she": "m"}.get(pronoun)
    if unfit is not None and _gender(result) == unfit:
        return result  # "Mrs. Clinton added that he was better ...": someone else
    if pronoun == "they" and _one_speaker(claimant):
        return result  # "One operative ..., saying they were ...": one is no "they"
    if _another_name_before(text, result):
        return result  # "Axelrod made peace by telling Clinton she had been ...": hers
    rest = claim[m.end() :]
    if m.group(1).lower() == "it" and set(rest.lower().split()[:2]) & _EXPLETIVE_NEXT:
        return result
    role = result.role or ""
    if result.kind == "group" and _BARE_FIGURE_RE.match(role):
        return result  # "Of those polled, 62% said they ...": 62%, not all of them
    if result.kind == "group" and (_SHARE_OF_RE.match(role) or _SHARE_NOUN_RE.match(role)):
        # A figure's group: the share said it of itself ("A third of the nurses said they
        # had worked unpaid hours": not every nurse).
        claimant = role
    return replace(result, claim=f"{claimant} {rest}", claim_start=None, claim_end=None)


# What makes "a ..." many: "a majority of voters", "a third of them", "a mere 9 percent".
_MANY_WORDS = _words(
    """
    number majority minority plurality third thirds quarter half fifth tenth few handful
    dozen dozens couple host slew lot group groups percent coalition series total mere full
    """
)


def _one_speaker(claimant: str) -> bool:
    """Whether a claimant is one person or thing ("One operative", "a neighbor"), whom a
    "they" cannot stand for."""
    words = [_bare_word(w) for w in claimant.split()]
    if words[0] == "one":
        return True
    if words[0] not in ("a", "an"):
        return False
    return not any(w in _MANY_WORDS or any(ch.isdigit() for ch in w) for w in words)


_IRREGULAR_FORMS = _words(
    """
    said says told tells wrote written writes found shown thought believed felt knew
    according accord
    """
)


def _forms(lemma: str) -> set[str]:
    """The inflected forms of a regular English verb or noun, generously."""
    forms = {lemma, lemma + "s", lemma + "es", lemma + "ed", lemma + "d", lemma + "ing"}
    if lemma.endswith("e"):
        forms |= {lemma[:-1] + "ing"}
    if lemma.endswith("y"):
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if len(lemma) > 2 and lemma[-1] not in "aeiouwxy" and lemma[-2] in "aeiou":
        forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return forms


_CUE_FORMS = (
    frozenset(
        form
        for lemma in SPEECH_LEMMAS
        | EVIDENCE_LEMMAS
        | _NAMING_LEMMAS
        | _JUDGING_LEMMAS
        | _NOUN_CUES
        | {"point", "learn"}
        for form in _forms(lemma)
    )
    | _IRREGULAR_FORMS
    | {"learnt"}
)
_WORD_RE = re.compile(r"[a-z]+")


# Longer "sentences" are tables, lists or text without punctuation: no parse (spaCy also
# refuses texts over a million characters).
MAX_PARSED_CHARACTERS = 3000


# A sentence that opens with a name ("Tom Ellis is a pollster in Ohio.", "Ms. Ruiz has run
# the agency since 2019."): parsed for its subject, the antecedent of a later "he said".
_NAME_FIRST_RE = re.compile(r"^[\"“]?(?:[A-Z][\w’'-]*\.?\s+){1,3}[A-Z][\w’'-]+\b(?!\s+[A-Z])")


def _worth_parsing(text: str) -> bool:
    return _may_attribute(text) or (
        len(text) <= MAX_PARSED_CHARACTERS and _NAME_FIRST_RE.match(text) is not None
    )


# A person named with a title or role, or as the object of a verb that acts on people: a
# sentence worth parsing for a later "he" or "she" even with no cue in it.
_PERSON_OBJECT_FORMS = frozenset(f for lemma in _PERSON_OBJECT_LEMMAS for f in _forms(lemma)) | {
    "met",
    "shot",
    "freed",
}
_TITLE_WORDS = sorted({w.rstrip(".") for w in ROLE_WORDS | _HONORIFICS}, key=len, reverse=True)
_TITLED_NAME_RE = re.compile(
    r"(?i:\b(?:" + "|".join(map(re.escape, _TITLE_WORDS)) + r")\.?)\s+[A-Z][\w’'-]+"
)
_NAME_AFTER_WORD_RE = re.compile(r"\b([a-z]+)\s+[A-Z][\w’'-]+\s+[A-Z]")
_HE_SHE_RE = re.compile(r"(?i)\b(?:he|she)\b")


def _names_a_person(text: str) -> bool:
    """Whether a sentence may name a person a later pronoun stands for (see
    ``_object_person``; most sentences need no parse for it)."""
    if len(text) > MAX_PARSED_CHARACTERS:
        return False
    if _TITLED_NAME_RE.search(text):
        return True
    return any(m.group(1) in _PERSON_OBJECT_FORMS for m in _NAME_AFTER_WORD_RE.finditer(text))


def _may_attribute(text: str) -> bool:
    """Whether a sentence holds any word that could be a cue (most need no parse)."""
    if len(text) > MAX_PARSED_CHARACTERS:
        return False
    low = text.lower()
    return "as per " in low or any(w in _CUE_FORMS for w in _WORD_RE.findall(low))


def _bare_text(text: str) -> bool:
    """'Clinton said.': a subject and a cue, nothing more (a few words, no comma)."""
    return len(text.split()) <= 4 and "," not in text


def _strip_quote(text: str) -> tuple[int | None, int | None, str]:
    stripped = text.strip(_STRIP)
    if not stripped:
        return 0, len(text), text
    a = text.index(stripped)
    return a, a + len(stripped), stripped


_OPEN_MARK = "\u201c"
_FRAME_AFTER_CLOSE_RE = re.compile(r"^[^“”«»\"]*\w[^“”«»\"]*[”»\"][\s,.]*\w")


def _resumed_with_frame(sentences: Sequence[str], same_paragraph: Sequence[bool]) -> list[bool]:
    """Per sentence: whether it starts inside a quotation opened by an earlier sentence of
    its paragraph and closes it with words after the mark (a frame may follow)."""
    out, inside = [], False
    for text, same in zip(sentences, same_paragraph, strict=True):
        if not same:
            inside = False
        out.append(inside and bool(_FRAME_AFTER_CLOSE_RE.match(text.replace("''", '"'))))
        inside = _quote_state(text, inside)[1]
    return out


def _quoted_paragraph(sentences: Sequence[str], same_paragraph: Sequence[bool], i: int) -> bool:
    """Whether the paragraph that sentence ``i`` opens is one quotation over several
    sentences, with no frame in it ('"Engineers replaced every cable. The cost stayed
    within budget."')."""
    end = i + 1
    while end < len(sentences) and same_paragraph[end]:
        end += 1
    return end - i > 1 and _whole_quotation(" ".join(sentences[i:end]))


def _open_quoted_paragraph(
    sentences: Sequence[str], same_paragraph: Sequence[bool], i: int
) -> bool:
    """Whether the paragraph that sentence ``i`` opens is a quotation left open at its end
    with no frame or other mark in it, which the next paragraph resumes with a mark of its
    kind (English copy opens each paragraph of a long quotation and closes only the last)."""
    end = i + 1
    while end < len(sentences) and same_paragraph[end]:
        end += 1
    body = " ".join(sentences[i:end]).strip()
    style = _opening_style(body)
    if style is None or end >= len(sentences) or _opening_style(sentences[end]) != style:
        return False
    inner = body[2:] if body.startswith(("``", "''")) else body[1:]
    marks = _QUOTE_OPEN + _QUOTE_CLOSE + '"'
    return len(inner.split()) >= 4 and not any(ch in inner for ch in marks)


def _unshifted(result: Attribution, text: str) -> Attribution:
    """An attribution of ``_OPEN_MARK + text`` given back in ``text``'s offsets."""
    if result.claim_start is None or result.claim_end is None:
        claim = result.claim
        if claim is not None and claim.startswith(_OPEN_MARK):
            claim = claim[1:]
        return replace(result, claim=claim)
    start = max(result.claim_start - 1, 0)
    end = max(result.claim_end - 1, start)
    return replace(result, claim_start=start, claim_end=end, claim=text[start:end])


def _mark_style(mark: str) -> str | None:
    """'curly', 'guillemet' or 'straight' for a mark that may open a quotation."""
    return {"“": "curly", "«": "guillemet", '"': "straight", "`": "straight"}.get(mark)


def _opening_style(text: str) -> str | None:
    """The kind of mark ``text`` opens with, if it opens with one ("''" too, the straight
    mark of some wires' copy). A paragraph resumes a quotation left open only with marks of
    its kind: copy that quotes a long passage in straight marks and its own speakers in
    curly ones keeps the two apart."""
    body = text.lstrip()
    return "straight" if body.startswith("''") else _mark_style(body[:1])


def _last_opening_style(text: str) -> str | None:
    """The kind of the last mark in ``text`` that may open a quotation."""
    for ch in reversed(text.replace("''", '"')):
        if _mark_style(ch) is not None:
            return _mark_style(ch)
    return None


def _after_opening_mark(text: str) -> str:
    """``text`` without the mark that opens it (a paragraph resuming a quotation)."""
    body = text.lstrip()
    return body[2:] if body.startswith(("``", "''")) else body[1:]


def _whole_quotation(text: str) -> bool:
    """'"The start date will depend on this deployment."': one quotation, nothing else."""
    body = text.strip()
    if body[:1] not in _QUOTE_OPEN + '"' or body[-1:] not in _QUOTE_CLOSE + '"':
        return False
    inner = body[1:-1]
    if len(inner.split()) < 4 or inner.rstrip().endswith(":"):
        return False  # '"Related:"': page furniture in marks
    return not any(ch in inner for ch in _QUOTE_OPEN + _QUOTE_CLOSE + '"')


def _quoted_claim(text: str) -> tuple[int | None, int | None, str]:
    """A quoted sentence as a claim: its marks and, as in any claim, its final stop left out
    ('Management will have to address concerns.' -> 'Management will have to ...')."""
    a, b, stripped = _strip_quote(text)
    if stripped[-1:] == "." and stripped[-2:-1].isalnum():
        stripped = stripped[:-1]
        b = a + len(stripped)
    return a, b, stripped


# What a name or its role says of the pronoun that fits it ("Ms. Awan" is no "he"): a title
# in the name, or a role word that only ever names a woman or a man. ("Spokesman" and
# "chairman" are said of women too.)
_FEMININE_TITLES = _words("ms mrs miss madam madame lady dame queen princess duchess baroness")
_MASCULINE_TITLES = _words("mr sir lord king prince duke baron")
_FEMININE_ROLES = _words(
    """
    spokeswoman chairwoman congresswoman councilwoman businesswoman stateswoman
    sportswoman mother sister daughter wife widow grandmother aunt niece actress
    """
)
_MASCULINE_ROLES = _words("father brother son husband widower grandfather uncle nephew")


def _gender(person: Attribution) -> str | None:
    """ "f", "m" or None. (Never learnt from an earlier "he": a pronoun resolved to the
    nearest person may be wrong, and the error would spread.)"""
    name = _WORD_RE.findall((person.claimant or "").lower())
    title = person.honorific.lower() if person.honorific else name[0] if len(name) > 1 else ""
    role = set(re.findall(r"\b[a-z]+\b", person.role or ""))  # lower case: no "Miss Universe"
    if _one_person_described(person.claimant):
        role |= set(name)  # "the minister's widow" is a she
    female = title in _FEMININE_TITLES or bool(role & _FEMININE_ROLES)
    male = title in _MASCULINE_TITLES or bool(role & _MASCULINE_ROLES)
    if female != male:
        return "f" if female else "m"
    return None


def _surname_of_earlier(result: Attribution, antecedents: list[Attribution]) -> Attribution:
    """ "Chambers said ..." after "chief executive John Chambers": a surname alone is the
    person the article named in full before (whatever its words read as alone: "Chambers"
    is no chamber), with that person's role when the sentence gives none."""
    name = (result.claimant or "").strip()
    if not name or " " in name or not name[:1].isupper():
        return result
    earlier = _named_in_full([name], antecedents)
    if earlier is None:
        return result
    role = earlier.role if re.search(r"[A-Za-z]", earlier.role or "") else None  # not "44"
    return replace(result, kind="person", person_like=True, role=result.role or role)


def _resolve(
    result: Attribution, antecedents: list[Attribution], described: bool = False
) -> Attribution:
    """``result`` with a claimant that stands for someone named before given that name: a
    pronoun (a person, group or thing) the nearest antecedent that fits it, a title alone its
    one holder (``_resolve_title``). Antecedents: the article's earlier speakers and
    subjects, most recent last."""
    if result.claimant is None:
        return result
    if result.kind not in ("person", "group", "thing"):
        return _resolve_title(result, antecedents)
    low = result.claimant.lower()
    unfit = {"he": "f", "him": "f", "she": "m", "her": "m"}.get(low)
    if low in _PERSON_PRONOUNS:
        wanted = ("person",)
    elif low in _GROUP_PRONOUNS:
        wanted = ("group", "organization")
    elif low in _THING_PRONOUNS:
        wanted = ("organization", "document")
    else:
        return result
    for earlier in reversed(antecedents):
        if (
            (
                earlier.kind in wanted
                or (
                    described
                    and wanted == ("person",)
                    and earlier.sourcing == ANONYMOUS
                    and earlier.kind == "group"
                    and _one_person_described(earlier.claimant)
                )
            )
            and earlier.claimant
            and earlier.claimant.lower()
            not in (_PERSON_PRONOUNS | _GROUP_PRONOUNS | _THING_PRONOUNS)
        ):
            if unfit is not None and _gender(earlier) == unfit:
                continue  # "She said ..." after "Mr. Buzdar said ...": someone else
            sourcing = ANONYMOUS if result.sourcing == ANONYMOUS else earlier.sourcing
            return _spoken_by(result, earlier, sourcing)
    if low in _THING_PRONOUNS:
        return UNATTRIBUTED_RESULT
    return result


# Words that end the head of a description ("an official close to the talks", "a diplomat
# who ..."), and heads that name a body of people, not one person ("the police").
_DESCRIPTION_STOPS = _words("who whose that close familiar with in at from of for to on by")
_COLLECTIVE_HEADS = _words(
    """police staff people personnel government military army team group committee crew
    family public press media council board panel jury"""
)


def _one_person_described(claimant: str | None) -> bool:
    """Whether an unnamed claimant describes one person ("the official", "a senior diplomat
    close to the talks"), whom a later "he" or "she" may stand for (when that person spoke
    unnamed: a subject described, "the third victim", is too often not the speaker)."""
    words = re.findall(r"[a-z][a-z'-]*|,", (claimant or "").lower())
    if len(words) < 2 or words[0] not in ("a", "an", "the", "another", "one"):
        return False
    head = None
    for word in words[1:]:
        if word in _DESCRIPTION_STOPS or word == ",":
            break
        head = word
    if head is None or head in _COLLECTIVE_HEADS:
        return False
    return not head.endswith("s") or head.endswith(("ss", "us"))


# "The minister said ...": an office named by its title alone, after the article named the
# person who holds it ("Foreign Minister Ana Ruiz said ...").
_OFFICE_TITLES = _words(
    """minister president secretary chancellor governor mayor senator ambassador envoy premier
    commissioner chairman chairwoman chairperson spokesman spokeswoman spokesperson prosecutor
    sheriff judge coach manager captain"""
)
_TITLE_RE = re.compile(r"(?i)^the\s+((?:[a-z-]+\s+){0,2}[a-z-]+)$")


def _resolve_title(result: Attribution, antecedents: list[Attribution]) -> Attribution:
    """``result`` with its claimant named when it is "the minister" (a title, perhaps with a
    word or two before it: "the foreign minister") and exactly one person among the recent
    antecedents has a role with all of its words; unchanged otherwise (two ministers named:
    which one is not for a rule to guess)."""
    match = _TITLE_RE.match(result.claimant or "")
    if match is None:
        return result
    words = match.group(1).lower().split()
    if words[-1] in _BODY_TITLES:
        # (Lower case only: "the Security Council" is a name, as printed.)
        return _resolve_body(result, words, antecedents) if match.group(1).islower() else result
    if words[-1] not in _OFFICE_TITLES:
        return result
    fits: dict[str, Attribution] = {}
    for earlier in reversed(antecedents):
        role = set(_WORD_RE.findall((earlier.role or "").lower()))
        if earlier.kind == "person" and earlier.person_like and role.issuperset(words):
            # One person under two names ("Mohammed Idris", then "Idris"): the fuller one.
            surname = (earlier.claimant or "").split()[-1:] or [""]
            known = fits.get(surname[0])
            if known is None or len(earlier.claimant or "") > len(known.claimant or ""):
                fits[surname[0]] = earlier
    if len(fits) != 1:
        return result
    (earlier,) = fits.values()
    return _spoken_by(result, earlier, earlier.sourcing)


# "The ministry said ...", "the company said": a body named by its kind alone, after the
# article named it ("Harlow's health ministry said ...", "Brandt Motors Inc. said ...").
_BODY_TITLES = _words(
    """ministry department agency company firm commission committee council authority
    regulator bank court tribunal office"""
)
# The words that make a name a company's ("Inc.", "plc"): without one, "Brandt Motors" may be
# a person's name.
_CORPORATE_WORDS = _words("inc corp corporation co ltd llc plc ag sa nv group holdings company")


def _resolve_body(
    result: Attribution, words: list[str], antecedents: list[Attribution]
) -> Attribution:
    """``result`` ("the ministry", "the company") named when exactly one recent antecedent
    is a body of that kind: its name holds every word of the title ("the health ministry" ->
    "Harlow's health ministry"), or, for "the company" and "the firm", ends in a corporate word
    ("Brandt Motors Inc."). Unchanged otherwise."""
    kind_words = [w for w in words if w not in ("company", "firm")]
    fits: dict[str, Attribution] = {}
    for earlier in reversed(antecedents):
        name = _WORD_RE.findall((earlier.claimant or "").lower())
        if not name or earlier.claimant == result.claimant:
            continue
        corporate = name[-1] in _CORPORATE_WORDS
        if words[-1] in ("company", "firm"):
            fit = corporate and set(name).issuperset(kind_words)
        else:
            fit = set(name).issuperset(words) and not corporate
        if fit:
            fits.setdefault(" ".join(name), earlier)
    if len(fits) != 1:
        return result
    (earlier,) = fits.values()
    title = " ".join(words)
    role = earlier.role if earlier.role and words[-1] in earlier.role.lower() else title
    return replace(_spoken_by(result, earlier, earlier.sourcing), role=role, kind="organization")


def _spoken_by(result: Attribution, earlier: Attribution, sourcing: str) -> Attribution:
    """``result`` with the claimant ``earlier`` names (its name, role and kind)."""
    earlier = _untitled(earlier)
    return replace(
        result,
        claimant=earlier.claimant,
        role=earlier.role,
        sourcing=sourcing,
        person_like=earlier.person_like,
        kind=earlier.kind,
        honorific=earlier.honorific,
    )


def attribute(sentence: str, previous: Attribution | None = None) -> Attribution:
    """The attribution of one sentence on its own (``previous``: an antecedent for "he")."""
    if previous is None:
        return attribute_sentences([sentence])[0]
    result = _attribute_tagged(next(iter(parse_many([_hide_party_tags(sentence)]))), sentence)
    result = _resolve(result, [previous])
    if result.claim is None:
        result = replace(result, claim_start=0, claim_end=len(sentence), claim=sentence)
    return _untitled(_speaker_named(result, sentence))
