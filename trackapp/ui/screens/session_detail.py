"""One session rep by rep: times, targets, splits, rests, summary, chart, notes and effort."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static

from trackapp.domain import review_text as fmt
from trackapp.domain.session import SessionFormatError, SessionRecord
from trackapp.domain.stats import SessionFigures, session_figures
from trackapp.services import Services
from trackapp.storage.session_store import SessionBusy
from trackapp.ui.commands_palette import PaletteCommand
from trackapp.ui.dialogs import ConfirmDelete, EditEffort, EditNotes, EffortChoice
from trackapp.ui.dialogs.export import export_with_dialog
from trackapp.ui.literal import rich_literal, say
from trackapp.ui.messages import OpenCompare
from trackapp.ui.screens.base import ServicesScreen
from trackapp.ui.screens.group_view import GroupViewScreen
from trackapp.ui.widgets.keys_footer import KeysFooter
from trackapp.ui.widgets.rep_chart import Bar, BarChart

BAND_STYLE = {"fast": "cyan", "on": "green", "slow": "yellow"}
COLUMNS = ("Rep", "Kind", "Label", "Time", "Target", "Diff", "Pace", "Laps", "Ended")


class SessionDetailScreen(ServicesScreen):
    """Renders one session file; edits of notes and effort go straight back into it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back"),
        Binding("n", "notes", "Notes"),
        Binding("e", "effort", "Effort"),
        Binding("c", "compare", "Compare"),
        Binding("g", "group", "Group run"),  # coach mode: shown for an athlete's session
        Binding("x", "export", "Export"),
        Binding("d,delete", "delete", "Delete"),
    ]

    def __init__(self, path: Path, services: Services | None = None) -> None:
        super().__init__(services)
        self.path = path
        self.record: SessionRecord | None = None
        self.figures: SessionFigures | None = None

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="detail-scroll"):
            yield Static(id="detail-head")
            table: DataTable[str | Text] = DataTable(
                id="detail-table", cursor_type="none", zebra_stripes=True
            )
            table.can_focus = False  # the page scrolls as one
            yield table
            yield Static(id="detail-summary")
            yield Static("Rep times against the target band", classes="detail-caption")
            yield BarChart(id="detail-chart")
        yield KeysFooter()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(*COLUMNS)
        self.query_one(VerticalScroll).focus()
        self.load()

    def load(self) -> None:
        try:
            self.record = self.services.sessions.read(self.path)
        except SessionFormatError as err:
            self.record = None
            self.query_one("#detail-head", Static).update(
                rich_literal(f"{self.path.name} is unreadable: {err}", style="bold red")
            )
            return
        self.figures = session_figures(self.record)
        self._render_all()
        self.refresh_bindings()  # `g` for an athlete's session of a group run

    def _render_all(self) -> None:
        assert self.record is not None and self.figures is not None
        record, figures = self.record, self.figures
        self.query_one("#detail-head", Static).update(_head(record, self.path.name))
        table = self.query_one(DataTable)
        table.clear()
        table.add_rows(_rows(record, figures))
        self.query_one("#detail-summary", Static).update(_summary(figures))
        self.query_one(BarChart).set_bars(chart_bars(figures))

    # ---- actions ----

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 2:
            self.app.pop_screen()
        else:
            self.app.exit()

    def _editable(self) -> SessionRecord | None:
        if self.record is None:
            return None
        if self.record.status == "in_progress":
            self.notify(
                "this session is still running; edit it once it has ended", severity="warning"
            )
            return None
        return self.record

    def action_notes(self) -> None:
        record = self._editable()
        if record is None:
            return

        def done(notes: str | None) -> None:
            if notes is not None:
                self._save(notes, record.effort)

        self.app.push_screen(EditNotes(record.notes), done)

    def action_effort(self) -> None:
        record = self._editable()
        if record is None:
            return

        def done(choice: EffortChoice | None) -> None:
            if choice is not None:
                self._save(record.notes, choice.value)

        self.app.push_screen(EditEffort(record.effort), done)

    def _save(self, notes: str, effort: int | None) -> None:
        try:
            self.record = self.services.sessions.annotate(self.path, notes, effort)
        except SessionBusy as err:
            say(self, f"{err}: not changed", severity="warning")
            return
        except (OSError, ValueError) as err:  # SessionFormatError is a ValueError
            say(self, f"not saved: {err}", severity="error")
            return
        self.figures = session_figures(self.record)
        self._render_all()
        self.notify("saved", timeout=2)

    def action_compare(self) -> None:
        """The workout's sessions by date: of this athlete, for an athlete's session."""
        if self.record is None:
            return
        self.post_message(OpenCompare(self.record.workout, athlete=self.record.athlete))

    def action_group(self) -> None:
        """Coach mode: the group run this athlete's session belongs to, athletes × reps."""
        if self.record is None or not self.record.group:
            return
        self.app.push_screen(GroupViewScreen(self.record.group, self.services))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "group":
            return self.record is not None and bool(self.record.group)  # False hides it
        return True

    def action_export(self) -> None:
        """This session as FIT, CSV or JSON, into the export folder."""
        what = self.path.stem if self.record is None else self.record.workout
        export_with_dialog(self, self.services, self.path, what)

    def palette_commands(self) -> Sequence[PaletteCommand]:
        return (
            PaletteCommand(
                "Export session", "As FIT, CSV or JSON, into Downloads (x)", self.action_export
            ),
        )

    def action_delete(self) -> None:
        def done(yes: bool | None) -> None:
            if not yes:
                return
            try:
                self.services.sessions.move_to_trash(self.path)
            except SessionBusy as err:
                say(self, f"{err}: not deleted", severity="warning")
                return
            except (OSError, ValueError) as err:
                say(self, f"could not move {self.path.name}: {err}", severity="error")
                return
            say(self, f"{self.path.name} moved to trash/", title="Deleted")
            self.action_back()

        self.app.push_screen(ConfirmDelete(self.path.name), done)


