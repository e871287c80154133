"""The run screen's keys, as `?` shows them."""

from __future__ import annotations

from collections.abc import Mapping

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

KEY_COLUMN = 18  # the widest key ("F5, Esc, B or .") and two spaces
# (action the row's keys belong to, as settings.toml's [keys] names it; keys; what it does)
HELP_ROWS: tuple[tuple[str, str, str], ...] = (
    ("split", "SPACE or ENTER", "split: start a rep, record a lap, end a rep"),
    ("", "", "(timed step: a marker; while paused: resume)"),
    ("pause", "P", "pause / resume (paused time counts in no segment)"),
    ("undo", "U or BACKSPACE", "undo the last split or skip (an ended rep runs on)"),
    ("skip", "N", "skip the current step"),
    ("mute", "M", "mute / unmute"),
    ("stop", "Q", "stop the session (asks first; saved as stopped)"),
    ("help", "?", "this help"),
)
CLICKER_ROWS: tuple[tuple[str, str, str], ...] = (
    ("split", "Page Down, →", "next: split"),
    ("undo", "Page Up, ←", "previous: undo"),
    ("pause", "F5, Esc, B or .", "slideshow / blank: pause / resume"),
)
HELP_KEYS = tuple((keys, what) for _, keys, what in HELP_ROWS)
CLICKER_KEYS = tuple((keys, what) for _, keys, what in CLICKER_ROWS)
KEY_NAMES = {
    "space": "SPACE",
    "enter": "ENTER",
    "backspace": "BACKSPACE",
    "escape": "Esc",
    "question_mark": "?",
    "full_stop": ".",
    "comma": ",",
    "pagedown": "Page Down",
    "pageup": "Page Up",
    "right": "→",
    "left": "←",
    "up": "↑",
    "down": "↓",
}


def key_names(keys: str) -> str:
    """`space,x` as the help writes it: `SPACE, X` (cut to fit the key column)."""
    shown = ", ".join(
        KEY_NAMES.get(k) or ("+".join(part.capitalize() for part in k.split("+")))
        for k in keys.split(",")
    )
    width = KEY_COLUMN - 2
    return shown if len(shown) <= width else shown[: width - 1] + "…"


def _key_rows(rows: tuple[tuple[str, str], ...]) -> str:
    """Keys in a column of their own: every description starts at KEY_COLUMN."""
    return "\n".join(
        f"[b]{key}[/b]{' ' * (KEY_COLUMN - len(key))}{what}" if key else " " * KEY_COLUMN + what
        for key, what in rows
    )


def help_text(keymap: Mapping[str, str]) -> str:
    """The help as a template (`{debounce}` left to fill): an action remapped in
    settings.toml shows its own keys, and the clicker rows of a remapped action go (the
    clicker's buttons no longer do it). At most 68 columns a line: it fits 80x24."""
    rows = tuple(
        (key_names(keymap[action]) if action in keymap else keys, what)
        for action, keys, what in HELP_ROWS
    )
    clicker = tuple((keys, what) for action, keys, what in CLICKER_ROWS if action not in keymap)
    text = _key_rows(rows)
    if clicker:
        text += "\n\n[b]Presenter clicker[/b]\n" + _key_rows(clicker)
    return (
        text + "\n\nA second press sooner than {debounce:g} s after the last is ignored\n"
        "(and shown), so a held key or a double tap never makes a split."
    )


HELP_TEXT = help_text({})

# Coach mode: the group's keys are fixed (a roster gives the athletes every other key)
GROUP_KEYS: tuple[tuple[str, str], ...] = (
    ("SPACE or ENTER", "start a rep for everyone (in a rest: start it now)"),
    ("athlete's key", "their split (the last split point ends their rep)"),
    ("x or X, then key", "that athlete out for this rep (x) or the session (X)"),
    ("BACKSPACE", "undo the last split, whoever's it was"),
    ("u then a key", "undo that athlete's last split"),
    ("P / N / M", "pause / skip the current step / mute"),
    ("Q", "stop the session (asks first; saved as stopped)"),
    ("?", "this help"),
)
GROUP_CLICKER_KEYS: tuple[tuple[str, str], ...] = (
    ("Page Down, →", "next: start a rep"),
    ("Page Up, ←", "previous: undo the last split"),
    ("F5, B or .", "slideshow / blank: pause / resume"),
)
GROUP_HELP_TEXT = (
    _key_rows(GROUP_KEYS)
    + "\n\n[b]Presenter clicker[/b]\n"
    + _key_rows(GROUP_CLICKER_KEYS)
    + "\n\nAn athlete's second press sooner than {debounce:g} s after their last is\n"
    "ignored; two athletes finishing together both count."
)


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,question_mark,q,enter,space", "close", "Close")]

    def __init__(
        self,
        debounce: float = 1.0,
        keymap: Mapping[str, str] | None = None,
        *,
        group: bool = False,
    ) -> None:
        """The solo run's keys (as `keymap` remaps them), or with `group` coach mode's."""
        super().__init__()
        self._debounce = debounce
        self._text = GROUP_HELP_TEXT if group else help_text(keymap or {})

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog help"):
            yield Static("Keys", classes="dialog-title")
            yield Static(self._text.format(debounce=self._debounce), classes="dialog-body")
            yield Static("[dim]Esc to close[/]", classes="dialog-hint")

    def action_close(self) -> None:
        self.dismiss(None)
