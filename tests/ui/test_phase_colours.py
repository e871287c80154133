"""The run screen's phase colours: readable, and the same hue on a 256-colour terminal.

Colours are read from the one stylesheet (trackapp.tcss) and from the rendered screen.
Textual draws through a Rich Console whose colour system comes from the environment
(`TEXTUAL_COLOR_SYSTEM=auto`: Rich looks at COLORTERM, then TERM): with COLORTERM
unset and TERM=xterm-256color every colour is reduced to the nearest of 256
(`rich.color.Color.downgrade`), which is what these tests reduce them with.
"""

from __future__ import annotations

import colorsys
import re
from pathlib import Path
from typing import Any

import pytest
from rich.color import Color as RichColor
from rich.color import ColorSystem
from textual.color import Color

import trackapp.ui
from trackapp.domain.engine import RepResult
from trackapp.domain.workout_plan import plan_from_text
from trackapp.ui.run_display import PHASE_CLASSES, laps_text, recent_text

STYLESHEET = Path(trackapp.ui.__file__).parent / "trackapp.tcss"
RULE = re.compile(
    r"^RunScreen\.([\w-]+) \{ background: (#[0-9a-fA-F]{6}); color: (#[0-9a-fA-F]{6}); \}",
    re.M,
)
HEADER_BAND = re.compile(r"#run-header \{[^}]*background: #000000 (\d+)%;", re.S)
MIN_CONTRAST = 4.5


def phase_colours() -> dict[str, tuple[Color, Color]]:
    """Each phase class (and overtime) -> (background, foreground) as the stylesheet sets."""
    text = STYLESHEET.read_text(encoding="utf-8")
    return {m[1]: (Color.parse(m[2]), Color.parse(m[3])) for m in RULE.finditer(text)}


def luminance(c: Color) -> float:
    def channel(v: int) -> float:
        s = v / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b)


def contrast(a: Color, b: Color) -> float:
    """WCAG 2 contrast ratio."""
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def reduced(c: Color) -> Color:
    """The colour a 256-colour terminal shows for `c` (Rich's reduction, as Textual's)."""
    rich = RichColor.from_rgb(c.r, c.g, c.b).downgrade(ColorSystem.EIGHT_BIT)
    t = rich.get_truecolor()
    return Color(t.red, t.green, t.blue)


def hls(c: Color) -> tuple[float, float, float]:
    return colorsys.rgb_to_hls(c.r / 255, c.g / 255, c.b / 255)


def test_every_phase_has_a_colour_pair() -> None:
    colours = phase_colours()
    assert set(PHASE_CLASSES.values()) | {"overtime"} <= set(colours)


@pytest.mark.parametrize("reduce", [False, True], ids=["truecolor", "256"])
@pytest.mark.parametrize("name", sorted(set(PHASE_CLASSES.values()) | {"overtime"}))
def test_contrast_on_each_phase(name: str, reduce: bool) -> None:
    """The clock, the results and their differences are in the phase's foreground: that
    pair, and the header's darker band, reach 4.5:1 (WCAG AA) on both colour systems."""
    background, foreground = phase_colours()[name]
    match = HEADER_BAND.search(STYLESHEET.read_text(encoding="utf-8"))
    assert match is not None
    band = background.blend(Color(0, 0, 0), int(match[1]) / 100)
    if reduce:
        background, foreground, band = reduced(background), reduced(foreground), reduced(band)
    assert contrast(background, foreground) >= MIN_CONTRAST, name
    assert contrast(band, foreground) >= MIN_CONTRAST, f"{name} header"


@pytest.mark.parametrize("name", sorted(set(PHASE_CLASSES.values()) | {"overtime"}))
def test_256_colours_keep_the_hue(name: str) -> None:
    """Grey stays grey (READY was teal), a colour keeps its hue within 20 degrees."""
    background, _ = phase_colours()[name]
    after = reduced(background)
    hue, _light, saturation = hls(background)
    if saturation < 0.2:
        assert after.r == after.g == after.b, f"{name}: {background.hex} -> {after.hex}"
    else:
        hue_after = hls(after)[0]
        turn = abs(hue - hue_after) % 1.0
        assert min(turn, 1 - turn) * 360 <= 20, f"{name}: {background.hex} -> {after.hex}"


def test_256_colours_keep_the_phases_apart() -> None:
    colours = phase_colours()
    reduced_backgrounds = {reduced(bg).hex for bg, _ in colours.values()}
    assert len(reduced_backgrounds) == len({bg.hex for bg, _ in colours.values()})


@pytest.mark.parametrize(
    ("env", "system"),
    [({"COLORTERM": None}, "256"), ({"COLORTERM": "truecolor"}, "truecolor")],
    ids=["COLORTERM-unset", "COLORTERM-truecolor"],
)
def test_textual_picks_the_colour_system_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, services: Any, env: dict[str, str | None], system: str
) -> None:
    from trackapp.ui.factory import build_app

    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.delenv("TEXTUAL_COLOR_SYSTEM", raising=False)
    for key, value in env.items():
        if value is None:
            monkeypatch.delenv(key, raising=False)
        else:
            monkeypatch.setenv(key, value)
    app = build_app(services)
    assert app.console.color_system == system


async def test_rendered_screen_takes_the_stylesheet_colours(services: Any) -> None:
    """The resolved styles of the running screen are the pairs the tests above check."""
    from trackapp.ui.factory import build_app
    from trackapp.ui.screens.run import RunScreen

    plan = plan_from_text('name = "C"\n[[step]]\nrun = "400m"\n', "c.toml")
    app = build_app(services, plan=plan)
    colours = phase_colours()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, RunScreen)
        for name, (background, foreground) in colours.items():
            screen.set_classes(name)
            await pilot.pause()
            clock = screen.query_one("#run-clock")
            assert clock.styles.background.a == 0 or clock.styles.background == background
            assert screen.styles.background == background, name
            assert clock.rich_style.color is not None
            assert clock.rich_style.color.triplet == foreground.rich_color.triplet, name


def test_differences_carry_no_colour_of_their_own() -> None:
    """Differences are in the phase's foreground (▲ slower, ▼ faster): no red or green."""
    from tests.ui.test_banner_snapshots import WORKOUT

    plan = plan_from_text(WORKOUT, "banner.toml")
    seg = next(s for s in plan.segments if s.target is not None)
    view: Any = type("V", (), {"laps": (93.3, 95.0), "lap_deltas": (0.4, -1.2), "recent": ()})()
    laps = laps_text(view)
    assert "▲ +0.4" in laps and "▼ -1.2" in laps
    assert "red" not in laps and "green" not in laps
    view.recent = (RepResult(seg, 372.0, "press", 2.0, 380.0),)
    content = recent_text(view)
    assert "▲ +2.0" in content.plain
    for span in content.spans:
        assert "red" not in str(span.style) and "green" not in str(span.style)