def _head(record: SessionRecord, name: str) -> Text:
    """The workout's name, the file's name and the notes are the user's: `rich_literal`."""
    text = Text()
    text.append_text(rich_literal(record.workout, style="bold"))
    text.append(f"   {record.started.strftime('%Y-%m-%d %H:%M')}   ")
    status_style = {"completed": "green", "stopped": "yellow"}.get(record.status, "bold cyan")
    text.append_text(rich_literal(record.status.replace("_", " "), style=status_style))
    text.append(f"   effort {fmt.effort(record.effort)}\n", style="")
    text.append_text(rich_literal(name + "\n", style="dim"))
    if record.athlete:
        text.append("athlete: ", style="dim")
        text.append_text(rich_literal(record.athlete, style="bold"))
        text.append("   (g: the whole group run)\n" if record.group else "\n", style="dim")
    text.append("notes: ", style="dim")
    text.append_text(rich_literal(record.notes or "(none — press n to add)"))
    return text


def _rows(record: SessionRecord, figures: SessionFigures) -> list[tuple[str | Text, ...]]:
    """Every segment as begun; run reps by name, their figures from `review_text.rep_cells`
    (the same cells `trackapp show` prints)."""
    rows: list[tuple[str | Text, ...]] = []
    reps = iter(figures.reps)
    for seg in record.segments:
        is_run = seg.kind == "run"
        if not is_run:
            rows.append(
                (
                    rich_literal(seg.label, style="dim"),
                    rich_literal(seg.kind, style="dim"),
                    rich_literal(seg.label, style="dim"),
                    Text(fmt.rep_time(seg.time), style="dim"),
                    "",
                    "",
                    "",
                    "",
                    Text(
                        seg.ended_by or "running",
                        style="bold cyan" if seg.ended_by is None else "dim",
                    ),
                )
            )
            continue
        rep = next(reps)
        c = fmt.rep_cells(rep, figures.pace_unit)
        style = "dim strike" if rep.skipped else ""
        time_text = Text(
            c.time, style=BAND_STYLE.get(rep.band or "", style) if rep.counted else style
        )
        rows.append(
            (
                rich_literal(c.name, style=style),
                rich_literal(seg.kind, style=style),
                rich_literal(seg.label, style=style),
                time_text,
                c.target,
                c.diff,
                c.pace,
                c.laps,
                Text(
                    seg.ended_by or "running", style="bold cyan" if seg.ended_by is None else "dim"
                ),
            )
        )
    return rows


def _summary(f: SessionFigures) -> Text:
    """One figure a line: reps done of planned, each group of like reps, against target,
    the totals (`review_text.summary_items`, as `trackapp show` prints them)."""
    text = Text()
    for label, value in fmt.summary_items(f, long=True):
        text.append_text(rich_literal(f"{label}  ", style="dim"))
        text.append_text(rich_literal(value + "\n", style="bold"))
    return text


def chart_bars(f: SessionFigures) -> list[Bar]:
    """One bar per run rep; skipped reps keep their row, empty, so the count still reads right."""
    bars = []
    for rep in f.reps:
        label = rep.name or rep.label or f"{rep.key[2]}"
        if rep.counted:
            bars.append(Bar(label, rep.time, rep.target, rep.band))
        else:
            bars.append(Bar(label, None, rep.target, None, rep.ended_by or "running"))
    return bars
