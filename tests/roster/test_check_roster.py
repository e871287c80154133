"""`trackapp check WORKOUT --roster ROSTER`: both files checked, each athlete's targets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.hostile_strings import RAW_CONTROLS
from trackapp.cli import main

REPO = Path(__file__).resolve().parents[2]
SQUAD = str(REPO / "rosters" / "tuesday-squad.toml")
EIGHT = str(REPO / "workouts" / "8x400.toml")

I_REPS = 'name = "I reps"\n[[step]]\nrun = "400m"\nrepeat = 2\npace = "I"\n'
RACERS = (
    '[[athlete]]\nname = "Ana"\nrace = "5K 20:00"\n[[athlete]]\nname = "Ben"\nrace = "5K 18:00"\n'
)


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_prints_the_plan_and_each_athletes_targets(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", EIGHT, "--roster", SQUAD]) == 0
    out = capsys.readouterr().out
    assert "8 x 400 m at 5K pace" in out
    assert "Targets for Tuesday squad" in out
    assert "step 2 400 m" in out
    table = out.split("Targets for")[1].splitlines()
    rows = {line.split()[1]: line for line in table if line[:1] and line[:1] in "1234"}
    assert "1:32" in rows["Ana"]  # 6:10/mi over 400 m
    assert "5k = 6:10/mi" in rows["Ana"]
    assert "1:29.5" in rows["Dee"]  # the workout's 6:00/mi
    assert "the workout's" in rows["Dee"]
    assert "race 5K 18:30" in rows["Cai"]


def test_json_has_every_athletes_plan(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--json", EIGHT, "--roster", SQUAD]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    data = json.loads(line)
    assert data["roster"] == "Tuesday squad"
    assert [a["name"] for a in data["athletes"]] == ["Ana", "Ben", "Cai", "Dee"]
    ana = data["athletes"][0]
    assert ana["key"] == "1" and ana["paces"] == {"5k": "6:10/mi"} and ana["race"] is None
    runs = [s for s in ana["plan"]["segments"] if s["kind"] == "run"]
    assert runs[0]["target"] == [92.0, 92.0]


def test_a_workout_whose_targets_come_from_each_athletes_race(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    workout = write(tmp_path, "i.toml", I_REPS)
    roster = write(tmp_path, "racers.toml", RACERS)
    assert main(["check", workout, "--roster", roster]) == 0
    out = capsys.readouterr().out
    assert "Its targets come from each athlete's race" in out
    assert "race 5K 18:00" in out


def test_roster_problems_and_workout_problems_in_one_go(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    roster = write(tmp_path, "bad.toml", '[[athlete]]\nname = "Ana"\nkey = "q"\nrace = 5\n')
    workout = write(tmp_path, "w.toml", 'name = "x"\n[[step]]\nrun = "400"\n')
    assert main(["check", workout, "--roster", roster]) == 1
    err = capsys.readouterr().err
    assert f"{roster}:3: athlete 1 (key): 'q' is a run screen key" in err
    assert f"{roster}:4: athlete 1 (race): race is text" in err
    assert f"{workout}:3: step 1 (run):" in err  # the workouts are still checked


def test_a_problem_of_every_athlete_is_said_once_with_the_roster_hint(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    workout = write(tmp_path, "i.toml", I_REPS)
    roster = write(tmp_path, "names.toml", '[[athlete]]\nname = "Ana"\n[[athlete]]\nname = "Ben"\n')
    assert main(["check", workout, "--roster", roster]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"{workout}:5: step 1 (pace): no pace named 'I'")
    assert lines[0].endswith('in a roster, an athlete may have their own race = "5K 20:00"')


def test_a_problem_of_one_athlete_names_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    workout = write(tmp_path, "i.toml", I_REPS)
    roster = write(tmp_path, "r.toml", RACERS + '[[athlete]]\nname = "Cai"\n')
    assert main(["check", workout, "--roster", roster]) == 1
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith(f"{workout}:5: step 1 (pace): no pace named 'I'")
    assert "(for Cai, athlete 3)" in line


def test_a_missing_roster(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", EIGHT, "--roster", str(tmp_path / "none.toml")]) == 1
    captured = capsys.readouterr()
    assert "none.toml: no such file; check the path" in captured.err
    assert "8 x 400 m" in captured.out  # the workout itself is still shown


def test_hostile_athlete_names_are_shown_as_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    roster = write(
        tmp_path, "r.toml", '[[athlete]]\nname = "[b]A\\u0007"\n[[athlete]]\nname = "B[/x]"\n'
    )
    assert main(["check", EIGHT, "--roster", roster]) == 1  # a control character is refused
    err = capsys.readouterr().err
    assert not RAW_CONTROLS.search(err)
    assert "athlete 1 (name): '[b]A\\x07' holds control characters" in err
    roster = write(tmp_path, "r.toml", '[[athlete]]\nname = "[b]A"\n[[athlete]]\nname = "B[/x]"\n')
    assert main(["check", EIGHT, "--roster", roster]) == 0
    out = capsys.readouterr().out
    assert "[b]A" in out and "B[/x]" in out
