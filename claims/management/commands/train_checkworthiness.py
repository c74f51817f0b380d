"""Reproduce the shipped check-worthiness model from the ClaimBuster data.

    python manage.py train_checkworthiness [--claimbuster-dir DIR] [--checkthat-dir DIR]
                                           [--output PATH] [--c C]
                                           [--teacher | --semantic [--lora] [--fusion-only]]

Trains on ClaimBuster only (``crowdsourced.csv`` + the non-groundtruth part of
``2.5xNCS.json``), its targets half label, half the LoRA scorer's probability (the shipped
``checkworthiness_teacher.npz``, see ``claims/extraction/training/distillation.py``), then
calibrates the score (Platt scaling) and picks the threshold on CheckThat! 2024 English
``dev-test``. The test split is never read. Takes under a minute on one core. Fitting needs
the optional ``training`` extra (scikit-learn, scipy; ``make install`` has it);
``--fusion-only`` and the LoRA fine-tuning do not.

``--teacher`` recomputes ``checkworthiness_teacher.npz`` from the shipped LoRA adapters
(needs the ``semantic`` extra, ~5 minutes on two cores) before training.

``--semantic`` instead trains the head of the optional semantic scorer (frozen MiniLM
embeddings from the committed ONNX model) on the same data with the same rules, and writes
``checkworthiness_semantic.npz``: several minutes on CPU, most of it embedding the sentences.
``--semantic --lora`` fine-tunes MiniLM itself through rank-8 adapters (``training/lora.py``)
and writes ``checkworthiness_lora.npz``: one epoch, 10-20 minutes on two CPU cores.
Their scores fuse the head's logit with the default model's, so after retraining the default
model ``--semantic [--lora] --fusion-only`` re-chooses the fusion weight, calibration and
threshold of the shipped head against it on dev-test (seconds; the head is not retrained).

Full rebuild order: ``--semantic --lora`` (depends on the data only), ``--teacher``,
then ``--semantic``, then ``--semantic --lora --fusion-only``.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from claims.extraction.lora import ARTIFACT_PATH as LORA_ARTIFACT_PATH
from claims.extraction.model import ARTIFACT_PATH
from claims.extraction.semantic import ARTIFACT_PATH as SEMANTIC_ARTIFACT_PATH
from claims.extraction.training import TrainingExtraMissing, datasets, linear, training_available


class Command(BaseCommand):
    help = "Train the check-worthiness model on ClaimBuster and write the shipped artifact."
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        parser.add_argument(
            "--claimbuster-dir",
            type=Path,
            default=datasets.default_claimbuster_dir(),
            help="ClaimBuster folder (default: <repo>/../shared/data/claim-detection/claimbuster)",
        )
        parser.add_argument(
            "--checkthat-dir",
            type=Path,
            default=datasets.default_checkthat2024_dir(),
            help="CheckThat! 2024 English folder; only its dev-test split is read, "
            "to choose the threshold",
        )
        parser.add_argument(
            "--output",
            type=Path,
            default=None,
            help=f"default: {ARTIFACT_PATH.name}, or {SEMANTIC_ARTIFACT_PATH.name} with --semantic",
        )
        parser.add_argument("--c", type=float, default=linear.DEFAULT_C, help="inverse L2")
        parser.add_argument(
            "--semantic",
            action="store_true",
            help="train the optional semantic scorer's head",
        )
        parser.add_argument(
            "--teacher",
            action="store_true",
            help="recompute the teacher's scores from the LoRA adapters first (needs the "
            "'semantic' extra)",
        )
        parser.add_argument(
            "--fusion-only",
            action="store_true",
            help="with --semantic: only re-fit the shipped head's fusion with the linear model",
        )
        parser.add_argument(
            "--lora",
            action="store_true",
            help=f"with --semantic: fine-tune MiniLM adapters instead ({LORA_ARTIFACT_PATH.name})",
        )

    def handle(self, *args, **options):
        # Every run fits a scikit-learn model except the LoRA adapters (torch) and a fusion
        # re-fit (numpy).
        if not (options["lora"] or options["fusion_only"]) and not training_available():
            raise CommandError(TrainingExtraMissing.message())
        cb_dir: Path = options["claimbuster_dir"]
        ct_dir: Path = options["checkthat_dir"]
        for path in (
            cb_dir / "datasets" / "crowdsourced.csv",
            cb_dir / "datasets" / "groundtruth.csv",
        ):
            if not path.is_file():
                raise CommandError(f"training data not found: {path}")
        if not (ct_dir / "CT24_checkworthy_english_dev-test.tsv").is_file():
            raise CommandError(f"CheckThat! 2024 dev-test not found in {ct_dir}")
        if (options["lora"] or options["fusion_only"]) and not options["semantic"]:
            raise CommandError("--lora and --fusion-only go with --semantic")
        if options["teacher"] and options["semantic"]:
            raise CommandError("--teacher trains the default model; leave out --semantic")
        if options["lora"] or options["teacher"]:
            # The adapters are trained through the float model, with gradients: torch.
            from claims.embeddings import SemanticExtraMissing, torch_available

            if not torch_available():
                raise CommandError(SemanticExtraMissing.message())
        if options["fusion_only"]:
            self._refit_fusion(options, ct_dir)
            return
        if options["teacher"]:
            from claims.extraction.training.distillation import TEACHER_PATH, write_teacher_logits

            meta = write_teacher_logits(datasets.load_training(cb_dir))
            self.stdout.write(f"wrote {TEACHER_PATH} ({meta['seconds']} s)")
        if options["semantic"]:
            if options["lora"]:
                from claims.extraction.training.lora import train_lora_artifact

                output = options["output"] or LORA_ARTIFACT_PATH
                meta = train_lora_artifact(cb_dir, ct_dir, output, log=self.stdout.write)
            else:
                from claims.extraction.training.semantic import train_semantic_artifact

                output = options["output"] or SEMANTIC_ARTIFACT_PATH
                meta = train_semantic_artifact(cb_dir, ct_dir, output)
        else:
            output = options["output"] or ARTIFACT_PATH
            meta = linear.train_artifact(cb_dir, ct_dir, output, c=options["c"])
        size = output.stat().st_size
        self.stdout.write(
            f"wrote {output} ({size / 1024:.0f} KiB): "
            f"{meta['n_training_sentences']} sentences ({meta['n_positive']} check-worthy), "
            f"threshold {meta['threshold']}, {meta['training_seconds']} s"
        )

    def _refit_fusion(self, options, ct_dir: Path) -> None:
        from claims.extraction.training.semantic import DEFAULT_MIX, refit_fusion

        if options["lora"]:
            from claims.extraction.lora import LoRACheckworthinessModel
            from claims.extraction.training.lora import MIXES

            model_class, path, mixes = LoRACheckworthinessModel, LORA_ARTIFACT_PATH, MIXES
        else:
            from claims.extraction.semantic import SemanticCheckworthinessModel

            model_class, path, mixes = (
                SemanticCheckworthinessModel,
                SEMANTIC_ARTIFACT_PATH,
                (DEFAULT_MIX,),
            )
        path = options["output"] or path
        meta = refit_fusion(model_class, path, ct_dir, mixes, log=self.stdout.write)
        self.stdout.write(f"rewrote {path}: fusion {meta['fusion']}, threshold {meta['threshold']}")
