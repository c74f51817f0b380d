"""What builds the check-worthiness artifacts: run by ``manage.py train_checkworthiness`` and
bench/, never by the app.

The app scores sentences with the shipped arrays (``claims/extraction/model.py``,
``semantic.py``, ``lora.py``) and imports nothing from this package. Here:

* ``datasets.py``: the ClaimBuster training sentences and the CheckThat! 2024 evaluation
  splits, and which of them training may read;
* ``calibration.py``: precision / recall / F1, the threshold search and Platt scaling that
  every model's score goes through on ``dev-test``;
* ``linear.py``: the default model (``checkworthiness_model.npz``);
* ``distillation.py``: the teacher's scores the default model is trained against
  (``checkworthiness_teacher.npz``, kept here: only training reads it);
* ``semantic.py``: the head of the optional semantic scorer (``checkworthiness_semantic.npz``);
* ``lora.py``: the LoRA adapters of the fine-tuned scorer (``checkworthiness_lora.npz``).

scikit-learn and scipy are needed here only, and come with the optional ``training`` extra
(:func:`training_available`); the runtime image does not install it.
"""

from __future__ import annotations

import importlib.util


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
