"""Which reps to follow over the years: a distance (400m, mile, 1k) or a duration (1:00)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from trackapp.domain.years import RepKind, parse_kind
from trackapp.ui.literal import SHOW_CONTROLS, literal


class AskDistance(ModalScreen[RepKind | None]):
    """Enter answers with the reps' kind; a length that does not read says why; Esc cancels."""

    DEFAULT_CSS = """
    AskDistance { align: center middle; background: $background 60%; }
    AskDistance #ask-distance-error { color: $error; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, value: str = "400m") -> None:
        super().__init__()
        self._value = value

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("Reps of a distance, across every workout", classes="dialog-title")
            yield Input(
                self._value,
                placeholder="400m, 1600m, mile, 1k, or 1:00 for timed reps",
                id="ask-distance",
                highlighter=SHOW_CONTROLS,
            )
            yield Static("", id="ask-distance-error")
            yield Static(
                "A mile is not a 1600 m; timed reps go by their duration (1:00). "
                "Enter to show them, Escape to cancel.",
                classes="dialog-hint",
            )

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            kind = parse_kind(event.value)
        except ValueError as err:
            self.query_one("#ask-distance-error", Static).update(literal(str(err)))
            return
        self.dismiss(kind)

    def action_cancel(self) -> None:
        self.dismiss(None)
