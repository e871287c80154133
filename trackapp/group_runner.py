"""One group run (coach mode): the group engine plus one session file per athlete.

Beside `trackapp.runner.SessionRun` (one runner): each athlete's file is a solo
session file (shared/SESSION_FORMAT.md) with `athlete` and `group`, written
through the one `SessionStore` (exclusive create, lock, atomic save) whenever
something of that athlete's changed: their split, their out, a rep or rest that
began or ended for them. The group's own inputs go in every file as
`group_event` (a key the format keeps), so a resume rebuilds the whole group.

And, as `SessionRun` for one runner, the application object of the coach's run: each of
the coach's inputs (`start`, an athlete's `split`, `out_for_rep`, `out_for_session`,
`undo`, `undo_for`, `skip`, `toggle_pause`, `stop`, `toggle_mute`) and each `tick` goes
through here: the group engine driven, the files that changed saved, then the cue
schedule replaced, the input's own sound (with the voice's words) played, and a
`GroupUpdate` returned for the screen to render. No Textual here.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, cast

from trackapp.audio.words import time_words
from trackapp.domain.engine import Status
from trackapp.domain.group import (
    GroupAthlete,
    GroupInput,
    GroupRun,
    GroupView,
    SplitAction,
    SplitOutcome,
    StartAction,
    Undone,
)
from trackapp.domain.resume import RUNNING, carried_pauses, resume_point
from trackapp.domain.session import SessionRecord
from trackapp.domain.workout_plan import runner_race_used
from trackapp.run_policy import (
    HEARTBEAT_SECONDS,
    CueSchedule,
    PressSound,
    press_cue,
    refresh_index,
    skip_notice,
)
from trackapp.services import Clock, CueOutput, local_now
from trackapp.storage.session_files import slugify
from trackapp.storage.session_store import SessionBusy, SessionHandle, SessionStore

GROUP_EVENTS_KEY = "group_event"  # the group's inputs, in every athlete's file
GROUP_ATHLETES_KEY = "group_athlete"  # who ran, with their keys: [{name, key}]

WallClock = Callable[[], datetime]

# How Space sounds at once (too soon, a start, a step it ended or a marker); else silent
START_SOUNDS = {
    StartAction.IGNORED: PressSound.TOO_SOON,
    StartAction.START_SESSION: PressSound.GO,
    StartAction.START: PressSound.GO,
    StartAction.ENDED: PressSound.SPLIT,
    StartAction.MARKER: PressSound.SPLIT,
}
RUNNING_NOTICE = "Athletes are running: their own keys take their splits"
UNDONE_WORDS = {
    "split": "split",
    "out_rep": "out for the rep",
    "out_session": "out for the session",
}


@dataclass(frozen=True, slots=True)
class GroupUpdate:
    """What a coach's input or a tick left: the view to render, and a few words to show."""

    view: GroupView
    notice: str | None = None  # "Taken back: Ben's split", "Ana is not running"


def split_words(name: str, outcome: SplitOutcome) -> str:
    """What the voice says at an athlete's split: their name and their time ("Ana,
    seventy-one point two"): the rep's at its end, the lap's at a split; else nothing."""
    if outcome.action is SplitAction.END and outcome.rep_time is not None:
        return f"{name}, {time_words(outcome.rep_time)}"
    if outcome.action is SplitAction.SPLIT and outcome.lap is not None:
        return f"{name}, {time_words(outcome.lap)}"
    return ""


def undone_notice(undone: Undone | None, name: str | None = None) -> str:
    """What an undo says: whose input it took back (`name`: the athlete asked about)."""
    if undone is None:
        return f"Nothing of {name}'s to undo" if name else "Nothing to undo"
    what = UNDONE_WORDS.get(undone.kind, "start" if undone.kind == "start" else "skip")
    whose = f"{undone.name}'s {what}" if undone.name else f"the group's {what}"
    return f"Taken back: {whose}"


def group_id(started: datetime, name: str) -> str:
    """The group run's id, as each file's `group`: `2026-11-27T18-05-03_tuesday-squad`."""
    return f"{started.strftime('%Y-%m-%dT%H-%M-%S')}_{slugify(name)}"


@dataclass(frozen=True, slots=True)
class UnfinishedGroup:
    """A group run whose program died: its athletes' files, by key."""

    group: str
    files: dict[str, tuple[Path, SessionRecord]]
    events: list[GroupInput]
    elapsed: float
    newest: SessionRecord  # the file saved last (its elapsed and pause state)


