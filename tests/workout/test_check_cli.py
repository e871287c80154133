"""`trackapp check` as a runner and a tool use it: both forms and the exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from trackapp.cli import main

WORKOUTS = Path(__file__).resolve().parents[2] / "workouts"

CONTRACT_8X400 = """\
name = "8 x 400 m at 5K pace"
notes = "Jog the rest. Last two can be quicker."
track = "400m"
pace_unit = "mi"

[paces]
5k = "6:00/mi"

[[step]]
warmup = "15:00"

[[step]]
repeat = 8
run = "400m"
pace = "5k"
rest = "1:30"

[[step]]
cooldown = "10:00"
"""

CONTRACT_FIRST_SEGMENTS = [
    {"kind": "warmup", "step": 1, "set": 1, "rep": 1, "label": "Warm-up",
     "distance": None, "duration": 900.0, "target": None, "splits": None},
    {"kind": "run", "step": 2, "set": 1, "rep": 1, "label": "400 m",
     "distance": 400.0, "duration": None, "target": [89.5, 89.5], "splits": [400.0]},
    {"kind": "rest", "step": 2, "set": 1, "rep": 1, "label": "Rest",
     "distance": None, "duration": 90.0, "target": None, "splits": None},
]  # fmt: skip

BROKEN = 'name = "x"\n[[step]]\nrun = 400\nreapet = 3\n'


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = tmp_path / "8x400.toml"
    path.write_text(CONTRACT_8X400, encoding="utf-8")
    return path


@pytest.fixture
def bad(tmp_path: Path) -> Path:
    path = tmp_path / "bad.toml"
    path.write_text(BROKEN, encoding="utf-8")
    return path


def test_json_form_is_the_contract_object(good: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--json", str(good)]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert out.count("\n") == 1  # one object, one line
    data = json.loads(out)
    assert list(data) == ["name", "segments", "run_distance"]
    assert data["name"] == "8 x 400 m at 5K pace"
    assert data["segments"][:3] == CONTRACT_FIRST_SEGMENTS
    assert len(data["segments"]) == 1 + 8 + 7 + 1
    assert data["segments"][-1]["kind"] == "cooldown"
    assert data["run_distance"] == 3200.0


def test_json_several_files_one_object_per_line(
    good: Path, bad: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = WORKOUTS / "ladder.toml"
    assert main(["check", "--json", str(good), str(bad), str(other)]) == 1
    out, err = capsys.readouterr()
    names = [json.loads(line)["name"] for line in out.splitlines()]
    assert names == ["8 x 400 m at 5K pace", "Pyramid 200-400-800-1200-800-400-200"]
    assert f"{bad}:3: step 1 (run):" in err


def test_human_form(good: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(good)]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert "\x1b[" not in out  # no colour in a pipe
    assert "8 x 400 m at 5K pace" in out
    assert "1:29.5" in out  # the target from the named pace
    assert "Run distance: 3200 m in 8 reps" in out
    assert "Estimated time: 47:26" in out  # 15:00 + 8 x 89.5 + 7 x 1:30 + 10:00
    assert "Notes: Jog the rest. Last two can be quicker." in out
    assert "5k = 6:00/mi" in out
    for row in range(1, 18):
        assert f"\n{row:>2} " in out or f"\n{row} " in out


def test_human_form_marks_unknown_time(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "open.toml"
    path.write_text(
        'name = "x"\n[[step]]\nwarmup = "10:00"\n[[step]]\nrun = "1000m"\n[[step]]\nrun = "open"\n'
    )
    assert main(["check", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Estimated time: at least 10:00 (2 parts of unknown time" in out
    assert "200 / 600 / 1000" in out


def test_errors_go_to_stderr_in_file_line_form(
    bad: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(bad)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines() == [
        f'{bad}:3: step 1 (run): a bare number is ambiguous: write "400m" for a distance '
        'or "400s" for a duration',
        f"{bad}:4: step 1 (reapet): unknown key `reapet`; did you mean `repeat`?",
    ]


def test_valid_and_invalid_together_exit_1(
    good: Path, bad: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(good), str(bad)]) == 1
    out, err = capsys.readouterr()
    assert "8 x 400 m at 5K pace" in out
    assert "reapet" in err


def test_no_files_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["check"])
    assert info.value.code == 2
    assert "usage:" in capsys.readouterr().err


def test_unknown_option_is_a_usage_error(good: Path) -> None:
    with pytest.raises(SystemExit) as info:
        main(["check", "--jsn", str(good)])
    assert info.value.code == 2


def test_help_documents_json_lines(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["check", "--help"])
    assert info.value.code == 0
    assert "one JSON object on one line" in capsys.readouterr().out


def hostile_files(tmp_path: Path) -> dict[str, Path]:
    binary = tmp_path / "binary.toml"
    binary.write_bytes(bytes(range(256)) * 4)
    latin = tmp_path / "latin1.toml"
    latin.write_bytes('name = "Fartlek à Vincennes"\n'.encode("latin-1"))
    huge = tmp_path / "huge.toml"
    huge.write_text('name = "x"\n[[step]]\nrun = "400m"\nrepeat = 1_000_000_000\nrest = "1:00"\n')
    many = tmp_path / "many.toml"
    many.write_text('name = "x"\n[[step]]\nrun = "100m"\nrepeat = 9000\nsets = 9000\n')
    big = tmp_path / "big.toml"
    big.write_text("# " + "x" * 2_000_000 + "\n")
    deep = tmp_path / "deep.toml"
    deep.write_text("a = " + "[" * 10_000 + "]" * 10_000 + "\n")
    return {
        "directory": tmp_path,
        "missing": tmp_path / "nope.toml",
        "binary": binary,
        "latin1": latin,
        "huge repeat": huge,
        "huge plan": many,
        "big file": big,
        "deep": deep,
    }


@pytest.mark.parametrize(
    ("case", "hint"),
    [
        ("directory", "is a folder"),
        ("missing", "no such file"),
        ("binary", "not UTF-8"),
        ("latin1", "not UTF-8"),
        ("huge repeat", "too many"),
        ("huge plan", "at most 2,000"),
        ("big file", "larger than"),
        ("deep", "nested too deeply"),
    ],
)
@pytest.mark.parametrize("as_json", [False, True])
def test_hostile_input_never_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str, hint: str, as_json: bool
) -> None:
    path = hostile_files(tmp_path)[case]
    args = ["check", "--json", str(path)] if as_json else ["check", str(path)]
    assert main(args) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith(f"{path}:")
    assert hint in err
    assert "Traceback" not in err


def test_unreadable_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "secret.toml"
    path.write_text('name = "x"\n')
    path.chmod(0)
    try:
        path.read_bytes()
    except PermissionError:
        pass
    else:
        pytest.skip("file permissions are not enforced for this user (root)")
    assert main(["check", str(path)]) == 1
    assert "cannot read the file" in capsys.readouterr().err
