"""`trackapp check [--json] [--roster ROSTER] FILE...`: show each workout's plan, or every
mistake in it.

The human form is a table per file for a runner reading their session before
going out; `--json` is the object of shared/WORKOUT_FORMAT.md, for tools. With a
roster (coach mode) it checks the roster too and shows each athlete's targets.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from trackapp.domain.loader import WorkoutError
from trackapp.domain.plan import Plan
from trackapp.domain.roster import Roster, RosterError, athlete_plan
from trackapp.domain.text import printable
from trackapp.domain.vdot import pace_origins
from trackapp.domain.workout_plan import plan_from_text
from trackapp.present import roster_table
from trackapp.present.plan_table import COLUMNS, ROW_STYLES, rows, settings_line, totals
from trackapp.storage.roster_files import load_roster
from trackapp.storage.workout_files import load_plan, read_workout_text

if TYPE_CHECKING:
    from rich.console import Console

PIPE_WIDTH = 120  # a pipe has no width of its own; wide enough for a mile's splits

DESCRIPTION = """\
Check workout files: print each one's plan (every warm-up, rep, rest and
cool-down with its length, target and split points) with its totals, or list
every problem in it as FILE:LINE: step N (key): message on stderr.
"""

EPILOG = """\
With --json, each valid file's plan is printed as one JSON object on one line
(JSON Lines), in the order the files were given; problems still go to stderr.

With --roster (coach mode), the roster file is checked too (its problems as
ROSTER:LINE: athlete N (key): message) and each workout shows every athlete's
targets from their own paces; a problem only one athlete's paces cause ends
with "(for NAME, athlete N)". With --json the object per workout is then
{"roster", "athletes": [{"name", "key", "paces", "race", "plan"}]}.
Exit status: 0 when every file is valid, 1 when any is not, 2 for a usage error.
"""


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "check",
        help="check workout files and show their plans",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help="print each plan as one JSON object per line instead of a table",
    )
    parser.add_argument(
        "--roster",
        metavar="ROSTER",
        help="coach mode: check this roster too and show each athlete's targets",
    )
    parser.add_argument("files", metavar="FILE", nargs="+", help="workout .toml files")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Check every file even after a bad one, so all problems show in one go."""
    ok = True
    console: Console | None = None
    shown = 0
    roster: Roster | None = None
    if args.roster is not None:
        try:
            roster = load_roster(Path(args.roster), args.roster)
        except RosterError as err:
            ok = False
            print(printable(err.format(args.roster)), file=sys.stderr, flush=True)
    if roster is not None:
        for name in args.files:
            ok = _check_for_roster(args, name, roster) and ok
        return 0 if ok else 1
    for name in args.files:
        try:
            plan = load_plan(Path(name), name)
        except WorkoutError as err:
            ok = False
            sys.stdout.flush()  # keep stdout and stderr in file order on a terminal
            print(printable(err.format(name)), file=sys.stderr, flush=True)
            continue
        if args.json:
            print(json.dumps(plan.to_json()), flush=True)
            continue
        console = console or _console()
        if shown:
            console.print()
        print_plan(console, name, plan)
        shown += 1
    return 0 if ok else 1


def _console() -> Console:
    # Imported here so `trackapp --help` and the JSON form do not pay for Rich.
    from rich.console import Console

    return Console(
        file=sys.stdout,
        highlight=False,
        width=None if sys.stdout.isatty() else PIPE_WIDTH,
    )


def print_plan(console: Console, name: str, plan: Plan) -> None:
    """The plan as a table, then the totals and the notes.

    Every text from the file (name, labels, cues, pace names, notes) and the file's
    name is a Text of `printable` characters: Rich reads a str as markup, and a
    terminal obeys a control character."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    def plain(text: str, style: str = "") -> Text:
        return Text(printable(text), style=style)

    workout = plan.workout
    console.print(plain(workout.name, "bold") + plain(f"  ({name})"))
    console.print(plain(settings_line(plan), "dim"))
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
    for column, justify in COLUMNS:
        table.add_column(column, justify=justify)  # type: ignore[arg-type]
    for seg, row in zip(plan.segments, rows(plan), strict=True):
        table.add_row(*(plain(cell) for cell in row), style=ROW_STYLES.get(seg.kind, ""))
    console.print(table)
    for line in totals(plan):
        console.print(line, markup=False)
    for line in pace_origins(plan):
        console.print(plain(line))
    if workout.notes.strip():
        console.print(Text("Notes: ", style="bold") + plain(workout.notes.strip()))


# -- coach mode ----------------------------------------------------------------------------


def _report(lines: list[str]) -> None:
    sys.stdout.flush()  # keep stdout and stderr in file order on a terminal
    print(printable("\n".join(lines)), file=sys.stderr, flush=True)


def _check_for_roster(args: argparse.Namespace, name: str, roster: Roster) -> bool:
    """One workout for every athlete of the roster: their targets, or every problem."""
    try:
        text = read_workout_text(Path(name), name)
    except WorkoutError as err:
        _report([err.format(name)])
        return False
    plans: list[Plan] = []
    failed: list[tuple[int, list[str]]] = []
    for number, athlete in enumerate(roster.athletes, start=1):
        try:
            plans.append(athlete_plan(text, athlete, name))
        except WorkoutError as err:
            failed.append((number, err.format(name).splitlines()))
    if failed:
        _report(_athlete_problems(roster, failed))
        return False
    if args.json:
        athletes = [
            {
                "name": a.name,
                "key": a.key,
                "paces": dict(a.paces),
                "race": a.race,
                "plan": plan.to_json(),
            }
            for a, plan in zip(roster.athletes, plans, strict=True)
        ]
        print(json.dumps({"roster": roster.name, "athletes": athletes}), flush=True)
        return True
    console = _console()
    print_roster_plan(console, name, args.roster, roster, plans)
    return True


def _athlete_problems(roster: Roster, failed: list[tuple[int, list[str]]]) -> list[str]:
    """A problem every athlete shares once, as the workout's; one of some athletes' with
    whose it is, so the coach knows whether to fix the workout or the roster."""
    everyone = len(failed) == len(roster.athletes)
    shared = set(failed[0][1]).intersection(*(set(lines) for _, lines in failed[1:]))
    lines: list[str] = []
    if everyone:
        lines.extend(line for line in failed[0][1] if line in shared)
    for number, problems in failed:
        athlete = roster.athletes[number - 1]
        for line in problems:
            if not (everyone and line in shared):
                lines.append(f"{line} (for {athlete.name}, athlete {number})")
    return [_race_hint(line) for line in lines]


def _race_hint(line: str) -> str:
    if "comes from a race" in line:
        return line + '; in a roster, an athlete may have their own race = "5K 20:00"'
    return line


def print_roster_plan(
    console: Console, name: str, roster_name: str, roster: Roster, plans: list[Plan]
) -> None:
    """The workout's own plan (when it has targets without an athlete's race), then every
    athlete's targets: one row each, one column per rep."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    try:
        own = plan_from_text(plans[0].workout.text, name)
    except WorkoutError:
        console.print(Text(printable(f"{plans[0].workout.name}  ({name})"), style="bold"))
        console.print("Its targets come from each athlete's race:", markup=False)
    else:
        print_plan(console, name, own)
        console.print()
    title = f"Targets for {roster.name} ({roster_name})" if roster.name else "Targets"
    console.print(Text(printable(title), style="bold"))
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
    for column in roster_table.columns(plans[0]):
        table.add_column(printable(column))
    for row in roster_table.rows(roster.athletes, plans):
        table.add_row(*(Text(printable(cell)) for cell in row))
    console.print(table)
