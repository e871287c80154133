"""`trackapp show SESSION`: one session's reps and summary as a table."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from trackapp.commands._review import ReviewError, fail, load
from trackapp.domain import review_text as fmt
from trackapp.domain.session import SessionRecord
from trackapp.domain.stats import SessionFigures, rep_from_segment, session_figures
from trackapp.domain.text import printable

PIPE_WIDTH = 120  # lap splits need room; a pipe has no width of its own


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "show",
        help="one session's reps and summary",
        description="Show one session's reps and summary as a table.",
    )
    parser.add_argument("session", metavar="SESSION", help="a path, or a unique prefix of a name")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    try:
        path, record = load(args.session)
    except ReviewError as err:
        return fail(str(err))
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(
        file=sys.stdout,
        highlight=False,
        width=None if sys.stdout.isatty() else PIPE_WIDTH,
    )
    figures = session_figures(record)
    for text in header(record, path.name):
        console.print(Text(printable(text)))
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    for name, justify in COLUMNS:
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for row in rows(record, figures.pace_unit):
        table.add_row(*(Text(printable(cell)) for cell in row))  # a str cell is markup
    console.print(table)
    for text in summary(figures):
        console.print(text, markup=False)
    return 0


COLUMNS = (
    ("rep", "left"),
    ("kind", "left"),
    ("label", "left"),
    ("time", "right"),
    ("target", "right"),
    ("diff", "right"),
    ("pace", "right"),
    ("laps", "left"),
    ("ended", "left"),
)


def header(record: SessionRecord, name: str) -> list[str]:
    lines = [
        f"{record.workout}  ({name})",
        f"started {record.started.strftime('%Y-%m-%d %H:%M')}   status {record.status}   "
        f"effort {fmt.effort(record.effort)}",
    ]
    if record.notes:
        lines.append(f"notes: {record.notes}")
    return lines


def rows(record: SessionRecord, unit: str) -> list[tuple[str, ...]]:
    """Every segment as begun, rests as taken; figures only for run reps."""
    out: list[tuple[str, ...]] = []
    for seg in record.segments:
        rep = rep_from_segment(seg)
        is_run = seg.kind == "run"
        out.append(
            (
                f"{seg.step}.{seg.set}.{seg.rep}",
                seg.kind,
                seg.label,
                fmt.rep_time(seg.time),
                fmt.target(seg.target) if is_run else "",
                fmt.delta(rep.diff) if is_run else "",
                fmt.pace(rep.pace, unit) if is_run else "",
                " ".join(fmt.rep_time(x) for x in seg.laps) if len(seg.laps) > 1 else "",
                seg.ended_by or "running",
            )
        )
    return out


def summary(f: SessionFigures) -> list[str]:
    """The summary figures, one per line, label and value."""
    items = fmt.summary_items(f, long=True)
    return [f"{label:>15}  {value}" for label, value in items]
