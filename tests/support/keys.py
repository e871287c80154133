"""Keys as a terminal delivers a burst: all queued before the app reads the first."""

from __future__ import annotations

from typing import Any

from textual import events
from textual.app import App

NAMED = {"\r": "enter", " ": "space", "\x7f": "backspace"}


def burst(app: App[Any], keys: str) -> None:
    """Queue `keys` at once on the app's (headless) driver, as one read from a terminal
    gives them: the app reads the first only after all are in its queue."""
    driver = app._driver
    assert driver is not None
    for key in keys:
        driver.send_message(events.Key(NAMED.get(key, key), key))
