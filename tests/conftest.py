"""Fixtures shared across the suite: a fake clock, plans from inline TOML, a private data
dir, and the app's services built from them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from trackapp.domain.plan import Plan
from trackapp.domain.workout_plan import plan_from_text
from trackapp.services import Services, SilentCues
from trackapp.settings import Settings
from trackapp.storage.session_store import FileSessionStore

WALL_ZERO = datetime(2026, 11, 27, 18, 0, 0, tzinfo=timezone(timedelta(hours=1)))


class FakeClock:
    """A monotonic clock that moves only when told: tests say exactly when things happen.

    `wall()` is the wall clock that moves with it (sessions' start, a resume's gap).
    """

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def wall(self) -> datetime:
        return WALL_ZERO + timedelta(seconds=self.now)

    def advance(self, seconds: float) -> float:
        self.now += seconds
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def make_plan() -> Callable[[str], Plan]:
    def build(text: str) -> Plan:
        return plan_from_text(text, "test.toml")

    return build


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """No test ever writes into the real user's data or config folders."""
    data = tmp_path / "data"
    monkeypatch.setenv("TRACKAPP_DATA_DIR", str(data))
    monkeypatch.setenv("TRACKAPP_CONFIG_DIR", str(tmp_path / "config"))
    yield data


@pytest.fixture
def services(clock: FakeClock, data_dir: Path) -> Services:
    """The app's services with a fake clock, a private data dir and silent audio."""
    return Services(
        clock=clock,
        key_time=lambda _t: clock(),
        wall=clock.wall,
        data_dir=data_dir,
        config_dir=data_dir.parent / "config",
        settings=Settings(),
        audio=SilentCues(),
        store=FileSessionStore(data_dir / "sessions"),
    )
