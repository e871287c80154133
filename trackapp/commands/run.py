"""`trackapp run FILE`: run a workout trackside."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from trackapp.domain.loader import WorkoutError
from trackapp.services import Services
from trackapp.settings import Settings
from trackapp.storage import paths
from trackapp.storage.workout_files import load_plan


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "run", help="run a workout", description="Run a workout file trackside."
    )
    parser.add_argument("file", help="the workout file (TOML)")
    parser.add_argument(
        "--debounce",
        type=float,
        metavar="SECONDS",
        help="ignore a press sooner than this after the last one (default from settings: 1 s)",
    )
    parser.add_argument("--mute", action="store_true", help="start with sound muted")
    parser.add_argument("--no-sound", action="store_true", help="no audio device at all")
    parser.set_defaults(handler=handle)


def build_services(args: argparse.Namespace) -> Services:
    """Settings, audio and storage for a real session."""
    settings = Settings.load(paths.settings_file())
    if args.debounce is not None:
        settings.debounce = max(args.debounce, 0.0)
    services = Services(settings=settings)
    if not args.no_sound:
        from trackapp.audio.player import CuePlayer
        from trackapp.audio.voice import Voice

        player = CuePlayer(volume=settings.volume, voice=Voice.system(enabled=settings.voice))
        player.probe()
        player.muted = settings.muted or args.mute
        services.audio = player
    return services


def handle(args: argparse.Namespace) -> int:
    try:
        plan = load_plan(Path(args.file), args.file)
    except WorkoutError as err:
        print(err.format(), file=sys.stderr)
        return 1
    from trackapp.ui.factory import build_app

    app = build_app(build_services(args), plan=plan)
    result = app.run()
    return int(result or 0)
