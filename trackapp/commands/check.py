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
from trackapp.domain.plan import Plan, Segment
from trackapp.domain.text import printable
from trackapp.domain.units import format_clock, format_distance, format_pace
from trackapp.domain.vdot import pace_origins
from trackapp.domain.workout import StepKind
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


COLUMNS = (
    ("#", "right"),
    ("kind", "left"),
    ("step/set/rep", "left"),
    ("label", "left"),
    ("length", "right"),
    ("target", "right"),
    ("splits (m)", "left"),
    ("cue", "left"),
)

ROW_STYLES = {StepKind.RUN: "bold", StepKind.REST: "dim"}


def settings_line(plan: Plan) -> str:
    workout = plan.workout
    parts = [f"track {format_distance(workout.track)}", f"paces per {workout.pace_unit}"]
    for pace_name, pace in workout.paces.items():
        parts.append(f"{pace_name} = {pace_text(pace, workout.pace_unit)}")
    return ", ".join(parts)


def pace_text(pace: tuple[float, float], unit: str) -> str:
    fast, slow = pace
    if abs(fast - slow) < 1e-9:
        return format_pace(fast, unit)
    low = format_pace(fast, unit).split("/")[0]
    return f"{low}-{format_pace(slow, unit)}"


def rows(plan: Plan) -> list[tuple[str, ...]]:
    """One row per segment; a step's cue only on its first segment, to keep the table calm."""
    unit = plan.workout.pace_unit
    result: list[tuple[str, ...]] = []
    previous_step = 0
    for seg in plan.segments:
        cue = seg.cue if seg.cue and seg.step != previous_step else ""
        previous_step = seg.step
        result.append(
            (
                str(seg.index + 1),
                str(seg.kind),
                f"{seg.step}/{seg.set}/{seg.rep}",
                seg.label,
                length_text(seg),
                target_text(seg, unit),
                splits_text(seg),
                cue,
            )
        )
    return result


def length_text(seg: Segment) -> str:
    if seg.distance is not None:
        return format_distance(seg.distance)
    if seg.duration is not None:
        return format_clock(seg.duration)
    if seg.every is not None:
        return f"to {format_clock(seg.every)} cycle"
    return "open"


def target_text(seg: Segment, unit: str) -> str:
    if seg.target is not None:
        low, high = seg.target
        if abs(low - high) < 1e-9:
            return _clock(low)
        return f"{_clock(low)}-{_clock(high)}"
    if seg.pace is not None:
        return f"{pace_text(seg.pace, unit)} (guide)"
    return ""


def _clock(seconds: float) -> str:
    """Tenths only when the target has them (89.5 s from a pace), else m:ss."""
    return format_clock(seconds, tenths=not float(seconds).is_integer())


def splits_text(seg: Segment) -> str:
    if not seg.splits:
        return ""
    if len(seg.splits) == 1:
        return "one press"
    return " / ".join(f"{point:.0f}" for point in seg.splits)


def unknown_parts(plan: Plan) -> int:
    """Segments whose time cannot be known in advance (mirrors Plan.estimated_time)."""
    count, previous_known = 0, True
    for seg in plan.segments:
        if seg.duration is not None or seg.target is not None:
            known = True
        elif seg.every is not None:
            known = previous_known
        else:
            known = seg.distance is not None and seg.pace is not None
        count += not known
        previous_known = known
    return count


def total_distance(metres: float) -> str:
    """Like format_distance, but an odd total (miles on a metric track) as km to 10 m."""
    text = format_distance(metres)
    if metres >= 1000 and not metres.is_integer() and not text.endswith("mi"):
        return f"{metres / 1000:.2f} km"
    return text


def totals(plan: Plan) -> list[str]:
    reps = plan.run_count()
    seconds, complete = plan.estimated_time()
    estimate = format_clock(seconds)
    if not complete:
        unknown = unknown_parts(plan)
        parts = "part" if unknown == 1 else "parts"
        estimate = (
            f"at least {estimate} ({unknown} {parts} of unknown time: open, "
            "or a distance without target or pace)"
        )
    timed = sum((s.duration or 0.0 for s in plan.segments if s.kind is StepKind.RUN), start=0.0)
    distance = f"Run distance: {total_distance(plan.run_distance)} in {reps} rep" + (
        "" if reps == 1 else "s"
    )
    if timed:
        distance += f", plus {format_clock(timed)} of running by time"
    return [distance, f"Estimated time: {estimate}"]
