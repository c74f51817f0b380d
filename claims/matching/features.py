"""What the scorer and the conflict detectors know about one claim text, computed once.

``features(text)`` is cached, so re-ranking one new claim against many candidates analyzes the
new claim once. Everything here is derived from ``normalize.analyze`` tokens.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from .normalize import ALIASES, CASE_SENSITIVE, Token, analyze, parse_number
from .places import canonical_words, fold, group_of, groups_in
from .quantities import (
    CURRENCIES,
    DAY_ORDINALS,
    EXACT,
    FRACTION,
    HEDGED,
    UNITS,
    Quantity,
    quantities,
)

__all__ = [
    "EXACT",
    "FRACTION",
    "HEDGED",
    "UNITS",
    "Features",
    "Quantity",
    "Wording",
    "features",
    "quantities",
    "wording",
]


def _words(text: str) -> list[str]:
    return text.split()


# Function words: ignored by the similarity, used as role markers. Negations and direction
# words ("not", "more", "up", "over") are deliberately NOT here: they carry the claim.
STOPWORDS = frozenset(
    _words(
        "a an the and or but if then so than that this these those there here it its "
        "itself i me my we us our you your he him his she her they them their who whom "
        "whose which what when where why how is are was were be been being am do does "
        "did doing have has had having will would shall should can could may might must "
        "of in on at by for with from to into onto as about also just very really "
        "actually indeed well even still yet too quite rather all any each both some "
        "such own same other another s t said says say saying says"
    )
)
NEGATIONS = frozenset(_words("not no never none nobody nothing neither nor without nowhere"))
# Verbs that say "not" ("failed to pay" = "did not pay", "lacks" = "does not have", "stopped
# using" = "no longer uses"): each counts as a negation word. General English, by hand.
_NOT_TO = frozenset(_words("fail fails failed failing refuse refuses refused refusing decline "
                           "declines declined declining yet"))  # fmt: skip
_NOT_ALONE = frozenset(_words("unable lack lacks lacked lacking"))
_NOT_ING = frozenset(_words("stop stops stopped stopping cease ceases ceased ceasing quit quits"))


def implicit_negations(words: list[str], is_number: list[bool]) -> int:
    """How many words of ``words`` (lower case) say "not" without a negation word: "failed
    to" / "refused to" / "declined to" / "has yet to" before a verb (not "declined to 3%"),
    "unable", "lack(s)", "stopped" / "ceased" before a verb in -ing."""
    return len(_implicit_negation_at(words, is_number))


def _implicit_negation_at(words, is_number: list[bool]) -> list[int]:
    out = []
    for i, w in enumerate(words):
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if w in _NOT_ALONE:
            out.append(i)
        elif w in _NOT_TO and nxt == "to":
            if i + 2 < len(words) and not is_number[i + 2] and words[i + 2].isalpha():
                out.append(i)
        elif w in _NOT_ING and len(nxt) > 4 and nxt.endswith("ing"):
            out.append(i)
    return out


# Words between a negation and what it negates: "no longer works", "not only".
_NEGATION_FILLERS = frozenset(_words("longer only ever to be"))
NEGATED_WORDS = 2
NEGATED_SETS = frozenset(_words("no none nobody nothing neither nowhere"))


@lru_cache(maxsize=4096)
def negated_words(words: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """What each negation of a claim (its tokens, lower case) says is not so, in concept
    words: after "not", "never", "without" or a verb that says "not", the next two content
    words ("did not pay" -> "pay"; "did not go up" -> "increase", "up"; "no longer function"
    -> "function"); after a negated set ("no", "none", "nobody", "nothing") the rest of the
    claim, all of which it denies ("no member state has a higher debt ratio than Greece").
    Read only for a pair whose negations differ (``conflicts.negation_conflict``)."""
    is_number = [parse_number(w) is not None for w in words]
    explicit = [
        i
        for i, w in enumerate(words)
        if w in NEGATIONS and not ballot_option(words, i) and not bounding_negation(words, i)
    ]
    out = []
    for i in sorted({*explicit, *_implicit_negation_at(words, is_number)}):
        scope = [
            w
            for w in concept_words(list(words[i + 1 :]))
            if w not in STOPWORDS and w not in NEGATIONS and w not in _NEGATION_FILLERS
        ]
        whole = words[i] in NEGATED_SETS and words[i + 1 : i + 2] != ("longer",)  # "no longer"
        out.append(tuple(scope if whole else scope[:NEGATED_WORDS]))
    return tuple(out)


# Ordinary words that open sentences: capitalized there, never a name. (Words ending in
# "-ly" are treated the same way.) General English, written by hand.
OPENERS = frozenset(
    _words(
        "after before since during while when whenever once until although though because "
        "unless apart breaking exclusive update updated watch live analysis opinion "
        "despite according over under above below around about nearly almost roughly "
        "approximately some many most few several more less fewer only just every each "
        "nearly last next new first second third final early late later earlier recent "
        "today yesterday tomorrow tonight now then meanwhile however but yet still also "
        "instead overall together altogether between among across along against within "
        "elsewhere outside inside "
        "without through throughout beyond toward towards upon amid amidst following "
        "including excluding besides unlike like as at by for from in into of on to with "
        "up down out off half nine ten one two three four five six seven eight dozens "
        "hundreds thousands millions billions global local national international public "
        "officials police authorities experts researchers scientists analysts critics "
        "residents people voters workers doctors lawmakers ministers troops forces "
        "government governments prices sales figures data records reports studies tests "
        "waiting building using making taking getting being having spending rising falling "
        "growing there here this that these those what which who whose whom how why where "
        "it its they their he she his her we our you your no not never neither both either "
        "all any another other such same"
    )
)


# Titles before a name ("President Macron" / "Mr Macron"): conflicts.name_cover. Alone
# ("the President said") a title names an actor, so it stays a name.
TITLES = frozenset(_words("mr mrs ms dr prof sir dame president prime minister chancellor "
                          "senator governor mayor"))  # fmt: skip

# Capitalised unit names: no names ("degrees Celsius", "°F").
UNIT_NAMES = frozenset(_words("celsius fahrenheit centigrade c f"))


# An acronym in the plural ("MPs", "CEOs", "ETFs") is a common noun, not one actor's name.
_PLURAL_ACRONYM = re.compile(r"[A-Z]{2,}s")


def _opener(word: str) -> bool:
    """A capitalized sentence-initial word that is no name: "Nearly", "Because", "Clearing"."""
    if group_of(word) is not None:
        return False  # a place: "Italy" is no adverb in -ly, "Beijing" no gerund
    if word in OPENERS or word.endswith("ly"):
        return True
    # A gerund opening a sentence ("Clearing the backlog...").
    return len(word) >= 7 and word.endswith("ing")


CONJUNCTIONS = frozenset({"and", "or", "nor", "&"})
MONTHS = frozenset(
    _words("january february march april may june july august september october november december")
) - {"may", "march"}  # ordinary words too often; their dates still differ by day/year numbers
MONTH_ABBREVIATIONS = {
    "jan": "january", "feb": "february", "apr": "april", "jun": "june", "jul": "july",
    "aug": "august", "sep": "september", "sept": "september", "oct": "october",
    "nov": "november", "dec": "december",
}  # fmt: skip
WEEKDAYS = frozenset(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])

# Opposite-direction families: each word is "up" or "down" within its family. A pair where one
# side has more "up" words and fewer "down" words of a family than the other says opposite
# things ("rose" vs "fell"); dropping or adding a word of one pole does not count.
_DIRECTION_TABLE = {
    "quantity": (
        """rise rises rising rose risen increase increases increased increasing increase
        grow grows grew grown growing growth up more higher highest gain gains gained gaining
        climb climbs climbed climbing jump jumps jumped surge surged surging soar soared
        soaring boost boosted expand expanded expanding expansion raise raises raised raising
        above over exceed exceeded exceeds larger largest bigger biggest greater greatest
        double doubled tripled""",
        """fall falls falling fell fallen decrease decreases decreased decreasing decline
        declines declined declining drop drops dropped dropping shrink shrinks shrank shrunk
        shrinking down fewer less lower lowest lose loses lost losing loss losses cut cuts
        cutting reduce reduces reduced reducing reduction plunge plunged plunging slump
        slumped below under smaller smallest halved slash slashes slashed slashing trim
        trims trimmed trimming slip slips slipped slipping dip dips dipped dipping sank
        tumble tumbles tumbled tumbling""",
    ),
    "outcome": (
        "win wins won winning victory beat beats beaten",
        "lose loses lost losing defeat defeated",
    ),
    "stance": (
        "support supports supported supporting favor favors favored favour favours "
        "favoured backed backs",
        "oppose opposes opposed opposing against",
    ),
    "decision": (
        "approve approves approved approving accept accepted passed",
        "reject rejects rejected rejecting veto vetoed vetoes refused",
    ),
    "permission": (
        "allow allows allowed allowing permit permits permitted legal legalize legalized",
        "ban bans banned banning prohibit prohibits prohibited forbid forbids illegal",
    ),
    "order": ("before earlier prior", "after later since"),
    "rank": ("best first better good", "worst last worse bad"),
    "strength": (
        "strong stronger strongest strengthen strengthened",
        "weak weaker weakest weaken weakened",
    ),
    "wealth": ("rich richer richest wealthy", "poor poorer poorest"),
    "creation": (
        "create creates created creating hire hires hired",
        "destroy destroys destroyed destroying fire fires fired eliminate eliminated",
    ),
    "size": ("majority most maximum", "minority least minimum"),
    "expectation": (
        "beat beats beating beaten topped exceeded surpassed",
        "miss misses missed missing",
    ),
    "admission": (
        "admit admits admitted admitting confirm confirms confirmed acknowledged",
        "deny denies denied denying",
    ),
    "ruling": (
        "uphold upholds upheld upholding",
        "annul annuls annulled overturn overturned overturns quash quashed",
    ),
    "barring": ("allow allows allowed allowing let", "bar bars barred barring block blocked"),
    "economy": ("growth expansion expanded", "contraction recession contracted shrank"),
    "fate": (
        "killed kill kills dead died die dies death deaths fatal fatalities bodies",
        "injured injuries wounded hurt rescued saved survived survivors",
    ),
}
# A word may belong to several families: "lost" is the opposite of "gained" and of "won".
DIRECTION_WORDS: dict[str, list[tuple[str, int]]] = {}
for _family, (_up, _down) in _DIRECTION_TABLE.items():
    for _w in _up.split():
        DIRECTION_WORDS.setdefault(_w, []).append((_family, 1))
    for _w in _down.split():
        DIRECTION_WORDS.setdefault(_w, []).append((_family, -1))
# "voted for" / "voted against": "for" alone is far too common to carry a direction.
_VOTE = frozenset({"vote", "voted", "votes", "voting"})
# "voted No", "a No vote", "the Yes campaign": a ballot's options, a stance ("No" against,
# "Yes" for), neither a negation nor a name.
_BALLOT_AFTER = _VOTE | {"campaign", "campaigns", "side", "camp"}


# "30,000 more were damaged", "two more have died": a figure then "more" then a verb is a
# count of others ("another 30,000"); "a million more families" is a comparison.
_AUX_AFTER = [[w] for w in _words("were are was is have has had will would died")] + [[]]


def bounding_negation(words, i: int) -> bool:
    """Whether ``words[i]`` is the "no" / "not" of a bound: "no fewer than 1,700" is "at least
    1,700", "not more than 5%" is "at most 5%" (``quantities``), a figure, not a negation;
    "should not pay more than Europe" is one."""
    return (
        words[i] in ("no", "not")
        and i + 3 < len(words)
        and words[i + 1] in ("fewer", "less", "more")
        and words[i + 2] == "than"
        and any(parse_number(w) is not None and w not in ("a", "an") for w in words[i + 3 : i + 5])
    )


def ballot_option(words: list[str], i: int) -> int:
    """+1 / -1 when ``words[i]`` is "yes" / "no" as a ballot's option, else 0."""
    if words[i] not in ("yes", "no"):
        return 0
    before = words[i - 1] if i else ""
    after = words[i + 1] if i + 1 < len(words) else ""
    # "a No vote", "the Yes campaign"; not "there was no vote" (none was held).
    if before in _VOTE or (after in _BALLOT_AFTER and before in ("a", "an", "the")):
        return 1 if words[i] == "yes" else -1
    return 0


