"""The `trackapp` command: parses arguments and hands off to one subcommand module.

Each subcommand lives in `trackapp/commands/<name>.py` and provides
``register(subparsers)`` which adds its parser and sets ``handler`` to a
function ``(args) -> int``. The app itself is built by `trackapp.ui.factory`,
the one factory the tests use as well.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from trackapp import __version__

SUBCOMMANDS = ("home", "run", "check", "history", "log", "show", "export", "paces", "reps")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="trackapp",
        description="A terminal interval timer for running track workouts.",
    )
    parser.add_argument("--version", action="version", version=f"trackapp {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in SUBCOMMANDS:
        try:
            module = importlib.import_module(f"trackapp.commands.{name}")
        except ModuleNotFoundError as err:
            if err.name == f"trackapp.commands.{name}":
                continue  # not built yet
            raise
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command != "paces":
        _use_runner_race()
    handler = getattr(args, "handler", None)
    if handler is None:
        try:
            home = importlib.import_module("trackapp.commands.home")
        except ModuleNotFoundError:
            parser.print_help()
            return 2
        return int(home.handle(args))
    try:
        return int(handler(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


def _use_runner_race() -> None:
    """settings.toml's `race`: the E M T I R paces of workouts without `[paces] from`."""
    from trackapp.settings import use_runner_race
    from trackapp.storage import paths

    use_runner_race(paths.settings_file())


if __name__ == "__main__":
    sys.exit(main())
