"""The plan preview is drawn once per width: Textual measures it, then draws it."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from rich.console import Console
from rich.segment import Segment
from rich.table import Table

from tests.home.conftest import GOOD
from trackapp.domain.plan import Plan
from trackapp.ui.widgets.plan_preview import DrawnOnce, plan_renderable


def drawn(console: Console, renderable: Any, width: int, height: int | None = None) -> str:
    lines = console.render_lines(renderable, console.options.update(width=width, height=height))
    return "\n".join("".join(seg.text for seg in line) for line in lines)


@pytest.fixture
def tables_drawn(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """One entry each time a Rich table is drawn."""
    calls: list[int] = []
    real = Table.__rich_console__

    def counted(self: Table, console: Console, options: Any) -> Iterator[Segment]:
        calls.append(options.max_width)
        yield from real(self, console, options)  # type: ignore[misc]

    monkeypatch.setattr(Table, "__rich_console__", counted)
    return calls


def test_measured_then_drawn_at_one_width_draws_the_table_once(
    make_plan: Callable[[str], Plan], tables_drawn: list[int]
) -> None:
    console = Console(width=80, file=io.StringIO(), color_system="truecolor")
    preview = plan_renderable(make_plan(GOOD), "w.toml", compact=True)
    assert isinstance(preview, DrawnOnce)
    measured = drawn(console, preview, 76)  # Textual's height at the pane's width
    lines = measured.count("\n") + 1
    shown = drawn(console, preview, 76, height=lines)  # then the draw, at that height
    assert shown == measured
    narrower = drawn(console, preview, 40)  # another width is drawn for itself
    assert drawn(console, preview, 40) == narrower
    assert tables_drawn == [76, 40]

    # what is kept is what a fresh drawing of the plan gives
    assert shown == drawn(console, preview.renderable, 76, height=lines)
    assert narrower == drawn(console, preview.renderable, 40)
    assert narrower != shown
    assert "8 x 400  (w.toml)" in shown and "Notes: Even pace." in shown


def test_a_taller_draw_is_padded_by_the_caller_not_stretched(
    make_plan: Callable[[str], Plan],
) -> None:
    console = Console(width=80, file=io.StringIO())
    preview = plan_renderable(make_plan(GOOD), "w.toml")
    natural = drawn(console, preview, 80).splitlines()
    padded = drawn(console, preview, 80, height=len(natural) + 3).splitlines()
    assert padded[: len(natural)] == natural
    assert padded[len(natural) :] == [" " * 80] * 3