ARTICLES = frozenset({"a", "an", "the", "this", "that", "these", "those", "its", "their"})
_ALIAS_CANONICAL = frozenset(c.lower() for c in (*ALIASES, *CASE_SENSITIVE))
_YEAR = re.compile(r"1[5-9][0-9]{2}|20[0-9]{2}")
_DAY = re.compile(r"[1-9]|[12][0-9]|3[01]")


# Words (and two-word phrases) that state the same thing in claims: the similarity compares
# their concept instead of their spelling, so "rose to 3.4%" and "went up to 3.4 percent" share
# every content word. Only the scoring sees concepts: the conflict detectors keep reading the
# words themselves (directions, numbers, names), so a concept never hides a conflict, and
# ``normalize`` (what the full-text index stores) is unchanged. The two poles of a direction
# are different concepts: "rose" and "fell" stay different. A change is two words, the
# concept and its particle ("rose" -> "increase up", "went up" -> "increase up"), so that
# a claim saying "gone up" weighs its verb as much as it did written out.
_CONCEPT_TABLE = {
    "increase up": """increase increases increased increasing rise rises rose risen rising
        grow grows grew grown growing climb climbs climbed climbing jump jumps jumped
        jumping surge surges surged surging soar soars soared soaring""",
    "decrease down": """decrease decreases decreased decreasing fall falls fell fallen
        falling decline declines declined declining drop drops dropped dropping reduce
        reduces reduced reducing plunge plunges plunged plunging slump slumps slumped sink
        sinks sank sunk tumble tumbles tumbled tumbling""",
    "over": "over above exceeding",
    "under": "under below",
    "year": "annual annually yearly",
}
CONCEPTS: dict[str, tuple[str, ...]] = {
    word: tuple(concept.split())
    for concept, words in _CONCEPT_TABLE.items()
    for word in words.split()
}
_GO = frozenset({"go", "goes", "went", "gone", "going"})
# Two-word phrases: (first words, second word) -> concept.
PHRASE_CONCEPTS: tuple[tuple[frozenset[str], str, tuple[str, ...]], ...] = (
    (_GO, "up", ("increase", "up")),
    (_GO, "down", ("decrease", "down")),
    (frozenset({"more", "greater"}), "than", ("over",)),
    (frozenset({"less", "fewer"}), "than", ("under",)),
    (frozenset({"per", "every"}), "year", ("year",)),
)


