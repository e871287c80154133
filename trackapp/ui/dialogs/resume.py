"""The offer to resume an unfinished session."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from trackapp.domain.text import clip
from trackapp.ui.literal import NAME_CHARS, literal


class ResumeScreen(ModalScreen[str]):
    """An unfinished session of this workout: resume it (the gap run through or paused),
    close it, or keep it and start anew. Dismisses with running, paused, stop or new."""

    BINDINGS = [
        Binding("r", "choose('running')", "Resume, clock ran on"),
        Binding("p", "choose('paused')", "Resume, gap paused"),
        Binding("s", "choose('stop')", "Close as stopped"),
        Binding("n", "choose('new')", "Start new"),
        Binding("escape", "choose('new')", "Start new", show=False),
    ]

    def __init__(self, description: str, paused_only: bool = False) -> None:
        super().__init__()
        self._description = description
        self._paused_only = paused_only

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog resume"):
            yield Static("Unfinished session", classes="dialog-title")
            yield Static(literal(clip_lines(self._description)), classes="dialog-body")
            with Vertical(classes="dialog-choices"):
                # compact: four choices and the story still fit an 80x24 terminal
                if not self._paused_only:
                    yield Button(
                        "Resume: the clock ran on (r)",
                        id="running",
                        variant="success",
                        compact=True,
                    )
                yield Button(
                    "Resume: count the gap as paused (p)",
                    id="paused",
                    variant="success" if self._paused_only else "primary",
                    compact=True,
                )
                yield Button("Close it as stopped (s)", id="stop", variant="warning", compact=True)
                yield Button("Start new, keep it (n)", id="new", variant="default", compact=True)

    def on_mount(self) -> None:
        self.query_one("#paused" if self._paused_only else "#running", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(str(event.button.id))

    def action_choose(self, choice: str) -> None:
        if choice == "running" and self._paused_only:
            choice = "paused"
        self.dismiss(choice)


def clip_lines(text: str) -> str:
    """Each line cut to two names' length: the workout's name or a label may be any length,
    and a dialog's buttons must stay on the screen."""
    return "\n".join(clip(line, 2 * NAME_CHARS) for line in text.split("\n"))
