"""`trackapp show SESSION [--json]`: one session's reps and summary, as a table or as JSON."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from trackapp.commands._review import ReviewError, fail, load
from trackapp.domain import review_text as fmt
from trackapp.domain.session import SessionRecord
from trackapp.domain.stats import SessionFigures, review_json, session_figures
from trackapp.domain.text import printable

PIPE_WIDTH = 120  # lap splits need room; a pipe has no width of its own


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "show",
        help="one session's reps and summary",
        description="Show one session's reps and summary as a table, or with --json as one "
        "JSON object (shared/REVIEW_JSON.md).",
    )
    parser.add_argument("session", metavar="SESSION", help="a path, or a unique prefix of a name")
    parser.add_argument(
        "--json", action="store_true", help="one JSON object, as shared/REVIEW_JSON.md pins it"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    try:
        path, record = load(args.session)
    except ReviewError as err:
        return fail(str(err))
    if getattr(args, "json", False):
        try:
            text = json.dumps(review_json(record, path.name), indent=2, allow_nan=False)
        except ValueError as err:  # a value JSON cannot hold exactly: say so, print nothing
            return fail(f"{path.name} cannot be written as JSON: {err}")
        sys.stdout.write(text + "\n")
        return 0
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
    for row in rows(record, figures):
        table.add_row(*(Text(printable(cell)) for cell in row))  # a str cell is markup
    console.print(table)
    for text in summary(figures):
        console.print(Text(printable(text)))
    return 0


COLUMNS = (
    ("rep", "left"),
    ("kind", "left"),
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


def rows(record: SessionRecord, figures: SessionFigures) -> list[tuple[str, ...]]:
    """Every segment as begun, rests as taken; run reps by name, with their figures."""
    reps = iter(figures.reps)
    out: list[tuple[str, ...]] = []
    for seg in record.segments:
        if seg.kind != "run":
            out.append(
                (
                    seg.label,
                    seg.kind,
                    fmt.rep_time(seg.time),
                    "",
                    "",
                    "",
                    "",
                    seg.ended_by or "running",
                )
            )
            continue
        c = fmt.rep_cells(next(reps), figures.pace_unit)
        out.append((c.name, seg.kind, c.time, c.target, c.diff, c.pace, c.laps, c.ended))
    return out


def summary(f: SessionFigures) -> list[str]:
    """The summary figures, one per line, label and value."""
    items = fmt.summary_items(f, long=True)
    width = max(15, *(len(label) for label, _ in items))
    return [f"{label:>{width}}  {value}" for label, value in items]
