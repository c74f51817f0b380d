"""The check-worthiness data sets, and which of them training may read.

Only ``claimbuster/`` is read for training. ``groundtruth.csv`` is an evaluation set, so it is
left out, and so are the 704 groundtruth sentence ids that the ``*NCS.json`` subsets contain.
The CheckThat! folders are read by :func:`load_checkthat2024` for evaluation and for choosing
the threshold on ``dev-test`` only; nothing here fits a model to them.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path

NCS_FILE = "2.5xNCS.json"
# Sentences the stricter-agreement NCS subset also holds get more weight: their labels are
# the ones several coders agreed on.
NCS_WEIGHT = 2.0


@dataclass(frozen=True)
class Example:
    text: str
    label: int  # 1 = check-worthy (CFS), 0 = not
    weight: float = 1.0


def default_data_dir() -> Path:
    """``<repo>/../shared/data/claim-detection``."""
    repo = Path(__file__).resolve().parents[3]
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
