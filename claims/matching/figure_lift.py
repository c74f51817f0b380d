"""What the figure rules add to the cosine lift (session 18, issue 15).

The embeddings barely read figures ("3.4 percent" and "2.1 percent" are near-identical to
them), so a rewording that restates a claim's figures in other forms ("$9.6bn" / "9.6
billion dollars", "3.5 percentage points" / "350 basis points") gets no credit for them, and
a related claim on one story that gives other figures none against it. The quantity rules
read both: each figure of one claim that the other states too (``quantities.compatible``)
raises the cosine the lift reads by ``FIGURE_LIFT`` (at most ``MAX_PAIRED`` of them); a
figure in one claim only, or one the rules cannot tell apart from another (an ``extra`` or
``uncertain`` number: soft, so it leaves the lift on), lowers it by ``FIGURE_LIFT`` once.
Only the lift reads it (``semantic.rerank``, for a pair with no hard conflict); the blend,
the reasons and the auto threshold are untouched. The value and the measurements:
``HISTORY.md``, "Figures the rules read as one, in the cosine lift".
"""

from __future__ import annotations

from collections.abc import Iterable

from .conflicts import UNCERTAIN
from .features import features
from .quantities import UNSTATED, Quantity, compatible

FIGURE_LIFT = 0.08
MAX_PAIRED = 2
UNPAIRED = ("extra number", f"{UNCERTAIN}number")


def _stated_in(xs, ys) -> int:
    """How many figures of ``xs`` one of ``ys`` states too (a multiple, an ordinal or a vague
    amount is no figure of its own here, as for ``conflicts.number_conflict``)."""
    return sum(
        x.kind not in UNSTATED and any(y.kind not in UNSTATED and compatible(x, y) for y in ys)
        for x in xs
    )


def evidence(a: str, b: str, conflicts: Iterable[str]) -> float:
    """The figures' evidence for ``a`` and ``b`` (cosine units): figures both state, up to
    ``MAX_PAIRED``, less one for any figure the rules found in one claim only or uncertain."""
    qa, qb = features(a).quantities, features(b).quantities
    if not qa and not qb:
        return 0.0
    paired = min(_stated_in(qa, qb), _stated_in(qb, qa), MAX_PAIRED)
    unpaired = any(c.startswith(UNPAIRED) for c in conflicts)
    return FIGURE_LIFT * (paired - unpaired)


def most(a: str, b: str, figures_b: tuple[Quantity, ...] | None = None) -> float:
    """The largest ``evidence`` the pair can have (no figure unpaired): for the candidate
    bound, with ``b``'s figures as stored (``stored.StoredWording.figures``) if given."""
    qa = features(a).quantities
    qb = figures_b if figures_b is not None else features(b).quantities
    return FIGURE_LIFT * min(_stated_in(qa, qb), _stated_in(qb, qa), MAX_PAIRED)
