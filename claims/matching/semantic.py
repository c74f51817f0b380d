"""Optional semantic re-ranking: blend sentence-embedding cosine into the lexical similarity.

On by default (setting ``MATCH_SEMANTIC``), with the committed ONNX model
(``claims.embeddings``; stored per claim by ``vectors.py``). When on, ``match_score`` passes
every pair it scores through :func:`rerank`, so the candidates that retrieval returned are
re-scored with

    similarity' = max(lexical similarity, (1 - BLEND) * lexical similarity + BLEND * max(cosine, 0))

and then the SAME penalties as before: the factor that the conflict rules
(``conflicts.py``: number, date, negation, entity, roles, direction), the soft conflicts and
the weak-entity rule applied to the lexical similarity is applied to the blend. Conflicts,
the short-claim rule and the reasons are left exactly as ``explain`` found them, and
``decide`` still caps a pair that has any of them below the auto threshold: embeddings can
move a paraphrase that shares few words into "suggest", never make a conflicting or short
pair "auto". (Embeddings see "3.4 percent" and "2.1 percent" as near-identical: that is why
they only ever feed the similarity, not the rules.)

The re-ranker works in the "suggest" band only: auto-linking is decided by the lexical
score alone. A pair that is lexically auto keeps its lexical explanation; any other pair's
blended score is capped just below ``ceiling`` (the auto threshold). Measured: letting the
blend reach "auto" lowered auto precision (embeddings barely see swapped names, a role
swap the rules missed became auto), while suggestions gained recall.

A pair whose blend could not reach ``floor`` (the suggest threshold) even at cosine 1 keeps
its lexical explanation and costs no model call: its decision is "none" either way.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

import numpy as np

from . import figure_lift
from .conflicts import is_soft

if TYPE_CHECKING:
    from .score import Explanation

# Weight of the embedding cosine in the blended similarity. Chosen by
# bench/matching_quality.py (see claims/matching/README.md).
BLEND = 0.4
# The cosine at which a pair with no hard conflict is suggested on the embeddings alone
# (the cosine raised or lowered by what the figure rules read, ``figure_lift``): the lowest
# at which different claims on one story are suggested at most 5% of the time
# (``bench/matching_pairs.py --sweep``; the budget and its curve: claims/matching/HISTORY.md).
COSINE_SUGGEST = 0.48
CACHE_SIZE = 8192
# Below the auto threshold by this much when the blend is capped (as score.CAP_MARGIN).
CEILING_MARGIN = 0.01
_vectors: OrderedDict[str, np.ndarray] = OrderedDict()


def enabled() -> bool:
    """``settings.MATCH_SEMANTIC`` (False outside a configured Django project)."""
    try:
        from django.conf import settings

        return bool(getattr(settings, "MATCH_SEMANTIC", False))
    except Exception:  # ImproperlyConfigured: used as a library without settings
        return False


def prime(texts: Iterable[str]) -> None:
    """Embed the texts not cached yet in one batch (much faster than one at a time)."""
    from claims.embeddings import encode

    missing = list(dict.fromkeys(t for t in texts if t not in _vectors))
    for start in range(0, len(missing), CACHE_SIZE):
        chunk = missing[start : start + CACHE_SIZE]
        for text, vector in zip(chunk, encode(chunk), strict=True):
            remember(text, vector)


def remember(text: str, vector: np.ndarray) -> None:
    """Cache ``text``'s vector (computed here, or read from ``ClaimEmbedding``)."""
    _vectors[text] = vector
    _vectors.move_to_end(text)
    while len(_vectors) > CACHE_SIZE:
        _vectors.popitem(last=False)


def vector(text: str) -> np.ndarray:
    """``text``'s embedding (unit length), from the cache or computed and cached."""
    found = _vectors.get(text)
    if found is None:
        prime([text])
        return _vectors[text]
    _vectors.move_to_end(text)
    return found


def cosine(a: str, b: str) -> float:
    """Cosine of the two texts' embeddings, clipped to [0, 1]."""
    return float(min(max(np.dot(vector(a), vector(b)), 0.0), 1.0))


def best_case(
    a: str, b: str, similarity: float, *, floor: float, figures_b: tuple | None = None
) -> float:
    """The highest similarity ``rerank`` can give a pair of lexical ``similarity`` (its
    penalties, all factors of at most 1, left out): as for a pair with no hard conflict and
    no figure in one claim only (``figure_lift.most``; ``figures_b``: ``b``'s figures as
    stored, else ``b`` is analyzed, and only when its figures could make a difference)."""
    lift = floor / COSINE_SUGGEST if floor > 0 else 0.0
    cos = cosine(a, b)
    best = max((1.0 - BLEND) * similarity + BLEND * cos, similarity, min(cos * lift, 1.0))
    reach = figure_lift.FIGURE_LIFT * figure_lift.MAX_PAIRED
    if lift and min((cos + reach) * lift, 1.0) > best:
        best = max(best, min((cos + figure_lift.most(a, b, figures_b)) * lift, 1.0))
    return best


def _hard(explanation: Explanation) -> bool:
    """A conflict that is not soft ("extra": a figure or a name in one claim only; a
    spelling variant)."""
    return any(not is_soft(c) for c in explanation.conflicts)


def rerank(
    a: str,
    b: str,
    explanation: Explanation,
    *,
    floor: float = 0.0,
    ceiling: float | None = None,
    blend: float = BLEND,
) -> Explanation:
    """``explanation`` with the embedding cosine blended into its similarity.

    Penalties are carried over as a factor, and conflicts, ``short`` and reasons are kept,
    so every rule that holds a pair back still holds it back. With ``ceiling`` (the auto
    threshold), a pair already at or above it lexically is returned unchanged and any other
    is capped below it, so auto-links stay the lexical ones. An empty text, or a pair that
    could not reach ``floor`` whatever the cosine, is returned unchanged.
    """
    if not explanation.components:  # empty text: explain() already said "none"
        return explanation
    if ceiling is not None and explanation.penalized >= ceiling:
        return explanation
    similarity = explanation.similarity
    factor = explanation.penalized / similarity if similarity > 0 else 1.0
    # Without a hard conflict, the cosine alone may carry a paraphrase that shares few
    # words: at COSINE_SUGGEST it reaches the suggest threshold. The figures the rules read
    # as one in both claims raise the cosine it reads, a figure in one claim only lowers it.
    lift = floor / COSINE_SUGGEST if floor > 0 and not _hard(explanation) else 0.0
    if max((1.0 - blend) * similarity + blend, lift) * factor < floor:
        return explanation
    cos = cosine(a, b)
    lifted = 0.0
    if lift:
        read = cos + figure_lift.evidence(a, b, explanation.conflicts)
        lifted = min(max(read, 0.0) * lift, 1.0)
    # Embeddings may raise a pair's similarity, never lower it: a pair whose words already
    # agree keeps its lexical score (embeddings blur names and numbers, the words do not).
    blended = max((1.0 - blend) * similarity + blend * cos, similarity, lifted)
    penalized = blended * factor
    if ceiling is not None:
        penalized = min(penalized, ceiling - CEILING_MARGIN)
    return replace(
        explanation,
        similarity=blended,
        components={**explanation.components, "semantic": cos},
        penalized=penalized,
    )
