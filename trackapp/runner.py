"""One session being run: the engine, its session file and its sounds.

The application layer between the domain and the screen. Each of the runner's
inputs (`press`, `undo`, `skip`, `toggle_pause`, `stop`) and each `tick` goes
through here: the engine is driven, the file saved when something that belongs
in it changed, the cue schedule replaced, the input's own sound (with the
voice's words) played, and a `RunUpdate` returned for the screen to render.
No Textual here.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from trackapp.audio.words import rep_words, rest_words, time_words
from trackapp.domain.cues import Cue
from trackapp.domain.engine import Engine, EngineView, PressAction, PressOutcome, Status
from trackapp.domain.plan import Plan
from trackapp.domain.resume import RUNNING, carried_pauses, resume_point
from trackapp.domain.session import SessionRecord
from trackapp.domain.workout import StepKind
from trackapp.domain.workout_plan import runner_race_used
from trackapp.run_policy import (
    HEARTBEAT_SECONDS,
    CueSchedule,
    PressSound,
    press_cue,
    refresh_index,
    skip_notice,
)
from trackapp.services import Clock, CueOutput
from trackapp.storage.session_files import parse_session
from trackapp.storage.session_store import SessionHandle, SessionStore

WallClock = Callable[[], datetime]


# A press that did nothing the runner needs to see or hear at once
QUIET_ACTIONS = frozenset({PressAction.NONE, PressAction.RESUME, PressAction.IGNORED})
# How a press sounds at once; any other press recorded something: a split's blip
PRESS_SOUNDS = {
    PressAction.IGNORED: PressSound.TOO_SOON,
    PressAction.NONE: PressSound.SILENT,
    PressAction.RESUME: PressSound.SILENT,
    PressAction.START_SESSION: PressSound.GO,
    PressAction.START: PressSound.GO,
}


def local_now() -> datetime:
    return datetime.now().astimezone()


@dataclass(frozen=True, slots=True)
class RunUpdate:
    """What an input or a tick left: the view to render, and what to show beside it."""

    view: EngineView
    flash: bool = False  # the input did something: the screen flashes at once
    notice: str | None = None  # a few words for a toast ("Last split taken back")


class SessionRun:
    """One session: the engine, its file and its sounds, kept in step."""

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
        audio: CueOutput | None = None,
    ) -> None:
        self.plan = plan
        self.store = store
        self.clock = clock
        self.wall = wall
        self.cues = CueSchedule(audio)
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
        audio: CueOutput | None = None,
    ) -> SessionRun:
        """Continue a session whose program died, the gap counted as `counted`.

        `running` (a stopwatch's way): the running segment's clock ran on through the
        gap, bridged with the wall clock, and timing carries on at once. `paused`: the
        gap counts in no segment and the session comes back paused. The choice is kept
        in the file as a `[[gap]]`. Raises SessionBusy when another window runs it.
        """
        handle = store.reopen(path)
        point = resume_point(saved, wall(), counted)
        pauses, paused_for = carried_pauses(saved, point)
        engine = Engine.restore(
            plan,
            saved.events,
            point.elapsed,
            clock,
            debounce,
            paused=point.paused,
            pauses=pauses,
            paused_for=paused_for,
        )
        saved.paused += point.extra_paused
        saved.gaps.append(point.gap)
        run = cls(
            plan,
            store,
            clock,
            debounce,
            engine=engine,
            record=saved,
            handle=handle,
            wall=wall,
            audio=audio,
        )
        run.save(force=True)
        return run

    # -- the runner's inputs, and the heartbeat ----------------------------------
    def tick(self, now: float | None = None) -> RunUpdate:
        """The state at `now`: timed segments run out, the file is saved when it changed
        (or the heartbeat is due), and the cue schedule follows every change."""
        instant = self.clock() if now is None else now
        self.engine.advance(instant)
        saved = self.save()
        self.cues.follow(self.engine.version, saved, lambda: self.engine.upcoming_cues(instant))
        return RunUpdate(self.engine.view(instant))

    def press(self, at: float) -> RunUpdate:
        """The one big key, at the clock instant the key was pressed."""
        outcome = self.engine.press(at)
        self.cues.play(self._press_cue(outcome, at))
        update = self.tick()
        return RunUpdate(update.view, flash=outcome.action not in QUIET_ACTIONS)

    def undo(self, at: float | None = None) -> RunUpdate:
        done = self.engine.undo(at)
        return RunUpdate(
            self.tick().view, notice="Last split taken back" if done else "Nothing to undo"
        )

    def skip(self, at: float | None = None) -> RunUpdate:
        skipped = self.engine.skip(at)
        return RunUpdate(self.tick().view, notice=skip_notice(skipped))

    def toggle_pause(self, at: float | None = None) -> RunUpdate:
        """Pause or resume: while paused no cue is due, so the schedule empties."""
        self.engine.toggle_pause(at)
        return self.tick()

    def stop(self, at: float) -> RunUpdate:
        """End the session at `at` (the q press, not the dialog's answer) and save it."""
        self.engine.stop(at)
        update = self.tick()
        self.close()
        return update

    def toggle_mute(self) -> RunUpdate:
        return RunUpdate(self.engine.view(), notice=self.cues.toggle_mute())

    def end(self) -> None:
        """The end screen takes over: nothing more to play, the file closed."""
        self.close()
        self.cues.silence()

    def _press_cue(self, outcome: PressOutcome, at: float) -> Cue | None:
        """The sound a press makes at once: go, a split's blip, or the workout's end, with
        the voice's words when a rep ended; a low tone when it came too soon."""
        action = outcome.action
        sound = PRESS_SOUNDS.get(action, PressSound.SPLIT)
        if sound is not PressSound.SPLIT:
            return press_cue(sound, at)
        words = ""
        seg = outcome.segment
        view = self.engine.view()
        if action is PressAction.END and seg is not None and seg.kind is StepKind.RUN:
            words = announcement(outcome.time or 0.0, view)
        if view.status is Status.DONE:
            sound = PressSound.WORKOUT_DONE
        return press_cue(sound, at, words)

    @property
    def audio(self) -> CueOutput:
        return self.cues.audio

    @property
    def path(self) -> Path | None:
        return self.handle.path if self.handle is not None else None

    @property
    def paths(self) -> list[Path]:
        """Its file, once it has one (as a group run lists its athletes')."""
        return [self.path] if self.path is not None else []

    @property
    def over(self) -> bool:
        return self.engine.over

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
        record.pauses = engine.pause_records()
        if record.status != "in_progress" and record.ended is None:
            record.ended = self.wall() - timedelta(seconds=max(now - record.elapsed, 0.0))
        return record

    def save(self, force: bool = False) -> bool:
        """Save when the engine changed (or the heartbeat is due); True when a save was queued."""
        engine = self.engine
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


def announcement(rep_time: float, view: EngineView) -> str:
    """What the voice says when a rep ends: its time, then what comes next."""
    words = time_words(rep_time)
    nxt = view.segment if view.status is not Status.DONE else None
    if nxt is not None:
        if nxt.kind is StepKind.REST and nxt.duration is not None:
            words += ". " + rest_words(nxt.duration)
        elif nxt.kind is StepKind.RUN:
            words += ". " + rep_words(nxt.rep, nxt.reps)
    return words


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
