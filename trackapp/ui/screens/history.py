"""The sessions list: newest first, type to filter by workout name.

Summaries come from the session index (cached, so years of sessions open
quickly); loading runs in a thread so a cold index never freezes the screen.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Input, Static
from textual.worker import get_current_worker

from trackapp.domain import review_text as fmt
from trackapp.domain.years import RepKind, most_common_kind, result_days, week_strip
from trackapp.services import Services
from trackapp.storage.session_index import SessionSummary
from trackapp.storage.session_store import SessionBusy
from trackapp.ui.commands_palette import PaletteCommand
from trackapp.ui.dialogs import ConfirmDelete
from trackapp.ui.dialogs.ask_distance import AskDistance
from trackapp.ui.dialogs.export import export_with_dialog
from trackapp.ui.literal import SHOW_CONTROLS, literal, rich_literal, say
from trackapp.ui.messages import OpenCompare, OpenSession
from trackapp.ui.screens.base import ServicesScreen
from trackapp.ui.screens.group_view import GroupViewScreen
from trackapp.ui.screens.reps import RepsScreen
from trackapp.ui.widgets.keys_footer import KeysFooter
from trackapp.ui.widgets.tables import set_columns
from trackapp.ui.widgets.week_strip import WeekStripView

COLUMNS = (
    ("date", "Date"),
    ("workout", "Workout"),
    ("status", "Status"),
    ("reps", "Reps"),
    ("average", "Average"),
    ("vs", "vs target"),
    ("effort", "Effort"),
    ("notes", "Notes"),
)
PAGE = 100  # rows added ahead of the cursor
NOTE_CHARS = 400  # a note runs to the screen's edge (the table pans), not cut at a fixed width
STATUS_STYLE = {"completed": "green", "stopped": "yellow", "in_progress": "bold cyan"}


class SessionsScreen(ServicesScreen):
    """Every session file, one row each; unreadable ones shown with their reason."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "Open", priority=True),
        Binding("ctrl+r", "compare", "Compare workout", priority=True),
        Binding("ctrl+g", "group", "Group run", priority=True),  # coach mode
        Binding("ctrl+y", "reps", "Reps", priority=True),  # of a distance, across workouts
        Binding("delete", "delete", "Delete", priority=True),
        Binding("ctrl+x", "export", "Export", priority=True),  # x would type in the filter
        Binding("escape", "back", "Clear filter / back"),
        Binding("up", "move(-1)", "Up", show=False, priority=True),
        Binding("down", "move(1)", "Down", show=False, priority=True),
        Binding("pageup", "move(-10)", "Page up", show=False, priority=True),
        Binding("pagedown", "move(10)", "Page down", show=False, priority=True),
        Binding("home", "move_to(0)", "First", show=False, priority=True),
        Binding("end", "move_to(-1)", "Last", show=False, priority=True),
        Binding("left", "pan(-8)", "Scroll left", show=False, priority=True),
        Binding("right", "pan(8)", "Scroll right", show=False, priority=True),
    ]

    def __init__(self, services: Services | None = None) -> None:
        super().__init__(services)
        self._all: list[SessionSummary] = []
        self._shown: list[SessionSummary] = []  # matching the filter, newest first
        self._filled = 0  # how many of them are rows in the table so far
        self._filter = ""  # the filter text `_shown` was made with
        self.loaded = False  # set once the first listing is on screen
        self._groups = False  # some sessions are athletes' of a group run (coach mode)
        self._rows: dict[str, tuple[Text, ...]] = {}  # each session's cells, by file name

    def compose(self) -> ComposeResult:
        yield Static("Sessions", id="history-title")
        yield Input(
            placeholder="type to filter by workout name",
            id="history-filter",
            highlighter=SHOW_CONTROLS,
        )
        yield Static("reading sessions…", id="history-status")
        yield WeekStripView(id="history-weeks")
        table: DataTable[Text] = DataTable(
            id="history-table", cursor_type="row", zebra_stripes=True
        )
        table.can_focus = False  # the filter keeps the keys; the screen moves the cursor
        yield table
        yield KeysFooter()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for key, label in COLUMNS:
            table.add_column(label, key=key)
        self.query_one(Input).focus()
        self.reload()

    def on_screen_resume(self) -> None:
        if self.loaded:
            self.reload()  # a session may have been edited or deleted meanwhile

    @work(thread=True, exclusive=True, group="history-load")
    def reload(self) -> None:
        worker = get_current_worker()

        def progress(done: int, total: int) -> None:
            if not worker.is_cancelled:
                self.app.call_from_thread(self._status, f"indexing sessions… {done}/{total}")

        summaries = self.services.sessions.summaries(progress)
        rows = {s.name: _cells(s) for s in summaries}  # here, off the screen's thread
        if not worker.is_cancelled:
            self.app.call_from_thread(self._show_all, summaries, rows)

    def _status(self, text: str) -> None:
        self.query_one("#history-status", Static).update(literal(text))  # holds a path

    def _show_all(self, summaries: list[SessionSummary], rows: dict[str, tuple[Text, ...]]) -> None:
        keep = self.selected  # the row to stay on, before the table is rebuilt
        self._all = summaries
        self._rows = rows
        # Each column as wide as its widest cell of any session, given, not left to the
        # table: its own measuring, on its idle, once kept the columns as narrow as their
        # headers under load ("Mile re", "comple"); and the width stays put as pages of
        # rows arrive or the filter changes.
        headers = [(label, key) for key, label in COLUMNS]
        set_columns(self.query_one(DataTable), headers, rows.values())
        groups = any(s.group for s in summaries if s.readable)  # coach mode's sessions
        if groups != self._groups:
            self._groups = groups
            self.query_one(Input).placeholder = (
                "type to filter by workout or athlete name"
                if groups
                else "type to filter by workout name"
            )
            self.refresh_bindings()  # ctrl+g, for the group runs
        self._refill(keep)
        self.loaded = True

    def on_input_changed(self, event: Input.Changed) -> None:
        if self._all or self.loaded:
            self._refill()

    def _sync_filter(self) -> None:
        """Keys can outrun Input.Changed; act on what the filter says now, not a moment ago."""
        if self.query_one(Input).value != self._filter:
            self._refill()

    def _refill(self, keep: SessionSummary | None = None) -> None:
        table = self.query_one(DataTable)
        keep = keep or self.selected
        self._filter = self.query_one(Input).value
        self._shown = filter_sessions(self._all, self._filter)
        table.clear()
        self._filled = 0
        row = self._shown.index(keep) if keep is not None and keep in self._shown else 0
        self._fill_to(row + PAGE)
        if row:
            table.move_cursor(row=row, animate=False)
        unreadable = sum(1 for s in self._shown if not s.readable)
        text = f"{len(self._shown)} of {len(self._all)} sessions"
        if unreadable:
            text += f", {unreadable} unreadable"
        if not self._all:
            text = f"no sessions yet in {self.services.sessions_dir}"
        self._status(text)
        today = self.services.wall().date()  # the weeks of the sessions listed
        self.query_one(WeekStripView).set_strip(week_strip(result_days(self._shown), today))

    def _fill_to(self, count: int) -> None:
        """Rows reach the table a page at a time: thousands at once would take seconds."""
        count = min(count, len(self._shown))
        if count > self._filled:
            rows = self._shown[self._filled : count]
            self.query_one(DataTable).add_rows(self._rows[s.name] for s in rows)
            self._filled = count

    @property
    def selected(self) -> SessionSummary | None:
        table = self.query_one(DataTable)
        if not self._shown or not 0 <= table.cursor_row < len(self._shown):
            return None
        return self._shown[table.cursor_row]

    @property
    def shown(self) -> list[SessionSummary]:
        return list(self._shown)

    def action_move(self, by: int) -> None:
        self._sync_filter()
        table = self.query_one(DataTable)
        if self._shown:
            row = min(max(table.cursor_row + by, 0), len(self._shown) - 1)
            self._fill_to(row + PAGE)
            table.move_cursor(row=row)

    def action_move_to(self, row: int) -> None:
        """Home and End: the newest session, the oldest (-1)."""
        self._sync_filter()
        if self._shown:
            target = row if row >= 0 else len(self._shown) + row
            self.action_move(target - self.query_one(DataTable).cursor_row)

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        table = self.query_one(DataTable)
        if table.scroll_y + table.size.height + 20 >= self._filled:
            self._fill_to(self._filled + PAGE)

    def action_pan(self, by: int) -> None:
        """Narrow terminals: the table is wider than the screen, and the filter keeps focus."""
        self.query_one(DataTable).scroll_relative(x=by, animate=False)

    def _readable_selection(self) -> SessionSummary | None:
        """The highlighted session when it can be read; an unreadable one says why."""
        self._sync_filter()
        summary = self.selected
        if summary is not None and not summary.readable:
            say(self, f"{summary.name}: {summary.error}", title="Unreadable", severity="warning")
            return None
        return summary

    def action_open(self) -> None:
        summary = self._readable_selection()
        if summary is not None:
            self.post_message(OpenSession(self.services.sessions_dir / summary.name))

    def action_compare(self) -> None:
        self._sync_filter()
        summary = self.selected
        if summary is None or not summary.readable:
            return
        self.post_message(OpenCompare(summary.workout, athlete=summary.athlete))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "group":
            return self._groups  # False hides it: shown only where there are group runs
        return True

    def action_group(self) -> None:
        """Coach mode: the highlighted athlete's group run, athletes × reps."""
        self._sync_filter()
        summary = self.selected
        if summary is None or not summary.readable:
            return
        if not summary.group:
            say(self, "not a group run: ctrl+g opens the group of an athlete's session")
            return
        self.app.push_screen(GroupViewScreen(summary.group, self.services))

    def action_reps(self) -> None:
        """Every rep of a distance across every workout; the highlighted session's most
        common distance to start with."""
        self._sync_filter()
        summary = self.selected
        kind = most_common_kind(summary.done_reps) if summary is not None else None

        def done(answer: RepKind | None) -> None:
            if answer is not None:
                athlete = summary.athlete if summary is not None else None
                self.app.push_screen(RepsScreen(answer, self.services, athlete))

        self.app.push_screen(AskDistance(kind.typed if kind else "400m"), done)

    def action_delete(self) -> None:
        self._sync_filter()
        summary = self.selected
        if summary is None:
            return

        def done(yes: bool | None) -> None:
            if yes:
                self._trash(summary)

        self.app.push_screen(
            ConfirmDelete(f"{summary.date} {summary.workout or summary.name}"), done
        )

    def _trash(self, summary: SessionSummary) -> None:
        try:
            moved = self.services.sessions.move_to_trash(self.services.sessions_dir / summary.name)
        except SessionBusy as err:
            say(self, f"{err}: not deleted", severity="warning")
            return
        except OSError as err:
            say(self, f"could not move {summary.name}: {err}", severity="error")
            return
        self._all = [s for s in self._all if s.name != summary.name]
        self._refill()
        say(self, f"moved to {moved.parent.name}/{moved.name}", title="Deleted")

    def action_export(self) -> None:
        """The highlighted session as FIT, CSV or JSON, into the export folder."""
        summary = self._readable_selection()
        if summary is None:
            return
        what = f"{summary.date} {summary.workout}"
        export_with_dialog(self, self.services, self.services.sessions_dir / summary.name, what)

    def palette_commands(self) -> Sequence[PaletteCommand]:
        return (
            PaletteCommand(
                "Export session", "As FIT, CSV or JSON, into Downloads (ctrl+x)", self.action_export
            ),
        )

    def action_back(self) -> None:
        filter_input = self.query_one(Input)
        if filter_input.value:
            filter_input.value = ""
        elif len(self.app.screen_stack) > 2:
            self.app.pop_screen()
        else:  # the first screen (`trackapp history`): Esc never quits unasked
            self.notify("Nothing to go back to: Ctrl+Q quits", timeout=3)


