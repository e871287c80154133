"""Numbers a runner can trust: one rounding rule, differences that agree with the figures
beside them, distances as coaches say them, reps named in a runner's words."""

from __future__ import annotations

import dataclasses

import pytest

from tests.review.review_builders import run, session
from trackapp.domain import format as f
from trackapp.domain import review_text
from trackapp.domain.loader import parse_workout
from trackapp.domain.plan import expand
from trackapp.domain.session import SegmentRecord
from trackapp.domain.stats import figures, rep_from_segment, session_figures


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [
        (59.96, "1:00.0"),  # to the nearest tenth, not truncated
        (59.94, "0:59.9"),
        (13.059, "0:13.1"),
        (13.05, "0:13.1"),  # half up, whatever the float
        (89.733, "1:29.7"),
        (3725.44, "1:02:05.4"),
        (0.0, "0:00.0"),
    ],
)
def test_a_time_is_rounded_once_to_the_nearest_tenth(seconds: float, shown: str) -> None:
    assert f.time(seconds) == shown


def test_a_difference_agrees_with_the_figures_beside_it() -> None:
    # 13.059 s against 0:03 reads 0:13.1 and +10.1 (it read 0:13.0 +10.1)
    assert f.time(13.059) == "0:13.1"
    assert f.target((3.0, 3.0)) == "0:03"
    assert f.shown_target_diff(13.059, (3.0, 3.0)) == "+10.1"
    # spread from the fastest and slowest as shown: 5.04 and 7.06 read 0:05.0 and 0:07.1
    assert f.shown_gap(7.06, 5.04) == "2.1"


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [(62.3, "+1:02.3"), (-62.3, "-1:02.3"), (1.7, "+1.7"), (-0.04, "±0.0"), (59.96, "+1:00.0")],
)
def test_differences_of_a_minute_or_more_read_as_a_clock(seconds: float, shown: str) -> None:
    assert f.delta(seconds) == shown


def test_pace_is_rounded_not_truncated() -> None:
    # 4.22 s per 400 m is 16.98 s per mile: 0:17/mi (it read 0:16/mi)
    assert f.pace(4.22 / 400, "mi") == "0:17/mi"
    assert f.pace(90.0 / 400, "km") == "3:45/km"


@pytest.mark.parametrize(
    ("metres", "shown", "name"),
    [
        (400.0, "400 m", "400"),
        (1200.0, "1200 m", "1200"),
        (1600.0, "1600 m", "1600"),
        (2000.0, "2000 m", "2000"),
        (3200.0, "3200 m", "3200"),
        (1609.344, "1 mi", "mile"),
        (3218.688, "2 mi", "2 mi"),
        (5000.0, "5 km", "5 km"),
        (10000.0, "10 km", "10 km"),
        (21097.5, "21.1 km", "21.1 km"),
    ],
)
def test_distances_as_coaches_say_them(metres: float, shown: str, name: str) -> None:
    assert f.distance(metres) == shown
    assert f.distance_name(metres) == name


def _plan_names(text: str) -> list[str]:
    plan = expand(parse_workout(text))
    return [f.rep_name(s) for s in plan.segments if str(s.kind) == "run"]


def test_rep_names_in_a_runners_words() -> None:
    repeats = 'name = "x"\n[[step]]\nrepeat = 3\nrun = "400m"\nrest = "1:00"\n'
    assert _plan_names(repeats) == ["400 #1", "400 #2", "400 #3"]
    sets = 'name = "x"\n[[step]]\nrepeat = 2\nsets = 2\nrun = "200m"\nrest = "200m"\n'
    assert _plan_names(sets) == [
        "Set 1 · 200 #1",
        "Set 1 · 200 #2",
        "Set 2 · 200 #1",
        "Set 2 · 200 #2",
    ]
    ladder = 'name = "x"\n[[step]]\nrun = ["1200m", "1 mi"]\nrest = "2:00"\n'
    assert _plan_names(ladder) == ["1200 (rep 1 of the ladder)", "mile (rep 2 of the ladder)"]
    lone = 'name = "x"\n[[step]]\nrun = "1 mi"\n[[step]]\nrepeat = 2\nrun = "2min"\nrest = "1:00"\n'
    assert _plan_names(lone) == ["mile", "2 min #1", "2 min #2"]
    labelled = 'name = "x"\n[[step]]\nrepeat = 2\nrun = "open"\nlabel = "Hill"\nrest = "1:00"\n'
    assert _plan_names(labelled) == ["Hill #1", "Hill #2"]


