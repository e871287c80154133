"""The palette's Screenshot saves into the data dir's screenshots/ and says where."""

from __future__ import annotations

from pathlib import Path

from trackapp.services import Services
from trackapp.ui.factory import build_app
from trackapp.ui.screens.home import HomeScreen


async def test_palette_screenshot_saves_in_the_data_dir(services: Services, data_dir: Path) -> None:
    app = build_app(services, first_screen=HomeScreen(services))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"Screenshot")
        await pilot.pause(0.3)
        await pilot.press("enter")
        for _ in range(50):
            await pilot.pause(0.05)
            if list((data_dir / "screenshots").glob("*.svg")):
                break
        saved = list((data_dir / "screenshots").glob("*.svg"))
        assert len(saved) == 1
        assert any(f"Saved to {saved[0]}" in str(n.message) for n in app._notifications)