def find_unfinished_group(
    store: SessionStore, workout_name: str, keys: list[str]
) -> UnfinishedGroup | None:
    """The newest unfinished group run of this workout whose athletes are these keys."""
    by_group: dict[str, dict[str, tuple[Path, SessionRecord]]] = {}
    for path, record in store.find_in_progress(workout_name, grouped=True):
        key = _athlete_key(record)
        if record.group is not None and key is not None:
            by_group.setdefault(record.group, {}).setdefault(key, (path, record))
    for group in sorted(by_group, reverse=True):
        files = by_group[group]
        if not set(files) <= set(keys):
            continue
        newest = max((r for _, r in files.values()), key=lambda r: r.elapsed)
        return UnfinishedGroup(
            group,
            files,
            merged_inputs(files, newest),
            max(r.elapsed for _, r in files.values()),
            newest,
        )
    return None


def _athlete_key(record: SessionRecord) -> str | None:
    for item in record.extra.get(GROUP_ATHLETES_KEY, []):
        if isinstance(item, dict) and item.get("name") == record.athlete:
            key = item.get("key")
            return key if isinstance(key, str) else None
    return None


def _saved_inputs(record: SessionRecord) -> list[GroupInput]:
    raw = record.extra.get(GROUP_EVENTS_KEY, [])
    found = [GroupInput.from_dict(item) for item in raw] if isinstance(raw, list) else []
    return [e for e in found if e is not None]


def merged_inputs(
    files: dict[str, tuple[Path, SessionRecord]], newest: SessionRecord
) -> list[GroupInput]:
    """The group's inputs from its files: each athlete's own keys from their own file
    (written after each of them), the group's Space presses from the file that has most;
    an athlete with no unfinished file (out for the session: it is closed) from `newest`."""
    group_level: list[GroupInput] = []
    own: list[GroupInput] = []
    for key, (_path, record) in files.items():
        inputs = _saved_inputs(record)
        mine = [e for e in inputs if e.key is None]
        if len(mine) > len(group_level):
            group_level = mine
        own += [e for e in inputs if e.key == key]
    others = [e for e in _saved_inputs(newest) if e.key is not None and e.key not in files]
    return sorted(group_level + own + others, key=lambda e: e.at)