def concept_words(words: list[str]) -> list[str]:
    """``words`` (lower case, in order) with synonyms replaced by their concept."""
    out: list[str] = []
    i = 0
    while i < len(words):
        if i + 1 < len(words):
            phrase = next(
                (
                    concept
                    for first, second, concept in PHRASE_CONCEPTS
                    if words[i] in first and words[i + 1] == second
                ),
                None,
            )
            if phrase is not None:
                out += phrase
                i += 2
                continue
        out += CONCEPTS.get(words[i], (words[i],))
        i += 1
    return out


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light suffix stripper: enough to equate "predicts"/"predicted"/"predicting"."""
    if len(word) <= 4 or not word.isalpha():
        return word
    for suffix, repl, min_len in (
        ("ies", "y", 5),
        ("ied", "y", 5),
        ("ing", "", 6),
        ("ed", "", 5),
        ("es", "", 6),
        ("s", "", 4),
    ):
        if word.endswith(suffix) and len(word) >= min_len:
            if suffix == "s" and word.endswith(("ss", "us", "is")):
                return word
            if suffix == "es" and not word.endswith(("shes", "ches", "xes", "sses", "zes")):
                continue
            return word[: -len(suffix)] + repl
    return word


def char_ngrams(text: str, n: int = 3) -> frozenset[str]:
    padded = f" {text} "
    return frozenset([padded[i : i + n] for i in range(max(len(padded) - n + 1, 0))])


@dataclass(frozen=True, slots=True)
class Features:
    tokens: tuple[str, ...]  # every canonical token, lower case
    word_count: int
    content: tuple[str, ...]  # stems of the content tokens, in order
    content_set: frozenset[str]  # with place names as their group (places.canonical_words)
    bigrams: frozenset[tuple[str, str]]
    grams: frozenset[str]  # char 3-grams of the content words
    grams_norm: float  # sqrt(len(grams))
    token_set: frozenset[str]  # tokens and their stems, for "is this entity mentioned at all"
    numbers: tuple[str, ...]  # sorted non-date numbers
    quantities: tuple[Quantity, ...]  # each figure read with its kind and unit (quantities.py)
    dates: frozenset[str]  # years, month and weekday names
    negations: int  # how many negation words
    directions: tuple[tuple[str, int, int], ...]  # (family, words up, words down)
    strong_entities: frozenset[str]  # capitalized mid-sentence words, alias names
    weak_entities: frozenset[str]  # capitalized sentence-initial words (may be ordinary)
    places: frozenset[str]  # country groups named (places.py): capital, demonym, country
    acronyms: tuple[tuple[str, frozenset[str]], ...]  # initials of a name -> its words
    # Runs of two or more names, titles left out: ("joe", "biden"), ("new", "york").
    name_runs: tuple[tuple[str, ...], ...]
    roles: tuple[tuple[str, tuple[str | None, ...]], ...]  # item -> (marker, word, word)
    # Each figure, in order, with the content stems since the figure before it (the last one
    # also takes the words after it): what the figure is said of ("its deposit rate to zero").
    figure_spans: tuple[tuple[str, frozenset[str]], ...] = ()
    # The content stems with every name as written ("london", not "uk"): what an edit of one
    # sentence keeps (conflicts.exchange_conflict).
    written_set: frozenset[str] = frozenset()
    # Names written in capitals ("FDIC", "WHO"): a body's initials (conflicts' name kinds).
    upper_names: frozenset[str] = frozenset()


def _bound_of_figure(words: list[str], number_at: list[bool], i: int) -> bool:
    """Whether ``words[i]`` bounds the figure after it: "more than 2,000", "over 75,000"."""
    w = words[i]
    if w in ("more", "less", "fewer") and words[i + 1 : i + 2] == ["than"]:
        return i + 2 < len(words) and number_at[i + 2]
    if w in ("over", "under", "above", "below"):
        return i + 1 < len(words) and number_at[i + 1]
    return False


def _span_word(word: str) -> bool:
    """A word that can say what a figure is of: no function word, figure, unit or date."""
    return (
        word.isalpha()
        and word not in STOPWORDS
        and word not in NEGATIONS
        and word not in CURRENCIES
        and word not in UNITS
        and word not in MONTHS
        and word not in WEEKDAYS
        and word not in ("percent", "percentage", "point", "points", "per", "cent", "cents")
    )


def _role(items: list[str], entity_like: list[bool], i: int) -> tuple[str | None, ...]:
    """The function word right before item ``i`` and the two nearest content words before it.

    Items joined by "and"/"or" share a role ("A and B founded it"), so the walk skips them.
    """
    j = i - 1
    # A currency code belongs to its amount ("from Rs 5.25 lakh crore": the marker is "from").
    while j >= 0 and (
        entity_like[j] or items[j] in CONJUNCTIONS or items[j] in ARTICLES or items[j] in CURRENCIES
    ):
        j -= 1
    marker = None
    if j >= 0 and items[j] in STOPWORDS:
        marker = items[j]
        j -= 1
    words: list[str | None] = []
    for k in range(j, max(j - 6, -1), -1):
        if not entity_like[k] and items[k] not in STOPWORDS and items[k] not in NEGATIONS:
            words.append(stem(items[k]))
            if len(words) == 2:
                break
    words += [None] * (2 - len(words))
    return (marker, *words)


# Small words inside a name that its acronym skips: "Institutes of Health" -> "IH".
_NAME_JOINERS = frozenset({"of", "the", "and", "for", "on", "&"})
# Alias tokens whose acronym letters differ from their canonical spelling.
_ACRONYM_LETTERS = {"usa": "us", "uk": "uk", "eu": "eu", "un": "un"}


def _joins(toks, lower: list[str], j: int) -> bool:
    """Whether ``lower[j]`` is a small word inside a name (a capital follows the joiners)."""
    while j < len(toks) and lower[j] in _NAME_JOINERS:
        j += 1
    return j < len(toks) and toks[j].cased[:1].isupper()


def _acronyms(toks, lower: list[str]) -> tuple[tuple[str, frozenset[str]], ...]:
    """The initials of each run of capitalized words (two or more), with the run's words:
    "US National Oceanic and Atmospheric Administration" gives "usnoaa" and "noaa"."""
    out: dict[str, frozenset[str]] = {}
    i = 0
    while i < len(toks):
        if not toks[i].cased[:1].isupper():
            i += 1
            continue
        j = i
        run: list[int] = []
        while j < len(toks) and (toks[j].cased[:1].isupper() or (run and _joins(toks, lower, j))):
            if lower[j] not in _NAME_JOINERS:
                run.append(j)
            j += 1
        if len(run) >= 2:
            letters = [_ACRONYM_LETTERS.get(lower[k], lower[k][:1]) for k in run]
            for start in range(len(run) - 1):  # "US NOAA" and "NOAA"
                acronym = "".join(letters[start:])
                if len(acronym) >= 3:  # two letters are too often a word ("be", "us")
                    out[acronym] = frozenset(lower[k] for k in run[start:])
            # Some acronyms keep the "of": "Bank of Japan" is "BOJ", "Department of Justice"
            # "DOJ" (the "of" is no name word: the run's words are the names only).
            with_of = "".join(
                lower[k][:1] if lower[k] == "of" else _ACRONYM_LETTERS.get(lower[k], lower[k][:1])
                for k in range(run[0], run[-1] + 1)
                if lower[k] == "of" or k in run
            )
            if len(with_of) > len(letters):
                out.setdefault(with_of, frozenset(lower[k] for k in run))
            # Two names joined by "and" are also two names ("New South Wales and the
            # Australian Capital Territory": "NSW", "ACT"; "Health and Human Services"
            # keeps its "HHS" above).
            parts: list[list[int]] = [[]]
            for k in run:
                if parts[-1] and "and" in lower[parts[-1][-1] + 1 : k]:
                    parts.append([])
                parts[-1].append(k)
            for part in parts if len(parts) > 1 else ():
                initials = "".join(_ACRONYM_LETTERS.get(lower[k], lower[k][:1]) for k in part)
                for start in range(len(part) - 1):
                    if len(initials) - start >= 3:
                        out.setdefault(initials[start:], frozenset(lower[k] for k in part[start:]))
        i = max(j, i + 1)
    return tuple(sorted(out.items()))


def _name_runs(lower: list[str], names: set[str]) -> tuple[tuple[str, ...], ...]:
    """Consecutive names of two words or more ("Joe Biden", "Manchester City"), through an
    "of" between two names ("Bank of Japan": its "Bank" is no bare "Bank")."""
    runs: list[tuple[str, ...]] = []
    run: list[str] = []
    padded = [*lower, ""]
    for i, word in enumerate(padded):
        if word in names or (
            word == "of" and run and i + 1 < len(padded) and padded[i + 1] in names
        ):
            run.append(word)
            continue
        if len(run) >= 2:
            runs.append(tuple(run))
        run = []
    return tuple(runs)


@dataclass(frozen=True, slots=True)
class Wording:
    """The words of a claim text as the similarity reads them (``score._components``): the
    part of ``features`` that every retrieved candidate needs, when most of them are then
    too far from the text for the conflict detectors to matter (``score.best_score``)."""

    toks: tuple[Token, ...]
    lower: tuple[str, ...]  # the tokens, lower case, accents folded
    content: tuple[str, ...]
    content_set: frozenset[str]
    bigrams: frozenset[tuple[str, str]]
    grams: frozenset[str]
    grams_norm: float
    written: tuple[str, ...]  # the content stems with every name as written
    kept: str  # the content words as written, joined: what ``grams`` are made from


@lru_cache(maxsize=8192)
def wording(text: str) -> Wording:
    toks = analyze(text)
    # Accents folded: "Fernández" and "Fernandez" are one name.
    # A capitalised month abbreviation is the month ("Jan. 3" = "January 3").
    lower = [fold(t.text) for t in toks]
    lower = [
        MONTH_ABBREVIATIONS.get(w, w) if t.cased[:1].isupper() else w
        for w, t in zip(lower, toks, strict=True)
    ]
    # For the similarity a capital, a demonym or an institution is the country or body it
    # stands for ("London and Paris" / "the UK and France"); the detectors read the names.
    # Only the content words' set (Dice, containment) reads a place by its group; the phrasing
    # (word pairs) and the characters are the words as written.
    concepts = concept_words(lower)  # (no place name is a concept word: either order)
    content = tuple(stem(w) for w in canonical_words(concepts) if w not in STOPWORDS)
    kept = [w for w in concepts if w not in STOPWORDS]
    written = tuple(stem(w) for w in kept)
    kept_text = " ".join(kept)
    grams = char_ngrams(kept_text)
    return Wording(
        toks=toks,
        lower=tuple(lower),
        content=content,
        content_set=frozenset(content),
        # The phrasing as written: a place named another way is the same content word,
        # not the same phrase ("Poland demonstrated" / "Polish demonstrated").
        bigrams=frozenset(pairwise(written)),
        grams=grams,
        grams_norm=math.sqrt(len(grams)),
        written=written,
        kept=kept_text,
    )


# A word, a hyphen and a number: "Covid-19", "F-35", "Su-25".
_GLUED_NUMBER = re.compile(r"\b([A-Za-z]{1,12})-(\d{1,4})\b")


@lru_cache(maxsize=8192)
def features(text: str) -> Features:
    worded = wording(text)
    toks = worded.toks
    lower = list(worded.lower)
    alpha = [t for t in toks if t.cased[:1].isalpha()]
    # ALL CAPS or Title Case text carries no case information: only alias names are entities.
    caps_share = sum(t.cased[:1].isupper() for t in alpha) / len(alpha) if alpha else 0.0
    # A content word in lower case ("fired", "seized") says the text is no Title Case
    # headline, however many names it holds ("Musk fired Twitter's chairman Bret Taylor").
    lowered_content = any(
        t.cased[:1].islower() and len(t.text) >= 4 and t.text not in STOPWORDS for t in alpha
    )
    case_informative = caps_share < 0.6 or len(alpha) < 4 or lowered_content

    strong: set[str] = set()
    weak: set[str] = set()
    entity_like: list[bool] = []
    for i, t in enumerate(toks):
        is_entity = False
        word = lower[i]
        if word in _ALIAS_CANONICAL:
            strong.add(word)
            is_entity = True
        elif (
            (
                case_informative
                and t.cased[:1].isupper()
                and not t.is_number  # "Three out of four", "Nine in ten": a figure
                and word not in STOPWORDS
                and word not in MONTHS  # dates have their own detector
                and word not in WEEKDAYS
                and not (word in ("may", "march") and not t.sentence_start)
                and word not in NEGATIONS
                and word != "yes"  # "65 per cent Yes": a ballot's option
                and word not in DIRECTION_WORDS
                and word not in UNIT_NAMES  # "48 degrees Celsius"
                and not _PLURAL_ACRONYM.fullmatch(t.cased)  # "MPs", "CEOs": a plural noun
                and not (t.sentence_start and _opener(word))
            )
            or (len(t.cased) > 2 and t.cased[:1].islower() and t.cased[1:2].isupper())
        ):
            # (The second test: "iPhone", "eBay", a capital inside a lower-case word.)
            next_caps = i + 1 < len(toks) and toks[i + 1].cased[:1].isupper()
            if not t.sentence_start or next_caps:
                strong.add(word)
            else:
                weak.add(word)
            is_entity = True
        entity_like.append(is_entity or t.is_number)

    # What the other claim's names are looked up in: the words as written (and their stems).
    word_stems = frozenset(stem(w) for w in lower if w not in STOPWORDS)

    numbers: list[str] = []
    dates: set[str] = set()
    # "May" and "March" are months when capitalized inside a sentence.
    month = [
        lower[i] in MONTHS
        or (t.text in ("may", "march") and t.cased[:1].isupper() and not t.sentence_start)
        for i, t in enumerate(toks)
    ]
    # A day of the month ("1 August", "August 1") is part of a date, not a figure.
    day = [
        t.is_number
        and _DAY.fullmatch(t.text) is not None
        and ((i + 1 < len(toks) and month[i + 1]) or (i > 0 and month[i - 1]))
        for i, t in enumerate(toks)
    ]
    # "1500" may be a year; "1,500" is a figure.
    year = [t.is_number and _YEAR.fullmatch(t.text) is not None and t.cased.isdigit() for t in toks]
    # A number joined to the word before it by a hyphen is part of a name ("Covid-19",
    # "F-35"), no figure (round 8); a year stays a date ("mid-2019").
    glued = {(w.lower(), n) for w, n in _GLUED_NUMBER.findall(text)}
    named = [
        t.is_number and not year[i] and i > 0 and (lower[i - 1], t.text) in glued
        for i, t in enumerate(toks)
    ]
    for i, t in enumerate(toks):
        if (
            lower[i] in DAY_ORDINALS
            and lower[i + 1 : i + 2] == ["of"]
            and month[i + 2 : i + 3] == [True]
        ):
            dates.add(f"day {DAY_ORDINALS[lower[i]]}")  # "the first of October" = "October 1"
        if day[i]:
            dates.add(f"day {t.text}")
        elif t.is_number and not named[i]:
            if year[i]:
                dates.add(t.text)
            else:
                numbers.append(t.text)
        elif month[i] or t.text in WEEKDAYS:
            dates.add(lower[i])

    # A figure, possibly after its currency ("more than $10").
    number_at = [
        t.is_number or (lower[k] in CURRENCIES and k + 1 < len(toks) and toks[k + 1].is_number)
        for k, t in enumerate(toks)
    ]
    counts: dict[str, list[int]] = {}
    for i, w in enumerate(lower):
        entries = DIRECTION_WORDS.get(w, [])
        if _bound_of_figure(lower, number_at, i):
            # "more than 2,000", "over 75,000" bound a figure: opposite to "fewer than", not
            # to a fall ("closed down 2,013 points" / "shed more than 2,000 points").
            entries = [("bound", entries[0][1])] if entries else []
            if entries and i and bounding_negation(lower, i - 1):
                entries = [("bound", -entries[0][1])]  # "no fewer than" = "more than"
        if w == "more" and i and number_at[i - 1] and lower[i + 1 : i + 2] in _AUX_AFTER:
            entries = []  # "30,000 more were damaged": others, as many again; no rise
        if w == "for" and i and lower[i - 1] in _VOTE:
            entries = [("stance", 1)]
        if ballot_option(lower, i):
            entries = [("stance", ballot_option(lower, i))]
        for family, sign in entries:
            counts.setdefault(family, [0, 0])[0 if sign > 0 else 1] += 1
    directions = tuple(sorted((f, up, down) for f, (up, down) in counts.items()))

    roles: dict[str, tuple[str | None, ...]] = {}
    for i, w in enumerate(lower):
        if entity_like[i] and w not in roles:
            roles[w] = _role(lower, entity_like, i)

    figures = [i for i, t in enumerate(toks) if t.is_number and not day[i] and not year[i]]
    spans = []
    for k, i in enumerate(figures):
        start = figures[k - 1] + 1 if k else 0
        at = list(range(start, i)) + (
            list(range(i + 1, len(toks))) if k == len(figures) - 1 else []
        )
        words = [
            lower[j] for j in at if not (month[j] or day[j] or year[j]) and _span_word(lower[j])
        ]
        spans.append((lower[i], frozenset(stem(w) for w in words)))

    return Features(
        tokens=tuple(lower),
        word_count=len(toks),
        content=worded.content,
        content_set=worded.content_set,
        bigrams=worded.bigrams,
        grams=worded.grams,
        grams_norm=worded.grams_norm,
        token_set=frozenset(lower) | word_stems,
        numbers=tuple(sorted(numbers)),
        quantities=quantities(
            tuple(lower),
            tuple(
                t.is_number and not d and not y and not g
                for t, d, y, g in zip(toks, day, year, named, strict=True)
            ),
        ),
        dates=frozenset(dates),
        negations=sum(
            w in NEGATIONS and not ballot_option(lower, i) and not bounding_negation(lower, i)
            for i, w in enumerate(lower)
        )
        + implicit_negations(lower, [t.is_number for t in toks]),
        directions=directions,
        strong_entities=frozenset(strong),
        weak_entities=frozenset(weak - strong),
        places=groups_in(tuple(lower)),
        acronyms=_acronyms(toks, lower),
        name_runs=_name_runs(lower, strong | weak),
        roles=tuple(sorted(roles.items())),
        figure_spans=tuple(spans),
        written_set=frozenset(worded.written),
        upper_names=frozenset(
            lower[i]
            for i, t in enumerate(toks)
            if lower[i] in strong and 2 <= len(t.cased) <= 6 and t.cased.isupper()
        ),
    )
