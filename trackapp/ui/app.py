"""The Textual application: one app, screens pushed by what the user asked for."""

from __future__ import annotations

import contextlib
import sys
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from textual.app import App
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.theme import Theme

from trackapp.domain.loader import WorkoutError
from trackapp.domain.plan import Plan
from trackapp.domain.resume import (
    MAX_BRIDGE_SECONDS,
    PAUSED,
    RUNNING,
    can_bridge,
    gap_seconds,
    running_segment,
)
from trackapp.domain.session import SessionRecord
from trackapp.domain.units import format_clock
from trackapp.domain.workout_plan import plan_from_text, saved_race
from trackapp.runner import SessionRun
from trackapp.services import Services
from trackapp.settings import Settings
from trackapp.storage.session_store import SessionBusy
from trackapp.ui import terminal_end
from trackapp.ui.literal import say
from trackapp.ui.messages import AudioStatusChanged, OpenCompare, OpenSession, RingBell


class HeldRun(Protocol):
    """A session run the app holds (SessionRun, GroupSessionRun): what a crash message or
    an end from outside needs of it."""

    @property
    def paths(self) -> list[Path]: ...

    @property
    def over(self) -> bool: ...

    @property
    def unsaved(self) -> bool: ...

    def close(self) -> bool: ...


class TrackApp(App[int]):
    """trackapp's single Textual app; it only renders state and routes keys."""

    CSS_PATH = "trackapp.tcss"
    TITLE = "trackapp"
    ENABLE_COMMAND_PALETTE = True

    def __init__(
        self,
        services: Services,
        first_screen: Screen[Any] | None = None,
        plan: Plan | None = None,
    ) -> None:
        super().__init__()
        self.services = services
        self._first_screen = first_screen
        self._plan = plan
        self._runs: list[HeldRun] = []  # every session run in this app (hold)
        self.ended_by: str | None = None  # what ended the app from outside (end_for)
        # the run's keys as settings.toml's [keys] remaps them (binding ids: split, undo...)
        self.set_keymap(dict(services.settings.keys))

    def on_mount(self) -> None:
        with contextlib.suppress(Exception):  # tidying never stops the app from starting
            self.services.sessions.tidy()  # what a kill mid-write left behind
        if self.services.settings.theme in self.available_themes:
            self.theme = self.services.settings.theme
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        if self._first_screen is not None:
            self.push_screen(self._first_screen)
        elif self._plan is not None:
            self.start_run(self._plan)
        self._wait_for_a_frame()
        self.screen_change_signal.subscribe(self, lambda _screen: self._wait_for_a_frame())
        if not self.is_headless and sys.__stdin__ is not None:
            terminal_end.watch(self.end_for, sys.__stdin__.fileno())

    def _wait_for_a_frame(self) -> None:
        """Run `Services.after_first_frame` once the current screen is drawn. A screen that
        goes before (the resume offer answered by a key typed ahead) drops its callbacks
        unrun: each new screen asks again until the work has run."""
        if self.services.after_first_frame:
            self.call_after_refresh(self._after_first_frame)

    def _after_first_frame(self) -> None:
        work, self.services.after_first_frame = self.services.after_first_frame, []
        for start in work:
            start()

    def _remember_theme(self, theme: Theme) -> None:
        """The theme picked in the palette is kept in the settings file for next time."""
        settings = self.services.settings
        if theme.name == settings.theme:
            return
        settings.theme = theme.name
        path = self.services.config_dir / "settings.toml"
        saved = Settings.load(path)  # not `settings`: a --debounce for this run stays out
        saved.theme = theme.name
        try:
            saved.save(path)
        except OSError as err:
            say(self, f"Could not save the theme: {err.strerror or err}", severity="warning")

    @property
    def screenshots_dir(self) -> Path:
        """Where the palette's Screenshot saves: the data dir's `screenshots/` (Textual's
        default, ~/Downloads, may not exist: "Failed to save screenshot")."""
        return self.services.data_dir / "screenshots"

    def deliver_screenshot(
        self,
        filename: str | None = None,
        path: str | None = None,
        time_format: str | None = None,
    ) -> str | None:
        """Save an SVG of the screen into `screenshots_dir` and say where, literally."""
        folder = Path(path) if path is not None else self.screenshots_dir
        try:
            folder.mkdir(parents=True, exist_ok=True)
            saved = self.save_screenshot(filename, str(folder), time_format)
        except OSError as err:
            say(self, f"Could not save it in {folder}: {err.strerror or err}", severity="error")
            return None
        say(self, f"Saved to {saved}", title="Screenshot", timeout=8)
        return saved

    def hold(self, run: HeldRun) -> None:
        """A session run here, solo or a group's: a crash message or an end from outside
        names its files, and an end from outside saves it first."""
        if run not in self._runs:
            self._runs.append(run)

    def session_paths(self) -> list[Path]:
        """The files of the sessions run here and not over: what a crash message or an end
        from outside points to (`trackapp run` offers to resume them)."""
        return [path for run in self._runs if not run.over for path in run.paths]

    async def action_quit(self) -> None:
        """Ctrl+Q. A screen with something to lose (a running session, splits not yet
        saved) asks first, as its own `q` does; otherwise quit."""
        for screen in reversed(self.screen_stack):
            guard = getattr(screen, "quit_guard", None)
            if guard is not None and guard():
                return
        self.exit()

    def end_for(self, cause: str, status: int) -> None:
        """The terminal closed, or SIGHUP or SIGTERM came (ui/terminal_end.py): every
        session is saved as it stands and waited for on disk, then the app exits with
        `status`. Nothing is asked: nobody may be there to answer."""
        if self.ended_by is not None:
            return
        self.ended_by = cause
        for run in self._runs:
            if not run.over or run.unsaved:
                run.close()
        self.exit(return_code=status)

    def _handle_exception(self, error: Exception) -> None:
        """A screen switched in just before the app began to exit mounts while it closes,
        and finds its widgets already taken down (Ctrl+Q, a signal or a closed terminal
        the moment the end screen comes up): no crash, the app is ending as it was asked
        to, with the status it was given. Anything else is one, as Textual has it."""
        if self._exit and isinstance(error, NoMatches):
            return
        super()._handle_exception(error)

    def on_open_session(self, message: OpenSession) -> None:
        from trackapp.ui.screens.session_detail import SessionDetailScreen

        self.push_screen(SessionDetailScreen(message.path, self.services))

    def on_open_compare(self, message: OpenCompare) -> None:
        from trackapp.ui.screens.compare import CompareScreen

        self.push_screen(CompareScreen(message.workout, self.services, athlete=message.athlete))

    def on_ring_bell(self, _message: RingBell) -> None:
        self.bell()

    def on_audio_status_changed(self, message: AudioStatusChanged) -> None:
        """The sound's status changed: the screen's header shows it; when there is no
        sound device (the bell or nothing took over) a toast says so where the runner
        looks. A device that opened after the first frame needs no toast."""
        self.screen.post_message(AudioStatusChanged(message.status))
        if message.status.startswith(("sound: off", "sound: bell")):
            say(self, message.status, title="Sound", severity="warning", timeout=6)

    def on_unmount(self) -> None:
        self.services.audio.close()
        if self.services.store is not None:
            self.services.store.close(timeout=5.0)

    # -- running a workout -------------------------------------------------
    def start_run(self, plan: Plan) -> None:
        """Run a workout; first offer to resume an unfinished session of it.

        A session running in another window is locked, so it is never offered here.
        """
        store = self.services.sessions
        unfinished = store.find_in_progress(plan.workout.name)
        if not unfinished:
            self._push_new_run(plan)
            return
        path, saved = unfinished[0]
        from trackapp.ui.dialogs import ResumeScreen

        def chosen(choice: str | None) -> None:
            if choice in (RUNNING, PAUSED):
                self._push_resumed_run(plan, path, saved, choice)
                return
            if choice == "stop":
                try:
                    store.mark_stopped(path, saved)
                except SessionBusy as err:
                    say(self, str(err), severity="warning")
                store.flush(timeout=5.0)
            self._push_new_run(plan)

        now = self.services.wall()
        self.push_screen(
            ResumeScreen(
                describe_unfinished(saved, now, f"File: {path.name}", reps_done(saved)),
                not can_bridge(saved, now),
            ),
            chosen,
        )

    def _push_new_run(self, plan: Plan) -> None:
        from trackapp.ui.screens.run import RunScreen

        services = self.services
        run = SessionRun(
            plan,
            services.sessions,
            services.clock,
            services.settings.debounce,
            wall=services.wall,
            audio=services.audio,
        )
        self.hold(run)
        self.push_screen(RunScreen(run, services))

    def _push_resumed_run(self, plan: Plan, path: Path, saved: SessionRecord, counted: str) -> None:
        from trackapp.ui.screens.run import RunScreen

        with contextlib.suppress(WorkoutError):
            # the plan as it was run: the file may have been edited since
            plan = plan_from_text(saved.workout_toml, saved.source, saved_race(saved.race))
        services = self.services
        try:
            run = SessionRun.resume(
                plan,
                services.sessions,
                services.clock,
                path,
                saved,
                services.settings.debounce,
                counted=counted,
                wall=services.wall,
                audio=services.audio,
            )
        except SessionBusy as err:
            say(self, f"{err}: not resumed here", severity="warning")
            self._push_new_run(plan)
            return
        self.hold(run)
        self.push_screen(RunScreen(run, services, resumed=True))


