"""`trackapp reps` and `trackapp log --weeks` over generated three-year histories, checked
against what was generated; the index carries what they need (no session file is read)."""

from __future__ import annotations

import json
import statistics
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.review.years_builders import MILE, TODAY, History, generate
from trackapp.cli import main
from trackapp.commands import log as log_command
from trackapp.commands import reps as reps_command
from trackapp.domain import format as fmt
from trackapp.storage import session_index
from trackapp.storage.session_files import session_filename, write_session


@pytest.fixture
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reps_command, "today", lambda: TODAY)
    monkeypatch.setattr(log_command, "today", lambda: TODAY)


@pytest.fixture(scope="module")
def shared_history(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, History]:
    """One data dir with the three years' sessions and their index, for every test here
    that only reads it (each one had its own copy, its own cold index build: 0.06 s)."""
    data = tmp_path_factory.mktemp("years-cli") / "data"
    history = generate(data / "sessions")
    session_index.list_sessions(data / "sessions")  # the index, as `reps` or `log` builds it
    return data, history


def listing(folder: Path) -> dict[str, tuple[int, int]]:
    return {
        str(path.relative_to(folder)): (path.stat().st_size, path.stat().st_mtime_ns)
        for path in sorted(folder.rglob("*"))
    }


@pytest.fixture
def history(
    shared_history: tuple[Path, History], fixed_today: None, monkeypatch: pytest.MonkeyPatch
) -> Iterator[History]:
    """The shared history's data dir as TRACKAPP_DATA_DIR, for a test that reads it; after
    the test, the check that nothing in it changed (a test that writes takes `own_history`)."""
    data, shared = shared_history
    monkeypatch.setenv("TRACKAPP_DATA_DIR", str(data))
    before = listing(data)
    yield History(records=list(shared.records), paths=list(shared.paths))
    assert listing(data) == before, "the shared history changed: use own_history"


@pytest.fixture
def own_history(sessions: Path, fixed_today: None) -> History:
    """The history copied into this test's own data dir, with no index yet."""
    return generate(sessions)


