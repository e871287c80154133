"""`trackapp export [SESSION...] [--workout NAME] [--since DATE] [--until DATE]
--format csv|json|fit [-o FILE]`: one row per split, and one per rep with its whole time;
or, as FIT, each session an activity file for Garmin Connect, Strava, intervals.icu."""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path
from typing import Any

from trackapp.commands._review import fail, sessions_dir
from trackapp.domain.session import SessionFormatError, SessionRecord
from trackapp.domain.text import printable
from trackapp.export.files import export_session, write_whole
from trackapp.export.fit_activity import FitExportError
from trackapp.export.fit_file import session_fit
from trackapp.export.tables import DEFAULT_TRACK, FIELDS, split_rows, table_rows, to_csv, to_json
from trackapp.storage.session_files import read_session
from trackapp.storage.session_index import SessionNotFound, scan, select_sessions

__all__ = ["DEFAULT_TRACK", "FIELDS", "register", "run", "split_rows", "to_csv", "to_json"]

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "export",
        help="sessions' splits as CSV or JSON, or each session as a FIT activity",
        description="Export sessions, one row per split (its distance is the split point's) "
        "and one `total` row per segment with its whole time. SESSION is a path or the start "
        "of file names: `2026-11` exports every session of November. With no SESSION, every "
        "session (narrowed by --workout, --since, --until). --format fit writes a FIT activity "
        "file (one lap per segment) for Garmin Connect, Strava, intervals.icu or Runalyze: "
        "-o FILE.fit for one session, -o DIR/ for one file each.",
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
    parser.add_argument("--format", choices=("csv", "json", "fit"), default="csv")
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write here instead of stdout; with --format fit, a FILE.fit or a folder DIR/",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    for option in ("since", "until"):
        value = getattr(args, option, None)
        if value is not None and not _DATE.match(value):
            return fail(
                f"--{option} takes a date like 2026-11-27 (or 2026-11, 2026), not {value!r}", 2
            )
    try:
        selected = _selected(args)
    except _Refused as err:
        return fail(str(err))
    if not selected:
        return fail(f"no sessions match in {sessions_dir()}")
    if args.format == "fit":
        return _export_fit(selected, args.output)
    table = table_rows([record for _, record in selected])
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


def _export_fit(selected: list[tuple[Path, SessionRecord]], output: str | None) -> int:
    """One FIT file per session: at `output` (one session), into the folder `output`
    (`DIR/`, or a folder that exists), or to a pipe (one session, never a terminal)."""
    if output is None:
        if len(selected) > 1 or sys.stdout.isatty():
            return fail("--format fit writes a file: give -o FILE.fit (or -o DIR/ for several)", 2)
        path, record = selected[0]
        try:
            data = session_fit(record)
        except FitExportError as err:
            return fail(f"{path.name} cannot be a FIT activity: {err}")
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return 0
    into_folder = output.endswith(("/", os.sep)) or Path(output).is_dir()
    if len(selected) > 1 and not into_folder:
        return fail(
            f"{len(selected)} sessions make {len(selected)} FIT files: give a folder, "
            f"-o {output.rstrip('/')}/",
            2,
        )
    written = 0
    for path, record in selected:
        if record.status == "in_progress":
            print(
                printable(f"trackapp: {path.name} is in progress: exported up to its last save"),
                file=sys.stderr,
            )
        try:
            if into_folder:
                target = export_session(record, path, "fit", Path(output))
            else:
                target = Path(output)
                write_whole(target, session_fit(record))
        except FitExportError as err:
            if len(selected) == 1:
                return fail(f"{path.name} cannot be a FIT activity: {err}")
            print(printable(f"trackapp: skipped {path.name}: {err}"), file=sys.stderr)
            continue
        except OSError as err:
            return fail(f"cannot write {output}: {err.strerror or err}")
        written += 1
        print(printable(f"{target}"))
    return 0 if written else 1


def _selected(args: argparse.Namespace) -> list[tuple[Path, SessionRecord]]:
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
    records: list[tuple[Path, SessionRecord]] = []
    for path in paths:
        try:
            record = read_session(path)
        except SessionFormatError as err:
            if path in alone:
                raise _Refused(f"{path.name} is unreadable: {err}") from None
            print(printable(f"trackapp: skipped {path.name}: unreadable: {err}"), file=sys.stderr)
            continue
        if _wanted(record, args):
            records.append((path, record))
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
