"""Scores on held-out data: positive-class F1, the threshold search, Platt scaling.

Every check-worthiness model is calibrated and thresholded this way on CheckThat! 2024
``dev-test``; bench/ reports its figures with :func:`prf`. Plain Python and numpy.
"""

from __future__ import annotations

import numpy as np


def prf(labels: list[int], predicted: list[bool]) -> tuple[float, float, float]:
    """Positive-class precision, recall and F1."""
    tp = sum(1 for y, p in zip(labels, predicted, strict=True) if y and p)
    fp = sum(1 for y, p in zip(labels, predicted, strict=True) if not y and p)
    fn = sum(1 for y, p in zip(labels, predicted, strict=True) if y and not p)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def best_threshold(labels: list[int], scores: list[float]) -> float:
    """The threshold with the best positive-class F1 on (labels, scores).

    Candidates are a 0.01 grid, and ties go to the middle of the best plateau, so a
    threshold tuned on a few hundred sentences does not sit on the edge of a cliff.
    """
    grid = [round(0.05 + 0.01 * i, 2) for i in range(91)]
    f1s = [prf(labels, [s >= t for s in scores])[2] for t in grid]
    # Smooth over neighbours so one lucky grid point does not win.
    smooth = [sum(f1s[max(0, i - 2) : i + 3]) / len(f1s[max(0, i - 2) : i + 3]) for i in range(91)]
    best = max(range(91), key=lambda i: (round(smooth[i], 4), -abs(grid[i] - 0.5)))
    return grid[best]


def fit_platt(labels: list[int], logits: list[float], iterations: int = 50) -> tuple[float, float]:
    """Platt scaling: ``(a, b)`` so that ``sigmoid(a * logit + b)`` is calibrated on the data.

    Maximum likelihood with Platt's smoothed targets ((N+ + 1) / (N+ + 2) and 1 / (N- + 2)),
    which keep ``a`` finite on separable data, by Newton's method from ``(1, 0)``: plain
    numpy, deterministic, a few milliseconds.
    """
    z = np.asarray(logits, dtype=np.float64)
    y = np.asarray(labels, dtype=np.float64)
    n_pos, n_neg = y.sum(), len(y) - y.sum()
    t = np.where(y > 0, (n_pos + 1) / (n_pos + 2), 1 / (n_neg + 2))
    a, b = 1.0, 0.0
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-(a * z + b)))
        g = np.array([np.dot(p - t, z), np.sum(p - t)])
        w = p * (1 - p) + 1e-12
        h = np.array([[np.dot(w * z, z), np.dot(w, z)], [np.dot(w, z), np.sum(w)]])
        step = np.linalg.solve(h + 1e-9 * np.eye(2), g)
        a, b = a - step[0], b - step[1]
        if np.abs(step).max() < 1e-10:
            break
    return float(a), float(b)
