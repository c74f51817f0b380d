from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[3].parent / "shared"
SEED_ARTICLE = SHARED / "fixtures" / "seed-article-buffer-zone.txt"
DATA_DIR = SHARED / "data" / "claim-detection"


@pytest.fixture(scope="session")
def seed_text() -> str:
    if not SEED_ARTICLE.exists():
        pytest.skip(f"seed article not found at {SEED_ARTICLE}")
    return SEED_ARTICLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def data_dir() -> Path:
    if not (DATA_DIR / "claimbuster" / "datasets" / "crowdsourced.csv").exists():
        pytest.skip(f"claim-detection data not found under {DATA_DIR}")
    return DATA_DIR
