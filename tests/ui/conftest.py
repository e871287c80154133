"""App-level fixtures: services with a fake clock, a private data dir and silent audio."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import FakeClock
from trackapp.services import Services, SilentCues
from trackapp.settings import Settings
from trackapp.storage.session_store import FileSessionStore


@pytest.fixture
def services(clock: FakeClock, data_dir: Path) -> Services:
    return Services(
        clock=clock,
        key_time=lambda _t: clock(),
        data_dir=data_dir,
        config_dir=data_dir.parent / "config",
        settings=Settings(),
        audio=SilentCues(),
        store=FileSessionStore(data_dir / "sessions"),
    )
