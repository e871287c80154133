"""`trackapp export SESSION... --format csv|json [-o FILE]`: one row per split."""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
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
    text = to_csv(table) if args.format == "csv" else to_json(table)
    if args.output is None:
        sys.stdout.write(for_stdout(text, args.format))
        return 0
    try:
        Path(args.output).write_text(text, encoding="utf-8", newline="")
    except OSError as err:
        return fail(f"cannot write {args.output}: {err.strerror or err}")
    return 0


def for_stdout(text: str, form: str) -> str:
    """CSV read on a terminal has its controls made visible; piped, it stays exact data.

    JSON needs nothing: `json.dumps` already writes every control as an escape."""
    if form == "csv" and sys.stdout.isatty():
        return printable(text)
    return text


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


def to_csv(rows: list[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=FIELDS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "" if row[k] is None else row[k] for k in FIELDS})
    return buffer.getvalue()


def to_json(rows: list[dict[str, Any]]) -> str:
    return json.dumps([{k: row[k] for k in FIELDS} for row in rows], indent=2) + "\n"
