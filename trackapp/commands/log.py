"""`trackapp log`: one line per session, newest first, fine in a pipe."""

from __future__ import annotations

import argparse
import difflib
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any

from trackapp.commands._review import fail, sessions_dir
from trackapp.domain import review_text as fmt
from trackapp.domain.text import printable
from trackapp.domain.years import result_days, strip_lines, week_strip
from trackapp.storage.session_index import (
    SessionSummary,
    athlete_names,
    filter_by_athlete,
    filter_by_workout,
    list_sessions,
)

ATHLETE_WIDTH = 16  # the athlete column: a name beyond this is cut


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "log",
        help="list sessions, one line each, newest first",
        description="List sessions, one line each, newest first.",
    )
    parser.add_argument(
        "--workout", metavar="NAME", help="only sessions whose workout name contains NAME"
    )
    parser.add_argument(
        "--athlete",
        metavar="NAME",
        help="coach mode: only the sessions of the athlete NAME (the whole name, any case)",
    )
    parser.add_argument(
        "--weeks",
        action="store_true",
        help="the last 52 weeks, one mark a week with a session with a rep done; "
        "the streak and the weeks missed this year",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    folder = sessions_dir()
    summaries = list_sessions(folder)
    if args.workout is not None:
        summaries = filter_by_workout((s for s in summaries if s.readable), args.workout)
    athlete = getattr(args, "athlete", None)
    if athlete is not None:
        everyone = summaries
        summaries = filter_by_athlete(everyone, athlete)
        if not summaries:
            return fail(_no_athlete(athlete, athlete_names(everyone), folder), 1)
    if getattr(args, "weeks", False):
        if args.workout is not None and not summaries:
            return fail(f"no sessions of a workout matching {args.workout!r} in {folder}", 1)
        strip = week_strip(result_days(summaries), today())
        sys.stdout.write(printable("\n".join(strip_lines(strip))) + "\n")
        return 0
    if not summaries:
        what = f" of a workout matching {args.workout!r}" if args.workout else ""
        return fail(f"no sessions{what} in {folder}", 1) if args.workout else _empty(folder)
    width = max((len(s.workout) for s in summaries if s.readable), default=8)
    width = min(max(width, 7), 40)
    names = max((len(s.athlete) for s in summaries if s.readable and s.athlete), default=0)
    out = sys.stdout
    for s in summaries:
        out.write(line(s, width, min(names, ATHLETE_WIDTH)) + "\n")
    return 0


def _no_athlete(name: str, known: list[str], folder: Path) -> str:
    """No session of that athlete: the names there are, the closest first."""
    if not known:
        return f"no sessions of athlete {name!r} in {folder}: no group runs saved yet"
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    hint = f"did you mean {close[0]!r}? " if close else ""
    shown = ", ".join(known[:20]) + (", ..." if len(known) > 20 else "")
    return f"no sessions of athlete {name!r} in {folder}; {hint}athletes: {shown}"


def today() -> date:
    """The local date (tests set their own)."""
    return datetime.now().astimezone().date()


def _empty(folder: Path) -> int:
    print(printable(f"no sessions yet in {folder}"), file=sys.stderr)
    return 0


def line(s: SessionSummary, width: int = 30, athlete_width: int = 0) -> str:
    """Date, workout, status, reps done of planned, average against target, effort, notes.

    `avg 1:31.2 vs 1:29.5 (+1.7)`: the difference is of the two figures as shown; a session
    of unlike reps (a pyramid) has no one average and says how it went against target.

    With `athlete_width` (coach mode: some sessions are an athlete's) the athlete's name
    follows the workout's, in a column that wide.

    Names, notes, file names and errors come out `printable`: a log is read on a terminal."""
    if not s.readable:
        return printable(f"{s.date}  {s.stem}  UNREADABLE: {s.error}")
    workout = fmt.first_line(s.workout, width).ljust(width)
    reps = f"{s.reps_done}/{s.reps_total} reps".ljust(10)
    average = fmt.average_text(s.average, s.average_target, s.average_diff, s.on_target, s.targeted)
    parts = [s.date, workout]
    if athlete_width:
        parts.append(fmt.first_line(s.athlete or "", athlete_width).ljust(athlete_width))
    parts += [
        s.status.ljust(11),
        reps,
        average.ljust(27),
        f"effort {fmt.effort(s.effort)}".ljust(12),
    ]
    if s.notes:
        parts.append(fmt.first_line(s.notes, 40))
    return printable("  ".join(parts).rstrip())
