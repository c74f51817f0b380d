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


def test_ngram_tokens_read_words_numbers_and_pairs():
    from claims.extraction.training.news_embedding import ngram_tokens

    tokens = ngram_tokens("The Harbour Board will meet at 7:30 p.m. to weigh a 4.5% levy.")
    assert "harbour board" in tokens and "will meet" in tokens  # adjacent pairs
    assert "the" in tokens and "The" not in tokens  # lower-cased
    assert tokens.count("#") == 3 and "# %" in tokens  # 7, 30 and 4.5 are one token each


def test_ngram_matrix_rows_are_hashed_unit_vectors_and_cross_fit_like_embeddings():
    from claims.extraction.training.news_embedding import ngram_matrix

    texts = [
        "Ferry fares on the island route rose 12 percent in March.",
        "The ferry committee meets on Thursday evening.",
        "",
    ]
    m = ngram_matrix(texts, 10)
    assert m.shape == (3, 1024)
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    assert np.allclose(norms[:2], 1.0) and norms[2] == 0.0  # an empty line stays empty
    assert (ngram_matrix(texts, 10) != m).nnz == 0  # CRC-32: the same columns every run
    # the sparse rows go through the same cross-fitting as the embeddings
    six = texts[:2] * 3
    groups = [f"doc-{i}" for i in range(6)]
    fold_of = {g: i % 3 for i, g in enumerate(groups)}
    y = np.array([1, 0, 1, 0, 1, 0])
    logits = head_logits_oof(
        list(range(6)), groups, fold_of, ngram_matrix(six, 10), y, 1.0, np.ones(6)
    )
    assert set(logits) == set(range(6)) and all(np.isfinite(v) for v in logits.values())
    assert logits[0] > logits[1]  # the figure sentence leans to 1, the meeting time to 0
