"""What every screen of the app shares."""

from __future__ import annotations

from typing import Any

from textual.screen import Screen

from trackapp.services import Services


class ServicesScreen(Screen[Any]):
    """A screen that uses the app's services, or those it was given (tests, embedding)."""

    def __init__(self, services: Services | None = None) -> None:
        super().__init__()
        self._services = services

    @property
    def services(self) -> Services:
        if self._services is None:
            found = getattr(self.app, "services", None)
            self._services = found if isinstance(found, Services) else Services()
        return self._services
