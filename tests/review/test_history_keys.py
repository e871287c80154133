"""The sessions list by keys: Home and End, Esc back to the screen below."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable

from tests.review.review_builders import at, save, session
from tests.review.test_screens import app_for, wait_loaded
from trackapp.services import Services
from trackapp.ui.factory import build_app
from trackapp.ui.screens.history import SessionsScreen
from trackapp.ui.screens.home import HomeScreen


async def test_home_and_end_move_through_the_list(data_dir: Path, sessions: Path) -> None:
    for day in range(1, 8):
        save(sessions, session([90.0 + day], started=at(day)))
    app, screen = app_for(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_loaded(pilot, screen)
        table = screen.query_one(DataTable)
        await pilot.press("end")
        assert table.cursor_row == 6 and screen.selected is not None
        assert screen.selected.date.startswith("2026-03-01")
        await pilot.press("home")
        assert table.cursor_row == 0
        assert screen.selected.date.startswith("2026-03-07")


async def test_escape_with_an_empty_filter_goes_back(data_dir: Path, sessions: Path) -> None:
    save(sessions, session([90.0], started=at(1)))
    services = Services(data_dir=data_dir, config_dir=data_dir / "config")
    app = build_app(services, first_screen=HomeScreen(services))
    async with app.run_test(size=(80, 24)) as pilot:
        history = SessionsScreen()
        await app.push_screen(history)
        await wait_loaded(pilot, history)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and app.is_running
