"""Session records: what was planned and what the runner did.

The shape follows `shared/SESSION_FORMAT.md` (version 1). These are plain data
with conversion to and from the TOML document; reading and writing files is the
storage layer's job.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

FORMAT_VERSION = 1
SEGMENT_KINDS = ("warmup", "run", "rest", "cooldown")
STATUSES = ("in_progress", "completed", "stopped")
ENDED_BY = ("press", "timer", "skip", "stop")
GAP_COUNTED = ("running", "paused")
# Top-level keys this version reads; any other key is kept as it was (`extra`), so a
# rewrite (notes, effort) never drops what another tool or a newer trackapp added.
SESSION_KEYS = frozenset(
    {
        "format",
        "workout",
        "source",
        "workout_toml",
        "started",
        "ended",
        "status",
        "notes",
        "effort",
        "elapsed",
        "paused",
        "segment",
        "event",
        "gap",
        "paused_at_save",
    }
)


class SessionFormatError(ValueError):
    """A session document that cannot be read; the message says why."""


def ms(seconds: float) -> float:
    """Round to the millisecond, as the format stores every time."""
    return float(round(seconds, 3))


@dataclass(slots=True)
class SegmentRecord:
    """One step, set and rep actually begun."""

    kind: str
    step: int
    set: int
    rep: int
    label: str
    start: float
    time: float
    laps: list[float] = field(default_factory=list)
    ended_by: str | None = None  # None while the segment is still running
    distance: float | None = None
    target: tuple[float, float] | None = None
    markers: list[float] = field(default_factory=list)  # presses in a timed step, from its start

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "kind": self.kind,
            "step": self.step,
            "set": self.set,
            "rep": self.rep,
            "label": self.label,
        }
        if self.distance is not None:
            out["distance"] = float(self.distance)
        if self.target is not None:
            out["target"] = [float(self.target[0]), float(self.target[1])]
        out["start"] = ms(self.start)
        out["time"] = ms(self.time)
        out["laps"] = [ms(x) for x in self.laps]
        if self.markers:
            out["markers"] = [ms(x) for x in self.markers]
        if self.ended_by is not None:
            out["ended_by"] = self.ended_by
        return out

    @classmethod
    def from_dict(cls, data: Any, index: int) -> SegmentRecord:
        where = f"segment {index}"
        if not isinstance(data, dict):
            raise SessionFormatError(f"{where} is not a table")
        kind = _req(data, "kind", str, where)
        if kind not in SEGMENT_KINDS:
            raise SessionFormatError(
                f"{where}: kind {kind!r} is not one of {', '.join(SEGMENT_KINDS)}"
            )
        ended_by = data.get("ended_by")
        if ended_by is not None and ended_by not in ENDED_BY:
            raise SessionFormatError(
                f"{where}: ended_by {ended_by!r} is not one of {', '.join(ENDED_BY)}"
            )
        target = data.get("target")
        if target is not None:
            if (
                not isinstance(target, list)
                or len(target) != 2
                or not all(_is_number(x) for x in target)
            ):
                raise SessionFormatError(f"{where}: target must be [low, high] in seconds")
            target = (float(target[0]), float(target[1]))
        distance = data.get("distance")
        if distance is not None and not _is_number(distance):
            raise SessionFormatError(f"{where}: distance must be a number of metres")
        return cls(
            kind=kind,
            step=_req(data, "step", int, where),
            set=_req(data, "set", int, where),
            rep=_req(data, "rep", int, where),
            label=str(data.get("label", "")),
            start=_num(data, "start", where),
            time=_num(data, "time", where),
            laps=_num_list(data, "laps", where),
            ended_by=ended_by,
            distance=None if distance is None else float(distance),
            target=target,
            markers=_num_list(data, "markers", where),
        )


@dataclass(slots=True)
class GapRecord:
    """A stretch when the program was not running (a crash, a kill, a closed lid)."""

    after: float  # session seconds of the last instant saved before it stopped
    resumed: datetime  # wall-clock time of the resume
    counted: str  # "running": the running segment kept its clock; "paused": in no segment

    def to_dict(self) -> dict[str, Any]:
        return {
            "after": ms(self.after),
            "resumed": _ms_datetime(self.resumed),
            "counted": self.counted,
        }

    @classmethod
    def from_dict(cls, data: Any, index: int) -> GapRecord:
        where = f"gap {index}"
        if not isinstance(data, dict):
            raise SessionFormatError(f"{where} is not a table")
        resumed = data.get("resumed")
        if not isinstance(resumed, datetime):
            raise SessionFormatError(f"{where}: 'resumed' is not a date and time")
        counted = _req(data, "counted", str, where)
        if counted not in GAP_COUNTED:
            raise SessionFormatError(
                f"{where}: counted {counted!r} is not one of {', '.join(GAP_COUNTED)}"
            )
        return cls(after=_num(data, "after", where), resumed=resumed, counted=counted)


@dataclass(slots=True)
class SessionRecord:
    """One run of a workout, as stored in one session file."""

    workout: str
    source: str
    workout_toml: str
    started: datetime
    status: str = "in_progress"
    ended: datetime | None = None
    notes: str = ""
    effort: int | None = None  # the runner's 1-10 rating, added after
    segments: list[SegmentRecord] = field(default_factory=list)
    elapsed: float = 0.0  # session time (pauses excluded) at the last save, for resume
    paused: float = 0.0  # total paused time, seconds
    # the runner's inputs in session time, so a resumed session replays exactly:
    # ("press" | "skip", seconds from the session's start)
    events: list[tuple[str, float]] = field(default_factory=list)
    gaps: list[GapRecord] = field(default_factory=list)  # times the program was not running
    # set when the session was paused at the last save: the resume offer then knows
    # that the gap since is paused time whatever the runner did
    paused_at_save: bool = False
    extra: dict[str, Any] = field(default_factory=dict)  # keys this version does not know
    format: int = FORMAT_VERSION

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "format": self.format,
            "workout": self.workout,
            "source": self.source,
            "workout_toml": self.workout_toml,
            "started": _ms_datetime(self.started),
        }
        if self.ended is not None:
            out["ended"] = _ms_datetime(self.ended)
        out["status"] = self.status
        out["notes"] = self.notes
        if self.effort is not None:
            out["effort"] = self.effort
        for key, value in self.extra.items():
            if key not in SESSION_KEYS:
                out[key] = value
        out["elapsed"] = ms(self.elapsed)
        out["paused"] = ms(self.paused)
        out["segment"] = [s.to_dict() for s in self.segments]
        out["event"] = [{"kind": kind, "at": ms(at)} for kind, at in self.events]
        if self.paused_at_save:
            out["paused_at_save"] = True
        if self.gaps:
            out["gap"] = [g.to_dict() for g in self.gaps]
        return out

    @classmethod
    def from_dict(cls, data: Any) -> SessionRecord:
        if not isinstance(data, dict):
            raise SessionFormatError("not a table")
        fmt = data.get("format")
        if not isinstance(fmt, int) or isinstance(fmt, bool):
            raise SessionFormatError("missing key 'format'")
        if fmt > FORMAT_VERSION:
            raise SessionFormatError(
                f"format {fmt} is newer than this trackapp reads (format {FORMAT_VERSION}); "
                "upgrade trackapp"
            )
        started = data.get("started")
        if not isinstance(started, datetime):
            raise SessionFormatError("missing key 'started' (a date and time)")
        ended = data.get("ended")
        if ended is not None and not isinstance(ended, datetime):
            raise SessionFormatError("'ended' is not a date and time")
        status = _req(data, "status", str, "session")
        if status not in STATUSES:
            raise SessionFormatError(f"status {status!r} is not one of {', '.join(STATUSES)}")
        effort = data.get("effort")
        if effort is not None and (not isinstance(effort, int) or isinstance(effort, bool)):
            raise SessionFormatError("'effort' must be a whole number from 1 to 10")
        raw_segments = data.get("segment", [])
        if not isinstance(raw_segments, list):
            raise SessionFormatError("'segment' must be an array of tables")
        raw_events = data.get("event", [])
        events: list[tuple[str, float]] = []
        if isinstance(raw_events, list):
            for item in raw_events:
                if (
                    isinstance(item, dict)
                    and item.get("kind") in ("press", "skip")
                    and _is_number(item.get("at"))
                ):
                    events.append((str(item["kind"]), _num(item, "at", "event")))
        raw_gaps = data.get("gap", [])
        if not isinstance(raw_gaps, list):
            raise SessionFormatError("'gap' must be an array of tables")
        return cls(
            workout=_req(data, "workout", str, "session"),
            source=str(data.get("source", "")),
            workout_toml=str(data.get("workout_toml", "")),
            started=started,
            ended=ended,
            status=status,
            notes=str(data.get("notes", "")),
            effort=effort,
            segments=[SegmentRecord.from_dict(s, i + 1) for i, s in enumerate(raw_segments)],
            elapsed=_num(data, "elapsed", "session") if _is_number(data.get("elapsed")) else 0.0,
            paused=_num(data, "paused", "session") if _is_number(data.get("paused")) else 0.0,
            events=events,
            gaps=[GapRecord.from_dict(g, i + 1) for i, g in enumerate(raw_gaps)],
            paused_at_save=data.get("paused_at_save") is True,
            extra={k: v for k, v in data.items() if k not in SESSION_KEYS},
            format=fmt,
        )


def _ms_datetime(value: datetime) -> datetime:
    return value.replace(microsecond=(value.microsecond // 1000) * 1000)


def _is_number(value: Any) -> bool:
    return (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and math.isfinite(float(value))
    )


def _req(data: dict[str, Any], key: str, kind: type, where: str) -> Any:
    value = data.get(key)
    if value is None:
        raise SessionFormatError(f"{where}: missing key {key!r}")
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise SessionFormatError(f"{where}: {key!r} has the wrong type")
    return value


def _num(data: dict[str, Any], key: str, where: str) -> float:
    value = data.get(key)
    if not isinstance(value, int | float) or not _is_number(value):
        raise SessionFormatError(f"{where}: missing key {key!r} (seconds)")
    return float(value)


def _num_list(data: dict[str, Any], key: str, where: str) -> list[float]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(_is_number(x) for x in value):
        raise SessionFormatError(f"{where}: {key!r} must be a list of seconds")
    return [float(x) for x in value]
