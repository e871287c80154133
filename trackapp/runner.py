"""One session being run: the engine plus its session file.

The application layer between the domain and the screen: it turns the
engine's state into a `SessionRecord` and hands it to the store whenever
something that belongs in the file changed. No Textual here.
"""

from __future__ import annotations

import contextlib
import threading
from datetime import datetime, timedelta
from pathlib import Path

from trackapp.domain.engine import Engine, Status
from trackapp.domain.plan import Plan
from trackapp.domain.session import SessionRecord
from trackapp.services import Clock
from trackapp.storage.session_index import list_sessions
from trackapp.storage.session_store import SessionHandle, SessionStore

HEARTBEAT_SECONDS = 5.0  # while running, the file's `elapsed` is at most this old


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
    ) -> None:
        self.plan = plan
        self.store = store
        self.clock = clock
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
    ) -> SessionRun:
        """Continue a session whose program died; it comes back paused."""
        engine = Engine.restore(plan, saved.events, saved.elapsed, clock, debounce)
        run = cls(
            plan, store, clock, debounce, engine=engine, record=saved, handle=store.reopen(path)
        )
        run.save(force=True)
        return run

    @property
    def path(self) -> Path | None:
        return self.handle.path if self.handle is not None else None

    def _build_record(self) -> SessionRecord:
        engine = self.engine
        if self.record is None:
            started = datetime.now().astimezone()
            if engine.origin is not None:
                started -= timedelta(seconds=max(self.clock() - engine.origin, 0.0))
            plan = self.plan
            self.record = SessionRecord(
                workout=plan.workout.name,
                source=plan.workout.source,
                workout_toml=plan.workout.text,
                started=started,
            )
        record = self.record
        record.segments = engine.records()
        record.events = list(engine.events)
        record.elapsed = engine.session_time()
        paused_now = (self.clock() - engine.paused_at) if engine.paused_at is not None else 0.0
        record.paused = self._paused_before + engine.paused_total + paused_now
        status = engine.status
        if status is Status.DONE:
            record.status = "completed"
        elif status is Status.STOPPED:
            record.status = "stopped"
        else:
            record.status = "in_progress"
        if record.status != "in_progress" and record.ended is None:
            record.ended = datetime.now().astimezone()
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

    def close(self) -> bool:
        """Save the last state and wait for the disk; then bring the review index up to date."""
        self.save(force=True)
        ok = self.store.flush(timeout=5.0)
        if ok and not self._indexed and self.path is not None and self.path.exists():
            self._indexed = True
            # in the background: the review screens then open warm, this session included
            threading.Thread(
                target=refresh_index, args=(self.path.parent,), name="index", daemon=True
            ).start()
        return ok


def refresh_index(sessions_dir: Path) -> None:
    """Read what is new in the sessions folder into the review index; never raises."""
    with contextlib.suppress(Exception):
        list_sessions(sessions_dir)
