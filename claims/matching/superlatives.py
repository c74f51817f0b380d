"""A negation that states a superlative: "not this high for 15 years" is "the highest in 15
years", "no quake this powerful in a century" is "the most powerful quake in a century", "no
year since 1880 was hotter than 2014" is "2014 was the hottest year since 1880".

The negation detector counts negation words; such a negation is not counted when the other
claim names the same adjective as a superlative ("highest", "most powerful", "hottest", "a
15-year high"). Only in a claim about a span of time ("for 15 years", "in a century",
"since", "ever"), the only reading in which the two say the same: "not as high as last
year" or "not higher than in France" compare with one thing, not with all of a span, and
stay negations. Two forms need no span: a negation that quantifies the compared set itself
("no major EU economy has a lower retirement age than France" is "France's is the lowest":
every member compared), and a negation before "before" ("never before had the union gone on
strike", "no nation before India had landed there"), which says "the first" when the other
claim says it; and "not seen since" / "not seen in 50 years" (round 10), which states a record
of the span against any superlative the other claim names. General English, written by hand;
read from the normalised tokens.
"""

from __future__ import annotations

from functools import lru_cache

from .features import NEGATIONS, STOPWORDS, _words

# How far after the negation the compared adjective may stand ("not been this high"; "no
# year since record-keeping started in the late 19th century was hotter").
WINDOW = 14
# "this high", "so powerful" (not "as": "not as high as" compares with one thing).
DEGREE = frozenset({"this", "so"})
# Words that make the claim about a span of time.
SPAN = frozenset(
    _words(
        "since ever year years decade decades century centuries month months week weeks "
        "record records history"
    )
)
# "a 15-year high", "a record low", "an all-time high": a superlative without "-est".
PEAKS = frozenset({"high", "low"})
# Negations that quantify a set ("no country", "none of them"): a comparison they frame is
# with every member, a superlative over any span.
SET_NEGATIONS = frozenset({"no", "none", "nobody", "nothing", "nowhere"})
# Irregular comparisons (round 8): "the worst in 20 years" / "none as bad"; and one class for
# size and amount ("the largest recall" / "not this many cars").
IRREGULAR = {"worst": "bad", "worse": "bad", "best": "good", "better": "good"}
SIZE = frozenset({"many", "much", "large", "big", "most"})
_SIZE = "size"
# Words a set negation's comparative may stand from its "than" ("a lower [official
# retirement age] than").
COMPARED_GAP = 4
# "the first": what a negation before "before" states.
FIRST = "first"
# What a set negation's comparison states against any superlative of the other claim ("no
# company is worth more than Microsoft" / "the most valuable"; "no candidate had won a
# bigger share than Sheinbaum" / "the highest share"): every member of the set is compared,
# so the adjective may be another one.
ANY = "*"
# "none of the earlier incidents involved ...": the first of them (as "never before").
EARLIER = frozenset(_words("earlier previous prior"))
# "had not topped Apple since 2002" states "the last time ... was in 2002".
LAST = "last"
PEAK_BEFORE = frozenset({"year", "years", "decade", "month", "week", "record", "time"})
# "a level not seen since 1969" (round 10): what was not seen over a span is a record of it,
# "the lowest since 1969", "a 50-year low", whichever way the other claim grades it.
SEEN = frozenset({"seen", "recorded", "witnessed"})
SEEN_SPAN = frozenset({"since", "in", "for"})


