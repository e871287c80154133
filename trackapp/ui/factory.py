"""The one place the app is built: `cli.py` and the tests both call these."""

from __future__ import annotations

from textual.screen import Screen

from trackapp.domain.plan import Plan
from trackapp.services import Services
from trackapp.ui.app import TrackApp


def build_app(
    services: Services | None = None,
    first_screen: Screen[object] | None = None,
    plan: Plan | None = None,
) -> TrackApp:
    """An app that opens `first_screen`, or runs `plan` (offering resume first)."""
    return TrackApp(services or Services(), first_screen=first_screen, plan=plan)
