"""The timing engine: walks the plan, driven by an injected clock.

The engine keeps only the runner's inputs (presses and skips, in session
time) and the pauses (each: the session time it began at, and how long it
lasted). Everything it reports is a function of those inputs and the clock:
timed steps end at their instant whether or not anyone was looking, and undo is
a replay without the undone input. Nothing here counts ticks.

Session time is clock time with the paused time taken out, measured from the
press that starts the session.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from trackapp.domain import format as fmt
from trackapp.domain.cues import Cue, CueKind
from trackapp.domain.plan import Plan, Segment
from trackapp.domain.session import (
    COUNTED_ENDINGS,
    EndedBy,
    Input,
    PauseRecord,
    SegmentKind,
    SegmentRecord,
)
from trackapp.domain.session_clock import SessionClock
from trackapp.domain.session_clock import Status as Status
from trackapp.domain.workout import StepKind

COUNTDOWN_SECONDS = 3
DEFAULT_DEBOUNCE = 1.0


class Phase(StrEnum):
    """What the screen colours by."""

    READY = "READY"
    WARMUP = "WARM-UP"
    RUN = "RUN"
    REST = "REST"
    COOLDOWN = "COOL-DOWN"
    PAUSED = "PAUSED"
    DONE = "DONE"


PHASE_OF_KIND = {
    StepKind.WARMUP: Phase.WARMUP,
    StepKind.RUN: Phase.RUN,
    StepKind.REST: Phase.REST,
    StepKind.COOLDOWN: Phase.COOLDOWN,
}


RECORD_KIND: dict[StepKind, SegmentKind] = {
    StepKind.WARMUP: "warmup",
    StepKind.RUN: "run",
    StepKind.REST: "rest",
    StepKind.COOLDOWN: "cooldown",
}


class PressAction(StrEnum):
    START_SESSION = "start_session"
    START = "start"  # started a waiting run
    SPLIT = "split"  # a lap split inside a distance rep
    END = "end"  # the press completed the segment
    MARKER = "marker"  # a press in a timed step
    RESUME = "resume"  # a press while paused resumes
    IGNORED = "ignored"  # too soon after the previous press
    NONE = "none"  # nothing to do (the session is over)


@dataclass(frozen=True, slots=True)
class PressOutcome:
    action: PressAction
    segment: Segment | None = None  # the segment the press acted on
    time: float | None = None  # for SPLIT/END: the lap's own time; for END the segment's time


@dataclass(slots=True)
class SegmentRun:
    """A segment as it was actually run (times in session seconds)."""

    segment: Segment
    start: float
    splits: list[float] = field(default_factory=list)  # session instants of split presses
    markers: list[float] = field(default_factory=list)
    end: float | None = None
    ended_by: EndedBy | None = None

    def elapsed(self, now: float) -> float:
        """Never below zero: a pause that began the instant the segment did comes back a
        rounding error (1e-13 s) before its start."""
        return max((self.end if self.end is not None else now) - self.start, 0.0)

    def laps(self) -> list[float]:
        """Each recorded split's own time."""
        points = [self.start, *self.splits]
        return [b - a for a, b in itertools.pairwise(points)]

    def record(self, now: float) -> SegmentRecord:
        seg = self.segment
        return SegmentRecord(
            kind=RECORD_KIND[seg.kind],
            step=seg.step,
            set=seg.set,
            rep=seg.rep,
            label=seg.label,
            start=self.start,
            time=self.elapsed(now),
            laps=self.laps(),
            ended_by=self.ended_by,
            distance=seg.distance,
            target=seg.target,
            markers=[m - self.start for m in self.markers],
        )


