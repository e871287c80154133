"""The shipped examples: valid, covering every key, and matching the schema."""

from __future__ import annotations

import json
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from trackapp.cli import main
from trackapp.domain.loader import STEP_KEYS, TOP_KEYS
from trackapp.storage.workout_files import load_plan

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((REPO / "workouts").glob("*.toml"))
SCHEMA_LINE = "#:schema ../trackapp/schema/workout.schema.json"


def schema() -> dict[str, Any]:
    """The schema as the installed package ships it."""
    text = resources.files("trackapp").joinpath("schema/workout.schema.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def validator() -> jsonschema.protocols.Validator:
    cls = jsonschema.validators.validator_for(schema())
    cls.check_schema(schema())
    return cls(schema())


def test_there_are_enough_examples() -> None:
    assert len(EXAMPLES) >= 8
    assert (REPO / "workouts" / "8x400.toml").is_file()  # `make run` opens it


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_example_is_valid(path: Path) -> None:
    plan = load_plan(path)
    assert plan.segments
    assert plan.workout.notes


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_example_starts_with_schema_comment(path: Path) -> None:
    assert path.read_text(encoding="utf-8").splitlines()[0] == SCHEMA_LINE
    assert (path.parent / SCHEMA_LINE.split()[1]).resolve().is_file()


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_example_matches_schema(path: Path) -> None:
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    errors = [e.message for e in validator().iter_errors(data)]
    assert errors == []


def test_check_accepts_every_example(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", *map(str, EXAMPLES)]) == 0
    assert capsys.readouterr().err == ""
    assert main(["check", "--json", *map(str, EXAMPLES)]) == 0
    assert len(capsys.readouterr().out.splitlines()) == len(EXAMPLES)


def _collect(data: dict[str, Any]) -> set[str]:
    keys = {k for k in data if k in TOP_KEYS}
    for step in data.get("step", []):
        keys |= {k for k in step if k in STEP_KEYS}
        if isinstance(step.get("run"), list):
            keys.add("run[ladder]")
            if isinstance(step.get("target"), list):
                keys.add("target[per rep]")
            if isinstance(step.get("rest"), list):
                keys.add("rest[per gap]")
        if "run" in step and "rest" in step:
            keys.add("rest[between reps]")
        if "run" not in step and "rest" in step:
            keys.add("rest[standalone]")
        if any(v == "open" for v in step.values()):
            keys.add("open")
        if "-" in str(step.get("target", "")) or "-" in str(step.get("pace", "")):
            keys.add("range")
    if data.get("track") == "200m":
        keys.add("track=200m")
    if data.get("pace_unit") == "mi":
        keys.add("pace_unit=mi")
    return keys


def test_examples_use_every_key() -> None:
    used: set[str] = set()
    for path in EXAMPLES:
        with path.open("rb") as handle:
            used |= _collect(tomllib.load(handle))
    wanted = {
        *TOP_KEYS, *STEP_KEYS, "run[ladder]", "target[per rep]", "rest[per gap]",
        "rest[between reps]", "rest[standalone]", "open", "range", "track=200m", "pace_unit=mi",
    }  # fmt: skip
    assert wanted - used == set()


BROKEN: list[tuple[str, dict[str, Any]]] = [
    ("no name", {"step": [{"run": "400m"}]}),
    ("no steps", {"name": "x"}),
    ("empty steps", {"name": "x", "step": []}),
    ("unknown top key", {"name": "x", "nmae": "y", "step": [{"run": "400m"}]}),
    ("unknown step key", {"name": "x", "step": [{"run": "400m", "reapet": 3}]}),
    ("bare number", {"name": "x", "step": [{"run": 400}]}),
    ("bad distance", {"name": "x", "step": [{"run": "400 yards"}]}),
    ("bad duration", {"name": "x", "step": [{"warmup": "fifteen minutes"}]}),
    ("two kinds", {"name": "x", "step": [{"warmup": "10:00", "run": "400m"}]}),
    ("no kind", {"name": "x", "step": [{"repeat": 3}]}),
    ("run key on warmup", {"name": "x", "step": [{"warmup": "10:00", "repeat": 2}]}),
    ("run key on rest", {"name": "x", "step": [{"rest": "3:00", "target": "1:00"}]}),
    ("rest and every", {"name": "x", "step": [{"run": "400m", "repeat": 3, "rest": "1:00",
                                                "every": "2:00"}]}),
    ("target and pace", {"name": "x", "step": [{"run": "400m", "target": "1:30",
                                                 "pace": "6:00/mi"}]}),
    ("repeat with ladder", {"name": "x", "step": [{"run": ["200m", "400m"], "repeat": 2}]}),
    ("single target on ladder", {"name": "x", "step": [{"run": ["200m", "400m"],
                                                         "target": "1:00"}]}),
    ("list rest without ladder", {"name": "x", "step": [{"run": "400m", "repeat": 3,
                                                          "rest": ["1:00", "1:00"]}]}),
    ("set_rest without sets", {"name": "x", "step": [{"run": "400m", "repeat": 3,
                                                       "set_rest": "3:00"}]}),
    ("repeat zero", {"name": "x", "step": [{"run": "400m", "repeat": 0}]}),
    ("repeat text", {"name": "x", "step": [{"run": "400m", "repeat": "8"}]}),
    ("pace_unit", {"name": "x", "pace_unit": "miles", "step": [{"run": "400m"}]}),
    ("track as duration", {"name": "x", "track": "1:30", "step": [{"run": "400m"}]}),
    ("bad named pace", {"name": "x", "paces": {"5k": "fast"}, "step": [{"run": "400m"}]}),
    ("lap_splits text", {"name": "x", "step": [{"run": "400m", "lap_splits": "no"}]}),
    ("bad target", {"name": "x", "step": [{"run": "400m", "target": "quick"}]}),
]  # fmt: skip


@pytest.mark.parametrize(("case", "doc"), BROKEN, ids=[case for case, _ in BROKEN])
def test_schema_rejects_broken_documents(case: str, doc: dict[str, Any]) -> None:
    assert list(validator().iter_errors(doc)), case


GOOD: list[dict[str, Any]] = [
    {"name": "x", "step": [{"run": "1m30s"}, {"run": "5 m"}, {"rest": "open"}]},
    {"name": "x", "step": [{"run": "400m", "repeat": 2, "every": "2:00", "sets": 2,
                            "set_rest": "4:00", "target": "1:28-1:32"}]},
    {"name": "x", "step": [{"run": ["200m", "400m"], "target": ["0:40", "1:25"],
                            "rest": ["1:00"], "label": "l", "cue": "c", "lap_splits": False}]},
    {"name": "x", "paces": {"t": "5:50-6:00/mi"}, "step": [{"run": "1mi", "pace": "t"}]},
    {"name": "x", "step": [{"run": "3:00", "pace": "75s/400m"}, {"cooldown": "1 mi"}]},
]  # fmt: skip


@pytest.mark.parametrize("doc", GOOD)
def test_schema_accepts_what_the_loader_accepts(doc: dict[str, Any]) -> None:
    import tomli_w

    from trackapp.domain.workout_plan import plan_from_text

    plan_from_text(tomli_w.dumps(doc))
    assert list(validator().iter_errors(doc)) == []


def test_every_schema_key_has_a_description() -> None:
    """Editors show these as help while typing; a key without one shows nothing."""
    data = schema()
    top = data["properties"]
    step = data["definitions"]["step"]["properties"]
    assert set(top) == set(TOP_KEYS)
    assert set(step) == set(STEP_KEYS)
    for key, value in [*top.items(), *step.items()]:
        assert value.get("description", "").strip(), key
    for name, value in data["definitions"].items():
        assert value.get("description", "").strip(), name
