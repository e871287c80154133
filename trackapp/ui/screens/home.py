"""The home screen: every workout at hand, its plan, its last result, and what to do with it.

Workouts come from `./workouts` and the user's folder; the last run of each
comes from the session index, read in a thread so a cold index never delays
the list. Broken files are listed with their error: the runner fixes them here.
"""

from __future__ import annotations

import os
import shlex
import subprocess
from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult, SuspendNotSupported
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Input, Static

from trackapp.domain import review_text
from trackapp.domain.describe import describe_plan, estimate_text, last_run_text
from trackapp.domain.text import clip
from trackapp.present.plan_table import total_distance
from trackapp.services import Services
from trackapp.storage.session_index import SessionSummary
from trackapp.storage.workout_files import read_workout_text
from trackapp.storage.workout_library import (
    HERE,
    MINE,
    WorkoutEntry,
    copy_name,
    create_workout,
    list_workouts,
    load_entry,
    shown_path,
    template_text,
)
from trackapp.ui.commands_palette import PaletteCommand, ScreenCommands
from trackapp.ui.dialogs import AskName
from trackapp.ui.literal import LABEL_CHARS, literal, rich_literal, say
from trackapp.ui.messages import OpenCompare
from trackapp.ui.screens.base import ServicesScreen
from trackapp.ui.widgets.keys_footer import KeysFooter
from trackapp.ui.widgets.plan_preview import error_renderable, plan_renderable
from trackapp.ui.widgets.tables import fill_table

COLUMNS = (
    ("name", "Workout"),
    ("shape", "Session"),
    ("distance", "Distance"),
    ("time", "Time"),
    ("last", "Last run"),
)
HEADERS = [(label, key) for key, label in COLUMNS]
WIDE = 110  # terminal columns from which the list shows everything at full width
WIDTHS = {True: (30, 38, 24), False: (20, 22, 15)}  # name, shape, last run: wide, narrow
MIN_NAME, MIN_SHAPE = 12, 12
NOT_YET = "—"
OPENED = "opened"  # the origin of a file named on the command line outside both folders


def last_runs(summaries: Sequence[SessionSummary]) -> dict[str, SessionSummary]:
    """The newest session with a rep done of each workout name (summaries come newest
    first): a session given up before any rep ended is no result."""
    out: dict[str, SessionSummary] = {}
    for s in summaries:
        if s.has_result and s.workout not in out:
            out[s.workout] = s
    return out


def _preview_key(entry: WorkoutEntry | None, compact: bool) -> tuple[object, ...] | None:
    """All the preview is made from: the same key, the same preview."""
    if entry is None:
        return None
    if entry.plan is not None:
        return (entry.path, entry.shown, compact, entry.plan.workout.text)
    problems = entry.error.problems if entry.error is not None else []
    return (entry.path, entry.shown, tuple(p.format(entry.shown) for p in problems))


