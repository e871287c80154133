"""Coach mode: one clock for a group, a split key per athlete.

Like the solo engine (`engine.py`), the group keeps only the inputs (the group's
Space presses, each athlete's key presses, outs and skips, in session time) and
the pauses; everything it reports is a function of those inputs and the clock,
and undo is a replay without the undone input. Nothing here counts ticks.

The group walks one plan's shape; each athlete's segments carry their own plan's
targets (their own paces). Warm-up, rests and cool-down are the group's: a rest
starts when the last athlete still running finishes, so everyone gets at least
the rest, and an athlete who finished earlier rests from their own finish (their
file says so). A rep starts for the whole group at once.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal

from trackapp.domain import format as fmt
from trackapp.domain.cues import Cue, CueKind
from trackapp.domain.engine import (
    COUNTDOWN_SECONDS,
    DEFAULT_DEBOUNCE,
    PHASE_OF_KIND,
    Phase,
    SegmentRun,
    Status,
)
from trackapp.domain.plan import Plan, Segment
from trackapp.domain.session import PauseRecord, SegmentRecord
from trackapp.domain.session_clock import SessionClock
from trackapp.domain.workout import StepKind

# Input kinds (the group's own log, `GroupInput.kind`)
START = "start"  # Space: starts the session, a waiting rep, or the next rep early
SPLIT = "split"  # an athlete's key
OUT_REP = "out_rep"  # an athlete out for the rest of this rep
OUT_SESSION = "out_session"  # an athlete out for the rest of the session
SKIP = "skip"  # the whole group's current step skipped
INPUT_KINDS = (START, SPLIT, OUT_REP, OUT_SESSION, SKIP)

Ending = Literal["press", "timer", "skip", "stop"]  # SESSION_FORMAT's ended_by
FileStatus = Literal["in_progress", "completed", "stopped"]


class GroupPlanError(ValueError):
    """The athletes' plans do not have the same shape (they must be one workout)."""


@dataclass(frozen=True, slots=True)
class GroupAthlete:
    """One athlete as the group run needs them: the plan carries their own targets."""

    name: str
    key: str
    plan: Plan


@dataclass(frozen=True, slots=True)
class GroupInput:
    kind: str
    at: float  # session seconds
    key: str | None = None  # the athlete's, for SPLIT and the outs

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {"kind": self.kind, "at": round(self.at, 3)}
        if self.key is not None:
            out["key"] = self.key
        return out

    @classmethod
    def from_dict(cls, data: object) -> GroupInput | None:
        """One saved input, or None when it is not one (an untrusted file)."""
        if not isinstance(data, dict):
            return None
        kind, at, key = data.get("kind"), data.get("at"), data.get("key")
        if kind not in INPUT_KINDS or isinstance(at, bool) or not isinstance(at, int | float):
            return None
        if not 0 <= at < 1e8:
            return None
        if key is not None and not isinstance(key, str):
            return None
        return cls(str(kind), float(at), key)


class SplitAction(StrEnum):
    SPLIT = "split"  # a lap split inside the athlete's rep
    END = "end"  # the athlete's last split point: their rep is done
    MARKER = "marker"  # a key in a timed rep
    IGNORED = "ignored"  # too soon after that athlete's last key
    NONE = "none"  # nothing to split: the athlete is not running


@dataclass(frozen=True, slots=True)
class SplitOutcome:
    action: SplitAction
    key: str
    segment: Segment | None = None
    lap: float | None = None  # the lap's own time
    rep_time: float | None = None  # the rep's time so far (the whole rep's at END)
    diff: float | None = None  # against the athlete's own target (+ slower)


class StartAction(StrEnum):
    START_SESSION = "start_session"
    START = "start"  # a waiting rep, or the next rep early (a rest cut short)
    ENDED = "ended"  # an untimed step (open warm-up) ended at the press
    MARKER = "marker"  # a press in a timed warm-up or cool-down
    RESUME = "resume"
    IGNORED = "ignored"  # too soon after the last Space
    RUNNING = "running"  # athletes are running: their own keys take their splits
    NONE = "none"


