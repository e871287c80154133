"""The run screen: what the runner sees trackside.

It renders the engine's view at most ten times a second and turns keys into
engine calls; every figure comes from the engine, computed from the clock.
A press is timed by the key event's own timestamp, not by when this code runs.
"""

from __future__ import annotations

from dataclasses import replace

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from trackapp.domain.engine import EngineView, Status
from trackapp.domain.format import time as fmt_time
from trackapp.domain.text import clip
from trackapp.domain.units import (
    format_clock,
    format_delta,
    format_distance,
)
from trackapp.domain.workout import StepKind
from trackapp.runner import RunUpdate, SessionRun
from trackapp.services import Cancellable, Services
from trackapp.settings import RUN_KEYS
from trackapp.ui.dialogs import ConfirmScreen, HelpScreen
from trackapp.ui.dialogs.keys_help import key_names
from trackapp.ui.literal import fill, literal, say
from trackapp.ui.messages import AudioStatusChanged
from trackapp.ui.run_display import (
    NOTE_CHARS,
    Banner,
    FrameTimer,
    LiveTexts,
    RecentText,
    SaveWatch,
    banner,
    clock_template,
    clock_text,
    counters_text,
    diff_mark,
    label_text,
    laps_text,
    next_change,
    phase_classes,
    run_bound_key,
    segment_brief,
    status_text,
    target_text,
)
from trackapp.ui.screens.navigation import leave
from trackapp.ui.widgets.big_clock import BigClock
from trackapp.ui.widgets.keys_footer import KeysFooter

FLASH_SECONDS = 0.25
IGNORED_NOTICE_SECONDS = 1.5


AUTO_WIDTH = frozenset({"run-phase", "run-status"})  # `width: auto` in the stylesheet
WRAPS = frozenset({"run-info"})  # may wrap to a second line: a new length may need one


