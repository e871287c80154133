"""The one place the app is built: `cli.py` and the tests both call `build_app`."""

from __future__ import annotations

from textual.screen import Screen

from trackapp.services import Services
from trackapp.ui.app import TrackApp


def build_app(
    services: Services | None = None, first_screen: Screen[object] | None = None
) -> TrackApp:
    return TrackApp(services or Services(), first_screen=first_screen)
