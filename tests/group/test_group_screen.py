"""The group run screen driven with keys through Textual's Pilot, checked on screen and on
disk: one clock on top, a row per athlete, each rule of 'Running the group'."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.conftest import FakeClock, fake_services, screen_text
from trackapp.domain.cues import CueKind
from trackapp.domain.group import GroupAthlete
from trackapp.domain.workout_plan import plan_from_text
from trackapp.services import Services, SilentCues
from trackapp.ui.factory import build_group_app
from trackapp.ui.screens.group_run import GroupRunScreen
from trackapp.ui.widgets.athlete_rows import AthleteRows
from trackapp.ui.widgets.big_clock import BigClock

WORKOUT = """
name = "3 x 400"
[[step]]
repeat = 3
run = "400m"
target = "{target}"
rest = "1:30"
"""
NAMES = ["Ana", "Ben", "Cy", "Dee", "Eve", "Fay", "Gus", "Hal", "Ike", "Jo", "Kim", "Lou"]
KEYS = "abcdefghijkl"


def squad(count: int = 4) -> list[GroupAthlete]:
    return [
        GroupAthlete(NAMES[i], KEYS[i], plan_from_text(WORKOUT.format(target=f"1:{10 + i}"), "w"))
        for i in range(count)
    ]


async def drawn(pilot: Pilot[int]) -> str:
    await pilot.pause()
    return screen_text(pilot.app)


def row(text: str, name: str) -> str:
    """The athlete's row: key, then name."""
    (line,) = [line for line in text.splitlines() if f"  {name}  " in line]
    return line.rstrip()


def files(data_dir: Path) -> dict[str, dict[str, object]]:
    out = {}
    for path in sorted((data_dir / "sessions").glob("*.toml")):
        doc = tomllib.loads(path.read_text())
        out[str(doc["athlete"])] = doc
    return out


async def test_a_rep_for_the_group(services: Services, clock: FakeClock, data_dir: Path) -> None:
    app = build_group_app(services, squad(), name="Tuesday squad")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, GroupRunScreen)
        assert "Press SPACE to start the group" in await drawn(pilot)
        await pilot.press("space")
        assert screen.has_class("phase-run")
        clock.advance(70.0)
        await pilot.press("a")
        clock.advance(0.2)
        await pilot.press("b")  # 0.2 s later: both count
        clock.advance(0.2)
        await pilot.press("a")  # Ana's double tap: ignored
        text = await drawn(pilot)
        assert "Ana: press ignored" in text
        assert "rep 1:10.0" in row(text, "Ana") and "±0.0" in row(text, "Ana")
        assert "rep 1:10.2" in row(text, "Ben") and "▼ -0.8" in row(text, "Ben")
        assert "1:10.4" in row(text, "Cy")  # still running
        audio = services.audio
        assert isinstance(audio, SilentCues)
        spoken = [c.text for c in audio.played if c.kind is CueKind.SPLIT]
        assert spoken == ["Ana, seventy point zero", "Ben, seventy point two"]
        assert [c.kind for c in audio.played].count(CueKind.IGNORED) == 1
        clock.advance(5.0)
        await pilot.press("x", "d")  # Dee out for this rep
        clock.advance(5.0)
        await pilot.press("c")  # the last one still running: the rest starts
        assert screen.has_class("phase-rest")
        big = screen.query_one("#group-clock", BigClock)
        assert big.text == "1:30"
        assert [c.kind for c in audio.scheduled][-1] is CueKind.GO
        assert services.sessions.flush(5.0)  # a thread writes the files: wait for the disk
        saved = files(data_dir)
        assert sorted(saved) == ["Ana", "Ben", "Cy", "Dee"]
        ana = saved["Ana"]
        assert ana["group"] == "2026-11-27T18-16-40_tuesday-squad"
        segments = ana["segment"]
        assert isinstance(segments, list) and segments[0]["laps"] == [70.0]
        dee = saved["Dee"]["segment"]
        assert isinstance(dee, list) and dee[0]["ended_by"] == "skip"


