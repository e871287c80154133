"""The years on the history screen, by keys: the weekly strip, Ctrl+Y asking for a distance
(the highlighted session's to start), the reps view over a generated three-year history,
and snapshots of both at 80x24 and 120x40 ("today" fixed through Services.wall)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Static
from textual.widgets.data_table import ColumnKey

from tests.review.review_builders import save, session
from tests.review.test_review_snapshots import SIZES, settle
from tests.review.years_builders import MILE, TODAY, TZ, History, generate
from trackapp.domain.years import METRES, RepKind, result_days, week_strip
from trackapp.services import Services
from trackapp.storage.session_index import list_sessions
from trackapp.ui.dialogs.ask_distance import AskDistance
from trackapp.ui.factory import build_app
from trackapp.ui.screens.history import SessionsScreen
from trackapp.ui.screens.reps import RepsScreen
from trackapp.ui.screens.session_detail import SessionDetailScreen
from trackapp.ui.widgets.time_chart import TimeChart
from trackapp.ui.widgets.week_strip import WeekStripView

NOW = datetime(TODAY.year, TODAY.month, TODAY.day, 20, 0, tzinfo=TZ)


def services_for(data_dir: Path) -> Services:
    return Services(data_dir=data_dir, config_dir=data_dir / "config", wall=lambda: NOW)


@pytest.fixture(scope="module")
def shared_history(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, History]:
    """One data dir with the three years' sessions and their index, for every test here
    but the five-year one (each had its own copy and built its index cold: 0.1-0.3 s)."""
    data = tmp_path_factory.mktemp("years-screens") / "data"
    history = generate(data / "sessions")
    list_sessions(data / "sessions")  # the index, as the first look at the sessions builds it
    return data, history


def listing(folder: Path) -> dict[str, tuple[int, int]]:
    return {
        str(path.relative_to(folder)): (path.stat().st_size, path.stat().st_mtime_ns)
        for path in sorted(folder.rglob("*"))
    }


@pytest.fixture
def years(
    shared_history: tuple[Path, History], monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[Path, History]]:
    """The shared data dir (as TRACKAPP_DATA_DIR too) and its history; after the test, the
    check that the screens changed nothing in it."""
    data, shared = shared_history
    monkeypatch.setenv("TRACKAPP_DATA_DIR", str(data))
    before = listing(data)
    yield data, History(records=list(shared.records), paths=list(shared.paths))
    assert listing(data) == before, "the shared history changed"


async def loaded(pilot: Pilot[Any]) -> None:
    for _ in range(300):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if getattr(pilot.app.screen, "loaded", True):
            return
    raise AssertionError("screen never loaded")


async def test_history_shows_the_weeks_of_the_sessions_listed(
    years: tuple[Path, History],
) -> None:
    data_dir, history = years
    screen = SessionsScreen()
    app = build_app(services_for(data_dir), first_screen=screen)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        strip = screen.query_one(WeekStripView).strip
        assert strip == week_strip(history.days(), TODAY)
        assert strip is not None and strip.weeks[-1].marked
        await pilot.press(*"mile")
        await pilot.pause()
        mile = screen.query_one(WeekStripView).strip
        summaries = [s for s in list_sessions(data_dir / "sessions") if "Mile" in s.workout]
        assert mile == week_strip(result_days(summaries), TODAY)
        assert mile is not None and mile.marked < strip.marked


async def test_ctrl_y_asks_for_the_highlighted_sessions_distance(
    years: tuple[Path, History],
) -> None:
    data_dir, _ = years
    screen = SessionsScreen()
    app = build_app(services_for(data_dir), first_screen=screen)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        assert screen.selected is not None and screen.selected.workout == "Mile repeats"
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert isinstance(app.screen, AskDistance)
        assert app.screen.query_one(Input).value == "mile"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, SessionsScreen)
        await pilot.press("down", "down", "ctrl+y")  # 8 x 400
        await pilot.pause()
        assert app.screen.query_one(Input).value == "400m"


async def test_a_length_that_does_not_read_is_said_and_the_dialog_stays(
    years: tuple[Path, History],
) -> None:
    data_dir, _ = years
    app = build_app(services_for(data_dir), first_screen=SessionsScreen())
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("ctrl+y")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, AskDistance)
        dialog.query_one(Input).value = "fast"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is dialog
        error = str(dialog.query_one("#ask-distance-error", Static).render())
        assert "is not a length" in error and "400m" in error


async def test_the_reps_view_of_1600s_from_the_dialog(years: tuple[Path, History]) -> None:
    data_dir, history = years
    app = build_app(services_for(data_dir), first_screen=SessionsScreen())
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("ctrl+y")
        await pilot.pause()
        app.screen.query_one(Input).value = "1600m"
        await pilot.press("enter")
        await loaded(pilot)
        reps = app.screen
        assert isinstance(reps, RepsScreen) and reps.history is not None
        expected = history.times_at(1600.0)
        assert [list(s.times) for s in reps.history.sessions] == expected
        table = reps.query_one(DataTable)
        assert table.row_count == len(expected)
        newest = table.get_row_at(0)
        assert newest[1].plain == "4 x 1600" and newest[2].plain == "4"
        assert len(reps.query_one(TimeChart).points) == len(expected)
        versus = str(reps.query_one("#reps-versus", Static).render())
        assert versus.startswith("This year vs last, 4 weeks either side of 26 Nov: 2026 median")
        await pilot.press("enter")  # the newest session, rep by rep
        await pilot.pause()
        assert isinstance(app.screen, SessionDetailScreen)
        assert app.screen.path.name == reps.history.sessions[-1].name
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, SessionsScreen)


async def test_no_reps_of_that_distance(years: tuple[Path, History]) -> None:
    data_dir, _ = years
    services = services_for(data_dir)
    screen = RepsScreen(RepKind(METRES, 300.0), services)
    app = build_app(services, first_screen=screen)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        assert "no 300 m reps in" in str(screen.query_one("#reps-status", Static).render())


@SIZES
def test_reps_view(snap_compare: Any, years: tuple[Path, History], size: tuple[int, int]) -> None:
    data_dir, _ = years
    services = services_for(data_dir)
    app = build_app(services, first_screen=RepsScreen(RepKind(METRES, MILE), services))
    assert snap_compare(app, terminal_size=size, run_before=settle)


@SIZES
def test_history_with_the_weeks(
    snap_compare: Any, years: tuple[Path, History], size: tuple[int, int]
) -> None:
    data_dir, _ = years
    app = build_app(services_for(data_dir), first_screen=SessionsScreen())
    assert snap_compare(app, terminal_size=size, run_before=settle)


LONG_400S = "Track Tuesday: the long 400s"  # 28 characters, all the column shows


async def test_the_reps_view_fills_a_page_at_a_time(data_dir: Path, sessions: Path) -> None:
    history = generate(sessions, years=5)
    # the oldest session of all, so the last row: the widest workout name of them
    oldest = datetime(2015, 6, 2, 18, 0, tzinfo=TZ)
    save(sessions, session([88.0], started=oldest, workout=LONG_400S))
    expected = len(history.times_at(400.0)) + 1
    assert expected > 100
    services = services_for(data_dir)
    screen = RepsScreen(RepKind(METRES, 400.0), services)
    app = build_app(services, first_screen=screen)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        table = screen.query_one(DataTable)
        assert table.row_count == 100
        # as wide as that last row's name before it is a row (not left to the table's
        # own measuring, which could draw it as narrow as its header), and it stays so
        assert table.columns[ColumnKey("Workout")].width == len(LONG_400S)
        for _ in range(20):  # a page down at a time, as a runner scrolls back
            await pilot.press("pagedown")
            if table.cursor_row >= 60:
                break
        row = table.cursor_row
        assert 60 <= row < 100 and table.row_count == expected, "the next page came in time"
        assert table.columns[ColumnKey("Workout")].width == len(LONG_400S)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SessionDetailScreen)
        assert screen.history is not None
        assert app.screen.path.name == screen.history.sessions[-1 - row].name
