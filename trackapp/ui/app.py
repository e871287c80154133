"""The Textual application: one app, screens pushed by mode."""

from __future__ import annotations

from pathlib import Path

from textual.app import App
from textual.screen import Screen

from trackapp.services import Services


class TrackApp(App[int]):
    """trackapp's single Textual app; it only renders state and routes keys."""

    CSS_PATH = "trackapp.tcss"
    TITLE = "trackapp"

    def __init__(self, services: Services, first_screen: Screen[object] | None = None) -> None:
        super().__init__()
        self.services = services
        self._first_screen = first_screen

    def on_mount(self) -> None:
        if self._first_screen is not None:
            self.push_screen(self._first_screen)


def default_css_path() -> Path:
    return Path(__file__).with_name("trackapp.tcss")
