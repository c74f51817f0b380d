"""Detectors for pairs a fact-checker would treat as DIFFERENT claims, however alike the words.

Each detector looks at the two ``Features`` and returns a reason string or ``None``. All of
them are symmetric in their arguments. A pair with any conflict is never auto-linked (see
``score.py``); the reasons are shown to the reviewer.

- ``number``: the non-date numbers differ ("3.4 percent" vs "2.1 percent"), or only one side
  gives a figure. Numbers are compared after normalization, so "14m" equals "14 million".
- ``date``: years or month/weekday names differ.
- ``negation``: the claims have a different number of negation words ("not", "never", "no",
  "n't" -> "not"): one was inserted or removed. A negation that states a superlative the
  other claim names ("not this high for 15 years" / "the highest in 15 years") is not
  counted (``superlatives.py``).
- ``entity``: each side names a person/place/organization (a capitalized word mid-sentence or
  an alias such as "uk") that the other does not mention at all: a substitution. Two
  spellings of one name ("Marrakesh" / "Marrakech", ``spelling.py``) are not a substitution
  but a soft ``spelling variant``: suggested, never auto-linked.
- ``roles``: the same two names (or numbers) with exchanged roles ("founded by A, led by B" vs
  "founded by B, led by A"; "from 3 to 5" vs "from 5 to 3"). A role is the function word in
  front of the name and the nearest content word before it, so an active/passive rewrite
  ("A founded B" / "B was founded by A") is not a swap: "by" makes the roles differ.
- ``direction``: opposite net direction within a family of antonyms ("rose"/"fell",
  "more"/"fewer", "won"/"lost", "support"/"oppose", "before"/"after", ...).

A number, date, entity or negation conflict between values of two kinds (``kinds.py``:
dollars against pounds, a country against a person in another position, a year against a
month, a negation of words the other claim never states) is ``uncertain <kind>``: soft,
never auto-linked, no veto on a suggestion.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from difflib import SequenceMatcher
from functools import lru_cache

from .bounds import bound_negations
from .changes import (
    resolve_changes,
    resolve_differences,
    resolve_multiples,
    resolve_percent_changes,
)
from .complements import complement_family
from .converses import converse
from .features import (
    CONCEPTS,
    DIRECTION_WORDS,
    TITLES,
    Features,
    _words,
    bounding_negation,
    negated_words,
    stem,
)
from .kinds import hard_dates, hard_figures, hard_names
from .normalize import format_number, parse_number
from .opposites import is_contradicting, negated_pole, opposite_poles
from .places import group_of, only_places
from .quantities import EXACT, UNITS, UNSTATED, compatible, precision, rounded_from
from .remainders import remainders, resolve_remainders
from .spelling import variants
from .superlatives import superlative_negations
from .totals import rates_agree, resolve_rates, resolve_totals, spans_from_years

# Reasons that say one claim is more precise or spelled otherwise, not that the claims
# differ: they cost less (score.SOFT_CONFLICT_PENALTY) and still stop an auto-link.
# An "uncertain" conflict is between values of two kinds (``kinds.py``: a multiple against a
# percentage, a country against a person, a year against a month): maybe one fact said two
# ways, so it is shown and stops an auto-link, but does not veto a suggestion.
UNCERTAIN = "uncertain "
SOFT_PREFIXES = ("extra ", "spelling variant", UNCERTAIN)


def is_soft(reason: str) -> bool:
    return reason.startswith(SOFT_PREFIXES)


# Reasons that say the same statement with the opposite sense or another figure: a
# negation added or removed, another number, the opposite direction. Said by a named source
# about an anonymous report, such a pair denies it (the ledger's suggested contradictions).
# Another name, place, date or role makes another statement: not a denial.
CONTRADICTING_PREFIXES = ("negation:", "number:", "direction:", "changed direction:", "opposite:")


def is_contradiction(reason: str) -> bool:
    return reason.startswith(CONTRADICTING_PREFIXES)


def same_place(entity: str, other: Features) -> bool:
    """Whether ``other`` names ``entity``'s country group ("Paris" for "France", "German"
    for "Germany", "Brussels" for "the EU"; ``places.py``)."""
    place = group_of(entity)
    return place is not None and place in other.places


def _mentioned(entity: str, other: Features) -> bool:
    if entity in other.token_set or same_place(entity, other):
        return True
    # "Korea"/"Korean", "Obama"/"Obamas": names, one a prefix of the other, both long enough.
    # Only against the other side's names: "Affordable" is not "afford".
    names = other.strong_entities | other.weak_entities
    return len(entity) >= 4 and any(
        len(tok) >= 4
        and abs(len(tok) - len(entity)) <= 3
        and (tok.startswith(entity) or entity.startswith(tok))
        for tok in names
    )


def _leftovers(xs, ys) -> tuple[list, list]:
    """The figures of each side left once equal values are paired off one to one."""
    left_x, left_y = list(xs), list(ys)
    for x in xs:
        twin = next((y for y in left_y if y.value == x.value and compatible(x, y)), None)
        if twin is not None:
            left_x.remove(x)
            left_y.remove(twin)
    return left_x, left_y


def _unmatched(xs, ys, left_ys) -> list:
    # A figure left over is matched against the other side's leftovers ("almost eight years,
    # 7.5 years" / "almost eight years, 5.5 years": 7.5 is not the 8 the other side already
    # gives); against all of them when nothing is left there (a figure restated rounded).
    pool = left_ys or ys
    return [x for x in xs if not any(compatible(x, y) for y in pool)]


CURRENCY_UNITS = tuple(u for u in UNITS if u.startswith("money "))
# Words that may stand between "N percent of" and the total it is a share of: "4% of the
# bank's 50 million clients", "12 per cent of its 3,400 staff".
_SHARE_GAP = 3


def shares_of_totals(f: Features) -> list[tuple[Decimal, Decimal, Decimal]]:
    """Each "P percent of [a few words] T" of a claim, as (P, the count it makes, how far
    that count may be off): P is given to its precision ("4%" is 3.5-4.5%), so 4% of 50
    million is 1.75 to 2.25 million."""
    out = []
    toks = f.tokens
    for i in range(len(toks) - 3):
        if toks[i + 1] != "percent" or toks[i + 2] != "of":
            continue
        share = parse_number(toks[i])
        total = next(
            (
                parse_number(toks[j])
                for j in range(i + 3, min(i + 4 + _SHARE_GAP, len(toks)))
                if parse_number(toks[j]) is not None
            ),
            None,
        )
        if share is None or total is None or not 0 < share < 100:
            continue
        out.append((share, share * total / 100, precision(share) / 2 * total / 100))
    return out


def _resolve_shares(only_a: list, a: Features, only_b: list) -> tuple[list, list]:
    """``only_a`` / ``only_b`` without a share of ``a`` and the count of ``b`` it makes."""
    for share, count, off in shares_of_totals(a):
        pct = next((q for q in only_a if q.unit == "percent" and q.value == share), None)
        if pct is None:
            continue
        for y in only_b:
            slack = off + (precision(y.value) / 2 if y.kind != EXACT else 0)
            if y.unit in ("", *CURRENCY_UNITS) and abs(y.value - count) <= slack:
                only_a = [q for q in only_a if q is not pct]
                only_b = [q for q in only_b if q is not y]
                break
    return only_a, only_b


def number_conflict(a: Features, b: Features) -> str | None:
    if a.numbers == b.numbers and a.quantities == b.quantities:
        return None
    left_a, left_b = _leftovers(a.quantities, b.quantities)
    only_a = _unmatched(left_a, b.quantities, left_b)
    only_b = _unmatched(left_b, a.quantities, left_a)
    # A span counted from a year the other claim names ("since 1981" / "four decades").
    spans = {id(q) for q, _ in spans_from_years(a, b) + spans_from_years(b, a)}
    only_a = [q for q in only_a if id(q) not in spans]
    only_b = [q for q in only_b if id(q) not in spans]
    if only_a and only_b:  # a share in one claim, the count it makes in the other
        only_a, only_b = _resolve_shares(only_a, a, only_b)
        only_b, only_a = _resolve_shares(only_b, b, only_a)
        # A change from one figure to another, and the same change by its amount.
        only_a, only_b = resolve_changes(only_a, a, only_b, b)
        only_b, only_a = resolve_changes(only_b, b, only_a, a)
        # The same without "from ... to": "above the 8.8% expected" / "beat it by 0.3 points".
        only_a, only_b = resolve_differences(only_a, a, only_b, b)
        only_b, only_a = resolve_differences(only_b, b, only_a, a)
        # A multiple ("more than doubled") and the change it makes ("from 150 to 300").
        only_a, only_b = resolve_multiples(only_a, a, only_b, b)
        only_b, only_a = resolve_multiples(only_b, b, only_a, a)
        # A rise in percent and the two figures it rose between ("rose 50%" / "10 to 15").
        only_a, only_b = resolve_percent_changes(only_a, a, only_b, b)
        only_b, only_a = resolve_percent_changes(only_b, b, only_a, a)
        # A total and its parts ("48 people" / "42 passengers and six crew").
        only_a, only_b = resolve_totals(only_a, a, only_b, b)
        only_b, only_a = resolve_totals(only_b, b, only_a, a)
        # A rate over another period ("$365 million a year" / "$1 million a day").
        only_a, only_b = resolve_rates(only_a, a, only_b, b)
        # A share and its remainder ("28% full" / "nearly three quarters empty").
        only_a, only_b = resolve_remainders(only_a, a, only_b, b)
    rounded = []
    for x in list(only_a):  # "19,000" / "19,136": maybe rounded, maybe changed
        y = next((y for y in only_b if rounded_from(x, y)), None)
        if y is not None:
            only_a.remove(x)
            only_b.remove(y)
            rounded.append(f"{format_number(x.value)} vs {format_number(y.value)}")
    if rounded and not (only_a and only_b):
        return f"{UNCERTAIN}number: {', '.join(rounded[:3])}, one figure rounded"
    if only_a and only_b:
        xs = [format_number(q.value) for q in only_a]
        ys = [format_number(q.value) for q in only_b]
        totals = bool(shares_of_totals(a) or shares_of_totals(b))
        prefix = "number" if hard_figures(only_a, only_b, totals=totals) else f"{UNCERTAIN}number"
        return f"{prefix}: {', '.join(xs[:3])} vs {', '.join(ys[:3])}"
    # A multiple ("doubled"), an ordinal or a vague amount ("dozens") the other claim does not
    # state is no figure of its own: it only conflicts with a figure the other claim gives.
    only = [format_number(q.value) for q in (only_a or only_b) if q.kind not in UNSTATED]
    if only:
        return f"extra number: {', '.join(only[:3])} in one claim only"
    return None


def date_conflict(a: Features, b: Features) -> str | None:
    if a.dates == b.dates:
        return None
    # A year the other claim gives as a span from another year ("in 1996" / "17 years
    # before 2013") is no date of its own.
    counted = {year for _, year in spans_from_years(a, b) + spans_from_years(b, a)}
    da = sorted(a.dates - b.dates - counted)
    db = sorted(b.dates - a.dates - counted)
    if not da and not db:
        return None
    if not da or not db:  # one claim is more precise ("on 1 August 2018" / "in 2018")
        return f"extra date: {' '.join(da or db)} in one claim only"
    prefix = "date" if hard_dates(da, db) else f"{UNCERTAIN}date"
    return f"{prefix}: {' '.join(da)} vs {' '.join(db)}"


def negation_conflict(a: Features, b: Features) -> str | None:
    # Counts, not presence: a long claim may already hold one "not" elsewhere.
    # A negation stating a superlative the other claim names is not counted, so "not this
    # high for 20 years" agrees with "the highest in 20 years" and not with "not the highest".
    na = a.negations - superlative_negations(a.tokens, b.tokens)
    nb = b.negations - superlative_negations(b.tokens, a.tokens)
    # Nor one that negates reaching a figure the other claim bounds ("failed to reach 10%" /
    # "under 10%": bounds.py).
    superlative = (na, nb) != (a.negations, b.negations)
    na -= bound_negations(a.tokens, b.tokens)
    nb -= bound_negations(b.tokens, a.tokens)
    if na == nb or (abs(na - nb) == 1 and complement_family(a, b)):
        return None  # (or "none survived" / "all were killed": complements.py)
    if abs(na - nb) == 1 and any(cue == "negation" for _, _, cue in remainders(a, b)):
        return None  # "half not vaccinated" / "50.3% vaccinated": remainders.py
    if abs(na - nb) == 1 and negated_pole(
        *((a.tokens, b.tokens) if na > nb else (b.tokens, a.tokens))
    ):
        return None  # "found not guilty" / "acquitted": opposites.py
    kind = "negation" if _negates_what_both_say(a, b, na > nb) else f"{UNCERTAIN}negation"
    if not superlative:
        return f"{kind}: {na} vs {nb} negation words"
    return f"{kind}: {na} vs {nb} negation words, not counting one stating a superlative"


def _negates_what_both_say(a: Features, b: Features, a_has_more: bool) -> bool:
    """Whether a negation only one claim holds negates a word the other claim states ("did
    not pay" / "paid"; "no vote" / "a vote"), or was put into an otherwise kept sentence
    ("were killed" / "were not slain"): the opposite claim, a hard conflict. When what
    it negates is not in the other claim at all ("twenty hospitals no longer function" /
    "put out of service"; "did not meet" / "missed") the other may say the same in other
    words: soft."""
    more, fewer = (a, b) if a_has_more else (b, a)
    theirs = negated_words(fewer.tokens)
    extra = [scope for scope in negated_words(more.tokens) if scope not in theirs]
    said = _words_said(fewer.tokens)
    if not extra or any(not scope or any(_said(w, said) for w in scope) for scope in extra):
        return True
    # A "not" put into an otherwise kept sentence: the classic near-miss.
    return _edit_ops(a, b) is not None


# Two words this long that start alike are one word ("included" / "include").
_PREFIX = 5


@lru_cache(maxsize=4096)
def _words_said(tokens: tuple[str, ...]) -> tuple[frozenset[str], frozenset, frozenset[str]]:
    """A claim's words as ``_said`` looks them up: stems, concepts, long words' first letters."""
    return (
        frozenset(stem(t) for t in tokens),
        frozenset(CONCEPTS[t] for t in tokens if t in CONCEPTS),
        frozenset(t[:_PREFIX] for t in tokens if len(t) >= _PREFIX),
    )


def _said(word: str, said: tuple[frozenset[str], frozenset, frozenset[str]]) -> bool:
    """Whether a claim (its ``_words_said``) states ``word``: its stem, its concept ("rose"
    / "climbed") or, for a long word, its first letters ("included" / "include")."""
    stems, concepts, prefixes = said
    return (
        stem(word) in stems
        or CONCEPTS.get(word) in concepts
        or (len(word) >= _PREFIX and word[:_PREFIX] in prefixes)
    )


def _spelled_out(a: Features, b: Features) -> set[str]:
    """Words of ``a``'s names that ``b`` gives as an acronym ("National Institutes of
    Health" in ``a``, "NIH" in ``b``)."""
    return {w for acronym, words in a.acronyms if acronym in b.token_set for w in words}


def name_cover(a: Features, b: Features) -> set[str]:
    """Words of ``a``'s runs of names that ``b`` names the same person or body by: a run
    that is a name of a group ``b`` names ("Federal Reserve" / "the Fed"); when
    ``b`` gives the run's last word bare, the whole run ("Joe Biden" / "Biden", "President
    Macron" / "Macron"); when ``b`` gives it after titles only, ``a``'s titles ("President
    Macron" / "Mr Macron"). "Hunter Biden" / "Joe Biden" and "Senator X" / "Top X" stay
    two names."""
    covered: set[str] = set()
    for run in a.name_runs:
        group = group_of(" ".join(run))  # "Federal Reserve" / "the Fed" (places.py)
        if group is not None and group in b.places:
            covered.update(run)
            continue
        head = run[-1]
        if head not in b.strong_entities and head not in b.weak_entities:
            continue  # "Social Security" / "some security": no name
        mentions = [r for r in b.name_runs if head in r]
        if not mentions:
            covered.update(run)
        elif set().union(*mentions) - {head} <= TITLES:
            covered.update(w for w in run if w in TITLES)
    return covered


# The shortest clipping of a word that still names it ("Lib" for "Liberal").
_CLIP = 3


def _clipping(short: str, full: str) -> bool:
    short, full = short.removesuffix("s"), full.removesuffix("s")
    return len(short) >= _CLIP and len(short) < len(full) and full.startswith(short)


def clipped(a: Features, b: Features) -> set[str]:
    """Words of ``a``'s runs of names that ``b`` gives clipped, or that clip ``b``'s, word
    for word ("Lib Dems" / "Liberal Democrats", "Dept of Health" / "Department of Health"):
    a run of two or more names whose every word is the other run's word or a clipping of it,
    one at least clipped."""
    out: set[str] = set()
    for run in a.name_runs:
        if len(run) < 2:
            continue
        for other in b.name_runs:
            if (
                len(other) == len(run)
                and run != other
                and all(
                    x == y or _clipping(x, y) or _clipping(y, x)
                    for x, y in zip(run, other, strict=True)
                )
            ):
                out.update(run)
    return out


# Share of content words (Dice, names left out) two claims keep when one is an edit of the
# other: a changed name in such a pair is the classic near-miss. Below it the claim was
# rewritten, and a name of one kind against another in another place may be the same actor
# named another way ("the Cape of Good Hope" / "the southern tip of Africa"). 0.6 to 0.8 gave
# the same decisions on every development set and the same-story pairs (README).
NAMES_KEPT = 0.6


# Fewer words than this besides the names: the names are most of the claim, whatever else
# ("Musk fired Twitter's chief executive Parag Agrawal" / "... chairman Bret Taylor").
NAMES_CONTEXT = 4
# A rewrite of one claim keeps at least this many of its other words (a figure, a noun):
# two claims with nothing in common besides their names are two claims.
REWRITE_SHARES = 2


def _kept_words(a: Features, b: Features) -> bool:
    """Whether ``b`` keeps ``a``'s words besides the names (an edit, not a rewrite)."""
    names = a.strong_entities | b.strong_entities
    xs, ys = a.written_set - names, b.written_set - names
    shared = len(xs & ys)
    if min(len(xs), len(ys)) < NAMES_CONTEXT or shared < REWRITE_SHARES:
        return True
    return 2 * shared >= NAMES_KEPT * (len(xs) + len(ys))


def entity_conflict(a: Features, b: Features) -> str | None:
    # Names one claim spells out and the other gives as an acronym, on either side; a full
    # name against its last word, a title against another (``name_cover``); a name clipped
    # ("Lib Dems", ``clipped``).
    covered_a = _spelled_out(a, b) | {acronym for acronym, _ in b.acronyms} | name_cover(a, b)
    covered_b = _spelled_out(b, a) | {acronym for acronym, _ in a.acronyms} | name_cover(b, a)
    covered_a |= clipped(a, b)
    covered_b |= clipped(b, a)
    only_a = sorted(e for e in a.strong_entities if e not in covered_a and not _mentioned(e, b))
    only_b = sorted(e for e in b.strong_entities if e not in covered_b and not _mentioned(e, a))
    spelled = [(x, y) for x in only_a for y in only_b if variants(x, y)]
    only_a = [x for x in only_a if not any(x == s for s, _ in spelled)]
    only_b = [y for y in only_b if not any(y == s for _, s in spelled)]
    if spelled and not only_a and not only_b:
        return "spelling variant: " + ", ".join(f"{x} / {y}" for x, y in spelled[:3])
    if only_a and only_b:
        hard = hard_names(only_a, a, only_b, b, rewritten=not _kept_words(a, b))
        prefix = "entity" if hard else f"{UNCERTAIN}entity"
        return f"{prefix}: {' '.join(only_a[:3])} vs {' '.join(only_b[:3])}"
    if only_a or only_b:
        return f"extra entity: {' '.join((only_a or only_b)[:3])} in one claim only"
    return None


def role_conflict(a: Features, b: Features) -> str | None:
    roles_a, roles_b = dict(a.roles), dict(b.roles)
    shared = sorted(set(roles_a) & set(roles_b))
    # Compare the role with one context word, then with two: "prices up 30%, premiums up 17%"
    # only differs in the second word before each number.
    for size in (2, 3):
        for i, x in enumerate(shared):
            for y in shared[i + 1 :]:
                ax, ay = roles_a[x][:size], roles_a[y][:size]
                bx, by = roles_b[x][:size], roles_b[y][:size]
                if ax != ay and ax == by and ay == bx and any(ax) and any(ay):
                    return f"roles: {x} and {y} swapped"
    return None


# Share of content words two claims must share (Dice) for an exchange of subjects to be read.
EXCHANGE_KEPT = 0.8


def exchange_conflict(a: Features, b: Features) -> str | None:
    """Two figures whose subjects were exchanged, however far back the subject stands: "cut
    its main interest rate to a record low of 0.75% and its deposit rate to zero" / "cut its
    deposit rate to a record low of 0.75% and its main interest rate to zero".

    Each figure's span is the content words since the figure before it (``figure_spans``).
    For two figures given in the same order by both claims, a word of the first figure's
    span only in one claim must be in the second figure's span only in the other, and the
    other way round. Only between claims that share nearly all their content words (Dice
    ``EXCHANGE_KEPT``): a reworded claim moves words around its figures without exchanging
    anything ("fine ... upheld by the General Court, which trimmed it by 3.5 million" /
    "the General Court upheld the fine but cut it by 3.5 million"). A claim that puts its
    figures in another order ("to 10.63% in
    December from 11.58% in November" / "from 11.58% in November to 10.63% in December")
    moved whole phrases, not their subjects, and is left to ``role_conflict``.
    """
    # An edit of one sentence, not a rewrite: the same content words, moved.
    shared_words = len(a.written_set & b.written_set)
    if 2 * shared_words < EXCHANGE_KEPT * (len(a.written_set) + len(b.written_set)):
        return None
    order_a = [x for x, _ in a.figure_spans]
    order_b = [x for x, _ in b.figure_spans]
    shared = [x for x in order_a if order_a.count(x) == 1 and order_b.count(x) == 1]
    spans_a, spans_b = dict(a.figure_spans), dict(b.figure_spans)
    for i, x in enumerate(shared):
        for y in shared[i + 1 :]:
            if order_b.index(x) > order_b.index(y):
                continue
            ax, ay = spans_a[x] - spans_a[y], spans_a[y] - spans_a[x]
            bx, by = spans_b[x] - spans_b[y], spans_b[y] - spans_b[x]
            if ax & by and ay & bx:
                return f"roles: {x} and {y} exchanged ({' '.join(sorted(ax & by)[:2])})"
    return None


def direction_conflict(a: Features, b: Features) -> str | None:
    da = {f: (up, down) for f, up, down in a.directions}
    db = {f: (up, down) for f, up, down in b.directions}
    for family in sorted(set(da) | set(db)):
        up_a, down_a = da.get(family, (0, 0))
        up_b, down_b = db.get(family, (0, 0))
        if (
            (up_a - up_b) * (down_a - down_b) < 0
            and not converse(a, b, family)
            and family != complement_family(a, b)
            and not (family == "bound" and remainders(a, b))  # "fewer than 3" / "over 97"
        ):
            return f"direction: opposite {family}"
    return None


def opposite_conflict(a: Features, b: Features) -> str | None:
    """Two poles of a family of ``opposites.py`` ("upheld" / "struck down", "surplus" /
    "deficit", "exports" / "imports"), each only in one claim. Hard in an edit of one kept
    sentence, where the swapped word is the claim; uncertain in a claim rewritten around it
    (``kinds.py``'s logic), where the other word may belong to another clause."""
    found = opposite_poles(a, b)
    if found is None:
        return None
    family, x, y = found
    kind = "opposite" if is_contradicting(family) else "counterpart"
    if _edit_ops(a, b) is None and _edit_ops(b, a) is None:
        kind = f"{UNCERTAIN}{kind}"
    return f"{kind}: {family}: {x} vs {y}"


# Words whose replacement never changes a claim by itself (articles, frame verbs).
_LIGHT = frozenset(
    _words(
        "a an the this that these those its their his her our said says say told according "
        "reported reports"
    )
)
# An edit, not a rewrite: at least this share of the longer claim's words is kept in order.
EDIT_KEPT = 0.7


def _same_word(x: str, y: str) -> bool:
    return stem(x) == stem(y) or CONCEPTS.get(x, (x,)) == CONCEPTS.get(y, (y,))


def _edit_ops(a: Features, b: Features) -> list[tuple[str, int, int, int, int]] | None:
    """The edit from ``a``'s words to ``b``'s, or None when ``b`` is a rewrite of ``a``."""
    ta, tb = a.tokens, b.tokens
    if not ta or not tb:
        return None
    ops = SequenceMatcher(None, ta, tb, autojunk=False).get_opcodes()
    kept = sum(i2 - i1 for tag, i1, i2, _, _ in ops if tag == "equal")
    return ops if kept >= EDIT_KEPT * max(len(ta), len(tb)) else None


# Words a claim's scope turns on: "all" / "most of" the drones are different claims.
QUANTIFIERS = frozenset(
    _words(
        "all every each most many some several few none no half just only majority minority any "
        "entire whole part"
    )
)
ABSOLUTE = frozenset(_words("all every none no only just entire whole"))
# Scope words that say one scope: "its entire fleet" / "its whole fleet" / "all its fleet".
_ONE_SCOPE = {"entire": "all", "whole": "all"}


def _scope(words) -> set[str]:
    return {_ONE_SCOPE.get(w, w) for w in words if w in QUANTIFIERS}


# Units of one measure: a swap inside a group changes the figure ("every day" / "week").
UNIT_GROUPS = (
    frozenset(_words("second seconds minute minutes hour hours day days week weeks month "
                     "months quarter quarters year years decade decades daily weekly monthly "
                     "quarterly yearly annual")),
    frozenset(_words("celsius fahrenheit")),
    frozenset(_words("mile miles km kilometre kilometres kilometer kilometers metre metres "
                     "meter meters foot feet")),
)  # fmt: skip
# Compass words: "southern" / "northern" Japan.
COMPASS = frozenset(
    _words("north south east west northern southern eastern western northeast northwest "
           "southeast southwest central")
)  # fmt: skip


# Words for the whole world (round 10): against a country or a city in the same place of a
# kept sentence, another scope ("global sales rose 23%" / "US sales rose 23%").
WORLD = frozenset(_words("global worldwide world international"))


def _names(f: Features) -> frozenset[str]:
    return f.strong_entities | f.weak_entities


def _one_unit(u: str, v: str) -> bool:
    """Whether two unit names are one unit ("days" / "day", "metre" / "meter"); Celsius and
    Fahrenheit share a table row (converted apart) and are two."""
    return u == v or (u in UNITS and UNITS[u] == UNITS.get(v) and UNITS[u][0] != "temperature")


def _measured(xs: list[str], ys: list[str], a: Features, b: Features) -> bool:
    """Whether the swapped units are units of figures both claims give ("three decades" /
    "30 years", "10 km" / "about 6 miles"): those figures were compared converted by
    ``number_conflict`` (which also calls the same figure in two units a conflict), so the
    unit words themselves change nothing. "every day" / "every week" has no figure; a
    temperature is compared within a tolerance that lets "0.1 °C" pass for "0.1 °F", so a
    swap of its unit stays a changed unit, as does one figure given in both units."""
    measures = {UNITS[w][0] for w in (*xs, *ys) if w in UNITS}
    if "temperature" in measures or any(
        x.value == y.value and not _one_unit(x.unit, y.unit)
        for x in a.quantities
        for y in b.quantities
    ):  # ("3 days" / "a 3-day period": one unit, singular and plural)
        return False
    return bool(measures) and all(
        any(q.unit in UNITS and UNITS[q.unit][0] == m for q in f.quantities)
        for m in measures
        for f in (a, b)
    )


_FRACTION_WORDS = frozenset(_words("half halves third thirds quarter quarters fifth fifths "
                                   "tenth tenths"))  # fmt: skip


def _figure_in(words) -> bool:
    """Whether a stretch of tokens holds a figure: a number or a fraction word."""
    return any(w in _FRACTION_WORDS or parse_number(w) is not None for w in words)


def _kind_of_swap(xs: list[str], ys: list[str], a: Features, b: Features) -> str | None:
    """What a replaced stretch changes, when it is a kind of change that alters a claim."""
    if any(x in _names(a) for x in xs) and any(y in _names(b) for y in ys):
        return "name"
    qx, qy = _scope(xs), _scope(ys)
    if (qx and qy and qx != qy) or ((qx or qy) & ABSOLUTE and qx != qy):
        return "scope"
    if (
        any(set(xs) & g and set(ys) & g for g in UNIT_GROUPS)
        and not _measured(xs, ys, a, b)
        and not rates_agree(a, b)
    ):
        return "unit"
    if set(xs) & COMPASS and set(ys) & COMPASS:
        return "place"
    # "global" / "US" sales, "worldwide" / "China's": the whole world against one place.
    if (set(xs) & WORLD and only_places(ys)) or (set(ys) & WORLD and only_places(xs)):
        return "place"
    for x in xs:
        for y in ys:
            for fx, sx in DIRECTION_WORDS.get(x, ()):
                if any(fy == fx and sy != sx for fy, sy in DIRECTION_WORDS.get(y, ())):
                    return "direction"
    return None


def substitution_conflict(a: Features, b: Features) -> str | None:
    """Nearly the same words with a name, a scope word, a unit, a compass point or a
    direction word swapped for another: "Kerala" / "Karnataka", "all" / "most of" the
    drones, "every day" / "every week", "southern" / "northern" Japan, "missing" /
    "beating" expectations. When two claims are this close, the swapped word is the claim.

    Other swaps are left alone: a one-word swap is as often a synonym ("people" / "folks",
    "killed" / "slain") as a different claim ("iPhones" / "iPads"), and words alone do not
    tell them apart. Numbers, dates and negations have their own detectors.
    """
    ops = _edit_ops(a, b)
    if ops is None:
        return None
    numeric = set(a.numbers) | set(b.numbers) | a.dates | b.dates
    for tag, i1, i2, j1, j2 in ops:
        if tag != "replace" or i2 - i1 > 3 or j2 - j1 > 3:
            continue
        # ("no fewer than 300" is "at least 300": its "no" is no scope word)
        xs = [
            w
            for k, w in enumerate(a.tokens[i1:i2], i1)
            if w not in _LIGHT and w not in numeric and not bounding_negation(a.tokens, k)
        ]
        ys = [
            w
            for k, w in enumerate(b.tokens[j1:j2], j1)
            if w not in _LIGHT and w not in numeric and not bounding_negation(b.tokens, k)
        ]
        # A figure against a scope word: "32 of the 35 zones" / "only a few of the zones".
        if (not xs and set(ys) & QUANTIFIERS) or (not ys and set(xs) & QUANTIFIERS):
            return f"changed scope: {' '.join(a.tokens[i1:i2])} vs {' '.join(b.tokens[j1:j2])}"
        if not xs or not ys:
            continue
        if set(xs) <= TITLES and set(ys) <= TITLES:
            continue  # "President Lula" / "Mr Lula": one person
        # A spelling variant of a name is not a changed name: ``entity_conflict`` says soft.
        if len(xs) == len(ys) and all(
            _same_word(x, y) or (x in _names(a) and variants(x, y))
            for x, y in zip(xs, ys, strict=True)
        ):
            continue
        # The same countries under other names: "London and Paris" / "Britain and France".
        places = only_places(xs)
        if places is not None and places == only_places(ys):
            continue
        # A figure on both sides ("nearly half" / "some 48%"): its hedge and fraction words
        # are no scope words, the figures are compared by ``number_conflict``.
        if _figure_in(a.tokens[i1:i2]) and _figure_in(b.tokens[j1:j2]):
            xs = [x for x in xs if x not in QUANTIFIERS]
            ys = [y for y in ys if y not in QUANTIFIERS]
            if not xs or not ys:
                continue
        kind = _kind_of_swap(xs, ys, a, b)
        if kind is not None:
            return f"changed {kind}: {' '.join(xs)} vs {' '.join(ys)}"
    # A scope word dropped in one place and another put in nearby ("kept its entire fleet" /
    # "kept part of its fleet"): the aligner reads a deletion and an insertion, no swap.
    dropped = _scope(w for tag, i1, i2, _, _ in ops if tag == "delete" and i2 - i1 <= 3
                     for w in a.tokens[i1:i2])  # fmt: skip
    added = _scope(w for tag, _, _, j1, j2 in ops if tag == "insert" and j2 - j1 <= 3
                   for w in b.tokens[j1:j2])  # fmt: skip
    if dropped and added and dropped != added and (dropped | added) & ABSOLUTE:
        return f"changed scope: {' '.join(sorted(dropped))} vs {' '.join(sorted(added))}"
    return None


def swap_conflict(a: Features, b: Features) -> str | None:
    """The same names or figures in exchanged places of an otherwise kept sentence:
    "Blackburn signed him from Southampton" / "Southampton signed him from Blackburn",
    "A came second with 25%, ahead of B on 23%" / "B came second with 25%, ahead of A"."""
    names = (a.strong_entities | b.strong_entities | set(a.numbers) | set(b.numbers)) - {
        w for w in a.tokens if w in _LIGHT
    }
    slots_a = [w if w in names else "\x00" for w in a.tokens]
    slots_b = [w if w in names else "\x00" for w in b.tokens]
    masked_a = ["\x00" if w in names else w for w in a.tokens]
    masked_b = ["\x00" if w in names else w for w in b.tokens]
    ops = SequenceMatcher(None, masked_a, masked_b, autojunk=False).get_opcodes()
    kept = sum(i2 - i1 for tag, i1, i2, _, _ in ops if tag == "equal")
    if kept < EDIT_KEPT * max(len(masked_a), len(masked_b)):
        return None
    shared = {w for w in a.tokens if w in names} & {w for w in b.tokens if w in names}
    for tag, i1, i2, j1, j2 in ops:
        if tag != "equal":
            continue
        for x, y in zip(slots_a[i1:i2], slots_b[j1:j2], strict=True):
            if x != y and x in shared and y in shared:
                return f"roles: {x} and {y} swapped"
    return None


def _both_ways(detector: Callable[[Features, Features], str | None]):
    """``detector`` made symmetric: an alignment (``SequenceMatcher``) found from one side
    may miss what the other side's alignment finds."""

    def symmetric(a: Features, b: Features) -> str | None:
        return detector(a, b) or detector(b, a)

    symmetric.__name__ = detector.__name__
    return symmetric


DETECTORS: tuple[Callable[[Features, Features], str | None], ...] = (
    number_conflict,
    date_conflict,
    negation_conflict,
    entity_conflict,
    role_conflict,
    exchange_conflict,
    direction_conflict,
    opposite_conflict,
    _both_ways(substitution_conflict),
    _both_ways(swap_conflict),
)


def find_conflicts(a: Features, b: Features) -> tuple[str, ...]:
    """Every conflict reason for the pair, in a fixed order (symmetric up to wording).

    One reason per kind: a swap the role detector already named is not named twice.
    """
    out: list[str] = []
    kinds: set[str] = set()
    for detector in DETECTORS:
        reason = detector(a, b)
        if reason and reason.split(":")[0] not in kinds:
            kinds.add(reason.split(":")[0])
            out.append(reason)
    return tuple(out)