class HomeScreen(ServicesScreen):
    """Lists the workouts; Enter runs one, `e` edits it, `h` shows its sessions."""

    COMMANDS: ClassVar = {ScreenCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "run", "Run", priority=True),
        Binding("e", "edit", "Edit"),
        Binding("E", "external_edit", "$EDITOR", key_display="E"),
        Binding("n", "new", "New"),
        Binding("c", "copy", "Copy"),
        Binding("h", "history", "Sessions"),
        Binding("s", "settings", "Settings", show=False),
        Binding("r", "reload", "Reload", show=False),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(
        self,
        services: Services | None = None,
        here: Path | None = None,
        select: Path | None = None,
    ) -> None:
        super().__init__(services)
        self._here = here  # None: `./workouts` of the current directory at each reload
        self.entries: list[WorkoutEntry] = []
        self.last: dict[str, SessionSummary] = {}
        self.sessions_loaded = False
        # the workout to put the cursor on first (`trackapp home FILE`)
        self._select_path: Path | None = select.absolute() if select is not None else None
        # listed too when it is outside both folders (`trackapp home ~/plans/x.toml`)
        self._opened = self._select_path
        self._filled_wide = True
        self._widths = WIDTHS[True][:2]
        # what the preview shows: rebuilt only when that changes (a long plan's table costs
        # milliseconds to lay out, and the list's refills, the cursor's moves and the
        # sessions' arrival each ask for it)
        self._previewing: tuple[object, ...] | None = None

    @property
    def folders(self) -> list[tuple[str, Path]]:
        here = self._here if self._here is not None else Path.cwd() / "workouts"
        return [(HERE, here), (MINE, self.services.user_workouts_dir)]

    def compose(self) -> ComposeResult:
        yield Static("trackapp · workouts", id="home-title")
        table: DataTable[Text] = DataTable(id="home-table", cursor_type="row", zebra_stripes=True)
        yield table
        yield Static("", id="home-status")
        with VerticalScroll(id="home-preview"):
            yield Static("", id="home-preview-body")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one(DataTable).focus()

    def on_screen_resume(self) -> None:
        # each time it is shown, the first time too: a workout may have been edited, or a
        # session run, meanwhile (read once at start: the mount leaves it to this)
        self.reload()

    # -- the list -------------------------------------------------------------
    def reload(self, select: Path | None = None) -> None:
        """Read the workout files again, keeping the cursor on the same file."""
        keep = select or self._select_path or (self.selected.path if self.selected else None)
        self._select_path = None
        self.entries = list_workouts(self.folders)
        opened = self._opened
        if opened is not None and opened.is_file():
            listed = {e.path.resolve() for e in self.entries}
            if opened.resolve() not in listed:
                self.entries.append(load_entry(opened, OPENED))
        self._fill(keep)
        self.load_sessions()

    @property
    def wide(self) -> bool:
        return self.app.size.width >= WIDE

    def on_resize(self) -> None:
        if self.wide != self._filled_wide or self._fit_widths() != self._widths:
            self._fill(self.selected.path if self.selected else None)

    def _fit_widths(self) -> tuple[int, int]:
        """Name and shape widths so that every column fits the terminal's width: each
        gets what it needs when there is room, else the room is shared, the name first."""
        plans = [e.plan for e in self.entries if e.plan is not None]
        distances = [total_distance(p.run_distance) for p in plans if p.run_distance]
        fixed = max(map(len, ["Distance", *distances]))
        fixed += max(map(len, ["Time", *(estimate_text(p) for p in plans)]))
        # cell padding (1 each side of every column) and the vertical scrollbar
        room = self.app.size.width - 2 * len(COLUMNS) - 2 - fixed - WIDTHS[self.wide][2]
        names = [len(e.name) + 2 for e in self.entries]  # and "· " for the own folder
        need_name = max(names, default=MIN_NAME)
        need_shape = max((len(describe_plan(p)) for p in plans), default=MIN_SHAPE)
        if need_name + need_shape <= room:
            return need_name, need_shape
        name = max(min(need_name, room - min(need_shape, room // 2)), MIN_NAME)
        return name, max(room - name, MIN_SHAPE)

    def _fill(self, keep: Path | None = None) -> None:
        self._filled_wide = self.wide
        self._widths = self._fit_widths()
        table = self.query_one(DataTable)
        # each column as wide as its widest cell now: left to the table, a column kept
        # the width of a name since renamed, and at 80 columns pushed "Last run" off
        fill_table(table, HEADERS, [self._cells(e) for e in self.entries])
        paths = [e.path for e in self.entries]
        if keep is not None and keep in paths:
            table.move_cursor(row=paths.index(keep), animate=False)
        self._status()
        self.show_preview()

    def _cells(self, entry: WorkoutEntry) -> tuple[Text, ...]:
        name_width, shape_width = self._widths
        mark = "" if entry.origin == HERE else "· "
        if entry.plan is None:
            problems = entry.error.problems if entry.error else []
            first = problems[0].message if problems else "cannot load"
            more = f" (+{len(problems) - 1} more)" if len(problems) > 1 else ""
            return (
                rich_literal(review_text.first_line(mark + entry.path.name, name_width), "dim"),
                rich_literal(review_text.first_line(f"✗ {first}{more}", shape_width), "red"),
                Text(),
                Text(),
                Text(),
            )
        plan = entry.plan
        return (
            rich_literal(review_text.first_line(mark + plan.workout.name, name_width)),
            Text(review_text.first_line(describe_plan(plan), shape_width)),
            Text(
                total_distance(plan.run_distance) if plan.run_distance else NOT_YET,
                justify="right",
            ),
            Text(estimate_text(plan), justify="right"),
            self._last_cell(entry),
        )

    def _last_cell(self, entry: WorkoutEntry) -> Text:
        if not self.sessions_loaded:
            return Text("…", style="dim")
        s = self.last.get(entry.name)
        if s is None:
            return Text(NOT_YET, style="dim")
        wide = self._filled_wide
        text = last_run_text(
            s.started, s.status, s.reps_done, s.reps_total, s.average_diff, short=not wide
        )
        style = "" if s.status == "completed" else "yellow"
        return Text(review_text.first_line(text, WIDTHS[wide][2]), style=style)

    def _status(self) -> None:
        here, mine = self.folders[0][1], self.folders[1][1]
        n_here = sum(1 for e in self.entries if e.origin == HERE)
        n_mine = sum(1 for e in self.entries if e.origin == MINE)
        opened = [e.shown for e in self.entries if e.origin == OPENED]
        broken = sum(1 for e in self.entries if not e.ok)
        where_here = shown_path(here)
        where_here = where_here if where_here.startswith(("/", "~")) else f"./{where_here}"
        text = f"{n_here} in {where_here}, {n_mine} in {shown_path(mine)} (marked ·)"
        if opened:
            text += f", {opened[0]} (opened, marked ·)"
        if broken:
            text += f"; {broken} with problems"
        if not self.entries:
            text = (
                f"No workouts yet in {shown_path(here)} or {shown_path(mine)}: "
                "press n to create one."
            )
        self.query_one("#home-status", Static).update(literal(text))  # folders' paths

    @work(thread=True, exclusive=True, group="home-sessions")
    def load_sessions(self) -> None:
        """The session index can take seconds when cold; the list shows `…` until then."""
        try:
            summaries = self.services.sessions.summaries()
        except Exception:  # the last-run column is a nicety; it never stops the list
            summaries = []
        self.app.call_from_thread(self._sessions_ready, summaries)

    def _sessions_ready(self, summaries: list[SessionSummary]) -> None:
        self.last = last_runs(summaries)
        self.sessions_loaded = True
        self._fill(self.selected.path if self.selected else None)

    @property
    def selected(self) -> WorkoutEntry | None:
        table = self.query_one(DataTable)
        if not self.entries or not 0 <= table.cursor_row < len(self.entries):
            return None
        return self.entries[table.cursor_row]

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_preview()

    def show_preview(self) -> None:
        entry = self.selected
        compact = not self.wide
        shows = _preview_key(entry, compact)
        if shows == self._previewing:
            return
        self._previewing = shows
        body = self.query_one("#home-preview-body", Static)
        if entry is None:
            body.update("")
        elif entry.plan is None:
            assert entry.error is not None
            hint = "Press e to fix it here, or E to open it in $EDITOR."
            body.update(error_renderable(entry.error, entry.shown, hint))
        else:
            body.update(plan_renderable(entry.plan, entry.shown, compact=compact))

    # -- actions ----------------------------------------------------------------
    def _need_entry(self) -> WorkoutEntry | None:
        entry = self.selected
        if entry is None:
            self.notify("No workout selected: press n to create one", severity="warning")
        return entry

    def action_run(self) -> None:
        entry = self._need_entry()
        if entry is None:
            return
        if entry.plan is None:
            say(
                self,
                f"{entry.path.name} has problems; press e to fix it first",
                title="Cannot run",
                severity="warning",
            )
            return
        start_run = getattr(self.app, "start_run", None)
        if start_run is not None:
            start_run(entry.plan)

    def action_edit(self) -> None:
        entry = self._need_entry()
        if entry is not None:
            self.open_editor(entry.path)

    def open_editor(self, path: Path) -> None:
        from trackapp.ui.screens.editor import CannotEdit, EditorScreen

        try:
            editor = EditorScreen(path, self.services)
        except CannotEdit as err:
            say(self, str(err), title="Cannot edit", severity="error")
            return
        self._select_path = path
        self.app.push_screen(editor)

    def action_external_edit(self) -> None:
        entry = self._need_entry()
        if entry is None:
            return
        command = os.environ.get("VISUAL") or os.environ.get("EDITOR")
        if not command:
            self.notify(
                "Set $EDITOR (e.g. export EDITOR=nano) to edit in your own editor, "
                "or press e to edit here.",
                title="No $EDITOR",
                severity="warning",
                timeout=8,
            )
            return
        try:
            argv = [*shlex.split(command), str(entry.path)]
        except ValueError as err:
            say(self, f"$EDITOR cannot be read: {err}", severity="error")
            return
        try:
            with self.app.suspend():
                result = self._run_editor(argv)
        except SuspendNotSupported:
            if not self.app.is_headless:
                self.notify("This terminal cannot hand over to $EDITOR", severity="error")
                return
            result = self._run_editor(argv)  # tests: no terminal to hand over
        if result:
            say(self, result, title="$EDITOR", severity="error")
        self.reload(select=entry.path)
        self.refresh()

    @staticmethod
    def _run_editor(argv: list[str]) -> str:
        """Runs the editor; returns what went wrong, or '' when it ran."""
        try:
            subprocess.run(argv, check=False)
        except OSError as err:
            return f"could not start {argv[0]!r}: {err.strerror or err}"
        return ""

    def action_new(self) -> None:
        def named(name: str | None) -> None:
            if name:
                self._create(name, template_text())

        self.app.push_screen(AskName("New workout: what is it called?"), named)

    def action_copy(self) -> None:
        entry = self._need_entry()
        if entry is None:
            return
        try:
            text = read_workout_text(entry.path, entry.shown)
        except Exception as err:
            say(self, f"Cannot read {entry.path.name}: {err}", severity="error")
            return
        taken = [e.name for e in self.entries]
        base = entry.plan.workout.name if entry.plan is not None else entry.path.stem

        def named(name: str | None) -> None:
            if name:
                self._create(name, text)

        self.app.push_screen(AskName("Copy as:", copy_name(base, taken)), named)

    def _create(self, name: str, text: str) -> None:
        folder = self.services.user_workouts_dir
        try:
            path = create_workout(folder, name, text)
        except (OSError, ValueError) as err:
            say(self, f"Could not create {name!r}: {err}", severity="error")
            return
        say(self, f"Created {shown_path(path)}", title=name)
        self.reload(select=path)
        self.open_editor(path)

    async def action_history(self) -> None:
        """The sessions of the selected workout, newest first (the review screens)."""
        entry = self.selected
        try:
            from trackapp.ui.screens.history import SessionsScreen
        except ImportError:
            self.notify("The sessions screen is not available yet", severity="warning")
            return
        screen = SessionsScreen(self.services)
        await self.app.push_screen(screen)
        if entry is not None and entry.plan is not None:
            filter_box = screen.query("#history-filter")
            if filter_box and isinstance(filter_box.first(), Input):
                filter_box.first(Input).value = entry.name

    def action_compare(self) -> None:
        entry = self.selected
        if entry is None or entry.plan is None:
            self.notify("Select a workout that loads to compare its sessions", severity="warning")
            return
        self.post_message(OpenCompare(entry.name))

    def action_reload(self) -> None:
        self.reload()
        self.notify("Workouts reloaded", timeout=2)

    def action_quit(self) -> None:
        self.app.exit(0)

    def palette_commands(self) -> Sequence[PaletteCommand]:
        entry = self.selected
        name = f": {clip(entry.name, LABEL_CHARS)}" if entry is not None else ""
        return (
            PaletteCommand(f"Run workout{name}", "Start it (Enter)", self.action_run),
            PaletteCommand(
                f"Edit workout{name}", "In the app, checked as you type (e)", self.action_edit
            ),
            PaletteCommand(
                f"Edit in $EDITOR{name}", "Your own editor (E)", self.action_external_edit
            ),
            PaletteCommand(
                "New workout", "From a short template, in your folder (n)", self.action_new
            ),
            PaletteCommand(
                f"Copy workout{name}", "To adapt it, in your folder (c)", self.action_copy
            ),
            PaletteCommand(f"Sessions{name}", "Its recent sessions (h)", self.action_history),
            PaletteCommand(
                f"Compare sessions{name}", "Its sessions side by side", self.action_compare
            ),
            PaletteCommand("Reload workouts", "Read the folders again (r)", self.action_reload),
            PaletteCommand("Settings", "Debounce, volume, voice, sound (s)", self.action_settings),
        )

    def action_settings(self) -> None:
        from trackapp.ui.dialogs import SettingsScreen

        self.app.push_screen(SettingsScreen(self.services))