def bases(word: str) -> set[str]:
    """The adjectives a comparative or superlative may come from: "hottest" -> "hot",
    "larger" -> "large", "heaviest" -> "heavy", "higher" -> "high"; the word itself too."""
    out = {word}
    if word in IRREGULAR:
        out.add(IRREGULAR[word])
    for suffix in ("est", "er"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            base = word[: -len(suffix)]
            out |= {base, base + "e"}
            if base.endswith("i"):
                out.add(base[:-1] + "y")
            if base[-1] == base[-2]:
                out.add(base[:-1])
    if out & SIZE:
        out.add(_SIZE)
    return out


@lru_cache(maxsize=8192)
def superlatives(tokens: tuple[str, ...]) -> frozenset[str]:
    """Adjectives the claim uses as a superlative ("highest", "most powerful", "a year high")."""
    out: set[str] = set()
    for i, word in enumerate(tokens):
        if (word.endswith("est") and len(word) > 5) or word in ("worst", "best"):
            out |= bases(word)
        elif word in ("most", "least") and i + 1 < len(tokens) and tokens[i - 1 : i] != ("at",):
            # ("at least 1,700", "at most": a bound of a figure, no superlative)
            out.add(tokens[i + 1])
        elif word == FIRST or (word in PEAKS and i and tokens[i - 1] in PEAK_BEFORE):
            out.add(word)
        elif word == LAST and tokens[i + 1 : i + 2] == ("time",):
            out.add(LAST)  # "the last time Nvidia was worth more than Apple was in 2002"
    return frozenset(out)


@lru_cache(maxsize=8192)
def negated_comparisons(tokens: tuple[str, ...]) -> tuple[frozenset[str], ...]:
    """For each negation that frames a comparison over a span of time, the adjectives it
    compares ("not ... this high for 15 years" -> {"high"}; "no ... hotter than" -> "hot")."""
    spans = bool(SPAN & set(tokens))
    out = []
    for i, word in enumerate(tokens):
        if word not in NEGATIONS:
            continue
        # "never been higher" is "not ever": a span of all time.
        spans_here = spans or word == "never"
        found: set[str] = set()
        for j in range(i + 1, min(i + 1 + WINDOW, len(tokens))):
            t, following = tokens[j], tokens[j + 1] if j + 1 < len(tokens) else ""
            if t == "before" and FIRST not in tokens:
                found.add(FIRST)  # "never before", "no nation before India had"
            elif t in EARLIER and word in SET_NEGATIONS and FIRST not in tokens:
                found.add(FIRST)  # "none of the earlier incidents involved a blowout"
            elif t in SEEN and following in SEEN_SPAN:
                # "a level not seen since December 1969", "a pace unmatched ... not seen in
                # 50 years": a record of the span, against any superlative of the other claim
                found.add(ANY)
            elif t == "since" and following.isdigit() and LAST not in tokens:
                found.add(LAST)  # "had not topped Apple since 2002"
            elif not (spans_here or word in SET_NEGATIONS):
                continue
            elif t in DEGREE and following and following not in STOPWORDS:
                found |= bases(following)
            elif (
                word in SET_NEGATIONS
                and t == "as"
                and following
                and following not in STOPWORDS
                and "as" in tokens[j + 2 : j + 2 + COMPARED_GAP]
            ):  # "no disaster in two decades was as bad as this one": every member compared
                found |= bases(following)
            elif following == "than" and t not in STOPWORDS:
                found |= bases(t) if tokens[j - 1] != "more" else {t}
                figure = j + 2 < len(tokens) and tokens[j + 2][:1].isdigit()
                if word in SET_NEGATIONS and not figure:  # ("no fewer than 1,700": a bound)
                    found.add(ANY)
            elif (
                word in SET_NEGATIONS
                and t.endswith("er")
                and "than" in tokens[j + 2 : j + 2 + COMPARED_GAP]
            ):  # "no economy has a lower official retirement age than France"
                found |= bases(t) | {ANY}
        if found:
            out.append(frozenset(found))
    return tuple(out)


def superlative_negations(tokens: tuple[str, ...], other: tuple[str, ...]) -> int:
    """How many of ``tokens``' negations state a superlative that ``other`` names."""
    compared = negated_comparisons(tokens)
    if not compared:
        return 0
    named = superlatives(other)
    # ``ANY``: a set negation's comparison, against a superlative (not "the first", nor "the
    # last time": those are no comparison of a quality).
    graded = named - {FIRST, LAST}
    return sum(
        bool(adjectives & named or (ANY in adjectives and graded)) for adjectives in compared
    )
