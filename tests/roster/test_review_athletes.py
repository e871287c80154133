"""Coach mode's review from the command line: `log --athlete`, the athlete column."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.review.review_builders import at, save, session
from tests.roster.group_builders import Times, save_group
from trackapp.cli import main

Capture = pytest.CaptureFixture[str]
TIMES: dict[str, Times] = {"Ana": [92.0, 91.0], "Ben": [86.0, None], "Cai": [89.0, 88.5]}
TARGETS: dict[str, tuple[float, float] | None] = {
    "Ana": (91.0, 93.0),
    "Ben": (85.0, 87.0),
    "Cai": None,
}


def fill(sessions: Path) -> None:
    save(sessions, session([90.0, 92.0], started=at(2)))
    save_group(sessions, TIMES, TARGETS, started=at(3))
    save_group(sessions, {"Ana": [90.0], "Ben": [85.0]}, TARGETS, started=at(10))


def test_log_shows_the_athlete_column(sessions: Path, capsys: Capture) -> None:
    fill(sessions)
    assert main(["log"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 6
    # the athlete column after the workout's name, as wide as the longest name
    assert sorted(line[27:30] for line in out[2:5]) == ["Ana", "Ben", "Cai"]
    assert out[2][18:30] == "6 x 400  " + out[2][27:30]
    solo = out[-1]
    assert solo.startswith("2026-03-02 18:00  6 x 400")
    assert "Ana" not in solo


def test_log_filters_by_athlete_any_case(sessions: Path, capsys: Capture) -> None:
    fill(sessions)
    assert main(["log", "--athlete", "ana"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 2
    assert all("Ana" in line for line in out)
    assert out[0].startswith("2026-03-10")
    assert main(["log", "--athlete", "Ben", "--workout", "400"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 2


def test_log_athlete_not_found_says_who_there_is(sessions: Path, capsys: Capture) -> None:
    fill(sessions)
    assert main(["log", "--athlete", "Anna"]) == 1
    err = capsys.readouterr().err
    assert "no sessions of athlete 'Anna'" in err
    assert "did you mean 'Ana'?" in err
    assert "athletes: Ana, Ben, Cai" in err


def test_log_athlete_without_group_runs(sessions: Path, capsys: Capture) -> None:
    save(sessions, session([90.0], started=at(2)))
    assert main(["log", "--athlete", "Ana"]) == 1
    assert "no group runs saved yet" in capsys.readouterr().err


def test_export_carries_the_athlete(sessions: Path, capsys: Capture) -> None:
    fill(sessions)
    assert main(["export", "2026-03", "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert list(rows[0])[-1] == "athlete"
    by_start = {(r["session_start"][:10], r["athlete"]) for r in rows}
    assert by_start == {
        ("2026-03-02", ""),
        ("2026-03-03", "Ana"),
        ("2026-03-03", "Ben"),
        ("2026-03-03", "Cai"),
        ("2026-03-10", "Ana"),
        ("2026-03-10", "Ben"),
    }
    assert main(["export", "2026-03-10", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {row["athlete"] for row in data} == {"Ana", "Ben"}
