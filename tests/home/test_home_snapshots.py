"""Snapshots of the home screen and the editor (pytest-textual-snapshot)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from tests.conftest import until_still, wait_until
from tests.home.test_home_screen import write_done_session
from trackapp.services import Services
from trackapp.ui.factory import build_app
from trackapp.ui.screens.editor import EditorScreen, WorkoutTextArea
from trackapp.ui.screens.home import HomeScreen


async def settle(pilot: Pilot[Any]) -> None:
    """The last-run column fills in from a thread; wait for it, and stop the cursor blinking."""
    screen = pilot.app.screen
    if isinstance(screen, HomeScreen):
        # the sessions are read by a worker that may not have started yet: waiting for the
        # workers alone once returned before it had, and drew the column still loading
        loaded = await wait_until(pilot, lambda: screen.sessions_loaded, 5.0)
        assert loaded, "the sessions never loaded"
    await pilot.app.workers.wait_for_complete()
    for area in pilot.app.screen.query(WorkoutTextArea):
        area.cursor_blink = False
    # the filled column relayouts the table: wait until the screen stands still (an idle
    # check alone once caught the table mid-layout under load)
    await until_still(pilot)


def test_home_screen(snap_compare: Any, services: Services, here: Path, data_dir: Path) -> None:
    write_done_session(data_dir, "8 x 400", [89.0, 91.6])
    app = build_app(services, first_screen=HomeScreen(services))
    assert snap_compare(app, terminal_size=(120, 40), run_before=settle)


def test_home_screen_broken_file_small_terminal(
    snap_compare: Any, services: Services, here: Path
) -> None:
    app = build_app(services, first_screen=HomeScreen(services))

    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.press("down", "down")
        await settle(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_editor_with_a_typo(snap_compare: Any, services: Services, here: Path) -> None:
    app = build_app(services, first_screen=HomeScreen(services))

    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.press("e")
        await pilot.pause()
        editor = pilot.app.screen
        assert isinstance(editor, EditorScreen)
        area = editor.query_one(WorkoutTextArea)
        area.text = area.text.replace("repeat = 8", "reapet = 8")
        area.cursor_location = (0, 0)
        editor.check()
        await settle(pilot)

    assert snap_compare(app, terminal_size=(120, 40), run_before=run_before)


def test_home_screen_small_terminal(
    snap_compare: Any, services: Services, here: Path, data_dir: Path
) -> None:
    """At 80x24 every column shows: name, shape, distance, time and last run."""
    write_done_session(data_dir, "8 x 400", [89.0, 91.6])
    app = build_app(services, first_screen=HomeScreen(services))
    assert snap_compare(app, terminal_size=(80, 24), run_before=settle)
