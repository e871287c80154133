"""What the run screen shows, as pure functions of the engine's view.

Kept apart from the screen so the wording and the timing of repaints can be read,
and tested, without a running app. `segment_brief` holds the workout's own label:
the screen shows it literally (`trackapp.ui.literal`), never as markup.
"""

from __future__ import annotations

import asyncio
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from textual import events
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static

from trackapp.domain import format as fmt
from trackapp.domain.engine import EngineView, Phase, RepResult, Status
from trackapp.domain.plan import Segment
from trackapp.domain.text import clip, printable
from trackapp.domain.units import (
    format_clock,
    format_delta,
    format_distance,
    format_seconds,
)
from trackapp.domain.workout import StepKind
from trackapp.services import Cancellable, CueOutput
from trackapp.ui.literal import LABEL_CHARS, literal, say

TENTH = 0.1  # a rep's clock shows tenths: the fastest the screen ever changes
MAX_IDLE_REPAINT = 1.0  # the session clock and the status line change every second
RECENT_REPS = 5
NOTE_CHARS = 300  # the workout's notes and a step's cue: a few lines at most
BANNER_SECONDS = 4.0  # a split's or a rep's result stays in the big digits this long
SLOWER, FASTER = "▲", "▼"


PHASE_CLASSES = {phase: f"phase-{phase.name.lower()}" for phase in Phase}


def phase_classes(phase: Phase, overtime: bool = False) -> dict[str, bool]:
    """A run screen's classes for the phase, which colour the whole screen: one on, the
    others off (and `overtime`'s red over a run). A screen is built with them already
    set, so its first paint does not restyle every widget on it once more."""
    classes = {css_class: phase is p for p, css_class in PHASE_CLASSES.items()}
    classes["overtime"] = overtime and phase is Phase.RUN
    return classes


@dataclass(frozen=True, slots=True)
class Banner:
    """A result shown in the big digits for BANNER_SECONDS after the press that made it.

    Computed from the engine's records at one instant (`banner`), never by counting ticks.
    """

    caption: str  # "Lap 2", "mile #2": what the figure is
    time: float  # the lap's or the rep's own time
    diff: str  # "+0.8", "-1.2", "±0.0"; "" with no target
    left: float  # seconds the banner has left

    @property
    def words(self) -> str:
        """The line under the digits: what the figure is and which way the difference goes."""
        return f"{self.caption} {fmt.time(self.time)}" + (
            f" · {diff_words(self.diff)}" if self.diff else ""
        )


def diff_mark(diff: str) -> str:
    """`▲ +0.8` slower, `▼ -1.2` faster: the direction readable without colour."""
    if diff.startswith("+"):
        return f"{SLOWER} {diff}"
    if diff.startswith("-"):
        return f"{FASTER} {diff}"
    return diff


def diff_words(diff: str) -> str:
    if diff.startswith("+"):
        return f"{SLOWER} {diff} slower"
    if diff.startswith("-"):
        return f"{FASTER} {diff} faster"
    return f"{diff} on target"


def banner(view: EngineView) -> Banner | None:
    """The latest split's or rep's result while it is under BANNER_SECONDS old, else None.

    A split's age is the segment's elapsed time less its laps (the last split's instant);
    a rep's is the session time since it ended. Both come from the engine's view.
    """
    if view.status not in (Status.RUNNING, Status.WAITING, Status.DONE):
        return None
    found: Banner | None = None
    seg = view.segment
    if view.status is Status.RUNNING and view.laps and seg is not None:
        age = view.elapsed - sum(view.laps)
        if 0 <= age < BANNER_SECONDS:
            delta = view.lap_deltas[-1] if view.lap_deltas else None
            diff = format_delta(delta) if delta is not None else ""
            found = Banner(f"Lap {len(view.laps)}", view.laps[-1], diff, BANNER_SECONDS - age)
    if view.recent:
        rep = view.recent[-1]
        if rep.end is not None and rep.ended_by == "press":
            age = view.session_elapsed - rep.end
            if 0 <= age < BANNER_SECONDS and (found is None or BANNER_SECONDS - age < found.left):
                name = printable(clip(fmt.rep_name(rep.segment), LABEL_CHARS))
                diff = fmt.shown_target_diff(rep.time, rep.segment.target)
                diff = "" if diff == fmt.NONE else diff
                found = Banner(name, rep.time, diff, BANNER_SECONDS - age)
    return found


