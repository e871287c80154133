"""A workout's plan as Rich renderables, from the same rows and totals `trackapp check` prints.

The home screen's preview and the editor's side pane both show it, so a runner
reads the same table in the terminal, in the app and while editing.
"""

from __future__ import annotations

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from trackapp.domain.describe import describe_plan
from trackapp.domain.loader import WorkoutError
from trackapp.domain.plan import Plan
from trackapp.present.plan_table import COLUMNS, ROW_STYLES, rows, settings_line, totals
from trackapp.ui.literal import rich_literal

MAX_ROWS = 300  # a preview of thousands of rows would cost seconds on every keystroke
COMPACT_COLUMNS = (0, 3, 4, 5, 6)  # #, label, length, target, splits: fits half a screen
NARROW_COLUMNS = (3, 4, 5)  # label, length, target: fits a third of 80 columns
NARROW_WIDTH = 46  # below this many columns the compact table is cut to NARROW_COLUMNS


class DrawnOnce:
    """A renderable drawn once for each set of console options it is drawn with.

    Textual measures a Static's content (its height at the pane's width), then draws it at
    that same width and that height: a 300-row plan table costs some 60 ms each time, on
    every move of the home list's cursor. It is drawn with no height (a plan's lines never
    stretch to fill one: its tables and texts ignore it; the caller crops and pads to its
    own), so the two share one drawing. What is drawn depends only on the renderable and
    the options (styles resolve against the console, the app's for its lifetime)."""

    def __init__(self, renderable: RenderableType) -> None:
        self.renderable = renderable
        self._drawn: dict[tuple[object, ...], list[Segment]] = {}

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        options = options.update(height=None)
        options.max_height = options.size.height
        key = (
            id(console),
            options.size,
            options.min_width,
            options.max_width,
            options.justify,
            options.overflow,
            options.no_wrap,
            options.highlight,
            options.markup,
            options.is_terminal,
            options.ascii_only,
            options.legacy_windows,
            options.encoding,
        )
        drawn = self._drawn.get(key)
        if drawn is None:
            drawn = self._drawn[key] = list(console.render(self.renderable, options))
        yield from drawn

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.renderable)


def plan_renderable(
    plan: Plan, shown: str = "", compact: bool = False, width: int | None = None
) -> RenderableType:
    """Title, settings, the segment table, the totals and the notes.

    `compact` keeps the columns a runner checks while editing; a `width` under
    NARROW_WIDTH keeps fewer still, so nothing wraps into an unreadable column.
    """
    workout = plan.workout
    title = rich_literal(workout.name, style="bold")
    if shown:
        title.append_text(rich_literal(f"  ({shown})", style="dim"))
    parts: list[RenderableType] = [
        title,
        Text(describe_plan(plan), style="italic"),
        rich_literal(settings_line(plan), style="dim"),  # pace names are the file's
    ]
    if workout.notes.strip():
        parts.append(Text("Notes: ", style="bold") + rich_literal(workout.notes.strip()))
    columns = tuple(range(len(COLUMNS)))
    if compact:
        narrow = width is not None and width < NARROW_WIDTH
        columns = NARROW_COLUMNS if narrow else COMPACT_COLUMNS
    table = Table(
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        show_edge=False,
        expand=False,
        padding=(0, 1, 0, 0) if compact else (0, 1),
    )
    for index in columns:
        label, justify = COLUMNS[index]
        table.add_column(label, justify=justify, no_wrap=compact)  # type: ignore[arg-type]
    all_rows = rows(plan)
    for seg, row in zip(plan.segments[:MAX_ROWS], all_rows[:MAX_ROWS], strict=True):
        # Text cells: Rich reads a str cell as markup, and labels and cues are the file's
        table.add_row(*(rich_literal(row[i]) for i in columns), style=ROW_STYLES.get(seg.kind, ""))
    parts.append(table)
    if len(all_rows) > MAX_ROWS:
        parts.append(Text(f"… and {len(all_rows) - MAX_ROWS} more segments", style="dim"))
    parts.extend(Text(line) for line in totals(plan))
    return DrawnOnce(Group(*parts))


def error_renderable(error: WorkoutError, shown: str, hint: str = "") -> RenderableType:
    """Every problem, as `trackapp check` prints it, under a title saying the file is broken."""
    count = len(error.problems)
    title = rich_literal(f"{shown}: ", style="bold") + Text(
        f"{count} problem{'' if count == 1 else 's'}", style="bold red"
    )
    parts: list[RenderableType] = [title, Text()]
    parts.extend(rich_literal(p.format(shown), style="red") for p in error.problems)
    if hint:
        parts.extend([Text(), Text(hint, style="dim")])
    return Group(*parts)
