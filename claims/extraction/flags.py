"""Claim kinds as flags: statistic, quote, capability, prediction, hedged.

Each flag is a cheap, explainable rule on one sentence. A sentence may carry several flags
or none; flags describe a sentence and do not decide whether it is check-worthy.
"""

from __future__ import annotations

import re

STATISTIC = "statistic"
QUOTE = "quote"
CAPABILITY = "capability"
PREDICTION = "prediction"
HEDGED = "hedged"
ALL_FLAGS = (STATISTIC, QUOTE, CAPABILITY, PREDICTION, HEDGED)

_MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
# Dates, times and years are numbers that are not statistics: blank them out first.
_DATE_LIKE_RE = re.compile(
    r"\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b"
    rf"|\b{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?\b"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS}(?:\s+\d{{4}})?\b"
    r"|\b\d{1,2}[:.]\d{2}\s*(?:a\.m\.|p\.m\.|am|pm)?|\b\d{1,2}\s*(?:a\.m\.|p\.m\.)"
    r"|\b(?:in|since|by|until|from|of|during|before|after|to|and)\s+(?:1[89]|20)\d\d\b"
    r"|\b(?:1[89]|20)\d\d(?:s|/\d\d)?\b(?=\s*(?:[,.;:)]|$))"
    r"|\b(?:Article|No\.|Section|Chapter|Resolution|Room|Flight|Route|Highway|page|"
    r"Covid|COVID|F|G|Su|MiG|Tu|Ka|Mi|T)[- ]?\d+\b"
)
_NUMBER_RE = re.compile(r"\d")
_STAT_WORDS_RE = re.compile(
    r"\b(?:percent|per cent|percentage|million|billion|trillion|thousands?|hundreds?|dozens?|"
    r"half|twice|double[ds]?|tripled?|quadrupled?|(?:one|two|three|four)-(?:thirds?|"
    r"quarters?|fifths?)|majority|minority|average|median|rate|per capita|record)\b",
    re.I,
)
_NUMBER_WORD_QTY_RE = re.compile(
    r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|"
    r"forty|fifty|sixty|seventy|eighty|ninety|hundred)\s+(?:[a-z]+\s+)?(?:people|years|"
    r"months|weeks|days|times|percent|countries|states|soldiers|troops|deaths|cases|jobs)\b",
    re.I,
)
_QUOTED_RE = re.compile(r"[\"“]([^\"“”]{1,400})[\"”]|(?:^|\s)[‘']([^‘’']{8,400})[’'](?=\W|$)")
_SPEECH_NEAR_RE = re.compile(
    r"\b(?:said|says|say|told|calling|called|described|describ\w+|explained|added|wrote|"
    r"warned|argued|insisted|declared|tweeted|posted|stated|according to)\b",
    re.I,
)
# Capability: a company, product or system as the subject of a present-tense "can do" verb
# ("Its systems combine...", "Palantir's software provides...", "The company specializes in").
_CAPABILITY_VERBS = (
    r"can|is able to|are able to|is capable of|are capable of|allows?|enables?|lets|"
    r"speciali[sz]es in|speciali[sz]e in|provides?|offers?|delivers?|combines?|predicts?|"
    r"detects?|identifies|identify|tracks?|monitors?|analy[sz]es|automates?|ensures?|"
    r"powers?|is designed to|are designed to|uses?|integrates?|processes|generates?|"
    r"helps?|makes?|turns?|scans?|maps?|supplies|supply"
)
_CAPABILITY_SUBJECTS = (
    r"company|companies|firm|firms|startup|start-up|software|system|systems|platform|"
    r"platforms|tool|tools|product|products|technology|technologies|app|apps|device|"
    r"devices|model|models|algorithm|algorithms|chip|chips|drone|drones|service|"
    r"solution|engine|AI|robot|robots|vehicle|vehicles|satellite|satellites|program"
)
_CAPABILITY_RE = re.compile(
    rf"\b(?:{_CAPABILITY_SUBJECTS})\b"
    # an optional appositive between commas or brackets: "The company, led by X, ..."
    r"(?:\s*,[^,]{1,120},|\s*\([^)]{1,120}\))?"
    r"(?:\s+(?:also|now|already|even|then|currently|reportedly|automatically|quickly))?"
    rf"\s+(?:{_CAPABILITY_VERBS})\b"
    # or a named company or product as the subject: "Palantir provides", "Acme's chips can"
    r"|\b[A-Z][A-Za-z0-9]+(?:['’]s\s+[a-z]+)?\s+"
    r"(?:can|speciali[sz]es in|provides|offers|enables|allows|lets|combines|predicts|"
    r"detects|automates|is able to|is capable of|is designed to)\b",
)
_PREDICTION_RE = re.compile(
    r"\b(?:will|won't|shall|going to|is expected to|are expected to|expected to|"
    r"is set to|are set to|is likely to|are likely to|is projected to|projected|forecasts?|"
    r"predicts?|would|could|might|if|unless|in the coming|next (?:year|month|week)|"
    r"by 20\d\d|risks?)\b",
    re.I,
)
_HEDGE_RE = re.compile(
    r"\b(?:may|might|could|perhaps|possibly|probably|likely|unlikely|reportedly|allegedly|"
    r"apparently|seemingly|presumably|appears? to|seems? to|appeared to|seemed to|"
    r"suggests?|suggested|is believed to|are believed to|it is unclear|not clear|"
    r"approximately|roughly|an estimated|estimated|around|nearly|almost|some|partly|"
    r"at least partly|in part|potential(?:ly)?|barring)\b",
    re.I,
)


def claim_flags(sentence: str, attributed: bool = False) -> tuple[str, ...]:
    """Flags for one sentence, in the order of ``ALL_FLAGS``."""
    flags = []
    if _is_statistic(sentence):
        flags.append(STATISTIC)
    if _is_quote(sentence, attributed):
        flags.append(QUOTE)
    if _CAPABILITY_RE.search(sentence):
        flags.append(CAPABILITY)
    if _PREDICTION_RE.search(sentence):
        flags.append(PREDICTION)
    if _HEDGE_RE.search(sentence):
        flags.append(HEDGED)
    return tuple(flags)


def _is_statistic(sentence: str) -> bool:
    stripped = _DATE_LIKE_RE.sub(" ", sentence)
    if _NUMBER_RE.search(stripped):
        return True
    return bool(_STAT_WORDS_RE.search(stripped) or _NUMBER_WORD_QTY_RE.search(stripped))


def _is_quote(sentence: str, attributed: bool) -> bool:
    for m in _QUOTED_RE.finditer(sentence):
        quoted = m.group(1) or m.group(2) or ""
        if len(quoted.split()) >= 4:
            return True
        # A short quoted phrase is a quote when someone is said to have said it
        # ("calling it a 'turning point'"), and a scare quote otherwise.
        if attributed and _SPEECH_NEAR_RE.search(sentence[max(0, m.start() - 120) : m.start()]):
            return True
    return False
