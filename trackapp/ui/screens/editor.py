"""Editing a workout inside the app: checked as you type, each problem shown at its line.

The messages are those of `trackapp check`; the plan is previewed beside the
text. Only a valid file is saved, unless the runner asks twice, for a draft.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

from rich.console import Group, RenderableType
from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Static, TextArea
from textual.widgets.text_area import LanguageDoesNotExist

from trackapp.domain.describe import describe_plan, estimate_text
from trackapp.domain.loader import Problem, WorkoutError
from trackapp.domain.plan import Plan
from trackapp.domain.workout_plan import plan_from_text
from trackapp.services import Cancellable, Services, TextualTicker
from trackapp.storage.bounded_read import UnreadableFile, read_bounded
from trackapp.storage.session_files import write_atomic
from trackapp.storage.workout_files import MAX_FILE_BYTES
from trackapp.storage.workout_library import shown_path
from trackapp.ui.commands_palette import PaletteCommand, ScreenCommands
from trackapp.ui.literal import literal, rich_literal, say
from trackapp.ui.widgets.controls_text_area import ControlsTextArea
from trackapp.ui.widgets.keys_footer import KeysFooter
from trackapp.ui.widgets.plan_preview import plan_renderable

CHECK_DELAY = 0.3  # seconds of quiet typing before the text is checked again
ERROR_LINE_DARK = Style(bgcolor="#5f1f1f")
ERROR_LINE_LIGHT = Style(bgcolor="#ffd0d0")


class CannotEdit(Exception):
    """The file cannot be opened for editing; the message says why."""


def read_for_editing(path: Path) -> tuple[str, str]:
    """The text to edit and a warning to show ('' when none).

    A missing file opens empty (saving creates it); a file that is not UTF-8
    opens with its bad bytes replaced, and says so, since saving rewrites them.
    """
    try:
        raw = read_bounded(path, MAX_FILE_BYTES)  # a FIFO or device is never opened
    except UnreadableFile as err:
        if err.missing:
            return "", "The file does not exist yet: saving creates it."
        raise CannotEdit(f"{path.name} {err}") from None
    try:
        return raw.decode("utf-8"), ""
    except UnicodeDecodeError:
        text = raw.decode("utf-8", errors="replace")
        return text, "The file is not UTF-8: bad bytes show as �, and saving writes UTF-8."


def check_text(text: str, shown: str) -> tuple[Plan | None, list[Problem]]:
    """The plan, or every problem; never raises (a loader bug becomes a problem too)."""
    if len(text.encode("utf-8")) > MAX_FILE_BYTES:
        message = f"is larger than {MAX_FILE_BYTES:,} bytes; a workout is a short TOML text"
        return None, [Problem(0, message)]
    try:
        return plan_from_text(text, shown), []
    except WorkoutError as err:
        return None, list(err.problems)
    except Exception as err:  # the editor must outlive any text the runner types
        return None, [Problem(0, f"cannot check this text: {err!r}")]


@functools.cache
def toml_language() -> str | None:
    """ "toml" when it can be used; without tree-sitter Textual itself falls back to plain text,
    but tree-sitter without the TOML grammar raises, so that case is found here, once."""
    try:
        TextArea("", language="toml")
    except LanguageDoesNotExist:
        return None
    return "toml"


class WorkoutTextArea(ControlsTextArea):
    """A TextArea that marks the lines with problems (and draws control characters visibly)."""

    def __init__(self, text: str, id: str | None = None) -> None:
        self.error_lines: frozenset[int] = frozenset()  # 0-based
        # the code_editor settings, with the app theme's colours ("css")
        super().__init__(
            text,
            language=toml_language(),
            theme="css",
            soft_wrap=False,
            tab_behavior="indent",
            show_line_numbers=True,
            id=id,
        )

    def mark(self, lines: frozenset[int]) -> None:
        if lines != self.error_lines:
            self.error_lines = lines
            self.notify_style_update()  # drops the rendered-line cache
            self.refresh()

    def get_line(self, line_index: int) -> Text:
        line = super().get_line(line_index)
        if line_index in self.error_lines:
            dark = self.app.current_theme.dark if self.is_attached else True
            line.stylize(ERROR_LINE_DARK if dark else ERROR_LINE_LIGHT)
        return line


class EditorScreen(Screen[object]):
    """The text on the left, the plan on the right, the problems underneath."""

    COMMANDS: ClassVar = {ScreenCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "close", "Close", priority=True),
        Binding("f8", "next_problem", "Next problem", priority=True),
    ]

    def __init__(self, path: Path, services: Services | None = None) -> None:
        super().__init__()
        self.path = path
        self.shown = shown_path(path)
        self._services = services
        self.saved_text, self._warning = read_for_editing(path)
        self.plan: Plan | None = None
        self.last_good: Plan | None = None
        self.problems: list[Problem] = []
        self._checked_text: str | None = None
        self._timer: Cancellable | None = None
        self._draft_armed: str | None = None  # the text a first, refused save was asked for

    @property
    def text(self) -> str:
        return self.query_one(WorkoutTextArea).text

    @property
    def modified(self) -> bool:
        return self.text != self.saved_text

    def compose(self) -> ComposeResult:
        yield Static(literal(self.shown), id="editor-title")
        with Horizontal(id="editor-main"):
            yield WorkoutTextArea(self.saved_text, id="editor-text")
            with VerticalScroll(id="editor-preview"):
                yield Static("", id="editor-preview-body")
        with VerticalScroll(id="editor-problems"):
            yield Static("", id="editor-problems-body")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one(WorkoutTextArea).focus()
        self.check()
        if self._warning:
            self.notify(self._warning, severity="warning", timeout=8)

    # -- checking -----------------------------------------------------------------
    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self._update_title()
        if self._timer is not None:
            self._timer.stop()
        # the services' ticker: Textual's timer in the app, the fake clock in tests
        ticker = self._services.ticker if self._services is not None else TextualTicker()
        self._timer = ticker.after(self, CHECK_DELAY, self.check)

    def check(self) -> None:
        """Check the text now and show the result: title, marks, problem list, preview."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        text = self.text
        if text == self._checked_text:
            return
        self._checked_text = text
        self.plan, self.problems = check_text(text, self.shown)
        if self.plan is not None:
            self.last_good = self.plan
        self.query_one(WorkoutTextArea).mark(
            frozenset(p.line - 1 for p in self.problems if p.line > 0)
        )
        self._show_problems()
        self._show_preview()
        self._update_title()

    def _show_problems(self) -> None:
        body = self.query_one("#editor-problems-body", Static)
        box = self.query_one("#editor-problems")
        box.set_class(bool(self.problems), "has-problems")
        if not self.problems:
            body.update(Text("✓ no problems", style="green"))
            return
        lines = [rich_literal(p.format(self.shown), style="red") for p in self.problems]
        body.update(Group(*lines))

    def on_resize(self) -> None:
        self.call_after_refresh(self._show_preview)  # the pane's width decides its columns

    def _show_preview(self) -> None:
        body = self.query_one("#editor-preview-body", Static)
        width = self.query_one("#editor-preview").size.width or None
        parts: list[RenderableType] = []
        if self.plan is not None:
            parts.append(plan_renderable(self.plan, compact=True, width=width))
        elif self.last_good is not None:
            parts.append(Text("The plan as of the last valid text:", style="bold yellow"))
            parts.append(plan_renderable(self.last_good, compact=True, width=width))
        else:
            parts.append(Text("No plan yet: fix the problems below.", style="yellow"))
        body.update(Group(*parts))

    def _update_title(self) -> None:
        title = rich_literal(self.shown, style="bold")
        title.append("  modified" if self.modified else "  saved", style="dim")
        if self._checked_text is None or self._checked_text != self.text:
            title.append("  · checking…", style="dim")
        elif self.problems:
            count = len(self.problems)
            lines = sorted({p.line for p in self.problems if p.line > 0})
            where = f" (line {', '.join(map(str, lines[:5]))})" if lines else ""
            title.append(f"  ✗ {count} problem{'' if count == 1 else 's'}{where}", style="red")
        elif self.plan is not None:
            plan = self.plan
            title.append(f"  ✓ {describe_plan(plan)} · {estimate_text(plan)}", style="green")
        self.query_one("#editor-title", Static).update(title)

    # -- actions ------------------------------------------------------------------
    def action_save(self) -> None:
        """A valid text is saved; an invalid one only when asked twice in a row (a draft)."""
        self.check()
        text = self.text
        if self.problems and self._draft_armed != text:
            self._draft_armed = text
            count = len(self.problems)
            self.notify(
                f"Not saved: {count} problem{'' if count == 1 else 's'}. "
                "Press ctrl+s again to save it as a draft anyway.",
                title="Not saved",
                severity="error",
                timeout=8,
            )
            return
        try:
            write_atomic(self.path, text.encode("utf-8"))
        except OSError as err:
            say(self, f"Could not save {self.shown}: {err.strerror or err}", severity="error")
            return
        self.saved_text = text
        self._draft_armed = None
        self._update_title()
        if self.problems:
            self.notify(
                "Saved as a draft with problems: it is listed with its errors, "
                "and cannot be run until they are fixed.",
                title="Saved as draft",
                severity="warning",
                timeout=8,
            )
        else:
            say(self, f"Saved {self.shown}", title="Saved", timeout=3)

    def action_close(self) -> None:
        if not self.modified:
            self.dismiss(None)
            return
        from trackapp.ui.dialogs import ConfirmScreen

        def decided(leave: bool | None) -> None:
            if leave:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmScreen(
                "Leave without saving?",
                "Your changes to this workout are not saved.",
                yes="Leave (y)",
                no="Keep editing (n)",
            ),
            decided,
        )

    def action_next_problem(self) -> None:
        """Move the cursor to the next line with a problem, wrapping round."""
        self.check()
        lines = sorted({p.line - 1 for p in self.problems if p.line > 0})
        if not lines:
            self.notify("No problems with a line", timeout=2)
            return
        area = self.query_one(WorkoutTextArea)
        row = area.cursor_location[0]
        target = next((n for n in lines if n > row), lines[0])
        area.cursor_location = (min(target, area.document.line_count - 1), 0)
        area.scroll_cursor_visible(center=True)

    def palette_commands(self) -> Sequence[PaletteCommand]:
        return (
            PaletteCommand(
                "Save workout", "Valid files only; twice for a draft (ctrl+s)", self.action_save
            ),
            PaletteCommand(
                "Next problem",
                "Jump to the next line with a problem (F8)",
                self.action_next_problem,
            ),
            PaletteCommand("Close editor", "Back to the workouts (Escape)", self.action_close),
        )
