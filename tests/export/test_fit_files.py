"""FIT activity files, read back with Garmin's official decoder: no errors, CRC and
integrity good, one lap per segment with the session's times and distances to the
millisecond and the centimetre; over sessions the engine makes of any inputs (pauses,
skips, stops, ladders, sets) and around the pauses the file keeps (`[[pause]]`) or,
in a file from before those were kept, a `[[gap]]` places."""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from tests.conftest import WALL_ZERO, FakeClock
from tests.export.fit_decode import CM, MS, check_against, decode, whole_second
from trackapp.domain.session import GapRecord, PauseRecord, SegmentRecord, SessionRecord
from trackapp.domain.workout_plan import plan_from_text
from trackapp.export.fit_activity import (
    ON_THE_LINE,
    FitExportError,
    fit_activity,
    placed_pauses,
)
from trackapp.export.fit_file import fit_text, serial_for, session_fit
from trackapp.runner import SessionRun
from trackapp.storage.session_store import MemorySessionStore

WITHIN = MS + 1e-6  # a millisecond, and the float arithmetic's own error
EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "workouts").glob("*.toml"))
PLANS = {p.name: plan_from_text(p.read_text(encoding="utf-8"), p.name) for p in EXAMPLES}
STARTED = datetime(2026, 11, 27, 18, 5, 3, 120000, tzinfo=UTC)
MILE = """name = "2 x mile"
[[step]]
warmup = "10:00"
[[step]]
run = "1609m"
repeat = 2
rest = "2:00"
[[step]]
cooldown = "5:00"
"""


def seg(
    kind: Any,  # a segment kind; Any keeps this helper's calls short
    start: float,
    time: float,
    *,
    rep: int = 1,
    laps: list[float] | None = None,
    distance: float | None = None,
    ended_by: Any = "press",
    step: int = 2,
) -> SegmentRecord:
    return SegmentRecord(
        kind=kind,
        step=step,
        set=1,
        rep=rep,
        label=kind,
        start=start,
        time=time,
        laps=laps if laps is not None else ([time] if ended_by == "press" else []),
        ended_by=ended_by,
        distance=distance,
    )


def mile_session(**changes: object) -> SessionRecord:
    """2 x mile: warm-up 600 s, a mile split 409/809/1209/1609, a rest, a mile stopped
    after its second split (paused 20 s somewhere), a cool-down never reached."""
    segments = [
        seg("warmup", 0.0, 600.0, step=1, ended_by="timer", laps=[]),
        seg("run", 600.0, 330.123, laps=[84.5, 82.3, 81.9, 81.423], distance=1609.0),
        seg("rest", 930.123, 120.0, ended_by="timer", laps=[]),
        seg("run", 1050.123, 200.5, rep=2, laps=[85.0, 83.0], distance=1609.0, ended_by="stop"),
    ]
    record = SessionRecord(
        workout="2 x mile",
        source="w.toml",
        workout_toml=MILE,
        started=STARTED,
        status="stopped",
        ended=STARTED + timedelta(seconds=1250.623 + 20),
        segments=segments,
        elapsed=1250.623,
        paused=20.0,
    )
    for key, value in changes.items():
        setattr(record, key, value)
    return record


def test_a_session_decodes_with_every_lap_to_the_millisecond_and_centimetre() -> None:
    record = mile_session()
    decoded = decode(session_fit(record))
    check_against(decoded, record)
    laps = decoded.all("lap")
    assert [lap.get("total_distance") for lap in laps] == [None, 1609.0, None, 809.0]
    assert [lap["lap_trigger"] for lap in laps] == ["time", "manual", "time", "session_end"]
    assert [lap["intensity"] for lap in laps] == ["warmup", "active", "rest", "active"]
    assert laps[1]["total_timer_time"] == pytest.approx(330.123, abs=MS)
    assert laps[1]["avg_speed"] == pytest.approx(1609 / 330.123, abs=MS)
    # the p-pause is nowhere in the file but the total: after the last lap
    assert decoded.one("session")["total_elapsed_time"] == pytest.approx(1270.623, abs=MS)
    for lap, s in zip(laps, record.segments, strict=True):
        assert lap["start_time"] == whole_second(STARTED + timedelta(seconds=s.start))


