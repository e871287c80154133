"""Session records: what was planned and what the runner did.

The shape follows `shared/SESSION_FORMAT.md` (version 1). These are plain data
with conversion to and from the TOML document; reading and writing files is the
storage layer's job.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal, NamedTuple, cast, get_args

FORMAT_VERSION = 1
# The file's closed vocabularies, as types: a misspelt value is a type error, not a bug
SegmentKind = Literal["warmup", "run", "rest", "cooldown"]
SessionStatus = Literal["in_progress", "completed", "stopped"]
EndedBy = Literal["press", "timer", "skip", "stop"]  # what ended a segment
InputKind = Literal["press", "skip"]  # the runner's inputs the engine replays
SEGMENT_KINDS: tuple[SegmentKind, ...] = get_args(SegmentKind)
STATUSES: tuple[SessionStatus, ...] = get_args(SessionStatus)
ENDED_BY: tuple[EndedBy, ...] = get_args(EndedBy)
INPUT_KINDS: tuple[InputKind, ...] = get_args(InputKind)
# A rep run to its end (by the runner's press, or a timed rep's timer): a result. A
# skipped or stopped rep, or one still running, says nothing of the runner's pace.
COUNTED_ENDINGS: frozenset[EndedBy] = frozenset({"press", "timer"})
GAP_COUNTED = ("running", "paused")
# Bounds on what a session file may hold. Every file is untrusted: these keep dates,
# sums and clocks finite, and are far past anything the app writes (a segment left
# counting up over a long weekend, a session paused for months), so no record is lost.
MAX_SEGMENT_SECONDS = 7 * 86400.0  # a segment's time, each lap, each marker, a target
MAX_SESSION_SECONDS = 30 * 86400.0  # session clock values: start, elapsed, events, gaps
MAX_PAUSED_SECONDS = 366 * 86400.0  # total paused time
MAX_METRES = 1_000_000.0  # a segment's distance, as a workout allows
MIN_METRES = 1e-6  # far under any workout's (1 m), and keeps a pace (s/m) finite
MAX_NUMBER = 1_000_000  # step, set and rep numbers
EFFORTS = range(1, 11)
YEARS = range(1900, 9001)  # a date outside is a wrong clock or a made-up file
LAPS_SLACK = 1.0  # seconds laps may exceed `time` by (ms rounding), plus 1 %
PAUSES_SLACK = 0.002  # seconds the pauses' lengths may exceed `paused` by (ms rounding)
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
        "pause",
        "paused_at_save",
        "race",
        "athlete",
        "group",
    }
)


class SessionFormatError(ValueError):
    """A session document that cannot be read; the message says why."""


def ms(seconds: float) -> float:
    """Round to the millisecond, as the format stores every time."""
    return float(round(seconds, 3))


class Input(NamedTuple):
    """One input of the runner, at session time `at` (seconds); a plain pair on disk."""

    kind: InputKind
    at: float


class PauseRecord(NamedTuple):
    """One pause: the session time it began at (seconds, pauses excluded) and how long
    it lasted (seconds). Several may begin at one session time: they follow one another."""

    at: float
    lasted: float


@dataclass(slots=True)
class SegmentRecord:
    """One step, set and rep actually begun."""

    kind: SegmentKind
    step: int
    set: int
    rep: int
    label: str
    start: float
    time: float
    laps: list[float] = field(default_factory=list)
    ended_by: EndedBy | None = None  # None while the segment is still running
    distance: float | None = None
    target: tuple[float, float] | None = None
    markers: list[float] = field(default_factory=list)  # presses in a timed step, from its start

    @property
    def done(self) -> bool:
        """A run rep run to its end: what "reps done" counts, on every screen."""
        return self.kind == "run" and self.ended_by in COUNTED_ENDINGS

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
        kind = cast(SegmentKind, _choice(data, "kind", SEGMENT_KINDS, where))
        ended_by = data.get("ended_by")
        if ended_by is not None and not (isinstance(ended_by, str) and ended_by in ENDED_BY):
            raise SessionFormatError(
                f"{where}: ended_by {_shown(ended_by)} is not one of {', '.join(ENDED_BY)}"
            )
        time = _num(data, "time", where, MAX_SEGMENT_SECONDS)
        laps = _num_list(data, "laps", where, MAX_SEGMENT_SECONDS)
        _check_laps_fit(laps, time, where)
        return cls(
            kind=kind,
            step=_counter(data, "step", where),
            set=_counter(data, "set", where),
            rep=_counter(data, "rep", where),
            label=_text(data, "label", where),
            start=_num(data, "start", where, MAX_SESSION_SECONDS),
            time=time,
            laps=laps,
            ended_by=ended_by,
            distance=_distance(data, where),
            target=_target(data, where),
            markers=_num_list(data, "markers", where, MAX_SEGMENT_SECONDS),
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
        counted = _choice(data, "counted", GAP_COUNTED, where)
        _check_date(resumed, f"{where}: 'resumed'")
        return cls(
            after=_num(data, "after", where, MAX_SESSION_SECONDS), resumed=resumed, counted=counted
        )


@dataclass(slots=True)
class SessionRecord:
    """One run of a workout, as stored in one session file."""

    workout: str
    source: str
    workout_toml: str
    started: datetime
    status: SessionStatus = "in_progress"
    ended: datetime | None = None
    notes: str = ""
    effort: int | None = None  # the runner's 1-10 rating, added after
    segments: list[SegmentRecord] = field(default_factory=list)
    elapsed: float = 0.0  # session time (pauses excluded) at the last save, for resume
    paused: float = 0.0  # total paused time, seconds
    # the runner's inputs in session time, so a resumed session replays exactly:
    events: list[Input] = field(default_factory=list)
    gaps: list[GapRecord] = field(default_factory=list)  # times the program was not running
    # each pause in the order they happened: where it began in session time and how long
    # it lasted (`p`, and a gap counted as paused with the wait for the press that resumed);
    # their lengths add up to `paused`, less what a file from before pauses were kept held
    pauses: list[PauseRecord] = field(default_factory=list)
    # set when the session was paused at the last save: the resume offer then knows
    # that the gap since is paused time whatever the runner did
    paused_at_save: bool = False
    # the runner's race (settings.toml) the workout's race paces came from, so a review
    # or a resume rebuilds the same targets after the runner sets a new race
    race: str | None = None
    athlete: str | None = None  # coach mode: whose session this is
    group: str | None = None  # coach mode: the group run it belongs to (its file stem)
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
        if self.athlete is not None:
            out["athlete"] = self.athlete
        if self.group is not None:
            out["group"] = self.group
        for key, value in self.extra.items():
            if key not in SESSION_KEYS:
                out[key] = value
        out["elapsed"] = ms(self.elapsed)
        out["paused"] = ms(self.paused)
        out["segment"] = [s.to_dict() for s in self.segments]
        out["event"] = [{"kind": kind, "at": ms(at)} for kind, at in self.events]
        if self.paused_at_save:
            out["paused_at_save"] = True
        if self.race is not None:
            out["race"] = self.race
        if self.gaps:
            out["gap"] = [g.to_dict() for g in self.gaps]
        if self.pauses:
            out["pause"] = [
                {"at": ms(at), "lasted": lasted} for at, lasted in _ms_lengths(self.pauses)
            ]
        return out

    @classmethod
    def from_dict(cls, data: Any) -> SessionRecord:
        if not isinstance(data, dict):
            raise SessionFormatError("not a table")
        fmt = data.get("format")
        if not isinstance(fmt, int) or isinstance(fmt, bool):
            raise SessionFormatError(
                "missing key 'format'" if fmt is None else "'format' must be a whole number (1)"
            )
        if fmt > FORMAT_VERSION:
            shown = f"{fmt}" if fmt < 10**6 else "number"
            raise SessionFormatError(
                f"format {shown} is newer than this trackapp reads (format {FORMAT_VERSION}); "
                "upgrade trackapp"
            )
        if fmt < 1:
            raise SessionFormatError(f"format {fmt} is not a session format; format is 1")
        started = data.get("started")
        if not isinstance(started, datetime):
            raise SessionFormatError("missing key 'started' (a date and time)")
        ended = data.get("ended")
        if ended is not None and not isinstance(ended, datetime):
            raise SessionFormatError("'ended' is not a date and time")
        _check_date(started, "'started'")
        if ended is not None:
            _check_date(ended, "'ended'")
        status = cast(SessionStatus, _choice(data, "status", STATUSES, "session"))
        effort = data.get("effort")
        if effort is not None and (
            not isinstance(effort, int) or isinstance(effort, bool) or effort not in EFFORTS
        ):
            raise SessionFormatError("'effort' must be a whole number from 1 to 10")
        raw_segments = data.get("segment", [])
        if not isinstance(raw_segments, list):
            raise SessionFormatError("'segment' must be an array of tables")
        raw_events = data.get("event", [])
        events: list[Input] = []
        if isinstance(raw_events, list):
            for item in raw_events:
                if (
                    isinstance(item, dict)
                    and item.get("kind") in INPUT_KINDS
                    and _is_number(item.get("at"))
                ):
                    events.append(
                        Input(item["kind"], _num(item, "at", "event", MAX_SESSION_SECONDS))
                    )
        raw_gaps = data.get("gap", [])
        if not isinstance(raw_gaps, list):
            raise SessionFormatError("'gap' must be an array of tables")
        gaps = [GapRecord.from_dict(g, i + 1) for i, g in enumerate(raw_gaps)]
        _check_same_kind_of_dates([started, ended, *(g.resumed for g in gaps)])
        paused = _optional_num(data, "paused", MAX_PAUSED_SECONDS)
        return cls(
            workout=_req(data, "workout", str, "session"),
            source=_text(data, "source", "session"),
            workout_toml=_text(data, "workout_toml", "session"),
            started=started,
            ended=ended,
            status=status,
            notes=_text(data, "notes", "session"),
            effort=effort,
            segments=[SegmentRecord.from_dict(s, i + 1) for i, s in enumerate(raw_segments)],
            elapsed=_optional_num(data, "elapsed", MAX_SESSION_SECONDS),
            paused=paused,
            events=events,
            gaps=gaps,
            pauses=_pauses(data.get("pause", []), paused),
            paused_at_save=data.get("paused_at_save") is True,
            race=_race_text(data.get("race")),
            athlete=_short_text(data, "athlete"),
            group=_short_text(data, "group"),
            extra={k: v for k, v in data.items() if k not in SESSION_KEYS},
            format=fmt,
        )


def _ms_lengths(pauses: list[PauseRecord]) -> list[PauseRecord]:
    """The lengths rounded so that each running total is the true one's to the ms: over
    hundreds of pauses, the instants after them stay within a millisecond."""
    out: list[PauseRecord] = []
    total = 0.0
    rounded = 0.0
    for at, lasted in pauses:
        total += max(lasted, 0.0)
        lasted_ms = ms(ms(total) - rounded)
        rounded = ms(rounded + lasted_ms)
        out.append(PauseRecord(at, lasted_ms))
    return out


def _pauses(raw: Any, paused: float) -> list[PauseRecord]:
    """`[[pause]]`: each `at` a session time, each `lasted` a paused time; all of them
    together no longer than `paused`."""
    if not isinstance(raw, list):
        raise SessionFormatError("'pause' must be an array of tables")
    pauses: list[PauseRecord] = []
    for i, item in enumerate(raw):
        where = f"pause {i + 1}"
        if not isinstance(item, dict):
            raise SessionFormatError(f"{where} is not a table")
        pauses.append(
            PauseRecord(
                _num(item, "at", where, MAX_SESSION_SECONDS),
                _num(item, "lasted", where, MAX_PAUSED_SECONDS),
            )
        )
    total = math.fsum(p.lasted for p in pauses)
    if total > paused + PAUSES_SLACK:
        raise SessionFormatError(
            f"the pauses last {_seconds(total)} together, more than 'paused' "
            f"({_seconds(paused)}); the pauses are parts of it"
        )
    return pauses


def _short_text(data: dict[str, Any], key: str) -> str | None:
    """An optional name (`athlete`, `group`): text of at most 200 characters, or refused."""
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not 0 < len(value) <= 200:
        raise SessionFormatError(f"'{key}' must be text of 1 to 200 characters")
    return value


def _race_text(value: Any) -> str | None:
    """The saved race ("5K 20:00"): short text, or refused."""
    if value is None:
        return None
    if not isinstance(value, str) or len(value) > 100:
        raise SessionFormatError("'race' must be a race like \"5K 20:00\"")
    return value


def _ms_datetime(value: datetime) -> datetime:
    return value.replace(microsecond=(value.microsecond // 1000) * 1000)


def _is_number(value: Any) -> bool:
    """A finite int or float; ints too big for a float (TOML allows 4,300 digits) are not."""
    if isinstance(value, float):
        return math.isfinite(value)
    return isinstance(value, int) and not isinstance(value, bool) and abs(value) < 2**63


def _req(data: dict[str, Any], key: str, kind: type, where: str) -> Any:
    value = data.get(key)
    if value is None:
        raise SessionFormatError(f"{where}: missing key {key!r}")
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise SessionFormatError(f"{where}: {key!r} has the wrong type")
    return value


def _choice(data: dict[str, Any], key: str, choices: tuple[str, ...], where: str) -> str:
    """A required text key whose value is one of `choices`."""
    value: str = _req(data, key, str, where)
    if value not in choices:
        raise SessionFormatError(f"{where}: {key} {value!r} is not one of {', '.join(choices)}")
    return value


def _num(data: dict[str, Any], key: str, where: str, cap: float) -> float:
    """Seconds from 0 to `cap`; anything else is not a time the app could have written."""
    value = data.get(key)
    if value is None:
        raise SessionFormatError(f"{where}: missing key {key!r} (seconds)")
    if not _is_number(value):
        raise SessionFormatError(f"{where}: {key!r} must be a number of seconds")
    if not 0 <= value <= cap:
        raise SessionFormatError(f"{where}: {key!r} is {_seconds(value)}; {_range(cap)}")
    return float(value)


def _num_list(data: dict[str, Any], key: str, where: str, cap: float) -> list[float]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(_is_number(x) for x in value):
        raise SessionFormatError(f"{where}: {key!r} must be a list of seconds")
    for x in value:
        if not 0 <= x <= cap:
            raise SessionFormatError(f"{where}: {key!r} holds {_seconds(x)}; {_range(cap)}")
    return [float(x) for x in value]


def _optional_num(data: dict[str, Any], key: str, cap: float) -> float:
    """A session-level time that older files may lack (0 then); present, it must be right."""
    return 0.0 if data.get(key) is None else _num(data, key, "session", cap)


def _seconds(value: float) -> str:
    return f"{value:.6g} s"


def _range(cap: float) -> str:
    return f"a time here is from 0 to {cap / 86400:g} days ({cap:,.0f} s)"


def _check_laps_fit(laps: list[float], time: float, where: str) -> None:
    """Each lap is part of the segment: together they never exceed its `time`."""
    total = math.fsum(laps)
    if total > time * 1.01 + LAPS_SLACK:
        raise SessionFormatError(
            f"{where}: its laps add up to {_seconds(total)}, more than its time "
            f"{_seconds(time)}; the laps are parts of the time"
        )


def _counter(data: dict[str, Any], key: str, where: str) -> int:
    value: int = _req(data, key, int, where)
    if not 1 <= value <= MAX_NUMBER:
        shown = value if abs(value) < 10**9 else "a huge number"
        raise SessionFormatError(f"{where}: {key!r} is {shown}; it counts from 1")
    return value


def _text(data: dict[str, Any], key: str, where: str) -> str:
    """Optional text ('' when absent); a number or table where text belongs is an error."""
    value = data.get(key, "")
    if not isinstance(value, str):
        raise SessionFormatError(f"{where}: {key!r} must be text in quotes")
    return value


def _distance(data: dict[str, Any], where: str) -> float | None:
    value = data.get("distance")
    if value is None:
        return None
    if not _is_number(value) or not MIN_METRES <= value <= MAX_METRES:
        raise SessionFormatError(
            f"{where}: distance must be metres, more than 0 and at most {MAX_METRES:,.0f}"
        )
    return float(value)


def _target(data: dict[str, Any], where: str) -> tuple[float, float] | None:
    value = data.get("target")
    if value is None:
        return None
    if not isinstance(value, list) or len(value) != 2 or not all(_is_number(x) for x in value):
        raise SessionFormatError(f"{where}: target must be [low, high] in seconds")
    low, high = float(value[0]), float(value[1])
    if not 0 <= low <= high <= MAX_SEGMENT_SECONDS:
        raise SessionFormatError(
            f"{where}: target must be [low, high] with 0 <= low <= high; "
            f"{_range(MAX_SEGMENT_SECONDS)}"
        )
    return (low, high)


def _check_date(value: datetime, what: str) -> None:
    if value.year not in YEARS:
        raise SessionFormatError(
            f"{what} is in the year {value.year}; a session's dates are from "
            f"{YEARS.start} to {YEARS.stop - 1}"
        )


def _check_same_kind_of_dates(values: list[datetime | None]) -> None:
    """All with a UTC offset or all without: the two kinds cannot be subtracted."""
    kinds = {v.utcoffset() is not None for v in values if v is not None}
    if len(kinds) > 1:
        raise SessionFormatError(
            "'started', 'ended' and each gap's 'resumed' must all carry a UTC offset "
            "(2026-11-27T18:05:03.120+01:00) or none of them"
        )


def _shown(value: Any) -> str:
    """A value as quoted in a message, cut short."""
    if isinstance(value, int) and abs(value) >= 10**12:
        return "a huge number"
    text = repr(value) if isinstance(value, str | int | float | bool) else type(value).__name__
    return text if len(text) <= 40 else text[:37] + "..."
