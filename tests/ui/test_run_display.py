"""What the run screen shows and when it repaints, without Textual."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.conftest import FakeClock
from trackapp.domain.engine import Engine
from trackapp.domain.plan import Plan
from trackapp.ui.run_display import (
    MAX_IDLE_REPAINT,
    clock_template,
    clock_text,
    next_change,
    segment_brief,
    target_text,
)

WORKOUT = """
name = "d"
[[step]]
warmup = "12:00"
[[step]]
repeat = 2
run = "400m"
target = "1:28-1:31.5"
rest = "1:30"
"""


def test_clock_text_rounds_a_countdown_up_and_a_rep_to_the_nearest_tenth() -> None:
    assert clock_text(89.95, counting_down=True) == "1:30"
    assert clock_text(0.2, counting_down=True) == "0:01"
    assert clock_text(0.0, counting_down=True) == "0:00"
    assert clock_text(89.99, counting_down=False) == "1:30.0"  # as the summary will show it
    assert clock_text(89.94, counting_down=False) == "1:29.9"
    assert clock_text(3725.4, counting_down=False) == "1:02:05.4"


def test_repaints_when_the_display_changes_and_no_more(
    clock: FakeClock, make_plan: Callable[[str], Plan]
) -> None:
    engine = Engine(make_plan(WORKOUT), clock)
    assert next_change(engine.view()) == MAX_IDLE_REPAINT  # ready: nothing counts
    engine.press()
    clock.advance(10.25)
    view = engine.view()  # warm-up: 709.75 s left, whole seconds shown
    assert next_change(view) == pytest.approx(0.75 + 0.002)
    assert clock_template(view) == "00:00"
    clock.advance(709.75)
    engine.press()  # rep 1 counts up in tenths
    clock.advance(3.04)
    view = engine.view()  # 0:03.0 until 3.05, then 0:03.1
    assert next_change(view) == pytest.approx(0.01 + 0.002)
    assert clock_template(view) == "0:00.0"


def test_wording(make_plan: Callable[[str], Plan]) -> None:
    plan = make_plan(WORKOUT)
    warmup, rep, rest = plan.segments[:3]
    assert segment_brief(warmup) == "Warm-up 12 min"
    assert segment_brief(rep) == "400 #1 of 2"  # named as review names it
    assert segment_brief(rest) == "Rest 90 s"
    assert target_text(rep, "km") == "Target 1:28–1:31.5 (3:40-3:49/km)"  # both ends' paces
