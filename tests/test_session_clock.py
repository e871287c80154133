"""Sessions are timed on a clock that counts while the machine sleeps: a laptop by the
track that suspends itself mid-rep must not shorten the rep by as long as it slept."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

from trackapp.commands.run import RunOptions, build_services
from trackapp.services import Services, session_clock


class Clocks:
    """time.clock_gettime and time.monotonic of a machine that has been awake `awake`
    seconds and asleep `slept` since it booted."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.awake = 1000.0
        self.slept = 600.0
        monkeypatch.setattr(time, "monotonic", lambda: self.awake)
        real = time.clock_gettime

        def clock_gettime(clock_id: int) -> float:
            if clock_id == getattr(time, "CLOCK_BOOTTIME", None):
                return self.awake + self.slept
            if clock_id == time.CLOCK_MONOTONIC:
                return self.awake + (self.slept if sys.platform == "darwin" else 0.0)
            return real(clock_id)

        monkeypatch.setattr(time, "clock_gettime", clock_gettime)


@pytest.mark.skipif(
    not sys.platform.startswith(("linux", "darwin")), reason="Linux and macOS clocks"
)
def test_the_session_clock_counts_the_sleep(monkeypatch: pytest.MonkeyPatch) -> None:
    clocks = Clocks(monkeypatch)
    clock = session_clock()
    rep_start = clock()
    clocks.awake += 300.0  # five minutes into the rep, nobody touching the laptop:
    clocks.slept += 900.0  # it suspends itself for fifteen
    clocks.awake += 20.0  # the runner wakes it and presses
    assert clock() - rep_start == 1220.0  # 20:20, the time run
    assert time.monotonic() - 1000.0 == 320.0  # what monotonic would have said: 5:20


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="CLOCK_BOOTTIME is Linux's")
def test_the_app_is_timed_on_it(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The services' clock, which the engine, the screens and the cue player all read."""
    Clocks(monkeypatch)
    services = Services(data_dir=tmp_path / "data", config_dir=tmp_path / "config")
    assert services.clock() == 1600.0
    monkeypatch.setenv("TRACKAPP_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("TRACKAPP_CONFIG_DIR", str(tmp_path / "config"))
    assert build_services(RunOptions(no_sound=True)).clock() == 1600.0
