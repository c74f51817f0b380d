"""Who a cue's subject is: the subject of a verb of saying, appositions and names set off before
it, relatives, outlets.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .frames import (
    passive_speaker,
)

if TYPE_CHECKING:
    from spacy.tokens import Token
from .claimant import _bare_name_first
from .cue_parts import _pointed_to
from .lexicon import _ADDRESSEE_LEMMAS, _NAMING_LEMMAS, _QUOTE_OPEN, _TIME_WORDS, _words
from .marks import (
    _between_quote_and,
    _inside_quotation,
    _last_quote_before,
    _name_after_title,
    _quote_between,
    _quote_mark,
    _quoted,
)

_ASKING_LEMMAS = _words("ask wonder question inquire enquire")
# Verbs whose subject, not their object, does what their infinitive says.
_SUBJECT_CONTROL = frozenset({"promise", "vow", "threaten", "pledge", "offer"})
_NOMINAL = ("PROPN", "NOUN", "PRON")


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