class AthleteState(StrEnum):
    READY = "ready"  # before the session starts
    WAITING = "waiting"  # at the line
    RUNNING = "running"
    FINISHED = "finished"  # their rep is done, others still run
    RESTING = "resting"  # in a group warm-up, rest or cool-down
    OUT_REP = "out for the rep"
    OUT = "out"  # for the session
    DONE = "done"


@dataclass(slots=True)
class _Athlete:
    name: str
    key: str
    plan: Plan
    runs: list[SegmentRun] = field(default_factory=list)
    out_rep: bool = False  # out of the rep the group is running
    out_at: float | None = None  # out for the session at this session time

    @property
    def current(self) -> SegmentRun | None:
        if self.runs and self.runs[-1].end is None:
            return self.runs[-1]
        return None

    def begin(self, index: int, at: float) -> None:
        if self.out_at is None and index < len(self.plan.segments):
            self.runs.append(SegmentRun(self.plan.segments[index], at))

    def end(self, at: float, ended_by: Ending) -> None:
        run = self.current
        if run is not None:
            run.end = at
            run.ended_by = ended_by


@dataclass(slots=True)
class _Replay:
    """The group's state that the inputs up to `now` lead to."""

    plan: Plan  # the shape (the first athlete's plan)
    athletes: dict[str, _Athlete]
    started: bool = False
    index: int | None = None  # the group's segment (running, or a run waiting)
    start: float = 0.0  # the group's start of it
    rep_start: float = 0.0  # the group's start of the last run (a send-off's base)
    waiting: bool = False
    finished: bool = False
    now: float = 0.0

    @property
    def at_the_line(self) -> bool:
        return self.waiting

    @property
    def segment(self) -> Segment | None:
        if self.index is None or self.finished:
            return None
        return self.plan.segments[self.index]

    def active(self) -> list[_Athlete]:
        return [a for a in self.athletes.values() if a.out_at is None]

    def end_instant(self) -> float | None:
        seg = self.segment
        if seg is None or self.waiting:
            return None
        if seg.duration is not None:
            return self.start + seg.duration
        if seg.every is not None:
            return max(self.rep_start + seg.every, self.start)
        return None

    def advance(self, now: float) -> None:
        """Let timed steps run out up to `now`."""
        while not self.finished and (end := self.end_instant()) is not None and end <= now:
            self.finish_group(end, "timer")
        self.now = max(self.now, now)

    def finish_group(self, at: float, ended_by: Ending) -> None:
        """End the group's step at `at` (each athlete's open segment with it) and go on."""
        seg = self.segment
        assert seg is not None and self.index is not None
        for athlete in self.active():
            run = athlete.current
            if run is not None and run.segment.index == seg.index:
                athlete.end(at, ended_by)
        auto = seg.kind is StepKind.REST and ended_by in ("timer", "press")
        self.begin(self.index + 1, at, auto)

    def begin(self, index: int, at: float, auto: bool) -> None:
        """The group moves to segment `index` at `at`; athletes with nothing open join it."""
        segments = self.plan.segments
        self.index = index
        self.waiting = False
        if index >= len(segments) or not self.active():
            self.finished = True
            return
        seg = segments[index]
        if seg.kind is StepKind.RUN and not auto:
            self.waiting = True
            return
        self.start = at
        if seg.kind is StepKind.RUN:
            self.rep_start = at
        for athlete in self.active():
            athlete.out_rep = False
            if athlete.current is None:
                athlete.begin(index, at)

    def start_run(self, at: float) -> None:
        assert self.index is not None
        self.waiting = False
        self.start = self.rep_start = at
        for athlete in self.active():
            athlete.out_rep = False
            athlete.begin(self.index, at)

    def athlete_done(self, athlete: _Athlete, at: float) -> None:
        """After an athlete's rep ends: they begin what follows on their own, unless it is
        a run (they wait at the line); the group moves on when nobody runs any more."""
        seg = self.segment
        assert seg is not None and self.index is not None
        nxt = self.index + 1
        if nxt < len(self.plan.segments) and self.plan.segments[nxt].kind is not StepKind.RUN:
            athlete.begin(nxt, at)
        self.check_run_over(at)

    def check_run_over(self, at: float) -> None:
        seg = self.segment
        if seg is None or seg.kind is not StepKind.RUN or self.waiting or seg.is_timed:
            return
        still = [
            a
            for a in self.active()
            if (run := a.current) is not None and run.segment.index == seg.index
        ]
        if still:
            return
        assert self.index is not None
        self.begin(self.index + 1, at, auto=False)

    # -- inputs, replayed ---------------------------------------------------
    def apply(self, event: GroupInput) -> object:
        self.advance(event.at)
        if event.kind == START:
            return self.press(event.at)
        if event.kind == SKIP:
            return self.skip(event.at)
        athlete = self.athletes.get(event.key or "")
        if athlete is None:
            return None
        if event.kind == SPLIT:
            return self.split(athlete, event.at)
        if event.kind == OUT_REP:
            return self.out_rep(athlete, event.at)
        return self.out_session(athlete, event.at)

    def press(self, at: float) -> StartAction:
        if not self.started:
            self.started = True
            self.begin(0, at, auto=True)
            return StartAction.START_SESSION
        seg = self.segment
        if seg is None:
            return StartAction.NONE
        if self.waiting:
            self.start_run(at)
            return StartAction.START
        if seg.kind is StepKind.RUN:
            if seg.is_timed:
                for athlete in self.active():
                    if (run := athlete.current) is not None:
                        run.markers.append(at)
                return StartAction.MARKER
            return StartAction.RUNNING
        if seg.kind is StepKind.REST or not seg.is_timed:
            self.finish_group(at, "press")
            began = self.segment
            if began is not None and not self.waiting and began.kind is StepKind.RUN:
                return StartAction.START
            return StartAction.ENDED
        for athlete in self.active():
            if (run := athlete.current) is not None:
                run.markers.append(at)
        return StartAction.MARKER

    def skip(self, at: float) -> Segment | None:
        seg = self.segment
        if not self.started or seg is None or self.index is None:
            return None
        if self.waiting:
            self.begin(self.index + 1, at, auto=False)
            return seg
        for athlete in self.active():
            run = athlete.current
            # only the group's step: an athlete who finished the rep rests on, in the
            # rest the skip moves the group to (ending it too made a second one of it)
            if run is not None and run.segment.index == seg.index:
                athlete.end(at, "skip")
        self.begin(self.index + 1, at, auto=False)
        return seg

    def split(self, athlete: _Athlete, at: float) -> SplitOutcome:
        key = athlete.key
        run = athlete.current
        seg = self.segment
        if (
            run is None
            or seg is None
            or self.waiting
            or athlete.out_at is not None
            or run.segment.kind is not StepKind.RUN
            or run.segment.index != seg.index
        ):
            return SplitOutcome(SplitAction.NONE, key)
        own = run.segment
        if own.is_timed:
            run.markers.append(at)
            return SplitOutcome(SplitAction.MARKER, key, own, rep_time=at - run.start)
        lap_start = run.splits[-1] if run.splits else run.start
        run.splits.append(at)
        i = len(run.splits) - 1
        if len(run.splits) >= own.presses_to_end:
            athlete.end(at, "press")
            diff = fmt.target_diff(at - run.start, own.target) if own.target else None
            self.athlete_done(athlete, at)
            return SplitOutcome(SplitAction.END, key, own, at - lap_start, at - run.start, diff)
        return SplitOutcome(
            SplitAction.SPLIT, key, own, at - lap_start, at - run.start, split_delta(run, i)
        )

    def out_rep(self, athlete: _Athlete, at: float) -> bool:
        run = athlete.current
        seg = self.segment
        if (
            run is None
            or seg is None
            or athlete.out_at is not None
            or run.segment.kind is not StepKind.RUN
            or run.segment.index != seg.index
        ):
            return False
        athlete.end(at, "skip")
        athlete.out_rep = True
        self.athlete_done(athlete, at)
        return True

    def out_session(self, athlete: _Athlete, at: float) -> bool:
        if athlete.out_at is not None or not self.started or self.finished:
            return False
        athlete.end(at, "stop")
        athlete.out_at = at
        if not self.active():
            self.finished = True
        else:
            self.check_run_over(at)
        return True


