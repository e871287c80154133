"""Issue 10 on screen: the stop counts at q, a jog rest's press starts the rep, and the end
screen names reps and totals them as review does."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from textual.widgets import DataTable, Static

from tests.conftest import FakeClock
from trackapp.domain.workout_plan import plan_from_text
from trackapp.services import Services
from trackapp.ui.factory import build_app
from trackapp.ui.screens.run import RunScreen
from trackapp.ui.screens.summary import SummaryScreen

JOG = """
name = "4 x 400 jog"
[[step]]
warmup = "open"
[[step]]
repeat = 4
run = "400m"
target = "1:28-1:32"
rest = "200m"
"""


def saved_segments(data_dir: Path) -> list[dict[str, object]]:
    (path,) = sorted((data_dir / "sessions").glob("*.toml"))
    segments = tomllib.loads(path.read_text())["segment"]
    assert isinstance(segments, list)
    return segments


async def test_jog_rest_press_starts_the_rep_and_stop_counts_at_q(
    services: Services, clock: FakeClock, data_dir: Path
) -> None:
    app = build_app(services, plan=plan_from_text(JOG, "w.toml"))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, RunScreen)
        await pilot.press("space")  # start: the open warm-up
        clock.advance(300)
        await pilot.press("space")  # warm-up over: rep 1 waits at the line
        clock.advance(5)
        await pilot.press("space")  # rep 1
        clock.advance(89.5)
        await pilot.press("space")  # rep 1 done; the 200 m jog
        clock.advance(70)
        await pilot.press("space")  # the jog ends at the line: rep 2 starts at this press
        assert screen.has_class("phase-run")
        clock.advance(20)
        await pilot.press("q")  # stop, 20 s into rep 2
        clock.advance(9)  # the dialog is open for 9 s
        await pilot.press("y")
        await pilot.pause()
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        table = summary.query_one(DataTable)
        assert [str(table.get_row_at(i)[0]) for i in range(table.row_count)] == [
            "400 #1",
            "400 #2",
        ]
        totals = str(summary.query_one("#summary-totals", Static).render())
        assert "1 of 4, 1 stopped" in totals
        await pilot.press("escape")
    segments = saved_segments(data_dir)
    assert [s["kind"] for s in segments] == ["warmup", "run", "rest", "run"]
    assert segments[3]["ended_by"] == "stop"
    assert segments[3]["time"] == pytest.approx(20.0)  # not 29: the dialog time is no rep's
