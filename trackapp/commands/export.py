"""`trackapp export SESSION... --format csv|json [-o FILE]`: one row per split."""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from trackapp.commands._review import ReviewError, fail, load
from trackapp.domain.session import SessionRecord
from trackapp.domain.text import printable

FIELDS = (
    "session_start",
    "workout",
    "kind",
    "step",
    "set",
    "rep",
    "label",
    "lap",
    "split_time",
    "cumulative_time",
    "distance",
    "target_low",
    "target_high",
    "ended_by",
)


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "export",
        help="sessions' splits as CSV or JSON",
        description="Export sessions one row per split (session start, workout, kind, step, "
        "set, rep, lap, split time, cumulative time, distance, target low/high).",
    )
    parser.add_argument(
        "sessions", metavar="SESSION", nargs="+", help="a path, or a unique prefix of a name"
    )
    parser.add_argument("--format", choices=("csv", "json"), default="csv")
    parser.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    try:
        records = [load(arg)[1] for arg in args.sessions]
    except ReviewError as err:
        return fail(str(err))
    table = [row for record in records for row in split_rows(record)]
    if args.format == "json":
        text = to_json(table)
    else:
        text = to_csv(table, for_terminal=args.output is None and sys.stdout.isatty())
    if args.output is None:
        sys.stdout.write(text)
        return 0
    try:
        Path(args.output).write_text(text, encoding="utf-8", newline="")
    except OSError as err:
        return fail(f"cannot write {args.output}: {err.strerror or err}")
    return 0


def split_rows(record: SessionRecord) -> list[dict[str, Any]]:
    """One row per recorded split; a segment without splits gives one row with an empty lap."""
    rows: list[dict[str, Any]] = []
    for seg in record.segments:
        base = {
            "session_start": record.started.isoformat(),
            "workout": record.workout,
            "kind": seg.kind,
            "step": seg.step,
            "set": seg.set,
            "rep": seg.rep,
            "label": seg.label,
            "distance": seg.distance,
            "target_low": seg.target[0] if seg.target else None,
            "target_high": seg.target[1] if seg.target else None,
            "ended_by": seg.ended_by,
        }
        if not seg.laps:
            rows.append(base | {"lap": None, "split_time": seg.time, "cumulative_time": seg.time})
            continue
        cumulative = 0.0
        for n, split in enumerate(seg.laps, start=1):
            cumulative += split
            rows.append(
                base | {"lap": n, "split_time": split, "cumulative_time": round(cumulative, 3)}
            )
    return rows


def to_csv(rows: list[dict[str, Any]], for_terminal: bool = False) -> str:
    """The rows as CSV: exact data, or, `for_terminal`, for a person to read.

    Data (a pipe, a file) is RFC 4180: its CRLF line ends make the writer quote a CR
    inside a label too (with a bare LF it did not, and a reader split the row there).
    On a terminal every text cell is `printable`, so a label's ESC is drawn, not
    obeyed, and lines end in LF. JSON needs neither: `json.dumps` escapes every control.
    """
    shown: Callable[[str], str] = printable if for_terminal else str
    buffer = io.StringIO()
    end = "\n" if for_terminal else "\r\n"
    writer = csv.DictWriter(buffer, fieldnames=FIELDS, lineterminator=end)
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _cell(row[k], shown) for k in FIELDS})
    return buffer.getvalue()


def _cell(value: object, shown: Callable[[str], str]) -> object:
    if value is None:
        return ""
    return shown(value) if isinstance(value, str) else value


def to_json(rows: list[dict[str, Any]]) -> str:
    return json.dumps([{k: row[k] for k in FIELDS} for row in rows], indent=2) + "\n"
