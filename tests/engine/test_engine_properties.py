"""Any sequence of inputs on any example workout: the engine never fails and its
records stay consistent, and replaying its saved inputs rebuilds the same records."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tests.conftest import FakeClock
from tests.session_checks import check_rebuilt, check_records
from trackapp.domain.engine import Engine, PressAction, Status
from trackapp.domain.workout_plan import plan_from_text

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "workouts").glob("*.toml"))
PLANS = [plan_from_text(p.read_text(encoding="utf-8"), p.name) for p in EXAMPLES]

actions = st.lists(
    st.tuples(
        st.sampled_from(["press", "press", "press", "skip", "undo", "pause", "wait"]),
        st.floats(min_value=0.0, max_value=400.0, allow_nan=False),
    ),
    max_size=60,
)


QUIET_PRESSES = (PressAction.IGNORED, PressAction.NONE)


@settings(max_examples=150, deadline=None)
@given(plan_index=st.integers(0, len(PLANS) - 1), steps=actions)
@example(  # a pause at a segment's first instant, resumed: elapsed came out -2.27e-13
    plan_index=0,
    steps=[
        ("press", 1.7516663194667217),
        ("press", 1.4496207847771814),
        ("press", 196.0),
        ("press", 400.0),
        ("press", 399.50589330810413),
        ("press", 399.201432830658),
        ("press", 399.06073388450505),
        ("pause", 0.0),
        ("press", 253.32938762387738),
    ],
)
@example(  # a skip taken back while paused let the session run out: it stayed paused
    plan_index=[p.name for p in EXAMPLES].index("fartlek.toml"),
    steps=[
        ("press", 0.0),
        ("press", 720.0),
        ("press", 950.0),
        ("skip", 400.0),
        ("wait", 400.0),
        ("pause", 30.0),
        ("undo", 0.0),
        ("press", 0.0),
    ],
)
@example(  # a running segment of 0.0625 s: float error tipped its rounding on the restore
    plan_index=0,
    steps=[
        ("press", 156.0),
        ("pause", 1.665521672369124),
        ("skip", 92.0),
        ("skip", 400.0),
        ("press", 400.0),
        ("skip", 0.0),
        ("press", 0.0),
        ("press", 0.0625),
    ],
)
def test_any_inputs_keep_records_consistent(
    plan_index: int, steps: list[tuple[str, float]]
) -> None:
    clock = FakeClock()
    plan = PLANS[plan_index]
    engine = Engine(plan, clock, debounce=1.0)
    for action, wait in steps:
        clock.advance(wait)
        if action == "press":
            before, paused = engine.records(), engine.status is Status.PAUSED
            outcome = engine.press()
            # a press while paused resumes and only that; otherwise it records something
            # exactly when it says it acted on a segment
            assert (outcome.action is PressAction.RESUME) == paused, outcome
            if outcome.action is PressAction.RESUME:
                assert engine.status is not Status.PAUSED
            else:
                recorded = engine.records() != before
                assert recorded == (outcome.action not in QUIET_PRESSES), outcome
            if outcome.action in (PressAction.SPLIT, PressAction.END, PressAction.MARKER):
                assert outcome.time is not None and outcome.time >= 0, outcome
        elif action == "skip":
            engine.skip()
        elif action == "undo":
            engine.undo()
        elif action == "pause":
            engine.toggle_pause()
        view = engine.view()
        assert view.elapsed >= 0 and view.clock >= 0
        assert 0 <= view.segments_done <= view.segments_total
    records = engine.records()
    check_records(records, plan, done=engine.status is Status.DONE)

    # what the session file keeps is enough to rebuild exactly this
    if engine.started:
        again = Engine.restore(plan, list(engine.events), engine.session_time(), clock)
        check_rebuilt(again.records(), records)


@settings(max_examples=100, deadline=None)
@given(
    plan_index=st.integers(0, len(PLANS) - 1),
    steps=actions,
    stop_after=st.floats(min_value=0.0, max_value=400.0, allow_nan=False),
)
def test_a_stop_ends_everything_and_nothing_moves_after_it(
    plan_index: int, steps: list[tuple[str, float]], stop_after: float
) -> None:
    """Whatever came before (a pause, a rep at the line, a timed step running), the stop
    ends what ran at the q press; after it no key and no amount of time changes a thing."""
    clock = FakeClock()
    plan = PLANS[plan_index]
    engine = Engine(plan, clock, debounce=1.0)
    inputs: dict[str, Callable[[], object]] = {
        "press": engine.press,
        "skip": engine.skip,
        "undo": engine.undo,
        "pause": engine.toggle_pause,
        "wait": lambda: None,
    }
    for action, wait in steps:
        clock.advance(wait)
        inputs[action]()
    clock.advance(stop_after)
    before = engine.records()  # at the q press
    running = bool(before) and before[-1].ended_by is None
    engine.stop()
    assert engine.status is Status.STOPPED and not engine.paused and engine.over
    records = engine.records()
    check_records(records, plan, done=True)
    assert [r.to_dict() for r in records[:-1]] == [r.to_dict() for r in before[:-1]]
    if running:  # what ran at the press ends there, by the stop
        last = records[-1]
        assert last.ended_by == "stop" and engine.stopped_at is not None
        assert last.start + last.time == pytest.approx(engine.stopped_at)
    # (the session's time is the clock's, pauses excluded: the file's elapsed stops at
    # the stop, `stopped_at`; what is kept does not move)
    stopped = ([r.to_dict() for r in records], engine.stopped_at, engine.pause_records())
    for act in (engine.press, engine.skip, engine.undo, engine.toggle_pause, engine.advance):
        clock.advance(60.0)
        act()
    after = ([r.to_dict() for r in engine.records()], engine.stopped_at, engine.pause_records())
    assert after == stopped
