"""The one place the app is built: `cli.py` and the tests both call these.

The commands reach the UI only through this module (an import-linter contract in
pyproject.toml): they name what to open ("home", "history"), never a screen.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.screen import Screen

from trackapp.domain.plan import Plan
from trackapp.services import Services
from trackapp.ui.app import TrackApp

if TYPE_CHECKING:  # coach mode's model: `trackapp run` of one runner starts without it
    from trackapp.domain.group import GroupAthlete

__all__ = ["TrackApp", "build_app", "build_group_app", "build_history_app", "build_home_app"]


def build_app(
    services: Services,
    first_screen: Screen[Any] | None = None,
    plan: Plan | None = None,
) -> TrackApp:
    """An app that opens `first_screen`, or runs `plan` (offering resume first)."""
    return TrackApp(services, first_screen=first_screen, plan=plan)


def build_home_app(services: Services, select: Path | None = None) -> TrackApp:
    """The home screen, its cursor on `select` when given."""
    from trackapp.ui.screens.home import HomeScreen

    return build_app(services, first_screen=HomeScreen(services, select=select))


def build_history_app(services: Services) -> TrackApp:
    """The sessions list."""
    from trackapp.ui.screens.history import SessionsScreen

    return build_app(services, first_screen=SessionsScreen(services))


def build_group_app(
    services: Services, athletes: list[GroupAthlete], name: str = "group"
) -> TrackApp:
    """Coach mode: the group run screen for these athletes (each with their own plan),
    offering first to resume an unfinished group run of the workout with the same keys."""
    from trackapp.group_runner import GroupSessionRun, find_unfinished_group
    from trackapp.ui.screens.group_run import GroupRunScreen

    run = GroupSessionRun(
        athletes,
        services.sessions,
        services.clock,
        services.settings.debounce,
        name=name,
        wall=services.wall,
        audio=services.audio,
    )
    unfinished = find_unfinished_group(
        services.sessions, athletes[0].plan.workout.name, [a.key for a in athletes]
    )
    return build_app(services, first_screen=GroupRunScreen(run, services, unfinished=unfinished))
