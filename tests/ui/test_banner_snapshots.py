"""Snapshots of the run screen's result banner on each phase colour, 80x24 and 120x40.

A fake clock and a fixed workout: every figure is the same on every run.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.conftest import FakeClock
from trackapp.domain.workout_plan import plan_from_text
from trackapp.services import Services
from trackapp.ui.factory import build_app
from trackapp.ui.screens.run import RunScreen

WORKOUT = """
name = "Banner"
pace_unit = "mi"
[[step]]
warmup = "10:00"
[[step]]
repeat = 2
run = "1mi"
target = "6:00-6:10"
rest = "2:00"
[[step]]
run = "400m"
target = "1:20-1:25"
[[step]]
run = "400m"
target = "1:20-1:25"
[[step]]
cooldown = "10:00"
"""

NO_COOLDOWN = WORKOUT.replace('[[step]]\ncooldown = "10:00"\n', "")

Steps = Callable[[Pilot[Any], FakeClock], Awaitable[None]]


async def _start_rep(pilot: Pilot[Any], clock: FakeClock) -> None:
    await pilot.press("space")  # the session starts: warm-up
    await pilot.press("n")  # skip it: rep 1 waits at the line
    clock.advance(1.5)
    await pilot.press("space")  # rep 1 starts


async def lap_on_run(pilot: Pilot[Any], clock: FakeClock) -> None:
    await _start_rep(pilot, clock)
    clock.advance(93.27)
    await pilot.press("space")  # the 409 m split
    clock.advance(1.2)


async def lap_overtime(pilot: Pilot[Any], clock: FakeClock) -> None:
    await _start_rep(pilot, clock)
    for _ in range(3):
        clock.advance(124.0)
        await pilot.press("space")  # the third split is past 6:10: overtime
    clock.advance(0.5)


async def rep_over_rest(pilot: Pilot[Any], clock: FakeClock) -> None:
    await _start_rep(pilot, clock)
    for _ in range(4):
        clock.advance(91.0)
        await pilot.press("space")  # the fourth press ends the mile: 6:04.0
    clock.advance(2.3)


async def rep_waiting(pilot: Pilot[Any], clock: FakeClock) -> None:
    await rep_over_rest(pilot, clock)
    clock.advance(120.0)  # the rest ran out: mile 2 starts by itself
    for _ in range(4):
        clock.advance(89.6)
        await pilot.press("space")
    clock.advance(121.0)
    await pilot.press("space")  # the first 400 starts at the line
    clock.advance(84.1)
    await pilot.press("space")  # and ends: the next 400 waits at the line
    clock.advance(1.0)


async def rep_cooldown(pilot: Pilot[Any], clock: FakeClock) -> None:
    await rep_waiting(pilot, clock)
    await pilot.press("space")  # the last 400 starts
    clock.advance(79.4)
    await pilot.press("space")  # and ends under target: the cool-down begins
    clock.advance(3.0)


CASES: dict[str, Steps] = {
    "run": lap_on_run,
    "overtime": lap_overtime,
    "rest": rep_over_rest,
    "waiting": rep_waiting,
    "cooldown": rep_cooldown,
}


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
@pytest.mark.parametrize("case", list(CASES))
def test_banner(
    snap_compare: Any, services: Services, clock: FakeClock, case: str, size: tuple[int, int]
) -> None:
    plan = plan_from_text(WORKOUT, "banner.toml")
    app = build_app(services, plan=plan)

    async def run_before(pilot: Pilot[Any]) -> None:
        await CASES[case](pilot, clock)
        screen = pilot.app.screen
        assert isinstance(screen, RunScreen)
        screen.tick()
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_banner_done(
    snap_compare: Any, services: Services, clock: FakeClock, size: tuple[int, int]
) -> None:
    """The last rep ends the workout: its result is big until the end screen comes."""
    plan = plan_from_text(NO_COOLDOWN, "banner.toml")
    app = build_app(services, plan=plan)

    async def run_before(pilot: Pilot[Any]) -> None:
        await rep_waiting(pilot, clock)
        await pilot.press("space")
        clock.advance(82.0)
        await pilot.press("space")  # the last rep: the workout is done
        clock.advance(0.4)
        screen = pilot.app.screen
        assert isinstance(screen, RunScreen)
        screen.tick()
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)