def reps_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, object]:
    assert main(["reps", *args, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert isinstance(data, dict)
    return data


def sessions_of(data: dict[str, object]) -> list[dict[str, object]]:
    sessions = data["sessions"]
    assert isinstance(sessions, list)
    return sessions


@pytest.mark.parametrize(
    ("arg", "metres"), [("400m", 400.0), ("mile", MILE), ("1600m", 1600.0), ("800m", 800.0)]
)
def test_every_rep_of_a_distance_across_workouts(
    history: History, capsys: pytest.CaptureFixture[str], arg: str, metres: float
) -> None:
    expected = history.times_at(metres)
    got = sessions_of(reps_json(capsys, arg))
    assert [s["times"] for s in got] == expected
    assert [s["best"] for s in got] == [min(t) for t in expected]
    assert [s["median"] for s in got] == [statistics.median(t) for t in expected]


def test_a_mile_and_a_1600_are_not_the_same(
    history: History, capsys: pytest.CaptureFixture[str]
) -> None:
    miles = {s["workout"] for s in sessions_of(reps_json(capsys, "mile"))}
    sixteens = {s["workout"] for s in sessions_of(reps_json(capsys, "1600m"))}
    assert miles == {"Mile repeats"} and sixteens == {"4 x 1600"}


def test_400s_come_from_every_workout_that_runs_them(
    history: History, capsys: pytest.CaptureFixture[str]
) -> None:
    data = reps_json(capsys, "400m")
    assert {s["workout"] for s in sessions_of(data)} == {"8 x 400", "Ladder 200-400-800-400-200"}
    assert data["kind"] == {"distance": 400.0, "duration": None, "label": "400 m"}


def test_timed_reps_group_by_duration(history: History, capsys: pytest.CaptureFixture[str]) -> None:
    got = sessions_of(reps_json(capsys, "1:00"))
    assert got and {s["workout"] for s in got} == {"10 x 1:00"}
    assert all(s["reps"] == 10 and s["best"] == 60.0 for s in got)
    assert main(["reps", "2:00"]) == 1
    assert "no 2 min reps" in capsys.readouterr().err


def test_best_of_each_year(history: History, capsys: pytest.CaptureFixture[str]) -> None:
    got = sessions_of(reps_json(capsys, "400m"))
    by_year: dict[str, float] = {}
    for s in got:
        year = str(s["started"])[:4]
        best = s["best"]
        assert isinstance(best, float)
        by_year[year] = min(by_year.get(year, best), best)
    marked = {str(s["started"])[:4]: s["best"] for s in got if s["best_of_year"]}
    assert marked == by_year and len(marked) == 4  # 2023 (its last weeks) to 2026


def test_since_and_workout(history: History, capsys: pytest.CaptureFixture[str]) -> None:
    since = sessions_of(reps_json(capsys, "400m", "--since", "2026-03"))
    assert since and all(str(s["started"]) >= "2026-03-01" for s in since)
    ladder = sessions_of(reps_json(capsys, "400m", "--workout", "ladder"))
    assert [s["times"] for s in ladder] == history.times_at(400.0, "ladder")


def test_this_year_against_last(history: History, capsys: pytest.CaptureFixture[str]) -> None:
    versus = reps_json(capsys, "400m")["this_year_against_last"]
    assert isinstance(versus, dict)
    this, last = versus["this_year"], versus["last_year"]
    assert this["from"] == "2026-10-29" and this["to"] == "2026-11-26"
    assert last["from"] == "2025-10-29" and last["to"] == "2025-12-24"

    def window(first: date, end: date) -> list[float]:
        return [
            s.time
            for r in history.records
            if first <= r.started.date() <= end
            for s in r.segments
            if s.distance == 400.0 and s.ended_by == "press"
        ]

    expected_this = window(date(2026, 10, 29), TODAY)
    expected_last = window(date(2025, 10, 29), date(2025, 12, 24))
    assert this["reps"] == len(expected_this) and last["reps"] == len(expected_last)
    assert this["median"] == statistics.median(expected_this)
    assert last["median"] == statistics.median(expected_last)
    assert main(["reps", "400m"]) == 0
    text = capsys.readouterr().out
    diff = fmt.shown_delta(statistics.median(expected_this), statistics.median(expected_last))
    assert text.rstrip().endswith(f": {diff}")
    assert "This year vs last, 4 weeks either side of 26 Nov: 2026 median" in text


def test_the_text_lists_sessions_newest_first(
    history: History, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["reps", "mile"]) == 0
    out = capsys.readouterr().out.splitlines()
    expected = history.times_at(MILE)
    assert out[0].startswith(f"1 mi: {len(expected)} sessions, ")
    first = out[1]
    assert first.startswith("2026-") and "Mile repeats" in first
    assert f"best {fmt.time(min(expected[-1]))}" in first
    assert any("★" in line for line in out[1 : len(expected) + 1])
    assert out[len(expected) + 2].startswith("Best of each year: 2023 ")


def test_the_index_carries_what_reps_need(
    own_history: History, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    first = reps_json(capsys, "400m")  # no index yet: every file read

    def no_reading(*args: object, **kwargs: object) -> None:
        raise AssertionError("a session file was read")

    monkeypatch.setattr(session_index, "read_session", no_reading)
    assert reps_json(capsys, "400m") == first


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["fast"], "a rep is a distance (400m, 1600m, mile, 1k) or a duration"),
        (["400"], "bare number"),
        (["400m", "--since", "March"], "--since takes a date like 2026-11-27"),
        (["400m", "--since", "2026-02-30"], "is not a date"),
    ],
)
def test_bad_arguments_are_a_message(
    sessions: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    assert main(["reps", *args]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_no_sessions(sessions: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["reps", "400m", "--workout", "nothing"]) == 1
    assert "no 400 m reps of a workout matching 'nothing'" in capsys.readouterr().err
    assert main(["reps", "400m", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["sessions"] == []


def test_log_weeks(history: History, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["log", "--weeks"]) == 0
    out = capsys.readouterr().out.splitlines()
    days = set(history.days())
    mondays = [TODAY - timedelta(days=TODAY.weekday(), weeks=51 - i) for i in range(52)]
    marked = [any(m <= d < m + timedelta(weeks=1) for d in days) for m in mondays]
    cells = " ".join(" ".join(line.split("  ")[-1].split()) for line in out[1:5]).split()
    assert cells == ["■" if m else "·" for m in marked]
    streak = 0
    for m in reversed(marked if marked[-1] else marked[:-1]):
        if not m:
            break
        streak += 1
    assert out[0] == (
        "Last 52 weeks to 2026-11-26, Monday first (■ a session with a rep done, · none):"
    )
    assert out[-1].startswith(f"{sum(marked)} of 52 weeks with a session; streak {streak} week")
    assert "missed in 2026 (of 47)" in out[-1]


def test_log_weeks_of_a_workout(history: History, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["log", "--weeks", "--workout", "mile"]) == 0
    assert capsys.readouterr().out.count("■") < 52
    assert main(["log", "--weeks", "--workout", "nothing"]) == 1


def test_one_runners_reps_at_a_time(
    own_history: History, sessions: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    own = len(sessions_of(reps_json(capsys, "400m")))
    last_400s = next(r for r in reversed(own_history.records) if r.workout == "8 x 400")
    ana = replace(last_400s, athlete="Ana", group="2026-11-26T18-00-00_squad")
    ana = replace(ana, started=ana.started.replace(hour=7))
    write_session(sessions / session_filename(ana.started, f"{ana.workout} Ana"), ana)
    assert len(sessions_of(reps_json(capsys, "400m"))) == own  # the runner's own only
    assert len(sessions_of(reps_json(capsys, "400m", "--athlete", "ana"))) == 1
    assert main(["reps", "400m", "--athlete", "Ben"]) == 1
    assert "no 400 m reps of athlete 'Ben'" in capsys.readouterr().err
