"""Chart geometry for the dashboard, drawn as inline SVG by our own templates.

Functions here only compute numbers (bar positions and sizes in a fixed viewBox); the
templates draw them, and every chart also has a table with the same figures for screen
readers and for anyone who prefers numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

WIDTH = 600
HEIGHT = 220
LABEL_BAND = 40  # room under the bars for the labels
TOP = 16  # room above the tallest bar for its value


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    x: float
    y: float
    width: float
    height: float
    text_x: float


@dataclass(frozen=True)
class BarChart:
    bars: list[Bar]
    width: int
    height: int
    baseline: float
    maximum: float


def bar_chart(items: Sequence[tuple[str, float]], *, width: int = WIDTH, height: int = HEIGHT):
    """Vertical bars for ``(label, value)`` pairs, scaled to the largest value."""
    maximum = max((v for _, v in items), default=0) or 1
    slot = width / max(len(items), 1)
    bar_width = slot * 0.7
    plot = height - LABEL_BAND - TOP
    baseline = height - LABEL_BAND
    bars = []
    for i, (label, value) in enumerate(items):
        h = plot * value / maximum
        x = i * slot + (slot - bar_width) / 2
        bars.append(
            Bar(
                label=label,
                value=value,
                x=round(x, 1),
                y=round(baseline - h, 1),
                width=round(bar_width, 1),
                height=round(h, 1),
                text_x=round(x + bar_width / 2, 1),
            )
        )
    return BarChart(bars=bars, width=width, height=height, baseline=baseline, maximum=maximum)


@dataclass(frozen=True)
class Segment:
    label: str
    key: str
    value: int
    x: float
    width: float


@dataclass(frozen=True)
class StackedRow:
    label: str
    total: int
    segments: list[Segment]
    y: float


def stacked_rows(
    rows: Sequence[tuple[str, Sequence[tuple[str, str, int]]]],
    *,
    width: int = WIDTH,
    row_height: int = 28,
) -> tuple[list[StackedRow], int]:
    """Horizontal stacked bars: one row per ``(label, [(key, label, value), ...])``, all
    rows on the same scale. Returns the rows and the SVG height."""
    totals = [sum(v for _, _, v in segments) for _, segments in rows]
    maximum = max(totals, default=0) or 1
    out = []
    for i, ((label, segments), total) in enumerate(zip(rows, totals, strict=True)):
        x = 0.0
        parts = []
        for key, seg_label, value in segments:
            w = width * value / maximum
            parts.append(Segment(seg_label, key, value, round(x, 1), round(w, 1)))
            x += w
        out.append(StackedRow(label, total, parts, y=i * row_height))
    return out, max(len(rows), 1) * row_height
