"""The run screen's keys, as `?` shows them."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

KEY_COLUMN = 18  # the widest key ("F5, Esc, B or .") and two spaces
HELP_KEYS: tuple[tuple[str, str], ...] = (
    ("SPACE or ENTER", "split: start a rep, record a lap, end a rep"),
    ("", "(timed step: a marker; while paused: resume)"),
    ("P", "pause / resume (paused time counts in no segment)"),
    ("U or BACKSPACE", "undo the last split or skip (an ended rep runs on)"),
    ("N", "skip the current step"),
    ("M", "mute / unmute"),
    ("Q", "stop the session (asks first; saved as stopped)"),
    ("?", "this help"),
)
CLICKER_KEYS: tuple[tuple[str, str], ...] = (
    ("Page Down, →", "next: split"),
    ("Page Up, ←", "previous: undo"),
    ("F5, Esc, B or .", "slideshow / blank: pause / resume"),
)


def _key_rows(rows: tuple[tuple[str, str], ...]) -> str:
    """Keys in a column of their own: every description starts at KEY_COLUMN."""
    return "\n".join(
        f"[b]{key}[/b]{' ' * (KEY_COLUMN - len(key))}{what}" if key else " " * KEY_COLUMN + what
        for key, what in rows
    )


# At most 68 columns a line: the help fits an 80x24 terminal without wrapping.
HELP_TEXT = (
    _key_rows(HELP_KEYS)
    + "\n\n[b]Presenter clicker[/b]\n"
    + _key_rows(CLICKER_KEYS)
    + "\n\nA second press sooner than {debounce:g} s after the last is ignored\n"
    "(and shown), so a held key or a double tap never makes a split."
)


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,question_mark,q,enter,space", "close", "Close")]

    def __init__(self, debounce: float = 1.0) -> None:
        super().__init__()
        self._debounce = debounce

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog help"):
            yield Static("Keys", classes="dialog-title")
            yield Static(HELP_TEXT.format(debounce=self._debounce), classes="dialog-body")
            yield Static("[dim]Esc to close[/]", classes="dialog-hint")

    def action_close(self) -> None:
        self.dismiss(None)
