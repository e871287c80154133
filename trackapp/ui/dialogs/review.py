"""The review's editors: the runner's notes and effort."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from trackapp.ui.widgets.controls_text_area import ControlsTextArea
from trackapp.ui.widgets.keys_footer import KeysFooter


class EditNotes(ModalScreen[str | None]):
    """The runner's own words; ctrl+s keeps them, escape leaves them as they were."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save notes", priority=True),  # as on the end screen
        Binding("escape", "cancel", "Cancel", priority=True),
    ]

    def __init__(self, notes: str) -> None:
        super().__init__()
        self._notes = notes

    def compose(self) -> ComposeResult:
        with Vertical(classes="review-dialog review-notes"):
            yield Label("Notes — ctrl+s save, escape cancel", classes="review-dialog-title")
            yield ControlsTextArea(self._notes, id="notes-text")
        yield KeysFooter()

    def on_mount(self) -> None:
        area = self.query_one(ControlsTextArea)
        area.move_cursor(area.document.end)  # add to the notes, not before them
        area.focus()

    def action_save(self) -> None:
        self.dismiss(self.query_one(ControlsTextArea).text.rstrip())

    def action_cancel(self) -> None:
        self.dismiss(None)


@dataclass(frozen=True, slots=True)
class EffortChoice:
    value: int | None  # None clears the rating


class EditEffort(ModalScreen[EffortChoice | None]):
    """Effort 1-10; dismisses with the choice, or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, effort: int | None) -> None:
        super().__init__()
        self._effort = effort

    def compose(self) -> ComposeResult:
        with Vertical(classes="review-dialog"):
            yield Label("Effort, 1 (easy) to 10 (all out)", classes="review-dialog-title")
            yield Input(
                "" if self._effort is None else str(self._effort),
                placeholder="1-10, empty to clear",
                type="integer",
                max_length=2,
                id="effort-input",
            )
            yield Label("enter save, escape cancel", id="effort-hint")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if not text:
            self.dismiss(EffortChoice(None))
            return
        value = int(text) if text.isdigit() else 0
        if 1 <= value <= 10:
            self.dismiss(EffortChoice(value))
        else:
            self.query_one("#effort-hint", Label).update("effort is a whole number from 1 to 10")

    def action_cancel(self) -> None:
        self.dismiss(None)
