"""One session being run: the engine plus its session file.

The application layer between the domain and the screen: it turns the
engine's state into a `SessionRecord` and hands it to the store whenever
something that belongs in the file changed. No Textual here.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from trackapp.domain.engine import Engine, Status
from trackapp.domain.plan import Plan
from trackapp.domain.resume import RUNNING, resume_point
from trackapp.domain.session import SessionRecord
from trackapp.domain.workout_plan import runner_race_used
from trackapp.services import Clock
from trackapp.storage.session_files import parse_session
from trackapp.storage.session_index import list_sessions
from trackapp.storage.session_store import SessionHandle, SessionStore

HEARTBEAT_SECONDS = 5.0  # while running, the file's `elapsed` is at most this old

WallClock = Callable[[], datetime]


def local_now() -> datetime:
    return datetime.now().astimezone()


class SessionRun:
    """Keeps the session file in step with the engine."""

    def __init__(
        self,
        plan: Plan,
        store: SessionStore,
        clock: Clock,
        debounce: float = 1.0,
        *,
        engine: Engine | None = None,
        record: SessionRecord | None = None,
        handle: SessionHandle | None = None,
        wall: WallClock = local_now,
    ) -> None:
        self.plan = plan
        self.store = store
        self.clock = clock
        self.wall = wall
        self.engine = engine or Engine(plan, clock, debounce)
        self.record = record
        self.handle = handle
        self._saved_version = self.engine.version if record is not None else -1
        self._saved_at = clock()
        # paused time carried over from before a resume
        self._paused_before = record.paused if record is not None else 0.0
        self._indexed = False

    @classmethod
    def resume(
        cls,
        plan: Plan,
        store: SessionStore,
        clock: Clock,
        path: Path,
        saved: SessionRecord,
        debounce: float = 1.0,
        *,
        counted: str = RUNNING,
        wall: WallClock = local_now,
    ) -> SessionRun:
        """Continue a session whose program died, the gap counted as `counted`.

        `running` (a stopwatch's way): the running segment's clock ran on through the
        gap, bridged with the wall clock, and timing carries on at once. `paused`: the
        gap counts in no segment and the session comes back paused. The choice is kept
        in the file as a `[[gap]]`. Raises SessionBusy when another window runs it.
        """
        handle = store.reopen(path)
        point = resume_point(saved, wall(), counted)
        engine = Engine.restore(
            plan, saved.events, point.elapsed, clock, debounce, paused=point.paused
        )
        saved.paused += point.extra_paused
        saved.gaps.append(point.gap)
        run = cls(
            plan, store, clock, debounce, engine=engine, record=saved, handle=handle, wall=wall
        )
        run.save(force=True)
        return run

    @property
    def path(self) -> Path | None:
        return self.handle.path if self.handle is not None else None

    def _build_record(self) -> SessionRecord:
        engine = self.engine
        if self.record is None:
            started = self.wall()
            if engine.origin is not None:
                started -= timedelta(seconds=max(self.clock() - engine.origin, 0.0))
            plan = self.plan
            self.record = SessionRecord(
                workout=plan.workout.name,
                source=plan.workout.source,
                workout_toml=plan.workout.text,
                started=started,
                race=runner_race_used(plan),
            )
        record = self.record
        record.segments = engine.records()
        record.events = list(engine.events)
        status = engine.status
        if status is Status.DONE:
            record.status = "completed"
        elif status is Status.STOPPED:
            record.status = "stopped"
        else:
            record.status = "in_progress"
        now = engine.session_time()
        # an ended session's time stops at its end (the q press, the last segment's end),
        # not when the dialog was answered or the file last written
        record.elapsed = min(now, _end_of(engine, record))
        paused_now = (self.clock() - engine.paused_at) if engine.paused_at is not None else 0.0
        record.paused = self._paused_before + engine.paused_total + paused_now
        record.paused_at_save = engine.paused
        if record.status != "in_progress" and record.ended is None:
            record.ended = self.wall() - timedelta(seconds=max(now - record.elapsed, 0.0))
        return record

    def save(self, force: bool = False) -> bool:
        """Save when the engine changed (or the heartbeat is due); True when a save was queued."""
        engine = self.engine
        engine.state()  # lets timed segments run out, which bumps the version
        if not engine.started:
            return False
        heartbeat = (
            not engine.paused
            and not engine.over
            and self.clock() - self._saved_at >= HEARTBEAT_SECONDS
        )
        if not force and engine.version == self._saved_version and not heartbeat:
            return False
        record = self._build_record()
        if self.handle is None:
            self.handle = self.store.create(record)
        else:
            self.store.save(self.handle, record)
        self._saved_version = engine.version
        self._saved_at = self.clock()
        return True

    def set_review(self, notes: str, effort: int | None) -> None:
        """The runner's own words and effort, from the end screen."""
        if self.record is None:
            return
        self.record.notes = notes
        self.record.effort = effort
        self.save(force=True)

    @property
    def unsaved(self) -> bool:
        """True while what the runner did is not all on disk."""
        return self.handle is not None and self.store.unsaved(self.handle)

    def splits_at_risk(self) -> int:
        """Splits recorded here that are not on disk yet (what quitting now would lose)."""
        if self.handle is None or self.record is None:
            return 0
        on_disk = 0
        written = self.store.last_written(self.handle)
        if written is not None:
            with contextlib.suppress(Exception):
                on_disk = count_splits(parse_session(written))
        return max(count_splits(self.record) - on_disk, 0)

    def save_elsewhere(self, folder: Path) -> bool:
        """Write the session into `folder` from now on; True when it landed there."""
        if self.handle is None:
            return False
        self.store.relocate(self.handle, folder)
        return self.store.flush(timeout=5.0)

    def close(self) -> bool:
        """Save the last state and wait for the disk; then let other windows open it and
        bring the review index up to date. False while the save still fails."""
        self.save(force=True)
        ok = self.store.flush(timeout=5.0)
        if ok and self.handle is not None and self.engine.over:
            self.store.release(self.handle)
        if ok and not self._indexed and self.path is not None and self.path.exists():
            self._indexed = True
            # in the background: the review screens then open warm, this session included
            threading.Thread(
                target=refresh_index, args=(self.path.parent,), name="index", daemon=True
            ).start()
        return ok


def _end_of(engine: Engine, record: SessionRecord) -> float:
    """Session time the session ended at: its stop, or its last segment's end when done;
    infinity while it runs."""
    if engine.stopped_at is not None:
        return engine.stopped_at
    if record.status == "completed" and record.segments:
        return max(seg.start + seg.time for seg in record.segments)
    return float("inf")


def count_splits(record: SessionRecord) -> int:
    """Every split the runner took: laps of runs, and presses that ended other steps."""
    return sum(
        len(seg.laps) if seg.kind == "run" else int(seg.ended_by == "press")
        for seg in record.segments
    )


def refresh_index(sessions_dir: Path) -> None:
    """Read what is new in the sessions folder into the review index; never raises."""
    with contextlib.suppress(Exception):
        list_sessions(sessions_dir)
