"""The end screen: every rep against its target, and the runner's notes and effort."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Input, Static

from trackapp.domain.review_text import rep_cells, summary_items
from trackapp.domain.stats import session_figures
from trackapp.domain.text import clip, printable
from trackapp.runner import SessionRun
from trackapp.services import Cancellable, TextualTicker, Ticker
from trackapp.storage.workout_library import shown_path
from trackapp.ui.literal import (
    LABEL_CHARS,
    NAME_CHARS,
    SHOW_CONTROLS,
    literal,
    rich_literal,
    say,
)
from trackapp.ui.screens.navigation import leave
from trackapp.ui.widgets.keys_footer import KeysFooter

RETRY_SECONDS = 2.0  # while the session is not on disk, try again this often
RECHECK_SECONDS = 0.3  # then look whether that write landed (it runs on the writer thread)


class SummaryScreen(Screen[None]):
    """The end screen. While the session cannot be saved it says so plainly, keeps
    trying, offers another folder, and asks before leaving what would be lost."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save notes", priority=True),  # as in the notes dialog
        Binding("escape", "finish", "Done"),
        # Enter moves on to the other field as the app reads it, before any key after it
        # (a priority binding runs then; the field's own Enter posts a message that the
        # keys already queued behind it would overtake, typing effort into the notes)
        Binding("enter", "next_field", "Next field", show=False, priority=True),
        # not Ctrl+H: many terminals send it for Backspace
        Binding("ctrl+o", "save_in('home')", "Save in ~", show=False),
        Binding("ctrl+t", "save_in('temp')", "Save in temp", show=False),
    ]

    def __init__(self, run: SessionRun, ticker: Ticker | None = None) -> None:
        super().__init__()
        self.run = run
        self._ticker: Ticker = ticker if ticker is not None else TextualTicker()
        self._retry: Cancellable | None = None

    def compose(self) -> ComposeResult:
        record = self.run.record
        status = record.status if record else "not started"
        title = f"{clip(self.run.plan.workout.name, NAME_CHARS)} · {status.replace('_', ' ')}"
        with Vertical(id="summary"):
            yield Static(literal(title), id="summary-title")
            yield DataTable(id="summary-table", zebra_stripes=True, cursor_type="row")
            yield Static("", id="summary-totals")
            yield Static("", id="summary-saved")
            # Tab moves between the fields without selecting what is there: a key typed
            # next adds to the notes, never replaces them.
            with Horizontal(id="summary-form"):
                yield Static("Notes", classes="summary-label")
                yield Input(
                    value=record.notes if record else "",
                    placeholder="How did it go?",
                    id="summary-notes",
                    highlighter=SHOW_CONTROLS,
                    select_on_focus=False,
                )
                yield Static("Effort", classes="summary-label")
                yield Input(
                    value=str(record.effort) if record and record.effort else "",
                    placeholder="1-10",
                    id="summary-effort",
                    restrict=r"[0-9]{0,2}",
                    max_length=2,
                    select_on_focus=False,
                )
            yield Static(
                "Ctrl+S saves notes and effort · Enter: next field · Esc saves and leaves",
                id="summary-hint",
            )
        yield KeysFooter()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Rep", "Time", "Target", "Diff", "Pace", "Laps")
        record = self.run.record
        totals = "No reps finished."
        if record is not None:
            figures = session_figures(record, self.run.plan)
            for rep in figures.reps:
                c = rep_cells(rep, figures.pace_unit)
                time_text = c.time + (
                    f" ({rep.ended_by})" if rep.ended_by in ("skip", "stop") else ""
                )
                name = rich_literal(clip(c.name, LABEL_CHARS))
                table.add_row(name, time_text, c.target, c.diff, c.pace, c.laps)
            if figures.done:
                totals = "\n".join(f"{label}: {value}" for label, value in summary_items(figures))
        self.query_one("#summary-totals", Static).update(literal(totals))
        self._show_saved()
        self.query_one("#summary-notes", Input).focus()

    # -- is it on disk? --------------------------------------------------
    def _show_saved(self) -> None:
        """`Saved to PATH`, or plainly that it is not, why, and what the runner can do."""
        line = self.query_one("#summary-saved", Static)
        run = self.run
        if not run.unsaved:
            line.remove_class("unsaved")
            path = run.path
            # relative to here or ~ when shorter: it fits the line at 80 columns
            line.update(literal(f"Saved to {shown_path(path)}" if path is not None else ""))
            if self._retry is not None:
                self._retry.stop()
                self._retry = None
            return
        line.add_class("unsaved")
        reason = printable(run.store.last_error or "the disk has not answered yet")
        at_risk = run.splits_at_risk()
        line.update(
            Content.assemble(
                ("NOT SAVED", "bold"),
                f": {reason}.\n{splits_text(at_risk)} not on disk yet; "
                f"trying again every {RETRY_SECONDS:g} s.\n",
                ("Ctrl+O", "bold"),
                " saves it in your home folder, ",
                ("Ctrl+T", "bold"),
                " in the temporary folder.",
            )
        )
        if self._retry is None:
            self._retry = self._ticker.after(self, RETRY_SECONDS, self._try_again)

    def _try_again(self) -> None:
        """Queue another write (the writer retries all it holds), then look again."""
        self.run.save(force=True)
        self._retry = self._ticker.after(self, RECHECK_SECONDS, self._recheck)

    def _recheck(self) -> None:
        self._retry = None
        self._show_saved()  # re-arms the retry while still not saved

    def action_save_in(self, where: str) -> None:
        folder = Path.home() if where == "home" else Path(tempfile.gettempdir())
        if self.run.save_elsewhere(folder):
            self.notify(f"Saved to {self.run.path}", title="Session saved", timeout=8, markup=False)
        else:
            self.notify(
                f"Could not save in {folder}: {self.run.store.last_error}",
                severity="error",
                markup=False,
            )
        self._show_saved()

    def quit_guard(self) -> bool:
        """Ctrl+Q with splits not on disk: ask first (True: handled here)."""
        if not self.run.unsaved:
            return False
        self._confirm_leave(lambda: self.app.exit())
        return True

    def _confirm_leave(self, leave_now: Callable[[], None]) -> None:
        from trackapp.ui.dialogs import ConfirmScreen

        if isinstance(self.app.screen, ConfirmScreen):
            return
        count = self.run.splits_at_risk()

        def decided(yes: bool | None) -> None:
            if yes:
                leave_now()

        self.app.push_screen(
            ConfirmScreen(
                "Leave without saving?",
                f"This session is not on disk: {splits_text(count)} would be lost. "
                "Ctrl+O or Ctrl+T on the end screen save it in another folder.",
                yes="Leave, lose it (y)",
                no="Stay (n)",
            ),
            decided,
        )

    def _effort(self) -> int | None:
        text = self.query_one("#summary-effort", Input).value.strip()
        if not text:
            return None
        value = int(text)
        return value if 1 <= value <= 10 else None

    def action_save(self) -> None:
        effort_text = self.query_one("#summary-effort", Input).value.strip()
        effort = self._effort()
        if effort_text and effort is None:
            self.notify("Effort is a number from 1 to 10", severity="warning")
            return
        notes = self.query_one("#summary-notes", Input).value
        self.run.set_review(notes, effort)
        ok = self.run.store.flush(timeout=5.0)
        if ok:
            self.notify("Notes saved", timeout=2)
        else:
            say(self, self.run.store.last_error or "Could not save", severity="error")

    def action_next_field(self) -> None:
        """Enter goes to the other field; Ctrl+S saves, here as in the notes dialog."""
        self.focus_next(Input)

    def action_finish(self) -> None:
        self.action_save()
        if not self.run.close():
            self._show_saved()
            self._confirm_leave(lambda: leave(self))
            return
        leave(self)


def splits_text(count: int) -> str:
    if count == 0:
        return "the session record (no split)"
    return f"{count} split{'s' if count != 1 else ''}"
