"""Arbitrary documents: the loader returns a plan or raises WorkoutError, nothing else."""

from __future__ import annotations

import datetime as dt
from typing import Any

import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trackapp.domain.loader import STEP_KEYS, WorkoutError
from trackapp.domain.plan import Plan
from trackapp.domain.workout_plan import plan_from_text

VALUE_TEXTS = [
    "400m", "1 mi", "1.5km", "0m", "1:30", "0:45", "1:02:30", "90s", "2min", "1m30s", "0:00",
    "1:75", "open", "OPEN", "6:00/mi", "3:45/km", "75s/400m", "5:50-6:00/mi", "1:28-1:32",
    "1:32-1:28", "fast", "", " ", "5k", "tempo", "400", "-1:30", "9" * 30 + "m", "1:5",
    "km", "mi", "200m", "2:00:00:00",
]  # fmt: skip
JUNK_KEYS = ["reapet", "reps", "Run", "step2", "", " ", "pace_units", "x.y", "ä", "paces.5k"]

texts = st.one_of(st.sampled_from(VALUE_TEXTS), st.text(max_size=12))
scalars = st.one_of(
    texts,
    st.integers(min_value=-(10**20), max_value=10**20),
    st.sampled_from([0, 1, 2, 8, 10_000, 10_001, 2_001]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(),
    st.datetimes(),
    st.times(),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.sampled_from([*STEP_KEYS, *JUNK_KEYS]), inner, max_size=4),
    ),
    max_leaves=12,
)
step_tables = st.dictionaries(
    st.sampled_from([*STEP_KEYS, *JUNK_KEYS]),
    st.one_of(st.lists(texts, max_size=8), values),
    max_size=7,
)
pace_tables = st.dictionaries(st.sampled_from(["5k", "tempo", "mile", "x"]), values, max_size=3)
documents = st.fixed_dictionaries(
    {},
    optional={
        "name": st.one_of(st.text(max_size=20), values),
        "notes": values,
        "track": st.one_of(st.sampled_from(["400m", "200m", "open", "1:30", "0m"]), values),
        "pace_unit": st.one_of(st.sampled_from(["km", "mi", "miles"]), values),
        "paces": st.one_of(pace_tables, values),
        "step": st.one_of(st.lists(step_tables, max_size=5), values),
        "reapet": values,
    },
)


def check(text: str) -> Plan | WorkoutError:
    try:
        return plan_from_text(text, "w.toml")
    except WorkoutError as err:
        assert err.problems, "an error lists at least one problem"
        for problem in err.problems:
            assert problem.line >= 1, problem
            assert problem.format("w.toml").startswith(f"w.toml:{problem.line}: ")
            assert problem.message.strip()
        return err


def serialise(doc: dict[str, Any]) -> str | None:
    try:
        return tomli_w.dumps(doc)
    except (TypeError, ValueError):  # e.g. NaN keys or values tomli-w refuses
        return None


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_arbitrary_documents(doc: dict[str, Any]) -> None:
    text = serialise(doc)
    if text is None:
        return
    result = check(text)
    if isinstance(result, Plan):
        assert result.segments
        assert 0 < len(result.segments) <= 2000


@settings(max_examples=200, deadline=None)
@given(st.lists(step_tables, min_size=1, max_size=4))
def test_arbitrary_steps_under_a_valid_header(steps: list[dict[str, Any]]) -> None:
    text = serialise({"name": "x", "paces": {"5k": "6:00/mi"}, "step": steps})
    if text is not None:
        check(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_arbitrary_text(text: str) -> None:
    try:
        plan_from_text(text, "w.toml")
    except WorkoutError as err:
        assert all(p.line >= 1 for p in err.problems)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(['name = "x"', "[[step]]", '[paces]', 'run = "400m"', "repeat = 3",
                             'rest = "1:00"', 'notes = """', '"""', "'''", "run = [", "]",
                             "# c", 'pace = "5k"', '5k = "6:00/mi"', "sets = 2", "[[step]"]),
            st.text(max_size=15),
        ),
        max_size=15,
    )
)  # fmt: skip
def test_line_soup(lines: list[str]) -> None:
    check("\n".join(lines))


def test_dates_serialise() -> None:
    """The strategies above do produce TOML dates, which the loader must name."""
    text = serialise({"name": "x", "step": [{"run": dt.date(2024, 5, 1)}]})
    assert text is not None
    result = check(text)
    assert isinstance(result, WorkoutError)
    assert "date" in result.problems[0].message
