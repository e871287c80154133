"""All sessions of one workout side by side: reps as rows, dates as columns.

The best time of each rep is marked; so are reps that do not line up because
the workout file was edited between sessions. Below, the session average over
time shows a season's progress at a glance.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static

from trackapp.domain import review_text as fmt
from trackapp.domain.stats import CompareCell, Comparison, compare_sessions
from trackapp.domain.text import clip
from trackapp.services import Services
from trackapp.storage.session_store import read_listed
from trackapp.ui.literal import LABEL_CHARS, NAME_CHARS, rich_literal
from trackapp.ui.messages import OpenSession
from trackapp.ui.screens.base import ServicesScreen
from trackapp.ui.widgets.keys_footer import KeysFooter
from trackapp.ui.widgets.rep_chart import Bar, BarChart
from trackapp.ui.widgets.tables import fill_table

BEST = "★"
DIFFERS = "≠"
COLUMN_TIME = "%Y-%m-%d %H:%M"  # six sessions on one day are six different columns


class CompareScreen(ServicesScreen):
    """Renders a `Comparison`; every figure on it comes from domain.stats."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back"),
        Binding("enter", "open", "Open session", priority=True),
    ]

    def __init__(
        self, workout: str, services: Services | None = None, athlete: str | None = None
    ) -> None:
        super().__init__(services)
        self.workout = workout
        self.athlete = athlete  # coach mode: one athlete's sessions; None: the runner's own
        self.comparison: Comparison | None = None
        self._paths: list[str] = []  # file name per column, oldest first
        self.loaded = False

    def compose(self) -> ComposeResult:
        title = self.workout if self.athlete is None else f"{self.workout} · {self.athlete}"
        yield Static(rich_literal(clip(title, NAME_CHARS), "bold"), id="compare-title")
        yield Static("reading sessions…", id="compare-status")
        table: DataTable[str | Text] = DataTable(id="compare-table", cursor_type="column")
        yield table
        with VerticalScroll(id="compare-chart-box"):
            yield Static("Session average over time", classes="detail-caption")
            yield BarChart(id="compare-chart")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one(DataTable).focus()
        self.load()

    @work(thread=True, exclusive=True, group="compare-load")
    def load(self) -> None:
        store = self.services.sessions
        summaries = store.summaries()
        # a session with no rep done is no result to compare (it shows dimmed in history)
        # one runner's sessions at a time: the runner's own, or (coach mode) one athlete's
        athlete = (self.athlete or "").casefold()
        names = [
            s.name
            for s in summaries
            if s.has_result
            and s.workout == self.workout
            and (s.athlete or "").casefold() == athlete
        ]
        kept, records, skipped = read_listed(store, names)
        comparison = compare_sessions(records)
        paths = [kept[c.position] for c in comparison.columns]
        self.app.call_from_thread(self._show, comparison, paths, skipped)

    def _show(self, comparison: Comparison, paths: list[str], skipped: int) -> None:
        self.comparison, self._paths = comparison, paths
        table = self.query_one(DataTable)
        headers = [("Rep", "rep")]
        headers += [
            (c.started.strftime(COLUMN_TIME), f"s{i}") for i, c in enumerate(comparison.columns)
        ]
        if comparison.plans_differ:
            headers.append(("Plan", "plan"))
        rows: list[list[str | Text]] = []
        for row in comparison.rows:
            label = clip(row.name or row.label, LABEL_CHARS)
            cells: list[str | Text] = [
                rich_literal(
                    f"{DIFFERS} {label}" if row.mismatch else label,
                    style="bold" if row.mismatch else "",
                )
            ]
            cells += [_cell(c) for c in row.cells]
            if comparison.plans_differ:
                cells.append(rich_literal(row.mismatch or "", style="yellow"))
            rows.append(cells)
        averages = [c.figures.average for c in comparison.columns]
        best_average = min((a for a in averages if a is not None), default=None)
        rows.append(
            [
                Text("average", style="bold"),
                *[
                    Text(fmt.rep_time(a) + (f" {BEST}" if a == best_average else ""), style="bold")
                    for a in averages
                ],
                *([""] if comparison.plans_differ else []),
            ]
        )
        rows.append(
            [
                Text("reps done", style="dim"),
                *[
                    Text(f"{c.figures.done}/{c.figures.planned}", style="dim")
                    for c in comparison.columns
                ],
                *([""] if comparison.plans_differ else []),
            ]
        )
        fill_table(table, headers, rows)
        self.query_one(BarChart).set_bars(
            Bar(
                c.started.strftime(COLUMN_TIME),
                c.figures.average,
                note=BEST if c.figures.average == best_average else "",
            )
            for c in comparison.columns
        )
        count = len(comparison.columns)
        status = f"{count} session{'' if count == 1 else 's'} (oldest first, → newer)"
        status += f", {BEST} best of each rep"
        if comparison.plans_differ:
            status += f"; the workout file changed between sessions: {DIFFERS} reps do not line up"
        if skipped:
            status += f"; {skipped} unreadable left out"
        self.query_one("#compare-status", Static).update(status)
        if comparison.columns:
            table.move_cursor(row=0, column=len(comparison.columns), animate=False)
            self.call_after_refresh(self._home_view)  # sets loaded once the view is placed
        else:
            self.loaded = True

    def _home_view(self) -> None:
        """Open at the Rep column: the cursor on the newest session when the table fits,
        else on the oldest with newer ones to the right (a fixed Rep column would hide
        part of the column scrolled under it)."""
        table = self.query_one(DataTable)
        if table.virtual_size.width > table.scrollable_content_region.width:
            table.move_cursor(column=1, animate=False)
        table.scroll_to(x=0, y=0, animate=False, immediate=True)
        self.loaded = True

    def action_open(self) -> None:
        table = self.query_one(DataTable)
        column = table.cursor_column - 1
        if not 0 <= column < len(self._paths):
            return
        self.post_message(OpenSession(self.services.sessions_dir / self._paths[column]))

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 2:
            self.app.pop_screen()
        else:
            self.app.exit()


def _cell(cell: CompareCell) -> Text:
    rep = cell.rep
    if rep is None:
        return Text(fmt.NONE, style="dim")
    if not rep.counted:
        return rich_literal(rep.ended_by or "running", style="dim")
    text = fmt.rep_time(rep.time)
    if cell.plan_differs:
        return Text(f"{text} {DIFFERS}", style="italic yellow")
    if cell.best:
        return Text(f"{text} {BEST}", style="bold green")
    return Text(text)