def test_the_splits_inside_a_rep_are_records_with_cumulative_distance() -> None:
    decoded = decode(session_fit(mile_session()))
    records = decoded.all("record")
    at: dict[float, datetime] = {}
    for r in records:  # the first record at each distance: a rest adds no metres
        at.setdefault(round(r["distance"], 2), r["timestamp"])
    # the first mile's splits from the session's start: 409, 809, 1209, 1609 m
    for distance, seconds in [(409, 684.5), (809, 766.8), (1209, 848.7), (1609, 930.123)]:
        assert at[distance] == whole_second(STARTED + timedelta(seconds=seconds))
    # the stopped mile reached its 809 m split: 1609 + 409, 1609 + 809
    assert at[2018.0] == whole_second(STARTED + timedelta(seconds=1050.123 + 85.0))
    assert at[2418.0] == whole_second(STARTED + timedelta(seconds=1050.123 + 168.0))
    speeds = [r["speed"] for r in records if "speed" in r]
    assert speeds[1] == pytest.approx(400 / 82.3, abs=MS)


def test_a_gap_counted_as_paused_is_a_stop_start_pair_inside_its_lap() -> None:
    # the program died 100 s into the rest (session time 1030.123) and came back 300 s
    # later; the runner pressed to resume 15 s after that: 315 s paused there, 5 s elsewhere
    after = 1030.123
    gap = GapRecord(after, STARTED + timedelta(seconds=after + 300), "paused")
    record = mile_session(gaps=[gap], paused=320.0)
    pauses, unplaced = placed_pauses(record)
    assert [(p.at, round(p.seconds, 3)) for p in pauses] == [(after, 300.0)]
    assert unplaced == pytest.approx(20.0)
    decoded = decode(session_fit(record))
    check_against(decoded, record)
    rest, last = decoded.all("lap")[2:]
    assert rest["total_timer_time"] == pytest.approx(120.0, abs=MS)
    assert rest["total_elapsed_time"] == pytest.approx(420.0, abs=MS)
    assert last["start_time"] == whole_second(STARTED + timedelta(seconds=1050.123 + 300))
    events = [(e["event_type"], e["timestamp"]) for e in decoded.all("event")]
    assert ("stop_all", whole_second(STARTED + timedelta(seconds=after))) in events
    assert ("start", whole_second(STARTED + timedelta(seconds=after + 300))) in events


def test_a_gap_counted_running_changes_no_instant() -> None:
    gap = GapRecord(1000.0, STARTED + timedelta(seconds=1100), "running")
    record = mile_session(gaps=[gap])
    assert placed_pauses(record) == ([], 20.0)
    check_against(decode(session_fit(record)), record)


def test_an_in_progress_session_exports_what_was_run() -> None:
    record = mile_session(status="in_progress", ended=None)
    record.segments[-1].ended_by = None
    decoded = decode(session_fit(record))
    check_against(decoded, record)
    assert decoded.all("lap")[-1]["lap_trigger"] == "session_end"


def test_file_id_names_the_session_and_the_app() -> None:
    record = mile_session()
    file_id = decode(session_fit(record)).one("file_id")
    assert file_id["product"] == 0 and file_id["product_name"] == "trackapp"
    assert file_id["serial_number"] == serial_for(record)
    assert file_id["time_created"] == whole_second(STARTED)
    # the same session twice is the same file: a tool's duplicate check sees it
    assert session_fit(record) == session_fit(mile_session())


