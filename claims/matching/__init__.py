"""Claim matching, database-free core: "has this claim been checked before?"

    from claims.matching import match_score, normalize
    result = match_score(new_claim_text, known_claim_text)
    result.score, result.decision, result.reasons   # 0.93, "auto", ()

See ``README.md`` in this package for the rules, the thresholds and how they were measured.
"""

from .conflicts import find_conflicts
from .features import Features, Wording, features, wording
from .normalize import ALIASES, CASE_SENSITIVE, analyze, normalize
from .score import (
    DEFAULT_AUTO_THRESHOLD,
    DEFAULT_SUGGEST_THRESHOLD,
    MIN_AUTO_WORDS,
    Explanation,
    MatchResult,
    decide,
    explain,
    match_score,
    thresholds,
)

__all__ = [
    "ALIASES",
    "CASE_SENSITIVE",
    "DEFAULT_AUTO_THRESHOLD",
    "DEFAULT_SUGGEST_THRESHOLD",
    "MIN_AUTO_WORDS",
    "Explanation",
    "Features",
    "MatchResult",
    "Wording",
    "analyze",
    "decide",
    "explain",
    "features",
    "find_conflicts",
    "match_score",
    "normalize",
    "thresholds",
    "wording",
]
