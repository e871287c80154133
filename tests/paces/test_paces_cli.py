"""`trackapp paces`: the coach's table, its JSON, and every bad input as a message."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest

from trackapp.cli import main
from trackapp.domain import vdot as vd


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["paces", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_table_for_a_5k(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "5K 20:00")
    assert code == 0 and err == ""
    assert out.startswith("5K 20:00: VDOT 49.8\n")
    lines = out.splitlines()
    assert "  5K           20:00     4:00/km     6:26/mi" in lines
    assert "  marathon   3:11:17     4:32/km     7:18/mi" in lines
    assert "  800 m         2:44     3:25/km     5:30/mi" in lines
    assert "  T  threshold        4:16/km          6:52/mi" in lines
    assert "  E  easy        4:58-5:34/km     8:00-8:57/mi" in lines
    assert "  400 m    1:59-2:13        1:49        1:42        1:34        1:28" in lines
    for metres in ("200 m", "300 m", "600 m", "800 m", "1000 m", "1200 m", "1600 m"):
        assert any(line.startswith(f"  {metres} ") for line in lines[-12:])


@pytest.mark.parametrize(
    ("words", "vdot"),
    [
        (["10K 41:30"], 49.8),
        (["mile 5:20"], 55.2),
        (["half 1:32:10"], 49.6),
        (["marathon 3:15:00"], 48.7),
        (["3000m 10:40"], 54.7),
        (["5K", "20:00"], 49.8),  # unquoted: the words are joined
        (["10 km 50:03"], 40.0),  # a distance in the units parser's own form
        (["half marathon 1:50:59"], 40.0),
        (["5k in 24:08"], 39.9),
    ],
)
def test_races_written_as_runners_write_them(
    capsys: pytest.CaptureFixture[str], words: list[str], vdot: float
) -> None:
    code, out, _ = run(capsys, *words)
    assert code == 0
    assert out.splitlines()[0].endswith(f"VDOT {vdot}")


def test_json_is_the_same_figures_exact(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--json", "5K 20:00")
    assert code == 0
    data: dict[str, Any] = json.loads(out, parse_constant=pytest.fail)
    assert data["race"] == {"text": "5K 20:00", "distance": 5000.0, "time": 1200.0}
    assert data["vdot"] == pytest.approx(vd.vdot(5000, 1200), rel=1e-12)
    names = [row["name"] for row in data["equivalents"]]
    assert names == [name for name, _ in vd.EQUIVALENTS]
    five_k = data["equivalents"][names.index("5K")]
    assert five_k["time"] == 1200.0 and five_k["pace_per_km"] == 240.0
    marathon = data["equivalents"][-1]
    assert marathon["time"] == pytest.approx(vd.race_seconds(data["vdot"], 42195.0))
    assert set(data["paces"]) == {"E", "M", "T", "I", "R"}
    interval = data["paces"]["I"]
    assert interval["name"] == "interval"
    assert interval["per_km"][0] == pytest.approx(235.109, abs=0.001)
    assert set(interval["reps"]) == {"200", "300", "400", "600", "800", "1000", "1200", "1600"}
    assert interval["reps"]["400"][0] == pytest.approx(94.04, abs=0.01)
    easy = data["paces"]["E"]
    assert easy["per_km"][0] < easy["per_km"][1]

    def finite(value: object) -> None:
        if isinstance(value, float):
            assert math.isfinite(value)
        elif isinstance(value, dict):
            for item in value.values():
                finite(item)
        elif isinstance(value, list):
            for item in value:
                finite(item)

    finite(data)


@pytest.mark.parametrize(
    ("race", "says"),
    [
        ("5K", "write the distance, then the time"),
        ("20:00", "write the distance, then the time"),
        ("5K 20", 'a bare number: write "20s" for seconds or "20:00" for minutes'),
        ("5K 20:61", "seconds go up to 59"),
        ("400m 1:00", "400 m is too short a race for the model; use a race from 800 m"),
        ("50K 4:00:00", "50 km is longer than the marathon"),
        ("ultra 5:00:00", "'ultra' is not a race distance; write a distance (\"3000m\""),
        ("marathon 3:15", "faster than the world record; the model covers VDOT 15 to 90"),
        ("5K 5:00:00", "slower than running"),
    ],
)
def test_bad_races_say_what_would_be_right(
    capsys: pytest.CaptureFixture[str], race: str, says: str
) -> None:
    code, out, err = run(capsys, race)
    assert code == 1 and out == ""
    assert err.startswith("trackapp paces: ") and says in err
    assert "Traceback" not in err


def test_bad_json_race_is_still_a_message(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--json", "mile")
    assert code == 1 and out == "" and "is not a race" in err


def test_control_characters_in_the_race_are_shown_not_obeyed(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _, err = run(capsys, "5\x1b[2JK\u202e 20:00")
    assert code == 1
    assert "\x1b" not in err and "\u202e" not in err


def test_no_race_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["paces"])
    assert exit_.value.code == 2
    assert "RACE" in capsys.readouterr().err


SNAPSHOTS = Path(__file__).parent / "snapshots"


@pytest.mark.parametrize(
    ("race", "snapshot"),
    [("5K 20:00", "paces_5k_20-00.txt"), ("marathon 3:15:00", "paces_marathon_3-15-00.txt")],
)
@pytest.mark.parametrize("columns", [80, 120])
def test_the_whole_table_as_a_coach_pins_it_up(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    race: str,
    snapshot: str,
    columns: int,
) -> None:
    """The table is the same at 80 and 120 columns and fits 80x24's width (a snapshot:
    a change to any figure or line shows here; regenerate with `trackapp paces RACE`)."""
    monkeypatch.setenv("COLUMNS", str(columns))
    code, out, _ = run(capsys, race)
    assert code == 0
    assert out == (SNAPSHOTS / snapshot).read_text("utf-8")
    assert max(len(line) for line in out.splitlines()) <= 80
