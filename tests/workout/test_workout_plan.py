"""Split points, segment numbering, the JSON form and the estimated time."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from trackapp.domain.plan import MAX_SEGMENTS, Plan, split_points

Plans = Callable[[str], Plan]
MILE = 1609.344


@pytest.mark.parametrize(
    ("distance", "track", "splits"),
    [
        (1000, 400, (200.0, 600.0, 1000.0)),
        (1200, 400, (400.0, 800.0, 1200.0)),
        (300, 400, (300.0,)),
        (400, 400, (400.0,)),
        (800, 400, (400.0, 800.0)),
        (MILE, 400, (409.344, 809.344, 1209.344, 1609.344)),
        (1500, 400, (300.0, 700.0, 1100.0, 1500.0)),
        (450, 400, (450.0,)),  # odd part of 50 m joins the only lap
        (500, 400, (100.0, 500.0)),  # exactly 100 m stands on its own
        (1000, 200, (200.0, 400.0, 600.0, 800.0, 1000.0)),
        (MILE, 200, (209.344, 409.344, 609.344, 809.344, 1009.344, 1209.344, 1409.344, 1609.344)),
        (300, 200, (100.0, 300.0)),
        (250, 200, (250.0,)),
    ],
)
def test_split_points(distance: float, track: float, splits: tuple[float, ...]) -> None:
    assert split_points(distance, track) == splits
    assert split_points(distance, track)[-1] == pytest.approx(distance)


def test_lap_splits_false_is_one_press() -> None:
    assert split_points(1000, 400, lap_splits=False) == (1000.0,)


def test_plan_uses_track_and_lap_splits(plan: Plans) -> None:
    p = plan(
        'track = "200m"\n[[step]]\nrun = "1000m"\n'
        '[[step]]\nrun = "1000m"\nlap_splits = false\n[[step]]\nrun = "3:00"\n'
    )
    assert [s.splits for s in p.segments] == [(200.0, 400.0, 600.0, 800.0, 1000.0), (1000.0,), None]
    assert [s.presses_to_end for s in p.segments] == [5, 1, 0]


def test_open_segments(plan: Plans) -> None:
    p = plan('[[step]]\nwarmup = "open"\n[[step]]\nrun = "open"\nrepeat = 2\nrest = "open"\n')
    assert all(s.is_open for s in p.segments)
    assert [s.label for s in p.segments] == ["Warm-up", "Open run", "Rest", "Open run"]
    assert p.estimated_time() == (0.0, False)


def test_labels_and_cues(plan: Plans) -> None:
    p = plan(
        '[[step]]\nwarmup = "10:00"\nlabel = "Jog + drills"\ncue = "easy"\n'
        '[[step]]\nrun = "90s"\nrepeat = 2\nrest = "30s"\nlabel = "Surge"\ncue = "tall"\n'
    )
    assert [(s.label, s.cue) for s in p.segments] == [
        ("Jog + drills", "easy"),
        ("Surge", "tall"),
        ("Rest", None),
        ("Surge", "tall"),
    ]
    assert p.segments[1].label == "Surge"


def test_generated_labels(plan: Plans) -> None:
    p = plan(
        '[[step]]\nrun = "1mi"\n[[step]]\nrun = "1.2km"\n'
        '[[step]]\nrun = "45s"\n[[step]]\nrun = "90s"\n'
    )
    assert [s.label for s in p.segments] == ["1 mi", "1200 m", "Run 45 s", "Run 90 s"]


def test_indexes_steps_sets_reps(plan: Plans) -> None:
    p = plan(
        '[[step]]\nwarmup = "5:00"\n'
        '[[step]]\nrun = "200m"\nrepeat = 2\nsets = 2\nrest = "1:00"\nset_rest = "3:00"\n'
    )
    assert [s.index for s in p.segments] == list(range(len(p.segments)))
    assert [(s.step, s.set, s.rep, str(s.kind)) for s in p.segments] == [
        (1, 1, 1, "warmup"),
        (2, 1, 1, "run"),
        (2, 1, 1, "rest"),
        (2, 1, 2, "run"),
        (2, 1, 2, "rest"),
        (2, 2, 1, "run"),
        (2, 2, 1, "rest"),
        (2, 2, 2, "run"),
    ]


def test_run_distance_and_counts(plan: Plans) -> None:
    p = plan('[[step]]\nwarmup = "2km"\n[[step]]\nrun = "400m"\nrepeat = 8\nrest = "400m"\n')
    assert p.run_distance == 3200.0  # warm-up and rests are not running distance
    assert p.run_count() == 8


def test_run_distance_is_a_float_without_runs(plan: Plans) -> None:
    value = plan('[[step]]\nwarmup = "10:00"\n').to_json()["run_distance"]
    assert value == 0.0 and isinstance(value, float)


def test_estimated_time(plan: Plans) -> None:
    p = plan(
        '[[step]]\nwarmup = "10:00"\n'
        '[[step]]\nrun = "400m"\nrepeat = 2\ntarget = "1:28-1:32"\nrest = "1:00"\n'
    )
    assert p.estimated_time() == (600 + 90 + 60 + 90, True)
    incomplete = plan('[[step]]\nwarmup = "10:00"\n[[step]]\nrun = "400m"\n')
    assert incomplete.estimated_time() == (600.0, False)


def test_plan_at_the_cap_is_allowed(plan: Plans) -> None:
    p = plan(f'[[step]]\nrun = "100m"\nrepeat = {MAX_SEGMENTS}\n')
    assert len(p.segments) == MAX_SEGMENTS


def test_json_follows_the_contract_example(plan: Plans) -> None:
    p = plan(
        'name = "8 x 400 m at 5K pace"\n[paces]\n5k = "6:00/mi"\n'
        '[[step]]\nwarmup = "15:00"\n'
        '[[step]]\nrepeat = 8\nrun = "400m"\npace = "5k"\nrest = "1:30"\n'
        '[[step]]\ncooldown = "10:00"\n'
    )
    data = p.to_json()
    assert list(data) == ["name", "segments", "run_distance"]
    assert data["segments"][:3] == [
        {"kind": "warmup", "step": 1, "set": 1, "rep": 1, "label": "Warm-up",
         "distance": None, "duration": 900.0, "target": None, "splits": None},
        {"kind": "run", "step": 2, "set": 1, "rep": 1, "label": "400 m",
         "distance": 400.0, "duration": None, "target": [89.5, 89.5], "splits": [400.0]},
        {"kind": "rest", "step": 2, "set": 1, "rep": 1, "label": "Rest",
         "distance": None, "duration": 90.0, "target": None, "splits": None},
    ]  # fmt: skip
    assert data["run_distance"] == 3200.0


def test_json_of_an_every_rest_has_no_length(plan: Plans) -> None:
    p = plan('[[step]]\nrun = "400m"\nrepeat = 2\nevery = "2:00"\n')
    rest = p.to_json()["segments"][1]
    assert (rest["kind"], rest["distance"], rest["duration"]) == ("rest", None, None)
