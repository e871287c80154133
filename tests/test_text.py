"""`printable` (domain) and the UI's literal helpers: what they promise, one case each."""

from __future__ import annotations

import pytest
from rich.text import Text
from textual.fuzzy import Matcher

from tests.hostile_strings import HOSTILE, IDS, RAW_CONTROLS
from trackapp.domain.text import clip, is_printable, printable
from trackapp.ui.commands_palette import highlight
from trackapp.ui.literal import SHOW_CONTROLS, fill, literal, rich_literal


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("\x1b[2J", "␛[2J"),
        ("bell\x07", "bell␇"),
        ("over\rwrite", "over␍write"),
        ("del\x7f", "del␡"),
        ("csi\x9b31m", "csi\ufffd31m"),
        ("a\u202eb", "a\ufffdb"),
        ("file\udcff.toml", "file\ufffd.toml"),  # an undecodable byte in a file name
        ("two\nlines\tand a tab", "two\nlines\tand a tab"),
        ("🏃‍♀️ 漢字 [b]$x", "🏃‍♀️ 漢字 [b]$x"),
    ],
)
def test_printable_draws_each_control_as_one_visible_character(raw: str, shown: str) -> None:
    assert printable(raw) == shown
    assert len(printable(raw)) == len(raw)  # columns and cursors stay where they were
    assert is_printable(shown) and printable(shown) == shown


def test_clip_cuts_with_an_ellipsis() -> None:
    assert clip("400 m", 60) == "400 m"
    assert clip("x" * 100, 10) == "x" * 9 + "…"


@pytest.mark.parametrize("key", IDS)
def test_literal_helpers_never_parse_markup(key: str) -> None:
    h = HOSTILE[key]
    assert literal(h).plain == printable(h)
    assert rich_literal(h, "bold").plain == printable(h)
    filled = fill("Press [b]SPACE[/b] to start: $first", first=h)
    assert filled.plain == "Press SPACE to start: " + printable(h)
    assert not RAW_CONTROLS.search(filled.plain)


def test_an_input_draws_controls_and_keeps_its_value() -> None:
    text = Text("a\x1b[2Jb")
    SHOW_CONTROLS.highlight(text)
    assert text.plain == "a␛[2Jb"


def test_palette_highlight_marks_letters_of_a_literal_name() -> None:
    shown = highlight(Matcher("run"), "Run workout: [b]x[/b]")
    assert shown.plain == "Run workout: [b]x[/b]"
    assert shown.spans  # the matched letters are marked
