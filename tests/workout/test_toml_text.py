"""The shared reading of hand-written TOML (workouts and rosters): lines, errors, hints."""

from __future__ import annotations

import pytest

from trackapp.domain.toml_text import (
    TomlTextError,
    did_you_mean,
    load_toml,
    place,
    toml_lines,
    type_name,
)

TEXT = '''name = "x"
notes = """
fake = "not a key: inside a multi-line string"
"""
[[step]]
run = "400m"
[athlete."paces"]
5k = "6:10/mi"
'''


def test_lines_skip_multiline_strings_and_unquote_headers() -> None:
    found = [(line.number, line.header, line.array, line.key) for line in toml_lines(TEXT)]
    assert found == [
        (1, None, False, "name"),
        (2, None, False, "notes"),
        (5, "step", True, None),
        (6, None, False, "run"),
        (7, "athlete.paces", False, None),
        (8, None, False, "5k"),
    ]


@pytest.mark.parametrize(
    ("text", "line", "start"),
    [
        ('name = "x"\nrun = \n', 2, "TOML syntax error: Invalid value (column 7)"),
        ('name = "x', 1, "TOML syntax error: Unterminated string"),
        ("a = " + "[" * 5000, 1, "lists or tables are nested too deeply to be a roster"),
        ("a = " + "9" * 5000, 1, "TOML value cannot be read"),
    ],
)
def test_every_failure_is_a_line_and_a_message(text: str, line: int, start: str) -> None:
    with pytest.raises(TomlTextError) as caught:
        load_toml(text, "a roster")
    assert caught.value.line == line
    assert caught.value.message.startswith(start), caught.value.message


def test_hints_types_and_places() -> None:
    assert did_you_mean("rset", ("run", "rest"), {}) == "did you mean `rest`?"
    assert did_you_mean("jog", ("run", "rest"), {"jog": "rest"}) == "did you mean `rest`?"
    assert did_you_mean("zzz", ("run", "rest"), {}) == "known keys: `run`, `rest`"
    values: tuple[object, ...] = (True, 3, 2.5, "a", [], {})
    assert [type_name(v) for v in values] == [
        "true/false",
        "a number",
        "a number",
        "text",
        "a list",
        "a table",
    ]
    assert place("w.toml", 3, "step 2 (run)", "bad") == "w.toml:3: step 2 (run): bad"
    assert place("w.toml", 0, "", "empty") == "w.toml: empty"
