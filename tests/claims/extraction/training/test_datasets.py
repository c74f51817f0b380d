"""Training data hygiene: ClaimBuster only, no evaluation sentences in training."""

import csv
import json
import sys

import pytest
from django.core.management import CommandError, call_command

from claims.extraction.training import training_available
from claims.extraction.training.datasets import NCS_FILE, load_training


def test_training_excludes_groundtruth_and_reads_no_checkthat(data_dir, monkeypatch):
    opened = []
    real_open = type(data_dir).open

    def spy(self, *args, **kwargs):
        opened.append(str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(type(data_dir), "open", spy)
    examples = load_training(data_dir / "claimbuster")
    assert not [p for p in opened if "checkthat" in p.lower()]
    datasets = data_dir / "claimbuster" / "datasets"
    with (datasets / "groundtruth.csv").open(newline="", encoding="utf-8") as fh:
        gt_texts = {row["Text"] for row in csv.DictReader(fh)}
    ncs = json.loads((datasets / NCS_FILE).read_text(encoding="utf-8"))
    assert any(item["text"] in gt_texts for item in ncs)  # the NCS sets do hold some
    train_texts = {e.text for e in examples}
    # Crowdsourced and groundtruth share no ids; a handful of identical texts may recur.
    assert len(train_texts & gt_texts) < 25
    assert 20_000 < len(examples) < 25_000
    assert 0.2 < sum(e.label for e in examples) / len(examples) < 0.3


def test_train_command_reports_missing_data(tmp_path):
    with pytest.raises(CommandError, match="training data not found"):
        call_command("train_checkworthiness", claimbuster_dir=tmp_path, output=tmp_path / "m.npz")


def test_train_command_without_the_training_extra_says_how_to_install_it(monkeypatch, tmp_path):
    # As in the runtime image: scikit-learn cannot be imported (None in sys.modules).
    monkeypatch.setitem(sys.modules, "sklearn", None)
    assert not training_available()
    with pytest.raises(CommandError) as error:
        call_command("train_checkworthiness", claimbuster_dir=tmp_path, output=tmp_path / "m.npz")
    message = str(error.value)
    assert "'training' extra" in message and "pip install '.[training]'" in message
    assert "\n" not in message
    assert not (tmp_path / "m.npz").exists()
