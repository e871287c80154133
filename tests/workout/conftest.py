"""Helpers for the workout-format tests: text in, plan or problems out."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from trackapp.domain.loader import Problem, WorkoutError
from trackapp.domain.plan import Plan
from trackapp.domain.workout_plan import plan_from_text

REPO = Path(__file__).resolve().parents[2]
WORKOUTS = REPO / "workouts"
SCHEMA = REPO / "trackapp" / "schema" / "workout.schema.json"

HEAD = 'name = "test"\n'
HAS_NAME = re.compile(r"^\s*name\s*=", re.MULTILINE)


@pytest.fixture
def plan() -> Callable[[str], Plan]:
    """A plan from a document; a name line is added when it has none."""

    def make(text: str) -> Plan:
        if not HAS_NAME.search(text):
            text = HEAD + text
        return plan_from_text(text, "w.toml")

    return make


@pytest.fixture
def problems() -> Callable[[str], list[Problem]]:
    """The problems of a document that must fail; a name line is added when it has none."""

    def fail(text: str) -> list[Problem]:
        if not HAS_NAME.search(text):
            text = HEAD + text
        with pytest.raises(WorkoutError) as info:
            plan_from_text(text, "w.toml")
        return info.value.problems

    return fail


@pytest.fixture
def one_problem(problems: Callable[[str], list[Problem]]) -> Callable[[str], Problem]:
    def only(text: str) -> Problem:
        found = problems(text)
        assert len(found) == 1, [p.format("w.toml") for p in found]
        return found[0]

    return only
