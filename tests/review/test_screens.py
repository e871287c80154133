"""Pilot tests of the sessions list, one session, and the comparison."""

from __future__ import annotations

import tomllib
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from rich.text import Text
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Static, TextArea
from textual.widgets.data_table import ColumnKey

import trackapp.commands._app as app_runner
from tests.conftest import screen_text, shown_toasts, wait_until
from tests.review.review_builders import PLAN_400, at, save, session
from trackapp.cli import main
from trackapp.services import Services
from trackapp.ui.app import TrackApp
from trackapp.ui.dialogs import ConfirmDelete, EditEffort, EditNotes
from trackapp.ui.factory import build_app
from trackapp.ui.screens.compare import CompareScreen
from trackapp.ui.screens.history import PAGE, SessionsScreen
from trackapp.ui.screens.session_detail import SessionDetailScreen
from trackapp.ui.widgets.rep_chart import BarChart

SIZE = (120, 40)


def app_for(data_dir: Path) -> tuple[TrackApp, SessionsScreen]:
    screen = SessionsScreen()
    return build_app(
        Services(data_dir=data_dir, config_dir=data_dir / "config"), first_screen=screen
    ), screen


def cell_text(table: DataTable[Text], row: int, column: int) -> str:
    value = table.get_row_at(row)[column]
    return value.plain if isinstance(value, Text) else str(value)


async def wait_loaded(pilot: Pilot[Any], screen: SessionsScreen | CompareScreen) -> None:
    assert await wait_until(pilot, lambda: screen.loaded, 4.0), "screen never loaded"


def fill(sessions: Path) -> None:
    save(sessions, session([90.0, 91.0], started=at(1), notes="first go"))
    save(sessions, session([89.0, 90.0], started=at(8), effort=6))
    save(sessions, session([300.0], started=at(5), workout="Mile", plan='pace_unit = "mi"\n'))
    running = session([95.0], started=at(9), status="in_progress")
    running.segments[-1].ended_by = None
    save(sessions, running)
    (sessions / "2026-01-01T10-00-00_broken.toml").write_bytes(b"format = 7")


async def test_sessions_list_newest_first_filter_and_unreadable(
    data_dir: Path, sessions: Path
) -> None:
    fill(sessions)
    app, screen = app_for(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot, screen)
        table = screen.query_one("#history-table", DataTable)
        assert table.row_count == 5
        assert [cell_text(table, r, 0)[:10] for r in range(5)] == [
            "2026-03-09",
            "2026-03-08",
            "2026-03-05",
            "2026-03-01",
            "2026-01-01",
        ]
        assert cell_text(table, 0, 2) == "in progress"
        assert cell_text(table, 4, 2) == "unreadable"
        assert "format" in cell_text(table, 4, 7)
        assert "1 unreadable" in str(screen.query_one("#history-status", Static).render())

        await pilot.press("m", "i", "l")
        assert screen.query_one(Input).value == "mil"
        assert table.row_count == 1 and cell_text(table, 0, 1) == "Mile"
        await pilot.press("escape")  # clears the filter first, keeping the selection
        assert table.row_count == 5
        assert screen.selected is not None and screen.selected.workout == "Mile"
        await pilot.press("down")
        assert screen.selected.date == "2026-03-01 18:00"


async def test_open_session_shows_reps_summary_and_chart(data_dir: Path, sessions: Path) -> None:
    fill(sessions)
    app, screen = app_for(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot, screen)
        await pilot.press("down", "enter")
        await pilot.pause()
        detail = app.screen
        assert isinstance(detail, SessionDetailScreen)
        table = detail.query_one(DataTable)
        assert table.row_count == 3  # run, rest, run
        assert cell_text(table, 0, 0) == "400 #1"  # reps by name, as `show` names them
        assert cell_text(table, 0, 3) == "1:29.0"
        assert cell_text(table, 0, 4) == "1:28–1:32"
        assert cell_text(table, 0, 5) == "±0.0"  # 89 s is inside 88-92
        assert cell_text(table, 0, 6) == "3:43/km"  # 222.5 s per km, to the nearest second
        assert cell_text(table, 1, 1) == "rest" and cell_text(table, 1, 3) == "1:30.0"
        summary = str(detail.query_one("#detail-summary", Static).render())
        assert "average 1:29.5" in summary and "fade +1.0" in summary
        bars = detail.query_one(BarChart).bars
        assert [b.value for b in bars] == [89.0, 90.0]
        assert bars[0].band == (88.0, 92.0)
        await pilot.press("escape")
        assert isinstance(app.screen, SessionsScreen)