@dataclass(slots=True)
class _Replay:
    """The state that the inputs up to `now` lead to."""

    plan: Plan
    runs: list[SegmentRun] = field(default_factory=list)
    started: bool = False
    waiting: int | None = None  # index of a run waiting for its press
    finished: bool = False
    now: float = 0.0

    @property
    def at_the_line(self) -> bool:
        return self.waiting is not None

    def fork(self) -> _Replay:
        """A copy that can be advanced without touching this one (advancing only ends the
        current run and appends new ones; earlier runs and split lists stay as they are)."""
        runs = list(self.runs)
        if runs and runs[-1].end is None:
            last = runs[-1]
            runs[-1] = SegmentRun(
                last.segment, last.start, last.splits, last.markers, last.end, last.ended_by
            )
        return _Replay(self.plan, runs, self.started, self.waiting, self.finished, self.now)

    @property
    def current(self) -> SegmentRun | None:
        if self.runs and self.runs[-1].end is None:
            return self.runs[-1]
        return None

    def end_instant(self, run: SegmentRun) -> float | None:
        seg = run.segment
        if seg.duration is not None:
            return run.start + seg.duration
        if seg.every is not None:
            rep_start = self.runs[-2].start if len(self.runs) >= 2 else run.start
            return max(rep_start + seg.every, run.start)
        return None

    def advance(self, now: float) -> None:
        """Let timed segments run out up to `now`."""
        while (run := self.current) is not None:
            end = self.end_instant(run)
            if end is None or end > now:
                break
            self.finish(run, end, "timer")
        self.now = max(self.now, now)

    def finish(self, run: SegmentRun, at: float, ended_by: EndedBy) -> None:
        """End `run` at `at` and begin what follows. A rest that runs out starts the next
        rep by itself; so does a jog rest ended by a press (`rest = "200m"` or `"open"`):
        the runner pressed at the line, and the rep starts at that same press. After a
        warm-up (or a skip) the rep still waits for its own press at the line."""
        run.end = at
        run.ended_by = ended_by
        auto = run.segment.kind is StepKind.REST and ended_by in ("timer", "press")
        self.begin(run.segment.index + 1, at, auto)

    def begin(self, index: int, at: float, auto: bool) -> None:
        segments = self.plan.segments
        if index >= len(segments):
            self.finished = True
            self.waiting = None
            return
        seg = segments[index]
        if seg.kind is StepKind.RUN and not auto:
            self.waiting = index
            return
        self.waiting = None
        self.runs.append(SegmentRun(seg, at))

    def press(self, at: float) -> PressOutcome:
        self.advance(at)
        if not self.started:
            self.started = True
            self.begin(0, at, auto=True)
            return PressOutcome(PressAction.START_SESSION, self.plan.segments[0])
        if self.waiting is not None:
            index = self.waiting
            self.waiting = None
            self.runs.append(SegmentRun(self.plan.segments[index], at))
            return PressOutcome(PressAction.START, self.plan.segments[index])
        run = self.current
        if run is None:
            return PressOutcome(PressAction.NONE)
        seg = run.segment
        if seg.is_timed:
            run.markers.append(at)
            return PressOutcome(PressAction.MARKER, seg, at - run.start)
        lap_start = run.splits[-1] if run.splits else run.start
        run.splits.append(at)
        if len(run.splits) >= seg.presses_to_end:
            self.finish(run, at, "press")
            started = self.current
            if seg.kind is StepKind.REST and started is not None and started.start == at:
                # a jog rest ended at the line: the press starts the rep ("go")
                return PressOutcome(PressAction.START, started.segment)
            return PressOutcome(PressAction.END, seg, at - run.start)
        return PressOutcome(PressAction.SPLIT, seg, at - lap_start)

    def skip(self, at: float) -> Segment | None:
        self.advance(at)
        if not self.started:
            return None
        if self.waiting is not None:
            skipped = self.plan.segments[self.waiting]
            self.waiting = None
            self.begin(skipped.index + 1, at, auto=False)
            return skipped
        run = self.current
        if run is None:
            return None
        run.end = at
        run.ended_by = "skip"
        self.begin(run.segment.index + 1, at, auto=False)
        return run.segment


@dataclass(frozen=True, slots=True)
class RepResult:
    """A finished run rep, for the recent-reps list."""

    segment: Segment
    time: float
    ended_by: EndedBy | None
    delta: float | None  # outside the target range (`format.target_diff`); + is slower
    end: float | None = None  # session time the rep ended

    @property
    def done(self) -> bool:
        """Run to its end (as `SegmentRecord.done`): what "reps done" counts."""
        return self.ended_by in COUNTED_ENDINGS


