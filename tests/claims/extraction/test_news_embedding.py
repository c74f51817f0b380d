"""The round-5 embedding-head experiment (training/news_embedding.py) measures honestly: a
sentence's head logit never comes from a head that saw that sentence's article fold."""

import numpy as np

from claims.extraction.training.news_embedding import head_logits_oof


def test_cross_fitted_head_logits_do_not_see_their_own_fold():
    rng = np.random.default_rng(0)
    groups = [f"doc-{i // 4}" for i in range(40)]  # ten invented articles, four sentences each
    fold_of = {g: i % 5 for i, g in enumerate(sorted(set(groups)))}
    e = rng.normal(size=(40, 8))
    y = (e[:, 0] > 0).astype(int)
    sw = np.ones(40)
    idx = list(range(40))
    before = head_logits_oof(idx, groups, fold_of, e, y, 1.0, sw)
    flipped = y.copy()
    in_fold_two = [i for i in idx if fold_of[groups[i]] == 2]
    flipped[in_fold_two] = 1 - flipped[in_fold_two]
    after = head_logits_oof(idx, groups, fold_of, e, flipped, 1.0, sw)
    # flipping fold 2's labels cannot move fold 2's own logits ...
    assert all(abs(before[i] - after[i]) < 1e-9 for i in in_fold_two)
    # ... but does move the others' (the labels are used at all)
    assert any(abs(before[i] - after[i]) > 1e-6 for i in idx if i not in in_fold_two)
    assert set(before) == set(idx)
