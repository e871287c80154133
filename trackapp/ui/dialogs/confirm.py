"""Yes-or-no questions: one dialog, worded for each use."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from trackapp.domain.text import clip
from trackapp.ui.literal import NAME_CHARS, literal


class ConfirmScreen(ModalScreen[bool]):
    """Yes or no, with y / n keys; Escape means no."""

    BINDINGS = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]

    def __init__(self, title: str, body: str, yes: str = "Yes (y)", no: str = "No (n)") -> None:
        super().__init__()
        self._title, self._body, self._yes, self._no = title, body, yes, no

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(literal(self._title), classes="dialog-title")
            yield Static(literal(self._body), classes="dialog-body")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self._yes, id="yes", variant="error")
                yield Button(self._no, id="no", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


class ConfirmDelete(ConfirmScreen):
    """Asks before a session goes to the trash; dismisses with True to go ahead."""

    def __init__(self, what: str) -> None:
        # a name of thousands of characters is clipped first, so the question stays on
        # the screen
        super().__init__(
            f"Move {clip(what, NAME_CHARS)} to the trash?",
            "The file goes to trash/ beside sessions/; nothing is erased.",
            yes="Move to trash (y)",
            no="Keep (n)",
        )
