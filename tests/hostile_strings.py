"""User text that would be markup or a terminal order if shown as it is, and helpers to
put it in files and to find it again on a screen or in a command's output.

Each string is wrapped in a two-letter tag per field (`Nm…Nm` for the workout's name)
so a check finds that field and no other, and so the string sits mid-text, where a
loader's strip() cannot remove it.
"""

from __future__ import annotations

import re
from typing import Any

from textual._compositor import LayoutUpdate
from textual.app import App

from trackapp.domain.text import printable

HOSTILE: dict[str, str] = {
    "close-tag": "[/x]",
    "bold-tag": "[b]",
    "click-action": "[@click=app.quit]x",
    "link": "[link=file:///etc/passwd]x[/link]",
    "clear-screen": "\x1b[2J",
    "bell": "\x07",
    "carriage-return": "\r",
    "c1-csi": "\x9b31m",
    "long-10000": "Ab" * 5_000,
    "wide": "🏃漢字ｗ",
    "rtl-override": "\u202eevil",
    "dollar-var": "$name [b]$x[/b]",
    "backslash": "\\[b]\\",
}
IDS = list(HOSTILE)
RAW_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def tagged(tag: str, hostile: str) -> str:
    return f"{tag}{hostile}{tag}"


DROPPED_BY_RICH = dict.fromkeys(map(ord, "\a\b\v\f\r"))  # rich.control.strip_control_codes


def probes(value: str, length: int = 12, dropped: bool = False) -> set[str]:
    """How the start of `value` may be drawn: as written (controls as pictures), or with its
    whitespace run together where the place shows one line (a CR is whitespace).

    `dropped`: an Input's value goes through rich.text.Text, which drops BEL, BS, VT, FF
    and CR before anything sees them; they are then not drawn at all, which is as safe."""
    one_line = " ".join(value.split())
    found = {printable(value)[:length], printable(one_line)[:length]}
    if dropped:
        found.add(printable(value.translate(DROPPED_BY_RICH))[:length])
    return found


def shows(
    text: str, value: str, length: int = 12, dropped: bool = False, lines: bool = False
) -> bool:
    """True when `text` holds the literal start of `value` (and so no markup ate it).

    `lines`: a text area breaks lines at CR (str.splitlines): each line of it is drawn;
    and it scrolls to its cursor, at the end: the end of a long text is what shows."""
    if any(probe in text for probe in probes(value, length, dropped)):
        return True
    if lines and len(value) > 1_000:
        return printable(value)[-length:] in text
    parts = [printable(part)[:length] for part in value.splitlines()[:3]]
    return lines and len(parts) > 1 and all(part in text for part in parts)


def toml_string(value: str) -> str:
    """A TOML basic string holding exactly `value`."""
    out = []
    for ch in value:
        code = ord(ch)
        if ch in '"\\':
            out.append("\\" + ch)
        elif code < 0x20 or code == 0x7F or 0x80 <= code < 0xA0:
            out.append(f"\\u{code:04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def drawn_lines(app: App[Any]) -> list[str]:
    """The terminal's lines as the app draws them now, cell by cell: the text of a full
    update of the screen (over those behind it), the update `App.export_screenshot()`
    renders and the terminal is sent (`LayoutUpdate.render_segments`), without the trip
    through Rich's SVG export and back: each of the 117 places test_hostile_text checks
    read the same both ways, and the SVG took an eighth of that test's time."""
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    assert isinstance(update, LayoutUpdate)
    return [
        "".join(seg.text for strip in line for seg in strip if not seg.control).rstrip()
        for line in update.strips
    ]
