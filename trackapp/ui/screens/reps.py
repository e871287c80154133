"""Every rep of one distance across every workout: a session a row, a chart over the years,
the best of each year and this year against last at the same time of year.

The figures come from `domain.years` over the session index (no session file is read), as
`trackapp reps` shows them; "today" is the services' wall clock, so tests fix it.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Static

from trackapp.domain import review_text as fmt
from trackapp.domain.text import clip
from trackapp.domain.years import (
    BEST,
    KindHistory,
    RepKind,
    SessionAtKind,
    YearAgainstYear,
    against_last_year,
    best_of_years_text,
    reps_of,
    versus_text,
)
from trackapp.services import Services
from trackapp.ui.literal import NAME_CHARS, literal, rich_literal
from trackapp.ui.messages import OpenSession
from trackapp.ui.screens.base import ServicesScreen
from trackapp.ui.widgets.keys_footer import KeysFooter
from trackapp.ui.widgets.tables import set_columns
from trackapp.ui.widgets.time_chart import Point, TimeChart

COLUMNS = ("Date", "Workout", "Reps", "Best", "Median", "Target", "vs target")
WORKOUT_CHARS = 28
PAGE = 100  # rows added ahead of the cursor: hundreds at once would take most of a second


class RepsScreen(ServicesScreen):
    """One `KindHistory`, newest session first; Enter opens the highlighted session."""

    DEFAULT_CSS = """
    RepsScreen #reps-title { padding: 0 1; text-style: bold; background: $primary-background; }
    RepsScreen .reps-line { padding: 0 1; color: $text-muted; }
    RepsScreen #reps-versus { padding: 0 1; }
    RepsScreen #reps-chart { height: 40%; min-height: 6; }
    RepsScreen #reps-table { height: 1fr; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back"),
        Binding("enter", "open", "Open session", priority=True),
    ]

    def __init__(
        self, kind: RepKind, services: Services | None = None, athlete: str | None = None
    ) -> None:
        super().__init__(services)
        self.kind = kind
        self.athlete = athlete  # coach mode: one athlete's reps; None: the runner's own
        self.history: KindHistory | None = None
        self.versus: YearAgainstYear | None = None
        self._newest_first: list[SessionAtKind] = []
        self._filled = 0  # how many of them are rows in the table so far
        self._rows: list[tuple[Text, ...]] = []  # their cells, newest first
        self.loaded = False

    def compose(self) -> ComposeResult:
        whose = f" · {self.athlete}" if self.athlete else ""
        title = f"{self.kind.label}: every rep, every workout{whose}"
        yield Static(literal(clip(title, NAME_CHARS)), id="reps-title")
        yield Static("reading sessions…", id="reps-status", classes="reps-line")
        yield Static("", id="reps-versus")
        yield Static("", id="reps-years", classes="reps-line")
        yield TimeChart(id="reps-chart")
        table: DataTable[Text] = DataTable(id="reps-table", cursor_type="row", zebra_stripes=True)
        yield table
        yield KeysFooter()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for label in COLUMNS:
            table.add_column(label)
        table.focus()
        self.load()

    @work(thread=True, exclusive=True, group="reps-load")
    def load(self) -> None:
        history = reps_of(self.services.sessions.summaries(), self.kind, athlete=self.athlete)
        versus = against_last_year(history, self.services.wall().date())
        rows = [_cells(s) for s in reversed(history.sessions)]  # here, off the screen's thread
        self.app.call_from_thread(self._show, history, versus, rows)

    def _show(
        self, history: KindHistory, versus: YearAgainstYear, rows: list[tuple[Text, ...]]
    ) -> None:
        self.history, self.versus = history, versus
        self._rows = rows
        # each column as wide as its widest cell of every session, from the start: left to
        # the table, its measuring (on its idle) could draw them as narrow as their headers
        set_columns(self.query_one(DataTable), [(c, c) for c in COLUMNS], rows)
        sessions = history.sessions
        status = self.query_one("#reps-status", Static)
        if not sessions:
            status.update(literal(f"no {self.kind.label} reps in {self.services.sessions_dir}"))
            self.loaded = True
            return
        count = len(sessions)
        status.update(
            literal(
                f"{count} session{'' if count == 1 else 's'}, {sessions[0].day.isoformat()} to "
                f"{sessions[-1].day.isoformat()}, newest first; {BEST} best of its year"
            )
        )
        self.query_one("#reps-versus", Static).update(literal(versus_text(versus)))
        years = "Best of each year: " + best_of_years_text(history, dates=False)
        self.query_one("#reps-years", Static).update(literal(years))
        self.query_one(TimeChart).set_points(
            Point(s.day, s.best, s.median, s.best_of_year) for s in sessions
        )
        self._newest_first = list(reversed(sessions))
        self._fill_to(PAGE)
        self.loaded = True

    def _fill_to(self, count: int) -> None:
        count = min(count, len(self._newest_first))
        if count > self._filled:
            self.query_one(DataTable).add_rows(self._rows[self._filled : count])
            self._filled = count

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.cursor_row + PAGE // 2 >= self._filled:
            self._fill_to(self._filled + PAGE)

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        table = self.query_one(DataTable)
        if table.scroll_y + table.size.height + 20 >= self._filled:
            self._fill_to(self._filled + PAGE)

    def action_open(self) -> None:
        row = self.query_one(DataTable).cursor_row
        if 0 <= row < self._filled:
            name = self._newest_first[row].name
            self.post_message(OpenSession(self.services.sessions_dir / name))

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 2:
            self.app.pop_screen()
        else:
            self.app.exit()


def _cells(s: SessionAtKind) -> tuple[Text, ...]:
    """Text, not str: a str cell would be read as markup (a workout named `[b]`)."""
    return (
        Text(s.started.strftime("%Y-%m-%d %H:%M")),
        rich_literal(fmt.first_line(s.workout, WORKOUT_CHARS)),
        Text(str(s.count), justify="right"),
        Text(
            fmt.rep_time(s.best) + (f" {BEST}" if s.best_of_year else ""),
            style="bold green" if s.best_of_year else "",
        ),
        Text(fmt.rep_time(s.median)),
        Text(fmt.target(s.target)),
        Text(s.shown_diff),
    )