def reps_done(saved: SessionRecord) -> str:
    count = sum(s.done for s in saved.segments)
    return "no rep done yet" if count == 0 else f"{count} rep{'s' if count > 1 else ''} done"


def describe_unfinished(saved: SessionRecord, now: datetime, source: str, done: str) -> str:
    """What the resume offer says: when the app stopped, what was running, what each
    choice does to it. `source` names the file (or the group's files), `done` what was
    done (`reps_done`: a group's says it athlete by athlete). Plain text: the names in it
    are the user's."""
    gap = gap_seconds(saved, now)
    running = running_segment(saved)
    if running is not None:
        at = max(saved.elapsed - running.start, 0.0)
        where = f"during {running.label} (rep {running.rep}) at {format_clock(at, tenths=True)}"
        if running.kind != "run":
            where = f"during {running.label} at {format_clock(at, tenths=True)}"
    elif saved.segments:
        where = f"after {saved.segments[-1].label}"
    else:
        where = "at the start"
    lines = [
        f"{saved.workout}, started {saved.started:%a %d %b %H:%M}.",
        f"The app stopped. Last saved {format_gap(gap)} ago, {where}; {done}.",
        source,
        "",
    ]
    if saved.paused_at_save:
        lines.append("It was paused then: it resumes paused, the time since counted as paused.")
    elif gap > MAX_BRIDGE_SECONDS:
        lines.append(
            f"That is over {format_gap(MAX_BRIDGE_SECONDS)} ago: it resumes paused, "
            "the time since counted as paused."
        )
    elif running is not None:
        at = max(saved.elapsed - running.start, 0.0)
        lines += [
            f"Clock ran on: {running.label} reads {format_clock(at + gap, tenths=True)} now, "
            "as if the app had never stopped (you kept running).",
            f"Gap paused: {running.label} carries on from {format_clock(at, tenths=True)}, "
            "paused until you press.",
        ]
    else:
        lines += [
            "Clock ran on: the session time runs on through the gap.",
            "Gap paused: the time since counts as paused.",
        ]
    return "\n".join(lines)


def format_gap(seconds: float) -> str:
    """`45 s`, `3 min 05 s`, `2 h 07 min`: how long the app was gone."""
    whole = int(seconds)
    if whole < 60:
        return f"{whole} s"
    if whole < 3600:
        return f"{whole // 60} min {whole % 60:02d} s"
    if whole < 2 * 86400:
        return f"{whole // 3600} h {whole % 3600 // 60:02d} min"
    return f"{whole // 86400} days"
