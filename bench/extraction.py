"""Benchmark of claim extraction: quality against a TF-IDF baseline, speed, load time.

    .venv/bin/python bench/extraction.py [--data-dir DIR] [--retrain]

Prints, in one run:

* positive-class precision / recall / F1 on ClaimBuster ``groundtruth.csv`` (CFS positive),
  CheckThat! 2024 English ``dev-test`` and ``test`` (gold), for the shipped default model and
  for a plain TF-IDF + logistic-regression baseline trained here on the same training
  sentences. Both use a threshold chosen on dev-test the same way; the baseline is also shown
  at the library default 0.5. Test is never used to choose anything;
* the same figures through the whole pipeline (``extract()`` on each evaluation sentence,
  positive when any segment is check-worthy), since headings and captions are never claims;
* debates ingested as articles: CT24 test lines and the CheckThat! 2019 test debates (with
  their speakers' labels, "CLINTON: ...") joined 8 lines a text, without the news stage and
  as shipped (the stage, and the transcript guard that keeps the threshold for them);
* model load time (in this process, and import + load in a fresh interpreter);
* throughput of ``extract()`` (segmentation + scoring + attribution + flags) in sentences
  per second on one core, on the seed article and on ClaimBuster groundtruth sentences
  joined into paragraphs.

``--retrain`` also trains the default model from the data in this run (to a temporary file)
and reports it next to the shipped one.

When the optional ``semantic`` extra is installed, the same run adds the semantic scorer
(``EXTRACTOR = "semantic"``: MiniLM embeddings + the shipped head): its P / R / F1 on the
three sets, its load time (head, and the embedding model: in process and in a fresh
interpreter) and its throughput (scoring alone in batches, and the whole ``extract()``),
and the LoRA scorer (``EXTRACTOR = "semantic-lora"``: MiniLM with the shipped adapters).
Without the extra these rows are skipped with a note.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from claims.extraction import extract  # noqa: E402
from claims.extraction.model import ARTIFACT_PATH, CheckworthinessModel  # noqa: E402
from claims.extraction.training import datasets, linear  # noqa: E402
from claims.extraction.training.calibration import best_threshold, prf  # noqa: E402

SEED = REPO.parent / "shared" / "fixtures" / "seed-article-buffer-zone.txt"


def _fmt(p: float, r: float, f: float) -> str:
    return f"{p:5.3f} {r:5.3f} {f:5.3f}"


def _row(name: str, results: list[tuple[float, float, float]], extra: str = "") -> None:
    print(f"{name:<40}" + "  ".join(_fmt(*x) for x in results) + ("  " + extra if extra else ""))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data-dir", type=Path, default=datasets.default_data_dir())
    parser.add_argument("--retrain", action="store_true")
    args = parser.parse_args()
    cb_dir = args.data_dir / "claimbuster"
    ct_dir = args.data_dir / "checkthat2024-task1-english"

    train = datasets.load_training(cb_dir)
    sets = {
        "ClaimBuster groundtruth": datasets.load_groundtruth(cb_dir),
        "CT24 dev-test": datasets.load_checkthat2024(ct_dir, "dev-test"),
        "CT24 test": datasets.load_checkthat2024(ct_dir, "test"),
    }
    labels = {k: [e.label for e in v] for k, v in sets.items()}
    texts = {k: [e.text for e in v] for k, v in sets.items()}
    print(f"training sentences: {len(train)} ({sum(e.label for e in train)} check-worthy)")
    for name, examples in sets.items():
        pos = sum(e.label for e in examples)
        print(f"{name}: {len(examples)} sentences, {pos} positive")
    print()
    header = f"{'':<40}" + "  ".join(f"{k[:17]:<17}" for k in sets)
    sub = f"{'model (threshold)':<40}" + "  ".join(f"{'P     R     F1':<17}" for _ in sets)

    # Baseline: plain TF-IDF (word unigrams, sklearn defaults) + logistic regression.
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    started = time.perf_counter()
    vectorizer = TfidfVectorizer()
    x_train = vectorizer.fit_transform([e.text for e in train])
    baseline = LogisticRegression(max_iter=1000)
    baseline.fit(x_train, [e.label for e in train])
    base_fit = time.perf_counter() - started
    base_scores = {
        k: baseline.predict_proba(vectorizer.transform(t))[:, 1] for k, t in texts.items()
    }
    base_th = best_threshold(labels["CT24 dev-test"], list(base_scores["CT24 dev-test"]))

    started = time.perf_counter()
    model = CheckworthinessModel.load(ARTIFACT_PATH)
    load_seconds = time.perf_counter() - started
    models = [("default (shipped)", model)]
    if args.retrain:
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "m.npz"
            linear.train_artifact(cb_dir, ct_dir, out)
            models.append(("default (retrained in this run)", CheckworthinessModel.load(out)))

    print(header)
    print(sub)
    for label, m in models:
        scores = {k: [m.score(t) for t in v] for k, v in texts.items()}
        _row(
            f"{label} ({m.threshold:.2f})",
            [prf(labels[k], [s >= m.threshold for s in scores[k]]) for k in sets],
        )
    _row(
        f"baseline TF-IDF+LR ({base_th:.2f}, dev-test)",
        [prf(labels[k], list(base_scores[k] >= base_th)) for k in sets],
        f"fit {base_fit:.1f}s",
    )
    _row(
        "baseline TF-IDF+LR (0.50, default)",
        [prf(labels[k], list(base_scores[k] >= 0.5)) for k in sets],
    )
    # The whole pipeline: an evaluation sentence is positive if extract() finds a claim in it.
    # With the news stage (what extract() ships) and without it (the threshold alone).
    for stage, name in ((True, "news stage"), (False, f"{model.threshold:.2f}, no stage")):
        pipeline = []
        for k in sets:
            found = [
                any(s.checkworthy for s in extract(t, model, news_stage=stage)) for t in texts[k]
            ]
            pipeline.append(prf(labels[k], found))
        _row(f"default via extract() ({name})", pipeline)
    transcript_rows(model, texts["CT24 test"], labels["CT24 test"], args.data_dir)
    semantic_rows(texts, labels, sets)
    lora_rows(texts, labels, sets)
    print()

    # Load time: in this process, and import + load in a fresh interpreter.
    code = (
        "import time; t=time.perf_counter(); "
        "from claims.extraction.model import default_model; default_model(); "
        "print(time.perf_counter()-t)"
    )
    fresh = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    print(
        f"model load: {load_seconds * 1000:.0f} ms in process; "
        f"{float(fresh.stdout) * 1000:.0f} ms import + load in a fresh interpreter; "
        f"artifact {ARTIFACT_PATH.stat().st_size / 1024:.0f} KiB"
    )

    # Throughput on one core: the whole extract() pipeline.
    corpora = {}
    if SEED.exists():
        corpora["seed article x50"] = [SEED.read_text(encoding="utf-8")] * 50
    gt_texts = texts["ClaimBuster groundtruth"]
    corpora["groundtruth in 8-sentence paragraphs"] = [
        "\n\n".join(" ".join(gt_texts[i : i + 8]) for i in range(j, j + 80, 8))
        for j in range(0, len(gt_texts) - 80, 80)
    ]
    for name, docs in corpora.items():
        extract(docs[0], model)  # warm caches
        started, cpu_started = time.perf_counter(), time.process_time()
        n = sum(len(extract(doc, model)) for doc in docs)
        elapsed = time.perf_counter() - started
        cpu = time.process_time() - cpu_started
        # CPU time is the one-core figure; wall time also counts other processes' load.
        print(
            f"throughput ({name}): {n / cpu:,.0f} segments/s of CPU time, "
            f"{n / elapsed:,.0f} wall ({n} segments)"
        )
    semantic_throughput(corpora)


def lines_found(model, lines: list[str], stage: bool, per_text: int = 8) -> list[bool]:
    """Transcript lines joined ``per_text`` at a time (one line each) and ingested as articles:
    a line is positive when extract() finds a check-worthy sentence inside it."""
    found = []
    for i in range(0, len(lines), per_text):
        chunk = lines[i : i + per_text]
        text = "\n".join(chunk)
        sentences = extract(text, model, news_stage=stage)
        start = 0
        for line in chunk:
            end = start + len(line)
            found.append(any(s.checkworthy and start <= s.start < end for s in sentences))
            start = end + 1
    return found


def transcript_rows(model, ct24_lines: list[str], ct24_labels: list[int], data_dir: Path) -> None:
    """Debates ingested as articles: CT24 test lines (no speakers in the data) and the
    CheckThat! 2019 test debates with their speakers' labels ("CLINTON: ..."), 8 lines a text.
    The transcript guard (``transcript.py``) keeps the threshold for what reads as one."""
    sets = {"CT24 test, 8 lines a text": (ct24_lines, ct24_labels)}
    ct19 = sorted((data_dir / "checkthat2019-task1" / "test_annotated").glob("*.tsv"))
    if ct19:
        lines, labels = [], []
        for path in ct19:
            for row in path.read_text(encoding="utf-8").splitlines():
                _, speaker, line, label = row.split("\t")
                lines.append(f"{speaker}: {line}")
                labels.append(int(label))
        sets["CT19 test, 'SPEAKER: line', 8 a text"] = (lines, labels)
    for name, (lines, labels) in sets.items():
        cells = [prf(labels, lines_found(model, lines, stage)) for stage in (False, True)]
        print(
            f"{name:<40}no stage {_fmt(*cells[0])}   as shipped (stage, transcript guard) "
            f"{_fmt(*cells[1])}"
        )


def semantic_rows(texts, labels, sets) -> None:
    """The optional semantic scorer on the three sets (skipped without the extra)."""
    from claims.embeddings import available

    if not available():
        print("semantic (optional extra): skipped, the 'semantic' extra is not installed")
        return
    from claims import embeddings
    from claims.extraction.semantic import ARTIFACT_PATH as SEM_PATH
    from claims.extraction.semantic import SemanticCheckworthinessModel

    started = time.perf_counter()
    model = SemanticCheckworthinessModel.load(SEM_PATH)
    head_seconds = time.perf_counter() - started
    started = time.perf_counter()
    embeddings.encode(["Warm the session up."])
    model_seconds = time.perf_counter() - started
    all_texts = [t for k in sets for t in texts[k]]
    started, cpu_started = time.perf_counter(), time.process_time()
    vectors = embeddings.encode(all_texts)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    scores, at = {}, 0
    a, b = model.calibration
    for k in sets:
        n = len(texts[k])
        z = model.logits(texts[k], vectors[at : at + n])
        scores[k] = 1.0 / (1.0 + np.exp(-(a * z + b)))
        at += n
    _row(
        f"semantic ({model.threshold:.2f}, dev-test)",
        [prf(labels[k], list(scores[k] >= model.threshold)) for k in sets],
        model.meta.get("head", ""),
    )
    print(
        f"semantic load: head {head_seconds * 1000:.0f} ms "
        f"({SEM_PATH.stat().st_size / 1024:.0f} KiB), embedding model {model_seconds:.1f} s in "
        f"process; embedding {len(all_texts)} sentences in batches: {len(all_texts) / elapsed:,.0f}"
        f" sentences/s wall, {len(all_texts) / cpu:,.0f} per CPU-second (all threads)"
    )
    code = (
        "import time; t=time.perf_counter(); "
        "from claims.extraction.semantic import semantic_model; "
        "semantic_model().score('A test.'); print(time.perf_counter()-t)"
    )
    fresh = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    print(
        f"semantic import + load + first score in a fresh interpreter: {float(fresh.stdout):.1f} s"
    )


def lora_rows(texts, labels, sets) -> None:
    """The optional LoRA scorer (adapted MiniLM) on the three sets (skipped without the extra)."""
    from claims.embeddings import torch_available

    if not torch_available():
        print("semantic-lora (optional extra): skipped, the 'semantic' extra is not installed")
        return
    from claims.extraction.lora import ARTIFACT_PATH as LORA_PATH
    from claims.extraction.lora import LoRACheckworthinessModel

    model = LoRACheckworthinessModel.load(LORA_PATH)
    rows = []
    for k in sets:
        scores = np.asarray(model.score_many(texts[k]))
        rows.append(prf(labels[k], list(scores >= model.threshold)))
    _row(
        f"semantic-lora ({model.threshold:.2f}, dev-test)",
        rows,
        f"mix {model.mix}, {LORA_PATH.stat().st_size / 1024:.0f} KiB",
    )


def semantic_throughput(corpora) -> None:
    """extract() with the semantic scorer (segmentation + batch scoring + attribution)."""
    from claims.embeddings import available

    if not available():
        print("semantic throughput: skipped, the 'semantic' extra is not installed")
        return
    from claims.extraction.semantic import semantic_model

    model = semantic_model()
    for name, docs in corpora.items():
        docs = docs[:10]
        extract(docs[0], model)
        started, cpu_started = time.perf_counter(), time.process_time()
        n = sum(len(extract(doc, model)) for doc in docs)
        elapsed = time.perf_counter() - started
        cpu = time.process_time() - cpu_started
        print(
            f"semantic throughput ({name.split(' x')[0]}, {len(docs)} docs): "
            f"{n / elapsed:,.0f} segments/s wall, {n / cpu:,.0f} per CPU-second ({n} segments)"
        )


if __name__ == "__main__":
    main()
