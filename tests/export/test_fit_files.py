"""FIT activity files, read back with Garmin's official decoder: no errors, CRC and
integrity good, one lap per segment with the session's times and distances to the
millisecond and the centimetre; over sessions the engine makes of any inputs (pauses,
skips, stops, ladders, sets) and around the pauses a `[[gap]]` places."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from tests.conftest import FakeClock
from tests.export.fit_decode import CM, MS, check_against, decode, whole_second
from trackapp.domain.session import GapRecord, SegmentRecord, SessionRecord
from trackapp.domain.workout_plan import plan_from_text
from trackapp.export.fit_activity import FitExportError, fit_activity, placed_pauses
from trackapp.export.fit_file import fit_text, serial_for, session_fit
from trackapp.runner import SessionRun
from trackapp.storage.session_store import MemorySessionStore

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


# --- any session the engine makes -------------------------------------------------------

inputs = st.lists(
    st.tuples(
        st.sampled_from(["press", "press", "press", "press", "skip", "undo", "pause", "wait"]),
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
    for action, wait in steps:
        clock.advance(wait)
        if action == "press":
            run.press(clock())
        elif action == "skip":
            run.skip(clock())
        elif action == "undo":
            run.undo(clock())
        elif action == "pause":
            run.toggle_pause(clock())
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
        clock.advance(gap[1])
        run.toggle_pause(clock())  # the press that resumes
        clock.advance(30.0)
        run.press(clock())
    if stop == "finish":  # run the rest of the workout, a press every `lap` seconds
        for _ in range(500):
            if run.engine.over:
                break
            if run.engine.paused:
                run.toggle_pause(clock())
            clock.advance(lap)
            run.press(clock())
        assert run.engine.over
    if stop == "stop":
        run.stop(clock())
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
    pauses, _ = placed_pauses(record)
    for fit_lap, s in zip(decoded.all("lap"), record.segments, strict=True):
        inside = sum(p.seconds for p in pauses if s.start <= p.at < s.start + s.time)
        assert fit_lap["total_elapsed_time"] == pytest.approx(s.time + inside, abs=2 * MS)
        if s.distance is not None and s.ended_by == "press":
            assert fit_lap["total_distance"] == pytest.approx(s.distance, abs=CM)
