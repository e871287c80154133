"""Snapshots of the run screen at fixed fake times (pytest-textual-snapshot)."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot

from tests.conftest import FakeClock
from trackapp.domain.workout_plan import plan_from_text
from trackapp.services import Services
from trackapp.ui.factory import build_app
from trackapp.ui.screens.run import RunScreen

WORKOUT = """
name = "Mile repeats"
pace_unit = "mi"
[[step]]
warmup = "10:00"
[[step]]
repeat = 4
run = "1mi"
target = "6:00-6:10"
rest = "2:00"
cue = "Relax the shoulders"
[[step]]
cooldown = "10:00"
"""


def test_run_screen_mid_rep(snap_compare: Any, services: Services, clock: FakeClock) -> None:
    plan = plan_from_text(WORKOUT, "mile.toml")
    app = build_app(services, plan=plan)

    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.press("space")
        await pilot.press("n")
        clock.advance(1.5)
        await pilot.press("space")  # rep 1 starts
        clock.advance(93.27)
        await pilot.press("space")  # 409 m split
        clock.advance(150.4)
        screen = pilot.app.screen
        assert isinstance(screen, RunScreen)
        screen.tick()
        await pilot.pause()

    assert snap_compare(app, terminal_size=(120, 40), run_before=run_before)


def test_run_screen_rest_countdown_small_terminal(
    snap_compare: Any, services: Services, clock: FakeClock
) -> None:
    plan = plan_from_text(WORKOUT, "mile.toml")
    app = build_app(services, plan=plan)

    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.press("space")
        await pilot.press("n")
        clock.advance(1.5)
        await pilot.press("space")
        for _ in range(4):
            clock.advance(92.0)
            await pilot.press("space")
        clock.advance(118.2)  # 1.8 s of rest left: the countdown shows 2
        screen = pilot.app.screen
        assert isinstance(screen, RunScreen)
        screen.tick()
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
