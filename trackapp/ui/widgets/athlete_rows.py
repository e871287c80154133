"""The group screen's athletes: one line each, redrawn only where a line changed.

Twelve rows counting in tenths change ten times a second; as Statics each went
through Textual's general line pipeline (styles cache, padding, a crop) every time,
which cost more than the rest of the screen together. Here each line is one
segment in the widget's own colours (a marked line in the over-target colours),
straight from a list of strings, like BigClock's digits.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.filter import ANSIToTruecolor
from textual.geometry import Region, Size
from textual.strip import Strip
from textual.widget import Widget

OVER = Style(color="#ffffff", bgcolor="#d50000", bold=True)  # as the run screen's overtime


class AthleteRows(Widget):
    """Lines of text set from outside; a line may be marked (drawn in OVER colours)."""

    DEFAULT_CSS = """
    AthleteRows {
        height: auto;
        width: 1fr;
    }
    """

    def __init__(self, count: int, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.lines = [""] * count
        self.marked = [False] * count

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines)

    def set_line(self, y: int, text: str, marked: bool = False) -> None:
        """Set line `y`; only that line is redrawn, and only when it changed."""
        if self.lines[y] == text and self.marked[y] == marked:
            return
        self.lines[y] = text
        self.marked[y] = marked
        self.refresh(Region(0, y, self.size.width, 1))

    def render_lines(self, crop: Region) -> list[Strip]:
        rich_style = self.rich_style
        base = Style.from_color(rich_style.color, rich_style.bgcolor)
        filters = [f for f in self.get_line_filters() if not isinstance(f, ANSIToTruecolor)]
        background = self.background_colors[1]
        x1, x2 = crop.column_span
        width = x2 - x1
        strips = []
        for y in crop.line_range:
            if y < len(self.lines):
                text = self.lines[y].ljust(x2)[x1:x2]
                style = OVER if self.marked[y] else base
            else:
                text, style = " " * width, base
            strip = Strip([Segment(text, style)], width)
            for line_filter in filters:
                strip = strip.apply_filter(line_filter, background)
            strips.append(strip)
        return strips
