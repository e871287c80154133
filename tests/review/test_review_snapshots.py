"""Snapshots of the review screens at 80x24 and 120x40 (pytest-textual-snapshot).

Fixed sessions in a temporary data dir: every figure and date is the same on every run.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from tests.conftest import until_still
from tests.review.review_builders import TZ, at, save, session
from trackapp.services import Services
from trackapp.ui.factory import build_app
from trackapp.ui.screens.compare import CompareScreen
from trackapp.ui.screens.history import SessionsScreen
from trackapp.ui.screens.session_detail import SessionDetailScreen

SIZES = pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])


def fill(sessions: Path) -> Path:
    """Six sessions of one workout on one day (one with no rep done), one on another day."""
    save(sessions, session([90.4, 91.0, 92.3, 89.9, 90.1, 91.8], started=at(1), notes="windy"))
    for hour, times in ((7, [88.2, 89.5]), (9, [91.0, 90.2, 93.3]), (12, [87.9, 89.0, 88.6])):
        save(sessions, session(times, started=at(8, hour)))
    save(
        sessions,
        session(
            [89.1, 88.4, 90.0, 88.0],
            started=at(8, 15),
            notes="Felt smooth; the last two into a headwind down the back straight, "
            "kept the arms low and relaxed as coach said",
            effort=7,
        ),
    )
    save(sessions, session([95.0], started=at(8, 17), skip=[1]))  # no rep done
    return save(sessions, session([86.9, 87.7, 88.3], started=at(8, 19), effort=8))


TODAY = datetime(2026, 3, 9, 12, 0, tzinfo=TZ)  # the history's weekly strip ends this week


def services_for(data_dir: Path) -> Services:
    return Services(data_dir=data_dir, config_dir=data_dir / "config", wall=lambda: TODAY)


async def settle(pilot: Pilot[Any]) -> None:
    for _ in range(200):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if getattr(pilot.app.screen, "loaded", True):
            break
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False  # the same frame on every run
    await pilot.wait_for_scheduled_animations()
    await until_still(pilot)


@SIZES
def test_compare(snap_compare: Any, data_dir: Path, sessions: Path, size: tuple[int, int]) -> None:
    fill(sessions)
    services = services_for(data_dir)
    app = build_app(services, first_screen=CompareScreen("6 x 400", services))
    assert snap_compare(app, terminal_size=size, run_before=settle)


@SIZES
def test_history(snap_compare: Any, data_dir: Path, sessions: Path, size: tuple[int, int]) -> None:
    fill(sessions)
    app = build_app(services_for(data_dir), first_screen=SessionsScreen())
    assert snap_compare(app, terminal_size=size, run_before=settle)


@SIZES
def test_session_detail(
    snap_compare: Any, data_dir: Path, sessions: Path, size: tuple[int, int]
) -> None:
    path = fill(sessions)
    services = services_for(data_dir)
    app = build_app(services, first_screen=SessionDetailScreen(path, services))
    assert snap_compare(app, terminal_size=size, run_before=settle)
