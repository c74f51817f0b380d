"""Choosing the threshold on held-out scores."""

from claims.extraction.training.calibration import best_threshold


def test_threshold_search_prefers_the_plateau():
    labels = [1, 1, 0, 0]
    scores = [0.9, 0.8, 0.2, 0.1]
    threshold = best_threshold(labels, scores)
    assert 0.2 < threshold <= 0.8