async def test_edit_notes_and_effort_saved_into_the_file(data_dir: Path, sessions: Path) -> None:
    path = save(sessions, session([90.0], started=at(1), notes="windy"))
    app = build_app(
        Services(data_dir=data_dir, config_dir=data_dir / "config"),
        first_screen=SessionDetailScreen(path),
    )
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n")
        assert isinstance(app.screen, EditNotes)
        assert app.screen.query_one(TextArea).text == "windy"
        await pilot.press("space", "c", "o", "l", "d", "ctrl+s")
        await pilot.pause()
        assert tomllib.loads(path.read_text())["notes"] == "windy cold"

        await pilot.press("e")
        assert isinstance(app.screen, EditEffort)
        await pilot.press("1", "1", "enter")  # out of range: stays open
        assert isinstance(app.screen, EditEffort)
        await pilot.press("backspace", "backspace", "8", "enter")
        await pilot.pause()
        assert tomllib.loads(path.read_text())["effort"] == 8
        head = str(app.screen.query_one("#detail-head", Static).render())
        assert "effort 8/10" in head and "windy cold" in head

        await pilot.press("e", "backspace", "enter")  # empty clears it
        await pilot.pause()
        assert "effort" not in tomllib.loads(path.read_text())

        await pilot.press("n", "x", "escape")  # cancel leaves the file alone
        await pilot.pause()
        assert tomllib.loads(path.read_text())["notes"] == "windy cold"


async def test_in_progress_session_is_not_edited(data_dir: Path, sessions: Path) -> None:
    running = session([95.0], started=at(9), status="in_progress")
    path = save(sessions, running)
    before = path.read_bytes()
    app = build_app(
        Services(data_dir=data_dir, config_dir=data_dir / "config"),
        first_screen=SessionDetailScreen(path),
    )
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n")
        assert isinstance(app.screen, SessionDetailScreen)
    assert path.read_bytes() == before


async def test_delete_asks_then_moves_to_trash(data_dir: Path, sessions: Path) -> None:
    fill(sessions)
    app, screen = app_for(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot, screen)
        await pilot.press("down")
        doomed = screen.selected
        assert doomed is not None
        await pilot.press("delete")
        assert isinstance(app.screen, ConfirmDelete)
        await pilot.press("n")  # keep
        await pilot.pause()
        assert (sessions / doomed.name).exists()
        await pilot.press("delete")
        await pilot.press("y")
        await pilot.pause()
        assert not (sessions / doomed.name).exists()
        assert (data_dir / "trash" / doomed.name).exists()
        table = screen.query_one("#history-table", DataTable)
        assert table.row_count == 4


async def test_delete_from_session_screen(data_dir: Path, sessions: Path) -> None:
    path = save(sessions, session([90.0], started=at(1)))
    app = build_app(
        Services(data_dir=data_dir, config_dir=data_dir / "config"),
        first_screen=SessionDetailScreen(path),
    )
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("d")
        assert isinstance(app.screen, ConfirmDelete)
        await pilot.click("#yes")
        await pilot.pause()
    assert not path.exists()
    assert (data_dir / "trash" / path.name).exists()


async def test_compare_reps_by_dates_best_marked(data_dir: Path, sessions: Path) -> None:
    fill(sessions)
    app, screen = app_for(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot, screen)
        await pilot.press("6", "ctrl+r")
        compare = app.screen
        assert isinstance(compare, CompareScreen)
        await wait_loaded(pilot, compare)
        table = compare.query_one(DataTable)
        labels = [str(c.label) for c in table.ordered_columns]
        # 2026-03-09 has no rep done yet (one running): no result, so not compared
        assert labels == ["Rep", "2026-03-01 18:00", "2026-03-08 18:00"]
        assert cell_text(table, 0, 0) == "400 #1"
        assert cell_text(table, 0, 1) == "1:30.0"
        assert cell_text(table, 0, 2) == "1:29.0 ★"
        assert cell_text(table, 2, 0) == "average"
        assert cell_text(table, 2, 2) == "1:29.5 ★"
        bars = compare.query_one(BarChart).bars
        assert [b.label for b in bars] == ["2026-03-01 18:00", "2026-03-08 18:00"]
        assert bars[1].note == "★"
        await pilot.press("enter")  # the column under the cursor: the newest, 2026-03-08
        await pilot.pause()
        assert isinstance(app.screen, SessionDetailScreen)
        assert app.screen.path.name.startswith("2026-03-08")


