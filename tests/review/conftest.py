"""Fixtures for the review tests: a temporary data dir set as TRACKAPP_DATA_DIR."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A data dir with an empty sessions/ folder, set as TRACKAPP_DATA_DIR."""
    root = tmp_path / "data"
    (root / "sessions").mkdir(parents=True)
    monkeypatch.setenv("TRACKAPP_DATA_DIR", str(root))
    yield root


@pytest.fixture
def sessions(data_dir: Path) -> Path:
    return data_dir / "sessions"