def clock_text(seconds: float, counting_down: bool) -> str:
    """A rep counts up in tenths, to the nearest like every time (`format.time`); a
    countdown shows whole seconds, rounded up, so it reads 0:00 only when it is over."""
    if counting_down:
        return format_clock(math.ceil(seconds - 1e-6))
    return format_clock(seconds, tenths=True)


def next_change(view: EngineView) -> float:
    """Seconds until what the screen shows next changes (the clock or the session time)."""
    if view.status is not Status.RUNNING:
        return MAX_IDLE_REPAINT
    if view.counting_down and view.remaining is not None:
        delay = view.remaining - math.floor(view.remaining)
        if delay < 0.002:  # right on a whole second: the next change is a second away
            delay += 1.0
    else:  # shown to the nearest tenth: the digit changes half a tenth before each tenth
        delay = TENTH - ((view.elapsed + TENTH / 2) % TENTH)
    session = 1.0 - (view.session_elapsed % 1.0)
    # land just after the change, never just before it
    return min(delay, session, MAX_IDLE_REPAINT) + 0.002


def clock_template(view: EngineView) -> str:
    """The widest text this segment can show, so the digits keep their size."""
    seg = view.segment
    longest = max(
        view.clock,
        seg.duration or 0.0 if seg else 0.0,
        (seg.target[1] * 1.5) if seg and seg.target else 0.0,
    )
    if view.counting_down or (seg is not None and seg.duration and not view.elapsed):
        return "0:00:00" if longest >= 3600 else "00:00" if longest >= 600 else "0:00"
    if longest >= 3600:
        return "0:00:00.0"
    if longest >= 600:
        return "00:00.0"
    return "0:00.0"


def counters_text(seg: Segment | None) -> str:
    if seg is None:
        return ""
    parts = []
    if seg.reps > 1 or seg.kind is StepKind.RUN:
        parts.append(f"Rep {seg.rep}/{seg.reps}")
    if seg.sets > 1:
        parts.append(f"Set {seg.set}/{seg.sets}")
    parts.append(f"Step {seg.step}")
    return " · ".join(parts)


def target_text(seg: Segment, unit: str) -> str:
    """`Target 1:28–1:31.5 (3:40-3:49/km)`, `Pace 3:45/km` (`format.target_text`)."""
    return fmt.target_text(seg.target, seg.distance, seg.pace, unit)


def label_text(seg: Segment) -> str:
    """The step's label as the run screen shows it: cut to LABEL_CHARS, so a long one
    cannot push the clock's neighbours off the screen."""
    return clip(seg.label, LABEL_CHARS)


def segment_brief(seg: Segment) -> str:
    """`400 #3 of 8`, `mile`, `Rest 90 s`, `Warm-up 15 min`: a rep by its name, as review
    names it (`format.rep_name`)."""
    label = label_text(seg)
    if seg.kind is StepKind.RUN:
        name = clip(fmt.rep_name(seg), LABEL_CHARS + 12)
        return f"{name} of {seg.reps}" if seg.reps > 1 and not seg.ladder else name
    if seg.duration is not None:
        return f"{label} {format_seconds(seg.duration)}"
    if seg.distance is not None:
        return f"{label} {format_distance(seg.distance)}"
    if seg.every is not None:
        return f"{label} (rest of the {format_seconds(seg.every)} cycle)"
    return f"{label} (open)"


def laps_text(view: EngineView) -> str:
    if not view.laps:
        return ""
    cells = []
    for i, (lap, delta) in enumerate(zip(view.laps, view.lap_deltas, strict=True), start=1):
        cell = f"Lap {i} {format_clock(lap, tenths=True)}"
        if delta is not None:
            cell += f" [b]{diff_mark(format_delta(delta))}[/b]"
        cells.append(cell)
    return "   ".join(cells)


def recent_text(view: EngineView) -> Content:
    """The last reps, one a line; the label is the workout's, so it is never markup."""
    if not view.recent:
        return Content.styled("Finished reps show here", "dim")
    lines = []
    for rep in view.recent[-RECENT_REPS:]:
        seg = rep.segment
        name = printable(clip(fmt.rep_name(seg), LABEL_CHARS))  # "400 #3", as in review
        line = Content(f"{name:<14} {fmt.time(rep.time):>8}")
        if rep.ended_by == "skip":
            line = Content.assemble(line, "  ", ("skipped", "dim"))
        elif rep.delta is not None:
            shown = fmt.shown_target_diff(rep.time, seg.target)
            # the phase's own colour (readable on every phase): the symbol says which way
            line = Content.assemble(line, "  ", (diff_mark(shown), "b"))
        lines.append(line)
    return Content("\n").join(lines)


