"""User text on screen as plain text: never markup, never a terminal control.

Textual parses every `str` it is handed (`Static`, `update`, `notify`, `Label`,
DataTable cells, palette entries) as content markup, and Rich parses `str`
table cells as its own markup: a label `[/x]` crashes, a name
`[@click=app.quit]x` becomes a live link. So user text reaches a widget only
through these helpers, which also make control characters visible
(`trackapp.domain.text.printable`). The app's own styling stays markup, in
templates whose `$slots` take the user's words literally.

Inputs and text areas never parse markup, but they draw a control character
as it is: `ShowControls` (and `ControlsTextArea`, in `trackapp.ui.widgets.controls_text_area`)
draw its picture instead,
leaving the text being edited exactly as it was.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.highlighter import Highlighter
from rich.text import Text
from textual.content import Content

from trackapp.domain.text import printable

# How much of a user's text a heading or a one-line place shows (`domain.text.clip`):
# a file may give a name or a label any length, and a screen must keep its layout.
NAME_CHARS = 120
LABEL_CHARS = 60

if TYPE_CHECKING:
    from textual.app import App
    from textual.notifications import SeverityLevel
    from textual.widget import Widget


def literal(text: str, style: str = "") -> Content:
    """User text for a Textual widget, shown exactly as written (controls made visible)."""
    return Content.styled(printable(text), style) if style else Content(printable(text))


def rich_literal(text: str, style: str = "") -> Text:
    """User text for a Rich renderable (a DataTable cell, a Rich Table, a Group)."""
    return Text(printable(text), style=style)


def fill(template: str, **values: object) -> Content:
    """The app's markup `template` with user text in its `$name` slots, taken literally.

    `fill("Press [b]SPACE[/b] to start: $first", first=label)` keeps SPACE bold
    and shows the label as written, whatever brackets or dollars it holds.
    """
    return Content.from_markup(template, **{k: printable(str(v)) for k, v in values.items()})


def say(
    node: Widget | App[Any],
    message: str,
    *,
    title: str = "",
    severity: SeverityLevel = "information",
    timeout: float | None = None,
) -> None:
    """`notify` for messages that quote user text (names, paths, errors): no markup in them."""
    node.notify(
        printable(message),
        title=printable(title),
        severity=severity,
        timeout=timeout,
        markup=False,
    )


class ShowControls(Highlighter):
    """`Input(highlighter=SHOW_CONTROLS)`: controls in the value drawn as ␛, ␇…; value unchanged."""

    def highlight(self, text: Text) -> None:
        text.plain = printable(text.plain)  # one character for one: spans and cursor stay put


SHOW_CONTROLS = ShowControls()