async def test_compare_marks_reps_when_the_plan_changed(data_dir: Path, sessions: Path) -> None:
    save(sessions, session([90.0, 91.0, 92.0], started=at(1)))
    edited = session([89.0, 179.0], started=at(8), plan=PLAN_400 + "# rep 2 now 800 m\n")
    edited.segments[2].distance = 800.0
    save(sessions, edited)
    compare = CompareScreen("6 x 400")
    app = build_app(
        Services(data_dir=data_dir, config_dir=data_dir / "config"), first_screen=compare
    )
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot, compare)
        table = compare.query_one(DataTable)
        assert str(table.ordered_columns[-1].label) == "Plan"
        assert cell_text(table, 0, 3) == ""
        assert cell_text(table, 1, 0).startswith("≠")
        assert cell_text(table, 1, 1) == "1:31.0 ≠"
        assert "distance differs" in cell_text(table, 1, 3)
        assert "only in 1 of 2" in cell_text(table, 2, 3)
        status = str(compare.query_one("#compare-status", Static).render())
        assert "changed" in status


async def test_keys_typed_ahead_of_the_filter_act_on_it(data_dir: Path, sessions: Path) -> None:
    fill(sessions)
    app, screen = app_for(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot, screen)
        screen.query_one(Input).value = "mile"  # no Changed handled yet
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SessionDetailScreen)
        assert app.screen.path.name.endswith("_mile.toml")


async def test_escape_on_the_first_screen_never_quits(data_dir: Path) -> None:
    """`trackapp history`: Esc with an empty filter has nothing to go back to; it says
    Ctrl+Q quits and stays."""
    app, screen = app_for(data_dir)
    async with app.run_test(notifications=True, size=SIZE) as pilot:
        await wait_loaded(pilot, screen)
        assert "no sessions yet" in str(screen.query_one("#history-status", Static).render())
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and app.is_running
        assert "Ctrl+Q quits" in await shown_toasts(pilot)


def test_history_command_builds_the_app_with_the_sessions_screen(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[TrackApp] = []

    def fake_run(self: TrackApp) -> None:
        started.append(self)

    monkeypatch.setattr(TrackApp, "run", fake_run)
    monkeypatch.setattr(app_runner, "missing_terminal", lambda: None)  # pytest's stdin
    assert main(["history"]) == 0
    (app,) = started
    assert isinstance(app._first_screen, SessionsScreen)
    assert app.services.data_dir == data_dir


async def test_columns_are_as_wide_as_any_session_before_it_is_a_row(
    data_dir: Path, sessions: Path
) -> None:
    """Rows arrive a page at a time, yet each column is as wide as its widest cell of any
    session from the start: it does not widen as the cursor goes down, and it is never
    left to the table's own measuring (which, under load, once kept columns as narrow
    as their headers)."""
    first = datetime(2025, 1, 1, 18, 0, tzinfo=at(1).tzinfo)
    long_name = "Hill reps into the long tempo"[:28]  # as wide as the column can show
    save(sessions, session([90.0], started=first, workout=long_name, notes="windy"))
    for day in range(1, PAGE + 10):  # the long one is the oldest: beyond the first page
        save(sessions, session([90.0, 91.0], started=first + timedelta(days=day)))
    app, screen = app_for(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot, screen)
        table = screen.query_one("#history-table", DataTable)
        assert table.row_count == PAGE  # the long name is not a row yet
        workout = table.columns[ColumnKey("workout")]
        notes = table.columns[ColumnKey("notes")]
        assert not workout.auto_width and workout.width == len(long_name)
        assert notes.width == len("Notes")  # "windy" is narrower than its header
        await pilot.press("end")
        assert screen.selected is not None and screen.selected.workout == long_name
        assert table.columns[ColumnKey("workout")].width == len(long_name)
        for _ in range(20):  # the table scrolls to the cursor once it has been drawn
            await pilot.pause()
            rows = [line for line in screen_text(app).splitlines() if "Hill reps" in line]
            if rows:
                break
        assert rows and long_name in rows[0]  # drawn whole
