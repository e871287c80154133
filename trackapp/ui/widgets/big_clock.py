"""The running time in digits as large as the widget allows.

A 3 x 5 pixel font drawn with half blocks, scaled separately across and down
so the digits fill the space at any terminal size; the text decides only which
glyphs, the widget's size decides how big.
"""

from __future__ import annotations

import functools

from rich.segment import Segment
from rich.style import Style
from textual.filter import ANSIToTruecolor
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget

FONT: dict[str, tuple[str, ...]] = {
    "0": ("###", "#.#", "#.#", "#.#", "###"),
    "1": (".#.", "##.", ".#.", ".#.", "###"),
    "2": ("###", "..#", "###", "#..", "###"),
    "3": ("###", "..#", ".##", "..#", "###"),
    "4": ("#.#", "#.#", "###", "..#", "..#"),
    "5": ("###", "#..", "###", "..#", "###"),
    "6": ("###", "#..", "###", "#.#", "###"),
    "7": ("###", "..#", ".#.", ".#.", ".#."),
    "8": ("###", "#.#", "###", "#.#", "###"),
    "9": ("###", "#.#", "###", "..#", "###"),
    ":": (".", "#", ".", "#", "."),
    ".": (".", ".", ".", ".", "#"),
    "-": ("...", "...", "###", "...", "..."),
    "+": ("...", ".#.", "###", ".#.", "..."),
    "±": (".#.", "###", ".#.", "...", "###"),
    " ": ("..", "..", "..", "..", ".."),
}
FONT_HEIGHT = 5
GAP = 1  # font pixels between glyphs
MAX_TALL = 2.0  # a font pixel may be at most this many times taller than wide
MAX_CACHED_STRIPS = 256  # a clock's drawn lines kept for reuse, at most


def text_width(text: str) -> int:
    """Width in font pixels, gaps included."""
    glyphs = [FONT.get(ch, FONT[" "]) for ch in text]
    return sum(len(g[0]) for g in glyphs) + GAP * max(len(glyphs) - 1, 0)


