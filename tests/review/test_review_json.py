"""`trackapp show SESSION --json` as shared/REVIEW_JSON.md pins it, and `log` in the same words."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from tests.review.review_builders import at, save, session
from trackapp.cli import main

Capture = pytest.CaptureFixture[str]
FOUR_400 = 'name = "4 x 400"\n[[step]]\nwarmup = "15:00"\n[[step]]\nrepeat = 4\nrun = "400m"\n'
FOUR_400 += 'target = "0:05-0:06"\nrest = "1:00"\n'


def _strict(text: str) -> object:
    def refuse(name: str) -> object:
        raise AssertionError(f"{name} is not JSON")

    return json.loads(text, parse_constant=refuse)


def test_show_json_worked_example(sessions: Path, capsys: Capture) -> None:
    record = session([5.013, 6.008, 7.009, 3.5], plan=FOUR_400, status="stopped", skip=[4])
    record.segments = [dataclasses.replace(s, step=2, target=(5.0, 6.0)) for s in record.segments]
    record.segments[-1] = dataclasses.replace(record.segments[-1], ended_by="stop", laps=[])
    save(sessions, record)
    assert main(["show", "2026-03-01", "--json"]) == 0
    data = _strict(capsys.readouterr().out)
    assert isinstance(data, dict)
    assert data["format"] == 1
    assert data["status"] == "stopped"
    assert data["started"] == "2026-03-01T18:00:00.000+01:00"
    assert (data["reps_done"], data["reps_planned"]) == (3, 4)
    assert data["groups"] == [
        {
            "label": "400 m",
            "distance": 400.0,
            "duration": None,
            "count": 3,
            "average": 6.01,
            "fastest": 5.013,
            "slowest": 7.009,
            "spread": 1.996,
            "fade": 1.996,
            "stdev": 0.815,
        }
    ]
    # 5.013 inside 5-6, 6.008 is 0.008 over, 7.009 is 1.009 over
    assert data["against_target"] == {"count": 3, "on_target": 1, "average_diff": 0.339}
    names = [r["name"] for r in data["reps"]]
    assert names == ["400 #1", "400 #2", "400 #3", "400 #4"]
    first, _, third, stopped = data["reps"]
    assert first == {
        "name": "400 #1",
        "step": 2,
        "set": 1,
        "rep": 1,
        "label": "400 m",
        "distance": 400.0,
        "duration": None,
        "time": 5.013,
        "target": [5.0, 6.0],
        "diff": 0.0,
        "pace": 12.533,
        "laps": [5.013],
        "ended_by": "press",
    }
    assert third["diff"] == 1.009
    # a stopped rep keeps its whole time; it says nothing against target or of pace
    assert (stopped["time"], stopped["ended_by"], stopped["diff"], stopped["pace"]) == (
        3.5,
        "stop",
        None,
        None,
    )


def test_show_json_without_targets_and_of_unlike_reps(sessions: Path, capsys: Capture) -> None:
    pyramid = 'name = "P"\n[[step]]\nrun = ["200m", "1200m", "200m"]\nrest = ["1:00", "1:00"]\n'
    record = session([32.0, 230.0, 33.0], plan=pyramid, workout="P")
    distances = [200.0, 1200.0, 200.0]
    runs = [s for s in record.segments if s.kind == "run"]
    for seg, d in zip(runs, distances, strict=True):
        i = record.segments.index(seg)
        record.segments[i] = dataclasses.replace(
            seg, step=1, distance=d, target=None, label=f"{d:g} m"
        )
    save(sessions, record)
    assert main(["show", "2026-03-01", "--json"]) == 0
    data = _strict(capsys.readouterr().out)
    assert isinstance(data, dict)
    assert [(g["label"], g["count"], g["average"], g["spread"]) for g in data["groups"]] == [
        ("200 m", 2, 32.5, 1.0),
        ("1200 m", 1, 230.0, None),
    ]
    assert data["against_target"] is None
    assert [r["name"] for r in data["reps"]] == [
        "200 (rep 1 of the ladder)",
        "1200 (rep 2 of the ladder)",
        "200 (rep 3 of the ladder)",
    ]
    assert main(["show", "2026-03-01"]) == 0
    out = capsys.readouterr().out
    assert "200 m × 2" in out and "average 0:32.5" in out and "spread 1.0" in out
    assert "1200 m" in out and "3:50.0" in out
    assert "5.2" not in out  # never one average across 200s and a 1200


def test_show_json_bad_session(sessions: Path, capsys: Capture) -> None:
    assert main(["show", "1999", "--json"]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and "no session" in captured.err


def test_log_minute_differences_and_reps_planned(sessions: Path, capsys: Capture) -> None:
    record = session([152.3, 91.0], plan=FOUR_400, status="stopped", started=at(3))
    record.segments = [dataclasses.replace(s, step=2, target=(90.0, 90.0)) for s in record.segments]
    save(sessions, record)
    assert main(["log"]) == 0
    line = capsys.readouterr().out
    assert "2/4 reps" in line
    # average 121.65 reads 2:01.7; against 1:30.0 the difference is +31.7 from the figures
    assert "avg 2:01.7 vs 1:30.0 (+31.7)" in line
    record = session([152.3], plan=FOUR_400, started=at(4))
    record.segments = [dataclasses.replace(s, step=2, target=(90.0, 90.0)) for s in record.segments]
    save(sessions, record)
    assert main(["log"]) == 0
    assert "avg 2:32.3 vs 1:30.0 (+1:02.3)" in capsys.readouterr().out.splitlines()[0]
