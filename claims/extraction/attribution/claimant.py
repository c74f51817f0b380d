"""A claimant phrase split into a name and a role: proper-noun runs, titles, organisations,
publishers, spokespeople.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
from .lexicon import (
    _ACCORDING_TO,
    _DOCUMENT_WORDS,
    _GROUP_PRONOUNS,
    _NOT_SUBJECTS,
    _OBJECT_PRONOUNS,
    _ORGANISATION_WORDS,
    _PERSON_PRONOUNS,
    _PHOTO_MARKS,
    _QUANTIFIERS,
    _REPORTING_LEMMAS,
    _STRIP,
    _THING_PRONOUNS,
    _TIME_WORDS,
    _UNRESOLVABLE,
    ANONYMOUS_HEADS,
    EVIDENCE_LEMMAS,
    EXPERT_HEADS,
    ROLE_WORDS,
    SPEECH_LEMMAS,
    _words,
)
from .marks import _inside_quotation, _last_quote_before
from .result import ANONYMOUS, NAMED


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
    elif _unnamed_people(head, tokens, named_inside):
        sourcing, kind = ANONYMOUS, "group"
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


# People who speak for an office or a case, not as members of the public: "prosecutors" of
# the case, "investigators", "the police" are the story's institution (named, as "the
# ministry" is); "his lawyers" belong to a named person.
_OFFICE_PLURALS = _words(
    """
    prosecutors investigators inspectors regulators auditors lawyers attorneys judges
    police firefighters paramedics rescuers troops forces soldiers negotiators managers
    organisers organizers directors trustees governors ministers commissioners
    """
)
# Nouns for members of the public, and the endings of such nouns ("farmers", "tenants",
# "politicians") where the word is written in lower case: capitalised at a sentence's start
# an ending proves nothing ("Chambers, one of Silicon Valley's longest-serving chief
# executives, said" is a surname the tagger reads as a plural).
_PEOPLE_ENDINGS = ("ers", "ors", "ents", "ants", "ists", "ians", "ees")
_PEOPLE_PLURALS = _words(
    """
    people locals fans families women men children youths villagers voters parents students
    teachers workers farmers patients shoppers customers passengers drivers protesters
    demonstrators tenants homeowners commuters consumers users readers viewers listeners
    citizens taxpayers survivors victims relatives neighbours neighbors pensioners retirees
    motorists travellers travelers visitors owners
    """
)


def _unnamed_people(head: Token, tokens: Sequence[Token], named_inside: bool) -> bool:
    """ "Voters said", "Many parents said", "Farmers in the valley said": a plural noun for
    people that names no one is an unnamed group, anonymous as "residents" are (before, such a
    phrase was a named organisation, and claimant linking filed every "Voters" under one
    claimant). Not an office ("prosecutors", "the police") or a body's plural ("agencies"),
    anyone's ("his lawyers", "the company's engineers"), a group the story identified ("the
    two lawmakers"), a noun the sentence capitalises as a name, or a document."""
    low = head.lower_
    if named_inside or head.tag_ != "NNS" or low in _OFFICE_PLURALS:
        return False
    if low in _DOCUMENT_WORDS or _ORGANISATION_WORDS & {low, low[:-1], low[:-3] + "y"}:
        return False  # "the departments", "agencies"
    if any(child.dep_ == "poss" for child in head.children):
        return False
    if tokens[0].lower_ in ("the", "these", "those", "this", "that"):
        return False  # "the two lawmakers", "the authors": the ones the story identified
    return low in _PEOPLE_PLURALS or (head.text.islower() and low.endswith(_PEOPLE_ENDINGS))


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