def filter_sessions(summaries: Sequence[SessionSummary], text: str) -> list[SessionSummary]:
    """The filter: a case-insensitive part of the workout's name or of the athlete's (coach
    mode); an unreadable file matches on its file name."""
    needle = text.strip().casefold()
    if not needle:
        return list(summaries)
    return [
        s
        for s in summaries
        if needle in (s.workout if s.readable else s.name).casefold()
        or needle in (s.athlete or "").casefold()
    ]


def _cells(s: SessionSummary) -> tuple[Text, ...]:
    """Text, not str: a str cell would be parsed as markup (a name `[/x]` would crash the
    table), which also costs at this scale. What the files hold is `rich_literal`."""
    if not s.readable:
        return (
            rich_literal(s.date),
            rich_literal(fmt.first_line(s.stem, 28), style="dim"),
            Text("unreadable", style="bold red"),
            Text(),
            Text(),
            Text(),
            Text(),
            rich_literal(fmt.first_line(s.error or "", 60), style="red"),
        )
    workout = fmt.first_line(s.workout, 28)
    if s.athlete:  # coach mode: whose session, beside the workout
        workout = f"{workout} · {fmt.first_line(s.athlete, 16)}"
    cells = (
        rich_literal(s.date),
        rich_literal(workout),
        rich_literal(s.status.replace("_", " "), style=STATUS_STYLE.get(s.status, "")),
        Text(f"{s.reps_done}/{s.reps_total}"),
        Text(fmt.rep_time(s.average)),
        Text(fmt.delta(s.average_diff)),
        Text(fmt.effort(s.effort)),
        rich_literal(fmt.first_line(s.notes, NOTE_CHARS)),  # cut at the screen's edge
    )
    if not s.has_result:  # no rep done: listed, dimmed, never a result
        for cell in cells:
            cell.stylize("dim")
    return cells
