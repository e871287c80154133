"""Hostile workout files: things that are not files, inputs that would make unbounded
work, and a BOM. Each is refused quickly with FILE:LINE and what would be right, or
(the BOM) simply read; never a hang, a traceback or gigabytes of splits."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.hostile_files import SPECIAL_KINDS, deadline, make_special
from tests.workout.conftest import SCHEMA
from trackapp.cli import main
from trackapp.domain.loader import MAX_COUNT, MIN_EVERY, Problem, WorkoutError
from trackapp.domain.plan import (
    MAX_SESSION_SECONDS,
    MAX_SPLITS_PER_REP,
    MIN_TRACK,
    Plan,
    PlanTooLongError,
    expand,
    split_count,
    split_points,
)
from trackapp.domain.units import Length
from trackapp.domain.workout import Step, StepKind, Workout
from trackapp.domain.workout_plan import plan_from_text
from trackapp.storage.workout_files import load_plan, read_workout_text
from trackapp.storage.workout_library import MINE, list_workouts

Plans = Callable[[str], Plan]
OneProblem = Callable[[str], Problem]

VALID = 'name = "x"\n[[step]]\nrun = "400m"\nrepeat = 2\nrest = "1:00"\n'

# --- things that are not regular files --------------------------------------------


@pytest.mark.parametrize(("kind", "words"), SPECIAL_KINDS)
@pytest.mark.parametrize("as_json", [False, True])
def test_check_refuses_what_is_not_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str, words: str, as_json: bool
) -> None:
    path = make_special(kind, tmp_path / "x.toml")
    args = ["check", "--json", str(path)] if as_json else ["check", str(path)]
    with deadline():
        assert main(args) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith(f"{path}: ")
    assert words in err
    assert "Traceback" not in err


@pytest.mark.parametrize(("kind", "words"), SPECIAL_KINDS)
def test_load_plan_refuses_what_is_not_a_file(tmp_path: Path, kind: str, words: str) -> None:
    path = make_special(kind, tmp_path / "x.toml")
    with deadline(), pytest.raises(WorkoutError) as info:
        load_plan(path, "x.toml")
    assert words in info.value.format()
    assert info.value.format().startswith("x.toml: ")


def test_run_refuses_a_fifo(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = make_special("fifo", tmp_path / "x.toml")
    with deadline():
        assert main(["run", str(path)]) != 0
    err = capsys.readouterr().err
    assert "named pipe" in err
    assert "Traceback" not in err


def test_a_link_to_a_regular_file_is_followed(tmp_path: Path) -> None:
    real = tmp_path / "real.toml"
    real.write_text(VALID, encoding="utf-8")
    link = tmp_path / "link.toml"
    link.symlink_to(real.name)
    assert load_plan(link).workout.name == "x"


def test_the_library_lists_every_special_entry_with_its_reason(tmp_path: Path) -> None:
    folder = tmp_path / "workouts"
    folder.mkdir()
    (folder / "good.toml").write_text(VALID, encoding="utf-8")
    made = {f"{kind.replace(' ', '-')}.toml": words for kind, words in SPECIAL_KINDS}
    for (kind, _), name in zip(SPECIAL_KINDS, made, strict=True):
        make_special(kind, folder / name)
    with deadline():
        entries = list_workouts([(MINE, folder)])
    by_name = {e.path.name: e for e in entries}
    assert set(made) | {"good.toml"} <= set(by_name)
    assert by_name["good.toml"].ok
    for name, words in made.items():
        entry = by_name[name]
        assert entry.error is not None, name
        assert words in entry.error.format(), name


# --- bounded work -------------------------------------------------------------


@pytest.mark.parametrize(
    ("track", "run"),
    [
        ("0.001m", "1000km"),  # billions of splits on today's code
        ("0.01m", "10km"),
        ("1m", "400m"),
        ("49.9m", "400m"),
        ("0.00001 km", "1 mi"),
    ],
)
def test_a_track_shorter_than_50m_is_refused_at_its_line(
    problems: Callable[[str], list[Problem]], track: str, run: str
) -> None:
    text = f'name = "x"\ntrack = "{track}"\n[[step]]\nrun = "{run}"\nlap_splits = false\n'
    with deadline():
        found = problems(text)
    assert [(p.line, p.key) for p in found] == [(2, "track")]
    assert '"50m"' in found[0].message or '"1m"' in found[0].message
    assert '"400m"' in found[0].message


def test_a_track_of_50m_is_fine(plan: Plans) -> None:
    p = plan(f'track = "{MIN_TRACK:g}m"\n[[step]]\nrun = "400m"\n')
    assert p.segments[0].splits == tuple(float(x) for x in range(50, 401, 50))


@pytest.mark.parametrize(
    ("run", "track"),
    [
        ("1000km", "400m"),
        ("200km", "400m"),
        ("121km", "400m"),
        ("61km", "200m"),
        ("500 mi", "400m"),
    ],
)
def test_more_than_300_splits_in_a_rep_is_refused(
    one_problem: OneProblem, run: str, track: str
) -> None:
    with deadline():
        problem = one_problem(f'track = "{track}"\n[[step]]\nrun = "{run}"\n')
    assert (problem.line, problem.step, problem.key) == (4, 1, "run")
    assert f"at most {MAX_SPLITS_PER_REP}" in problem.message
    assert "lap_splits = false" in problem.message


def test_a_ladder_rep_with_too_many_splits_is_refused(one_problem: OneProblem) -> None:
    problem = one_problem('[[step]]\nrun = ["400m", "300km"]\n')
    assert (problem.step, problem.key) == (1, "run")
    assert "750 lap splits" in problem.message


def test_long_reps_within_the_cap_or_without_splits_are_fine(plan: Plans) -> None:
    p = plan('[[step]]\nrun = "100km"\n[[step]]\nrun = "1000km"\nlap_splits = false\n')
    assert len(p.segments[0].splits or ()) == 250
    assert p.segments[1].splits == (1_000_000.0,)


@given(
    distance=st.floats(min_value=0.001, max_value=1_000_000.0),
    track=st.floats(min_value=MIN_TRACK, max_value=5000.0),
)
def test_split_count_matches_split_points(distance: float, track: float) -> None:
    if distance / track > MAX_SPLITS_PER_REP + 2:
        assert split_count(distance, track) > MAX_SPLITS_PER_REP
        return
    assert split_count(distance, track) == len(split_points(distance, track))


def test_expand_refuses_a_tiny_track_however_the_workout_was_built() -> None:
    step = Step(1, StepKind.RUN, (Length(metres=1_000_000.0),))
    with deadline(), pytest.raises(PlanTooLongError):
        expand(Workout("x", (step,), track=0.001))
    with deadline(), pytest.raises(PlanTooLongError) as info:
        expand(Workout("x", (step,), track=400.0))
    assert (info.value.step, info.value.key) == (1, "run")


@pytest.mark.parametrize("every", ["0.001s", "1s", "9.9s", "0:05"])
def test_a_send_off_under_10s_is_refused(one_problem: OneProblem, every: str) -> None:
    problem = one_problem(f'[[step]]\nrun = "60m"\nrepeat = 5\nevery = "{every}"\n')
    assert (problem.line, problem.key) == (5, "every")
    assert f'"{MIN_EVERY:g}s"' in problem.message
    assert every in problem.message


@pytest.mark.parametrize(
    "extra",
    [
        'target = "1:30"\nevery = "1:30"',
        'target = "1:28-1:32"\nevery = "1:31"',
        'target = "1:30"\nevery = "1:00"',
        'pace = "4:00/km"\nevery = "1:00"',  # 400 m at 4:00/km is 1:36
        'pace = "3:50-4:00/km"\nevery = "1:36"',
    ],
)
def test_a_send_off_not_longer_than_the_target_is_refused(
    one_problem: OneProblem, extra: str
) -> None:
    problem = one_problem(f'[[step]]\nrun = "400m"\nrepeat = 5\n{extra}\n')
    assert problem.key == "every"
    assert "make `every` longer than the rep" in problem.message


@pytest.mark.parametrize(
    "extra",
    ['target = "1:30"\nevery = "1:31"', 'every = "10s"', 'pace = "4:00/km"\nevery = "1:37"'],
)
def test_a_send_off_longer_than_the_rep_is_fine(plan: Plans, extra: str) -> None:
    p = plan(f'[[step]]\nrun = "400m"\nrepeat = 3\n{extra}\n')
    assert len(p.segments) == 5


@pytest.mark.parametrize(
    ("steps", "line", "key"),
    [
        ('[[step]]\nrun = "24h"\nrepeat = 1500\n', 3, "run"),  # 36,000 hours
        ('[[step]]\nwarmup = "23:00:00"\n[[step]]\ncooldown = "2h"\n', 5, "cooldown"),
        ('[[step]]\nrun = "400m"\nrepeat = 2\nrest = "13h"\n[[step]]\nrest = "12h"\n', 7, "rest"),
        ('[[step]]\nrun = "400m"\nrepeat = 3\nevery = "13h"\n', 5, "every"),  # open reps
        ('[[step]]\nrun = "2h"\nsets = 2\nset_rest = "23h"\nrepeat = 1\n', 5, "set_rest"),
        ('[[step]]\nrun = "1000km"\npace = "24:00:00/1km"\nlap_splits = false\n', 3, "run"),
    ],
)
def test_a_plan_longer_than_24h_is_refused_where_it_passes(
    one_problem: OneProblem, steps: str, line: int, key: str
) -> None:
    with deadline():
        problem = one_problem(steps)
    assert (problem.line, problem.key) == (line, key)
    assert "at most 24 h" in problem.message


def test_a_plan_of_exactly_24h_is_fine(plan: Plans) -> None:
    p = plan('[[step]]\nwarmup = "12h"\n[[step]]\ncooldown = "12:00:00"\n')
    assert p.estimated_time() == (MAX_SESSION_SECONDS, True)


@pytest.mark.parametrize("run", ["0.5m", "0.0001 km", "0." + "0" * 320 + "1m"])
def test_a_distance_under_1m_is_refused(one_problem: OneProblem, run: str) -> None:
    problem = one_problem(f'[[step]]\nrun = "{run}"\n')
    assert (problem.line, problem.key) == (3, "run")
    assert 'at least "1m"' in problem.message


def test_the_schema_states_the_bounds() -> None:
    """Editors show the schema as help: it says what the loader enforces."""
    data = json.loads(SCHEMA.read_text(encoding="utf-8"))
    step = data["definitions"]["step"]["properties"]
    for key in ("repeat", "sets"):
        assert (step[key]["minimum"], step[key]["maximum"]) == (1, MAX_COUNT)
    assert f'At least "{MIN_TRACK:g}m"' in data["properties"]["track"]["description"]
    assert f'At least "{MIN_EVERY:g}s"' in step["every"]["description"]
    assert f"at most {MAX_SPLITS_PER_REP} lap splits" in step["run"]["description"]
    assert f"at most {MAX_SESSION_SECONDS / 3600:g} h" in step["run"]["description"]


# --- BOM ----------------------------------------------------------------------


def test_a_bom_is_dropped_and_lines_stay_right(tmp_path: Path) -> None:
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + VALID.encode("utf-8"))
    assert load_plan(path).workout.name == "x"
    assert not read_workout_text(path).startswith("\ufeff")
    bad = tmp_path / "bad.toml"
    bad.write_bytes(b'\xef\xbb\xbfname = "x"\n[[step]]\nrun = "400m"\nreapet = 3\n')
    with pytest.raises(WorkoutError) as info:
        load_plan(bad, "bad.toml")
    assert info.value.format().startswith("bad.toml:4: step 1 (reapet)")


def test_a_bom_in_text_is_dropped_too() -> None:
    """The editor checks text, not files: the same BOM must not break it there."""
    assert plan_from_text("\ufeff" + VALID).workout.name == "x"
    with pytest.raises(WorkoutError) as info:
        plan_from_text('\ufeffname = 3\n[[step]]\nrun = "400m"\n', "w.toml")
    assert info.value.format().startswith("w.toml:1: (name)")


def test_check_reads_a_bom_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + VALID.encode("utf-8"))
    assert main(["check", "--json", str(path)]) == 0
    assert '"name": "x"' in capsys.readouterr().out
