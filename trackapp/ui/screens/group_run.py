"""The group run screen (coach mode): one big shared clock, a row per athlete.

Like the run screen it renders the group engine's view, computed from the clock,
and wakes only when something shown changes; a split is timed by the key
event's own timestamp. Space (or a clicker's next) starts a rep for everyone;
each athlete's key records their split. Each key goes to `GroupSessionRun`, which
drives the group, saves, plays and schedules the sound; this screen renders the
`GroupUpdate` it returns.
"""

from __future__ import annotations

import math
from dataclasses import replace

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from trackapp.domain import format as fmt
from trackapp.domain.engine import Status
from trackapp.domain.group import AthleteRow, AthleteState, GroupView
from trackapp.domain.resume import PAUSED, RUNNING, can_bridge
from trackapp.domain.text import clip
from trackapp.domain.units import format_clock
from trackapp.domain.workout import StepKind
from trackapp.group_runner import GroupSessionRun, GroupUpdate, UnfinishedGroup, close_unfinished
from trackapp.services import Cancellable, Services
from trackapp.storage.session_store import SessionBusy
from trackapp.ui.app import TrackApp, describe_unfinished, reps_done
from trackapp.ui.literal import fill, literal, say
from trackapp.ui.messages import AudioStatusChanged
from trackapp.ui.run_display import (
    MAX_IDLE_REPAINT,
    TENTH,
    FrameTimer,
    LiveTexts,
    SaveWatch,
    clock_text,
    counters_text,
    diff_mark,
    phase_classes,
    run_bound_key,
    segment_brief,
    status_text,
    target_text,
)
from trackapp.ui.screens.navigation import leave
from trackapp.ui.widgets.athlete_rows import AthleteRows
from trackapp.ui.widgets.big_clock import BigClock
from trackapp.ui.widgets.keys_footer import KeysFooter

NOTICE_SECONDS = 2.5
NAME_CHARS = 14
# Space and a presenter clicker's "next" start a rep for the whole group.
START_KEYS = frozenset({"space", "enter", "pagedown", "right", "down"})
# Backspace and a clicker's "previous" take back the last split, whoever's it was.
UNDO_KEYS = frozenset({"backspace", "pageup", "left", "up"})
PAUSE_KEYS = frozenset({"p", "f5", "shift+f5", "b", "full_stop"})  # a clicker's blank too
# Then an athlete's key: out for the rep (x), out for the session (X), undo theirs (u).
PREFIXES = {"x": "out for the rep", "X": "out for the session", "u": "undo"}
RESIZES = frozenset({"group-phase", "group-status"})  # `width: auto` in the stylesheet

STATE_WORDS = {
    AthleteState.READY: "ready",
    AthleteState.WAITING: "at line",
    AthleteState.RESTING: "rest",
    AthleteState.OUT_REP: "out (rep)",
    AthleteState.OUT: "OUT",
    AthleteState.DONE: "done",
}


REST_WORDS = {StepKind.WARMUP: "warm-up", StepKind.COOLDOWN: "cool-down"}


def row_text(row: AthleteRow, reps_total: int, step: StepKind | None = None) -> str:
    """` a  Ana        1:12.3  lap 1:11.2  ▲ +0.8   2/8  OVER`: one athlete's line; `step`
    is the group's (an athlete not running is in its warm-up, rest or cool-down)."""
    if row.state in (AthleteState.RUNNING, AthleteState.FINISHED) and row.rep_time is not None:
        now = fmt.time(row.rep_time)
        if row.state is AthleteState.FINISHED:
            now += " ✓"
    elif row.state is AthleteState.RESTING and step in REST_WORDS:
        now = REST_WORDS[step]
    else:
        now = STATE_WORDS.get(row.state, "")
    lap = ""
    diff = ""
    if row.last_lap is not None:
        lap = fmt.time(row.rep_time if row.last_was_end else row.last_lap)
        lap = ("rep " if row.last_was_end else "lap ") + lap
        if row.last_diff is not None:
            diff = diff_mark(fmt.delta(row.last_diff))
    mark = "OVER" if row.over else ""
    name = clip(row.name, NAME_CHARS)
    return (
        f" {row.key:>2}  {name:<{NAME_CHARS}} {now:<10} {lap:<11} {diff:<9}"
        f" {row.reps_done:>2}/{reps_total:<2} {mark}"
    ).rstrip()


