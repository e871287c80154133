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

# Each subcommand's one-line help, for `trackapp --help`: only the module of the command
# being run is imported (the others would cost start-up time for nothing);
# tests/test_cli_parser.py checks these against the modules' own.
SUBCOMMANDS = {
    "home": "the home screen (also: trackapp with no command)",
    "run": "run a workout",
    "check": "check workout files and show their plans",
    "history": "browse past sessions in the app",
    "log": "list sessions, one line each, newest first",
    "show": "one session's reps and summary",
    "export": "sessions' splits as CSV or JSON, or each session as a FIT activity",
    "paces": "VDOT, equivalent race times and training paces from a race",
    "reps": "every rep of one distance, across every workout, session by session",
}


def build_parser(argv: Sequence[str] | None = None, every: bool = False) -> argparse.ArgumentParser:
    """The parser for `argv`: the subcommand it names registers its whole parser (its
    module imported), the others a line of help; `every` registers them all."""
    parser = argparse.ArgumentParser(
        prog="trackapp",
        description="A terminal interval timer for running track workouts.",
    )
    parser.add_argument("--version", action="version", version=f"trackapp {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    chosen = _chosen(sys.argv[1:] if argv is None else argv)
    for name, summary in SUBCOMMANDS.items():
        if every or name == chosen:
            importlib.import_module(f"trackapp.commands.{name}").register(subparsers)
        else:
            subparsers.add_parser(name, help=summary)
    return parser


def _chosen(argv: Sequence[str]) -> str | None:
    """The subcommand `argv` names: its first word that is not an option."""
    first = next((arg for arg in argv if not arg.startswith("-")), None)
    return first if first in SUBCOMMANDS else None


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser(argv)
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
