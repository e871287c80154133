"""The coach's run as one application object: each input of the group screen goes through
`GroupSessionRun`, which drives the group engine, saves the files that changed, then
reschedules the cues, plays the input's own sound (the athlete's name and time spoken)
and returns a `GroupUpdate`. On the fake clock, no Textual."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from tests.conftest import FakeClock
from trackapp.domain.cues import Cue, CueKind
from trackapp.domain.engine import Status
from trackapp.domain.group import AthleteState, GroupAthlete
from trackapp.domain.session import SessionRecord
from trackapp.domain.workout_plan import plan_from_text
from trackapp.group_runner import (
    RUNNING_NOTICE,
    GroupSessionRun,
    close_unfinished,
    find_unfinished_group,
)
from trackapp.services import SilentCues
from trackapp.storage.session_files import parse_session
from trackapp.storage.session_store import MemorySessionStore, SessionHandle

REPS = """
name = "2 x 400"
[[step]]
repeat = 2
run = "400m"
target = "{target}"
rest = "1:30"
"""
LONG = """
name = "800"
[[step]]
warmup = "1km"
[[step]]
run = "800m"
"""


class Log:
    """What the run did, in order: `save Ana`, `play split Ana, ...`, `schedule 2`."""

    def __init__(self) -> None:
        self.lines: list[str] = []


class LoggedStore(MemorySessionStore):
    """Logs each save (a new file's first one too: `create` saves through `save`)."""

    def __init__(self, log: Log) -> None:
        super().__init__(Path("/sessions"))
        self.log = log

    def save(self, handle: SessionHandle, record: SessionRecord) -> None:
        self.log.lines.append(f"save {record.athlete}")
        super().save(handle, record)


class LoggedCues(SilentCues):
    def __init__(self, log: Log) -> None:
        super().__init__()
        self.log = log

    def play(self, cue: Cue) -> None:
        self.log.lines.append(f"play {cue.kind} {cue.text}".rstrip())
        super().play(cue)

    def schedule(self, cues: Sequence[Cue]) -> None:
        self.log.lines.append(f"schedule {len(cues)}")
        super().schedule(cues)


def squad(text: str = REPS) -> list[GroupAthlete]:
    return [
        GroupAthlete(name, key, plan_from_text(text.format(target=target), "w"))
        for name, key, target in (("Ana", "a", "1:10"), ("Ben", "b", "1:12"), ("Cy", "c", "1:14"))
    ]


def group_run(clock: FakeClock, text: str = REPS) -> tuple[GroupSessionRun, SilentCues, Log]:
    log = Log()
    audio = LoggedCues(log)
    run = GroupSessionRun(
        squad(text), LoggedStore(log), clock, name="Tuesday", wall=clock.wall, audio=audio
    )
    return run, audio, log


def saved(run: GroupSessionRun, key: str) -> SessionRecord:
    store = run.store
    assert isinstance(store, MemorySessionStore)
    written = store.last_written(run.handles[key])
    assert written is not None
    return parse_session(written)


def test_space_plays_go_at_the_key_and_saves_everyone_before_scheduling(
    clock: FakeClock,
) -> None:
    run, audio, log = group_run(clock)
    key = clock()
    clock.advance(0.03)  # the key went down a moment before this code runs
    update = run.start(key)
    assert log.lines == ["play go", "save Ana", "save Ben", "save Cy", "schedule 0"]
    assert audio.played == [Cue(CueKind.GO, key)]
    assert update.notice is None and update.view.status is Status.RUNNING
    assert update.view.running == 3
    clock.advance(0.3)
    log.lines.clear()
    update = run.start(clock())  # too soon after the last Space: a low tone only
    assert log.lines == ["play ignored"] and update.notice is None
    clock.advance(5.0)
    update = run.start(clock())  # athletes are running: silent, a word why
    assert update.notice == RUNNING_NOTICE
    assert [line for line in log.lines if line.startswith("play")] == ["play ignored"]


def test_an_athletes_key_says_their_name_and_time_and_saves_only_their_file(
    clock: FakeClock,
) -> None:
    run, audio, log = group_run(clock)
    run.start(clock())
    clock.advance(70.0)
    run.tick()  # the heartbeat: every file's elapsed
    log.lines.clear()
    update = run.split("a", clock())
    assert log.lines == ["play split Ana, seventy point zero", "save Ana", "schedule 0"]
    assert update.notice is None
    assert update.view.rows[0].state is AthleteState.FINISHED
    assert saved(run, "a").segments[0].laps == [pytest.approx(70.0)]
    clock.advance(0.2)
    run.split("b", clock())
    assert audio.played[-1].text == "Ben, seventy point two"
    clock.advance(0.2)
    log.lines.clear()
    update = run.split("a", clock())  # Ana's double tap
    assert log.lines == ["play ignored"]  # nothing changed: nothing saved or rescheduled
    assert update.notice == "Ana: press ignored, too soon after the last one"
    update = run.split("c", clock())  # the last one running: the rest begins
    assert update.view.segment is not None and update.view.segment.kind == "rest"
    assert log.lines[-2:] == ["save Cy", "schedule 4"]  # 3-2-1-go before rep 2
    clock.advance(5.0)
    update = run.split("a", clock())  # resting: nothing to split
    assert update.notice == "Ana is not running" and audio.played[-1].kind is CueKind.SPLIT


def test_a_lap_split_says_the_laps_time_and_the_last_rep_ends_the_workout(
    clock: FakeClock,
) -> None:
    run, audio, log = group_run(clock, LONG)
    run.start(clock())  # the 1 km warm-up: Space ends it
    clock.advance(300.0)
    log.lines.clear()
    update = run.start(clock())
    assert log.lines[0] == "play split"  # a step ended: the blip, no words
    assert update.view.status is Status.WAITING
    run.start(clock() + 2.0)
    clock.advance(62.0)
    run.split("a", clock())  # 400 m of 800: the lap
    assert audio.played[-1].text == "Ana, sixty point zero"
    run.out_for_session("b", clock())
    run.out_for_rep("c", clock())
    clock.advance(70.5)
    log.lines.clear()
    update = run.split("a", clock())
    assert update.view.status is Status.DONE
    assert log.lines[:2] == ["play split Ana, two ten point five", "play workout_done"]
    assert "save Ana" in log.lines and log.lines[-1] == "schedule 0"


def test_outs_say_who_and_save_that_athlete(clock: FakeClock) -> None:
    run, _audio, log = group_run(clock)
    run.start(clock())
    clock.advance(30.0)
    run.tick()  # the heartbeat
    log.lines.clear()
    update = run.out_for_rep("c", clock())
    assert update.notice == "Cy out for this rep"
    assert log.lines == ["save Cy", "schedule 0"]
    assert update.view.rows[2].state is AthleteState.OUT_REP
    assert saved(run, "c").segments[0].ended_by == "skip"
    assert run.out_for_rep("c").notice == "Cy is not running"
    update = run.out_for_session("b", clock())
    assert update.notice == "Ben out for the session"
    assert update.view.rows[1].state is AthleteState.OUT
    assert saved(run, "b").status == "stopped"
    assert run.out_for_session("b").notice == "Ben is already out"


def test_undo_says_whose_input_it_took_back(clock: FakeClock) -> None:
    run, _audio, log = group_run(clock)
    assert run.undo().notice == "Nothing to undo"
    run.start(clock())
    assert run.undo().notice == "Nothing to undo"  # never the session's start
    clock.advance(60.0)
    run.split("a", clock())
    clock.advance(1.0)
    run.split("b", clock())
    log.lines.clear()
    update = run.undo(clock())
    assert update.notice == "Taken back: Ben's split"
    assert log.lines == ["save Ben", "schedule 0"]
    assert update.view.rows[1].state is AthleteState.RUNNING
    assert saved(run, "b").segments[0].laps == []
    assert run.undo_for("c").notice == "Nothing of Cy's to undo"
    update = run.undo_for("a", clock())
    assert update.notice == "Taken back: Ana's split"
    assert update.view.rows[0].state is AthleteState.RUNNING
    run.out_for_rep("c", clock())
    assert run.undo().notice == "Taken back: Cy's out for the rep"


def test_pause_empties_the_schedule_and_resume_brings_it_back(clock: FakeClock) -> None:
    run, audio, log = group_run(clock)
    run.start(clock())
    clock.advance(70.0)
    for key in "abc":
        run.split(key, clock())
    assert len(audio.scheduled) == 4  # 3-2-1-go before rep 2
    clock.advance(10.0)
    log.lines.clear()
    update = run.toggle_pause()
    assert update.view.status is Status.PAUSED and audio.scheduled == []
    assert log.lines == ["save Ana", "save Ben", "save Cy", "schedule 0"]
    assert saved(run, "a").paused_at_save
    clock.advance(30.0)
    update = run.toggle_pause()
    assert update.view.status is Status.RUNNING
    assert [c.kind for c in audio.scheduled][-1] is CueKind.GO
    assert audio.scheduled[-1].due == pytest.approx(clock() + 80.0)  # the pause not counted
    assert run.start(clock() + 5).notice is None  # Space cuts the rest short: rep 2


def test_a_press_while_paused_resumes_silently(clock: FakeClock) -> None:
    run, audio, _log = group_run(clock)
    run.start(clock())
    run.toggle_pause(clock() + 5.0)
    clock.advance(20.0)
    update = run.start(clock())
    assert update.view.status is Status.RUNNING and audio.played[-1].kind is CueKind.GO
    assert len(audio.played) == 1


def test_a_tick_saves_when_the_rest_runs_out_then_reschedules(clock: FakeClock) -> None:
    run, audio, log = group_run(clock)
    run.start(clock())
    clock.advance(70.0)
    for key in "abc":
        run.split(key, clock())
    clock.advance(90.5)  # the rest ran out: rep 2 started by itself
    log.lines.clear()
    update = run.tick()
    assert log.lines == ["save Ana", "save Ben", "save Cy", "schedule 0"]
    assert update.view.running == 3
    assert run.tick().view.running == 3 and log.lines[-1] == "schedule 0"
    assert len(log.lines) == 4  # nothing changed: nothing written, nothing rescheduled
    assert audio.played[-1].kind is CueKind.SPLIT  # the rep's start was scheduled, not played


def test_skip_mute_and_stop(clock: FakeClock) -> None:
    run, audio, log = group_run(clock)
    assert run.skip().notice is None  # nothing to skip before the start
    run.start(clock())
    clock.advance(10.0)
    update = run.skip()
    assert update.notice == "Skipped 400 m"  # the screen adds its undo key
    assert update.view.segment is not None and update.view.segment.kind == "rest"
    assert run.toggle_mute().notice == "Sound muted" and audio.muted
    assert run.toggle_mute().notice == "Sound on" and not audio.muted
    pressed = clock()
    clock.advance(6.0)  # the dialog
    log.lines.clear()
    update = run.stop(pressed)
    assert update.view.status is Status.STOPPED
    assert log.lines == ["save Ana", "save Ben", "save Cy", "schedule 0", "schedule 0"]
    assert not run.unsaved
    for key in "abc":
        record = saved(run, key)
        assert record.status == "stopped" and record.elapsed == pytest.approx(10.0)


def test_a_resumed_group_keeps_the_runs_sound_and_a_closed_one_is_stopped(
    clock: FakeClock,
) -> None:
    run, audio, _log = group_run(clock)
    run.start(clock())
    clock.advance(40.0)
    run.split("a", clock())
    store = run.store
    for handle in run.handles.values():
        store.release(handle)  # the program died
    fresh = GroupSessionRun(squad(), store, clock, wall=clock.wall, audio=audio)
    found = find_unfinished_group(store, "2 x 400", ["a", "b", "c"])
    assert found is not None
    back = fresh.resumed_from(found, "paused")
    assert back.audio is audio and back.name == "group"
    assert back.tick().view.status is Status.PAUSED
    for handle in back.handles.values():
        store.release(handle)
    assert close_unfinished(store, found) == []
    assert find_unfinished_group(store, "2 x 400", ["a", "b", "c"]) is None