def test_a_session_without_a_segment_or_out_of_fits_range_is_refused() -> None:
    with pytest.raises(FitExportError, match="nothing was run"):
        fit_activity(mile_session(segments=[]))
    with pytest.raises(FitExportError, match="1998 to 2125"):
        session_fit(mile_session(started=datetime(1990, 1, 1, tzinfo=UTC)))
    with pytest.raises(FitExportError, match="days"):
        session_fit(mile_session(paused=60 * 86400.0))


def test_a_name_with_controls_or_too_long_is_a_clean_fit_string() -> None:
    assert fit_text("8 x 400\x00\x1b[31m") == "8 x 400[31m"
    long = fit_text("é" * 100)
    assert len(long.encode()) <= 64 and set(long) == {"é"}
    record = mile_session(workout="\x00" + "ü" * 300)
    assert decode(session_fit(record)).one("session")["sport_profile_name"] == "ü" * 32


# --- the pauses the file keeps ----------------------------------------------------------


def at_wall(seconds: float) -> datetime:
    return STARTED + timedelta(seconds=seconds)


def timer_events(decoded: Any) -> list[tuple[str, datetime]]:
    return [(e["event_type"], e["timestamp"]) for e in decoded.all("event")]


def test_pauses_before_and_inside_laps_place_every_lap_exactly() -> None:
    # 20 s paused in the warm-up, 15 s in the second mile, 5 s after the stop
    pauses = [PauseRecord(300.25, 20.0), PauseRecord(1100.0, 15.0), PauseRecord(1250.623, 5.0)]
    record = mile_session(pauses=pauses, paused=40.0)
    activity = fit_activity(record)
    want = [  # (start, elapsed) of each lap in seconds from the session's start
        (0.0, 620.0),
        (620.0, 330.123),
        (950.123, 120.0),
        (1070.123, 215.5),
    ]
    for lap, s, (start, elapsed) in zip(activity.laps, record.segments, want, strict=True):
        assert abs((lap.start - at_wall(start)).total_seconds()) < 1e-6
        assert lap.elapsed == pytest.approx(elapsed, abs=1e-6)
        assert lap.timer == s.time
    assert activity.elapsed == pytest.approx(1250.623 + 40.0, abs=1e-6)
    decoded = decode(session_fit(record))
    check_against(decoded, record)
    for fit_lap, lap in zip(decoded.all("lap"), activity.laps, strict=True):
        assert fit_lap["start_time"] == whole_second(lap.start)
        assert fit_lap["total_elapsed_time"] == pytest.approx(lap.elapsed, abs=MS)
    # a stop/start pair for each pause inside the session; the one after the stop is
    # after the timer's last stop
    assert timer_events(decoded) == [
        ("start", whole_second(at_wall(0))),
        ("stop_all", whole_second(at_wall(300.25))),
        ("start", whole_second(at_wall(320.25))),
        ("stop_all", whole_second(at_wall(1120.0))),
        ("start", whole_second(at_wall(1135.0))),
        ("stop_all", whole_second(at_wall(1285.623))),
    ]


def test_pauses_at_one_instant_follow_one_another() -> None:
    pauses = [PauseRecord(700.0, 3.0), PauseRecord(700.0, 4.0), PauseRecord(700.0, 5.0)]
    record = mile_session(pauses=pauses, paused=32.0)  # 20 s more, placed nowhere
    activity = fit_activity(record)
    assert activity.laps[1].elapsed == pytest.approx(330.123 + 12.0, abs=1e-6)
    assert activity.laps[2].start == at_wall(930.123 + 12.0)
    stops = [(e.kind, e.at) for e in activity.events[1:-1]]
    assert stops == [("stop_all", at_wall(700.0)), ("start", at_wall(712.0))]
    assert activity.end == at_wall(1250.623 + 32.0)
    check_against(decode(session_fit(record)), record)


