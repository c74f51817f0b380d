"""The shipped check-worthiness model: format, speed, determinism, sanity."""

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import numpy as np
import pytest

import claims.extraction as extraction
from claims.extraction import features
from claims.extraction.model import ARTIFACT_PATH, CheckworthinessModel


def test_artifact_is_small_and_holds_no_pickles():
    assert ARTIFACT_PATH.stat().st_size < 3 * 1024 * 1024
    with zipfile.ZipFile(ARTIFACT_PATH) as zf:
        names = set(zf.namelist())
    assert names == {
        "indices.npy",
        "weights.npy",
        "bias.npy",
        "tfidf_indices.npy",
        "tfidf_idf.npy",
        "tfidf_weights.npy",
        "tfidf_bias.npy",
        "meta.npy",
    }
    with np.load(ARTIFACT_PATH, allow_pickle=False) as data:
        meta = json.loads(bytes(data["meta"]).decode())
        assert data["indices"].dtype == np.int32
        assert data["weights"].dtype == np.float32
    assert meta["n_buckets"] == features.N_BUCKETS
    assert "dev-test" in meta["threshold_tuned_on"]


def test_model_loads_with_its_threshold():
    # How long it takes is measured by bench/extraction.py, not asserted here.
    model = CheckworthinessModel.load()
    assert 0.0 < model.threshold < 1.0


def test_threshold_is_exposed():
    assert CheckworthinessModel.load().threshold == extraction.CHECKWORTHY_THRESHOLD


def test_features_are_stable_across_processes():
    # CRC-32, not hash(): the bucket of a feature never depends on PYTHONHASHSEED.
    assert features._bucket("w:tax") == 176227
    assert features.sentence_features("Taxes rose 5%.") == features.sentence_features(
        "Taxes rose 5%."
    )


def test_scores_are_probabilities_and_rank_sensibly():
    model = CheckworthinessModel.load()
    factual = model.score("Unemployment rose to 9 percent in 2010, the highest in 25 years.")
    opinion = model.score("I think we should all be proud of what we have done together.")
    assert 0.0 <= opinion < model.threshold < factual <= 1.0
    assert 0.0 <= model.score("") <= 1.0


@pytest.mark.slow
def test_the_shipped_model_scores_without_scikit_learn_or_scipy():
    # The runtime lock has neither (they are the training extra): a fresh interpreter in
    # which importing them fails extracts and scores a sentence as the app does.
    script = """
import sys
sys.modules.update({"sklearn": None, "scipy": None})
from claims.extraction import extract
from claims.extraction.model import CheckworthinessModel
model = CheckworthinessModel.load()
(sentence,) = extract("Unemployment rose to 9 percent in 2010, the highest in 25 years.")
assert sentence.checkworthy and sentence.score > model.threshold, sentence
assert not {"sklearn", "scipy"} & {name.split(".")[0] for name in sys.modules if sys.modules[name]}
print(round(sentence.score, 3))
"""
    root = Path(__file__).resolve().parents[3]
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=root, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert 0.0 < float(result.stdout) <= 1.0
