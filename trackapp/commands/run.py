"""`trackapp run FILE`: run a workout trackside."""

from __future__ import annotations

import argparse
import contextlib
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from trackapp.commands._app import run_app
from trackapp.domain.loader import WorkoutError
from trackapp.services import Services
from trackapp.settings import Settings
from trackapp.storage import paths
from trackapp.storage.workout_files import load_plan

if TYPE_CHECKING:
    from textual.app import App
    from textual.message import Message


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
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "--roster",
        metavar="FILE",
        help="coach mode: time the group in this roster file (names, keys, paces)",
    )
    group.add_argument(
        "--athletes",
        metavar="NAMES",
        help='coach mode: time these athletes ("Ana,Ben,Cy"), keys 1-9, 0, then letters',
    )
    parser.set_defaults(handler=handle)


class BellRelay:
    """Passes the cue thread's bell and sound status on to the app once it exists.

    The cue thread must not write a BEL byte into the middle of Textual's output, and
    must never wait for the UI thread (which may be waiting to hand it cues): so it
    posts a message, which queues and returns at once, and drops it while no app runs.
    """

    def __init__(self) -> None:
        self.app: App[int] | None = None

    def __call__(self) -> None:
        from trackapp.ui.messages import RingBell

        self._post(RingBell())

    def status_changed(self, status: str) -> None:
        """The sound fell back (device lost, bell took over): the app says so."""
        from trackapp.ui.messages import AudioStatusChanged

        self._post(AudioStatusChanged(status))

    def _post(self, message: Message) -> None:
        app = self.app
        if app is None or not app.is_running:
            return
        with contextlib.suppress(Exception):  # the app may be closing
            app.post_message(message)


@dataclass(frozen=True)
class RunOptions:
    """What `trackapp run` lets the runner choose, typed (home uses the defaults)."""

    debounce: float | None = None  # seconds; None: the settings file's
    mute: bool = False
    no_sound: bool = False

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> RunOptions:
        return cls(debounce=args.debounce, mute=args.mute, no_sound=args.no_sound)


def build_services(options: RunOptions, bell: BellRelay | None = None) -> Services:
    """Settings, audio and storage for a real session, in the user's own folders."""
    settings = Settings.load(paths.settings_file())
    if options.debounce is not None:
        settings.debounce = max(options.debounce, 0.0)
    services = Services.for_user(settings)
    if not options.no_sound:
        from trackapp.audio.player import CuePlayer
        from trackapp.audio.voice import Voice

        player = CuePlayer(
            services.clock,
            volume=settings.volume,
            voice=Voice.system(enabled=settings.voice),
            ring=bell,
            on_status=bell.status_changed if bell is not None else None,
        )
        player.announce_start()
        # opened after the first frame, which then never waits for the device
        services.after_first_frame.append(lambda: player.probe(wait=0))
        player.muted = settings.muted or options.mute
        services.audio = player
    return services


def handle(args: argparse.Namespace) -> int:
    if args.roster is not None or args.athletes is not None:
        # coach mode: each athlete's plan is loaded with their own paces
        from trackapp.commands.group_run import handle_group

        return handle_group(args, build_services(RunOptions.from_args(args)))
    try:
        plan = load_plan(Path(args.file), args.file)
    except WorkoutError as err:
        print(err.format(), file=sys.stderr)
        return 1
    from trackapp.ui.factory import build_app

    bell = BellRelay()
    app = build_app(build_services(RunOptions.from_args(args), bell), plan=plan)
    bell.app = app
    return run_app(app)