class GroupSessionRun:
    """Keeps each athlete's session file in step with the group engine."""

    def __init__(
        self,
        athletes: list[GroupAthlete],
        store: SessionStore,
        clock: Clock,
        debounce: float = 1.0,
        *,
        name: str = "group",
        group: GroupRun | None = None,
        wall: WallClock = local_now,
        audio: CueOutput | None = None,
    ) -> None:
        self.athletes = athletes
        self.plan = athletes[0].plan
        self.store = store
        self.clock = clock
        self.wall = wall
        self.name = name
        self.group = group or GroupRun(athletes, clock, debounce)
        self.cues = CueSchedule(audio)
        self.group_id: str | None = None
        self.records: dict[str, SessionRecord] = {}
        self.handles: dict[str, SessionHandle] = {}
        self._saved: dict[str, tuple[object, ...]] = {}
        self._saved_version = -1  # the group's version at the last look at the files
        self._saved_at = clock()
        self._paused_before: dict[str, float] = {}
        self._indexed = False
        self._resumed = False

    @classmethod
    def resume(
        cls,
        athletes: list[GroupAthlete],
        store: SessionStore,
        clock: Clock,
        unfinished: UnfinishedGroup,
        debounce: float = 1.0,
        *,
        name: str = "group",
        counted: str = RUNNING,
        wall: WallClock = local_now,
        audio: CueOutput | None = None,
    ) -> GroupSessionRun:
        """Bring a whole group back from its files, the gap counted as `counted` (as the
        solo resume: `running` bridges it with the wall clock, `paused` counts it in no
        segment). Raises SessionBusy when another window runs one of its files."""
        point = resume_point(unfinished.newest, wall(), counted)
        pauses, paused_for = carried_pauses(unfinished.newest, point)
        group = GroupRun.restore(
            athletes,
            unfinished.events,
            point.elapsed,
            clock,
            debounce,
            paused=point.paused,
            pauses=pauses,
            paused_for=paused_for,
        )
        run = cls(athletes, store, clock, debounce, name=name, group=group, wall=wall, audio=audio)
        run.group_id = unfinished.group
        run._resumed = True
        for key, (path, saved) in unfinished.files.items():
            run.handles[key] = store.reopen(path)
            saved.paused += point.extra_paused
            saved.gaps.append(point.gap)
            run.records[key] = saved
            run._paused_before[key] = saved.paused
        run.save(force=True)
        return run

    def resumed_from(self, unfinished: UnfinishedGroup, counted: str) -> GroupSessionRun:
        """This group (not started yet) brought back from `unfinished` instead, with the
        same store, clocks and sound. Raises SessionBusy as `resume` does."""
        return GroupSessionRun.resume(
            self.athletes,
            self.store,
            self.clock,
            unfinished,
            self.group.debounce,
            name=self.name,
            counted=counted,
            wall=self.wall,
            audio=self.audio,
        )

    @property
    def audio(self) -> CueOutput:
        return self.cues.audio

    @audio.setter
    def audio(self, audio: CueOutput) -> None:
        self.cues.audio = audio

    # -- the coach's inputs, and the heartbeat ----------------------------------
    def tick(self, now: float | None = None) -> GroupUpdate:
        """The group at `now`: timed steps run out, the files that changed are saved (all
        at a heartbeat), then the cue schedule follows every change."""
        instant = self.clock() if now is None else now
        self.group.advance(instant)
        saved = self.save()
        self.cues.follow(self.group.version, saved > 0, lambda: self.group.upcoming_cues(instant))
        return GroupUpdate(self.group.view(instant))

    def start(self, at: float) -> GroupUpdate:
        """Space (or a clicker's next), at the key's instant: starts the session, a waiting
        rep for everyone, or the next rep early; ends an open warm-up."""
        outcome = self.group.start(at)
        self.cues.play(press_cue(START_SOUNDS.get(outcome, PressSound.SILENT), at))
        notice = RUNNING_NOTICE if outcome is StartAction.RUNNING else None
        return GroupUpdate(self.tick().view, notice)

    def split(self, key: str, at: float) -> GroupUpdate:
        """An athlete's key, at the key's instant: their split, with their name and time
        spoken; the workout's end after it when they were the last one running."""
        outcome = self.group.split(key, at)
        name = self._name(key)
        notice = None
        if outcome.action is SplitAction.IGNORED:
            self.cues.play(press_cue(PressSound.TOO_SOON, at))
            notice = f"{name}: press ignored, too soon after the last one"
        elif outcome.action is SplitAction.NONE:
            notice = f"{name} is not running"
        else:
            self.cues.play(press_cue(PressSound.SPLIT, at, split_words(name, outcome)))
            if self.group.status is Status.DONE:
                self.cues.play(press_cue(PressSound.WORKOUT_DONE, at))
        return GroupUpdate(self.tick().view, notice)

    def out_for_rep(self, key: str, at: float | None = None) -> GroupUpdate:
        done = self.group.out_for_rep(key, at)
        name = self._name(key)
        notice = f"{name} out for this rep" if done else f"{name} is not running"
        return GroupUpdate(self.tick().view, notice)

    def out_for_session(self, key: str, at: float | None = None) -> GroupUpdate:
        done = self.group.out_for_session(key, at)
        name = self._name(key)
        notice = f"{name} out for the session" if done else f"{name} is already out"
        return GroupUpdate(self.tick().view, notice)

    def undo(self, at: float | None = None) -> GroupUpdate:
        """Take back the last input, whoever's it was."""
        undone = self.group.undo(at)
        return GroupUpdate(self.tick().view, undone_notice(undone))

    def undo_for(self, key: str, at: float | None = None) -> GroupUpdate:
        """Take back that athlete's last split (or out)."""
        undone = self.group.undo_for(key, at)
        return GroupUpdate(self.tick().view, undone_notice(undone, self._name(key)))

    def skip(self, at: float | None = None) -> GroupUpdate:
        """The group's current step ends here (the screen adds how to take it back)."""
        skipped = self.group.skip(at)
        return GroupUpdate(self.tick().view, skip_notice(skipped))

    def toggle_pause(self, at: float | None = None) -> GroupUpdate:
        """Pause or resume every clock: while paused no cue is due, so the schedule empties."""
        self.group.toggle_pause(at)
        return self.tick()

    def stop(self, at: float) -> GroupUpdate:
        """End everyone's session at `at` (the q press, not the dialog's answer): every
        file saved as stopped and closed, nothing more to play."""
        self.group.stop(at)
        self.end()
        return self.tick()

    def toggle_mute(self) -> GroupUpdate:
        return GroupUpdate(self.group.view(), self.cues.toggle_mute())

    def end(self) -> None:
        """The coach leaves the screen: nothing more to play, every file closed."""
        self.close()
        self.cues.silence()

    def _name(self, key: str) -> str:
        return self.group.name_of(key) or key

    @property
    def paths(self) -> list[Path]:
        return [h.path for h in self.handles.values()]

    @property
    def over(self) -> bool:
        return self.group.over

    def _record(self, athlete: GroupAthlete) -> SessionRecord:
        group = self.group
        key = athlete.key
        record = self.records.get(key)
        if record is None:
            started = self.wall()
            if group.origin is not None:
                started -= timedelta(seconds=max(self.clock() - group.origin, 0.0))
            if self.group_id is None:
                self.group_id = group_id(started, self.name)
            plan = athlete.plan
            record = SessionRecord(
                workout=plan.workout.name,
                source=plan.workout.source,
                workout_toml=plan.workout.text,
                started=started,
                race=runner_race_used(plan),
                athlete=athlete.name,
                group=self.group_id,
            )
            self.records[key] = record
        record.segments = group.records(key)
        # the athlete's inputs as a solo file has them; the group's in `group_event`
        record.events = cast(list[Any], group.athlete_inputs(key))
        record.extra[GROUP_EVENTS_KEY] = [e.to_dict() for e in group.events]
        record.extra[GROUP_ATHLETES_KEY] = [{"name": a.name, "key": a.key} for a in self.athletes]
        record.extra["group_name"] = self.name
        record.status = group.athlete_status(key)
        now = group.session_time()
        end = group.athlete_end(key)
        record.elapsed = now if end is None else min(now, end)
        paused_now = (self.clock() - group.paused_at) if group.paused_at is not None else 0.0
        record.paused = self._paused_before.get(key, 0.0) + group.paused_total + paused_now
        record.paused_at_save = group.paused
        record.pauses = group.pause_records()  # the group's: everyone's clock stopped
        if record.status != "in_progress" and record.ended is None:
            record.ended = self.wall() - timedelta(seconds=max(now - record.elapsed, 0.0))
        return record

    def save(self, force: bool = False) -> int:
        """Save each athlete whose file changed (all at a heartbeat); how many were queued."""
        group = self.group
        group.state()
        if not group.started:
            return 0
        heartbeat = (
            not group.paused
            and not group.over
            and self.clock() - self._saved_at >= HEARTBEAT_SECONDS
        )
        if not force and not heartbeat and group.version == self._saved_version:
            return 0  # nothing happened since the last look: no file changed
        self._saved_version = group.version
        queued = 0
        for athlete in self.athletes:
            key = athlete.key
            signature = group.signature(key)
            if not force and not heartbeat and self._saved.get(key) == signature:
                continue
            handle = self.handles.get(key)
            if handle is None and self._resumed and group.athlete_status(key) == "stopped":
                continue  # out for the session before the resume: their file is closed
            record = self._record(athlete)
            if handle is None:
                self.handles[key] = self.store.create(record)
            else:
                self.store.save(handle, record)
            self._saved[key] = signature
            queued += 1
        if heartbeat or force:
            self._saved_at = self.clock()
        return queued

    @property
    def unsaved(self) -> bool:
        return any(self.store.unsaved(h) for h in self.handles.values())

    def close(self) -> bool:
        """Save every file and wait for the disk; release the files of a finished group and
        bring the review index up to date. False while a save still fails."""
        self.save(force=True)
        ok = self.store.flush(timeout=5.0)
        if ok and self.group.over:
            for handle in self.handles.values():
                self.store.release(handle)
        paths = [p for p in self.paths if p.exists()]
        if ok and not self._indexed and paths:
            self._indexed = True
            threading.Thread(
                target=refresh_index, args=(paths[0].parent,), name="index", daemon=True
            ).start()
        return ok


def close_unfinished(store: SessionStore, unfinished: UnfinishedGroup) -> list[str]:
    """The coach chose to close an unfinished group run: each of its files marked stopped
    and written; what could not be, a line a file (another window runs it)."""
    problems: list[str] = []
    for path, record in unfinished.files.values():
        try:
            store.mark_stopped(path, record)
        except SessionBusy as err:
            problems.append(str(err))
    store.flush(timeout=5.0)
    return problems
