"""Snapshots of the end screen, the help and the delete dialog at 80x24 and 120x40.

A fake clock and fixed data: every figure is the same on every run.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from tests.conftest import FakeClock
from tests.review.review_builders import at, save, session
from tests.ui.test_banner_snapshots import NO_COOLDOWN, rep_waiting
from trackapp.domain.workout_plan import plan_from_text
from trackapp.services import Services
from trackapp.ui.factory import build_app
from trackapp.ui.screens.run import RunScreen
from trackapp.ui.screens.session_detail import SessionDetailScreen

SIZES = pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])


async def still(pilot: Pilot[Any]) -> None:
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False  # the same frame on every run
    await pilot.pause()


@SIZES
def test_end_screen(
    snap_compare: Any,
    services: Services,
    clock: FakeClock,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    size: tuple[int, int],
) -> None:
    monkeypatch.chdir(data_dir.parent)  # "Saved to data/sessions/…" on every run
    app = build_app(services, plan=plan_from_text(NO_COOLDOWN, "banner.toml"))

    async def run_before(pilot: Pilot[Any]) -> None:
        await rep_waiting(pilot, clock)
        await pilot.press("space")
        clock.advance(82.0)
        await pilot.press("space")  # the last rep: the workout is done
        screen = pilot.app.screen
        assert isinstance(screen, RunScreen)
        screen._show_summary()
        pilot.app.clear_notifications()  # the run's toasts: gone long before anyone reads
        await pilot.pause()
        await pilot.press(*"Windy", "tab", "7")  # notes, then effort: nothing replaced
        await still(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@SIZES
def test_help(
    snap_compare: Any, services: Services, clock: FakeClock, size: tuple[int, int]
) -> None:
    app = build_app(services, plan=plan_from_text(NO_COOLDOWN, "banner.toml"))
    assert snap_compare(app, terminal_size=size, press=["question_mark"])


@SIZES
def test_delete_dialog(snap_compare: Any, data_dir: Path, size: tuple[int, int]) -> None:
    (data_dir / "sessions").mkdir(parents=True, exist_ok=True)
    path = save(data_dir / "sessions", session([88.0, 90.5], started=at(8)))
    services = Services(data_dir=data_dir, config_dir=data_dir / "config")
    app = build_app(services, first_screen=SessionDetailScreen(path, services))
    assert snap_compare(app, terminal_size=size, press=["d"])
