"""Keys count in the order they came, whichever way each is taken.

A split (or a group's start) is taken in the screen's key handler with the key's own
timestamp; skip, pause, undo and the rest are bindings, which Textual used to run only
once the key had bubbled back to the app. In a burst (a clicker's macro, two quick
keys, a busy machine) `n` then Space reached the engine as Space then `n`: the press
counted as a lap of the warm-up and the rep never started."""

from __future__ import annotations

from tests.conftest import FakeClock
from tests.support.keys import burst
from trackapp.domain.engine import Phase, Status
from trackapp.domain.group import GroupAthlete
from trackapp.domain.workout_plan import plan_from_text
from trackapp.services import Services
from trackapp.ui.factory import build_app, build_group_app
from trackapp.ui.screens.group_run import GroupRunScreen
from trackapp.ui.screens.run import RunScreen

WORKOUT = """
name = "warm-up then 2 x 400"
[[step]]
warmup = "10:00"
[[step]]
repeat = 2
run = "400m"
target = "1:30"
rest = "1:00"
"""


async def test_skip_then_split_in_one_burst_starts_the_rep(
    services: Services, clock: FakeClock
) -> None:
    app = build_app(services, plan=plan_from_text(WORKOUT, "w.toml"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space")  # the warm-up starts
        clock.advance(30)
        burst(app, "n ")  # skip the warm-up, then start rep 1 at once
        await pilot.pause()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, RunScreen)
        view = screen.engine.view()
        assert (view.phase, view.status) == (Phase.RUN, Status.RUNNING)
        warmup = screen.engine.records()[0]
        assert warmup.ended_by == "skip" and warmup.markers == []  # no press in the warm-up

        clock.advance(80)
        burst(app, " u")  # the rep ends, and the runner takes it back at once
        await pilot.pause()
        await pilot.pause()
        view = screen.engine.view()
        assert (view.phase, view.reps_done) == (Phase.RUN, 0)  # the rep runs on


async def test_the_group_skip_then_start_in_one_burst(services: Services, clock: FakeClock) -> None:
    athletes = [
        GroupAthlete(name, key, plan_from_text(WORKOUT, "w.toml"))
        for name, key in (("Ana", "a"), ("Ben", "b"))
    ]
    app = build_group_app(services, athletes)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space")  # the warm-up starts
        clock.advance(30)
        burst(app, "n ")  # skip the warm-up, then send the group off
        await pilot.pause()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, GroupRunScreen)
        view = screen.run.group.view()
        assert (view.phase, view.status) == (Phase.RUN, Status.RUNNING)
