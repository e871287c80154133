"""The result banner is a function of the engine's records at an instant, not of ticks."""

from __future__ import annotations

from tests.conftest import FakeClock
from tests.ui.test_banner_snapshots import WORKOUT
from trackapp.domain.engine import Engine
from trackapp.domain.workout_plan import plan_from_text
from trackapp.ui.run_display import BANNER_SECONDS, banner


def test_split_and_rep_banners_last_banner_seconds(clock: FakeClock) -> None:
    engine = Engine(plan_from_text(WORKOUT, "banner.toml"), clock)
    engine.press(clock())  # session start: warm-up
    engine.skip(clock())
    start = clock.advance(1.0)
    engine.press(start)  # mile 1 starts
    assert banner(engine.view()) is None
    split = clock.advance(93.27)
    engine.press(split)
    shown = banner(engine.view(split + 3.9))
    assert shown is not None and shown.caption == "Lap 1" and round(shown.time, 2) == 93.27
    assert abs(shown.left - 0.1) < 1e-6
    assert banner(engine.view(split + BANNER_SECONDS)) is None  # the clock is back
    for _ in range(3):
        end = clock.advance(91.0)
        engine.press(end)
    shown = banner(engine.view(end + 1.0))
    assert shown is not None and shown.caption == "mile #1"
    assert shown.diff == "±0.0" and "on target" in shown.words
    assert banner(engine.view(end + 4.01)) is None  # the rest countdown has the digits
