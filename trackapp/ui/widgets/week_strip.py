"""The weekly habit as one strip: a cell a week for the last 52, the streak, the weeks missed.

It draws a `domain.years.WeekStrip`; it computes nothing itself. One line when the
width allows, else the strip and its words on two lines (80 columns).
"""

from __future__ import annotations

from rich.text import Text
from textual.app import RenderResult
from textual.geometry import Size
from textual.widget import Widget

from trackapp.domain.years import EMPTY, MARK, WeekStrip, habit_text

HEAD = "Weeks "
GAP = "  "


class WeekStripView(Widget):
    """`Weeks ■■·■…■  streak 6 weeks · 8 missed in 2026 (of 47)`; this week underlined."""

    DEFAULT_CSS = """
    WeekStripView { height: auto; padding: 0 1; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._strip: WeekStrip | None = None

    @property
    def strip(self) -> WeekStrip | None:
        return self._strip

    def set_strip(self, strip: WeekStrip) -> None:
        self._strip = strip
        self.refresh(layout=True)

    def _one_line(self, width: int) -> bool:
        if self._strip is None:
            return True
        words = habit_text(self._strip)
        return len(HEAD) + len(self._strip.weeks) + len(GAP) + len(words) <= width

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return 1 if self._one_line(width) else 2

    def render(self) -> RenderResult:
        return render_strip(self._strip, self._one_line(self.content_size.width))


def render_strip(strip: WeekStrip | None, one_line: bool) -> Text:
    if strip is None:
        return Text("")
    out = Text(HEAD, style="dim", no_wrap=True, overflow="crop")
    last = len(strip.weeks) - 1
    for i, week in enumerate(strip.weeks):
        style = "green" if week.marked else "dim"
        if i == last:
            style += " underline"
        out.append(MARK if week.marked else EMPTY, style=style)
    out.append(GAP if one_line else "\n" + " " * len(HEAD))
    out.append(habit_text(strip))
    return out
