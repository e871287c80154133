"""Each rule of the format and each error the loader reports, with its line."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from trackapp.domain.loader import Problem, WorkoutError, parse_workout
from trackapp.domain.plan import Plan
from trackapp.domain.workout import StepKind

Plans = Callable[[str], Plan]
Problems = Callable[[str], list[Problem]]
OneProblem = Callable[[str], Problem]


def test_minimal_workout(plan: Plans) -> None:
    p = plan('[[step]]\nrun = "400m"\n')
    assert p.workout.name == "test"
    assert p.workout.track == 400.0
    assert p.workout.pace_unit == "km"
    assert [s.kind for s in p.segments] == [StepKind.RUN]


def test_top_level_keys(plan: Plans) -> None:
    p = plan(
        'name = "  Tempo  "\nnotes = "hi"\ntrack = "200m"\npace_unit = "mi"\n'
        '[paces]\ntempo = "6:20/mi"\n[[step]]\nrun = "1mi"\npace = "tempo"\n'
    )
    w = p.workout
    assert (w.name, w.notes, w.track, w.pace_unit) == ("Tempo", "hi", 200.0, "mi")
    assert set(w.paces) == {"tempo"}
    assert p.segments[0].target == (380.0, 380.0)


# -- errors at the top level --------------------------------------------------


def test_missing_name_and_steps_both_reported() -> None:
    with pytest.raises(WorkoutError) as info:
        parse_workout('notes = "n"\n')
    found = info.value.problems
    keys = {p.key for p in found}
    assert keys == {"name", "step"}
    assert all(p.line >= 1 for p in found)


@pytest.mark.parametrize(
    ("text", "key", "line", "hint"),
    [
        ('name = ""\n[[step]]\nrun = "400m"\n', "name", 1, "non-empty"),
        ('name = 3\n[[step]]\nrun = "400m"\n', "name", 1, "non-empty"),
        ('notes = 3\n[[step]]\nrun = "400m"\n', "notes", 2, "notes must be text"),
        ('track = "1:30"\n[[step]]\nrun = "400m"\n', "track", 2, '"400m"'),
        ('track = 400\n[[step]]\nrun = "400m"\n', "track", 2, '"400m"'),
        ('track = "400"\n[[step]]\nrun = "400m"\n', "track", 2, 'bare number: write "400m"'),
        ('track = "open"\n[[step]]\nrun = "400m"\n', "track", 2, "lap length"),
        ('track = "0m"\n[[step]]\nrun = "400m"\n', "track", 2, "longer than zero"),
        ('pace_unit = "miles"\n[[step]]\nrun = "400m"\n', "pace_unit", 2, '"km" or "mi"'),
        ('paces = 3\n[[step]]\nrun = "400m"\n', "paces", 2, "table"),
        ('step = "run 400m"\n', "step", 2, "[[step]]"),
        ("[step]\nrun = 1\n", "step", 2, "[[step]]"),
    ],
)
def test_top_level_errors(
    one_problem: OneProblem, text: str, key: str, line: int, hint: str
) -> None:
    problem = one_problem(text)
    assert (problem.key, problem.line) == (key, line)
    assert hint in problem.message


def test_unknown_top_key_did_you_mean(one_problem: OneProblem) -> None:
    problem = one_problem('nmae = "x"\nname = "y"\n[[step]]\nrun = "400m"\n')
    assert problem.line == 1
    assert "unknown key `nmae`; did you mean `name`?" in problem.message


def test_step_key_at_top_level_says_where_it_belongs(one_problem: OneProblem) -> None:
    problem = one_problem('repeat = 8\n[[step]]\nrun = "400m"\n')
    assert "belongs inside a [[step]] table" in problem.message
    assert problem.line == 2


def test_misspelt_steps_table(problems: Problems) -> None:
    found = problems('[[steps]]\nrun = "400m"\n')
    messages = " | ".join(p.message for p in found)
    assert "did you mean `step`?" in messages
    assert "no steps" in messages


# -- step kinds ------------------------------------------------------------------


def test_each_kind(plan: Plans) -> None:
    p = plan(
        '[[step]]\nwarmup = "15:00"\n[[step]]\nrun = "400m"\n'
        '[[step]]\nrest = "3:00"\n[[step]]\ncooldown = "1mi"\n'
    )
    kinds = [(s.kind, s.label, s.duration, s.distance) for s in p.segments]
    assert kinds == [
        (StepKind.WARMUP, "Warm-up", 900.0, None),
        (StepKind.RUN, "400 m", None, 400.0),
        (StepKind.REST, "Rest", 180.0, None),
        (StepKind.COOLDOWN, "Cool-down", None, 1609.344),
    ]
    # only run reps have split points; a distance cool-down ends on one press
    assert p.segments[3].splits is None


def test_step_without_kind(one_problem: OneProblem) -> None:
    problem = one_problem('[[step]]\nrepeat = 3\n[[step]]\nrun = "400m"\n')
    assert (problem.step, problem.line) == (1, 2)
    assert "needs one of `warmup`, `cooldown`, `run` or `rest`" in problem.message


def test_two_kinds_in_one_step(one_problem: OneProblem) -> None:
    problem = one_problem('[[step]]\nwarmup = "10:00"\ncooldown = "10:00"\n')
    assert problem.step == 1
    assert problem.line == 4  # the second kind's line
    assert "split them into separate [[step]] tables" in problem.message


def test_run_keys_on_a_warmup(one_problem: OneProblem) -> None:
    problem = one_problem('[[step]]\nwarmup = "10:00"\nrepeat = 2\n')
    assert (problem.key, problem.line) == ("repeat", 4)
    assert "goes with a `run` step, not with `warmup`" in problem.message


def test_run_keys_on_a_standalone_rest(one_problem: OneProblem) -> None:
    problem = one_problem('[[step]]\nrest = "3:00"\nsets = 2\n')
    assert (problem.key, problem.message) == (
        "sets",
        "`sets` goes with a `run` step, not with `rest`",
    )


@pytest.mark.parametrize(
    ("typo", "meant"),
    [
        ("reapet", "repeat"),
        ("reps", "repeat"),
        ("setrest", "set_rest"),
        ("lapsplits", "lap_splits"),
        ("recovery", "rest"),
        ("targte", "target"),
        ("warm_up", "warmup"),
    ],
)
def test_unknown_step_key_did_you_mean(one_problem: OneProblem, typo: str, meant: str) -> None:
    problem = one_problem(f'[[step]]\nrun = "400m"\n{typo} = 1\n')
    assert (problem.step, problem.key, problem.line) == (1, typo, 4)
    assert problem.message == f"unknown key `{typo}`; did you mean `{meant}`?"


def test_unknown_key_without_close_match_lists_known(one_problem: OneProblem) -> None:
    problem = one_problem('[[step]]\nrun = "400m"\nzzz = 1\n')
    assert "known keys:" in problem.message and "`repeat`" in problem.message


# -- bare numbers and wrong types ---------------------------------------------------


@pytest.mark.parametrize("key", ["run", "warmup", "cooldown", "rest"])
def test_bare_number_shows_both_readings(one_problem: OneProblem, key: str) -> None:
    problem = one_problem(f"[[step]]\n{key} = 400\n")
    assert problem.key == key
    assert '"400m"' in problem.message and '"400s"' in problem.message
    assert "ambiguous" in problem.message


def test_bare_float_and_huge_int(one_problem: OneProblem) -> None:
    assert '"1.5m"' in one_problem("[[step]]\nrun = 1.5\n").message
    huge = one_problem("[[step]]\nrun = 1" + "0" * 400 + "\n")
    assert "ambiguous" in huge.message


@pytest.mark.parametrize("key", ["every", "target"])
def test_bare_number_for_durations(one_problem: OneProblem, key: str) -> None:
    problem = one_problem(f'[[step]]\nrun = "400m"\nrepeat = 2\n{key} = 90\n')
    assert '"90s"' in problem.message and '"90:00"' in problem.message


@pytest.mark.parametrize(
    ("line", "hint"),
    [
        ("repeat = 0", "1 or more"),
        ('repeat = "8"', "repeat = 8"),
        ("repeat = 2.5", "whole number"),
        ("repeat = true", "whole number"),
        ("repeat = 1_000_000", "too many"),
        ("sets = -1", "1 or more"),
        ("lap_splits = 1", "true or false"),
        ("label = 3", "text in quotes"),
        ("cue = [1]", "text in quotes"),
        ("run2 = 1", "did you mean `run`?"),
    ],
)
def test_value_errors(one_problem: OneProblem, line: str, hint: str) -> None:
    problem = one_problem(f'[[step]]\nrun = "400m"\n{line}\n')
    assert hint in problem.message
    assert problem.line == 4


def test_dates_are_not_lengths(one_problem: OneProblem) -> None:
    assert "not a date or time" in one_problem("[[step]]\nrun = 2024-05-01\n").message


# -- rest, set_rest, every ----------------------------------------------------------


def kinds_and_lengths(p: Plan) -> list[tuple[str, float | None, float | None]]:
    return [(str(s.kind), s.distance, s.duration) for s in p.segments]


def test_rest_between_reps_never_after_the_last(plan: Plans) -> None:
    p = plan('[[step]]\nrun = "400m"\nrepeat = 3\nrest = "1:30"\n')
    assert kinds_and_lengths(p) == [
        ("run", 400.0, None),
        ("rest", None, 90.0),
        ("run", 400.0, None),
        ("rest", None, 90.0),
        ("run", 400.0, None),
    ]


def test_set_rest_between_sets(plan: Plans) -> None:
    p = plan('[[step]]\nrun = "200m"\nrepeat = 2\nsets = 2\nrest = "200m"\nset_rest = "5:00"\n')
    assert kinds_and_lengths(p) == [
        ("run", 200.0, None),
        ("rest", 200.0, None),
        ("run", 200.0, None),
        ("rest", None, 300.0),
        ("run", 200.0, None),
        ("rest", 200.0, None),
        ("run", 200.0, None),
    ]
    set_rest = p.segments[3]
    assert (set_rest.label, set_rest.set_rest, set_rest.set, set_rest.rep) == (
        "Set rest",
        True,
        1,
        2,
    )
    assert [(s.set, s.rep) for s in p.segments if s.kind is StepKind.RUN] == [
        (1, 1),
        (1, 2),
        (2, 1),
        (2, 2),
    ]


def test_rest_used_between_sets_without_set_rest(plan: Plans) -> None:
    p = plan('[[step]]\nrun = "400m"\nrepeat = 2\nsets = 2\nrest = "1:00"\n')
    assert [s.duration for s in p.segments if s.kind is StepKind.REST] == [60.0, 60.0, 60.0]


def test_no_rest_no_every_means_reps_back_to_back(plan: Plans) -> None:
    p = plan('[[step]]\nrun = "100m"\nrepeat = 3\nsets = 2\n')
    assert [str(s.kind) for s in p.segments] == ["run"] * 6


def test_one_rep_sets_take_the_rest_between_sets(plan: Plans) -> None:
    p = plan('[[step]]\nrun = "1mi"\nsets = 3\nrest = "3:00"\n')
    assert [str(s.kind) for s in p.segments] == ["run", "rest", "run", "rest", "run"]


def test_rest_on_a_single_rep_is_an_error(one_problem: OneProblem) -> None:
    problem = one_problem('[[step]]\nrun = "2mi"\nrest = "5:00"\n')
    assert (problem.key, problem.line) == ("rest", 4)
    assert "add a step of its own" in problem.message


def test_every_on_a_single_rep_is_an_error(one_problem: OneProblem) -> None:
    problem = one_problem('[[step]]\nrun = "400m"\nevery = "2:00"\n')
    assert problem.key == "every"
    assert "one rep" in problem.message


def test_set_rest_needs_sets(one_problem: OneProblem) -> None:
    problem = one_problem('[[step]]\nrun = "400m"\nrepeat = 4\nset_rest = "4:00"\n')
    assert (problem.key, problem.line) == ("set_rest", 5)
    assert "`sets` of 2 or more" in problem.message


def test_every_is_a_send_off(plan: Plans) -> None:
    p = plan('[[step]]\nrun = "400m"\nrepeat = 3\nevery = "2:30"\ntarget = "1:20"\n')
    rests = [s for s in p.segments if s.kind is StepKind.REST]
    assert [(r.every, r.duration, r.distance) for r in rests] == [(150.0, None, None)] * 2
    assert p.estimated_time() == (80 + 70 + 80 + 70 + 80, True)


def test_every_between_sets_and_set_rest(plan: Plans) -> None:
    p = plan('[[step]]\nrun = "400m"\nrepeat = 2\nsets = 2\nevery = "2:00"\nset_rest = "4:00"\n')
    rests = [(s.every, s.duration, s.set_rest) for s in p.segments if s.kind is StepKind.REST]
    assert rests == [(120.0, None, False), (None, 240.0, True), (120.0, None, False)]


def test_every_excludes_rest(one_problem: OneProblem) -> None:
    problem = one_problem('[[step]]\nrun = "400m"\nrepeat = 3\nrest = "1:00"\nevery = "2:00"\n')
    assert problem.key == "every" and "exclude each other" in problem.message


def test_every_must_outlast_a_timed_rep(one_problem: OneProblem) -> None:
    problem = one_problem('[[step]]\nrun = "2:00"\nrepeat = 3\nevery = "2:00"\n')
    assert "longer than the rep" in problem.message


def test_rest_as_a_list_needs_a_ladder(one_problem: OneProblem) -> None:
    problem = one_problem('[[step]]\nrun = "400m"\nrepeat = 3\nrest = ["1:00", "2:00"]\n')
    assert "only goes with a ladder" in problem.message


# -- ladders ----------------------------------------------------------------------------


LADDER = '[[step]]\nrun = ["200m", "400m", "600m"]\n'


def test_ladder_with_per_rep_targets_and_per_gap_rests(plan: Plans) -> None:
    p = plan(LADDER + 'target = ["0:40", "1:25", "2:10-2:15"]\nrest = ["1:00", "2:00"]\n')
    assert [(str(s.kind), s.distance or s.duration, s.target) for s in p.segments] == [
        ("run", 200.0, (40.0, 40.0)),
        ("rest", 60.0, None),
        ("run", 400.0, (85.0, 85.0)),
        ("rest", 120.0, None),
        ("run", 600.0, (130.0, 135.0)),
    ]
    assert p.segments[4].splits == (200.0, 600.0)


def test_ladder_single_rest_for_every_gap(plan: Plans) -> None:
    p = plan(LADDER + 'rest = "1:00"\n')
    assert [s.duration for s in p.segments if s.kind is StepKind.REST] == [60.0, 60.0]


def test_ladder_with_sets_and_pace(plan: Plans) -> None:
    p = plan(LADDER + 'sets = 2\nrest = "1:00"\nset_rest = "3:00"\npace = "75s/400m"\n')
    runs = [s for s in p.segments if s.kind is StepKind.RUN]
    assert [s.target for s in runs] == [(37.5, 37.5), (75.0, 75.0), (112.5, 112.5)] * 2
    assert len(p.segments) == 11


@pytest.mark.parametrize(
    ("extra", "key", "hint"),
    [
        ('target = "1:00"', "target", "one target per rep, a list of 3"),
        ('target = ["0:40", "1:25"]', "target", "needs 3 targets (one per rep), not 2"),
        ('rest = ["1:00"]', "rest", "needs 2 rests (one per gap), not 1"),
        ("repeat = 2", "repeat", "does not go with a ladder"),
        ('rest = ["1:00", 60]', "rest", "rest 2: a bare number"),
        ('target = ["0:40", "x", "2:00"]', "target", "target 2:"),
    ],
)
def test_ladder_errors(one_problem: OneProblem, extra: str, key: str, hint: str) -> None:
    problem = one_problem(LADDER + extra + "\n")
    assert (problem.key, problem.line) == (key, 4)
    assert hint in problem.message


def test_ladder_bad_rep_does_not_miscount_targets(one_problem: OneProblem) -> None:
    problem = one_problem(
        '[[step]]\nrun = ["200m", 400, "600m"]\ntarget = ["0:40", "1:20", "2:00"]\n'
    )
    assert problem.key == "run" and "rep 2 of the ladder" in problem.message


def test_empty_ladder(one_problem: OneProblem) -> None:
    assert "at least one length" in one_problem("[[step]]\nrun = []\n").message


def test_one_rep_ladder_rest_list(one_problem: OneProblem) -> None:
    assert "no gap" in one_problem('[[step]]\nrun = ["400m"]\nrest = ["1:00"]\n').message


# -- target and pace ------------------------------------------------------------------


def test_pace_gives_target_rounded_to_tenths(plan: Plans) -> None:
    p = plan('[paces]\n5k = "6:00/mi"\n[[step]]\nrun = "400m"\npace = "5k"\n')
    assert p.segments[0].target == (89.5, 89.5)


def test_pace_range_gives_target_range(plan: Plans) -> None:
    p = plan('[[step]]\nrun = "1mi"\npace = "5:50-6:00/mi"\n')
    assert p.segments[0].target == (350.0, 360.0)


def test_pace_on_a_timed_run_is_a_guide(plan: Plans) -> None:
    p = plan('[[step]]\nrun = "3:00"\npace = "4:00/km"\n')
    seg = p.segments[0]
    assert seg.target is None
    assert seg.pace == pytest.approx((0.24, 0.24))


def test_target_on_a_timed_run_is_an_error(one_problem: OneProblem) -> None:
    problem = one_problem('[[step]]\nrun = "3:00"\ntarget = "3:00"\n')
    assert problem.key == "target" and "has no target time" in problem.message


def test_target_and_pace_exclude_each_other(one_problem: OneProblem) -> None:
    problem = one_problem('[[step]]\nrun = "400m"\ntarget = "1:30"\npace = "6:00/mi"\n')
    assert problem.key == "pace" and "exclude each other" in problem.message


def test_unknown_pace_name(one_problem: OneProblem) -> None:
    text = '[paces]\ntempo = "6:20/mi"\n[[step]]\nrun = "1mi"\npace = "tmepo"\n'
    problem = one_problem(text)
    assert problem.line == 6
    assert "no pace named 'tmepo'; did you mean `tempo`?" in problem.message


def test_pace_name_without_paces_table(one_problem: OneProblem) -> None:
    assert "no [paces] table" in one_problem('[[step]]\nrun = "1mi"\npace = "5k"\n').message


def test_broken_named_pace_reported_once_at_its_line(one_problem: OneProblem) -> None:
    problem = one_problem('[paces]\n5k = "fast"\n[[step]]\nrun = "400m"\npace = "5k"\n')
    assert (problem.key, problem.line) == ("paces.5k", 3)


def test_target_range_backwards(one_problem: OneProblem) -> None:
    problem = one_problem('[[step]]\nrun = "400m"\ntarget = "1:32-1:28"\n')
    assert "write 1:28-1:32" in problem.message


# -- TOML syntax, all problems at once, formatting -----------------------------------


def test_toml_syntax_error_has_line_and_column() -> None:
    with pytest.raises(WorkoutError) as info:
        parse_workout('name = "x"\n[[step]]\nrun = 400m\n', "w.toml")
    (problem,) = info.value.problems
    assert (problem.line, problem.column) == (3, 10)
    assert problem.format("w.toml").startswith("w.toml:3: TOML syntax error: ")
    assert "(column 10)" in problem.message


def test_toml_syntax_error_at_end_of_file_points_at_last_line() -> None:
    with pytest.raises(WorkoutError) as info:
        parse_workout('name = "x"\n[[step]]\nrun')
    assert info.value.problems[0].line == 3


def test_deep_nesting_is_a_problem_not_a_crash() -> None:
    with pytest.raises(WorkoutError, match="nested too deeply"):
        parse_workout("a = " + "[" * 5000 + "]" * 5000)


def test_every_problem_at_once_in_line_order(problems: Problems) -> None:
    text = (
        'name = "x"\n'  # 1
        'pace_unit = "miles"\n'  # 2
        "[[step]]\n"  # 3
        "warmup = 15\n"  # 4
        "[[step]]\n"  # 5
        'run = "400m"\n'  # 6
        "reapet = 8\n"  # 7
        'rest = "1:5"\n'  # 8
        "[[step]]\n"  # 9
        'cooldown = "10:00"\n'  # 10
        "label = false\n"  # 11
    )
    found = problems(text)
    assert [(p.line, p.step, p.key) for p in found] == [
        (2, None, "pace_unit"),
        (4, 1, "warmup"),
        (7, 2, "reapet"),
        (8, 2, "rest"),
        (11, 3, "label"),
    ]
    lines = WorkoutError(found, "w.toml").format().splitlines()
    assert lines[1] == (
        'w.toml:4: step 1 (warmup): a bare number is ambiguous: write "15:00" or "15min" '
        'for minutes, "15s" for seconds'
    )


def test_line_numbers_with_comments_multiline_strings_and_inline_tables(problems: Problems) -> None:
    text = (
        'name = "x"\n'  # 1
        'notes = """\n'  # 2
        "[[step]]\n"  # 3 (inside the string)
        'run = 5\n"""\n'  # 4, 5
        "# [[step]] a comment\n"  # 6
        "[[step]]  # first\n"  # 7
        'run = "400m"\n'  # 8
        "  repeat = 0  # oops\n"  # 9
        "[[step]]\n"  # 10
        "cooldown = {a = 1}\n"  # 11
    )
    found = problems(text)
    assert [(p.line, p.step, p.key) for p in found] == [(9, 1, "repeat"), (11, 2, "cooldown")]


