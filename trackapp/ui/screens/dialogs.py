"""Small modal screens: confirm, help, resume offer."""

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
