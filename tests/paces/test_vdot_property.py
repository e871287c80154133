"""Properties of the VDOT model: monotonic, and an equivalent of an equivalent is the start."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from trackapp.domain import vdot as vd

distances = st.floats(min_value=vd.MIN_RACE, max_value=vd.MAX_RACE)
vdots = st.floats(min_value=vd.MIN_VDOT, max_value=vd.MAX_VDOT)


@given(vdots, vdots, distances)
def test_a_higher_vdot_never_gives_a_slower_time_or_pace(a: float, b: float, metres: float) -> None:
    low, high = sorted((a, b))
    assert vd.race_seconds(high, metres) <= vd.race_seconds(low, metres)
    slow, fast = vd.training_paces(low), vd.training_paces(high)
    for name in vd.TRAINING_NAMES:
        assert fast[name][0] <= slow[name][0] + 1e-12
        assert fast[name][1] <= slow[name][1] + 1e-12


@given(vdots, distances, st.floats(min_value=0.7, max_value=1.0))
def test_a_faster_race_never_gives_a_slower_pace(value: float, metres: float, k: float) -> None:
    time = vd.race_seconds(value, metres)
    faster = vd.Race("x", metres, time * k).paces()
    slower = vd.Race("x", metres, time).paces()
    for name, (fast_end, slow_end) in faster.items():
        assert fast_end <= slower[name][0] + 1e-12
        assert slow_end <= slower[name][1] + 1e-12


@given(vdots, distances, distances)
def test_the_equivalent_of_an_equivalent_is_the_start(
    value: float, start: float, other: float
) -> None:
    time = vd.race_seconds(value, start)
    there = vd.race_seconds(vd.vdot(start, time), other)
    back = vd.race_seconds(vd.vdot(other, there), start)
    assert math.isclose(back, time, rel_tol=1e-9)
    assert math.isclose(vd.vdot(start, time), value, rel_tol=1e-9)


@given(vdots)
def test_paces_are_finite_positive_and_ordered(value: float) -> None:
    paces = vd.training_paces(value)
    for fast, slow in paces.values():
        assert 0 < fast <= slow and math.isfinite(slow)
    # R faster than I faster than T faster than M faster than E
    order = [paces[name][0] for name in ("R", "I", "T", "M")] + [paces["E"][0]]
    assert order == sorted(order)


@given(vdots)
def test_longer_races_take_longer_at_a_slower_pace(value: float) -> None:
    times = [vd.race_seconds(value, metres) for _, metres in vd.EQUIVALENTS]
    per_metre = [t / m for t, (_, m) in zip(times, vd.EQUIVALENTS, strict=True)]
    assert times == sorted(times)
    assert per_metre == sorted(per_metre)
