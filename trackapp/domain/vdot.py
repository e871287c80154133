"""Paces from a race: Daniels and Gilbert's VDOT model.

Two published regressions (Daniels & Gilbert, *Oxygen Power*, 1979), with ``v`` in
metres per minute and ``t`` in minutes:

- the oxygen cost of running at ``v``:
  ``VO2 = -4.60 + 0.182258 v + 0.000104 v²``
- the fraction of VO2max a runner sustains for a race lasting ``t``:
  ``%max = 0.8 + 0.1894393 e^(-0.012778 t) + 0.2989558 e^(-0.1932605 t)``

A race's VDOT is ``VO2 / %max``. The equivalent time over another distance is the
time whose VDOT is the same, found by bisection (VDOT falls as the time grows, for
every distance the model takes). Against the race table of *Daniels' Running
Formula*, 3rd edition (Table 5.1, VDOT 30-85, 1500 m to the marathon) the times
agree within 0.31 %.

Training paces (Table 5.2 of the same edition), each a speed whose oxygen cost is a
fraction of VDOT, the fractions fitted to the table (tests/domain/test_vdot.py
holds the table's figures):

- E: a range, 63.3 % (slow end) to 72.9 % (fast end) of VDOT;
- M: the pace of the equivalent marathon; below VDOT 46 the table's M is slower
  than that race by a margin that grows steadily, which `M_SHORTFALL` reproduces;
- T: 88 % of VDOT;
- I: 97.75 % of VDOT;
- R: Daniels' "6-second rule": I pace less 6 s per 400 m, 8 s for VDOT 47 and
  under (the table's runners below 50), sliding from 8 to 6 between 47 and 50.

Paces are seconds per metre, ``(fast, slow)`` like `units.parse_pace`'s, so a
workout uses them as it uses any pace. No Textual.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from trackapp.domain import format as fmt
from trackapp.domain.units import parse_distance, parse_duration, short_repr

if TYPE_CHECKING:
    from trackapp.domain.plan import Plan

MARATHON = 42195.0
HALF = 21097.5
MILE = fmt.METRES_PER_MILE
MIN_RACE = 800.0  # the model's %max curve is for races of about two minutes and up
MAX_RACE = MARATHON
RACE_SLACK = 1.0  # metres: "26.2 mi" is the marathon
MIN_VDOT = 15.0  # slower is walking; the oxygen-cost line is for running
MAX_VDOT = 90.0  # faster than any world record from 800 m to the marathon

# The fractions of VDOT each training pace runs at (see the module docstring).
E_FAST = 0.729
E_SLOW = 0.633
T_FRACTION = 0.88
I_FRACTION = 0.9775
M_SHORTFALL = (46.0, 0.0016)  # below VDOT 46, M runs 0.0016 of VDOT per point under 46 slower
R_GAIN = ((47.0, 8.0), (50.0, 6.0))  # seconds per 400 m that R is faster than I
TRAINING_NAMES = ("E", "M", "T", "I", "R")
TRAINING_WORDS = {
    "E": "easy",
    "M": "marathon",
    "T": "threshold",
    "I": "interval",
    "R": "repetition",
}

# Race names a workout may use as paces once it has a race, and the table's distances.
RACE_PACE_NAMES: dict[str, float] = {
    "mile": MILE,
    "3k": 3000.0,
    "5k": 5000.0,
    "10k": 10000.0,
    "half": HALF,
    "marathon": MARATHON,
}
EQUIVALENTS: tuple[tuple[str, float], ...] = (
    ("800 m", 800.0),
    ("1500 m", 1500.0),
    ("mile", MILE),
    ("3000 m", 3000.0),
    ("2 mi", 2 * MILE),
    ("5K", 5000.0),
    ("10K", 10000.0),
    ("15K", 15000.0),
    ("half", HALF),
    ("marathon", MARATHON),
)
REP_DISTANCES = (200.0, 300.0, 400.0, 600.0, 800.0, 1000.0, 1200.0, 1600.0)

# Words for a race distance, besides whatever `units.parse_distance` takes.
_RACE_WORDS: dict[str, float] = {
    "mile": MILE,
    "1 mile": MILE,
    "2 mile": 2 * MILE,
    "2 miles": 2 * MILE,
    "two mile": 2 * MILE,
    "half": HALF,
    "half marathon": HALF,
    "half-marathon": HALF,
    "halfmarathon": HALF,
    "hm": HALF,
    "marathon": MARATHON,
    "full marathon": MARATHON,
}
_K = re.compile(r"^(\d+(?:\.\d+)?)\s*k$")  # "5K", "10k": kilometres, as runners say them
RACE_EXAMPLE = '"5K 20:00", "10K 41:30", "mile 5:20", "half 1:32:10", "marathon 3:15:00"'


# ---- the model ---------------------------------------------------------------


def oxygen_cost(metres_per_minute: float) -> float:
    """ml/kg/min of oxygen to run at this speed."""
    v = metres_per_minute
    return -4.60 + 0.182258 * v + 0.000104 * v * v


def fraction_of_max(minutes: float) -> float:
    """The fraction of VO2max a runner holds for a race of this many minutes."""
    return (
        0.8 + 0.1894393 * math.exp(-0.012778 * minutes) + 0.2989558 * math.exp(-0.1932605 * minutes)
    )


def vdot(metres: float, seconds: float) -> float:
    """The VDOT of a race: `metres` run in `seconds`."""
    minutes = seconds / 60.0
    return oxygen_cost(metres / minutes) / fraction_of_max(minutes)


def race_seconds(value: float, metres: float) -> float:
    """The time over `metres` whose VDOT is `value`: the equivalent race.

    Bisection between 1000 m/min and 20 m/min, to the precision of a float; VDOT
    falls as the time grows, so the answer is unique."""
    low, high = metres / 1000.0 * 60.0, metres / 20.0 * 60.0
    for _ in range(200):
        mid = (low + high) / 2.0
        if mid in (low, high):
            break
        if vdot(metres, mid) > value:
            low = mid
        else:
            high = mid
    return (low + high) / 2.0


def speed_at(value: float, fraction: float) -> float:
    """Metres per minute at which running costs `fraction` of VDOT `value` (the
    oxygen-cost line solved for v)."""
    a, b, c = 0.000104, 0.182258, -4.60 - value * fraction
    return (-b + math.sqrt(b * b - 4 * a * c)) / (2 * a)


def _per_metre(value: float, fraction: float) -> float:
    return 60.0 / speed_at(value, fraction)


def _r_gain(value: float) -> float:
    """Seconds per 400 m that R is faster than I at this VDOT (8, sliding to 6)."""
    (v1, g1), (v2, g2) = R_GAIN
    if value <= v1:
        return g1
    if value >= v2:
        return g2
    return g1 + (g2 - g1) * (value - v1) / (v2 - v1)


def training_paces(value: float) -> dict[str, tuple[float, float]]:
    """E, M, T, I, R as ``(fast, slow)`` seconds per metre (equal but for E)."""
    start, step = M_SHORTFALL
    m_fraction = fraction_of_max(race_seconds(value, MARATHON) / 60.0)
    m_fraction -= step * max(0.0, start - value)
    interval = _per_metre(value, I_FRACTION)
    rep = interval - _r_gain(value) / 400.0
    m = _per_metre(value, m_fraction)
    t = _per_metre(value, T_FRACTION)
    return {
        "E": (_per_metre(value, E_FAST), _per_metre(value, E_SLOW)),
        "M": (m, m),
        "T": (t, t),
        "I": (interval, interval),
        "R": (rep, rep),
    }


# ---- a race as written -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Race:
    """A race result as a runner writes it: ``"5K 20:00"``."""

    text: str  # as written, for "I from 5K 20:00"
    metres: float
    seconds: float

    @property
    def vdot(self) -> float:
        return vdot(self.metres, self.seconds)

    def equivalent(self, metres: float) -> float:
        """Seconds over `metres` at this race's VDOT (the race itself for its own distance)."""
        if abs(metres - self.metres) <= RACE_SLACK:
            return self.seconds * metres / self.metres
        return race_seconds(self.vdot, metres)

    def training(self) -> dict[str, tuple[float, float]]:
        return training_paces(self.vdot)

    def paces(self) -> dict[str, tuple[float, float]]:
        """Every name a workout may use: E M T I R and the race names, seconds per metre."""
        named = self.training()
        for name, metres in RACE_PACE_NAMES.items():
            per_metre = self.equivalent(metres) / metres
            named[name] = (per_metre, per_metre)
        return named


