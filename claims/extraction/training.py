"""Training the check-worthiness model from the ClaimBuster data.

Only ``claimbuster/`` is read for training. ``groundtruth.csv`` is an evaluation set, so it is
left out, and so are the 704 groundtruth sentence ids that the ``*NCS.json`` subsets contain.
The CheckThat! folders are read by :func:`load_checkthat2024` for evaluation and for choosing
the threshold on ``dev-test`` only; nothing here fits a model to them.

scikit-learn and scipy are used here, at training time only, and come with the optional
``training`` extra (:func:`training_available`); the result is written as plain arrays
(``.npz``, no pickle) that ``model.py`` scores with pure Python, so running the app needs
neither.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import math
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .features import N_BUCKETS, sentence_features, word_counts
from .model import write_artifact

DEFAULT_C = 2.0
# Weight of the n-gram + cue logit against the TF-IDF word logit. Chosen by 4-fold
# cross-validated average precision on the training data (0.7 beat 0.5 and 1.0 in every fold).
DEFAULT_MIX = 0.7
TFIDF_C = 2.0
NCS_FILE = "2.5xNCS.json"
# Sentences the stricter-agreement NCS subset also holds get more weight: their labels are
# the ones several coders agreed on.
NCS_WEIGHT = 2.0
# Weight of the label against the teacher's probability in the training target
# (``distillation.py``). 0.5 had the best F1 on CheckThat! 2024 dev-test of 1.0 (labels
# only: 0.829), 0.7, 0.5 (0.850), 0.3 and 0.0.
DISTIL_ALPHA = 0.5


class TrainingExtraMissing(ImportError):
    """The ``training`` extra (scikit-learn, scipy) is not installed."""

    @staticmethod
    def message() -> str:
        return (
            "training needs the optional 'training' extra (scikit-learn, scipy): run "
            "`make install` in a checkout, or `pip install '.[training]'`"
        )


def training_available() -> bool:
    """Whether the ``training`` extra is installed (checked without importing it)."""
    return all(importlib.util.find_spec(name) is not None for name in ("sklearn", "scipy"))


@dataclass(frozen=True)
class Example:
    text: str
    label: int  # 1 = check-worthy (CFS), 0 = not
    weight: float = 1.0


def default_data_dir() -> Path:
    """``<repo>/../shared/data/claim-detection``."""
    repo = Path(__file__).resolve().parents[2]
    return repo.parent / "shared" / "data" / "claim-detection"


def default_claimbuster_dir() -> Path:
    return default_data_dir() / "claimbuster"


def default_checkthat2024_dir() -> Path:
    return default_data_dir() / "checkthat2024-task1-english"


def _read_claimbuster_csv(path: Path) -> list[tuple[int, str, int]]:
    with path.open(newline="", encoding="utf-8") as fh:
        return [
            (int(row["Sentence_id"]), row["Text"], 1 if int(row["Verdict"]) == 1 else 0)
            for row in csv.DictReader(fh)
        ]


def load_groundtruth(claimbuster_dir: Path) -> list[Example]:
    """ClaimBuster ``groundtruth.csv`` (evaluation only): CFS is the positive class."""
    rows = _read_claimbuster_csv(claimbuster_dir / "datasets" / "groundtruth.csv")
    return [Example(text, label) for _id, text, label in rows]


def load_training(claimbuster_dir: Path) -> list[Example]:
    """``crowdsourced.csv`` plus the non-groundtruth part of the 2.5xNCS subset.

    Crowdsourced sentences that are also in the NCS subset take the NCS label (the agreed
    one) and a higher weight. Groundtruth ids are dropped wherever they appear.
    """
    datasets = claimbuster_dir / "datasets"
    gt_ids = {sid for sid, _t, _l in _read_claimbuster_csv(datasets / "groundtruth.csv")}
    crowd = _read_claimbuster_csv(datasets / "crowdsourced.csv")
    ncs: dict[int, tuple[str, int]] = {}
    ncs_path = datasets / NCS_FILE
    if ncs_path.exists():
        for item in json.loads(ncs_path.read_text(encoding="utf-8")):
            sid = int(item["sentence_id"])
            if sid not in gt_ids:
                ncs[sid] = (item["text"], int(item["label"]))
    examples = []
    seen: set[int] = set()
    for sid, text, label in crowd:
        if sid in gt_ids:
            continue
        seen.add(sid)
        if sid in ncs:
            examples.append(Example(text, ncs[sid][1], NCS_WEIGHT))
        else:
            examples.append(Example(text, label, 1.0))
    for sid, (text, label) in ncs.items():
        if sid not in seen:
            examples.append(Example(text, label, NCS_WEIGHT))
    return examples


def load_checkthat2024(folder: Path, split: str) -> list[Example]:
    """CheckThat! 2024 English: ``dev-test`` (threshold tuning) or ``test`` (report only)."""
    name = {
        "dev-test": "CT24_checkworthy_english_dev-test.tsv",
        "test": "CT24_checkworthy_english_test_gold.tsv",
    }[split]
    out = []
    with (folder / name).open(newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            out.append(Example(row["Text"], 1 if row["class_label"].strip() == "Yes" else 0))
    return out


def feature_matrix(texts: list[str]):
    """A scipy CSR matrix of :func:`sentence_features` rows."""
    from scipy.sparse import csr_matrix

    indptr = [0]
    indices: list[int] = []
    values: list[float] = []
    for text in texts:
        feats = sentence_features(text)
        indices.extend(feats.keys())
        values.extend(feats.values())
        indptr.append(len(indices))
    return csr_matrix(
        (np.asarray(values, dtype=np.float64), np.asarray(indices), np.asarray(indptr)),
        shape=(len(texts), N_BUCKETS),
    )


def soft_targets(examples: list[Example], teacher: np.ndarray | None, alpha: float) -> np.ndarray:
    """Each sentence's training target: its label, or with a ``teacher`` (logits, one per
    example) ``alpha * label + (1 - alpha) * sigmoid(teacher)`` (distillation, see
    ``distillation.py``)."""
    y = np.asarray([e.label for e in examples], dtype=np.float64)
    if teacher is None:
        return y
    return alpha * y + (1.0 - alpha) / (1.0 + np.exp(-np.asarray(teacher, dtype=np.float64)))


def _fit_logistic(x, targets: np.ndarray, weights: np.ndarray, c: float):
    """L2 logistic regression on targets in [0, 1]: a soft target ``t`` is the same row
    twice, positive with weight ``w * t`` and negative with weight ``w * (1 - t)``, which is
    the cross-entropy against ``t``. Returns ``(coef, intercept)``."""
    from scipy.sparse import vstack
    from sklearn.linear_model import LogisticRegression

    hard = np.all((targets == 0) | (targets == 1))
    if hard:
        rows, labels, sample_weight = x, targets, weights
    else:
        rows = vstack([x, x]).tocsr()
        labels = np.r_[np.ones(len(targets)), np.zeros(len(targets))]
        sample_weight = np.r_[weights * targets, weights * (1.0 - targets)]
        keep = sample_weight > 1e-9
        rows, labels, sample_weight = rows[keep], labels[keep], sample_weight[keep]
    clf = LogisticRegression(C=c, max_iter=3000, solver="liblinear", random_state=0)
    clf.fit(rows, labels, sample_weight=sample_weight)
    return clf.coef_[0].astype(np.float32), float(clf.intercept_[0])


def fit(examples: list[Example], c: float = DEFAULT_C, targets: np.ndarray | None = None):
    """Fit the n-gram + cue regression; returns ``(weights, bias)`` as numpy arrays."""
    x = feature_matrix([e.text for e in examples])
    y = soft_targets(examples, None, 1.0) if targets is None else targets
    return _fit_logistic(x, y, np.asarray([e.weight for e in examples]), c)


def tfidf_matrix(texts: list[str], idf: np.ndarray | None = None):
    """Sublinear-tf, IDF-weighted, L2-normalized word matrix; returns ``(matrix, idf)``.

    ``idf`` is computed from ``texts`` (smoothed, as scikit-learn does) when not given;
    words whose bucket has no IDF (never seen in training) are ignored.
    """
    from scipy.sparse import csr_matrix

    rows = [word_counts(t) for t in texts]
    if idf is None:
        df = np.zeros(N_BUCKETS)
        for counts in rows:
            df[list(counts)] += 1
        idf = np.where(df > 0, np.log((1 + len(texts)) / (1 + df)) + 1.0, 0.0)
    indptr = [0]
    indices: list[int] = []
    values: list[float] = []
    for counts in rows:
        vec = {b: (1.0 + math.log(c)) * idf[b] for b, c in counts.items() if idf[b] > 0}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        indices.extend(vec)
        values.extend(v / norm for v in vec.values())
        indptr.append(len(indices))
    matrix = csr_matrix(
        (np.asarray(values, dtype=np.float64), np.asarray(indices, dtype=np.int64), indptr),
        shape=(len(texts), N_BUCKETS),
    )
    return matrix, idf


def fit_tfidf(examples: list[Example], c: float = TFIDF_C, targets: np.ndarray | None = None):
    """Fit the TF-IDF word half; returns ``(idf, weights, bias)``."""
    x, idf = tfidf_matrix([e.text for e in examples])
    y = soft_targets(examples, None, 1.0) if targets is None else targets
    weights, bias = _fit_logistic(x, y, np.asarray([e.weight for e in examples]), c)
    return idf.astype(np.float32), weights, bias


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


def train_artifact(
    claimbuster_dir: Path,
    checkthat_dir: Path,
    out_path: Path,
    c: float = DEFAULT_C,
    mix: float = DEFAULT_MIX,
    alpha: float = DISTIL_ALPHA,
    teacher: np.ndarray | None = None,
) -> dict:
    """Train on ClaimBuster, tune the threshold on CheckThat! 2024 dev-test, write the npz.

    The targets blend labels and the teacher's probabilities (``alpha``; 1.0: labels only);
    ``teacher`` defaults to the shipped logits (``distillation.read_teacher_logits``).
    Returns the metadata written into the artifact (sizes, threshold, timing).
    """
    from .distillation import read_teacher_logits
    from .model import CheckworthinessModel

    started = time.perf_counter()
    examples = load_training(claimbuster_dir)
    if teacher is None and alpha < 1.0:
        teacher = read_teacher_logits(examples)
    targets = soft_targets(examples, teacher if alpha < 1.0 else None, alpha)
    weights, bias = fit(examples, c=c, targets=targets)
    idf, tfidf_weights, tfidf_bias = fit_tfidf(examples, targets=targets)
    seen = np.flatnonzero(idf)
    model = CheckworthinessModel.from_arrays(
        weights, bias, seen, idf[seen], tfidf_weights[seen], tfidf_bias, mix, threshold=0.5
    )
    dev = load_checkthat2024(checkthat_dir, "dev-test")
    dev_labels = [e.label for e in dev]
    # Calibrate on dev-test (held out, and closer to the news-era language than the training
    # debates), then pick the threshold there on the calibrated scores. Platt scaling is
    # monotonic: it changes what a score means, not how sentences rank.
    a, b = (round(v, 6) for v in fit_platt(dev_labels, [model.logit(e.text) for e in dev]))
    model.calibration = (a, b)
    threshold = best_threshold(dev_labels, [model.score(e.text) for e in dev])
    nonzero = np.flatnonzero(weights)
    meta = {
        "format": 3,
        "n_buckets": N_BUCKETS,
        "threshold": threshold,
        "threshold_tuned_on": "CheckThat! 2024 English dev-test (positive-class F1, smoothed)",
        "calibration": [a, b],
        "calibrated_on": "CheckThat! 2024 English dev-test (Platt scaling of the mixed logit)",
        "trained_on": f"ClaimBuster crowdsourced.csv + {NCS_FILE} (groundtruth ids excluded)",
        "n_training_sentences": len(examples),
        "n_positive": sum(e.label for e in examples),
        "C": c,
        "tfidf_C": TFIDF_C,
        "mix": mix,
        "ncs_weight": NCS_WEIGHT,
        "targets": (
            f"{alpha} x label + {round(1 - alpha, 6)} x teacher probability "
            "(checkworthiness_teacher.npz)"
            if alpha < 1.0
            else "labels"
        ),
        "training_seconds": round(time.perf_counter() - started, 1),
    }
    arrays = {
        "indices": nonzero.astype(np.int32),
        "weights": weights[nonzero].astype(np.float32),
        "bias": np.asarray([bias], dtype=np.float64),
        "tfidf_indices": seen.astype(np.int32),
        "tfidf_idf": idf[seen].astype(np.float32),
        "tfidf_weights": tfidf_weights[seen].astype(np.float32),
        "tfidf_bias": np.asarray([tfidf_bias], dtype=np.float64),
    }
    write_artifact(out_path, arrays, meta)
    return meta