HEADER = f" {'key':>3} {'athlete':<{NAME_CHARS}} {'now':<10} {'last split':<11} {'diff':<9} reps"


class GroupRunScreen(Screen[None]):
    """Runs one group session; pushed by the app with a ready GroupSessionRun."""

    BINDINGS = [
        Binding("space", "start", "Start rep", key_display="SPACE"),
        Binding("p", "pause", "Pause"),
        Binding("backspace", "undo", "Undo last", key_display="⌫"),
        Binding("n", "skip", "Skip", show=False),
        Binding("m", "mute", "Mute"),
        Binding("q", "stop", "Stop"),
        Binding("question_mark", "help", "Help", key_display="?"),
    ]

    def __init__(
        self,
        run: GroupSessionRun,
        services: Services,
        resumed: bool = False,
        unfinished: UnfinishedGroup | None = None,
    ) -> None:
        super().__init__()
        # built in its phase's colour: no styles yet to update
        self.update_classes(phase_classes(run.group.view().phase), update=False)
        self.run = run
        self._unfinished = unfinished  # offered for resume when the screen opens
        self.services = services
        self.audio = services.audio
        self.resumed = resumed
        self._keys = {a.key: a for a in run.athletes}
        self._pending: str | None = None  # "x", "X" or "u": waiting for an athlete's key
        self._notice: tuple[Content, float] | None = None  # text, until (clock)
        self._texts = LiveTexts({})
        self._save = SaveWatch()
        self._next_tick: Cancellable | None = None
        self._frames = FrameTimer(self)
        self._last_countdown: int | None = None

    # -- layout ----------------------------------------------------------------
    def compose(self) -> ComposeResult:
        with Horizontal(id="group-header"):
            yield Static("", id="group-phase")
            yield Static("", id="group-counters")
            yield Static("", id="group-status")
        yield BigClock(id="group-clock")
        yield Static("", id="group-info")
        yield Static(HEADER, id="group-table-head")
        with VerticalScroll(id="group-rows"):
            yield AthleteRows(len(self.run.athletes), id="group-table")
        yield KeysFooter()

    def on_mount(self) -> None:
        self._clock = self.query_one("#group-clock", BigClock)
        self._table = self.query_one("#group-table", AthleteRows)
        statics = {w.id: w for w in self.query(Static) if w.id and w.id.startswith("group-")}
        self._texts = LiveTexts(statics, RESIZES)
        self._hold(self.run)
        self.tick()
        if self._unfinished is not None:
            self._offer_resume(self._unfinished)

    def _offer_resume(self, unfinished: UnfinishedGroup) -> None:
        """An unfinished group run of this workout and these athletes: offer it back, as the
        solo run does (the clock ran on, the gap paused, close it, or start anew)."""
        from trackapp.ui.dialogs import ResumeScreen

        now = self.services.wall()
        newest = unfinished.newest
        athletes = [a for a in self.run.athletes if a.key in unfinished.files]
        names = ", ".join(a.name for a in athletes)
        # what each athlete did: the newest file alone said "no rep done yet" of a group
        # in which one had finished a rep
        done = ", ".join(f"{a.name} {reps_done(unfinished.files[a.key][1])}" for a in athletes)
        text = describe_unfinished(newest, now, f"Group {unfinished.group}: {names}", done)

        def chosen(choice: str | None) -> None:
            if choice in (RUNNING, PAUSED):
                try:
                    run = self.run.resumed_from(unfinished, choice)
                except SessionBusy as err:
                    say(self, f"{err}: not resumed here", severity="warning")
                    return
                self.run, self.resumed = run, True
                self._hold(run)
            elif choice == "stop":
                for problem in close_unfinished(self.run.store, unfinished):
                    say(self, problem, severity="warning")
            self.tick()

        self.app.push_screen(ResumeScreen(text, not can_bridge(newest, now)), chosen)

    def _hold(self, run: GroupSessionRun) -> None:
        """The app names the group's files if it crashes or is ended from outside."""
        if isinstance(self.app, TrackApp):
            self.app.hold(run)

    def on_audio_status_changed(self, _message: AudioStatusChanged) -> None:
        self.tick()

    # -- the heartbeat -----------------------------------------------------------
    def tick(self, update: GroupUpdate | None = None) -> None:
        """Paint the view at this instant (the run saves and reschedules sound itself),
        sleep until the next change."""
        now = self.run.clock()
        view = (update or self.run.tick(now)).view
        self._save.update(self, self.run.store.last_error)
        self._paint(view, now)
        delay = self._next_change(view)
        if self._notice is not None and self._notice[1] > now:
            delay = min(delay, self._notice[1] - now + 0.005)
        if self._next_tick is not None:
            self._next_tick.stop()
        self._next_tick = self.services.ticker.after(self._frames, delay, self.tick)

    @staticmethod
    def _next_change(view: GroupView) -> float:
        if view.status is not Status.RUNNING:
            return MAX_IDLE_REPAINT
        if view.counting_down and view.remaining is not None:
            delay = view.remaining - math.floor(view.remaining)
            if delay < 0.002:
                delay += 1.0
        else:
            delay = TENTH - ((view.clock + TENTH / 2) % TENTH)
        if view.running and view.counting_down:
            # athletes' times count in tenths under a timed rep's countdown
            delay = min(delay, TENTH - ((view.session_elapsed + TENTH / 2) % TENTH))
        return min(delay, MAX_IDLE_REPAINT) + 0.002

    def _paint(self, view: GroupView, now: float) -> None:
        if view.countdown != self._last_countdown:
            self._last_countdown = view.countdown
        self.update_classes(phase_classes(view.phase))
        seg = view.segment
        phase_text = "READY" if view.status is Status.WAITING else view.phase.value
        self._texts.set("group-phase", Content(f" {phase_text} "))
        counters = ""
        if seg is not None and view.status not in (Status.DONE, Status.STOPPED):
            counters = f"{segment_brief(seg)} · {counters_text(seg)}"
            if seg.kind is StepKind.RUN and view.status is Status.RUNNING:
                counters += f" · {view.running} running"
        self._texts.set("group-counters", literal(counters))
        self._texts.set("group-status", status_text(self.audio, self._save.error))

        if view.status is Status.DONE or view.status is Status.STOPPED:
            self._clock.show(format_clock(view.session_elapsed, tenths=True))
        elif view.status in (Status.READY, Status.WAITING) and seg is not None and seg.duration:
            self._clock.show(clock_text(seg.duration, True))
        else:
            template = "0:00" if view.counting_down else "0:00.0"
            if view.clock >= 600:
                template = "00:00" if view.counting_down else "00:00.0"
            self._clock.show(clock_text(view.clock, view.counting_down), template)

        self._texts.set("group-info", self._info(view, now))
        reps_total = view.reps_total
        step = seg.kind if seg is not None else None
        for y, row in enumerate(view.rows):
            self._table.set_line(y, row_text(row, reps_total, step), row.over)

    def _info(self, view: GroupView, now: float) -> Content:
        if self._pending is not None:
            return fill(
                "$what: press the athlete's key ([b]Esc[/b] cancels)",
                what=PREFIXES[self._pending].capitalize(),
            )
        if self._notice is not None and now < self._notice[1]:
            return self._notice[0]
        seg = view.segment
        if view.status is Status.READY:
            if self.resumed:
                return fill("Resumed group. Press [b]SPACE[/b] to carry on")
            return fill(
                "Press [b]SPACE[/b] to start the group: $first",
                first=segment_brief(seg) if seg else "",
            )
        if view.status is Status.PAUSED:
            return fill("Paused: every clock is stopped. [b]P[/b] or [b]SPACE[/b] resumes")
        if view.status is Status.DONE:
            return Content("Workout done. Every athlete's session is saved")
        if view.status is Status.STOPPED:
            return Content("Session stopped and saved")
        if seg is None:
            return Content("")
        unit = self.run.plan.workout.pace_unit
        if view.status is Status.WAITING:
            return fill(
                "At the line: [b]SPACE[/b] starts $brief for everyone", brief=segment_brief(seg)
            )
        if seg.kind is StepKind.RUN:
            target = target_text(seg, unit) if len({r.segment for r in view.rows}) == 1 else ""
            keys = "each athlete's key splits · x/X+key out · u+key undo"
            return literal(f"{target} · {keys}" if target else keys)
        parts: list[Content] = []
        if view.countdown is not None:
            parts.append(Content.styled(str(view.countdown), "b"))
        if view.auto_start_in is not None and view.next_segment is not None:
            parts.append(literal(f"{segment_brief(view.next_segment)} starts by itself"))
            parts.append(fill("[b]SPACE[/b] starts it now"))
        elif not seg.is_timed:
            parts.append(fill("[b]SPACE[/b] when done"))
        else:
            parts.append(literal(f"{segment_brief(seg)}: ends by itself"))
        return Content(" · ").join(parts)

    def _say(self, text: Content | str | None, now: float) -> None:
        if text is None:
            return
        content = literal(text) if isinstance(text, str) else text
        self._notice = (content, now + NOTICE_SECONDS)

    def _show(self, update: GroupUpdate, now: float) -> None:
        """An input's update: its words under the clock (from `now`), then the paint."""
        self._say(update.notice, now)
        self.tick(update)

    # -- input -------------------------------------------------------------------
    def _athlete_key(self, event: events.Key) -> str | None:
        for candidate in (event.character, event.key):
            if candidate and candidate in self._keys:
                return candidate
        return None

    async def on_key(self, event: events.Key) -> None:
        """Every key is taken here, in the order the keys came: athletes' keys with the
        key event's own timestamp, the screen's bindings through `run_bound_key`."""
        key = self._athlete_key(event)
        char = event.character
        if self._pending is not None:
            event.prevent_default()
            event.stop()
            pending, self._pending = self._pending, None
            if key is not None:
                self._prefixed(pending, key)
            elif pending == "u" and (char == "u" or event.key in UNDO_KEYS):
                self.action_undo()
            else:
                self.tick()
            return
        if key is not None:
            event.prevent_default()
            event.stop()
            self._split(key, self.services.key_instant(event.time))
        elif char in PREFIXES:
            event.prevent_default()
            event.stop()
            self._pending = char
            self.tick()
        elif event.key in START_KEYS:
            event.prevent_default()
            event.stop()
            self._start(self.services.key_instant(event.time))
        elif event.key in UNDO_KEYS:
            event.prevent_default()
            event.stop()
            self.action_undo()
        elif event.key in PAUSE_KEYS:
            event.prevent_default()
            event.stop()
            self.action_pause()
        else:
            await run_bound_key(self, event)

    def _prefixed(self, prefix: str, key: str) -> None:
        now = self.run.clock()
        if prefix == "x":
            update = self.run.out_for_rep(key, now)
        elif prefix == "X":
            update = self.run.out_for_session(key, now)
        else:
            update = self.run.undo_for(key, now)
        self._show(update, now)

    def action_start(self) -> None:
        """From the footer (a click): no key timestamp, so the clock's now."""
        self._start(self.run.clock())

    def _start(self, at: float) -> None:
        self._show(self.run.start(at), at)

    def _split(self, key: str, at: float) -> None:
        self._show(self.run.split(key, at), at)

    def action_undo(self) -> None:
        now = self.run.clock()
        self._show(self.run.undo(now), now)

    def action_pause(self) -> None:
        self.tick(self.run.toggle_pause())

    def action_skip(self) -> None:
        update = self.run.skip()
        if update.notice is not None:  # how to take it back
            update = replace(update, notice=f"{update.notice} (Backspace to undo)")
        self._show(update, self.run.clock())

    def action_mute(self) -> None:
        update = self.run.toggle_mute()
        if update.notice is not None:
            self.notify(update.notice, timeout=2)
        self.tick()

    def action_help(self) -> None:
        from trackapp.ui.dialogs import HelpScreen

        self.app.push_screen(HelpScreen(self.run.group.debounce, group=True))

    def key_escape(self) -> None:
        if self._pending is not None:
            self._pending = None
            self.tick()

    def quit_guard(self) -> bool:
        """Ctrl+Q while the group runs: ask, as `q` does."""
        group = self.run.group
        if not group.started or group.over:
            return False
        if self.app.screen is self:
            self.action_stop()
        return True

    def action_stop(self) -> None:
        from trackapp.ui.dialogs import ConfirmScreen

        group = self.run.group
        if not group.started or group.over:
            self.run.end()
            leave(self)
            return
        pressed = self.run.clock()  # the stop counts at q, not when the dialog is answered

        def decided(stop: bool | None) -> None:
            if stop:
                self.tick(self.run.stop(pressed))

        self.app.push_screen(
            ConfirmScreen(
                "Stop the group's session?",
                "What everyone ran so far is saved, marked as stopped.",
                yes="Stop (y)",
                no="Keep running (n)",
            ),
            decided,
        )
