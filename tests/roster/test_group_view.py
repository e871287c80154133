"""The group view (coach mode): one group run as athletes × reps; opened from history and
from an athlete's session; compare for one athlete."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from rich.text import Text
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Static

from tests.conftest import wait_until
from tests.hostile_strings import RAW_CONTROLS
from tests.review.review_builders import at, save, session
from tests.roster.group_builders import Times, athlete_session, group_stem, save_group
from trackapp.domain.group_review import average_text, group_review
from trackapp.domain.text import clip, printable
from trackapp.services import Services
from trackapp.ui.app import TrackApp
from trackapp.ui.factory import build_app
from trackapp.ui.screens.base import ServicesScreen
from trackapp.ui.screens.compare import CompareScreen
from trackapp.ui.screens.group_view import GroupViewScreen
from trackapp.ui.screens.history import SessionsScreen
from trackapp.ui.screens.session_detail import SessionDetailScreen

SIZE = (120, 40)
TIMES: dict[str, Times] = {
    "Ana": [92.0, 91.0, 93.5],
    "Ben": [86.0, None, 85.0],
    "Cai": [89.0, 88.5],
}
TARGETS: dict[str, tuple[float, float] | None] = {
    "Ana": (92.0, 92.0),
    "Ben": (85.0, 85.0),
    "Cai": (90.0, 90.0),
}


# -- the figures ---------------------------------------------------------------------------


def test_grid_of_athletes_and_reps() -> None:
    started = at(3)
    group = group_stem(started)
    records = [
        athlete_session(n, TIMES[n], TARGETS[n], started=started, group=group)
        for n in ("Cai", "Ana", "Ben")
    ]
    review = group_review(records)
    assert review.group == group and review.workout == "6 x 400"
    assert [c.name for c in review.columns] == ["400 #1", "400 #2", "400 #3"]
    assert [r.athlete for r in review.rows] == ["Ana", "Ben", "Cai"]  # by name, no list
    ana, ben, cai = review.rows
    # rep 1 against each one's own target: Ana ±0, Ben +1.0, Cai -1.0: Cai's is the best
    assert [c.best for c in cai.cells] == [True, True, False]
    assert [c.best for c in ana.cells] == [False, False, False]
    assert ben.cells[1].rep is not None and not ben.cells[1].rep.counted  # out for rep 2
    assert [c.best for c in ben.cells] == [False, False, True]  # 85.0 on 85.0 beats 93.5 on 92
    assert cai.cells[2].rep is None  # Cai did not run rep 3
    assert (ana.done, ben.done, cai.done) == (3, 2, 2)
    assert ana.average_diff == pytest.approx((0.0 - 1.0 + 1.5) / 3)
    assert ben.average_diff == pytest.approx(0.5)
    assert average_text(cai) == "-1.3 (0/2 on)"  # -1.25, half away from zero
    assert average_text(ben) == "+0.5 (1/2 on)"


def test_rows_in_the_groups_own_order_with_keys() -> None:
    started = at(3)
    records = [athlete_session(n, TIMES[n], TARGETS[n], started=started, group="g") for n in TIMES]
    for record in records:
        record.extra["group_athlete"] = [
            {"name": "Cai", "key": "a"},
            {"name": "Ben", "key": "2"},
            {"name": "Ana", "key": "1"},
        ]
    review = group_review(records)
    assert [(r.athlete, r.key) for r in review.rows] == [("Cai", "a"), ("Ben", "2"), ("Ana", "1")]


def test_without_targets_the_fastest_is_best() -> None:
    records = [
        athlete_session("Ana", [92.0], None, started=at(3), group="g"),
        athlete_session("Ben", [86.0], None, started=at(3), group="g"),
    ]
    review = group_review(records)
    assert [r.cells[0].best for r in review.rows] == [False, True]
    assert average_text(review.rows[0]) == "—"
    # a time without a target is not ranked against those with one
    records.append(athlete_session("Cai", [95.0], (95.5, 95.5), started=at(3), group="g"))
    review = group_review(records)
    assert [r.cells[0].best for r in review.rows] == [False, False, True]


# -- the screens ---------------------------------------------------------------------------


def services(data_dir: Path) -> Services:
    return Services(data_dir=data_dir, config_dir=data_dir / "config")


def text(table: DataTable[Text], row: int, column: int) -> str:
    value = table.get_row_at(row)[column]
    return value.plain if isinstance(value, Text) else str(value)


async def loaded(pilot: Pilot[Any], screen: object) -> None:
    def done() -> bool:
        return isinstance(screen, ServicesScreen) and getattr(screen, "loaded", True)

    assert await wait_until(pilot, done, 6.0), "screen never loaded"


async def test_group_view_shows_each_time_against_the_athletes_target(
    data_dir: Path, sessions: Path
) -> None:
    group, _ = save_group(sessions, TIMES, TARGETS, started=at(3))
    save(sessions, session([90.0], started=at(2)))  # a runner's own: not in the group
    screen = GroupViewScreen(group)
    app = build_app(services(data_dir), first_screen=screen)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, screen)
        table = screen.query_one(DataTable)
        assert table.row_count == 3
        assert [text(table, r, 1) for r in range(3)] == ["Ana", "Ben", "Cai"]
        assert [text(table, r, 0) for r in range(3)] == ["1", "2", "3"]
        assert text(table, 1, 2) == "+0.5 (1/2 on)"
        assert text(table, 1, 3) == "2/3"
        assert text(table, 0, 4) == "1:32.0 ±0.0"
        assert text(table, 2, 4) == "1:29.0 -1.0 ★"
        assert text(table, 1, 5) == "skip"
        assert text(table, 2, 6) == "—"
        title = str(screen.query_one("#group-title", Static).render())
        assert "6 x 400 · group run 2026-03-03 18:00" in title
        await pilot.press("down", "enter")
        await pilot.pause()
        detail = app.screen
        assert isinstance(detail, SessionDetailScreen)
        assert detail.record is not None and detail.record.athlete == "Ben"


async def test_compare_one_athlete_across_dates(data_dir: Path, sessions: Path) -> None:
    group, _ = save_group(sessions, TIMES, TARGETS, started=at(3))
    save_group(sessions, {"Ana": [90.0], "Ben": [84.0]}, TARGETS, started=at(10))
    save(sessions, session([90.0], started=at(2)))
    screen = GroupViewScreen(group)
    app = build_app(services(data_dir), first_screen=screen)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, screen)
        await pilot.press("c")  # Ana's runs of 6 x 400
        await pilot.pause()
        compare = app.screen
        assert isinstance(compare, CompareScreen) and compare.athlete == "Ana"
        await loaded(pilot, compare)
        assert compare.comparison is not None
        assert len(compare.comparison.columns) == 2  # her two dates, not Ben's, not the solo
        assert "6 x 400 · Ana" in str(compare.query_one("#compare-title", Static).render())
    # without an athlete: the runner's own sessions only
    solo = CompareScreen("6 x 400")
    app = build_app(services(data_dir), first_screen=solo)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, solo)
        assert solo.comparison is not None and len(solo.comparison.columns) == 1


async def test_history_filters_by_athlete_and_opens_the_group(
    data_dir: Path, sessions: Path
) -> None:
    save_group(sessions, TIMES, TARGETS, started=at(3))
    save(sessions, session([90.0], started=at(2)))
    screen = SessionsScreen()
    app: TrackApp = build_app(services(data_dir), first_screen=screen)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, screen)
        table = screen.query_one("#history-table", DataTable)
        assert table.row_count == 4
        await pilot.press("b", "e", "n")
        assert screen.query_one(Input).value == "ben"
        assert table.row_count == 1
        assert text(table, 0, 1) == "6 x 400 · Ben"
        await pilot.press("ctrl+g")
        await pilot.pause()
        group = app.screen
        assert isinstance(group, GroupViewScreen)
        await loaded(pilot, group)
        assert group.query_one(DataTable).row_count == 3
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("escape")  # clear the filter
        await pilot.press("end", "ctrl+g")  # the runner's own session: no group
        await pilot.pause()
        assert app.screen is screen


async def test_session_detail_g_opens_the_group(data_dir: Path, sessions: Path) -> None:
    _, paths = save_group(sessions, TIMES, TARGETS, started=at(3))
    solo = save(sessions, session([90.0], started=at(2)))
    screen = SessionDetailScreen(paths[0])
    app = build_app(services(data_dir), first_screen=screen)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        head = str(screen.query_one("#detail-head", Static).render())
        assert "athlete: Ana" in head
        assert screen.check_action("group", ()) is True
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, GroupViewScreen)
    screen = SessionDetailScreen(solo)
    app = build_app(services(data_dir), first_screen=screen)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert screen.check_action("group", ()) is False  # hidden for a runner's own
        await pilot.press("g")
        await pilot.pause()
        assert app.screen is screen


@pytest.mark.parametrize("hostile", ["[b]x[/b]", "[@click=app.quit]x", "A\x1b[2J\x07"])
async def test_hostile_athlete_names_are_shown_as_text(
    data_dir: Path, sessions: Path, hostile: str
) -> None:
    group, _ = save_group(sessions, {hostile: [90.0], "Ben": [86.0]}, {}, started=at(3))
    screen = GroupViewScreen(group)
    app = build_app(services(data_dir), first_screen=screen)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, screen)
        table = screen.query_one(DataTable)
        names = [text(table, r, 1) for r in range(table.row_count)]
        assert clip(printable(hostile), 14) in names
        assert not any(RAW_CONTROLS.search(name) for name in names)
