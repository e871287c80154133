"""Session time, pauses and the stop: what a session's engine keeps beside its inputs.

The solo engine and coach mode's group engine both replay inputs over a plan; both
measure session time from the press that starts the session with paused time taken
out, keep each pause (where it began, how long it lasted), and stop at the key's own
instant. That part is here, once; each engine says how it replays, advances, and
ends what was running at a stop.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import StrEnum
from typing import Generic, Protocol, TypeVar

from trackapp.domain.session import PauseRecord


class Status(StrEnum):
    READY = "ready"  # nothing started yet: the plan and notes are shown
    WAITING = "waiting"  # a run waits for the press that starts it
    RUNNING = "running"
    PAUSED = "paused"
    DONE = "done"
    STOPPED = "stopped"


class Replayed(Protocol):
    """A replayed state: how far it has been advanced, advancing it further, and where
    the session is (started, finished, a run waiting at the line)."""

    now: float
    started: bool
    finished: bool

    def advance(self, now: float) -> None: ...

    @property
    def at_the_line(self) -> bool: ...


class Timed(Protocol):
    """An input: the session time it came at."""

    @property
    def at(self) -> float: ...


S = TypeVar("S", bound=Replayed)
E = TypeVar("E", bound=Timed)


class SessionClock(Generic[S, E]):
    """Session time over an injected clock, the pauses, and the stop, for an engine whose
    state `_state` is its inputs `events` replayed (`_replay`)."""

    _state: S

    def __init__(self, clock: Callable[[], float]) -> None:
        self.clock = clock
        self.events: list[E] = []  # in session time
        self.origin: float | None = None  # clock instant of session time zero
        self.paused_total = 0.0
        self.paused_at: float | None = None  # clock instant
        # every pause that ended, in order; pauses are not inputs: an undo keeps them
        self.pauses: list[PauseRecord] = []
        self._pause_began = 0.0  # session time the pause under way began at
        self._pause_carried = 0.0  # seconds it lasted before `paused_at` (a restore's gap)
        self.stopped_at: float | None = None  # session time
        self.version = 0  # bumps on every change that belongs in the session file

    # -- what each engine says ---------------------------------------------------------
    def _replay(self, events: Sequence[E], now: float) -> S:
        raise NotImplementedError

    def _end_running(self, state: S, at: float) -> None:
        """At a stop: end what is running at session time `at`, ended by `stop`."""
        raise NotImplementedError

    def advance(self, now: float | None = None) -> bool:
        """Let timed segments run out up to `now`; True when that changed the file's part."""
        raise NotImplementedError

    def state(self, now: float | None = None) -> S:
        """The replayed state at `now`."""
        raise NotImplementedError

    # -- where the session is ------------------------------------------------------------
    @property
    def status(self) -> Status:
        return self._status(self.state())

    def _status(self, st: S) -> Status:
        if self.stopped_at is not None:
            return Status.STOPPED
        if not st.started:
            return Status.READY
        if st.finished:
            return Status.DONE
        if self.paused:
            return Status.PAUSED
        if st.at_the_line:
            return Status.WAITING
        return Status.RUNNING

    @property
    def over(self) -> bool:
        return self.stopped_at is not None or self.state().finished

    # -- time ----------------------------------------------------------------------------
    def session_time(self, now: float | None = None) -> float:
        """Seconds since the session started, pauses excluded."""
        if self.origin is None:
            return 0.0
        instant = self.clock() if now is None else now
        if self.paused_at is not None:
            instant = min(instant, self.paused_at)
        return max(instant - self.origin - self.paused_total, 0.0)

    def to_clock(self, session_time: float) -> float:
        assert self.origin is not None
        return self.origin + self.paused_total + session_time

    @property
    def started(self) -> bool:
        return self.origin is not None

    @property
    def paused(self) -> bool:
        return self.paused_at is not None

    # -- pauses --------------------------------------------------------------------------
    def pause(self, at: float | None = None) -> bool:
        instant = self.clock() if at is None else at
        if self.paused or self.origin is None or self.over:
            return False
        self.advance(instant)
        self._pause_began = self.session_time(instant)
        self.paused_at = instant
        self.version += 1
        return True

    def resume(self, at: float | None = None) -> bool:
        instant = self.clock() if at is None else at
        if self.paused_at is None:
            return False
        lasted = max(instant - self.paused_at, 0.0)
        self.paused_total += lasted
        self.pauses.append(PauseRecord(self._pause_began, lasted + self._pause_carried))
        self._pause_carried = 0.0
        self.paused_at = None
        self.version += 1
        return True

    def _changed(self, instant: float) -> None:
        """After an input taken while paused may have ended the session: one it left run
        to its end is not paused. (Taking back a skip lets the timed segments after it run
        out; in coach mode, the last athlete still in can be marked out.) The pause ends
        at that input, so a press that follows is no resume and the saved file is never
        completed and paused at once."""
        if self.paused_at is not None and self._state.finished:
            self.resume(instant)
        self.version += 1

    def toggle_pause(self, at: float | None = None) -> bool:
        """Pause or resume; returns whether the session is now paused."""
        if self.paused:
            self.resume(at)
        else:
            self.pause(at)
        return self.paused

    def pause_records(self, now: float | None = None) -> list[PauseRecord]:
        """Every pause so far, in order, the one under way (if any) as long as it is now."""
        records = list(self.pauses)
        if self.paused_at is not None:
            instant = self.clock() if now is None else now
            lasted = max(instant - self.paused_at, 0.0) + self._pause_carried
            records.append(PauseRecord(self._pause_began, lasted))
        return records

    # -- the stop and the resume ---------------------------------------------------------
    def stop(self, at: float | None = None) -> None:
        """End the session early; what was running is ended by `stop`.

        `at` is the clock instant the stop key was pressed: the time a confirmation
        dialog stays open counts in no segment. If the state already ran on past that
        instant (a rest ran out, a rep started by itself), it is replayed up to it."""
        instant = self.clock() if at is None else at
        if self.stopped_at is not None:
            return
        if self.origin is None:
            self.stopped_at = 0.0
            self.version += 1
            return
        t = self.session_time(instant)
        if self.paused_at is not None:
            self.resume(instant)
        if self.events and self.events[-1].at > t:  # no input can come after the stop
            self.events = [e for e in self.events if e.at <= t]
        if t < self._state.now:
            self._state = self._replay(self.events, t)
        self._state.advance(t)
        self._end_running(self._state, t)
        self.stopped_at = t
        self.version += 1

    def _come_back(
        self,
        events: Sequence[E],
        elapsed: float,
        *,
        paused: bool,
        pauses: Sequence[PauseRecord] = (),
        paused_for: float = 0.0,
    ) -> None:
        """A restore: the saved inputs replayed to session time `elapsed` (at least the
        last input's), now. With `paused` the session comes back paused there, the pause
        having lasted `paused_for` already (the gap); `pauses` are the saved ones."""
        self.pauses = list(pauses)
        if not events:
            return
        now = self.clock()
        elapsed = max(elapsed, events[-1].at)
        self.origin = now - elapsed
        self.events = list(events)
        self._state = self._replay(self.events, elapsed)
        if paused:
            self.paused_at = now
            self._pause_began = elapsed
            self._pause_carried = max(paused_for, 0.0)
