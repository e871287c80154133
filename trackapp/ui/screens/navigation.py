"""Leaving a screen: back to the one below it, or out of the app when it was the first."""

from __future__ import annotations

from typing import Any

from textual.screen import Screen


def leave(screen: Screen[Any]) -> None:
    """Back to the home screen when there is one under this, else quit with status 0."""
    app = screen.app
    if len(app.screen_stack) > 2:  # the default screen, then home (or history), then this
        app.pop_screen()
    else:
        app.exit(0)
