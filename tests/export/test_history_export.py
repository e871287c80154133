"""History's export: ctrl+x on the list (x would type in the filter), x on a session, or
the palette; a dialog picks FIT, CSV or JSON, the file goes into ~/Downloads (else the
data dir's exports/) and a toast says where."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from tests.conftest import shown_toasts, toast_text, wait_until
from tests.export.fit_decode import decode
from tests.review.review_builders import at, save, session
from trackapp.services import Services
from trackapp.ui.app import TrackApp
from trackapp.ui.dialogs.export import ExportScreen
from trackapp.ui.factory import build_app
from trackapp.ui.screens.history import SessionsScreen
from trackapp.ui.screens.session_detail import SessionDetailScreen


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "home"
    folder.mkdir()
    monkeypatch.setenv("HOME", str(folder))
    return folder


@pytest.fixture
def data(tmp_path: Path) -> Path:
    (tmp_path / "data" / "sessions").mkdir(parents=True)
    return tmp_path / "data"


def app_on(data: Path, screen: SessionsScreen | SessionDetailScreen) -> TrackApp:
    return build_app(Services(data_dir=data, config_dir=data / "config"), first_screen=screen)


async def wait_for(pilot: Pilot[Any], condition: Callable[[], object]) -> None:
    assert await wait_until(pilot, condition, 4.0), "never happened"


async def test_ctrl_x_exports_the_highlighted_session_as_fit_into_downloads(
    home: Path, data: Path
) -> None:
    (home / "Downloads").mkdir()
    path = save(data / "sessions", session([89.7, 90.1], started=at(3)))
    screen = SessionsScreen()
    app = app_on(data, screen)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await wait_for(pilot, lambda: screen.loaded)
        await pilot.press("x")  # typed into the filter, as any letter
        assert screen.query_one(Input).value == "x"
        await pilot.press("backspace")
        await pilot.press("ctrl+x")
        await wait_for(pilot, lambda: isinstance(app.screen, ExportScreen))
        assert "Downloads" in str(app.screen.query_one(".dialog-body").render())
        await pilot.press("f")
        target = home / "Downloads" / f"{path.stem}.fit"
        await wait_for(pilot, target.exists)
        assert len(decode(target.read_bytes()).all("lap")) == 3
        shown = await shown_toasts(pilot)  # as drawn: a long path wraps in the box
        assert "Exported as FIT" in shown
        assert str(target) in "".join(shown.split())
        assert app.screen is screen


async def test_without_downloads_the_file_goes_into_the_data_dirs_exports(
    home: Path, data: Path
) -> None:
    path = save(data / "sessions", session([90.0], started=at(3)))
    screen = SessionsScreen()
    app = app_on(data, screen)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: screen.loaded)
        await pilot.press("ctrl+x")
        await wait_for(pilot, lambda: isinstance(app.screen, ExportScreen))
        await pilot.press("c")
        target = data / "exports" / f"{path.stem}.csv"
        await wait_for(pilot, target.exists)
        assert target.read_text(encoding="utf-8").startswith("session_start,workout,")


async def test_escape_exports_nothing(home: Path, data: Path) -> None:
    save(data / "sessions", session([90.0], started=at(3)))
    screen = SessionsScreen()
    app = app_on(data, screen)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: screen.loaded)
        await pilot.press("ctrl+x")
        await wait_for(pilot, lambda: isinstance(app.screen, ExportScreen))
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen)
    assert not (data / "exports").exists()


async def test_x_on_a_session_and_the_palette_entry(home: Path, data: Path) -> None:
    path = save(data / "sessions", session([90.0, 91.0], started=at(3)))
    screen = SessionDetailScreen(path)
    app = app_on(data, screen)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("x")
        await wait_for(pilot, lambda: isinstance(app.screen, ExportScreen))
        await pilot.press("j")
        target = data / "exports" / f"{path.stem}.json"
        await wait_for(pilot, target.exists)
        assert len(json.loads(target.read_text(encoding="utf-8"))) == 5
        [command] = [c for c in screen.palette_commands() if c.name == "Export session"]
        app.call_later(command.run)  # as the palette runs it: on the app
        await wait_for(pilot, lambda: isinstance(app.screen, ExportScreen))
        await pilot.click("#export-fit")
        await wait_for(pilot, (data / "exports" / f"{path.stem}.fit").exists)


async def test_a_session_fit_cannot_hold_is_a_warning_not_a_crash(home: Path, data: Path) -> None:
    path = save(data / "sessions", session([], started=at(3)))
    screen = SessionDetailScreen(path)
    app = app_on(data, screen)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("x")
        await wait_for(pilot, lambda: isinstance(app.screen, ExportScreen))
        await pilot.press("f")
        await wait_for(pilot, lambda: "Not exported" in toast_text(app))
        assert "no segment" in toast_text(app)
        assert app.is_running
    assert not (data / "exports" / f"{path.stem}.fit").exists()