def test_worked_example_of_review_json() -> None:
    """REVIEW_JSON.md: reps 5.013, 6.008, 7.009 give average 6.010, spread 1.996,
    fade 1.996, stdev 0.815 (population); shown, spread and fade read 2.0 beside
    the times 0:05.0 and 0:07.0 (they read 1.9 and +2.0)."""
    fig = session_figures(session([5.013, 6.008, 7.009]))
    (group,) = fig.groups
    assert group.count == 3
    assert group.average == pytest.approx(6.010, abs=5e-4)
    assert group.spread == pytest.approx(1.996, abs=5e-4)
    assert group.fade == pytest.approx(1.996, abs=5e-4)
    assert group.stdev == pytest.approx(0.815, abs=5e-4)
    text = review_text.group_text(group)
    assert "fastest 0:05.0" in text and "slowest 0:07.0" in text
    assert "spread 2.0" in text and "fade +2.0" in text
    assert "average 0:06.0" in text and "std dev 0.8" in text


def _seg(rep: int, distance: float, time: float, step: int = 2, label: str = "") -> SegmentRecord:
    return SegmentRecord(
        "run",
        step,
        1,
        rep,
        label or f.distance(distance),
        10.0 * rep,
        time,
        [time],
        "press",
        distance=distance,
        target=(time - 1, time + 1) if rep != 2 else (time + 2, time + 3),
    )


def test_unlike_reps_are_grouped_and_only_targets_combined() -> None:
    """A pyramid's 200s and its 1200 are never averaged together."""
    reps = [
        rep_from_segment(_seg(1, 200.0, 32.0)),
        rep_from_segment(_seg(2, 1200.0, 230.0)),
        rep_from_segment(_seg(3, 200.0, 33.0)),
    ]
    fig = figures(reps)
    assert [(g.label, g.count) for g in fig.groups] == [("200 m", 2), ("1200 m", 1)]
    assert fig.average is None and fig.spread is None  # no one average across unlike reps
    assert fig.groups[0].average == pytest.approx(32.5)
    assert fig.groups[1].spread is None  # a group of one has no spread
    assert fig.against is not None
    assert (fig.against.count, fig.against.on_target) == (3, 2)
    assert fig.against.average_diff == pytest.approx(-2.0 / 3)  # 230 is 2.0 under 232-233


def test_a_stopped_session_counts_reps_planned_from_its_workout() -> None:
    toml = 'name = "4 x 400"\n[[step]]\nrepeat = 4\nrun = "400m"\nrest = "1:00"\n'
    record = session([90.0, 91.0, 40.0], plan=toml, status="stopped")
    record.segments = [dataclasses.replace(s, step=1) for s in record.segments]
    record.segments[-1] = dataclasses.replace(record.segments[-1], laps=[], ended_by="stop")
    fig = session_figures(record)
    assert (fig.done, fig.planned, fig.stopped) == (2, 4, 1)
    assert review_text.reps_done_text(fig) == "2 of 4, 1 stopped"
    assert [r.name for r in fig.reps] == ["400 #1", "400 #2", "400 #3"]
    assert fig.reps[-1].time == 40.0  # a stopped rep keeps its whole time


def test_a_rep_of_a_workout_that_no_longer_loads_is_still_named() -> None:
    record = session([90.0, 91.0], plan="not = [toml")
    fig = session_figures(record)
    assert [r.name for r in fig.reps] == ["400 #1", "400 #2"]
    assert fig.planned == 2
    assert run(1, 90.0).label == "400 m"


def test_one_place_for_lengths_targets_and_durations() -> None:
    assert f.length(1200.0, None) == "1200 m"
    assert f.length(None, 90.0) == "90 s"
    assert f.length(None, 120.0) == "2 min"
    assert f.length(None, 150.0) == "2:30"
    assert f.length(None, None) == "open"
    assert f.length(None, None, every=150.0) == "to 2:30 cycle"
    assert f.target_text((88.0, 92.0), 400.0, None, "km") == "Target 1:28–1:32 (3:40-3:50/km)"
    assert f.target_text((90.0, 90.0), 400.0, None, "km") == "Target 1:30 (3:45/km)"
    assert f.target_text(None, None, (0.225, 0.225), "km") == "Pace 3:45/km"
    assert f.target((89.5, 89.5)) == "1:29.5"
    assert f.countdown(89.95) == "1:30" and f.countdown(0.0) == "0:00"
    assert f.clock(3149.6) == "52:30"
