"""The figures: per session, and across sessions of one workout."""

from __future__ import annotations

import pytest

from tests.review.review_builders import at, run, session
from trackapp.domain.stats import (
    compare_sessions,
    figures,
    pace_unit_of,
    rep_from_segment,
    session_figures,
)


def test_session_figures_over_counted_reps() -> None:
    f = session_figures(session([90.0, 89.0, 91.0, 93.0]))
    assert f.done == 4
    assert f.average == pytest.approx(90.75)
    assert f.fastest == 89.0
    assert f.slowest == 93.0
    assert f.spread == pytest.approx(4.0)
    # population stdev: deviations -0.75 -1.75 0.25 2.25 from 90.75, squares 8.75, / 4 reps
    assert f.stdev == pytest.approx(1.479, abs=5e-4)  # sqrt(2.1875); the sample one is 1.708
    assert f.fade == pytest.approx(3.0)  # last minus first: slowing down is positive
    assert f.total_distance == 1600.0
    assert f.total_time == pytest.approx(363.0)
    assert f.average_target == pytest.approx(90.0)
    assert f.average_diff == pytest.approx(0.25)  # outside 88-92: only 93, by 1.0
    assert f.average_pace == pytest.approx(363.0 / 1600.0)


def test_skipped_reps_are_shown_but_not_averaged() -> None:
    f = session_figures(session([90.0, 30.0, 92.0], skip=[2]))
    assert len(f.reps) == 3
    assert f.done == 2
    assert f.skipped == 1
    assert f.average == pytest.approx(91.0)
    assert f.fastest == 90.0
    assert f.fade == pytest.approx(2.0)
    assert f.total_distance == 800.0


def test_running_and_stopped_reps_do_not_count() -> None:
    reps = [
        rep_from_segment(run(1, 90.0)),
        rep_from_segment(run(2, 40.0, ended_by="stop")),
        rep_from_segment(run(3, 10.0, ended_by=None)),
    ]
    f = figures(reps)
    assert f.done == 1
    assert f.average == 90.0
    assert f.stdev is None and f.fade is None  # one rep says nothing of spread


def test_empty_session_has_no_figures() -> None:
    f = session_figures(session([]))
    assert f.done == 0
    assert f.average is None and f.spread is None and f.average_pace is None
    assert f.total_distance == 0.0


def test_rep_diff_band_and_pace() -> None:
    fast = rep_from_segment(run(1, 87.0))
    on = rep_from_segment(run(2, 90.5))
    slow = rep_from_segment(run(3, 93.0, target=(90.0, 90.0)))
    untargeted = rep_from_segment(run(4, 60.0, target=None, distance=None))
    assert (fast.band, on.band, slow.band, untargeted.band) == ("fast", "on", "slow", None)
    assert fast.diff == pytest.approx(-1.0)  # 87 against 88-92: 1.0 under its low end
    assert on.diff == 0.0
    assert slow.diff == pytest.approx(3.0)
    assert untargeted.diff is None and untargeted.pace is None
    assert on.pace == pytest.approx(90.5 / 400)


def test_average_against_target_ignores_reps_without_one() -> None:
    reps = [rep_from_segment(run(1, 90.0)), rep_from_segment(run(2, 70.0, target=None))]
    f = figures(reps)
    assert f.average == pytest.approx(80.0)
    assert f.average_target == pytest.approx(90.0)
    assert f.average_diff == pytest.approx(0.0)


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ('pace_unit = "mi"\n[[step]]\n', "mi"),
        ("name = 'x'\npace_unit='mi' # miles\n", "mi"),
        ('name = "x"\n', "km"),
        ('[[step]]\npace_unit = "mi"\n', "km"),  # not top level
        ('pace_unit = "furlong"\n', "km"),
        ("not toml [[[ pace_unit", "km"),
        ('pace_unit = """mi"""\n', "mi"),  # unusual spelling: the full parse
    ],
)
def test_pace_unit_from_the_workout(text: str, unit: str) -> None:
    assert pace_unit_of(text) == unit


def test_compare_rows_columns_and_best() -> None:
    newer = session([89.0, 90.0, 91.0], started=at(10))
    older = session([91.0, 88.0, 92.0], started=at(3))
    c = compare_sessions([newer, older])
    assert [col.started for col in c.columns] == [at(3), at(10)]  # oldest first
    assert [col.position for col in c.columns] == [1, 0]
    assert [row.key for row in c.rows] == [(2, 1, 1), (2, 1, 2), (2, 1, 3)]
    assert not c.plans_differ
    first, second, third = c.rows
    assert [cell.best for cell in first.cells] == [False, True]
    assert [cell.best for cell in second.cells] == [True, False]
    assert third.best_time == 91.0
    assert all(row.mismatch is None for row in c.rows)
    averages = c.averages()
    assert averages[0][0] == at(3)
    assert averages[0][1] == pytest.approx((91 + 88 + 92) / 3)
    assert averages[1][1] == pytest.approx(90.0)


def test_compare_skipped_rep_is_never_best() -> None:
    a = session([85.0, 90.0], started=at(1), skip=[1])
    b = session([89.0, 90.0], started=at(2))
    c = compare_sessions([a, b])
    assert [cell.best for cell in c.rows[0].cells] == [False, True]
    assert [cell.best for cell in c.rows[1].cells] == [True, True]  # a tie marks both


def test_compare_same_plan_missing_rep_is_not_a_mismatch() -> None:
    full = session([90.0, 90.0, 90.0], started=at(1))
    stopped_early = session([90.0, 90.0], started=at(2), status="stopped")
    c = compare_sessions([full, stopped_early])
    assert c.rows[2].cells[1].rep is None
    assert c.rows[2].mismatch is None


def test_compare_edited_plan_marks_reps_that_do_not_line_up() -> None:
    old = session([90.0, 91.0, 92.0], started=at(1), plan=PLAN_OLD)
    new = session([89.0, 90.0], started=at(8), plan=PLAN_NEW)
    new.segments[2] = run(2, 180.0, distance=800.0, target=(178.0, 182.0))  # rep 2 now 800 m
    c = compare_sessions([old, new])
    assert c.plans_differ
    rep1, rep2, rep3 = c.rows
    assert rep1.mismatch is None
    assert [cell.best for cell in rep1.cells] == [False, True]
    assert rep2.mismatch == "distance differs, target differs"
    assert rep2.distance == 800.0  # the newest session's plan is the reference
    assert [cell.plan_differs for cell in rep2.cells] == [True, False]
    assert [cell.best for cell in rep2.cells] == [False, True]  # 91 s for 400 m is not best
    assert rep3.mismatch == "only in 1 of 2"
    assert rep3.cells[1].rep is None


PLAN_OLD = 'name = "6 x 400"\n# three reps\n'
PLAN_NEW = 'name = "6 x 400"\n# edited: rep 2 is 800 m\n'


def test_pace_unit_of_a_hostile_workout_text_is_km() -> None:
    """A session's `workout_toml` is untrusted: nesting past the parser's depth, or a
    5,000-digit number, must not crash `show`."""
    from trackapp.domain.stats import pace_unit_of

    assert pace_unit_of("pace_unit = 5\nx = " + "[" * 100_000) == "km"
    assert pace_unit_of("pace_unit = 5\nx = " + "9" * 5000) == "km"
    assert pace_unit_of('pace_unit = "mi"\n') == "mi"
