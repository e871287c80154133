"""What every screen of the app shares."""

from __future__ import annotations

from typing import Any

from textual.screen import Screen

from trackapp.services import Services


class ServicesScreen(Screen[Any]):
    """A screen that uses the app's services, or those it was given (tests, embedding).

    It never makes services of its own: an app without any is a mistake, not a reason
    to open the user's real data folder."""

    def __init__(self, services: Services | None = None) -> None:
        super().__init__()
        self._services = services

    @property
    def services(self) -> Services:
        if self._services is None:
            found = getattr(self.app, "services", None)
            if not isinstance(found, Services):
                raise RuntimeError(f"{type(self).__name__} needs services: the app has none")
            self._services = found
        return self._services
