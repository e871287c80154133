"""The list of sessions, kept quick with an index cache; and resolving a SESSION argument.

Parsing 2,000 TOML files takes seconds, so each file's summary is cached in
`<data dir>/index.json`, keyed on file name, size and mtime_ns. A stale or
missing entry is re-read; a corrupt cache is ignored and rebuilt. A bad
session file never raises here: it is listed as unreadable with its reason.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from trackapp.domain.session import SessionFormatError, SessionRecord
from trackapp.storage.bounded_read import UnreadableFile, read_bounded
from trackapp.storage.session_files import read_session, write_atomic

if TYPE_CHECKING:
    from trackapp.domain.years import IndexedRep

INDEX_NAME = "index.json"
INDEX_VERSION = 4  # 2: reps_total is the reps planned; on_target and targeted added
# 3: athlete and group (coach mode); 4: done_reps (the years: `trackapp reps`)
MAX_INDEX_BYTES = 64_000_000  # ~100,000 sessions; a bigger cache is ignored and rebuilt
NOTES_KEPT = 200  # the list only shows the start of the notes

Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class SessionSummary:
    """What the sessions list shows of one file; `error` is set when it is unreadable."""

    name: str
    size: int
    mtime_ns: int
    sort_key: float  # start time as a timestamp; newest first sorts on this
    started: str | None = None  # ISO 8601 as stored
    workout: str = ""
    status: str = ""
    reps_done: int = 0  # run to their end; a session with none is unfinished, not a result
    reps_total: int = 0  # planned in the workout (a stopped session too)
    average: float | None = None  # None when the session mixes kinds of rep
    average_target: float | None = None
    average_diff: float | None = None  # mean seconds outside the target range
    on_target: int = 0  # done reps inside their target range
    targeted: int = 0  # done reps with a target
    effort: int | None = None
    notes: str = ""
    pace_unit: str = "km"
    athlete: str | None = None  # coach mode: whose session
    group: str | None = None  # coach mode: the group run it belongs to
    # each done rep of a distance or duration: (unit, amount, time, target low, high)
    done_reps: tuple[IndexedRep, ...] = ()
    error: str | None = None

    @property
    def readable(self) -> bool:
        return self.error is None

    @property
    def has_result(self) -> bool:
        """Readable with at least one rep done: a result to show. A session started and
        given up before any rep ended is hidden from compare and the last result."""
        return self.error is None and self.reps_done > 0

    @property
    def date(self) -> str:
        """`2026-11-27 18:05`, from the record or, when unreadable, the file name."""
        if self.started:
            return self.started[:16].replace("T", " ")
        stamp = _stamp_from_name(self.name)
        return stamp.strftime("%Y-%m-%d %H:%M") if stamp else "?"

    @property
    def stem(self) -> str:
        return self.name.removesuffix(".toml")


def summarize(
    path: Path, size: int, mtime_ns: int, load: Callable[[], SessionRecord] | None = None
) -> SessionSummary:
    """Read one file (or what `load` gives for it) into its summary; never raises."""
    # here, not at the top: the run screen opens the store, and needs none of these
    from trackapp.domain.stats import session_figures
    from trackapp.domain.years import indexed_reps

    try:
        record = read_session(path) if load is None else load()
        figures = session_figures(record)
    except SessionFormatError as err:
        return _unreadable(path.name, size, mtime_ns, str(err))
    except Exception as err:  # a file that breaks the reader must not break the list
        return _unreadable(path.name, size, mtime_ns, f"cannot read: {err!r}")
    return SessionSummary(
        name=path.name,
        size=size,
        mtime_ns=mtime_ns,
        sort_key=record.started.timestamp(),
        started=record.started.isoformat(),
        workout=record.workout,
        status=record.status,
        reps_done=figures.done,
        reps_total=figures.planned,
        average=figures.average,
        average_target=figures.average_target,
        average_diff=figures.average_diff,
        on_target=figures.on_target,
        targeted=figures.against.count if figures.against else 0,
        effort=record.effort,
        notes=record.notes[:NOTES_KEPT],
        pace_unit=figures.pace_unit,
        athlete=record.athlete,
        group=record.group,
        done_reps=indexed_reps(figures.reps),
    )


def _unreadable(name: str, size: int, mtime_ns: int, reason: str) -> SessionSummary:
    stamp = _stamp_from_name(name)
    key = stamp.timestamp() if stamp else mtime_ns / 1e9
    return SessionSummary(name=name, size=size, mtime_ns=mtime_ns, sort_key=key, error=reason)


def _stamp_from_name(name: str) -> datetime | None:
    try:
        return datetime.strptime(name[:19], "%Y-%m-%dT%H-%M-%S")
    except ValueError:
        return None


# ---- the cache file ----

_FIELDS = {f.name for f in fields(SessionSummary)}


def _load_cache(path: Path) -> dict[str, SessionSummary]:
    """The cached summaries by file name; anything odd about the cache means start afresh.

    The cache is a file like any other: it may be a FIFO, huge, nested ten thousand
    deep or hand-edited, and none of that may stop the listing.
    """
    try:
        data = json.loads(read_bounded(path, MAX_INDEX_BYTES))
    except (UnreadableFile, ValueError, RecursionError, MemoryError):
        return {}
    if not isinstance(data, dict) or data.get("version") != INDEX_VERSION:
        return {}
    entries = data.get("sessions")
    if not isinstance(entries, list):
        return {}
    out: dict[str, SessionSummary] = {}
    for entry in entries:
        summary = _from_json(entry)
        if summary is not None:
            out[summary.name] = summary
    return out


def _from_json(entry: Any) -> SessionSummary | None:
    """The entry as a summary when every field has the type and range it is written with;
    else None, and the file is read again (a bad entry must not crash every listing)."""
    if not isinstance(entry, dict) or set(entry) != _FIELDS:
        return None
    if not all(_FIELD_CHECKS[key](value) for key, value in entry.items()):
        return None
    entry = {**entry, "done_reps": tuple(tuple(rep) for rep in entry["done_reps"])}
    return SessionSummary(**entry)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and abs(value) < 2**63


def _is_count(value: Any) -> bool:
    return _is_int(value) and value >= 0


def _is_real(value: Any) -> bool:
    return _is_int(value) or (isinstance(value, float) and math.isfinite(value))


def _is_file_name(value: Any) -> bool:
    return (
        isinstance(value, str)
        and value.endswith(".toml")
        and "/" not in value
        and "\0" not in value
    )


def _optional(check: Callable[[Any], bool]) -> Callable[[Any], bool]:
    return lambda value: value is None or check(value)


def _is_str(value: Any) -> bool:
    return isinstance(value, str)


def _is_indexed_rep(value: Any) -> bool:
    """`[unit, amount, time, target low, target high]`: "m" or "s", positive figures."""
    if not isinstance(value, list) or len(value) != 5 or value[0] not in ("m", "s"):
        return False
    _unit, amount, time, low, high = value
    if not (_is_real(amount) and amount > 0 and _is_real(time) and time >= 0):
        return False
    if low is None or high is None:
        return low is None and high is None
    return _is_real(low) and _is_real(high) and low <= high


def _is_indexed_reps(value: Any) -> bool:
    return isinstance(value, list) and all(_is_indexed_rep(rep) for rep in value)


_FIELD_CHECKS: dict[str, Callable[[Any], bool]] = {
    "name": _is_file_name,
    "size": _is_count,
    "mtime_ns": _is_int,
    "sort_key": _is_real,
    "started": _optional(_is_str),
    "workout": _is_str,
    "status": _is_str,
    "reps_done": _is_count,
    "reps_total": _is_count,
    "average": _optional(_is_real),
    "average_target": _optional(_is_real),
    "average_diff": _optional(_is_real),
    "on_target": _is_count,
    "targeted": _is_count,
    "effort": _optional(lambda value: _is_int(value) and 1 <= value <= 10),
    "notes": _is_str,
    "pace_unit": lambda value: value in ("km", "mi"),
    "athlete": _optional(_is_str),
    "group": _optional(_is_str),
    "done_reps": _is_indexed_reps,
    "error": _optional(_is_str),
}


_FIELD_NAMES = tuple(f.name for f in fields(SessionSummary))


def _save_cache(path: Path, summaries: Iterable[SessionSummary]) -> None:
    """Best effort: a read-only data dir only costs speed, never the listing."""
    # a shallow dict per summary (its fields are plain values and tuples of them):
    # dataclasses.asdict's deep copy took a tenth of a cold build
    payload = {
        "version": INDEX_VERSION,
        "sessions": [{name: getattr(s, name) for name in _FIELD_NAMES} for s in summaries],
    }
    with contextlib.suppress(OSError):
        write_atomic(path, json.dumps(payload, separators=(",", ":")).encode("utf-8"))


# ---- listing ----


def scan(sessions_dir: Path) -> list[tuple[str, int, int]]:
    """(name, size, mtime_ns) of every session file, from one directory pass.

    A folder, FIFO or dangling link named like a session is kept (its own stat, or
    zeros): reading it then lists it as unreadable with the reason, instead of the
    file silently missing from the list.
    """
    out: list[tuple[str, int, int]] = []
    try:
        with os.scandir(sessions_dir) as entries:
            for entry in entries:
                if not entry.name.endswith(".toml") or entry.name.startswith("."):
                    continue
                out.append((entry.name, *_size_and_mtime(entry)))
    except OSError:
        return []
    return out


def _size_and_mtime(entry: os.DirEntry[str]) -> tuple[int, int]:
    """The entry's size and mtime_ns, following links; the link's own when that fails."""
    for follow in (True, False):
        try:
            st = entry.stat(follow_symlinks=follow)
        except OSError:
            continue
        return st.st_size, st.st_mtime_ns
    return 0, 0


def list_sessions(
    sessions_dir: Path,
    index_path: Path | None = None,
    progress: Progress | None = None,
) -> list[SessionSummary]:
    """Every session file's summary, newest first; the cache is refreshed as a side effect.

    `index_path` defaults to `index.json` beside `sessions/`. `progress(done,
    total)` is called while stale files are being read, for a cold start.
    """
    index_path = index_path or sessions_dir.parent / INDEX_NAME
    cached = _load_cache(index_path)
    files = scan(sessions_dir)
    stale = [
        (n, size, mt)
        for n, size, mt in files
        if (c := cached.get(n)) is None or c.size != size or c.mtime_ns != mt
    ]
    fresh_names = {n for n, _, _ in stale}
    summaries: list[SessionSummary] = [cached[n] for n, _, _ in files if n not in fresh_names]
    summaries += _summarize_all(sessions_dir, stale, progress)
    if stale or len(cached) != len(files):
        _save_cache(index_path, summaries)
    summaries.sort(key=lambda s: (s.sort_key, s.name), reverse=True)
    return summaries


PARALLEL_FROM = 200  # files to read: below this one process is quicker than starting more
CHUNK = 50  # files a worker reads at a time (and how often progress is told)
Entry = tuple[str, int, int]  # file name, size, mtime_ns


def _summarize_all(
    sessions_dir: Path, stale: list[Entry], progress: Progress | None
) -> list[SessionSummary]:
    """Read the stale files. Many of them (a first build: the TOML parse is most of the
    time) in a process per core, where a process may fork safely: with no other thread
    running, as in `trackapp log` or `reps`. In the app (its cue, writer and input
    threads) they are read here: the index is brought up to date after every session
    there, so it rarely has many to read, and the screen shows the progress."""
    import multiprocessing  # here: only a cold build needs them
    import threading
    from concurrent.futures import ProcessPoolExecutor

    chunks = [stale[i : i + CHUNK] for i in range(0, len(stale), CHUNK)]
    workers = min(os.cpu_count() or 1, len(chunks), 8)
    parallel = (
        len(stale) >= PARALLEL_FROM
        and workers >= 2
        and threading.active_count() == 1
        and "fork" in multiprocessing.get_all_start_methods()
    )
    jobs = [(sessions_dir, chunk) for chunk in chunks]
    if parallel:
        with contextlib.suppress(Exception):  # no processes to be had: read them here
            context = multiprocessing.get_context("fork")
            with ProcessPoolExecutor(workers, mp_context=context) as pool:
                return _gathered(pool.map(_summarize_chunk, jobs), len(stale), progress)
    return _gathered(map(_summarize_chunk, jobs), len(stale), progress)


def _gathered(
    chunks: Iterable[list[SessionSummary]], total: int, progress: Progress | None
) -> list[SessionSummary]:
    """The chunks' summaries in order, telling the progress after each chunk."""
    out: list[SessionSummary] = []
    for chunk in chunks:
        out += chunk
        if progress is not None:
            progress(len(out), total)
    return out


