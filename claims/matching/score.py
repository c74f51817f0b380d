"""``match_score(a, b)``: how likely two claim texts say the same thing, and what to do about it.

The score is a fixed weighted sum of four similarities of the normalized texts, each in [0, 1]
and symmetric:

- ``dice``: Dice coefficient of the sets of content-word stems (stop words removed);
- ``containment``: shared stems over the stems of the SHORTER claim, so "X" and
  "He said X" stay close;
- ``chars``: cosine of the sets of character 3-grams of the content words (Ochiai), which
  absorbs spelling and inflection differences the stemmer misses;
- ``order``: Dice of adjacent content-stem pairs, which rewards the same phrasing.

``score = 0.35 dice + 0.15 containment + 0.30 chars + 0.20 order``; identical texts give 1.
Then the rules:

- a conflict (``conflicts.py``: number, date, negation, entity, roles, direction) multiplies
  the score by ``CONFLICT_PENALTY`` for each kind found (``UNCERTAIN_PENALTY`` when its two
  values are of two kinds, ``kinds.py``) and caps it just below the auto
  threshold. Such a pair is never auto-linked. With the default penalty a near-identical pair
  that differs in one checkable detail usually falls under the suggest threshold too: a
  different number or a negation makes it another claim, and the reviewer's suggestion list
  is for claims already checked, not for related ones. A conflict found on a real paraphrase
  (a detector's false alarm) therefore costs recall at "suggest"; the benchmark reports both;
- a capitalized sentence-initial word that the other claim lacks (maybe a name, maybe not)
  costs ``WEAK_ENTITY_PENALTY``;
- if either claim has fewer than ``MIN_AUTO_WORDS`` words, the score is capped below the auto
  threshold: short claims ("Taxes went up.") are too generic to link without a reviewer;
- (after the re-ranker) when both claims name the same claimant (``same_claimant``), the
  score is raised by ``CLAIMANT_RAISE``, unless the pair has a hard conflict, and never up
  to auto (``raise_for_claimant``; a different claimant changes nothing);
- so is a pair that names a place another way ("Poland" / "Polish"; ``places``): the
  similarity reads them as one, a reviewer reads whose they are;
- so is a claim whose subject is a bare pronoun ("it would cut 12,000 jobs", the claim of
  "Google said it would ..." when the extractor could not tell who "it" is): the same words
  from another speaker are another claim, so a reviewer decides.

Decision: ``auto`` if score >= auto threshold, else ``suggest`` if >= suggest threshold, else
``none``. Thresholds come from Django settings ``MATCH_SUGGEST_THRESHOLD`` and
``MATCH_AUTO_THRESHOLD`` when configured, else the defaults below (chosen by
``bench/matching_quality.py``; see ``claims/matching/README.md``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Literal

from . import semantic
from .conflicts import UNCERTAIN, find_conflicts, is_contradiction, is_soft, same_place
from .features import Wording, features, wording
from .places import group_of
from .stored import StoredWording

DEFAULT_SUGGEST_THRESHOLD = 0.69
DEFAULT_AUTO_THRESHOLD = 0.96
MIN_AUTO_WORDS = 8
CONFLICT_PENALTY = 0.7
SOFT_CONFLICT_PENALTY = 0.9
# Each "uncertain" conflict (values of two kinds: conflicts.UNCERTAIN, kinds.py): between a
# hard and a soft one, so the cosine alone carries such a pair only from COSINE_SUGGEST /
# this. Chosen by bench/matching_pairs.py --sweep-uncertain (README).
UNCERTAIN_PENALTY = 0.75
# An uncertain figure ("19,000" / 19,136, "34%" / 33.8%: one rounded, or two currencies):
# the words agree, one figure was restated. Milder than the other uncertain kinds (a name or
# a negation of two kinds, which different claims of one story carry often): 0.80-0.90 find
# the same development pairs, 0.90 lets one more same-story pair through (README).
UNCERTAIN_NUMBER_PENALTY = 0.85
WEAK_ENTITY_PENALTY = 0.9
# Below the auto threshold by this much when a rule forbids auto-linking.
CAP_MARGIN = 0.01
# Added to the score of a pair whose two claims name the same claimant (claimants.py), when
# the pair has no hard conflict; never up to "auto". Chosen by bench/matching_pairs.py
# --sweep-claimant (README).
CLAIMANT_RAISE = 0.02
WEIGHTS = {"dice": 0.35, "containment": 0.15, "chars": 0.30, "order": 0.20}

Decision = Literal["auto", "suggest", "none"]


@dataclass(frozen=True, slots=True)
class MatchResult:
    score: float
    decision: Decision
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Explanation:
    """Everything ``match_score`` decides from, before the thresholds are applied."""

    similarity: float  # the weighted sum, in [0, 1]
    components: dict[str, float]
    penalized: float  # similarity after the conflict and weak-entity penalties
    conflicts: tuple[str, ...]
    short: bool  # too short, or too vague (a pronoun subject), to auto-link
    reasons: tuple[str, ...]

    @property
    def auto_allowed(self) -> bool:
        return not self.conflicts and not self.short


def thresholds() -> tuple[float, float]:
    """(suggest, auto) from Django settings, or the module defaults outside a configured project."""
    try:
        from django.conf import settings

        suggest = getattr(settings, "MATCH_SUGGEST_THRESHOLD", DEFAULT_SUGGEST_THRESHOLD)
        auto = getattr(settings, "MATCH_AUTO_THRESHOLD", DEFAULT_AUTO_THRESHOLD)
    except Exception:  # ImproperlyConfigured: used as a library without Django settings
        suggest, auto = DEFAULT_SUGGEST_THRESHOLD, DEFAULT_AUTO_THRESHOLD
    return float(suggest), float(auto)


def _dice(x: frozenset, y: frozenset) -> float:
    if not x and not y:
        return 1.0
    return 2 * len(x & y) / (len(x) + len(y))


def _cosine(a: Wording, b: Wording) -> float:
    if not a.grams_norm or not b.grams_norm:
        return 1.0 if a.grams_norm == b.grams_norm else 0.0
    # Cosine of the binary 3-gram vectors (Ochiai): |A & B| / sqrt(|A| |B|).
    return len(a.grams & b.grams) / (a.grams_norm * b.grams_norm)


# A claim opening with one of these says nothing of whom it is about.
PRONOUN_SUBJECTS = frozenset({"he", "she", "it", "they", "we", "i"})


def _components(a: Wording, b: Wording) -> dict[str, float]:
    shared = len(a.content_set & b.content_set)
    smaller = min(len(a.content_set), len(b.content_set))
    return {
        "dice": _dice(a.content_set, b.content_set),
        "containment": shared / smaller if smaller else float(a.content_set == b.content_set),
        "chars": _cosine(a, b),
        "order": _dice(a.bigrams, b.bigrams),
    }


def _similarity(comps: dict[str, float]) -> float:
    similarity = sum(WEIGHTS[k] * v for k, v in comps.items())
    similarity = min(max(similarity, 0.0), 1.0)
    return 0.0 if math.isnan(similarity) else similarity


def explain(a: str, b: str) -> Explanation:
    """The parts of the score for ``a`` and ``b``, independent of the thresholds."""
    fa, fb = features(a), features(b)
    if not fa.tokens or not fb.tokens:
        return Explanation(0.0, {}, 0.0, (), True, ("empty text",))
    comps = _components(wording(a), wording(b))
    similarity = _similarity(comps)
    conflicts = find_conflicts(fa, fb)
    reasons = list(conflicts)
    kinds = {c.split(":")[0] for c in conflicts}
    soft = sum(is_soft(k) for k in kinds)
    uncertain = sum(k.startswith(UNCERTAIN) for k in kinds)
    figures = f"{UNCERTAIN}number" in kinds
    penalized = (
        similarity
        * CONFLICT_PENALTY ** (len(kinds) - soft)
        * UNCERTAIN_PENALTY ** (uncertain - figures)
        * UNCERTAIN_NUMBER_PENALTY**figures
        * SOFT_CONFLICT_PENALTY ** min(soft - uncertain, 1)
    )
    weak = sorted(
        e
        for fx, fy in ((fa, fb), (fb, fa))
        for e in fx.weak_entities
        if e not in fy.token_set
        and e not in fy.content_set
        and not same_place(e, fy)
        and e not in dict(fy.acronyms)  # "SVB" opening one claim, "Silicon Valley Bank"
    )
    if weak:
        penalized *= WEAK_ENTITY_PENALTY
        reasons.append(f"unmatched capitalized word: {' '.join(weak[:3])}")
    short = min(fa.word_count, fb.word_count) < MIN_AUTO_WORDS
    if short:
        reasons.append(f"short claim: under {MIN_AUTO_WORDS} words, never auto-linked")
    unnamed = any(f.tokens[0] in PRONOUN_SUBJECTS for f in (fa, fb))
    if unnamed:
        reasons.append("pronoun subject: who it is is not in the claim, never auto-linked")
    # A place named another way ("Poland" / "the Polish government"): the similarity counts
    # them as one (places.canonical_words); whose words they are is for a reviewer to read.
    renamed = sorted(w for w in fa.written_set ^ fb.written_set if group_of(w) is not None)
    if renamed:
        reasons.append(f"place named another way: {' '.join(renamed[:3])}, never auto-linked")
    return Explanation(
        similarity, comps, penalized, conflicts, short or unnamed or bool(renamed), tuple(reasons)
    )


def decide(
    explanation: Explanation, *, suggest_threshold: float, auto_threshold: float
) -> MatchResult:
    score = explanation.penalized
    if not explanation.auto_allowed:
        score = min(score, auto_threshold - CAP_MARGIN)
    score = round(min(max(score, 0.0), 1.0), 6)
    if score >= auto_threshold and explanation.auto_allowed:
        decision: Decision = "auto"
    elif score >= suggest_threshold:
        decision = "suggest"
    else:
        decision = "none"
    return MatchResult(score, decision, explanation.reasons)


def match_score(
    a: str,
    b: str,
    *,
    suggest_threshold: float | None = None,
    auto_threshold: float | None = None,
    same_claimant: bool = False,
) -> MatchResult:
    """Score in [0, 1] that ``a`` and ``b`` state the same claim, with the decision and why.

    Thresholds default to the configured ones (``thresholds()``). ``same_claimant``: both
    claims name the same claimant (``claimants.same_claimant``), which raises the score
    (``raise_for_claimant``). Pure and database-free.
    """
    if suggest_threshold is None or auto_threshold is None:
        conf_suggest, conf_auto = thresholds()
        suggest_threshold = conf_suggest if suggest_threshold is None else suggest_threshold
        auto_threshold = conf_auto if auto_threshold is None else auto_threshold
    explanation = explain(a, b)
    if semantic.enabled():  # on by default: blends, never lifts a rule
        explanation = semantic.rerank(
            a, b, explanation, floor=suggest_threshold, ceiling=auto_threshold
        )
    if same_claimant:
        explanation = raise_for_claimant(explanation, ceiling=auto_threshold)
    return decide(explanation, suggest_threshold=suggest_threshold, auto_threshold=auto_threshold)


def best_score(
    a: str,
    b: str,
    *,
    suggest_threshold: float,
    same_claimant: bool = False,
    wording_b: Wording | StoredWording | None = None,
) -> float:
    """The highest score ``match_score(a, b, ...)`` can give the pair, cheaply: its similarity
    before the rules (conflicts, an unmatched capitalized word), which only lower it, raised
    as far as the re-ranker could raise a pair with no conflict (``semantic.best_case``)
    and by the claimant. Under ``suggest_threshold`` (by more than ``BOUND_MARGIN``), the
    decision is "none" whatever the rules find, so a caller that keeps only matches
    (``retrieval.rank``) may skip the detectors: most retrieved candidates are such pairs.

    ``wording_b``: ``b``'s wording if the caller has it (a stored claim's, ``stored.of``),
    so that ``b`` is not analyzed here.
    """
    wa, wb = wording(a), wording_b if wording_b is not None else wording(b)
    if not wa.lower or not wb.lower:
        return 0.0
    similarity = _similarity(_components(wa, wb))
    if semantic.enabled():
        similarity = semantic.best_case(
            a, b, similarity, floor=suggest_threshold, figures_b=getattr(wb, "figures", None)
        )
    return similarity + (CLAIMANT_RAISE if same_claimant else 0.0)


# ``decide`` rounds the score to 6 places and the penalties are applied as float factors: a
# bound this far under the threshold is under it after any rounding.
BOUND_MARGIN = 1e-6


def disagreement(a: str, b: str) -> MatchResult | None:
    """Whether ``a`` denies ``b``: the two would match but for one detail that says the
    opposite or another figure (``conflicts.is_contradiction``: a negation, a number or a
    direction; one kind of them and no other conflict, not even a soft one). Returns the
    pair's score as if they agreed on that detail (its penalty lifted; every other rule
    kept, the semantic blend too when it is on) with the decision ``suggest`` and all the
    reasons, the contradicting ones first; None otherwise, or when the pair would not
    match even without it."""
    explanation = explain(a, b)
    conflicts = explanation.conflicts
    if not conflicts or not all(is_contradiction(c) for c in conflicts):
        return None  # no denial, or another difference: another statement
    # "rose"/"fell" is a direction twice (the antonym and the substituted word): one detail.
    if len({c.split(":")[0].removeprefix("changed ") for c in conflicts}) != 1:
        return None  # two details differ (a negation and a figure): another statement
    penalty = CONFLICT_PENALTY ** len({c.split(":")[0] for c in conflicts})  # as ``explain``
    agreed = replace(explanation, penalized=explanation.penalized / penalty, conflicts=())
    suggest, auto = thresholds()
    if semantic.enabled():
        agreed = semantic.rerank(a, b, agreed, floor=suggest, ceiling=auto)
    score = round(min(max(agreed.penalized, 0.0), 1.0), 6)
    if score < suggest:
        return None
    rest = tuple(r for r in explanation.reasons if r not in conflicts)
    return MatchResult(score, "suggest", (*conflicts, *rest))


def raise_for_claimant(
    explanation: Explanation, *, ceiling: float, amount: float | None = None
) -> Explanation:
    """``explanation`` raised by ``CLAIMANT_RAISE`` because both claims name the same
    claimant: the same speaker saying it again in other words is the commonest repeat.

    A raise only, in the suggest band: a pair with a hard conflict (another figure, a
    negation, a changed name...) is left as it is, and so is a pair already at or above
    ``ceiling`` (the auto threshold); any other is raised at most to just below it, so the
    claimant alone never auto-links. (A different claimant is no veto: it changes nothing.)
    """
    amount = CLAIMANT_RAISE if amount is None else amount
    if (
        not explanation.components
        or explanation.penalized >= ceiling
        or any(not is_soft(c) for c in explanation.conflicts)
    ):
        return explanation
    raised = min(explanation.penalized + amount, ceiling - CAP_MARGIN)
    if raised <= explanation.penalized:
        return explanation
    return replace(
        explanation,
        penalized=raised,
        reasons=(
            *explanation.reasons,
            f"same claimant: raised by {raised - explanation.penalized:.2f}",
        ),
    )