def parse_race_distance(text: str) -> float:
    """Metres from a race's name or distance: ``5K``, ``mile``, ``half``, ``3000m``, ``10 km``."""
    s = " ".join(text.strip().lower().split())
    if s in _RACE_WORDS:
        return _RACE_WORDS[s]
    k = _K.match(s)
    if k:
        return float(k.group(1)) * 1000.0
    try:
        return parse_distance(s)
    except ValueError:
        raise ValueError(
            f'{short_repr(text)} is not a race distance; write a distance ("3000m", '
            '"10 km", "5K") or a race name ("mile", "half", "marathon")'
        ) from None


def parse_race(text: str) -> Race:
    """A race from ``"5K 20:00"``: a distance, then the time it took.

    Raises ValueError saying what would be right: the text does not parse, the
    distance is outside what the model takes (800 m to the marathon), or the time
    is beyond what the model covers."""
    if not isinstance(text, str):
        raise ValueError(f"a race is text like {RACE_EXAMPLE}")
    words = text.split()
    if words and words[-2:-1] and words[-2].lower() == "in":
        del words[-2]  # "5K in 20:00"
    if len(words) < 2:
        raise ValueError(
            f"{short_repr(text)} is not a race; write the distance, then the time: {RACE_EXAMPLE}"
        )
    distance_text, time_text = " ".join(words[:-1]), words[-1]
    try:
        seconds = parse_duration(time_text)
    except ValueError as err:
        raise ValueError(
            f"{short_repr(text)} is not a race: the time {err}; write the distance, then the "
            f"time: {RACE_EXAMPLE}"
        ) from None
    try:
        metres = parse_race_distance(distance_text)
    except ValueError as err:
        raise ValueError(f"{short_repr(text)} is not a race: {err}") from None
    if metres < MIN_RACE - RACE_SLACK:
        raise ValueError(
            f"{short_repr(text)}: {fmt.distance(metres)} is too short a race for the model; "
            'use a race from 800 m to the marathon ("800m 2:10", "mile 5:20", "5K 20:00")'
        )
    if metres > MAX_RACE + RACE_SLACK:
        raise ValueError(
            f"{short_repr(text)}: {fmt.distance(metres)} is longer than the marathon, too long "
            'a race for the model; use a race from 800 m to the marathon ("marathon 3:15:00")'
        )
    race = Race(text=text.strip(), metres=metres, seconds=seconds)
    value = race.vdot
    if not MIN_VDOT <= value <= MAX_VDOT:
        side = "slower than running" if value < MIN_VDOT else "faster than the world record"
        raise ValueError(
            f"{short_repr(text)} gives VDOT {value:.1f}, {side}; the model covers VDOT "
            f"{MIN_VDOT:g} to {MAX_VDOT:g}: check the time (h:mm:ss for hours, "
            '"marathon 3:15:00")'
        )
    return race


