"""A horizontal bar chart in block characters, with a shaded target band.

Used for rep times against their target and for session averages over time.
It only draws the numbers it is given; it computes no figures itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual.app import RenderResult
from textual.geometry import Size
from textual.widget import Widget

from trackapp.domain import review_text as fmt
from trackapp.domain.text import printable

EIGHTHS = " ▏▎▍▌▋▊▉"
FULL = "█"
BAND_BG = "#2e4a36"
BAND_FG = "#4f7a5c"
BAR_STYLES = {"fast": "cyan", "on": "green", "slow": "yellow", None: "bright_blue"}


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: float | None  # None draws an empty row (a skipped or missing rep)
    band: tuple[float, float] | None = None
    status: str | None = None  # "fast" | "on" | "slow" colours the bar
    note: str = ""  # after the value, e.g. "skip", "best"


class BarChart(Widget):
    """One row per bar; every chart's scale starts at the same stated base: the fastest
    figure on it (the best time, or a target's fast end if lower), which the axis names."""

    DEFAULT_CSS = """
    BarChart { height: auto; }
    """

    def __init__(
        self, bars: Iterable[Bar] = (), *, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(id=id, classes=classes)
        self._bars = list(bars)

    @property
    def bars(self) -> list[Bar]:
        return list(self._bars)

    def set_bars(self, bars: Iterable[Bar]) -> None:
        self._bars = list(bars)
        self.refresh(layout=True)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._bars) + 1 if self._bars else 1

    def render(self) -> RenderResult:
        return render_bars(self._bars, max(self.size.width, 20))


def render_bars(bars: list[Bar], width: int) -> Text:
    """The chart as styled text `width` cells wide."""
    if not bars:
        return Text("no reps to chart", style="dim")
    points = [b.value for b in bars if b.value is not None]
    points += [x for b in bars if b.band for x in b.band]
    if not points:
        return Text("no times to chart", style="dim")
    label_w = min(max(len(b.label) for b in bars), 16)
    value_w = 9 + max((len(b.note) + 1 for b in bars if b.note), default=0)
    area = max(width - label_w - value_w - 3, 5)
    low, high = min(points), max(points)
    # The base of every chart: the fastest figure on it, so a bar is the time it gives
    # away to the best (the best itself a sliver); the axis says where it starts.
    origin = low
    scale = area / (high - origin) if high > origin else 0.0

    def cells(value: float) -> float:
        return (value - origin) * scale

    out = Text(no_wrap=True, overflow="crop")
    for bar in bars:
        out.append(printable(bar.label[:label_w]).rjust(label_w) + " │", style="dim")
        out.append_text(_bar_text(bar, area, cells))
        value = fmt.rep_time(bar.value) if bar.value is not None else fmt.NONE
        out.append(" " + value.rjust(7))
        if bar.note:
            out.append(" " + bar.note, style="bold" if bar.note.startswith("★") else "dim")
        out.append("\n")
    axis_left, axis_right = f"from {fmt.rep_time(origin)}", fmt.rep_time(high)
    gap = max(area - len(axis_left) - len(axis_right), 1)
    out.append(" " * (label_w + 1) + "└" + axis_left + "─" * gap + axis_right, style="dim")
    return out


def _bar_text(bar: Bar, area: int, cells: Callable[[float], float]) -> Text:
    band_cols: tuple[int, int] | None = None
    if bar.band is not None:
        start = int(cells(bar.band[0]))
        band_cols = (start, max(int(cells(bar.band[1])), start))
    length = cells(bar.value) if bar.value is not None else 0.0
    whole = int(length)
    eighth = int((length - whole) * 8)
    if bar.value is not None and not whole and not eighth:
        eighth = 1  # the base itself: a sliver, so the bar is there
    chars = [FULL] * whole + ([EIGHTHS[eighth]] if eighth and whole < area else [])
    chars += [" "] * (area - len(chars))
    text = Text()
    colour = BAR_STYLES.get(bar.status, "bright_blue")
    for col, ch in enumerate(chars[:area]):
        in_band = band_cols is not None and band_cols[0] <= col <= band_cols[1]
        if in_band and ch == " ":
            text.append("░", style=Style(color=BAND_FG, bgcolor=BAND_BG))
        else:
            text.append(ch, style=Style(color=colour, bgcolor=BAND_BG if in_band else None))
    return text
