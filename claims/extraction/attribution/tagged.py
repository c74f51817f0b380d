"""Clean-ups of one sentence's result: party tags, a share or count as the speaker, honorifics, a
company for its shares.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc
from .claimant import _proper_run, _text
from .lexicon import _QUOTE_OPEN, _TIME_WORDS, _words
from .marks import _inside_quotation
from .persons import _PERSON_PREPS
from .result import ANONYMOUS, NAMED, Attribution
from .sentence import _attribute_doc, _person_fit, _resolved_to

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
