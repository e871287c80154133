"""Every time, pace, distance, difference and rep name a runner reads, from one place.

The screens, `trackapp show`, `log` and `export` all format through here, so the
same number never reads two ways. No Textual.

The rounding rule (README, "Reviewing"): a time is rounded once, to the nearest
tenth of a second (half up: 59.95 reads 1:00.0); a difference shown beside two
figures is the difference of the two figures as shown, so it always agrees with
them (13.059 against 0:03 reads 0:13.1, +10.1). Paces and whole-second clocks
round to the nearest second; a countdown shows whole seconds rounded up, so it
reads 0:00 only when it is over. Exact values (JSON, CSV) are never rounded.
"""

from __future__ import annotations

import math
import re
from typing import Protocol

METRES_PER_MILE = 1609.344
METRES_PER_UNIT: dict[str, float] = {"m": 1.0, "km": 1000.0, "mi": METRES_PER_MILE}
NONE = "—"
ROAD_METRES = 5000.0  # from here up a distance reads in kilometres ("5 km")
MILE_SLACK = 0.5  # metres: a distance this close to whole miles is whole miles


# ---- rounding --------------------------------------------------------------


def _nearest(seconds: float, millis_per_unit: int) -> int:
    """Whole units of `millis_per_unit` ms, to the nearest, half away from zero.

    Times are stored to the millisecond, so the millisecond is rounded first:
    13.05 (stored 13.050) is 131 tenths, never 130 through a float error."""
    if not math.isfinite(seconds):
        return 0
    millis = round(abs(seconds) * 1000)
    whole = (millis + millis_per_unit // 2) // millis_per_unit
    return -whole if seconds < 0 else whole


def tenths(seconds: float) -> int:
    """Seconds as whole tenths, to the nearest, half away from zero."""
    return _nearest(seconds, 100)


def rounded(seconds: float) -> float:
    """The time as shown: to the nearest tenth."""
    return tenths(seconds) / 10


def whole_seconds(seconds: float) -> int:
    """To the nearest second, half away from zero."""
    return _nearest(seconds, 1000)


# ---- times -----------------------------------------------------------------


def _clock_body(secs: int) -> str:
    hours, rem = divmod(secs, 3600)
    minutes, secs = divmod(rem, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def _tenths_body(count: int) -> str:
    secs, tenth = divmod(count, 10)
    return f"{_clock_body(secs)}.{tenth}"


def time(seconds: float | None) -> str:
    """A rep, split or summary time to the tenth: `1:29.7`, `0:59.9`, `1:02:03.4`."""
    if seconds is None:
        return NONE
    count = tenths(seconds)
    return ("-" if count < 0 else "") + _tenths_body(abs(count))


def clock(seconds: float) -> str:
    """Whole seconds, to the nearest: `52:30`, `1:02:30` (estimates, session time)."""
    secs = whole_seconds(seconds)
    return ("-" if secs < 0 else "") + _clock_body(abs(secs))


def countdown(seconds: float) -> str:
    """What is left, in whole seconds rounded up: 0:00 only when it is over."""
    return _clock_body(max(math.ceil(seconds - 1e-6), 0))


def duration(seconds: float) -> str:
    """A planned length as a coach says it: `45 s`, `90 s`, `2 min`, `2:30`, `1:02:30`."""
    if seconds % 60 == 0 and seconds < 3600:
        return f"{int(seconds // 60)} min"
    if float(seconds).is_integer() and seconds <= 90:
        return f"{int(seconds)} s"
    return target_time(seconds)


def target_time(seconds: float) -> str:
    """A planned time: `1:30`, or `1:29.5` when it has tenths (rounded like any time)."""
    count = tenths(seconds)
    if count % 10 == 0:
        return ("-" if count < 0 else "") + _clock_body(abs(count) // 10)
    return time(seconds)


def target(band: tuple[float, float] | None) -> str:
    """`1:30`, `1:28–1:32`, `1:29.5`; `—` without a target."""
    if band is None:
        return NONE
    low, high = band
    if tenths(low) == tenths(high):
        return target_time(low)
    return f"{target_time(low)}–{target_time(high)}"


def _signed(count: int, zero: str) -> str:
    if count == 0:
        return zero
    sign = "+" if count > 0 else "-"
    count = abs(count)
    if count < 600:
        return f"{sign}{count // 10}.{count % 10}"
    return sign + _tenths_body(count)


def delta(seconds: float | None) -> str:
    """A difference to the tenth: `+0.8`, `-1.2`, `±0.0`, `+1:02.3` from a minute up."""
    if seconds is None:
        return NONE
    return _signed(tenths(seconds), "±0.0")


def shown_delta(a: float, b: float) -> str:
    """`a - b` as the difference of the two figures as shown: it agrees with them."""
    return _signed(tenths(a) - tenths(b), "±0.0")


def gap(seconds: float | None) -> str:
    """An unsigned difference (a spread, a standard deviation): `2.0`, `1:02.3`."""
    if seconds is None:
        return NONE
    count = abs(tenths(seconds))
    return f"{count // 10}.{count % 10}" if count < 600 else _tenths_body(count)


def shown_gap(high: float, low: float) -> str:
    """`high - low` from the figures as shown (the spread beside fastest and slowest)."""
    count = abs(tenths(high) - tenths(low))
    return f"{count // 10}.{count % 10}" if count < 600 else _tenths_body(count)


def target_diff(seconds: float, band: tuple[float, float] | None) -> float | None:
    """How far a time falls outside the target range: + slower than its high end,
    - faster than its low end, 0 inside; None without a target."""
    if band is None:
        return None
    low, high = band
    if seconds > high:
        return seconds - high
    if seconds < low:
        return seconds - low
    return 0.0


def shown_target_diff(seconds: float, band: tuple[float, float] | None) -> str:
    """The difference to the target as shown beside the time and target as shown."""
    if band is None:
        return NONE
    shown = tenths(seconds)
    low, high = tenths(band[0]), tenths(band[1])
    if shown > high:
        return _signed(shown - high, "±0.0")
    if shown < low:
        return _signed(shown - low, "±0.0")
    return "±0.0"


# ---- paces and distances -----------------------------------------------------


def pace(seconds_per_metre: float | None, unit: str) -> str:
    """Pace per km or mile to the nearest second: `3:45/km`, `0:17/mi`."""
    if seconds_per_metre is None or not math.isfinite(seconds_per_metre):
        return NONE
    return f"{clock(seconds_per_metre * METRES_PER_UNIT[unit])}/{unit}"


def pace_range(fast: float, slow: float, unit: str) -> str:
    """`5:50-6:00/mi`, or one pace when both ends read the same."""
    low, high = pace(fast, unit), pace(slow, unit)
    if low == high:
        return low
    return f"{low.split('/')[0]}-{high}"


def whole_miles(metres: float) -> int | None:
    """The number of miles when `metres` is whole miles (within half a metre), else None."""
    miles = round(metres / METRES_PER_MILE)
    if miles >= 1 and abs(metres - miles * METRES_PER_MILE) <= MILE_SLACK:
        return miles
    return None


def _km(metres: float) -> str:
    return f"{round(metres / 1000, 2):g} km"


def distance(metres: float | None) -> str:
    """A distance as coaches say it: `400 m`, `1200 m`, `3200 m`, `1 mi`, `5 km`.

    Whole miles read in miles in any workout; other distances in metres up to
    5 km and in kilometres (to 10 m) from there."""
    if metres is None or not math.isfinite(metres):
        return NONE
    miles = whole_miles(metres)
    if miles is not None:
        return f"{miles} mi"
    if metres >= ROAD_METRES:
        return _km(metres)
    return f"{round(metres)} m"


def distance_name(metres: float) -> str:
    """The distance as a rep's name: `400`, `1200`, `mile`, `2 mi`, `5 km`."""
    miles = whole_miles(metres)
    if miles == 1:
        return "mile"
    if miles is not None or metres >= ROAD_METRES:
        return distance(metres)
    return f"{round(metres)}"


# ---- rep names -------------------------------------------------------------


class RepLike(Protocol):
    """What names a rep: a plan `Segment` has it all."""

    @property
    def label(self) -> str: ...
    @property
    def distance(self) -> float | None: ...
    @property
    def duration(self) -> float | None: ...
    @property
    def set(self) -> int: ...
    @property
    def rep(self) -> int: ...
    @property
    def sets(self) -> int: ...
    @property
    def reps(self) -> int: ...
    @property
    def ladder(self) -> bool: ...


_GENERATED_DISTANCE = re.compile(r"^\d+(?:\.\d+)?\s?(?:m|km|mi)$")
_GENERATED_TIMED = re.compile(r"^Run \S.*$")


def rep_base(label: str, metres: float | None, seconds: float | None) -> str:
    """What the rep is, short: `400`, `mile`, `2 min`, or the workout's own label."""
    if metres is not None and _GENERATED_DISTANCE.match(label):
        return distance_name(metres)
    if seconds is not None and _GENERATED_TIMED.match(label):
        return duration(seconds)
    return label


def rep_name(rep: RepLike) -> str:
    """The rep in a runner's words, the same on every screen and in every command:
    `400 #3`, `Set 2 · 200 #1`, `1200 (rep 1 of the ladder)`, `mile` (a lone rep)."""
    base = rep_base(rep.label, rep.distance, rep.duration)
    if rep.ladder:
        name = f"{base} (rep {rep.rep} of the ladder)"
    elif rep.reps > 1:
        name = f"{base} #{rep.rep}"
    else:
        name = base
    if rep.sets > 1:
        name = f"Set {rep.set} · {name}"
    return name


# ---- a segment's length and target, as the plan, the run screen and `check` write them ----


def length(metres: float | None, seconds: float | None, every: float | None = None) -> str:
    """`400 m`, `2 min`, `open`; the rest of a send-off cycle: `to 2:30 cycle`."""
    if metres is not None:
        return distance(metres)
    if seconds is not None:
        return duration(seconds)
    if every is not None:
        return f"to {target_time(every)} cycle"
    return "open"


def target_text(
    band: tuple[float, float] | None,
    metres: float | None,
    pace_guide: tuple[float, float] | None,
    unit: str,
) -> str:
    """`Target 1:30 (3:45/km)`, `Target 1:28–1:32`, `Pace 3:45/km`, or `` with neither."""
    if band is not None:
        text = f"Target {target(band)}"
        if metres is not None and metres > 0:
            text += f" ({pace_range(band[0] / metres, band[1] / metres, unit)})"
        return text
    if pace_guide is not None:
        return f"Pace {pace_range(pace_guide[0], pace_guide[1], unit)}"
    return ""
