"""The shipped example roster and the roster schema: they agree with the loader."""

from __future__ import annotations

import json
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from trackapp.domain.roster import RESERVED_KEYS, RosterError, athlete_plan, parse_roster
from trackapp.storage.roster_files import load_roster
from trackapp.storage.workout_files import read_workout_text

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((REPO / "rosters").glob("*.toml"))
SCHEMA_LINE = "#:schema ../trackapp/schema/roster.schema.json"


def validator() -> jsonschema.protocols.Validator:
    text = resources.files("trackapp").joinpath("schema/roster.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def test_there_is_an_example() -> None:
    assert (REPO / "rosters" / "tuesday-squad.toml") in EXAMPLES


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_example_is_valid_and_matches_the_schema(path: Path) -> None:
    roster = load_roster(path)
    assert len(roster.athletes) >= 3
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == SCHEMA_LINE
    assert (path.parent / SCHEMA_LINE.split()[1]).resolve().is_file()
    assert [e.message for e in validator().iter_errors(tomllib.loads(text))] == []


@pytest.mark.parametrize(
    "doc",
    [
        '[[athlete]]\nname = "A"\nkey = "q"\n',
        '[[athlete]]\nname = "A"\nkey = "ab"\n',
        '[[athlete]]\nname = "A"\nkee = "a"\n',
        '[[athlete]]\nname = ""\n',
        '[[athlete]]\nname = "A"\n[athlete.paces]\n5k = "fast"\n',
        '[[athlete]]\nname = "A"\n[athlete.paces]\nfrom = "5K 20:00"\n',
        'name = "x"\n',
        'nme = "x"\n[[athlete]]\nname = "A"\n',
    ],
)
def test_schema_and_loader_both_refuse(doc: str) -> None:
    with pytest.raises(RosterError):
        parse_roster(doc, "r.toml")
    assert list(validator().iter_errors(tomllib.loads(doc)))


def test_schema_refuses_every_reserved_letter() -> None:
    for key in sorted(k for k in RESERVED_KEYS if len(k) == 1):
        doc = {"athlete": [{"name": "A", "key": key}]}
        assert list(validator().iter_errors(doc)), key


def test_example_gives_each_athlete_a_target_for_a_shipped_workout() -> None:
    roster = load_roster(REPO / "rosters" / "tuesday-squad.toml")
    text = read_workout_text(REPO / "workouts" / "8x400.toml")
    targets = {
        a.name: next(s.target for s in athlete_plan(text, a).segments if s.target is not None)
        for a in roster.athletes
    }
    assert len(set(targets.values())) == len(roster.athletes)  # each their own