def split_delta(run: SegmentRun, i: int) -> float | None:
    """At split i, the time so far against the target's middle pace over that distance."""
    seg = run.segment
    if seg.target is None or not seg.splits or seg.distance is None or i >= len(run.splits):
        return None
    if i == len(seg.splits) - 1:
        return fmt.target_diff(run.splits[i] - run.start, seg.target)
    target_mid = (seg.target[0] + seg.target[1]) / 2
    return (run.splits[i] - run.start) - target_mid * seg.splits[i] / seg.distance


@dataclass(frozen=True, slots=True)
class AthleteRow:
    """One athlete's line under the clock."""

    name: str
    key: str
    state: AthleteState
    segment: Segment | None  # their own current or last run segment (their targets)
    rep_time: float | None  # the rep running, or the one they just finished
    last_lap: float | None  # the last split's own time
    last_diff: float | None  # that split against their own target (+ slower)
    last_was_end: bool  # the last split ended the rep (its diff is the rep's)
    reps_done: int
    over: bool  # past their target's high end (running, or the rep just finished)
    overtime: float | None


@dataclass(frozen=True, slots=True)
class GroupView:
    """Everything the group screen shows, computed at one instant."""

    status: Status
    phase: Phase
    segment: Segment | None  # the group's step (running, or a run waiting)
    next_segment: Segment | None
    clock: float  # since the group started the rep / the step, or its countdown
    counting_down: bool
    remaining: float | None
    countdown: int | None  # 3, 2, 1 before a rep starts by itself
    auto_start_in: float | None
    rows: tuple[AthleteRow, ...]
    running: int  # athletes still running the rep
    reps_done: int  # the group's run segments ended
    reps_total: int
    session_elapsed: float
    paused: bool