def test_file_level_problem_formats_without_line() -> None:
    assert Problem(0, "no such file").format("x.toml") == "x.toml: no such file"


def test_plan_too_long_is_a_problem(one_problem: OneProblem) -> None:
    problem = one_problem('[[step]]\nrun = "100m"\nrepeat = 5000\nrest = "0:30"\n')
    assert (problem.step, problem.key, problem.line) == (1, "repeat", 4)
    assert "at most 2,000" in problem.message


def test_billion_repeat_is_refused_quickly(problems: Problems) -> None:
    found = problems('[[step]]\nrun = "100m"\nrepeat = 1_000_000_000\nsets = 1_000_000_000\n')
    assert [(p.key, p.line) for p in found] == [("repeat", 4), ("sets", 5)]
    assert all("too many; at most 10,000" in p.message for p in found)


@pytest.mark.parametrize(
    ("step", "message"),
    [
        (
            'warmup = "15m"',
            "step 1 (warmup): '15m' is 15 m, shorter than a warm-up can be (at least 100 m); "
            'for 15 minutes write "15:00" or "15min" ("m" is metres)',
        ),
        (
            'cooldown = "10 m"',
            "step 1 (cooldown): '10 m' is 10 m, shorter than a cool-down can be",
        ),
        ('rest = "50m"', 'for 50 minutes write "50:00" or "50min", for 50 seconds "50s"'),
        (
            "warmup = 15",
            'a bare number is ambiguous: write "15:00" or "15min" for minutes, "15s" for seconds',
        ),
        (
            "warmup = 800",
            'write "800:00" or "800min" for minutes, "800s" for seconds or "800m" for metres',
        ),
    ],
)
def test_a_recovery_shorter_than_100_m_is_a_duration_misread(step: str, message: str) -> None:
    with pytest.raises(WorkoutError) as caught:
        parse_workout(f'name = "x"\n[[step]]\n{step}\n', "w.toml")
    assert message in str(caught.value)
    assert str(caught.value).startswith("w.toml:3: step 1 (")


def test_a_short_rest_between_reps_or_sets_is_an_error_too() -> None:
    text = 'name = "x"\n[[step]]\nrepeat = 2\nsets = 2\nrun = "400m"\nrest = "15m"\n'
    text += 'set_rest = "99m"\n'
    with pytest.raises(WorkoutError) as caught:
        parse_workout(text, "w.toml")
    lines = str(caught.value).splitlines()
    assert lines[0].startswith("w.toml:6: step 1 (rest): '15m' is 15 m")
    assert lines[1].startswith("w.toml:7: step 1 (set_rest): '99m' is 99 m")
    ok = parse_workout(text.replace('"15m"', '"100m"').replace('"99m"', '"200m"'))
    assert ok.steps[0].rests[0].metres == 100.0