def _summarize_chunk(job: tuple[Path, list[Entry]]) -> list[SessionSummary]:
    folder, entries = job
    return [summarize(folder / name, size, mtime_ns) for name, size, mtime_ns in entries]


def last_results(summaries: Iterable[SessionSummary]) -> dict[str, SessionSummary]:
    """The newest session with a rep done of each workout name (summaries newest first):
    the home screen's last result. Sessions with no rep done are left out."""
    out: dict[str, SessionSummary] = {}
    for s in summaries:
        if s.has_result:
            out.setdefault(s.workout, s)
    return out


def filter_by_workout(summaries: Iterable[SessionSummary], text: str) -> list[SessionSummary]:
    """Case-insensitive substring of the workout name; unreadable files match on file name."""
    needle = text.strip().casefold()
    if not needle:
        return list(summaries)
    return [s for s in summaries if needle in (s.workout if s.readable else s.name).casefold()]


def filter_by_athlete(summaries: Iterable[SessionSummary], name: str) -> list[SessionSummary]:
    """Coach mode: the readable sessions of the athlete `name` (case-insensitive, whole name)."""
    wanted = name.strip().casefold()
    return [s for s in summaries if s.readable and (s.athlete or "").casefold() == wanted]


def athlete_names(summaries: Iterable[SessionSummary]) -> list[str]:
    """Every athlete's name in these sessions, once each (as first written), sorted."""
    names: dict[str, str] = {}
    for s in summaries:
        if s.readable and s.athlete:
            names.setdefault(s.athlete.casefold(), s.athlete)
    return sorted(names.values(), key=str.casefold)


