"""The one-line summaries of a workout, and naming new and copied workout files."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trackapp.domain.describe import (
    describe_plan,
    estimate_text,
    last_run_text,
    short_duration,
)
from trackapp.domain.workout_plan import plan_from_text
from trackapp.storage.workout_library import (
    copy_name,
    create_workout,
    free_path,
    list_workouts,
    template_text,
    with_name,
)
from trackapp.ui.screens.editor import CannotEdit, check_text, read_for_editing

HEAD = 'name = "w"\n'


def shape(steps: str) -> str:
    return describe_plan(plan_from_text(HEAD + steps, "w.toml"))


@pytest.mark.parametrize(
    ("steps", "expected"),
    [
        ('[[step]]\nrepeat = 8\nrun = "400m"\nrest = "1:30"\n', "8 x 400 m, 90 s rest"),
        ('[[step]]\nrepeat = 4\nrun = "1mi"\nrest = "3:00"\n', "4 x 1 mi, 3 min rest"),
        ('[[step]]\nrepeat = 6\nrun = "1:00"\nrest = "2:30"\n', "6 x 1 min, 2:30 rest"),
        (
            '[[step]]\nrun = "200m"\nrepeat = 5\nsets = 3\nrest = "200m"\nset_rest = "5:00"\n',
            "3 x 5 x 200 m, 200 m rest, 5 min between sets",
        ),
        (
            '[[step]]\nrun = ["200m", "400m", "200m"]\nrest = ["1:00", "2:00"]\n',
            "200-400-200 m ladder, 1 min-2 min rest",
        ),
        ('[[step]]\nrun = "400m"\nrepeat = 10\nevery = "2:30"\n', "10 x 400 m every 2:30"),
        ('[[step]]\nrun = "open"\n', "open run"),
        ('[[step]]\nwarmup = "10:00"\n', "no run steps"),
        (
            '[[step]]\nrun = "400m"\nrepeat = 2\nrest = "1:00"\n'
            '[[step]]\nrest = "3:00"\n[[step]]\nrun = "10:00"\n',
            "2 x 400 m, 1 min rest + 10 min",
        ),
    ],
)
def test_shape(steps: str, expected: str) -> None:
    assert shape(steps) == expected


def test_short_duration() -> None:
    assert [short_duration(s) for s in (45, 60, 90, 120, 150, 3600)] == [
        "45 s",
        "1 min",
        "90 s",
        "2 min",
        "2:30",
        "1:00:00",
    ]


def test_estimate_marks_unknown_parts() -> None:
    known = plan_from_text(HEAD + '[[step]]\nrun = "400m"\ntarget = "1:30"\n', "w")
    unknown = plan_from_text(HEAD + '[[step]]\nrun = "open"\n', "w")
    assert estimate_text(known) == "1:30"
    assert estimate_text(unknown) == "0:00+"


def test_last_run_text() -> None:
    when = datetime(2026, 3, 4, 18, 5)
    assert last_run_text(when, "completed", 8, 8, 0.34) == "2026-03-04 8/8 +0.3"
    assert last_run_text("2026-03-04T18:05:00", "stopped", 3, 8, None) == "2026-03-04 stopped 3/8"
    assert last_run_text(None, "in_progress", 1, 8, -1.2) == "? unfinished 1/8 -1.2"


def test_template_is_a_valid_workout() -> None:
    plan = plan_from_text(template_text(), "new_workout.toml")
    assert plan.run_count() > 0


def test_with_name_replaces_only_the_top_level_name() -> None:
    text = '# c\nname = "Old"\n[[step]]\nrun = "400m"\nlabel = "name = x"\n'
    out = with_name(text, 'Say "hi"')
    assert out.splitlines()[1] == 'name = "Say \\"hi\\""'
    assert 'label = "name = x"' in out
    assert plan_from_text(out, "w").workout.name == 'Say "hi"'


def test_with_name_adds_a_missing_name_after_leading_comments() -> None:
    out = with_name('#:schema x\n[[step]]\nrun = "400m"\n', "Fresh")
    assert out.splitlines()[:2] == ["#:schema x", 'name = "Fresh"']


def test_file_names_stay_inside_the_folder(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    assert free_path(folder, "../../etc/passwd") == folder / "etc-passwd.toml"
    assert free_path(folder, "...") == folder / "workout.toml"
    first = create_workout(folder, "Tuesday 800s", template_text())
    second = create_workout(folder, "Tuesday 800s", template_text())
    assert (first.name, second.name) == ("tuesday-800s.toml", "tuesday-800s-2.toml")
    assert plan_from_text(second.read_text(), "x").workout.name == "Tuesday 800s"


def test_copy_name_avoids_taken_names() -> None:
    assert copy_name("A", []) == "Copy of A"
    assert copy_name("A", ["Copy of A", "Copy of A (2)"]) == "Copy of A (3)"


def test_list_keeps_broken_files_and_skips_hidden_ones(tmp_path: Path) -> None:
    here, mine = tmp_path / "here", tmp_path / "mine"
    here.mkdir()
    mine.mkdir()
    (here / "a.toml").write_text(HEAD + '[[step]]\nrun = "400m"\n')
    (here / "b.toml").write_bytes(b"\xff\xfe not utf-8")
    (here / ".a.toml.123.tmp").write_text("x")
    (here / "notes.txt").write_text("x")
    (mine / "c.toml").write_text("name = [")
    entries = list_workouts([("here", here), ("mine", mine), ("here", here)])
    assert [(e.path.name, e.ok) for e in entries] == [
        ("a.toml", True),
        ("b.toml", False),
        ("c.toml", False),
    ]
    assert entries[1].error is not None
    assert "not UTF-8" in entries[1].error.format()


def test_last_run_text_short_for_narrow_terminals() -> None:
    assert last_run_text("2026-03-04T18:05:00", "completed", 8, 8, 0.3, short=True) == (
        "04 Mar 8/8 +0.3"
    )
    assert last_run_text("not a date", "completed", 1, 1, None) == "not a date 1/1"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_the_editor_check_never_raises(text: str) -> None:
    plan, problems = check_text(text, "w.toml")
    assert (plan is None) == bool(problems)


def test_editing_reads_missing_and_non_utf8_files(tmp_path: Path) -> None:
    assert read_for_editing(tmp_path / "new.toml") == (
        "",
        "The file does not exist yet: saving creates it.",
    )
    (tmp_path / "latin.toml").write_bytes(b'name = "caf\xe9"\n')
    text, warning = read_for_editing(tmp_path / "latin.toml")
    assert text == 'name = "caf\ufffd"\n'
    assert "not UTF-8" in warning
    with pytest.raises(CannotEdit):
        read_for_editing(tmp_path)