def scale_for(text: str, width: int, height: int) -> tuple[int, int]:
    """Columns per font pixel and half-rows per font pixel that fit `width` x `height` cells."""
    units = max(text_width(text), 1)
    sx = max(width // units, 1)
    sy = max((height * 2) // FONT_HEIGHT, 1)
    sy = min(sy, int(sx * MAX_TALL))
    sx = min(sx, max(sy, 1) * 2)  # and not absurdly wide either
    return sx, sy


@functools.lru_cache(maxsize=512)
def _glyph_lines(glyph: tuple[str, ...], sx: int, sy: int) -> tuple[str, ...]:
    """One glyph at one scale as lines of half blocks: drawn once, reused every frame."""
    pixel_rows: list[str] = []
    for row in glyph:
        pixel_rows.extend(["".join(("█" if px == "#" else " ") * sx for px in row)] * sy)
    if len(pixel_rows) % 2:
        pixel_rows.append(" " * len(pixel_rows[0]))
    return tuple(
        "".join(
            ("█" if b != " " else "▀") if t != " " else ("▄" if b != " " else " ")
            for t, b in zip(top, bottom, strict=True)
        )
        for top, bottom in zip(pixel_rows[::2], pixel_rows[1::2], strict=True)
    )


def render_lines(
    text: str, width: int, height: int, scale: tuple[int, int] | None = None
) -> list[str]:
    """The digits as lines of block characters, centred in width x height.

    `scale` (columns, half-rows per font pixel) defaults to the largest that fits.
    """
    sx, sy = scale or scale_for(text, width, height)
    blocks = [_glyph_lines(FONT.get(ch, FONT[" "]), sx, sy) for ch in text]
    gap = " " * (GAP * sx)
    count = (FONT_HEIGHT * sy + 1) // 2  # half-block lines: two pixel rows each
    lines = [gap.join(block[k] for block in blocks) for k in range(count)]
    pad_top = max((height - len(lines)) // 2, 0)
    pad_left = max((width - (len(lines[0]) if lines else 0)) // 2, 0)
    blank = " " * width
    out = [blank] * pad_top + [(" " * pad_left + line).ljust(width)[:width] for line in lines]
    out += [blank] * max(height - len(out), 0)
    return out[:height]


def glyph_spans(
    text: str, width: int, height: int, scale: tuple[int, int] | None = None
) -> list[tuple[int, int]]:
    """Each glyph's (first column, width) as `render_lines` places it."""
    sx, _ = scale or scale_for(text, width, height)
    widths = [len(FONT.get(ch, FONT[" "])[0]) * sx for ch in text]
    total = sum(widths) + GAP * sx * max(len(widths) - 1, 0)
    x = max((width - total) // 2, 0)
    spans = []
    for w in widths:
        spans.append((x, w))
        x += w + GAP * sx
    return spans


@functools.lru_cache(maxsize=64)
def _spans_at(text: str, width: int, height: int, template: str) -> tuple[tuple[int, int], ...]:
    """`glyph_spans` of `text` at the scale `template` fixes: each text is asked for twice,
    as the new one and then, a repaint later, as the old one."""
    return tuple(glyph_spans(text, width, height, scale_for(template, width, height)))


class BigClock(Widget):
    """Huge digits; the text is set from outside, the size comes from the layout."""

    DEFAULT_CSS = """
    BigClock {
        height: 1fr;
        width: 1fr;
    }
    """

    def __init__(self, text: str = "0:00.0", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._text = text
        self._template = text
        self._lines: list[str] = []
        self._cached_size = (0, 0)
        # Strips by their text, for one style and set of filters (`_strip_key`): the
        # digits' lines repeat (each font row is many lines tall, and most of a line
        # is the digits that did not change), and a Strip drawn before comes with its
        # cuts, crops and terminal text already made.
        self._strips: dict[str, Strip] = {}
        self._strip_key: tuple[object, ...] = ()

    @property
    def text(self) -> str:
        return self._text

    def show(self, text: str, template: str | None = None) -> None:
        """Set the digits; `template` fixes the scale so it does not jump as digits change."""
        template = template or text
        if len(template) < len(text):
            template = text
        if text == self._text and template == self._template:
            return
        old = self._text
        self._text = text
        self._lines = []
        width, height = self.size
        drawn_at_this_size = (width, height) == self._cached_size
        if template != self._template or len(old) != len(text) or not drawn_at_this_size:
            self._template = template
            self.refresh()
            return
        # Redraw only what changes: most frames only the tenths digit is new.
        new_spans = _spans_at(text, width, height, template)
        if _spans_at(old, width, height, template) != new_spans:
            self.refresh()
            return
        self.refresh(
            *(
                Region(x, 0, w, height)
                for (x, w), before, after in zip(new_spans, old, text, strict=True)
                if before != after
            )
        )

    def _ensure_lines(self) -> list[str]:
        size = (self.size.width, self.size.height)
        if not self._lines or size != self._cached_size:
            self._cached_size = size
            scale = scale_for(self._template, size[0], size[1])
            self._lines = render_lines(self._text, size[0], size[1], scale)
        return self._lines

    def render_lines(self, crop: Region) -> list[Strip]:
        """Strips for just the cropped region, straight from the cached lines.

        The clock has no border or padding, so Textual's general line pipeline
        (styles cache, a full-width strip per line, then a crop) is skipped:
        at ten frames a second that pipeline was most of the app's CPU time.
        """
        lines = self._ensure_lines()
        rich_style = self.rich_style
        style = Style.from_color(rich_style.color, rich_style.bgcolor)
        # Our colours are already true colour; only filters that change them (no-colour,
        # dim) need applying.
        filters = [f for f in self.get_line_filters() if not isinstance(f, ANSIToTruecolor)]
        background = self.background_colors[1]
        key = (style, background, *filters)
        if key != self._strip_key or len(self._strips) > MAX_CACHED_STRIPS:
            self._strip_key = key
            self._strips = {}
        cached = self._strips
        x1, x2 = crop.column_span
        width = x2 - x1
        blank = " " * width
        strips = []
        for y in crop.line_range:
            text = lines[y][x1:x2] if y < len(lines) else blank
            strip = cached.get(text)
            if strip is None:
                strip = Strip([Segment(text, style)], width)
                for line_filter in filters:
                    strip = strip.apply_filter(line_filter, background)
                cached[text] = strip
            strips.append(strip)
        return strips
