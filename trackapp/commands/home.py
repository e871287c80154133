"""`trackapp` with no subcommand: the home screen, to find, edit and start workouts."""

from __future__ import annotations

import argparse

from trackapp.commands.run import build_services
from trackapp.services import Services, SilentCues


def home_services() -> Services:
    """What `trackapp run` builds, with its options at their defaults.

    A machine without any audio device still gets its home screen: the sound
    player reports itself off, and a player that cannot even be built is
    replaced by silence rather than stopping the app.
    """
    args = argparse.Namespace(debounce=None, mute=False, no_sound=False)
    try:
        return build_services(args)
    except Exception:
        services = build_services(argparse.Namespace(debounce=None, mute=False, no_sound=True))
        services.audio = SilentCues()
        return services


def handle(args: argparse.Namespace) -> int:
    from trackapp.ui.factory import build_app
    from trackapp.ui.screens.home import HomeScreen

    services = home_services()
    app = build_app(services, first_screen=HomeScreen(services))
    result = app.run()
    return int(result or 0)
