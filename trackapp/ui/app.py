"""The Textual application: one app, screens pushed by what the user asked for."""

from __future__ import annotations

import contextlib
from pathlib import Path

from textual.app import App
from textual.screen import Screen
from textual.theme import Theme

from trackapp.domain.loader import WorkoutError
from trackapp.domain.plan import Plan
from trackapp.domain.session import SessionRecord
from trackapp.domain.units import format_clock
from trackapp.domain.workout_plan import plan_from_text
from trackapp.runner import SessionRun
from trackapp.services import Services
from trackapp.settings import Settings
from trackapp.ui.messages import AudioStatusChanged, RingBell


class TrackApp(App[int]):
    """trackapp's single Textual app; it only renders state and routes keys."""

    CSS_PATH = "trackapp.tcss"
    TITLE = "trackapp"
    ENABLE_COMMAND_PALETTE = True

    def __init__(
        self,
        services: Services,
        first_screen: Screen[object] | None = None,
        plan: Plan | None = None,
    ) -> None:
        super().__init__()
        self.services = services
        self._first_screen = first_screen
        self._plan = plan

    def on_mount(self) -> None:
        if self.services.settings.theme in self.available_themes:
            self.theme = self.services.settings.theme
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        if self._first_screen is not None:
            self.push_screen(self._first_screen)
        elif self._plan is not None:
            self.start_run(self._plan)

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
            self.notify(f"Could not save the theme: {err.strerror or err}", severity="warning")

    def on_ring_bell(self, _message: RingBell) -> None:
        self.bell()

    def on_audio_status_changed(self, message: AudioStatusChanged) -> None:
        """Sound fell back (the device went away): say so where the runner looks."""
        self.screen.post_message(AudioStatusChanged(message.status))
        self.notify(message.status, title="Sound", severity="warning", timeout=6)

    def on_unmount(self) -> None:
        self.services.audio.close()
        if self.services.store is not None:
            self.services.store.close(timeout=5.0)

    # -- running a workout -------------------------------------------------
    def start_run(self, plan: Plan) -> None:
        """Run a workout; first offer to resume an unfinished session of it."""
        store = self.services.sessions
        unfinished = store.find_in_progress(plan.workout.name)
        if not unfinished:
            self._push_new_run(plan)
            return
        path, saved = unfinished[0]
        from trackapp.ui.screens.dialogs import ResumeScreen

        def chosen(choice: str | None) -> None:
            if choice == "resume":
                self._push_resumed_run(plan, path, saved)
                return
            if choice == "stop":
                store.mark_stopped(path, saved)
                store.flush(timeout=5.0)
            self._push_new_run(plan)

        self.push_screen(ResumeScreen(describe_unfinished(path, saved)), chosen)

    def _push_new_run(self, plan: Plan) -> None:
        from trackapp.ui.screens.run import RunScreen

        settings = self.services.settings
        run = SessionRun(plan, self.services.sessions, self.services.clock, settings.debounce)
        self.push_screen(RunScreen(run, self.services))

    def _push_resumed_run(self, plan: Plan, path: Path, saved: SessionRecord) -> None:
        from trackapp.ui.screens.run import RunScreen

        with contextlib.suppress(WorkoutError):
            # the plan as it was run: the file may have been edited since
            plan = plan_from_text(saved.workout_toml, saved.source)
        settings = self.services.settings
        run = SessionRun.resume(
            plan, self.services.sessions, self.services.clock, path, saved, settings.debounce
        )
        self.push_screen(RunScreen(run, self.services, resumed=True))


def reps_done(count: int) -> str:
    return "no rep done yet" if count == 0 else f"{count} rep{'s' if count > 1 else ''} done"


def describe_unfinished(path: Path, saved: SessionRecord) -> str:
    runs = [s for s in saved.segments if s.kind == "run" and s.ended_by == "press"]
    current = saved.segments[-1] if saved.segments else None
    where = f"during {current.label} (rep {current.rep})" if current is not None else "at the start"
    return (
        f"{saved.workout}, started {saved.started:%a %d %b %H:%M}, stopped {where} "
        f"after {format_clock(saved.elapsed)}, {reps_done(len(runs))}.\n"
        f"File: {path.name}\n\n"
        "Resume carries on at that step; the time since counts as paused."
    )
