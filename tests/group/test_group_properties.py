"""Any sequence of a coach's inputs on any example workout, three athletes: the group
engine never fails, its records stay consistent for every athlete, a finished session is
never paused, and replaying its saved inputs rebuilds the same records."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tests.conftest import FakeClock
from tests.session_checks import check_rebuilt, check_records
from trackapp.domain.engine import Status
from trackapp.domain.group import GroupAthlete, GroupInput, GroupRun, StartAction
from trackapp.domain.workout_plan import plan_from_text

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "workouts").glob("*.toml"))
PLANS = [plan_from_text(p.read_text(encoding="utf-8"), p.name) for p in EXAMPLES]
KEYS = "abc"

inputs = st.lists(
    st.tuples(
        st.sampled_from(
            [
                *("start", "split", "split", "split", "undo", "undo_for", "skip", "pause"),
                *("out_rep", "out_session", "wait"),
            ]
        ),
        st.sampled_from(KEYS),
        st.floats(min_value=0.0, max_value=400.0, allow_nan=False),
    ),
    max_size=50,
)


def apply(group: GroupRun, action: str, key: str) -> None:
    """One of the coach's inputs (`key`: the athlete's, where it takes one)."""
    if action == "start":
        group.start()
    elif action == "split":
        group.split(key)
    elif action == "undo":
        group.undo()
    elif action == "undo_for":
        group.undo_for(key)
    elif action == "skip":
        group.skip()
    elif action == "pause":
        group.toggle_pause()
    elif action == "out_rep":
        group.out_for_rep(key)
    elif action == "out_session":
        group.out_for_session(key)


@settings(max_examples=100, deadline=None)
@given(plan_index=st.integers(0, len(PLANS) - 1), steps=inputs)
@example(  # everyone marked out while paused ended the session: it stayed paused
    plan_index=0,
    steps=[
        ("start", "a", 0.0),
        ("pause", "a", 0.0),
        ("out_session", "a", 0.0),
        ("out_session", "b", 0.0),
        ("out_session", "c", 0.0),
    ],
)
@example(  # a skip after one athlete finished ended her rest and began a second one
    plan_index=[p.name for p in EXAMPLES].index("tempo.toml"),
    steps=[
        ("start", "a", 0.0),
        ("start", "a", 1.0),
        ("start", "a", 1.0),
        ("split", "a", 0.0),
        ("skip", "a", 0.0),
    ],
)
def test_any_inputs_keep_every_athletes_records_consistent(
    plan_index: int, steps: list[tuple[str, str, float]]
) -> None:
    clock = FakeClock()
    plan = PLANS[plan_index]
    group = GroupRun([GroupAthlete(f"Athlete {k}", k, plan) for k in KEYS], clock)
    for action, key, wait in steps:
        clock.advance(wait)
        if action == "start":
            paused = group.paused
            outcome = group.start()
            assert (outcome is StartAction.RESUME) == paused, outcome
        else:
            apply(group, action, key)
        view = group.view()
        assert view.clock >= 0 and view.session_elapsed >= 0
        if view.status is Status.DONE:
            assert not group.paused, "a finished session is never paused"
    done = group.view().status is Status.DONE
    for key in KEYS:
        check_records(group.records(key), plan, done)

    # the inputs are what the files keep (to the millisecond), and enough to rebuild this
    if group.started:
        saved = [GroupInput.from_dict(e.to_dict()) for e in group.events]
        assert [(e.kind, e.key) for e in saved if e is not None] == [
            (e.kind, e.key) for e in group.events
        ]
        for read, kept in zip(saved, group.events, strict=True):
            assert read is not None and read.at == pytest.approx(kept.at, abs=0.0005)
        back = GroupRun.restore(
            group.athletes, list(group.events), group.session_time(), clock, paused=False
        )
        for key in KEYS:
            check_rebuilt(back.records(key), group.records(key))


@settings(max_examples=60, deadline=None)
@given(
    plan_index=st.integers(0, len(PLANS) - 1),
    steps=inputs,
    stop_after=st.floats(min_value=0.0, max_value=400.0, allow_nan=False),
)
def test_a_stop_ends_everyones_session_and_nothing_moves_after_it(
    plan_index: int, steps: list[tuple[str, str, float]], stop_after: float
) -> None:
    """The coach's q: what each athlete ran at the press ends there, by the stop; after it
    no key and no amount of time changes anyone's records."""
    clock = FakeClock()
    plan = PLANS[plan_index]
    group = GroupRun([GroupAthlete(f"Athlete {k}", k, plan) for k in KEYS], clock)
    for action, key, wait in steps:
        clock.advance(wait)
        apply(group, action, key)
    clock.advance(stop_after)
    before = {k: group.records(k) for k in KEYS}  # at the q press
    group.stop()
    assert group.view().status is Status.STOPPED and not group.paused and group.over
    for key in KEYS:
        records = group.records(key)
        check_records(records, plan, done=True)
        kept = before[key]
        assert [r.to_dict() for r in records[:-1]] == [r.to_dict() for r in kept[:-1]]
        if kept and kept[-1].ended_by is None:  # running at the press: ended there
            assert records[-1].ended_by == "stop" and group.stopped_at is not None
            assert records[-1].start + records[-1].time == pytest.approx(group.stopped_at)
    stopped = {k: [r.to_dict() for r in group.records(k)] for k in KEYS}
    for action in ("start", "split", "undo", "undo_for", "skip", "pause", "out_rep"):
        clock.advance(60.0)
        apply(group, action, "a")
    assert {k: [r.to_dict() for r in group.records(k)] for k in KEYS} == stopped
