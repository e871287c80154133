"""`trackapp history`: the sessions list, one session, and the comparison, in the app."""

from __future__ import annotations

import argparse
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "history",
        help="browse past sessions in the app",
        description="Browse, compare, annotate and delete past sessions.",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    # Textual is imported here, not at module level: `trackapp log` must start quickly.
    from trackapp.commands._app import run_app
    from trackapp.services import Services
    from trackapp.ui.factory import build_history_app

    return run_app(build_history_app(Services.for_user()))
