"""The app ended from outside (the terminal closed, SIGHUP, SIGTERM: `TrackApp.end_for`)
saves every session as it stands, leaves it unfinished and free to resume, and exits
with the status it was given. (The signals and the hang-up themselves, on a real
terminal: tests/e2e/test_terminal_gone.py.)"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from tests.conftest import FakeClock
from trackapp.domain.group import GroupAthlete
from trackapp.domain.workout_plan import plan_from_text
from trackapp.services import Services
from trackapp.storage.session_store import FileSessionStore
from trackapp.ui.factory import build_app, build_group_app
from trackapp.ui.screens.run import RunScreen
from trackapp.ui.screens.summary import SummaryScreen

WORKOUT = """
name = "Ended from outside"
[[step]]
repeat = 3
run = "400m"
rest = "1:30"
"""


def saved(data_dir: Path) -> list[dict[str, Any]]:
    return [
        tomllib.loads(path.read_text(encoding="utf-8"))
        for path in sorted((data_dir / "sessions").glob("*.toml"))
    ]


async def test_a_solo_run_is_saved_as_it_stands_and_left_to_resume(
    services: Services, clock: FakeClock, data_dir: Path
) -> None:
    app = build_app(services, plan=plan_from_text(WORKOUT, "w.toml"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space")  # rep 1
        clock.advance(80.0)
        await pilot.press("space")  # its end: the rest runs
        clock.advance(12.5)
        screen = app.screen
        assert isinstance(screen, RunScreen)
        app.end_for("SIGTERM", 143)  # nothing asked, nothing waited for
        await pilot.pause()
    assert app.return_code == 143 and app.ended_by == "SIGTERM"
    (doc,) = saved(data_dir)
    assert doc["status"] == "in_progress"
    rep, rest = doc["segment"]
    assert (rep["time"], rep["ended_by"]) == (80.0, "press")
    assert rest["kind"] == "rest" and rest["time"] == 12.5 and "ended_by" not in rest
    # the file is free: a new window offers to resume it
    store = FileSessionStore(data_dir / "sessions")
    assert [record.workout for _path, record in store.find_in_progress("Ended from outside")] == [
        "Ended from outside"
    ]


async def test_every_athlete_of_a_group_is_saved_as_they_stand(
    services: Services, clock: FakeClock, data_dir: Path
) -> None:
    plan = plan_from_text(WORKOUT, "w.toml")
    athletes = [GroupAthlete("Ana", "a", plan), GroupAthlete("Ben", "b", plan)]
    app = build_group_app(services, athletes, name="Squad")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space")
        clock.advance(75.0)
        await pilot.press("a")  # Ana's rep ends; Ben still runs
        clock.advance(4.0)
        app.end_for("the terminal closed", 129)
        await pilot.pause()
    assert app.return_code == 129
    # what the message after it names: every athlete's file (a group's were left out)
    named = sorted(path.name for path in app.session_paths())
    assert named == sorted(path.name for path in (data_dir / "sessions").glob("*.toml"))
    assert len(named) == 2
    docs = {doc["athlete"]: doc for doc in saved(data_dir)}
    assert sorted(docs) == ["Ana", "Ben"]
    assert all(doc["status"] == "in_progress" for doc in docs.values())
    ana, ben = docs["Ana"]["segment"], docs["Ben"]["segment"]
    assert [(s["kind"], s["time"]) for s in ana] == [("run", 75.0), ("rest", 4.0)]
    assert [(s["kind"], s["time"]) for s in ben] == [("run", 79.0)]


async def test_ended_twice_is_ended_once(services: Services, clock: FakeClock) -> None:
    """A hang-up brings SIGHUP as well, often: the first one ends the app."""
    app = build_app(services, plan=plan_from_text(WORKOUT, "w.toml"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space")
        app.end_for("the terminal closed", 129)
        app.end_for("SIGHUP", 129 + 14)
        await pilot.pause()
    assert (app.ended_by, app.return_code) == ("the terminal closed", 129)


async def test_a_finished_session_is_not_offered_back(
    services: Services, clock: FakeClock, data_dir: Path
) -> None:
    """Over and on disk: the message names no file to resume, and the file stays as the
    end screen left it."""
    one_rep = WORKOUT.replace("repeat = 3\n", "").replace('rest = "1:30"\n', "")
    app = build_app(services, plan=plan_from_text(one_rep, "w.toml"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space")
        clock.advance(80.0)
        await pilot.press("space")  # the only rep: the session is completed
        await pilot.pause()
        assert services.sessions.flush(5.0)
        (path,) = (data_dir / "sessions").glob("*.toml")
        written = path.read_bytes()
        app.end_for("SIGTERM", 143)
        await pilot.pause()
    assert app.session_paths() == []
    assert path.read_bytes() == written
    (doc,) = saved(data_dir)
    assert doc["status"] == "completed"


async def test_ended_as_a_screen_comes_up_is_no_crash(
    services: Services, clock: FakeClock, data_dir: Path
) -> None:
    """The end screen switched in, then SIGTERM before it has mounted: it mounts while
    the app closes, its widgets already gone. The app still ends as asked (it crashed,
    status 1, with a traceback on the terminal)."""
    one_rep = WORKOUT.replace("repeat = 3\n", "").replace('rest = "1:30"\n', "")
    app = build_app(services, plan=plan_from_text(one_rep, "w.toml"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space")
        clock.advance(80.0)
        await pilot.press("space")  # done: the end screen comes up a second later
        screen = app.screen
        assert isinstance(screen, RunScreen)
        app.switch_screen(SummaryScreen(screen.run, services.ticker))
        app.end_for("SIGTERM", 143)
    assert app.return_code == 143
    (doc,) = saved(data_dir)
    assert doc["status"] == "completed"