class RunScreen(Screen[None]):
    """Runs one session; pushed by the app with a ready SessionRun."""

    BINDINGS = [
        Binding(RUN_KEYS["split"], "press", "Split", key_display="SPACE", id="split"),
        Binding(RUN_KEYS["pause"], "pause", "Pause", id="pause"),
        Binding(RUN_KEYS["undo"], "undo", "Undo", id="undo"),
        Binding(RUN_KEYS["skip"], "skip", "Skip", id="skip"),
        Binding(RUN_KEYS["mute"], "mute", "Mute", id="mute"),
        Binding(RUN_KEYS["stop"], "stop", "Stop", id="stop"),
        Binding(RUN_KEYS["help"], "help", "Help", id="help"),
    ]

    def __init__(self, run: SessionRun, services: Services, resumed: bool = False) -> None:
        super().__init__()
        view = run.engine.view()  # built in its phase's colour: no styles yet to update
        self.update_classes(phase_classes(view.phase, view.overtime is not None), update=False)
        self.run = run
        self.engine = run.engine
        self.services = services
        self.audio = services.audio
        self.resumed = resumed
        self._save = SaveWatch()
        self._flash_until = 0.0
        self._summary_shown = False
        self._last_countdown: int | None = None
        self._next_tick: Cancellable | None = None
        self._frames = FrameTimer(self)
        self._runs_total = run.plan.run_count()
        self._texts = LiveTexts({})
        self._recent = RecentText()
        # the keys the screen's own words name: the first of each action's, as remapped
        first = {a: keys.split(",")[0] for a, keys in services.settings.run_keys().items()}
        self._key = {action: key_names(key) for action, key in first.items()}
        self._undo_hint = first["undo"] if len(first["undo"]) == 1 else self._key["undo"]

    # -- layout ----------------------------------------------------------
    def compose(self) -> ComposeResult:
        with Horizontal(id="run-header"):
            yield Static("", id="run-phase")
            yield Static("", id="run-counters")
            yield Static("", id="run-status")
        yield BigClock(id="run-clock")
        yield BigClock(id="run-diff")  # a fresh result's difference to target
        yield BigClock(id="run-subclock")  # the running clock, smaller, under a result
        # Below the clocks, in one box: a repaint of the digits redraws each of the
        # screen's children (Textual redraws every widget whose box overlaps the change),
        # so the fewer there are, the cheaper ten repaints a second.
        with Vertical(id="run-lower"):
            yield Static("", id="run-info")
            yield Static("", id="run-laps")
            with Horizontal(id="run-bottom"):
                with Vertical(id="run-recent-box"):
                    yield Static("", id="run-recent")
                with Vertical(id="run-next-box"):
                    yield Static("", id="run-next")
                    # its own line: it changes every second, the lines above seldom
                    yield Static("", id="run-session")
            yield Static("", id="run-cue")
        yield KeysFooter()

    def on_audio_status_changed(self, _message: AudioStatusChanged) -> None:
        """Sound fell back (a device went away): the header says so at once."""
        self.tick()

    def on_mount(self) -> None:
        # looked up once: the tick runs up to ten times a second
        statics = {w.id: w for w in self.query(Static) if w.id and w.id.startswith("run-")}
        self._texts = LiveTexts(statics, AUTO_WIDTH | WRAPS)
        self._clock_widget = self.query_one("#run-clock", BigClock)
        self._subclock_widget = self.query_one("#run-subclock", BigClock)
        self._diff_widget = self.query_one("#run-diff", BigClock)
        self.tick()

    def _set(self, widget_id: str, text: Content) -> None:
        self._texts.set(widget_id, text)

    # -- the heartbeat ---------------------------------------------------
    def tick(self, update: RunUpdate | None = None) -> None:
        """Render the run at this instant (the run saves and reschedules sound itself).

        Then sleep until the next instant anything shown changes: ten times a second
        while a rep counts up in tenths, once a second in a countdown, never by polling.
        """
        now = self.engine.clock()
        view = (update or self.run.tick(now)).view
        result = banner(view)  # once per tick: the paint and the next wake-up both need it
        self._save.update(self, self.run.store.last_error)
        self._paint(view, now, result)
        if view.status is Status.DONE and not self._summary_shown:
            self._summary_shown = True
            self.services.ticker.after(self, 1.0, self._show_summary)
        delay = next_change(view)
        if result is not None:  # wake when the result gives the digits back to the clock
            delay = min(delay, result.left + 0.005)
        for until in (self._flash_until, (self.engine.last_ignored or 0) + IGNORED_NOTICE_SECONDS):
            if until > now:
                delay = min(delay, until - now + 0.005)
        if self._next_tick is not None:
            self._next_tick.stop()
        self._next_tick = self.services.ticker.after(self._frames, delay, self.tick)

    def _paint(self, view: EngineView, now: float, result: Banner | None) -> None:
        if view.countdown != self._last_countdown:
            if view.countdown is not None:
                self._flash(now)
            self._last_countdown = view.countdown
        # The phase colours the whole screen: one batch, since every change of the
        # screen's classes restyles all of it. The result banner and the flash change
        # only the clocks, so their classes sit there: a split restyles three widgets.
        self.update_classes(phase_classes(view.phase, view.overtime is not None))
        banner_on = result is not None
        self._clock_widget.update_classes({"flash": now < self._flash_until, "banner": banner_on})
        self._subclock_widget.set_class(banner_on, "banner")
        self._diff_widget.set_class(banner_on and bool(result and result.diff), "banner-diff")

        seg = view.segment
        unit = self.run.plan.workout.pace_unit
        phase_text = view.phase.value
        if view.status is Status.WAITING:
            phase_text = "READY"
        self._set("run-phase", Content(f" {phase_text} "))
        label = ""
        if seg is not None and view.status not in (Status.DONE, Status.STOPPED):
            label = f"{label_text(seg)} · {counters_text(seg)}"
        self._set("run-counters", literal(label))
        self._set("run-status", status_text(self.audio, self._save.error))

        # A fresh result takes the big digits; the running clock goes to the small ones.
        clock = self._subclock_widget if result is not None else self._clock_widget
        if result is not None:
            self._clock_widget.show(fmt_time(result.time))
            self._diff_widget.show(result.diff or " ")
        if view.status is Status.DONE:
            clock.show(format_clock(view.session_elapsed, tenths=True))
        elif view.status in (Status.READY, Status.WAITING) and seg and seg.duration:
            clock.show(clock_text(seg.duration, True), clock_template(view))
        else:
            clock.show(clock_text(view.clock, view.counting_down), clock_template(view))

        info = self._info_text(view, unit, now, banner=result is not None)
        if result is not None:
            info = self._banner_text(result, info)
        self._set("run-info", info)
        self._set("run-laps", Content.from_markup(laps_text(view)))
        self._set("run-recent", self._recent(view))
        self._set("run-next", literal(self._next_text(view)))
        self._set("run-session", Content(f"Session {format_clock(view.session_elapsed)}"))
        cue = ""
        if view.status is Status.READY and self.run.plan.workout.notes:
            cue = clip(self.run.plan.workout.notes, NOTE_CHARS)
        elif seg is not None and seg.cue:
            cue = f"“{clip(seg.cue, NOTE_CHARS)}”"
        self._set("run-cue", literal(cue))

    def _info_text(self, view: EngineView, unit: str, now: float, banner: bool = False) -> Content:
        """The line under the clock; the workout's labels fill `$` slots, never markup."""
        seg = view.segment
        ignored = self.engine.last_ignored
        if ignored is not None and now - ignored < IGNORED_NOTICE_SECONDS:
            return fill("[b]Press ignored[/b]: too soon after the last one")
        if view.status is Status.READY:
            if self.resumed:
                return fill(
                    "Resumed session. Press [b]$split[/b] to carry on", split=self._key["split"]
                )
            first = segment_brief(seg) if seg else ""
            return fill(
                "Press [b]$split[/b] to start: $first", split=self._key["split"], first=first
            )
        if view.status is Status.PAUSED:
            return fill(
                "Paused: the clock is stopped. Press [b]$pause[/b] or [b]$split[/b] to resume",
                pause=self._key["pause"],
                split=self._key["split"],
            )
        if view.status is Status.DONE:
            return Content("Workout done. Well run!")
        if view.status is Status.STOPPED:
            return Content("Session stopped and saved")
        if seg is None:
            return Content("")
        if view.status is Status.WAITING:
            target = target_text(seg, unit)
            return fill(
                "At the line: press [b]$split[/b] to start $brief$target",
                split=self._key["split"],
                brief=segment_brief(seg),
                target=f" · {target}" if target else "",
            )
        parts: list[Content] = []
        if view.countdown is not None:
            parts.append(Content.styled(str(view.countdown), "b"))
        if seg.kind is StepKind.RUN:
            target = target_text(seg, unit)
            if target:
                parts.append(Content(target))
            if view.overtime is not None:
                parts.append(Content.styled(f"OVER +{view.overtime:.1f}", "b"))
            if view.next_split is not None and (seg.splits and len(seg.splits) > 1):
                parts.append(Content(f"next split {format_distance(view.next_split)}"))
            if view.lap_deltas and view.lap_deltas[-1] is not None and not banner:
                parts.append(Content.styled(diff_mark(format_delta(view.lap_deltas[-1])), "b"))
        elif view.auto_start_in is not None and view.next_segment is not None:
            parts.append(literal(f"{segment_brief(view.next_segment)} starts by itself"))
        elif seg.is_timed:
            parts.append(literal(f"{label_text(seg)}: ends by itself"))
        else:
            parts.append(fill("press [b]$split[/b] when done", split=self._key["split"]))
        if view.markers:
            parts.append(Content(f"{view.markers} marker{'s' if view.markers > 1 else ''}"))
        return Content(" · ").join(parts)

    @staticmethod
    def _banner_text(result: Banner, info: Content) -> Content:
        """Under a result in the big digits: what it is, which way the difference goes."""
        return Content.assemble(literal(result.words, "b"), " · ", info)

    def _next_text(self, view: EngineView) -> str:
        runs_total = self._runs_total
        lines = []
        if view.next_segment is not None and view.status not in (Status.DONE, Status.STOPPED):
            lines.append(f"Next: {segment_brief(view.next_segment)}")
        progress = view.segments_done / max(view.segments_total, 1)
        bar_width = 20
        filled = round(progress * bar_width)
        lines.append("█" * filled + "░" * (bar_width - filled) + f" {progress:4.0%}")
        distance = ""
        if view.run_distance_total:
            distance = (
                f" · {format_distance(view.run_distance_done)}"
                f" of {format_distance(view.run_distance_total)}"
            )
        lines.append(f"Reps {view.reps_done}/{runs_total}{distance}")
        return "\n".join(lines)

    # -- input -----------------------------------------------------------
    async def on_key(self, event: events.Key) -> None:
        """Every key of the screen is taken here, in the order the keys came. A split
        counts with the key event's own timestamp: when the key went down, not when this
        code runs. Which keys split is the "split" binding's (remapped by `[keys]` in
        settings.toml); the other bindings run from here too (`run_bound_key`)."""
        active = self.active_bindings.get(event.key)
        if active is not None and active.node is self and active.binding.action == "press":
            event.prevent_default()
            event.stop()
            self._press(self.services.key_instant(event.time))
            return
        await run_bound_key(self, event)

    def action_press(self) -> None:
        """From the footer (a click): no key timestamp, so the clock's now."""
        self._press(self.engine.clock())

    def _press(self, at: float) -> None:
        update = self.run.press(at)
        if update.flash:
            self._flash(at)
        self.tick(update)

    def _flash(self, at: float) -> None:
        self._flash_until = at + FLASH_SECONDS  # shown by the paint that follows
        self.services.ticker.after(self, FLASH_SECONDS + 0.02, self.tick)

    def _notice(self, update: RunUpdate, seconds: float) -> None:
        if update.notice:
            say(self, update.notice, timeout=seconds)  # it may name a label: never markup
        self.tick(update)

    def action_pause(self) -> None:
        self.tick(self.run.toggle_pause())

    def action_undo(self) -> None:
        self._notice(self.run.undo(), 2)

    def action_skip(self) -> None:
        update = self.run.skip()
        if update.notice:  # how to take it back, with the undo key in use
            update = replace(update, notice=f"{update.notice} ({self._undo_hint} to undo)")
        self._notice(update, 3)

    def action_mute(self) -> None:
        self._notice(self.run.toggle_mute(), 2)

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(self.engine.debounce, self.services.settings.keys))

    def quit_guard(self) -> bool:
        """Ctrl+Q while a session runs: ask, as `q` does (True: handled here)."""
        if not self.engine.started or self.engine.over:
            return False
        if self.app.screen is self:
            self.action_stop()
        return True  # a dialog is already up over the run: it answers first

    def action_stop(self) -> None:
        if not self.engine.started:
            leave(self)
            return
        if self.engine.over:
            self._show_summary()
            return
        pressed = self.engine.clock()  # the stop counts at q, not when the dialog is answered

        def decided(stop: bool | None) -> None:
            if stop:
                self.tick(self.run.stop(pressed))
                self._show_summary()

        self.app.push_screen(
            ConfirmScreen(
                "Stop this session?",
                "What you ran so far is saved, marked as stopped.",
                yes="Stop (y)",
                no="Keep running (n)",
            ),
            decided,
        )

    def _show_summary(self) -> None:
        from trackapp.ui.screens.summary import SummaryScreen

        self.run.end()
        self.app.switch_screen(SummaryScreen(self.run, self.services.ticker))
