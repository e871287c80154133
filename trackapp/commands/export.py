"""`trackapp export [SESSION...] [--workout NAME] [--since DATE] [--until DATE]
--format csv|json [-o FILE]`: one row per split, and one per rep with its whole time."""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from trackapp.commands._review import fail, sessions_dir
from trackapp.domain.plan import split_points
from trackapp.domain.session import SessionFormatError, SessionRecord
from trackapp.domain.stats import session_figures
from trackapp.domain.text import printable
from trackapp.storage.session_files import read_session
from trackapp.storage.session_index import SessionNotFound, scan, select_sessions

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
    "name",
    "row",
)
DEFAULT_TRACK = 400.0
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "export",
        help="sessions' splits as CSV or JSON",
        description="Export sessions, one row per split (its distance is the split point's) "
        "and one `total` row per segment with its whole time. SESSION is a path or the start "
        "of file names: `2026-11` exports every session of November. With no SESSION, every "
        "session (narrowed by --workout, --since, --until).",
    )
    parser.add_argument(
        "sessions",
        metavar="SESSION",
        nargs="*",
        help="a path, or the start of session file names (a date: 2026-11)",
    )
    parser.add_argument("--workout", metavar="NAME", help="only workouts whose name contains NAME")
    parser.add_argument("--since", metavar="DATE", help="only sessions started on or after DATE")
    parser.add_argument("--until", metavar="DATE", help="only sessions started on or before DATE")
    parser.add_argument("--format", choices=("csv", "json"), default="csv")
    parser.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    for option in ("since", "until"):
        value = getattr(args, option, None)
        if value is not None and not _DATE.match(value):
            return fail(
                f"--{option} takes a date like 2026-11-27 (or 2026-11, 2026), not {value!r}", 2
            )
    try:
        records = _records(args)
    except _Refused as err:
        return fail(str(err))
    if not records:
        return fail(f"no sessions match in {sessions_dir()}")
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


class _Refused(Exception):
    """A selection that cannot be exported; the message says why."""


def _records(args: argparse.Namespace) -> list[SessionRecord]:
    """The selected sessions, oldest first. A session named alone must be readable; among
    several that a prefix or a filter selects, an unreadable one is skipped with a warning."""
    folder = sessions_dir()
    paths: list[Path] = []
    alone: set[Path] = set()
    if args.sessions:
        for arg in args.sessions:
            try:
                selected = select_sessions(arg, folder)
            except SessionNotFound as err:
                raise _Refused(str(err)) from None
            if len(selected) == 1:
                alone.add(selected[0])
            paths += [p for p in selected if p not in paths]
    else:
        paths = [folder / name for name in sorted(n for n, _, _ in scan(folder))]
    records: list[SessionRecord] = []
    for path in paths:
        try:
            record = read_session(path)
        except SessionFormatError as err:
            if path in alone:
                raise _Refused(f"{path.name} is unreadable: {err}") from None
            print(printable(f"trackapp: skipped {path.name}: unreadable: {err}"), file=sys.stderr)
            continue
        if _wanted(record, args):
            records.append(record)
    return records


def _wanted(record: SessionRecord, args: argparse.Namespace) -> bool:
    workout = getattr(args, "workout", None)
    if workout and workout.strip().casefold() not in record.workout.casefold():
        return False
    day = record.started.date().isoformat()
    since = getattr(args, "since", None)
    if since is not None and day < since:
        return False
    until = getattr(args, "until", None)
    return until is None or day[: len(until)] <= until


def split_rows(record: SessionRecord) -> list[dict[str, Any]]:
    """For each run rep, one `split` row per recorded split (its `distance` is that split
    point's, from the start of the rep) and then one `total` row with the rep's whole
    time, a skipped or stopped rep's unfinished part included; any other segment gives
    its `total` row alone."""
    figures = session_figures(record)
    reps = iter(figures.reps)
    rows: list[dict[str, Any]] = []
    for seg in record.segments:
        rep = next(reps) if seg.kind == "run" else None
        base = {
            "session_start": record.started.isoformat(),
            "workout": record.workout,
            "kind": seg.kind,
            "step": seg.step,
            "set": seg.set,
            "rep": seg.rep,
            "label": seg.label,
            "target_low": seg.target[0] if seg.target else None,
            "target_high": seg.target[1] if seg.target else None,
            "ended_by": seg.ended_by,
            "name": rep.name if rep is not None else seg.label,
        }
        if rep is not None:
            points = rep.splits
            if points is None and seg.distance is not None:
                points = split_points(seg.distance, DEFAULT_TRACK)
            cumulative = 0.0
            for n, split in enumerate(seg.laps, start=1):
                cumulative += split
                at = points[n - 1] if points is not None and n <= len(points) else None
                rows.append(
                    base
                    | {
                        "lap": n,
                        "split_time": split,
                        "cumulative_time": round(cumulative, 3),
                        "distance": at,
                        "row": "split",
                    }
                )
        rows.append(
            base
            | {
                "lap": None,
                "split_time": seg.time,
                "cumulative_time": seg.time,
                "distance": seg.distance,
                "row": "total",
            }
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