async def test_undo_says_whose(services: Services, clock: FakeClock) -> None:
    app = build_group_app(services, squad())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("space")
        clock.advance(60.0)
        await pilot.press("a")
        clock.advance(1.0)
        await pilot.press("b")
        await pilot.press("backspace")
        text = await drawn(pilot)
        assert "Taken back: Ben's split" in text
        assert "1:01.0" in row(text, "Ben") and "rep" not in row(text, "Ben")
        await pilot.press("u", "a")
        text = await drawn(pilot)
        assert "Taken back: Ana's split" in text
        assert "rep" not in row(text, "Ana")


async def test_out_for_the_session_and_over_target(services: Services, clock: FakeClock) -> None:
    app = build_group_app(services, squad())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("space")
        await pilot.press("X", "b")
        clock.advance(75.0)  # past Ana's 1:10
        text = await drawn(pilot)
        assert "OUT" in row(text, "Ben")
        assert row(text, "Ana").endswith("OVER")
        screen = app.screen
        assert screen.query_one(AthleteRows).marked[0]


@pytest.mark.parametrize(("size", "shown"), [((120, 40), 12), ((80, 24), 8)])
async def test_twelve_athletes_keep_the_clock_a_third_of_the_height(
    services: Services, clock: FakeClock, size: tuple[int, int], shown: int
) -> None:
    app = build_group_app(services, squad(12))
    async with app.run_test(size=size) as pilot:
        await pilot.press("space")
        clock.advance(10.0)
        text = await drawn(pilot)
        visible = [n for n in NAMES if f"  {n}  " in text]
        assert len(visible) >= shown
        big = app.screen.query_one("#group-clock", BigClock)
        assert big.size.height * 3 >= size[1]


async def test_the_whole_session_then_q_leaves(
    services: Services, clock: FakeClock, data_dir: Path
) -> None:
    app = build_group_app(services, squad(2))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space")
        for rep in range(3):
            clock.advance(70.0)
            await pilot.press("a", "b")
            if rep < 2:
                clock.advance(90.0)  # the rest runs out: the next rep starts by itself
                assert app.screen.has_class("phase-run")
        text = await drawn(pilot)
        assert "Workout done" in text
        assert app.screen.has_class("phase-done")
        assert "3/3" in row(text, "Ana") and "3/3" in row(text, "Ben")
        await pilot.press("q")
        await pilot.pause()
    saved = files(data_dir)
    assert [doc["status"] for doc in saved.values()] == ["completed", "completed"]
    segments = saved["Ana"]["segment"]
    assert isinstance(segments, list)
    assert [s["kind"] for s in segments] == ["run", "rest", "run", "rest", "run"]


async def test_stop_asks_and_saves_everyone_as_stopped(
    services: Services, clock: FakeClock, data_dir: Path
) -> None:
    app = build_group_app(services, squad(2))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space")
        clock.advance(30.0)
        await pilot.press("q")
        await pilot.press("y")
        text = await drawn(pilot)
        assert "Session stopped and saved" in text
    saved = files(data_dir)
    assert [doc["status"] for doc in saved.values()] == ["stopped", "stopped"]


async def test_question_mark_shows_the_groups_keys(services: Services) -> None:
    app = build_group_app(services, squad())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        shown = await drawn(pilot)
        assert "x or X, then key" in shown and "undo that athlete's last split" in shown
        assert "two athletes finishing together both count" in shown  # nothing cut at 80x24
        await pilot.press("escape")
        assert "x or X, then key" not in await drawn(pilot)


async def test_the_resume_offer_says_what_each_athlete_did(
    services: Services, clock: FakeClock, data_dir: Path
) -> None:
    """Ana finished rep 1, Ben was still running it when the program died: the offer
    says so of each (the newest file alone said "no rep done yet" of the group)."""
    app = build_group_app(services, squad(2))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("space")
        clock.advance(70.0)
        await pilot.press("a")
        clock.advance(5.0)
        assert services.sessions.flush(5.0)
    clock.advance(20.0)
    again = build_group_app(fake_services(clock, data_dir), squad(2))
    async with again.run_test(size=(120, 40)) as pilot:
        offer = await drawn(pilot)
        assert "Unfinished session" in offer
        assert "Ana 1 rep done, Ben no rep done yet." in " ".join(offer.split())
        assert "_group: Ana, Ben" in offer
