"""Text forms of review figures, shared by the CLI and the screens so both read alike."""

from __future__ import annotations

from trackapp.domain.stats import SessionFigures
from trackapp.domain.text import printable
from trackapp.domain.units import METRES_PER_UNIT, format_clock, format_delta

NONE = "—"


def rep_time(seconds: float | None) -> str:
    """Rep and split times to the tenth: `1:29.7`, `44.8`."""
    if seconds is None:
        return NONE
    if seconds < 60:
        return f"{int(seconds * 10 + 1e-6) / 10:.1f}"
    return format_clock(seconds, tenths=True)


def target(band: tuple[float, float] | None) -> str:
    if band is None:
        return NONE
    low, high = band
    if low == high:
        return rep_time(low)
    return f"{rep_time(low)}–{rep_time(high)}"


def delta(seconds: float | None) -> str:
    return NONE if seconds is None else format_delta(seconds)


def pace(seconds_per_metre: float | None, unit: str) -> str:
    if seconds_per_metre is None:
        return NONE
    return f"{format_clock(seconds_per_metre * METRES_PER_UNIT[unit])}/{unit}"


def distance(metres: float) -> str:
    if metres >= 1000:
        return f"{metres / 1000:.2f} km"
    return f"{metres:g} m"


def effort(value: int | None) -> str:
    return NONE if value is None else f"{value}/10"


def first_line(text: str, width: int) -> str:
    """The start of user text (notes, a name) on one line, cut with an ellipsis.

    For showing only: control characters come out as visible pictures (`printable`)."""
    line = printable(" ".join(text.split()))
    return line if len(line) <= width else line[: max(width - 1, 0)] + "…"


def summary_items(f: SessionFigures, long: bool = False) -> list[tuple[str, str]]:
    """A session's summary figures as (label, value), for the CLI and the detail screen.

    `long` adds the average target and spells labels out for a one-per-line table.
    """
    done = f"{f.done} of {len(f.reps)}" + (f", {f.skipped} skipped" if f.skipped else "")
    items = [
        ("reps done" if long else "reps", done),
        ("average", rep_time(f.average)),
        *([("average target", rep_time(f.average_target))] if long else []),
        ("vs target", delta(f.average_diff)),
        ("fastest", rep_time(f.fastest)),
        ("slowest", rep_time(f.slowest)),
        ("spread", rep_time(f.spread)),
        ("std dev", rep_time(f.stdev)),
        ("fade", delta(f.fade)),
        ("distance", distance(f.total_distance)),
        ("running time" if long else "time", rep_time(f.total_time)),
        ("average pace" if long else "pace", pace(f.average_pace, f.pace_unit)),
    ]
    return items
