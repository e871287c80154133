"""The group engine (coach mode), driven by a fake clock: each rule of 'Running the group'."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.conftest import FakeClock
from trackapp.domain.cues import CueKind
from trackapp.domain.engine import Phase, Status
from trackapp.domain.group import (
    AthleteState,
    GroupAthlete,
    GroupInput,
    GroupPlanError,
    GroupRun,
    SplitAction,
    StartAction,
)
from trackapp.domain.plan import Plan
from trackapp.domain.workout import StepKind

WORKOUT = """
name = "3 x 400"
[paces]
fast = "{pace}"
[[step]]
repeat = 3
run = "400m"
pace = "fast"
rest = "1:30"
"""

TWO_LAPS = """
name = "2 x 800"
[[step]]
repeat = 2
run = "800m"
target = "3:00"
rest = "2:00"
"""

SEND_OFF = """
name = "send-off"
[[step]]
repeat = 2
run = "400m"
target = "1:20"
every = "2:00"
"""


def athletes(make_plan: Callable[[str], Plan], paces: dict[str, str]) -> list[GroupAthlete]:
    return [
        GroupAthlete(name, name[0].lower(), make_plan(WORKOUT.format(pace=pace)))
        for name, pace in paces.items()
    ]


@pytest.fixture
def group(clock: FakeClock, make_plan: Callable[[str], Plan]) -> GroupRun:
    squad = athletes(make_plan, {"Ana": "4:00/km", "Ben": "5:00/km", "Cy": "4:30/km"})
    return GroupRun(squad, clock)


def test_space_starts_the_rep_for_everyone(group: GroupRun, clock: FakeClock) -> None:
    assert group.view().status is Status.READY
    assert group.start() is StartAction.START_SESSION
    clock.advance(30.0)
    view = group.view()
    assert view.phase is Phase.RUN and view.clock == pytest.approx(30.0)
    assert [r.state for r in view.rows] == [AthleteState.RUNNING] * 3
    assert [r.rep_time for r in view.rows] == [pytest.approx(30.0)] * 3


def test_targets_come_from_each_athletes_paces(group: GroupRun, clock: FakeClock) -> None:
    group.start()
    clock.advance(100.0)
    ana = group.split("a")
    assert ana.action is SplitAction.END and ana.rep_time == pytest.approx(100.0)
    # Ana's 4:00/km is 96 s per 400: 4 s slow; Ben's 5:00/km is 120 s: 20 s fast
    assert ana.diff == pytest.approx(4.0)
    assert group.split("b").diff == pytest.approx(-20.0)
    records = {k: group.records(k) for k in "ab"}
    assert records["a"][0].target == (96.0, 96.0)
    assert records["b"][0].target == (120.0, 120.0)
    rows = group.view().rows
    assert rows[0].last_diff == pytest.approx(4.0) and rows[0].last_was_end
    assert rows[0].over  # past 96 s


def test_split_counts_at_the_keys_own_instant(group: GroupRun, clock: FakeClock) -> None:
    group.start()
    clock.advance(90.0)
    key_time = clock() - 0.25  # the handler ran a quarter second after the key
    group.split("a", key_time)
    assert group.records("a")[0].time == pytest.approx(89.75)


def test_debounce_is_per_athlete(group: GroupRun, clock: FakeClock) -> None:
    group.start()
    clock.advance(90.0)
    assert group.split("a").action is SplitAction.END
    clock.advance(0.2)
    assert group.split("b").action is SplitAction.END  # 0.2 s later: another athlete counts
    clock.advance(0.2)
    assert group.split("a").action is SplitAction.IGNORED  # Ana's double tap
    assert group.last_ignored is not None and group.last_ignored[0] == "a"
    assert [len(group.records(k)) for k in "abc"] == [2, 2, 1]  # a, b resting; c runs


def test_rest_runs_from_the_last_finisher(group: GroupRun, clock: FakeClock) -> None:
    group.start()
    clock.advance(95.0)
    group.split("a")  # 95
    view = group.view()
    assert view.phase is Phase.RUN and view.running == 2
    assert view.rows[0].state is AthleteState.FINISHED
    clock.advance(10.0)
    group.split("b")  # 105
    clock.advance(15.0)
    group.split("c")  # 120: the rest starts here
    view = group.view()
    assert view.phase is Phase.REST and view.clock == pytest.approx(90.0)
    clock.advance(87.5)
    view = group.view()
    assert view.countdown == 3 and view.auto_start_in == pytest.approx(2.5)
    clock.advance(2.5)  # 210: the next rep starts by itself
    view = group.view()
    assert view.phase is Phase.RUN and view.clock == pytest.approx(0.0)
    ana = group.records("a")
    assert ana[1].kind == "rest" and ana[1].start == pytest.approx(95.0)
    assert ana[1].time == pytest.approx(115.0) and ana[1].ended_by == "timer"
    assert group.records("c")[1].time == pytest.approx(90.0)  # everyone gets at least 90
    assert ana[2].kind == "run" and ana[2].start == pytest.approx(210.0)


def test_skip_ends_the_rep_of_those_still_running_and_who_finished_rests_on(
    group: GroupRun, clock: FakeClock
) -> None:
    group.start()
    clock.advance(95.0)
    group.split("a")  # 95: Ana rests
    clock.advance(10.0)
    skipped = group.skip()  # 105: the coach ends the rep for Ben and Cy
    assert skipped is not None and skipped.kind is StepKind.RUN
    assert [r.ended_by for r in group.records("b")] == ["skip", None]
    clock.advance(90.0)  # 195: the rest (from the skip) runs out, rep 2 starts
    assert group.view().phase is Phase.RUN
    ana = group.records("a")
    # her one rest, from her own finish: the skip did not end it and start it again
    assert [(r.kind, r.rep, r.ended_by) for r in ana] == [
        ("run", 1, "press"),
        ("rest", 1, "timer"),
        ("run", 2, None),
    ]
    assert ana[1].start == pytest.approx(95.0) and ana[1].time == pytest.approx(100.0)
    assert group.records("b")[1].time == pytest.approx(90.0)


def test_rest_cues_the_group_3_2_1_go(group: GroupRun, clock: FakeClock) -> None:
    group.start()
    clock.advance(100.0)
    for key in "abc":
        group.split(key)
    kinds = [c.kind for c in group.upcoming_cues()]
    assert kinds == [CueKind.COUNT_3, CueKind.COUNT_2, CueKind.COUNT_1, CueKind.GO]
    assert group.upcoming_cues()[-1].due == pytest.approx(clock() + 90.0)


def test_space_starts_the_next_rep_early(group: GroupRun, clock: FakeClock) -> None:
    group.start()
    clock.advance(100.0)
    for key in "abc":
        group.split(key)
    clock.advance(60.0)
    assert group.start() is StartAction.START
    assert group.view().phase is Phase.RUN
    rest = group.records("a")[1]
    assert rest.ended_by == "press" and rest.time == pytest.approx(60.0)


def test_space_while_athletes_run_takes_no_split(group: GroupRun, clock: FakeClock) -> None:
    group.start()
    clock.advance(30.0)
    assert group.start() is StartAction.RUNNING
    assert group.view().running == 3


def test_send_off_runs_from_the_groups_start(
    clock: FakeClock, make_plan: Callable[[str], Plan]
) -> None:
    plan = make_plan(SEND_OFF)
    group = GroupRun([GroupAthlete("Ana", "a", plan), GroupAthlete("Ben", "b", plan)], clock)
    group.start()
    clock.advance(75.0)
    group.split("a")
    clock.advance(10.0)
    group.split("b")  # 85 s: the cycle has 35 s left
    assert group.view().clock == pytest.approx(35.0)
    clock.advance(35.0)
    assert group.view().phase is Phase.RUN
    assert group.records("a")[2].start == pytest.approx(120.0)


def test_lap_splits_each_athlete(clock: FakeClock, make_plan: Callable[[str], Plan]) -> None:
    plan = make_plan(TWO_LAPS)
    group = GroupRun([GroupAthlete("Ana", "a", plan), GroupAthlete("Ben", "b", plan)], clock)
    group.start()
    clock.advance(88.0)
    first = group.split("a")
    assert first.action is SplitAction.SPLIT and first.lap == pytest.approx(88.0)
    assert first.diff == pytest.approx(-2.0)  # 90 s at the halfway of a 3:00 target
    clock.advance(90.0)
    assert group.split("a").action is SplitAction.END
    assert group.records("a")[0].laps == pytest.approx([88.0, 90.0])
    assert group.view().rows[1].state is AthleteState.RUNNING


def test_out_for_the_rep_lets_the_rest_wait_for_the_others(
    group: GroupRun, clock: FakeClock
) -> None:
    group.start()
    clock.advance(50.0)
    assert group.out_for_rep("b")
    clock.advance(50.0)
    group.split("a")
    assert group.view().phase is Phase.RUN  # Cy still runs
    clock.advance(5.0)
    group.split("c")
    assert group.view().phase is Phase.REST  # from Cy's finish; Ben's rep did not hold it
    ben = group.records("b")
    assert ben[0].ended_by == "skip" and ben[0].time == pytest.approx(50.0)
    clock.advance(90.0)
    assert group.view().rows[1].state is AthleteState.RUNNING  # back for the next rep


def test_out_for_the_session(group: GroupRun, clock: FakeClock) -> None:
    group.start()
    clock.advance(50.0)
    assert group.out_for_session("b")
    assert group.athlete_status("b") == "stopped"
    clock.advance(50.0)
    group.split("a")
    group.split("c")
    clock.advance(90.0)
    view = group.view()
    assert view.rows[1].state is AthleteState.OUT and view.running == 2
    assert len(group.records("b")) == 1
    assert group.records("b")[0].ended_by == "stop"


def test_everyone_out_ends_the_session(group: GroupRun, clock: FakeClock) -> None:
    group.start()
    clock.advance(10.0)
    for key in "abc":
        group.out_for_session(key)
    assert group.view().status is Status.DONE


def test_everyone_out_while_paused_ends_the_session_and_the_pause(
    group: GroupRun, clock: FakeClock
) -> None:
    group.start()
    clock.advance(10.0)
    group.pause()
    clock.advance(20.0)
    for key in "abc":
        assert group.out_for_session(key)
    assert group.view().status is Status.DONE and not group.paused
    assert [(p.at, p.lasted) for p in group.pause_records()] == [(10.0, 20.0)]
    assert group.start() is StartAction.NONE  # no "resume" on a finished session
    assert [group.athlete_status(k) for k in "abc"] == ["stopped"] * 3


def test_undo_takes_back_the_last_split_whoever(group: GroupRun, clock: FakeClock) -> None:
    group.start()
    clock.advance(90.0)
    group.split("a")
    clock.advance(1.0)
    group.split("b")
    undone = group.undo()
    assert undone is not None and undone.name == "Ben" and undone.kind == "split"
    rows = group.view().rows
    assert rows[1].state is AthleteState.RUNNING and rows[1].rep_time == pytest.approx(91.0)
    assert rows[0].state is AthleteState.FINISHED


def test_undo_for_one_athlete(group: GroupRun, clock: FakeClock) -> None:
    group.start()
    clock.advance(90.0)
    group.split("a")
    clock.advance(1.0)
    group.split("b")
    undone = group.undo_for("a")
    assert undone is not None and undone.name == "Ana"
    rows = group.view().rows
    assert rows[0].state is AthleteState.RUNNING and rows[1].state is AthleteState.FINISHED
    assert group.undo_for("c") is None


def test_undo_of_the_last_finish_takes_the_rest_back(group: GroupRun, clock: FakeClock) -> None:
    group.start()
    clock.advance(90.0)
    for key in "abc":
        group.split(key)
    clock.advance(3.0)
    assert group.view().phase is Phase.REST
    group.undo()
    view = group.view()
    assert view.phase is Phase.RUN and view.rows[2].rep_time == pytest.approx(93.0)


def test_an_undo_that_lets_the_session_run_out_while_paused_ends_the_pause(
    clock: FakeClock, make_plan: Callable[[str], Plan]
) -> None:
    """As in the solo engine: the rest skipped, the group waits at the line, the coach
    pauses, then takes the skip back; the timed rest and rep after it ran out long ago."""
    plan = make_plan('name = "t"\n[[step]]\nrun = "1:00"\nrepeat = 2\nrest = "1:00"')
    group = GroupRun([GroupAthlete("Ana", "a", plan), GroupAthlete("Ben", "b", plan)], clock)
    group.start()
    clock.advance(70.0)
    assert group.skip() is not None and group.view().status is Status.WAITING
    clock.advance(400.0)
    group.pause()
    clock.advance(30.0)
    undone = group.undo()
    assert undone is not None and undone.kind == "skip"
    assert group.view().status is Status.DONE and not group.paused
    assert [(p.at, p.lasted) for p in group.pause_records()] == [(470.0, 30.0)]
    assert group.start() is StartAction.NONE  # no "resume" on a finished session
    assert [group.athlete_status(k) for k in "ab"] == ["completed"] * 2


def test_a_late_key_counts_before_a_rest_ran_out(
    clock: FakeClock, make_plan: Callable[[str], Plan]
) -> None:
    plan = make_plan(WORKOUT.format(pace="4:00/km"))
    group = GroupRun([GroupAthlete("Ana", "a", plan)], clock)
    group.start()
    clock.advance(90.0)
    group.split("a")
    clock.advance(91.0)
    assert group.view().phase is Phase.RUN  # started at 180
    group.split("a", clock() - 5.0)  # a key from before that start reaches us late
    # inputs stay in order: it counts at the last input's instant at the earliest
    assert len(group.records("a")) >= 3


def test_pause_stops_every_clock(group: GroupRun, clock: FakeClock) -> None:
    group.start()
    clock.advance(30.0)
    group.pause()
    clock.advance(100.0)
    assert group.view().status is Status.PAUSED
    assert group.view().rows[0].rep_time == pytest.approx(30.0)
    assert group.split("a").action is SplitAction.NONE
    group.start()  # Space resumes
    clock.advance(10.0)
    assert group.view().rows[0].rep_time == pytest.approx(40.0)


def test_done_and_files_status(group: GroupRun, clock: FakeClock) -> None:
    group.start()
    for _ in range(3):
        clock.advance(100.0)
        for key in "abc":
            group.split(key)
        clock.advance(90.0)
    view = group.view()
    assert view.status is Status.DONE and view.reps_done == 3
    assert [group.athlete_status(k) for k in "abc"] == ["completed"] * 3
    assert [r.reps_done for r in view.rows] == [3, 3, 3]


def test_stop_ends_everyone(group: GroupRun, clock: FakeClock) -> None:
    group.start()
    clock.advance(30.0)
    group.stop()
    assert group.records("a")[0].ended_by == "stop"
    assert group.athlete_status("a") == "stopped"


def test_restore_replays_the_inputs(group: GroupRun, clock: FakeClock) -> None:
    group.start()
    clock.advance(90.0)
    group.split("a")
    group.out_for_rep("b")
    saved = [GroupInput.from_dict(e.to_dict()) for e in group.events]
    events = [e for e in saved if e is not None]
    back = GroupRun.restore(group.athletes, events, group.session_time(), clock, paused=False)
    assert back.records("a") == group.records("a")
    assert back.records("b") == group.records("b")


def test_athlete_inputs_in_the_solo_form(group: GroupRun, clock: FakeClock) -> None:
    group.start()
    clock.advance(90.0)
    group.split("a")
    group.split("b")
    assert group.athlete_inputs("a") == [("press", 0.0), ("press", 90.0)]


def test_athletes_must_run_one_workout(clock: FakeClock, make_plan: Callable[[str], Plan]) -> None:
    with pytest.raises(GroupPlanError):
        GroupRun(
            [
                GroupAthlete("Ana", "a", make_plan(WORKOUT.format(pace="4:00/km"))),
                GroupAthlete("Ben", "b", make_plan(TWO_LAPS)),
            ],
            clock,
        )
    with pytest.raises(GroupPlanError):
        plan = make_plan(TWO_LAPS)
        GroupRun([GroupAthlete("Ana", "a", plan), GroupAthlete("Al", "a", plan)], clock)
