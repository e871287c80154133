"""`trackapp` with no subcommand: the home screen, to find, edit and start workouts."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from trackapp.commands._app import run_app
from trackapp.commands.run import BellRelay, RunOptions, build_services
from trackapp.services import Services, SilentCues


def home_services(bell: BellRelay | None = None) -> Services:
    """What `trackapp run` builds, with its options at their defaults.

    The bell and the sound status reach the app through `bell` (set its `app` once
    the app exists), as for `trackapp run`: the cue thread never writes to the
    terminal itself. A machine without any audio device still gets its home screen:
    the sound player reports itself off, and a player that cannot even be built is
    replaced by silence rather than stopping the app.
    """
    try:
        return build_services(RunOptions(), bell)
    except Exception:
        services = build_services(RunOptions(no_sound=True))
        services.audio = SilentCues()
        return services


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "home",
        help="the home screen (also: trackapp with no command)",
        description="Find, read, edit, create and start workouts.",
    )
    parser.add_argument(
        "file", nargs="?", help="a workout in ./workouts to put the cursor on at the start"
    )
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    from trackapp.ui.factory import build_home_app

    file = getattr(args, "file", None)
    select = Path(file) if file else None
    bell = BellRelay()
    app = build_home_app(home_services(bell), select=select)
    bell.app = app
    return run_app(app)
