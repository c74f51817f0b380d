"""The verdict scale as readers see it: where a rating sits on it, for its badge.

Ratings are rows (``claims.models.Rating``), so the badge's colour is not chosen by name:
a rating with a numeric ``value`` is placed on the scale between the worst and the best
values in use (``claims.selectors.rating_scale``) and given one of ``STEPS`` colours, from
false to true; a rating off the scale (no value: "misleading", "unverifiable") gets the
neutral badge. The label is always written: colour and the pips only repeat it.
"""

from __future__ import annotations

from dataclasses import dataclass

# desk.css draws .rating-scale-0 (the worst) to .rating-scale-4 (the best).
STEPS = 5


def scale_step(value: int | None, scale: tuple[int, int] | None) -> int | None:
    """The colour step of a rating ``value`` on ``scale`` (worst, best); None off it."""
    if value is None or scale is None:
        return None
    worst, best = scale
    if best <= worst:
        return STEPS // 2
    position = (value - worst) / (best - worst)
    return min(STEPS - 1, max(0, round(position * (STEPS - 1))))


def says_false(value: int | None, scale: tuple[int, int] | None) -> bool:
    """Whether a rating ``value`` says "false" on ``scale``: it sits in the false half of
    the scale, on a step below the middle one (the steps the badge colours from false to
    true). The scale has no field that says so; this is the narrowest rule it supports: on
    the default scale "false" and "mostly false", not "mixed", and never a rating off the
    scale ("misleading", "unverifiable": they say something else than false)."""
    step = scale_step(value, scale)
    return step is not None and step < STEPS // 2


@dataclass(frozen=True, slots=True)
class RatingBadge:
    """What ``claims/_rating.html`` draws: the label, the slug, and the step (None: off
    the scale), with one pip per step, filled up to this rating's."""

    slug: str
    label: str
    step: int | None

    @classmethod
    def of(cls, *, slug: str, label: str, value: int | None, scale) -> RatingBadge:
        return cls(slug=slug, label=label, step=scale_step(value, scale))

    @property
    def pips(self) -> list[bool]:
        return [] if self.step is None else [i <= self.step for i in range(STEPS)]