# ---- SESSION arguments ----


class SessionNotFound(LookupError):
    """A SESSION argument that names no file, or more than one; the message lists candidates."""


def resolve_session(arg: str, sessions_dir: Path, shown: int = 10) -> Path:
    """A path to a file, or a unique prefix of a file name in `sessions_dir`."""
    as_path = Path(arg).expanduser()
    if as_path.is_file():
        return as_path
    names = sorted((n for n, _, _ in scan(sessions_dir)), reverse=True)
    if arg in names:
        return sessions_dir / arg
    if f"{arg}.toml" in names:
        return sessions_dir / f"{arg}.toml"
    matches = [n for n in names if n.startswith(arg)] if arg else []
    if len(matches) == 1:
        return sessions_dir / matches[0]
    if matches:
        raise SessionNotFound(
            f"{arg!r} matches {len(matches)} sessions; give more of the name:\n"
            + _listing(matches, shown)
        )
    hint = f"\nmost recent sessions:\n{_listing(names, shown)}" if names else ""
    raise SessionNotFound(f"no session file or name starting with {arg!r} in {sessions_dir}{hint}")


def select_sessions(arg: str, sessions_dir: Path) -> list[Path]:
    """Every session a SESSION argument selects, oldest first: a path to a file, or every
    file whose name starts with `arg` (`2026-11` selects November's). Raises SessionNotFound
    when it selects none."""
    as_path = Path(arg).expanduser()
    if as_path.is_file():
        return [as_path]
    names = sorted(n for n, _, _ in scan(sessions_dir))
    if arg in names:
        return [sessions_dir / arg]
    matches = [n for n in names if n.startswith(arg)] if arg else []
    if not matches:
        hint = f"\nmost recent sessions:\n{_listing(names[::-1], 10)}" if names else ""
        raise SessionNotFound(
            f"no session file or name starting with {arg!r} in {sessions_dir}{hint}"
        )
    return [sessions_dir / n for n in matches]


def _listing(names: list[str], shown: int) -> str:
    lines = [f"  {n.removesuffix('.toml')}" for n in names[:shown]]
    if len(names) > shown:
        lines.append(f"  … and {len(names) - shown} more")
    return "\n".join(lines)