@dataclass(frozen=True, slots=True)
class EngineView:
    """Everything the screen shows, computed at one instant."""

    status: Status
    phase: Phase
    segment: Segment | None  # running, or waiting for its press
    next_segment: Segment | None
    elapsed: float  # in the segment, seconds
    remaining: float | None  # for a timed segment
    counting_down: bool
    clock: float  # the big number: remaining when counting down, else elapsed
    overtime: float | None  # seconds past the target's high end
    laps: tuple[float, ...]  # the current segment's own lap times
    lap_deltas: tuple[float | None, ...]  # per split, against target pace so far (+ behind)
    next_split: float | None  # metres at which the next press splits
    splits_left: int
    countdown: int | None  # 3, 2, 1 before an auto-start
    markers: int
    recent: tuple[RepResult, ...]  # finished run reps, oldest first
    reps_done: int  # run to their end (skipped and stopped ones are not)
    segments_done: int
    segments_total: int
    run_distance_done: float
    run_distance_total: float
    session_elapsed: float
    paused: bool
    auto_start_in: float | None  # seconds until a run starts by itself


class Engine(SessionClock[_Replay, Input]):
    """The state machine of one session."""

    def __init__(
        self,
        plan: Plan,
        clock: Callable[[], float],
        debounce: float = DEFAULT_DEBOUNCE,
    ) -> None:
        super().__init__(clock)
        self.plan = plan
        self.debounce = debounce
        self.last_press: float | None = None  # clock instant of the last accepted press
        self.last_ignored: float | None = None
        self._state = _Replay(plan)

    def advance(self, now: float | None = None) -> bool:
        """Let timed segments run out up to `now`, in the engine itself; True when that
        changed what belongs in the session file (the version then bumps). The one
        mutation that is not an input: the run calls it on every tick."""
        if self.stopped_at is not None:
            return False
        st = self._state
        before = (len(st.runs), st.finished, st.waiting)
        st.advance(self.session_time(now))
        if (len(st.runs), st.finished, st.waiting) != before:
            self.version += 1
            return True
        return False

    def state(self, now: float | None = None) -> _Replay:
        """The state at `now`, read without changing the engine: when a timed segment ran
        out since the last input or `advance`, a copy is advanced instead."""
        st = self._state
        if self.stopped_at is not None:
            return st
        t = self.session_time(now)
        run = st.current
        if run is None:
            return st
        end = st.end_instant(run)
        if end is None or end > t:
            return st
        ahead = st.fork()
        ahead.advance(t)
        return ahead

    # -- inputs ----------------------------------------------------------
    def press(self, at: float | None = None) -> PressOutcome:
        """The one big key. `at` is the clock instant the key was pressed.

        The press counts at that instant even when the handler runs later: if a
        refresh already let the state run on past it, the inputs are replayed up
        to the key's instant first.
        """
        instant = self.clock() if at is None else at
        if self.stopped_at is not None:
            return PressOutcome(PressAction.NONE)
        if self.paused:
            self.resume(instant)
            return PressOutcome(PressAction.RESUME)
        if self.last_press is not None and instant - self.last_press < self.debounce:
            self.last_ignored = instant
            return PressOutcome(PressAction.IGNORED)
        if self.origin is None:
            self.origin = instant
        t = self.session_time(instant)
        if self.events:
            t = max(t, self.events[-1].at)  # inputs stay in order
        if t < self._state.now:
            self._state = self._replay(self.events, t)
        self._state.advance(t)
        if self._state.finished:
            return PressOutcome(PressAction.NONE)
        outcome = self._state.press(t)
        if outcome.action is not PressAction.NONE:
            self.events.append(Input("press", t))
            self.last_press = instant
            self.version += 1
        return outcome

    def skip(self, at: float | None = None) -> Segment | None:
        """End the current segment (or pass over a waiting run) and move on."""
        instant = self.clock() if at is None else at
        if self.over or self.paused or self.origin is None:
            return None
        t = max(self.session_time(instant), self._state.now)
        skipped = self._state.skip(t)
        if skipped is not None:
            self.events.append(Input("skip", t))
            self.last_press = None
            self.version += 1
        return skipped

    def undo(self, at: float | None = None) -> bool:
        """Take back the last press or skip; a segment it ended runs on, its time intact."""
        if self.stopped_at is not None or len(self.events) <= 1:
            return False
        instant = self.clock() if at is None else at
        now = self.session_time(instant)
        self.events.pop()
        self._state = self._replay(self.events, now)
        self.last_press = None
        self._changed(instant)
        return True

    def _end_running(self, state: _Replay, at: float) -> None:
        run = state.current
        if run is not None and not state.finished:
            run.end = at
            run.ended_by = "stop"

    def _replay(self, events: Sequence[Input], now: float) -> _Replay:
        return replay_inputs(self.plan, events, now)

    # -- resume ----------------------------------------------------------
    @classmethod
    def restore(
        cls,
        plan: Plan,
        events: Sequence[Input],
        elapsed: float,
        clock: Callable[[], float],
        debounce: float = DEFAULT_DEBOUNCE,
        *,
        paused: bool = True,
        pauses: Sequence[PauseRecord] = (),
        paused_for: float = 0.0,
    ) -> Engine:
        """Rebuild a session from its saved inputs at session time `elapsed`.

        With `paused` it comes back paused there (the gap since counts in no segment);
        without, it runs on from `elapsed` at once: the caller passes the saved time
        plus the gap, so the segment that was running kept its clock through it.
        `pauses` are the saved ones, carried on; `paused_for` is how long the pause it
        comes back in has lasted already (the gap), which that pause's record includes.
        """
        engine = cls(plan, clock, debounce)
        engine._come_back(events, elapsed, paused=paused, pauses=pauses, paused_for=paused_for)
        return engine

    # -- reading ---------------------------------------------------------
    def records(self, now: float | None = None) -> list[SegmentRecord]:
        """Every segment begun so far, as the session file stores it."""
        st = self.state(now)
        t = self.stopped_at if self.stopped_at is not None else self.session_time(now)
        return [run.record(t) for run in st.runs]

    def view(self, now: float | None = None) -> EngineView:
        instant = self.clock() if now is None else now
        st = self.state(instant)
        t = self.session_time(instant)
        status = self._status(st)
        run = st.current if status not in (Status.DONE, Status.STOPPED) else None
        if status is Status.WAITING and st.waiting is not None:
            segment: Segment | None = self.plan.segments[st.waiting]
        elif run is not None:
            segment = run.segment
        elif status is Status.READY:
            segment = self.plan.segments[0]
        else:
            segment = None

        elapsed = run.elapsed(t) if run is not None else 0.0
        remaining: float | None = None
        if run is not None:
            end = st.end_instant(run)
            if end is not None:
                remaining = max(end - t, 0.0)
        counting_down = remaining is not None
        overtime = None
        if run is not None and segment is not None and segment.target is not None:
            over = elapsed - segment.target[1]
            overtime = over if over > 0 else None

        laps: tuple[float, ...] = tuple(run.laps()) if run is not None else ()
        lap_deltas = tuple(self._split_delta(run, i) for i in range(len(laps))) if run else ()
        next_split = None
        splits_left = 0
        if run is not None and segment is not None and segment.splits:
            done = len(run.splits)
            splits_left = len(segment.splits) - done
            next_split = segment.splits[done] if splits_left > 0 else None

        auto_start_in = None
        countdown = None
        if run is not None and remaining is not None and self._auto_starts_next(run):
            auto_start_in = remaining
            if 0 < remaining <= COUNTDOWN_SECONDS:
                countdown = int(remaining - 1e-9) + 1

        next_index = (segment.index + 1) if segment is not None else None
        if status is Status.READY:
            next_index = 1
        next_segment = (
            self.plan.segments[next_index]
            if next_index is not None and next_index < len(self.plan.segments)
            else None
        )

        recent = tuple(
            RepResult(r.segment, r.elapsed(t), r.ended_by, self._rep_delta(r), r.end)
            for r in st.runs
            if r.segment.kind is StepKind.RUN and r.end is not None
        )
        finished_runs = [r for r in st.runs if r.end is not None]
        distance_done = sum(r.segment.distance or 0.0 for r in recent if r.done)
        if status is Status.PAUSED:
            phase = Phase.PAUSED
        elif status in (Status.DONE, Status.STOPPED):
            phase = Phase.DONE
        elif status in (Status.READY, Status.WAITING) or segment is None:
            phase = Phase.READY
        else:
            phase = PHASE_OF_KIND[segment.kind]

        return EngineView(
            status=status,
            phase=phase,
            segment=segment,
            next_segment=next_segment,
            elapsed=elapsed,
            remaining=remaining,
            counting_down=counting_down,
            clock=remaining if remaining is not None else elapsed,
            overtime=overtime,
            laps=laps,
            lap_deltas=lap_deltas,
            next_split=next_split,
            splits_left=splits_left,
            countdown=countdown,
            markers=len(run.markers) if run is not None else 0,
            recent=recent,
            reps_done=sum(r.done for r in recent),
            segments_done=len(finished_runs)
            + (len(self.plan.segments) - len(st.runs) if st.finished else 0),
            segments_total=len(self.plan.segments),
            run_distance_done=distance_done,
            run_distance_total=self.plan.run_distance,
            session_elapsed=self.stopped_at if self.stopped_at is not None else t,
            paused=self.paused,
            auto_start_in=auto_start_in,
        )

    def _auto_starts_next(self, run: SegmentRun) -> bool:
        seg = run.segment
        nxt = seg.index + 1
        return (
            seg.kind is StepKind.REST
            and nxt < len(self.plan.segments)
            and self.plan.segments[nxt].kind is StepKind.RUN
        )

    @staticmethod
    def _split_delta(run: SegmentRun, i: int) -> float | None:
        """At split i, the time so far against the target's middle pace over the same distance."""
        seg = run.segment
        if seg.target is None or not seg.splits or seg.distance is None or i >= len(run.splits):
            return None
        target_mid = (seg.target[0] + seg.target[1]) / 2
        expected = target_mid * seg.splits[i] / seg.distance
        return (run.splits[i] - run.start) - expected

    @staticmethod
    def _rep_delta(run: SegmentRun) -> float | None:
        seg = run.segment
        if seg.target is None or run.end is None or run.ended_by != "press":
            return None
        return fmt.target_diff(run.end - run.start, seg.target)

    # -- cues ------------------------------------------------------------
    def upcoming_cues(self, now: float | None = None) -> list[Cue]:
        """The cues still to come in the current state, at their clock instants.

        Nothing is due while paused or before the start; the list changes with every
        input, so the audio layer replaces its schedule with it each time.
        """
        instant = self.clock() if now is None else now
        st = self.state(instant)
        if self.paused or self.origin is None or self.stopped_at is not None or st.finished:
            return []
        t = self.session_time(instant)
        run = st.current
        if run is None:
            return []
        seg = run.segment
        cues: list[Cue] = []
        end = st.end_instant(run)
        prefix = f"seg{seg.index}@{run.start:.3f}"
        if seg.kind is StepKind.RUN and seg.target is not None and end is None:
            reach = run.start + seg.target[1]
            if reach > t:
                cues.append(
                    Cue(CueKind.TARGET_REACHED, self.to_clock(reach), key=f"{prefix}:target")
                )
        if end is not None:
            last = seg.index + 1 >= len(self.plan.segments)
            if self._auto_starts_next(run):
                for n, kind in ((3, CueKind.COUNT_3), (2, CueKind.COUNT_2), (1, CueKind.COUNT_1)):
                    due = end - n
                    if due > run.start and due > t:
                        cues.append(Cue(kind, self.to_clock(due), key=f"{prefix}:{kind}"))
                cues.append(Cue(CueKind.GO, self.to_clock(end), key=f"{prefix}:go"))
            elif last:
                cues.append(Cue(CueKind.WORKOUT_DONE, self.to_clock(end), key=f"{prefix}:done"))
            else:
                cues.append(Cue(CueKind.STEP_DONE, self.to_clock(end), key=f"{prefix}:end"))
        return [c for c in cues if c.due >= instant - 0.05]


def replay_inputs(plan: Plan, events: Sequence[Input], now: float) -> _Replay:
    """The state that `events` lead to, advanced to session time `now`."""
    st = _Replay(plan)
    for kind, at in events:
        if kind == "press":
            st.press(at)
        else:
            st.skip(at)
    st.advance(max(now, st.now))
    return st