def source_text(name: str, race: Race) -> str:
    """``I from 5K 20:00``: where a named pace came from."""
    return f"{name} from {race.text}"


# ---- the runner's race (settings.toml `race`) ------------------------------------

_runner: list[Race | None] = [None]


def runner_race() -> Race | None:
    """The race every workout without its own `[paces] from` takes its paces from."""
    return _runner[0]


def set_runner_race(race: Race | None) -> Race | None:
    """Set the runner's race (from settings.toml, at start-up); returns the one it replaces."""
    previous, _runner[0] = _runner[0], race
    return previous


def pace_origins(plan: Plan) -> list[str]:
    """Where the plan's race paces came from, for `trackapp check`: a heading, then one
    line per step and distance, ``step 2: I from 5K 20:00 → 1:34 per 400``. Empty when
    no target comes from a race."""
    workout = plan.workout
    lines: list[str] = []
    seen: set[tuple[int, float | None, float | None]] = set()
    for seg in plan.segments:
        if seg.pace_source is None or seg.pace is None:
            continue
        key = (seg.step, seg.distance, seg.duration)
        if key in seen:
            continue
        seen.add(key)
        if seg.target is not None and seg.distance is not None:
            what = f"{fmt.target(seg.target)} per {fmt.distance_name(seg.distance)}"
        else:
            what = f"{fmt.pace_range(seg.pace[0], seg.pace[1], workout.pace_unit)} (guide)"
        lines.append(f"  step {seg.step}: {seg.pace_source} \u2192 {what}")
    if lines and workout.race is not None:
        whose = (
            "the runner's race in settings.toml" if workout.race_from_settings else "[paces] from"
        )
        race = parse_race(workout.race)
        lines.insert(0, f"Paces from {workout.race} (VDOT {race.vdot:.1f}, {whose}):")
    return lines
