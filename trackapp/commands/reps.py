"""`trackapp reps DISTANCE [--since DATE] [--workout NAME] [--json]`: every session's reps
of one distance (or duration), across every workout, from the session index alone."""

from __future__ import annotations

import argparse
import json
import re
import sys
from datetime import date, datetime
from typing import Any

from trackapp.commands._review import fail, sessions_dir
from trackapp.domain import review_text as fmt
from trackapp.domain.text import printable
from trackapp.domain.years import (
    BEST,
    WINDOW_WEEKS,
    KindHistory,
    SessionAtKind,
    Window,
    YearAgainstYear,
    against_last_year,
    best_of_years_text,
    parse_kind,
    reps_of,
    versus_text,
)
from trackapp.storage.session_index import list_sessions

JSON_FORMAT = 1
_SINCE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")

EPILOG = f"""\
DISTANCE is a rep's length: 400m, 1600m, mile, 1k, or a duration for timed reps
(1:00, 90s). Reps are the same when their distance is the same to the metre (a
mile is not a 1600 m), or for timed reps their duration. Each session shows its
reps of that distance: how many, the best, the median, the target most of them
had and the median against it; {BEST} marks the best of each year. Last, the median
of every rep within {WINDOW_WEEKS} weeks either side of today, this year and last.
"""


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "reps",
        help="every rep of one distance, across every workout, session by session",
        description="Every session's reps of one distance (or duration), newest first.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("distance", metavar="DISTANCE", help="400m, 1600m, mile, 1k, 1:00 ...")
    parser.add_argument("--since", metavar="DATE", help="only sessions on or after DATE")
    parser.add_argument(
        "--workout", metavar="NAME", help="only sessions whose workout name contains NAME"
    )
    parser.add_argument(
        "--athlete",
        metavar="NAME",
        help="coach mode: the reps of the athlete NAME (without it: your own sessions only)",
    )
    parser.add_argument("--json", action="store_true", help="the same figures as JSON, exact")
    parser.set_defaults(handler=run)


def today() -> date:
    """The local date (tests set their own)."""
    return datetime.now().astimezone().date()


def parse_since(text: str) -> date:
    """`2026`, `2026-03` or `2026-03-05` as the first day it names."""
    match = _SINCE.match(text.strip())
    if not match:
        raise ValueError(f"--since takes a date like 2026-11-27 (or 2026-11, 2026), not {text!r}")
    year, month, day = match.groups()
    try:
        return date(int(year), int(month or 1), int(day or 1))
    except ValueError as err:
        raise ValueError(f"--since {text!r} is not a date: {err}") from None


def run(args: argparse.Namespace) -> int:
    try:
        kind = parse_kind(args.distance)
    except ValueError as err:
        return fail(str(err), 2)
    since = None
    if args.since is not None:
        try:
            since = parse_since(args.since)
        except ValueError as err:
            return fail(str(err), 2)
    folder = sessions_dir()
    athlete = getattr(args, "athlete", None)
    history = reps_of(
        list_sessions(folder), kind, since=since, workout=args.workout, athlete=athlete
    )
    versus = against_last_year(history, today())
    if args.json:
        sys.stdout.write(json.dumps(to_json(history, versus), indent=2, allow_nan=False) + "\n")
        return 0
    if not history.sessions:
        narrowed = " and ".join(
            part
            for part in (
                f"of athlete {athlete!r}" if athlete else "",
                f"of a workout matching {args.workout!r}" if args.workout else "",
                f"since {since.isoformat()}" if since else "",
            )
            if part
        )
        return fail(f"no {kind.label} reps{' ' + narrowed if narrowed else ''} in {folder}", 1)
    sys.stdout.write(printable("\n".join(lines(history, versus))) + "\n")
    return 0


def lines(history: KindHistory, versus: YearAgainstYear) -> list[str]:
    """The text form: a heading, one line per session newest first, the best of each year,
    this year against last."""
    sessions = history.sessions
    count = len(sessions)
    out = [
        f"{history.kind.label}: {count} session{'' if count == 1 else 's'}, "
        f"{sessions[0].day.isoformat()} to {sessions[-1].day.isoformat()} "
        f"(newest first; {BEST} best of its year; vs target: the median's)"
    ]
    width = min(max(len(s.workout) for s in sessions), 30)
    for s in reversed(sessions):
        out.append(session_line(s, width))
    out.append("")
    out.append("Best of each year: " + best_of_years_text(history))
    out.append(versus_text(versus))
    return out


def session_line(s: SessionAtKind, width: int = 30) -> str:
    star = f" {BEST}" if s.best_of_year else "  "
    return "  ".join(
        [
            s.started.strftime("%Y-%m-%d %H:%M"),
            fmt.first_line(s.workout, width).ljust(width),
            f"{s.count} rep{'' if s.count == 1 else 's'}".rjust(7),
            f"best {fmt.rep_time(s.best)}{star}".ljust(14),
            f"median {fmt.rep_time(s.median)}".ljust(14),
            f"target {fmt.target(s.target)}".ljust(18),
            s.shown_diff,
        ]
    ).rstrip()


def _window_json(window: Window) -> dict[str, Any]:
    return {
        "from": window.first.isoformat(),
        "to": window.last.isoformat(),
        "reps": window.count,
        "sessions": window.sessions,
        "median": window.median,
    }


def to_json(history: KindHistory, versus: YearAgainstYear) -> dict[str, Any]:
    """The same figures, exact (seconds to the millisecond as the files keep them)."""
    kind = history.kind
    return {
        "format": JSON_FORMAT,
        "kind": {
            "distance": kind.amount if kind.is_distance else None,
            "duration": None if kind.is_distance else kind.amount,
            "label": kind.label,
        },
        "sessions": [
            {
                "file": s.name,
                "workout": s.workout,
                "started": s.started.isoformat(timespec="milliseconds"),
                "reps": s.count,
                "times": list(s.times),
                "best": s.best,
                "median": s.median,
                "target": list(s.target) if s.target is not None else None,
                "diff": s.diff,
                "best_of_year": s.best_of_year,
            }
            for s in history.sessions
        ],
        "best_of_years": {
            str(year): {"file": s.name, "best": s.best}
            for year, s in sorted(history.best_of_years().items())
        },
        "this_year_against_last": {
            "today": versus.today.isoformat(),
            "weeks": versus.weeks,
            "this_year": _window_json(versus.this),
            "last_year": _window_json(versus.last),
        },
    }
