"""Reps over time: one column position per session's date, its best (●) and median (○);
the best of each year a ★. Faster is up. It draws the figures it is given, nothing more."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from rich.text import Text
from textual.app import RenderResult
from textual.widget import Widget

from trackapp.domain import format as fmt

BEST_MARK = "●"
MEDIAN_MARK = "○"
YEAR_MARK = "★"
LEGEND = f"{BEST_MARK} best  {MEDIAN_MARK} median  {YEAR_MARK} best of its year  (faster up)"


@dataclass(frozen=True, slots=True)
class Point:
    day: date
    best: float
    median: float
    best_of_year: bool = False


class TimeChart(Widget):
    """The plot fills the widget's height: rows of time, an axis of years, a legend."""

    DEFAULT_CSS = """
    TimeChart { height: 10; padding: 0 1; }
    """

    def __init__(
        self, points: Iterable[Point] = (), *, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(id=id, classes=classes)
        self._points = list(points)

    @property
    def points(self) -> list[Point]:
        return list(self._points)

    def set_points(self, points: Iterable[Point]) -> None:
        self._points = list(points)
        self.refresh()

    def render(self) -> RenderResult:
        size = self.content_size
        return render_points(self._points, max(size.width, 20), max(size.height - 2, 2))


def _label(seconds: float) -> str:
    return fmt.time(seconds)


def render_points(points: list[Point], width: int, rows: int) -> Text:
    """`rows` rows of plot, then the axis with the years, then the legend."""
    if not points:
        return Text("no reps to chart", style="dim")
    low = min(p.best for p in points)
    high = max(p.median for p in points)
    labels = [_label(low), _label((low + high) / 2), _label(high)]
    label_w = max(len(x) for x in labels)
    area = max(width - label_w - 2, 10)
    first, last = points[0].day, points[-1].day
    span = max((last - first).days, 1)

    def column(day: date) -> int:
        return round((day - first).days / span * (area - 1))

    def row(value: float) -> int:
        if high <= low:
            return 0
        return round((value - low) / (high - low) * (rows - 1))

    grid: list[list[tuple[str, str]]] = [[(" ", "")] * area for _ in range(rows)]
    rank = {" ": 0, MEDIAN_MARK: 1, BEST_MARK: 2, YEAR_MARK: 3}

    def put(r: int, c: int, mark: str, style: str) -> None:
        if rank[mark] > rank[grid[r][c][0]]:
            grid[r][c] = (mark, style)

    for p in points:
        c = column(p.day)
        put(row(p.median), c, MEDIAN_MARK, "yellow")
        if p.best_of_year:
            put(row(p.best), c, YEAR_MARK, "bold bright_yellow")
        else:
            put(row(p.best), c, BEST_MARK, "cyan")
    out = Text(no_wrap=True, overflow="crop")
    for r in range(rows):
        if r == 0:
            label = labels[0]
        elif r == rows - 1:
            label = labels[2]
        elif r == (rows - 1) // 2 and rows >= 5:
            label = labels[1]
        else:
            label = ""
        out.append(label.rjust(label_w) + " │", style="dim")
        for mark, style in grid[r]:
            out.append(mark, style=style)
        out.append("\n")
    axis = ["─"] * area

    def place(c: int, text: str) -> None:
        if c + len(text) <= area and all(ch == "─" for ch in axis[max(c - 1, 0) : c + len(text)]):
            axis[c : c + len(text)] = list(text)

    for year in range(first.year + 1, last.year + 1):
        place(column(date(year, 1, 1)), f"┬{year}")
    place(0, str(first.year))  # where it fits: a first session late in a year leaves none
    out.append(" " * label_w + " └" + "".join(axis) + "\n", style="dim")
    out.append(" " * (label_w + 2) + LEGEND, style="dim")
    return out
