"""`trackapp check [--json] FILE...`: show each workout's plan, or every mistake in it.

The human form is a table per file for a runner reading their session before
going out; `--json` is the object of shared/WORKOUT_FORMAT.md, for tools.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from trackapp.domain.loader import WorkoutError
from trackapp.domain.plan import Plan
from trackapp.domain.text import printable
from trackapp.domain.vdot import pace_origins
from trackapp.present.plan_table import COLUMNS, ROW_STYLES, rows, settings_line, totals
from trackapp.storage.workout_files import load_plan

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
    parser.add_argument("files", metavar="FILE", nargs="+", help="workout .toml files")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Check every file even after a bad one, so all problems show in one go."""
    ok = True
    console: Console | None = None
    shown = 0
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
