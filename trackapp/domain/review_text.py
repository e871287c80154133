"""Text forms of review figures, shared by the CLI and the screens so both read alike.

Every number goes through `trackapp.domain.format` (the one rounding rule); a
difference shown beside figures is computed from those figures as shown.
"""

from __future__ import annotations

from dataclasses import dataclass

from trackapp.domain import format as f
from trackapp.domain.stats import Rep, RepGroup, SessionFigures
from trackapp.domain.text import printable

NONE = f.NONE


def rep_time(seconds: float | None) -> str:
    """Rep and split times to the nearest tenth: `1:29.7`, `0:44.8`."""
    return f.time(seconds)


def target(band: tuple[float, float] | None) -> str:
    return f.target(band)


def delta(seconds: float | None) -> str:
    return f.delta(seconds)


def pace(seconds_per_metre: float | None, unit: str) -> str:
    return f.pace(seconds_per_metre, unit)


def distance(metres: float) -> str:
    return f.distance(metres)


def effort(value: int | None) -> str:
    return NONE if value is None else f"{value}/10"


def first_line(text: str, width: int) -> str:
    """The start of user text (notes, a name) on one line, cut with an ellipsis.

    For showing only: control characters come out as visible pictures (`printable`)."""
    line = printable(" ".join(text.split()))
    return line if len(line) <= width else line[: max(width - 1, 0)] + "…"


@dataclass(frozen=True, slots=True)
class RepCells:
    """One rep as every review table writes it."""

    name: str
    time: str
    target: str
    diff: str
    pace: str
    laps: str
    ended: str


def rep_cells(rep: Rep, unit: str) -> RepCells:
    """Name, time, target, difference (from the time and target as shown), pace, laps.

    A skipped or stopped rep keeps its whole time; it has no difference or pace."""
    time = f.time(rep.time)
    diff = f.shown_target_diff(rep.time, rep.target) if rep.counted and rep.target else ""
    return RepCells(
        name=rep.name or rep.label,
        time=time,
        target=f.target(rep.target) if rep.target else "",
        diff=diff,
        pace=f.pace(rep.pace, unit) if rep.pace is not None else "",
        laps=" ".join(f.time(x) for x in rep.laps) if len(rep.laps) > 1 else "",
        ended=rep.ended_by or "running",
    )


def reps_done_text(fig: SessionFigures) -> str:
    """`6 of 8`, `2 of 4, 1 stopped`, `5 of 6, 1 skipped`."""
    text = f"{fig.done} of {fig.planned}"
    if fig.skipped:
        text += f", {fig.skipped} skipped"
    if fig.stopped:
        text += f", {fig.stopped} stopped"
    return text


def group_text(group: RepGroup) -> str:
    """`average 1:29.6 · fastest 1:28.2 · slowest 1:31.1 · spread 2.9 · fade +1.4 · std dev 0.9`.

    The spread and fade are the differences of the times shown beside them."""
    if group.count == 1:
        return f.time(group.average)
    first, last = group.reps[0].time, group.reps[-1].time
    return " · ".join(
        [
            f"average {f.time(group.average)}",
            f"fastest {f.time(group.fastest)}",
            f"slowest {f.time(group.slowest)}",
            f"spread {f.shown_gap(group.slowest, group.fastest)}",
            f"fade {f.shown_delta(last, first)} ({f.time(first)}→{f.time(last)})",
            f"std dev {f.gap(group.stdev)}",
        ]
    )


def group_title(group: RepGroup) -> str:
    """`400 m × 8`, `Open run × 3`, `1200 m` for a lone rep."""
    return group.label if group.count == 1 else f"{group.label} × {group.count}"


def against_text(fig: SessionFigures) -> str:
    """`8 reps with a target, 5 on target, average +0.2 outside it`."""
    a = fig.against
    if a is None:
        return NONE
    reps = "1 rep" if a.count == 1 else f"{a.count} reps"
    return f"{reps}, {a.on_target_shown} on target, average {f.delta(a.average_diff)}"


def summary_items(fig: SessionFigures, long: bool = False) -> list[tuple[str, str]]:
    """A session's summary as (label, value), for the CLI and the screens: reps done of
    planned, then each group of like reps, then what unlike reps share (against target),
    then the totals. `long` spells labels out for a one-per-line table."""
    items = [("reps done" if long else "reps", reps_done_text(fig))]
    items += [(group_title(g), group_text(g)) for g in fig.groups]
    if fig.against is not None:
        items.append(("against target" if long else "vs target", against_text(fig)))
    if fig.total_distance:
        items.append(("distance", f.distance(fig.total_distance)))
    items.append(("running time" if long else "time", f.time(fig.total_time)))
    if fig.average_pace is not None:
        items.append(("average pace" if long else "pace", f.pace(fig.average_pace, fig.pace_unit)))
    return items


def average_text(
    average: float | None,
    average_target: float | None,
    average_diff: float | None,
    on_target: int = 0,
    targeted: int = 0,
) -> str:
    """A session in one phrase for `log` and lists: `avg 1:31.2 vs 1:29.5 (+1.7)` when its
    reps are alike (the difference is of the two figures shown); across unlike reps only
    the figures against target: `vs target +0.3, 5 of 8 on`."""
    if average is not None:
        text = f"avg {f.time(average)}"
        if average_target is not None:
            text += f" vs {f.time(average_target)} ({f.shown_delta(average, average_target)})"
        return text
    if average_diff is not None:
        return f"vs target {f.delta(average_diff)}, {on_target} of {targeted} on"
    return f"avg {NONE}"