def test_a_pause_at_the_line_between_segments_is_one_stop_with_the_wait() -> None:
    # the warm-up ended at 600 s; the runner paused at 605 for 30 s, pressed at 610 s
    segments = mile_session().segments
    segments[1:] = [seg("run", 610.0, 330.0, laps=[330.0], distance=1609.0)]
    record = mile_session(segments=segments, pauses=[PauseRecord(605.0, 30.0)], paused=30.0)
    activity = fit_activity(record)
    assert activity.laps[1].start == at_wall(640.0)
    assert activity.laps[0].elapsed == pytest.approx(600.0)
    stops = [(e.kind, e.at) for e in activity.events[1:-1]]
    assert stops == [("stop_all", at_wall(600.0)), ("start", at_wall(640.0))]
    check_against(decode(session_fit(record)), record)


def test_a_gap_the_file_keeps_as_a_pause_is_placed_once() -> None:
    # the program died at 1030.123 s, in the rest; back 300 s later, the runner pressed
    # 15 s after that: one pause of 315 s, with an earlier `p` of 5 s in the warm-up
    after = 1030.123
    gap = GapRecord(after, STARTED + timedelta(seconds=after + 5 + 300), "paused")
    pauses = [PauseRecord(100.0, 5.0), PauseRecord(after, 315.0)]
    record = mile_session(gaps=[gap], pauses=pauses, paused=320.0)
    placed, unplaced = placed_pauses(record)
    assert [(p.at, p.seconds) for p in placed] == [(100.0, 5.0), (after, 315.0)]
    assert unplaced == 0.0
    activity = fit_activity(record)
    assert activity.laps[2].elapsed == pytest.approx(120.0 + 315.0, abs=1e-6)
    assert activity.laps[3].start == at_wall(1050.123 + 320.0)
    check_against(decode(session_fit(record)), record)


def test_a_gap_from_before_pauses_were_kept_is_placed_from_its_resume() -> None:
    # started by an older trackapp (its `p` pauses unknown: 10 s), died at 500 s, resumed
    # paused after 60 s by this one, which kept the pause after that
    gap = GapRecord(500.0, STARTED + timedelta(seconds=500 + 10 + 60), "paused")
    record = mile_session(gaps=[gap], pauses=[PauseRecord(1100.0, 20.0)], paused=90.0)
    placed, unplaced = placed_pauses(record)
    assert [(p.at, round(p.seconds, 6)) for p in placed] == [(500.0, 70.0), (1100.0, 20.0)]
    assert unplaced == 0.0
    check_against(decode(session_fit(record)), record)


def test_a_file_without_pauses_keeps_the_paused_time_after_the_last_lap() -> None:
    record = mile_session()  # 20 s paused, placed nowhere
    assert placed_pauses(record) == ([], 20.0)
    activity = fit_activity(record)
    for lap, s in zip(activity.laps, record.segments, strict=True):
        assert lap.start == at_wall(s.start) and lap.elapsed == pytest.approx(s.time)
    assert activity.end == at_wall(1250.623 + 20.0)


# --- any session the engine makes -------------------------------------------------------