class RecentText:
    """`recent_text`, built again only when the reps it lists changed: they change at the
    end of a rep, and the list is the dearest text to build, a line per rep."""

    def __init__(self) -> None:
        self._reps: tuple[RepResult, ...] | None = None
        self._text = Content("")

    def __call__(self, view: EngineView) -> Content:
        reps = view.recent[-RECENT_REPS:]
        if reps != self._reps:  # the same results (equal, field by field): the same lines
            self._reps = reps
            self._text = recent_text(view)
        return self._text


class LiveTexts:
    """A live screen's Statics by id, each updated only when its text or styles changed
    (redraw only what changes), with a layout pass only when its shape changed: a new
    line count, or a new length in one of `resizes` (sized to its content, or wrapping).

    Content, never a markup string: the workout's labels, cues and names are in it."""

    def __init__(self, statics: Mapping[str, Static], resizes: frozenset[str] = frozenset()):
        self._statics = dict(statics)
        self._resizes = resizes
        self._shown: dict[str, Content] = {}

    def set(self, widget_id: str, text: Content) -> None:
        old = self._shown.get(widget_id)
        if old is not None and old.plain == text.plain and old.spans == text.spans:
            return
        self._shown[widget_id] = text
        layout = (
            old is None
            or old.plain.count("\n") != text.plain.count("\n")
            or (widget_id in self._resizes and len(old) != len(text))
        )
        self._statics[widget_id].update(text, layout=layout)


class FrameTimer:
    """What a live screen's repaints are timed by: the event loop's own timer.

    A `TimerOwner` (`Services.ticker` arms it, as it arms the screen's Textual timers):
    Textual's `set_timer` makes a timer task, an event and two callback messages per
    timer, and looks the callback's signature up twice, a fifth of the run screen's CPU
    at ten repaints a second. This calls the callback straight from the loop, in the
    context it was armed in (the screen's), and not once the screen has stopped; an
    error in it goes to the app, as a Textual timer's does."""

    def __init__(self, screen: Screen[None]) -> None:
        self._screen = screen

    @property
    def is_running(self) -> bool:
        """Whether the screen still runs (a test's ticker asks, as of a screen)."""
        return self._screen.is_running

    def set_timer(self, delay: float, callback: Callable[[], object]) -> Cancellable:
        loop = asyncio.get_running_loop()
        return _LoopTimer(loop.call_later(delay, self._fire, callback))

    def _fire(self, callback: Callable[[], object]) -> None:
        screen = self._screen
        if not screen.is_running or screen.app._exit:  # as a Textual timer: not once exiting
            return
        try:
            callback()
        except Exception as error:  # as Textual's timers: the app shows it and exits
            screen.app._handle_exception(error)


class _LoopTimer:
    def __init__(self, handle: asyncio.TimerHandle) -> None:
        self._handle = handle

    def stop(self) -> None:
        self._handle.cancel()


class SaveWatch:
    """Says once, in a toast, when a session's file stops being saved (and again if it
    fails anew after a success); `error` is the store's last error, for the header."""

    def __init__(self) -> None:
        self.error: str | None = None

    def update(self, node: Widget, error: str | None) -> None:
        if error == self.error:
            return
        self.error = error
        if error:
            say(
                node,
                f"{error}. Timing carries on; every split is kept and saving is retried.",
                title="Session not saved",
                severity="error",
                timeout=8,
            )


def status_text(audio: CueOutput, save_error: str | None) -> Content:
    """The header's right end: the sound, muted or not, and whether all is on disk."""
    parts = [audio.status, *(["muted"] if audio.muted else [])]
    parts.append("⚠ not saved" if save_error else "saved")
    return literal(" · ".join(parts))


async def run_bound_key(screen: Screen[None], event: events.Key) -> bool:
    """Run the screen's own binding for this key now, from its key handler.

    Textual runs a screen's (non-priority) bindings only once the key has bubbled back
    up to the app, later than keys the screen takes in `on_key` (a split, with the key's
    own timestamp). In a burst, `n` then Space reached the engine as Space then `n`:
    the press counted in the warm-up and the rep never started. Taking every key of the
    run screens here, one after another as they came, keeps their order."""
    active = screen.active_bindings.get(event.key)
    if active is None or active.node is not screen:
        return False
    event.prevent_default()
    event.stop()
    await screen.run_action(active.binding.action)
    return True
