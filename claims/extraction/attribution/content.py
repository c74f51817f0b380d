"""What a cue claims: noun cues ("a report that"), benchmarks, the content around a cue less its
frame.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .frames import (
    next_act_after_infinitive,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
from .cue_parts import _Cue, _that_complement_as_relative, _that_marked, _thin
from .lexicon import (
    _ADDRESSEE_LEMMAS,
    _DOCUMENT_WORDS,
    _TIME_WORDS,
    EVIDENCE_LEMMAS,
    EXPERT_HEADS,
    SPEECH_LEMMAS,
    _words,
)
from .marks import _depth, _last_quote_before, _quote_between, _quote_mark
from .subjects import _name_set_off_before, _relative_object, _subject

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