inputs = st.lists(
    st.tuples(
        st.sampled_from(
            ["press", "press", "press", "press", "skip", "undo", "pause", "pause", "wait"]
        ),
        st.floats(min_value=0.0, max_value=300.0, allow_nan=False),
    ),
    min_size=1,
    max_size=50,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    plan_name=st.sampled_from(sorted(PLANS)),
    steps=inputs,
    stop=st.sampled_from(["stop", "finish", "leave"]),
    lap=st.floats(min_value=50.0, max_value=200.0),
    gap=st.none() | st.tuples(st.floats(1.0, 5000.0), st.floats(0.0, 600.0)),
)
def test_any_session_decodes_to_its_laps(
    plan_name: str,
    steps: list[tuple[str, float]],
    stop: str,
    lap: float,
    gap: tuple[float, float] | None,
) -> None:
    clock = FakeClock()
    plan = PLANS[plan_name]
    store = MemorySessionStore()
    run = SessionRun(plan, store, clock, wall=clock.wall)
    run.press(clock())
    # the truth the laps are held to, kept beside the engine: each stretch the session
    # clock ran, as (where the pause before it was in the file's session time, ms; the
    # clock instant it began; the engine's session time then)
    running = [(-math.inf, clock(), 0.0)]
    pause_at = 0.0

    def doing(action: Callable[[float], object]) -> None:
        nonlocal pause_at
        was = run.engine.paused
        action(clock())
        if run.engine.paused and not was:
            pause_at = round(run.engine.session_time(clock()), 3)
        elif was and not run.engine.paused and not run.engine.over:
            running.append((pause_at, clock(), run.engine.session_time(clock())))

    for action, wait in steps:
        clock.advance(wait)
        if action == "press":
            doing(run.press)
        elif action == "skip":
            doing(run.skip)
        elif action == "undo":
            doing(run.undo)
        elif action == "pause":
            doing(run.toggle_pause)
        else:
            run.tick()
    if gap is not None and run.record is not None and run.record.status == "in_progress":
        run.save(force=True)  # then the program dies: its window lets the file go
        assert run.handle is not None
        store.release(run.handle)
        saved = SessionRecord.from_dict(run.record.to_dict())
        path = run.path
        assert path is not None
        clock.advance(gap[0])
        run = SessionRun.resume(plan, store, clock, path, saved, counted="paused", wall=clock.wall)
        pause_at = round(run.engine.session_time(clock()), 3)  # it comes back paused
        clock.advance(gap[1])
        doing(run.toggle_pause)  # the press that resumes
        clock.advance(30.0)
        doing(run.press)
    if stop == "finish":  # run the rest of the workout, a press every `lap` seconds
        for _ in range(500):
            if run.engine.over:
                break
            if run.engine.paused:
                doing(run.toggle_pause)
            clock.advance(lap)
            doing(run.press)
        assert run.engine.over
    if stop == "stop":
        doing(run.stop)
    else:
        run.save(force=True)
    assert run.record is not None
    record = SessionRecord.from_dict(run.record.to_dict())  # as the file holds it
    if not record.segments:
        with pytest.raises(FitExportError):
            session_fit(record)
        return
    event(f"status {record.status}; gap {bool(record.gaps)}; paused {record.paused > 0}")
    decoded = decode(session_fit(record))
    check_against(decoded, record)
    # a lap's elapsed time is its timer time plus the pauses placed inside it
    pauses, unplaced = placed_pauses(record)
    assert unplaced == pytest.approx(0.0, abs=MS)  # this trackapp places every pause
    activity = fit_activity(record)

    def clock_at(t: float) -> float:
        """The clock instant the session time reached `t`; a pause that begins at `t`
        comes after it, and to the file's millisecond, so does one a millisecond before"""
        _, began, t0 = [r for r in running if r[0] < t - ON_THE_LINE][-1]
        return began + (t - t0)

    for fit_lap, ours, s in zip(decoded.all("lap"), activity.laps, record.segments, strict=True):
        begins, ends = s.start - ON_THE_LINE, s.start + s.time - ON_THE_LINE
        inside = sum(p.seconds for p in pauses if begins <= p.at < ends)
        assert fit_lap["total_elapsed_time"] == pytest.approx(s.time + inside, abs=2 * MS)
        if s.distance is not None and s.ended_by == "press":
            assert fit_lap["total_distance"] == pytest.approx(s.distance, abs=CM)
        # against the clock: each lap's start, elapsed and timer time to the millisecond
        begin, end = clock_at(s.start), clock_at(s.start + s.time)
        assert abs((ours.start - (WALL_ZERO + timedelta(seconds=begin))).total_seconds()) <= WITHIN
        assert ours.elapsed == pytest.approx(end - begin, abs=WITHIN)
        assert ours.timer == s.time
        assert fit_lap["start_time"] == whole_second(ours.start)
        assert fit_lap["total_elapsed_time"] == pytest.approx(ours.elapsed, abs=MS)
        assert fit_lap["total_timer_time"] == pytest.approx(ours.timer, abs=MS)
