"""The timing engine, driven by a fake clock: every rule of 'How a workout runs'."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.conftest import FakeClock
from trackapp.domain.cues import CueKind
from trackapp.domain.engine import Engine, Phase, PressAction, Status
from trackapp.domain.plan import Plan

EIGHT_BY_400 = """
name = "8 x 400"
[[step]]
warmup = "10:00"
[[step]]
repeat = 3
run = "400m"
target = "1:30"
rest = "1:30"
[[step]]
cooldown = "5:00"
"""


@pytest.fixture
def engine(clock: FakeClock, make_plan: Callable[[str], Plan]) -> Engine:
    return Engine(make_plan(EIGHT_BY_400), clock)


def test_ready_until_first_press(engine: Engine, clock: FakeClock) -> None:
    view = engine.view()
    assert view.status is Status.READY and view.phase is Phase.READY
    clock.advance(30)
    assert engine.view().elapsed == 0
    assert engine.press().action is PressAction.START_SESSION
    assert engine.view().phase is Phase.WARMUP


def test_timed_warmup_counts_down_and_ends_by_itself(engine: Engine, clock: FakeClock) -> None:
    engine.press()
    clock.advance(100.25)
    view = engine.view()
    assert view.counting_down and view.remaining == pytest.approx(499.75)
    clock.advance(499.75 + 5)
    view = engine.view()
    # a run after a warm-up waits for a press
    assert view.status is Status.WAITING and view.segment is not None
    assert view.segment.label == "400 m"
    records = engine.records()
    assert records[0].ended_by == "timer" and records[0].time == pytest.approx(600)


def test_press_in_timed_step_is_a_marker(engine: Engine, clock: FakeClock) -> None:
    engine.press()
    clock.advance(60)
    assert engine.press().action is PressAction.MARKER
    assert engine.view().phase is Phase.WARMUP
    assert engine.records()[0].markers == [pytest.approx(60)]


def run_to_first_rep(engine: Engine, clock: FakeClock) -> None:
    engine.press()
    clock.advance(600)
    engine.press()  # start rep 1


def test_rep_press_ends_and_rest_starts_at_same_instant(engine: Engine, clock: FakeClock) -> None:
    run_to_first_rep(engine, clock)
    clock.advance(88.123)
    outcome = engine.press()
    assert outcome.action is PressAction.END and outcome.time == pytest.approx(88.123)
    rec = engine.records()
    assert rec[1].time == pytest.approx(88.123) and rec[1].laps == [pytest.approx(88.123)]
    assert rec[2].kind == "rest" and rec[2].start == pytest.approx(rec[1].start + 88.123)
    view = engine.view()
    assert view.phase is Phase.REST and view.recent[-1].delta == pytest.approx(-1.877)


def test_run_after_timed_rest_auto_starts_with_countdown(engine: Engine, clock: FakeClock) -> None:
    run_to_first_rep(engine, clock)
    clock.advance(90)
    engine.press()
    rest_start = clock.now
    cues = engine.upcoming_cues()
    kinds = [c.kind for c in cues]
    assert kinds == [CueKind.COUNT_3, CueKind.COUNT_2, CueKind.COUNT_1, CueKind.GO]
    assert [c.due - rest_start for c in cues] == pytest.approx([87, 88, 89, 90])
    clock.advance(88.5)
    assert engine.view().countdown == 2
    clock.advance(1.5)
    view = engine.view()
    assert view.phase is Phase.RUN and view.segment is not None and view.segment.rep == 2
    assert view.elapsed == pytest.approx(0)


def test_overtime_and_target_cue(engine: Engine, clock: FakeClock) -> None:
    run_to_first_rep(engine, clock)
    start = clock.now
    cue = engine.upcoming_cues()[0]
    assert cue.kind is CueKind.TARGET_REACHED and cue.due == pytest.approx(start + 90)
    clock.advance(95)
    view = engine.view()
    assert view.overtime == pytest.approx(5) and not view.counting_down


def test_debounce_ignores_a_double_tap(engine: Engine, clock: FakeClock) -> None:
    run_to_first_rep(engine, clock)
    clock.advance(80)
    assert engine.press().action is PressAction.END
    clock.advance(0.3)
    assert engine.press().action is PressAction.IGNORED
    assert engine.last_ignored == clock.now
    assert len(engine.events) == 3


def test_undo_of_step_ending_split_reopens_with_time_intact(
    engine: Engine, clock: FakeClock
) -> None:
    run_to_first_rep(engine, clock)
    clock.advance(60)
    engine.press()  # a mis-press 30 s early
    clock.advance(2)
    assert engine.undo()
    view = engine.view()
    assert view.phase is Phase.RUN and view.elapsed == pytest.approx(62)
    assert len(engine.records()) == 2
    clock.advance(28)
    engine.press()
    assert engine.records()[1].time == pytest.approx(90)


def test_pause_excludes_time_and_shifts_auto_start(engine: Engine, clock: FakeClock) -> None:
    run_to_first_rep(engine, clock)
    clock.advance(90)
    engine.press()
    clock.advance(80)
    engine.pause()
    assert engine.upcoming_cues() == []
    clock.advance(300)
    assert engine.view().phase is Phase.PAUSED
    engine.resume()
    assert engine.view().remaining == pytest.approx(10)
    clock.advance(10)
    assert engine.view().phase is Phase.RUN
    rest = engine.records()[2]
    assert rest.time == pytest.approx(90) and rest.ended_by == "timer"


def test_press_while_paused_resumes(engine: Engine, clock: FakeClock) -> None:
    run_to_first_rep(engine, clock)
    engine.pause()
    clock.advance(5)
    assert engine.press().action is PressAction.RESUME
    assert not engine.paused


def test_an_undo_that_lets_the_session_run_out_while_paused_ends_the_pause(
    clock: FakeClock, make_plan: Callable[[str], Plan]
) -> None:
    # Found by the property test: the rest was skipped (the next run waits at the line),
    # the runner stood there, paused, then took the skip back. The rest and the run after
    # it then ran out by their timers long before the pause: the session is over, and a
    # finished session is not paused, so the press that follows is no "resume".
    engine = Engine(
        make_plan('name = "t"\n[[step]]\nrun = "1:00"\nrepeat = 2\nrest = "1:00"'), clock
    )
    engine.press()
    clock.advance(70)
    assert engine.skip() is not None and engine.view().status is Status.WAITING
    clock.advance(400)
    engine.pause()
    clock.advance(30)
    assert engine.undo()
    assert engine.status is Status.DONE and not engine.paused
    assert [(r.kind, r.time, r.ended_by) for r in engine.records()] == [
        ("run", 60.0, "timer"),
        ("rest", 60.0, "timer"),
        ("run", 60.0, "timer"),
    ]
    assert [(p.at, p.lasted) for p in engine.pause_records()] == [(470.0, 30.0)]
    assert engine.press().action is PressAction.NONE


def test_skip_ends_segment_and_run_waits(engine: Engine, clock: FakeClock) -> None:
    engine.press()
    clock.advance(100)
    skipped = engine.skip()
    assert skipped is not None and skipped.label == "Warm-up"
    assert engine.records()[0].ended_by == "skip"
    assert engine.view().status is Status.WAITING


def test_whole_session_to_done_and_records(engine: Engine, clock: FakeClock) -> None:
    run_to_first_rep(engine, clock)
    for _ in range(3):
        clock.advance(89)
        engine.press()
        clock.advance(90)
    view = engine.view()
    assert view.phase is Phase.COOLDOWN
    clock.advance(300)
    assert engine.view().status is Status.DONE
    kinds = [r.kind for r in engine.records()]
    assert kinds == ["warmup", "run", "rest", "run", "rest", "run", "cooldown"]
    assert all(r.ended_by for r in engine.records())


def test_distance_rep_split_points(clock: FakeClock, make_plan: Callable[[str], Plan]) -> None:
    engine = Engine(make_plan('name = "k"\n[[step]]\nrun = "1000m"\ntarget = "3:00"\n'), clock)
    engine.press()
    clock.advance(37)
    outcome = engine.press()
    assert outcome.action is PressAction.SPLIT and outcome.time == pytest.approx(37)
    view = engine.view()
    assert view.next_split == 600 and view.splits_left == 2
    assert view.lap_deltas[0] == pytest.approx(37 - 36)
    clock.advance(72)
    engine.press()
    clock.advance(71)
    assert engine.press().action is PressAction.END
    rec = engine.records()[0]
    assert rec.laps == pytest.approx([37, 72, 71]) and sum(rec.laps) == pytest.approx(rec.time)
    assert engine.view().status is Status.DONE


def test_every_send_off(clock: FakeClock, make_plan: Callable[[str], Plan]) -> None:
    text = 'name = "e"\n[[step]]\nrepeat = 3\nrun = "400m"\nevery = "2:30"\n'
    engine = Engine(make_plan(text), clock)
    engine.press()
    clock.advance(80)
    engine.press()
    view = engine.view()
    assert view.phase is Phase.REST and view.remaining == pytest.approx(70)
    clock.advance(70)
    view = engine.view()
    assert view.phase is Phase.RUN and view.segment is not None and view.segment.rep == 2
    # a rep slower than the cycle starts the next one at once
    clock.advance(160)
    engine.press()
    view = engine.view()
    assert view.phase is Phase.RUN and view.segment is not None and view.segment.rep == 3


def test_sets_with_set_rest(clock: FakeClock, make_plan: Callable[[str], Plan]) -> None:
    text = (
        'name = "s"\n[[step]]\nrepeat = 2\nsets = 2\nrun = "200m"\nrest = "0:45"\n'
        'set_rest = "3:00"\n'
    )
    engine = Engine(make_plan(text), clock)
    labels = [s.label for s in engine.plan.segments]
    assert labels == ["200 m", "Rest", "200 m", "Set rest", "200 m", "Rest", "200 m"]
    engine.press()
    clock.advance(35)
    engine.press()
    clock.advance(45)
    clock.advance(34)
    engine.press()
    view = engine.view()
    assert view.segment is not None and view.segment.set_rest and view.remaining == 180


def test_ladder_rests_per_gap(clock: FakeClock, make_plan: Callable[[str], Plan]) -> None:
    text = (
        'name = "l"\n[[step]]\nrun = ["200m", "400m", "200m"]\nrest = ["1:00", "2:00"]\n'
        'target = ["0:35", "1:15", "0:34"]\n'
    )
    plan = make_plan(text)
    rests = [s.duration for s in plan.segments if s.label == "Rest"]
    assert rests == [60, 120]
    assert [s.target for s in plan.segments if s.kind == "run"] == [(35, 35), (75, 75), (34, 34)]


def test_pause_across_auto_start_countdown(engine: Engine, clock: FakeClock) -> None:
    run_to_first_rep(engine, clock)
    clock.advance(90)
    engine.press()
    clock.advance(88)  # countdown is on
    engine.pause()
    clock.advance(60)
    engine.resume()
    cues = engine.upcoming_cues()
    assert [c.kind for c in cues] == [CueKind.COUNT_1, CueKind.GO]
    assert cues[-1].due == pytest.approx(clock.now + 2)


def test_restore_replays_inputs_and_comes_back_paused(
    engine: Engine, clock: FakeClock, make_plan: Callable[[str], Plan]
) -> None:
    run_to_first_rep(engine, clock)
    clock.advance(45)
    before = [r.to_dict() for r in engine.records()]
    elapsed = engine.session_time()
    clock.advance(3600)  # the laptop was off for an hour
    again = Engine.restore(engine.plan, engine.events, elapsed, clock)
    assert again.paused
    assert [r.to_dict() for r in again.records()] == before
    again.resume()
    clock.advance(45)
    again.press()
    assert again.records()[1].time == pytest.approx(90)


def test_stop_ends_running_segment(engine: Engine, clock: FakeClock) -> None:
    run_to_first_rep(engine, clock)
    clock.advance(20)
    engine.stop()
    assert engine.view().status is Status.STOPPED
    assert engine.records()[-1].ended_by == "stop"
    assert engine.press().action is PressAction.NONE


def test_press_counts_at_the_key_instant_not_when_handled(engine: Engine, clock: FakeClock) -> None:
    run_to_first_rep(engine, clock)
    key_instant = clock.now + 89.0
    clock.advance(89.3)  # the handler runs 300 ms after the key was read
    engine.view()  # and a refresh already moved the state on
    engine.press(at=key_instant)
    assert engine.records()[1].time == pytest.approx(89.0)


def test_late_handled_press_before_a_timer_end_is_replayed(
    engine: Engine, clock: FakeClock
) -> None:
    engine.press()
    warmup_end = clock.now + 600
    clock.advance(600.05)
    assert engine.view().status is Status.WAITING  # the refresh saw the warm-up end
    engine.press(at=warmup_end - 0.02)  # but the key came just before: a marker
    view = engine.view()
    assert view.status is Status.WAITING
    assert engine.records()[0].markers == [pytest.approx(599.98)]


def test_press_after_the_last_segment_is_nothing(engine: Engine, clock: FakeClock) -> None:
    run_to_first_rep(engine, clock)
    for _ in range(3):
        clock.advance(89)
        engine.press()
        clock.advance(90)
    clock.advance(300)
    assert engine.press().action is PressAction.NONE


JOG_RESTS = """
name = "jog"
[[step]]
warmup = "open"
[[step]]
repeat = 3
run = "200m"
rest = "200m"
[[step]]
rest = "open"
[[step]]
run = "400m"
"""


def test_a_jog_rest_ended_by_a_press_starts_the_next_rep_at_that_press(
    clock: FakeClock, make_plan: Callable[[str], Plan]
) -> None:
    engine = Engine(make_plan(JOG_RESTS), clock)
    engine.press()  # start: the warm-up (open)
    clock.advance(600)
    assert engine.press().action is PressAction.END  # warm-up over
    assert engine.view().status is Status.WAITING  # after a warm-up the rep waits at the line
    clock.advance(5)
    assert engine.press().action is PressAction.START  # rep 1
    clock.advance(35)
    assert engine.press().action is PressAction.END  # rep 1 done: the jog rest begins
    clock.advance(70)
    outcome = engine.press()  # the jog rest ends at the line: rep 2 starts at this press
    assert outcome.action is PressAction.START
    assert outcome.segment is not None and outcome.segment.rep == 2
    view = engine.view()
    assert view.status is Status.RUNNING and view.phase is Phase.RUN and view.elapsed == 0
    clock.advance(34)
    assert engine.press().action is PressAction.END  # one press ends rep 2: none swallowed
    records = engine.records()
    assert [r.kind for r in records] == ["warmup", "run", "rest", "run", "rest"]
    assert records[3].start == pytest.approx(records[2].start + records[2].time)
    assert records[3].time == pytest.approx(34.0)
    clock.advance(70)
    engine.press()  # rep 3 at the line
    clock.advance(33)
    engine.press()  # rep 3 done: the standalone open rest
    clock.advance(120)
    assert engine.press().action is PressAction.START  # an open rest too: the 400 starts
    segment = engine.view().segment
    assert segment is not None and segment.label == "400 m"


def test_stop_counts_at_the_q_press_not_when_the_dialog_is_answered(
    engine: Engine, clock: FakeClock
) -> None:
    run_to_first_rep(engine, clock)
    clock.advance(20)
    q_pressed = clock()
    clock.advance(9)  # the confirm dialog is open for 9 s
    engine.view()  # the screen keeps drawing meanwhile
    engine.stop(q_pressed)
    records = engine.records()
    assert records[-1].kind == "run" and records[-1].ended_by == "stop"
    assert records[-1].time == pytest.approx(20.0)
    assert engine.view().session_elapsed == pytest.approx(600 + 20.0, abs=1.0)


def test_stop_at_the_q_press_undoes_what_ran_out_during_the_dialog(
    engine: Engine, clock: FakeClock
) -> None:
    run_to_first_rep(engine, clock)
    clock.advance(88)
    engine.press()  # rep 1 done in 88: the 1:30 rest begins
    clock.advance(85)
    q_pressed = clock()  # 5 s of rest left
    clock.advance(30)  # the rest ran out during the dialog and rep 2 started by itself
    assert engine.view().phase is Phase.RUN
    engine.stop(q_pressed)
    records = engine.records()
    assert [r.kind for r in records][-2:] == ["run", "rest"]
    assert records[-1].ended_by == "stop" and records[-1].time == pytest.approx(85.0)
