"""Snapshots of the group run screen at fixed fake times: 4 and 12 athletes at 80x24 and
120x40 (pytest-textual-snapshot)."""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot

from tests.conftest import FakeClock
from tests.group.test_group_screen import squad
from trackapp.services import Services
from trackapp.ui.factory import build_group_app
from trackapp.ui.screens.group_run import GroupRunScreen


@pytest.mark.parametrize("athletes", [4, 12])
@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_group_mid_rep(
    snap_compare: Any, services: Services, clock: FakeClock, athletes: int, size: tuple[int, int]
) -> None:
    app = build_group_app(services, squad(athletes), name="Tuesday squad")

    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.press("space")
        clock.advance(69.4)
        await pilot.press("a")  # Ana: 1:09.4 against her 1:10
        clock.advance(2.0)
        await pilot.press("b")  # Ben: 1:11.4 against 1:11
        await pilot.press("x", "c")  # Cy out for this rep
        clock.advance(3.05)
        screen = pilot.app.screen
        assert isinstance(screen, GroupRunScreen)
        screen.tick()
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)
