"""The palette's Screenshot saves into the data dir's screenshots/ and says where."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import palette_searched, shown_toasts, wait_until
from trackapp.services import Services
from trackapp.ui.factory import build_app
from trackapp.ui.screens.home import HomeScreen


async def test_palette_screenshot_saves_in_the_data_dir(services: Services, data_dir: Path) -> None:
    app = build_app(services, first_screen=HomeScreen(services))
    async with app.run_test(notifications=True, size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"Screenshot")
        await palette_searched(pilot)
        await pilot.press("enter")
        await wait_until(pilot, lambda: list((data_dir / "screenshots").glob("*.svg")), 2.5)
        saved = list((data_dir / "screenshots").glob("*.svg"))
        assert len(saved) == 1
        said = await shown_toasts(pilot)
        # a path wraps anywhere in the toast's box: compare without the spaces
        assert f"Saved to {saved[0]}".replace(" ", "") in said.replace(" ", "")
