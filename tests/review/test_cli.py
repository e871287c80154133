"""`trackapp log`, `show` and `export`: plain text, messages on stderr, never a traceback."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.review.review_builders import at, save, session
from trackapp.cli import main
from trackapp.storage.session_files import read_session, write_session

Capture = pytest.CaptureFixture[str]


def fill(sessions: Path) -> tuple[Path, Path]:
    a = save(sessions, session([90.0, 92.0], started=at(2), notes="windy\nback straight", effort=7))
    b = save(sessions, session([88.0, 30.0, 89.0], started=at(9), skip=[2], workout="Mile"))
    (sessions / "2026-01-01T10-00-00_broken.toml").write_bytes(b"format = 1\nworkout = [")
    return a, b


def test_log_one_line_per_session_newest_first(sessions: Path, capsys: Capture) -> None:
    fill(sessions)
    assert main(["log"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 3
    assert out[0].startswith("2026-03-09 18:00  Mile")
    assert "2/3 reps" in out[0] and "avg 1:28.5 vs 1:30.0 (-1.5)" in out[0]
    assert "6 x 400" in out[1] and "effort 7/10" in out[1] and "windy back straight" in out[1]
    assert "completed" in out[1]
    assert "UNREADABLE" in out[2] and "not valid TOML" in out[2]


def test_log_filter_by_workout(sessions: Path, capsys: Capture) -> None:
    fill(sessions)
    assert main(["log", "--workout", "mile"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 1 and "Mile" in out[0]
    assert main(["log", "--workout", "nothing like it"]) == 1
    assert "no sessions" in capsys.readouterr().err


def test_log_empty(sessions: Path, capsys: Capture) -> None:
    assert main(["log"]) == 0
    captured = capsys.readouterr()
    assert captured.out == "" and "no sessions yet" in captured.err


def test_show_reps_and_summary(sessions: Path, capsys: Capture) -> None:
    fill(sessions)
    assert main(["show", "2026-03-09"]) == 0
    out = capsys.readouterr().out
    assert "Mile" in out and "skip" in out
    assert "1:28–1:32" in out  # target band, as planned
    assert "±0.0" in out  # 88 s is inside 1:28-1:32: nothing outside the range
    assert "400 #1" in out and "400 #3" in out  # reps by name
    assert "3:40/km" in out  # 88 s per 400 m
    assert "fade +1.0" in out  # 89 - 88, the skipped rep left out
    assert "800 m" in out
    assert "Traceback" not in out


@pytest.mark.parametrize(
    ("arg", "message"),
    [("2026-03", "matches 2 sessions"), ("1999", "no session"), ("2026-01-01", "unreadable")],
)
def test_show_bad_session_argument(sessions: Path, capsys: Capture, arg: str, message: str) -> None:
    fill(sessions)
    assert main(["show", arg]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert message in captured.err and "Traceback" not in captured.err


def test_export_csv_one_row_per_split(sessions: Path, capsys: Capture) -> None:
    a, _ = fill(sessions)
    record_path = save(sessions, session([180.0], started=at(20)))

    record = read_session(record_path)
    record.segments[0].laps = [89.0, 91.0]
    record.segments[0].distance = 800.0
    write_session(record_path, record)
    assert main(["export", a.name, "2026-03-20", "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    # a: run (split, total), rest (total), run (split, total); the 800: two splits, total
    assert len(rows) == 8
    assert list(rows[0]) == [
        "session_start",
        "workout",
        "kind",
        "step",
        "set",
        "rep",
        "label",
        "lap",
        "split_time",
        "cumulative_time",
        "distance",
        "target_low",
        "target_high",
        "ended_by",
        "name",
        "row",
        "athlete",
    ]
    assert rows[0]["session_start"] == "2026-03-02T18:00:00+01:00"
    assert [r["kind"] for r in rows[:5]] == ["run", "run", "rest", "run", "run"]
    assert [r["row"] for r in rows[:5]] == ["split", "total", "total", "split", "total"]
    assert rows[0]["name"] == "400 #1" and rows[3]["name"] == "400 #2"
    assert rows[2]["distance"] == "" and rows[2]["target_low"] == ""
    last = rows[5:]
    assert [r["lap"] for r in last] == ["1", "2", ""]
    assert [float(r["split_time"]) for r in last] == [89.0, 91.0, 180.0]
    assert [float(r["cumulative_time"]) for r in last] == [89.0, 180.0, 180.0]
    # each split row's distance is that split point's; the total row is the rep's
    assert [float(r["distance"]) for r in last] == [400.0, 800.0, 800.0]
    assert float(last[0]["target_low"]) == 88.0 and float(last[0]["target_high"]) == 92.0


def test_export_json_to_file(sessions: Path, tmp_path: Path, capsys: Capture) -> None:
    a, b = fill(sessions)
    out_file = tmp_path / "out.json"
    assert main(["export", str(a), b.name, "--format", "json", "-o", str(out_file)]) == 0
    assert capsys.readouterr().out == ""
    rows = json.loads(out_file.read_text())
    assert {r["workout"] for r in rows} == {"6 x 400", "Mile"}
    skipped = [r for r in rows if r["ended_by"] == "skip" and r["row"] == "total"]
    assert len(skipped) == 1 and skipped[0]["rep"] == 2 and skipped[0]["split_time"] == 30.0
    assert rows[0]["lap"] == 1 and rows[0]["target_high"] == 92.0


def test_export_refuses_unreadable_and_writes_nothing(
    sessions: Path, tmp_path: Path, capsys: Capture
) -> None:
    a, _ = fill(sessions)
    out_file = tmp_path / "out.csv"
    assert main(["export", a.name, "2026-01-01", "-o", str(out_file)]) == 1
    assert "unreadable" in capsys.readouterr().err
    assert not out_file.exists()


def test_export_unwritable_output(sessions: Path, tmp_path: Path, capsys: Capture) -> None:
    a, _ = fill(sessions)
    assert main(["export", a.name, "-o", str(tmp_path / "no" / "dir" / "x.csv")]) == 1
    assert "cannot write" in capsys.readouterr().err


def test_export_a_skipped_rep_keeps_its_whole_time(sessions: Path, capsys: Capture) -> None:
    """A skipped 800 with one split recorded: the split at 400 m, and a total row of 2.897."""
    path = save(sessions, session([2.897], started=at(5), skip=[1]))
    record = read_session(path)
    record.segments[0].laps = [1.106]
    record.segments[0].distance = 800.0
    write_session(path, record)
    assert main(["export", "2026-03-05", "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(r["row"], r["lap"], r["split_time"], r["distance"]) for r in rows] == [
        ("split", "1", "1.106", "400.0"),
        ("total", "", "2.897", "800.0"),
    ]
    assert rows[1]["ended_by"] == "skip"


def test_export_selects_by_date_prefix_workout_and_dates(sessions: Path, capsys: Capture) -> None:
    """The README's `trackapp export 2026-11 --format csv`: every session of the month."""
    fill(sessions)
    save(sessions, session([91.0], started=at(20), workout="Mile"))
    (sessions / "2026-01-01T10-00-00_broken.toml").unlink()

    def sessions_in(args: list[str]) -> list[str]:
        assert main(["export", *args, "--format", "json"]) == 0
        rows = json.loads(capsys.readouterr().out)
        return sorted({r["session_start"][:10] for r in rows})

    assert sessions_in(["2026-03"]) == ["2026-03-02", "2026-03-09", "2026-03-20"]
    assert sessions_in(["2026-03", "--workout", "mile"]) == ["2026-03-09", "2026-03-20"]
    assert sessions_in(["--since", "2026-03-05"]) == ["2026-03-09", "2026-03-20"]
    assert sessions_in(["--until", "2026-03-09"]) == ["2026-03-02", "2026-03-09"]
    assert sessions_in([]) == ["2026-03-02", "2026-03-09", "2026-03-20"]
    assert main(["export", "--since", "yesterday"]) == 2
    assert "--since takes a date" in capsys.readouterr().err
    assert main(["export", "2027"]) == 1
    assert "no session" in capsys.readouterr().err


def test_export_prefix_skips_an_unreadable_session_with_a_warning(
    sessions: Path, capsys: Capture
) -> None:
    fill(sessions)
    (sessions / "2026-03-05T10-00-00_broken.toml").write_bytes(b"format = 1\nworkout = [")
    assert main(["export", "2026-03", "--format", "json"]) == 0
    captured = capsys.readouterr()
    assert "skipped 2026-03-05T10-00-00_broken.toml" in captured.err
    assert {r["workout"] for r in json.loads(captured.out)} == {"6 x 400", "Mile"}
