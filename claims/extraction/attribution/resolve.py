"""Pronouns and titles resolved to the person or body they stand for: gender by title and role, the
nearest fitting antecedent.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .lexicon import (
    _GROUP_PRONOUNS,
    _OFFICE_TITLES,
    _PERSON_PRONOUNS,
    _THING_PRONOUNS,
    _WORD_RE,
    _words,
)
from .persons import _gender, _named_in_full, _one_person_described
from .result import ANONYMOUS, UNATTRIBUTED_RESULT, Attribution
from .tagged import _untitled


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