@dataclass(frozen=True, slots=True)
class Undone:
    """What an undo took back, to say so."""

    kind: str
    key: str | None
    name: str | None


class GroupRun(SessionClock[_Replay, GroupInput]):
    """The state machine of one group session."""

    def __init__(
        self,
        athletes: Sequence[GroupAthlete],
        clock: Callable[[], float],
        debounce: float = DEFAULT_DEBOUNCE,
    ) -> None:
        if not athletes:
            raise GroupPlanError("a group needs at least one athlete")
        keys = [a.key for a in athletes]
        if len(set(keys)) != len(keys):
            raise GroupPlanError("two athletes share a key")
        shape = _shape(athletes[0].plan)
        for a in athletes[1:]:
            if _shape(a.plan) != shape:
                raise GroupPlanError(f"{a.name}'s plan is not the same workout's")
        super().__init__(clock)
        self.athletes = tuple(athletes)
        self.plan = athletes[0].plan
        self.debounce = debounce
        self.last_start: float | None = None  # clock instant of the last accepted Space
        self.last_key: dict[str, float] = {}  # clock instant of each athlete's last split
        self.last_ignored: tuple[str | None, float] | None = None  # whose, clock instant
        self._state = self._fresh()

    def name_of(self, key: str | None) -> str | None:
        for a in self.athletes:
            if a.key == key:
                return a.name
        return None

    def _fresh(self) -> _Replay:
        return _Replay(self.plan, {a.key: _Athlete(a.name, a.key, a.plan) for a in self.athletes})

    def _replay(self, events: Sequence[GroupInput], now: float) -> _Replay:
        st = self._fresh()
        for event in events:
            st.apply(event)
        st.advance(max(now, st.now))
        return st

    def state(self, now: float | None = None) -> _Replay:
        t = self.session_time(now)
        st = self._state
        before = (st.index, st.waiting, st.finished)
        if self.stopped_at is None:
            st.advance(t)
        if (st.index, st.waiting, st.finished) != before:
            self.version += 1
        return st

    def advance(self, now: float | None = None) -> bool:
        before = self.version
        self.state(now)
        return self.version != before

    def _end_running(self, state: _Replay, at: float) -> None:
        if not state.finished:
            for athlete in state.active():
                athlete.end(at, "stop")

    # -- inputs --------------------------------------------------------------
    def _input(
        self, kind: str, instant: float, key: str | None = None
    ) -> tuple[GroupInput, object]:
        """Apply one input at clock instant `instant`, in order, replaying if the state ran
        on past it (a rest ran out after the key was pressed)."""
        if self.origin is None:
            self.origin = instant
        t = self.session_time(instant)
        if self.events:
            t = max(t, self.events[-1].at)
        if t < self._state.now:
            self._state = self._replay(self.events, t)
        self._state.advance(t)
        event = GroupInput(kind, t, key)
        outcome = self._state.apply(event)
        return event, outcome

    def start(self, at: float | None = None) -> StartAction:
        """Space (or the clicker): starts the session, a waiting rep, or the next rep early."""
        instant = self.clock() if at is None else at
        if self.stopped_at is not None:
            return StartAction.NONE
        if self.paused:
            self.resume(instant)
            return StartAction.RESUME
        if self.last_start is not None and instant - self.last_start < self.debounce:
            self.last_ignored = (None, instant)
            return StartAction.IGNORED
        if self.origin is not None and self.state(instant).finished:
            return StartAction.NONE
        event, outcome = self._input(START, instant)
        assert isinstance(outcome, StartAction)
        if outcome not in (StartAction.NONE, StartAction.RUNNING):
            self.events.append(event)
            self.last_start = instant
            self.version += 1
        return outcome

    def split(self, key: str, at: float | None = None) -> SplitOutcome:
        """An athlete's key, at the key event's own instant."""
        instant = self.clock() if at is None else at
        if (
            self.stopped_at is not None
            or self.origin is None
            or self.paused
            or key not in self._state.athletes
        ):
            return SplitOutcome(SplitAction.NONE, key)
        last = self.last_key.get(key)
        if last is not None and instant - last < self.debounce:
            self.last_ignored = (key, instant)
            return SplitOutcome(SplitAction.IGNORED, key)
        event, outcome = self._input(SPLIT, instant, key)
        assert isinstance(outcome, SplitOutcome)
        if outcome.action is not SplitAction.NONE:
            self.events.append(event)
            self.last_key[key] = instant
            self.version += 1
        return outcome

    def _out(self, kind: str, key: str, at: float | None) -> bool:
        instant = self.clock() if at is None else at
        if self.stopped_at is not None or self.origin is None or key not in self._state.athletes:
            return False
        event, done = self._input(kind, instant, key)
        if done:
            self.events.append(event)
            self._changed(instant)
        return bool(done)

    def out_for_rep(self, key: str, at: float | None = None) -> bool:
        """The athlete stops this rep (it is kept as skipped); the others run on."""
        return self._out(OUT_REP, key, at)

    def out_for_session(self, key: str, at: float | None = None) -> bool:
        """The athlete is done for the session (their file closes as stopped)."""
        return self._out(OUT_SESSION, key, at)

    def skip(self, at: float | None = None) -> Segment | None:
        """The group's current step ends here (a rep for everyone still running it)."""
        instant = self.clock() if at is None else at
        if self.over or self.paused or self.origin is None:
            return None
        event, skipped = self._input(SKIP, instant)
        if skipped is not None:
            self.events.append(event)
            self.last_key.clear()
            self.version += 1
        assert skipped is None or isinstance(skipped, Segment)
        return skipped

    def _take_back(self, index: int, at: float | None) -> Undone:
        instant = self.clock() if at is None else at
        event = self.events.pop(index)
        self._state = self._replay(self.events, self.session_time(instant))
        if event.key is not None:
            self.last_key.pop(event.key, None)
        else:
            self.last_start = None
        self._changed(instant)
        return Undone(event.kind, event.key, self.name_of(event.key))

    def undo(self, at: float | None = None) -> Undone | None:
        """Take back the last input, whoever's it was (never the session's start)."""
        if self.stopped_at is not None or len(self.events) <= 1:
            return None
        return self._take_back(len(self.events) - 1, at)

    def undo_for(self, key: str, at: float | None = None) -> Undone | None:
        """Take back that athlete's last split (or out)."""
        if self.stopped_at is not None:
            return None
        for i in range(len(self.events) - 1, 0, -1):
            if self.events[i].key == key:
                return self._take_back(i, at)
        return None

    # -- resume ----------------------------------------------------------------
    @classmethod
    def restore(
        cls,
        athletes: Sequence[GroupAthlete],
        events: list[GroupInput],
        elapsed: float,
        clock: Callable[[], float],
        debounce: float = DEFAULT_DEBOUNCE,
        *,
        paused: bool = True,
        pauses: Sequence[PauseRecord] = (),
        paused_for: float = 0.0,
    ) -> GroupRun:
        """Rebuild a group session from its saved inputs at session time `elapsed`, as
        `Engine.restore` does a solo one (the saved pauses carried on)."""
        group = cls(athletes, clock, debounce)
        events = sorted(events, key=lambda e: e.at)
        group._come_back(events, elapsed, paused=paused, pauses=pauses, paused_for=paused_for)
        return group

    # -- reading -------------------------------------------------------------
    def records(self, key: str, now: float | None = None) -> list[SegmentRecord]:
        """One athlete's segments, as their session file stores them."""
        st = self.state(now)
        t = self.stopped_at if self.stopped_at is not None else self.session_time(now)
        return [run.record(t) for run in st.athletes[key].runs]

    def athlete_status(self, key: str) -> FileStatus:
        """`in_progress`, `completed` or `stopped`: the athlete's session file's status."""
        st = self.state()
        athlete = st.athletes[key]
        if athlete.out_at is not None or self.stopped_at is not None:
            return "stopped"
        return "completed" if st.finished else "in_progress"

    def athlete_end(self, key: str) -> float | None:
        """Session time the athlete's session ended (None while it runs)."""
        st = self.state()
        athlete = st.athletes[key]
        if athlete.out_at is not None:
            return athlete.out_at
        if self.stopped_at is not None:
            return self.stopped_at
        if st.finished:
            ends = [r.end for r in athlete.runs if r.end is not None]
            return max(ends) if ends else 0.0
        return None

    def athlete_inputs(self, key: str) -> list[tuple[str, float]]:
        """The athlete's inputs as a solo session file keeps them: every Space that acted
        for them (the start, a rep started) and their own keys as presses; an out as a skip."""
        out: list[tuple[str, float]] = []
        for e in self.events:
            if e.key is None:
                out.append(("press" if e.kind == START else "skip", e.at))
            elif e.key == key:
                out.append(("press" if e.kind == SPLIT else "skip", e.at))
        return out

    def signature(self, key: str) -> tuple[object, ...]:
        """Changes whenever the athlete's file would change other than by the clock running."""
        st = self.state()
        athlete = st.athletes[key]
        return (
            tuple(
                (r.start, len(r.splits), len(r.markers), r.end, r.ended_by) for r in athlete.runs
            ),
            athlete.out_at,
            self.athlete_status(key),
            self.paused,
            sum(1 for e in self.events if e.key is None),
        )

    def view(self, now: float | None = None) -> GroupView:
        instant = self.clock() if now is None else now
        st = self.state(instant)
        t = self.session_time(instant)
        status = self._status(st)
        live = status not in (Status.DONE, Status.STOPPED)
        seg = st.segment if live else None
        if status is Status.READY:
            seg = self.plan.segments[0]
        remaining = None
        end = st.end_instant() if live and status is not Status.READY else None
        if end is not None:
            remaining = max(end - t, 0.0)
        elapsed = t - st.start if live and st.started and not st.waiting else 0.0
        auto_start_in = countdown = None
        if (
            remaining is not None
            and seg is not None
            and seg.kind is StepKind.REST
            and st.index is not None
            and st.index + 1 < len(self.plan.segments)
            and self.plan.segments[st.index + 1].kind is StepKind.RUN
        ):
            auto_start_in = remaining
            if 0 < remaining <= COUNTDOWN_SECONDS:
                countdown = int(remaining - 1e-9) + 1
        if status is Status.PAUSED:
            phase = Phase.PAUSED
        elif not live:
            phase = Phase.DONE
        elif status in (Status.READY, Status.WAITING) or seg is None:
            phase = Phase.READY
        else:
            phase = PHASE_OF_KIND[seg.kind]
        next_index = 1 if status is Status.READY else (seg.index + 1 if seg is not None else None)
        next_segment = (
            self.plan.segments[next_index]
            if next_index is not None and next_index < len(self.plan.segments)
            else None
        )
        rows = tuple(self._row(st, a, t, status) for a in self.athletes)
        running = sum(1 for r in rows if r.state is AthleteState.RUNNING)
        reps_done = sum(1 for s in self.plan.segments[: st.index or 0] if s.kind is StepKind.RUN)
        return GroupView(
            status=status,
            phase=phase,
            segment=seg,
            next_segment=next_segment,
            clock=remaining if remaining is not None else elapsed,
            counting_down=remaining is not None,
            remaining=remaining,
            countdown=countdown,
            auto_start_in=auto_start_in,
            rows=rows,
            running=running,
            reps_done=reps_done,
            reps_total=self.plan.run_count(),
            session_elapsed=self.stopped_at if self.stopped_at is not None else t,
            paused=self.paused,
        )

    def _row(self, st: _Replay, a: GroupAthlete, t: float, status: Status) -> AthleteRow:
        athlete = st.athletes[a.key]
        seg = st.segment
        current = athlete.current
        runs = [r for r in athlete.runs if r.segment.kind is StepKind.RUN]
        last_run = runs[-1] if runs else None
        reps_done = sum(1 for r in runs if r.ended_by in ("press", "timer"))
        in_rep = (
            last_run is not None
            and seg is not None
            and seg.kind is StepKind.RUN
            and not st.waiting
            and last_run.segment.index == seg.index
        )
        if athlete.out_at is not None:
            state = AthleteState.OUT
        elif status is Status.READY:
            state = AthleteState.READY
        elif status in (Status.DONE, Status.STOPPED):
            state = AthleteState.DONE
        elif current is not None and current.segment.kind is StepKind.RUN:
            state = AthleteState.RUNNING
        elif in_rep and athlete.out_rep:
            state = AthleteState.OUT_REP
        elif in_rep:
            state = AthleteState.FINISHED
        elif st.waiting:
            state = AthleteState.WAITING
        else:
            state = AthleteState.RESTING
        rep_time = last_lap = last_diff = overtime = None
        last_was_end = False
        own = last_run.segment if last_run is not None else None
        if last_run is not None:
            rep_time = last_run.elapsed(t)
            if last_run.splits:
                points = [last_run.start, *last_run.splits]
                last_lap = points[-1] - points[-2]
                last_was_end = last_run.end is not None and last_run.ended_by == "press"
                last_diff = split_delta(last_run, len(last_run.splits) - 1)
            if own is not None and own.target is not None:
                over = rep_time - own.target[1]
                overtime = over if over > 0 else None
        return AthleteRow(
            name=a.name,
            key=a.key,
            state=state,
            segment=own,
            rep_time=rep_time,
            last_lap=last_lap,
            last_diff=last_diff,
            last_was_end=last_was_end,
            reps_done=reps_done,
            over=overtime is not None and state in (AthleteState.RUNNING, AthleteState.FINISHED),
            overtime=overtime,
        )

    # -- cues ----------------------------------------------------------------
    def upcoming_cues(self, now: float | None = None) -> list[Cue]:
        """The group's cues still to come: 3-2-1-go before a rep that starts by itself, the
        end of a timed step, the end of the workout."""
        instant = self.clock() if now is None else now
        st = self.state(instant)
        if self.paused or self.origin is None or self.stopped_at is not None or st.finished:
            return []
        seg = st.segment
        end = st.end_instant()
        if seg is None or end is None:
            return []
        t = self.session_time(instant)
        prefix = f"group-seg{seg.index}@{st.start:.3f}"
        nxt = seg.index + 1
        cues: list[Cue] = []
        auto = (
            seg.kind is StepKind.REST
            and nxt < len(self.plan.segments)
            and self.plan.segments[nxt].kind is StepKind.RUN
        )
        if auto:
            for n, kind in ((3, CueKind.COUNT_3), (2, CueKind.COUNT_2), (1, CueKind.COUNT_1)):
                due = end - n
                if due > st.start and due > t:
                    cues.append(Cue(kind, self.to_clock(due), key=f"{prefix}:{kind}"))
            cues.append(Cue(CueKind.GO, self.to_clock(end), key=f"{prefix}:go"))
        elif nxt >= len(self.plan.segments):
            cues.append(Cue(CueKind.WORKOUT_DONE, self.to_clock(end), key=f"{prefix}:done"))
        else:
            cues.append(Cue(CueKind.STEP_DONE, self.to_clock(end), key=f"{prefix}:end"))
        return [c for c in cues if c.due >= instant - 0.05]


def _shape(plan: Plan) -> tuple[tuple[object, ...], ...]:
    return tuple(
        (s.kind, s.step, s.set, s.rep, s.distance, s.duration, s.every, s.splits)
        for s in plan.segments
    )
