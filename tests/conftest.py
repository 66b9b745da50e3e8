"""Shared fixtures: the seed corpus beside the repository (``../shared/corpus``).

The corpus is real articles we may read but not copy into the repository, so tests that need
it skip cleanly when it is absent.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

# tests/ -> repository root -> its parent, where shared/ lives beside the checkout.
CORPUS_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    if not (CORPUS_DIR / "seeds").is_dir():
        pytest.skip(f"seed corpus not found at {CORPUS_DIR}")
    return CORPUS_DIR


@pytest.fixture(scope="session")
def seed_gold(corpus_dir: Path) -> dict[str, dict[str, Any]]:
    """Gold facts per seed file name (title, author, published, ...)."""
    path = corpus_dir / "gold" / "seeds.json"
    if not path.is_file():
        pytest.skip(f"seed gold file not found at {path}")
    data = json.loads(path.read_text(encoding="utf-8"))
    return {entry["file"]: entry for entry in data["articles"]}
