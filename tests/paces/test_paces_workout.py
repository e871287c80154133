"""`[paces] from`, the settings' `race`, overrides, every error, and `check` saying where a
target came from."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from trackapp.cli import main
from trackapp.domain import vdot
from trackapp.domain.loader import WorkoutError, parse_workout
from trackapp.domain.plan import Plan
from trackapp.domain.workout import StepKind
from trackapp.domain.workout_plan import plan_from_text
from trackapp.settings import Settings

FIVE_K = vdot.parse_race("5K 20:00")

I_REPS = """\
name = "6 x 800 at I"

[paces]
from = "5K 20:00"

[[step]]
repeat = 6
run = "800m"
pace = "I"
rest = "2:00"
"""

ANY_SPEED = """\
name = "any speed"

[[step]]
repeat = 5
run = "1000m"
pace = "I"
rest = "2:00"
"""


def runs(plan: Plan) -> list[tuple[float, float] | None]:
    return [s.target for s in plan.segments if s.kind is StepKind.RUN]


def problems(text: str, race: vdot.Race | None = None) -> list[str]:
    with pytest.raises(WorkoutError) as err:
        parse_workout(text, "w.toml", race=race)
    return [p.format("w.toml") for p in err.value.problems]


def test_from_gives_e_m_t_i_r() -> None:
    plan = plan_from_text(I_REPS, "w.toml")
    interval = FIVE_K.training()["I"][0]
    assert runs(plan) == [(round(interval * 800, 1),) * 2] * 6
    assert runs(plan)[0] == (188.1, 188.1)
    rep = next(s for s in plan.segments if s.kind is StepKind.RUN)
    assert rep.pace_source == "I from 5K 20:00"
    assert plan.workout.race == "5K 20:00" and not plan.workout.race_from_settings
    assert set(plan.workout.race_paces) == {
        "E", "M", "T", "I", "R", "mile", "3k", "5k", "10k", "half", "marathon",
    }  # fmt: skip
    assert plan.workout.paces == {}  # only what is written out


@pytest.mark.parametrize(
    ("name", "metres", "expected"),
    [
        ("T", 1000, (256.0, 256.0)),
        ("R", 200, (44.0, 44.0)),
        ("E", 400, (119.2, 133.5)),  # E is a range: a target range
        ("M", 1000, (272.0, 272.0)),
        ("5k", 400, (96.0, 96.0)),  # the race itself: 20:00 over 5 km
        ("10k", 1000, (248.8, 248.8)),  # the equivalent 10K, 41:28
        ("mile", 400, (87.2, 87.2)),
        ("marathon", 1000, (272.0, 272.0)),
    ],
)
def test_every_race_name_is_a_pace(name: str, metres: int, expected: tuple[float, float]) -> None:
    text = I_REPS.replace('pace = "I"', f'pace = "{name}"').replace("800m", f"{metres}m")
    assert runs(plan_from_text(text))[0] == expected


def test_a_pace_written_out_wins_over_the_race() -> None:
    text = I_REPS.replace('from = "5K 20:00"\n', 'from = "5K 20:00"\nI = "3:45/km"\n')
    plan = plan_from_text(text)
    assert runs(plan)[0] == (180.0, 180.0)
    assert next(s for s in plan.segments if s.kind is StepKind.RUN).pace_source is None
    assert "I" not in plan.workout.race_paces and "I" in plan.workout.paces
    assert vdot.pace_origins(plan) == []


def test_a_duration_run_shows_the_race_pace_as_a_guide() -> None:
    text = I_REPS.replace('repeat = 6\nrun = "800m"', 'run = "20:00"').replace('"I"', '"T"')
    text = text.replace('rest = "2:00"\n', "")
    plan = plan_from_text(text)
    rep = plan.segments[0]
    assert rep.target is None and rep.pace == FIVE_K.training()["T"]
    assert vdot.pace_origins(plan)[1] == "  step 1: T from 5K 20:00 → 4:16/km (guide)"


def test_the_runners_race_serves_a_workout_without_its_own() -> None:
    slow = parse_workout(ANY_SPEED, race=vdot.parse_race("5K 25:00"))
    fast = parse_workout(ANY_SPEED, race=vdot.parse_race("5K 17:00"))
    assert slow.steps[0].pace is not None and fast.steps[0].pace is not None
    assert fast.steps[0].pace < slow.steps[0].pace
    assert slow.race == "5K 25:00" and slow.race_from_settings
    assert slow.steps[0].pace_source == "I from 5K 25:00"


def test_the_runners_race_set_at_start_up() -> None:
    vdot.set_runner_race(vdot.parse_race("10K 41:30"))
    plan = plan_from_text(ANY_SPEED)
    assert plan.segments[0].pace_source == "I from 10K 41:30"
    assert plan.workout.race_from_settings


def test_the_workouts_own_race_beats_the_runners() -> None:
    vdot.set_runner_race(vdot.parse_race("5K 30:00"))
    plan = plan_from_text(I_REPS)
    assert plan.workout.race == "5K 20:00" and not plan.workout.race_from_settings
    assert runs(plan)[0] == (188.1, 188.1)


def test_a_written_pace_wins_over_the_runners_race() -> None:
    text = ANY_SPEED.replace("[[step]]", '[paces]\nI = "3:30/km"\n\n[[step]]', 1)
    plan = parse_workout(text, race=FIVE_K)
    assert plan.steps[0].pace == (0.21, 0.21)
    assert plan.steps[0].pace_source is None


def test_no_race_says_where_one_goes() -> None:
    (message,) = problems(ANY_SPEED)
    assert message == (
        "w.toml:6: step 1 (pace): no pace named 'I'; there is no [paces] table; write a pace "
        'like "6:00/mi" or add [paces]; I comes from a race: add '
        '`from = "5K 20:00"` (your race) to [paces], or `race = "5K 20:00"` to '
        "settings.toml for every workout"
    )
    (message,) = problems(ANY_SPEED.replace('"I"', '"10k"'))
    assert "10k comes from a race" in message


def test_a_name_in_the_wrong_case_is_suggested() -> None:
    (message,) = problems(I_REPS.replace('pace = "I"', 'pace = "i"'))
    assert message.endswith("no pace named 'i'; did you mean `I`? (names are case-sensitive)")
    (message,) = problems(I_REPS.replace('pace = "I"', 'pace = "5K"'))
    assert "did you mean `5k`?" in message


def test_an_unknown_name_with_a_race_lists_what_there_is() -> None:
    (message,) = problems(I_REPS.replace('pace = "I"', 'pace = "interval"'), race=None)
    assert message.startswith("w.toml:9: step 1 (pace): no pace named 'interval'; ")
    assert "did you mean" in message or "`I`" in message


@pytest.mark.parametrize(
    ("race", "says"),
    [
        ('"5K"', "'5K' is not a race; write the distance, then the time"),
        ('"5K 20"', 'the time \'20\' is a bare number: write "20s" for seconds or "20:00"'),
        ('"400m 58"', "write the distance, then the time"),
        ('"400m 0:58"', "400 m is too short a race for the model; use a race from 800 m"),
        ('"100K 9:00:00"', "100 km is longer than the marathon"),
        ('"parkrun 20:00"', "'parkrun' is not a race distance; write a distance"),
        ('"marathon 3:15"', "gives VDOT"),
        ("20", 'from is a race like "5K 20:00" (a distance, then the time), not 20'),
    ],
)
def test_a_bad_from_says_what_would_be_right(race: str, says: str) -> None:
    text = I_REPS.replace('from = "5K 20:00"', f"from = {race}")
    found = problems(text, race=FIVE_K)
    assert len(found) == 1  # the step using "I" is not reported again
    assert found[0].startswith("w.toml:4: (paces.from): ")
    assert says in found[0]


def test_a_bad_from_is_reported_with_other_problems() -> None:
    text = I_REPS.replace('"5K 20:00"', '"5K 20"').replace("name =", 'pace_unit = "miles"\nname =')
    found = problems(text)
    assert len(found) == 2
    assert any("pace_unit" in p for p in found) and any("paces.from" in p for p in found)


def test_pace_named_from_is_not_a_pace() -> None:
    found = problems(I_REPS.replace('pace = "I"', 'pace = "from"'))
    assert "no pace named 'from'" in found[0]


def test_check_shows_where_each_target_came_from(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "i.toml"
    path.write_text(I_REPS + '\n[[step]]\nrepeat = 4\nrun = "200m"\npace = "R"\nrest = "200m"\n')
    assert main(["check", str(path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert "Paces from 5K 20:00 (VDOT 49.8, [paces] from):" in out
    assert "  step 1: I from 5K 20:00 → 3:08.1 per 800" in out
    assert "  step 2: R from 5K 20:00 → 0:44 per 200" in out


def test_check_with_the_runners_race_from_settings(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "cfg"
    config.mkdir()
    (config / "settings.toml").write_text('race = "10K 41:30"\n')
    monkeypatch.setenv("TRACKAPP_CONFIG_DIR", str(config))
    path = tmp_path / "any.toml"
    path.write_text(ANY_SPEED)
    assert main(["check", str(path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert "Paces from 10K 41:30 (VDOT 49.8, the runner's race in settings.toml):" in out
    assert any(line.startswith("  step 1: I from 10K 41:30 → 3:5") for line in out)
    assert main(["check", "--json", str(path)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["segments"][0]["target"][0] == pytest.approx(235.3, abs=0.3)


def test_check_without_a_race_fails_with_the_hint(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "any.toml"
    path.write_text(ANY_SPEED)
    assert main(["check", str(path)]) == 1
    assert "I comes from a race" in capsys.readouterr().err


# ---- settings.toml `race` ------------------------------------------------------


def test_settings_race(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text('race = "half 1:32:10"\n')
    settings, warnings = Settings.load_with_warnings(path)
    assert warnings == [] and settings.race == "half 1:32:10"
    race = settings.runner_race()
    assert race is not None and race.metres == 21097.5


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ('"5K 20"', "is not a race the model can use: '5K 20' is not a race: the time"),
        ('"400m 1:00"', "400 m is too short a race for the model"),
        ("20", 'is a race like "5K 20:00" (a distance, then the time), not int'),
        ('"5K\\u001b 20:00"', 'is a race like "5K 20:00" (short text'),
        ('"' + "5" * 200 + '"', "short text, at most 100 characters"),
    ],
)
def test_a_bad_settings_race_is_a_warning_and_no_race(
    tmp_path: Path, value: str, says: str
) -> None:
    path = tmp_path / "settings.toml"
    path.write_text(f"volume = 0.5\nrace = {value}\n")
    settings, warnings = Settings.load_with_warnings(path)
    assert settings.race == "" and settings.volume == 0.5
    assert len(warnings) == 1
    assert warnings[0].startswith(f"{path}: `race` ") and warnings[0].endswith("; using no race")
    assert says in warnings[0]


def test_settings_without_a_race_save_and_load_without_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    Settings().save(path)
    settings, warnings = Settings.load_with_warnings(path)
    assert warnings == [] and settings.race == "" and settings.runner_race() is None
    Settings(race="mile 5:20").save(path)
    assert Settings.load(path).race == "mile 5:20"


# ---- the schema -----------------------------------------------------------------


def test_the_schema_knows_from() -> None:
    text = resources.files("trackapp").joinpath("schema/workout.schema.json").read_text("utf-8")
    schema = json.loads(text)
    validator = jsonschema.validators.validator_for(schema)(schema)
    good: dict[str, Any] = {
        "name": "x",
        "paces": {"from": "5K 20:00", "T": "4:10/km"},
        "step": [{"run": "400m"}],
    }
    assert list(validator.iter_errors(good)) == []
    bad: dict[str, Any] = {"name": "x", "paces": {"from": 20}, "step": [{"run": "400m"}]}
    assert [e.message for e in validator.iter_errors(bad)] == ["20 is not of type 'string'"]


# ---- properties through the loader -------------------------------------------------

five_k_seconds = st.floats(min_value=13 * 60, max_value=45 * 60)


@given(five_k_seconds, five_k_seconds, st.sampled_from(sorted(vdot.TRAINING_NAMES)))
def test_a_faster_runner_never_gets_a_slower_target(a: float, b: float, name: str) -> None:
    fast_time, slow_time = sorted((a, b))
    text = I_REPS.replace('[paces]\nfrom = "5K 20:00"\n', "").replace('"I"', f'"{name}"')
    quick = parse_workout(text, race=vdot.Race(f"5K {fast_time}", 5000.0, fast_time))
    steady = parse_workout(text, race=vdot.Race(f"5K {slow_time}", 5000.0, slow_time))
    assert quick.steps[0].pace is not None and steady.steps[0].pace is not None
    assert quick.steps[0].pace[0] <= steady.steps[0].pace[0]
    assert quick.steps[0].pace[1] <= steady.steps[0].pace[1]
