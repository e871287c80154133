"""The years: every rep of one distance across every workout, and the weekly habit.

Pure functions over what the session index keeps of each session (`IndexedRep`s,
its start and workout), so `trackapp reps`, `trackapp log --weeks` and the history
screen's views show the same figures without reading a session file.

Decisions (README, "The years"):

- *Which reps are the same.* Reps group as the session summary groups them
  (`stats.Rep.group_key`): a distance rep by its exact metres, so a mile
  (1609.344 m) and a 1600 m are two distances and `1 mi` in any workout is the
  mile; a timed rep by its planned duration (`1:00` reps are one kind, whatever
  workout ran them; their time is the timer's, so the count of reps is what they
  say). Open reps with neither are not indexed: they have no distance to ask for.
- *A session's figures at a distance*: its done reps of that distance (ended by a
  press or their timer); best is the fastest, median the middle (mean of the two
  middle ones for an even count), its target the band most of those reps had, and
  "vs target" the median's difference to that band as shown.
- *Best of a year*: the session with the fastest rep of the calendar year
  (the earliest one on a tie).
- *This year against last*: the median of every rep of the distance within
  `WINDOW_WEEKS` (4) weeks either side of today's date, and the same around the
  same date a year before (29 February reads 28 February). This year's window ends
  today, since the weeks ahead have not been run.
- *Weeks* are ISO weeks, Monday first. A week is marked when a session with a rep
  done started in it. The streak is the run of marked weeks ending with this week,
  or with last week when this week has none yet (this week is not over). Weeks
  missed this year are the weeks of today's ISO year before this one with no
  session (this week is not missed yet), counted from the first week with a session
  at all: a runner who started in October has not missed January.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Protocol

from trackapp.domain import format as fmt
from trackapp.domain.stats import Rep
from trackapp.domain.units import parse_length

# One done rep as the index keeps it: (kind "m" metres or "s" seconds, how many of them,
# time, target low or None, target high or None).
IndexedRep = tuple[str, float, float, float | None, float | None]

WINDOW_WEEKS = 4
STRIP_WEEKS = 52
METRES = "m"
SECONDS = "s"


@dataclass(frozen=True, slots=True, order=True)
class RepKind:
    """What makes reps comparable across workouts: a distance or a duration."""

    unit: str  # METRES or SECONDS
    amount: float

    @property
    def label(self) -> str:
        """`400 m`, `1 mi`, `1600 m`, `1 min`, `90 s`."""
        return fmt.distance(self.amount) if self.unit == METRES else fmt.duration(self.amount)

    @property
    def is_distance(self) -> bool:
        return self.unit == METRES

    @property
    def typed(self) -> str:
        """As a runner would type it, and `parse_kind` reads back: `400m`, `mile`, `1:00`."""
        if self.unit == SECONDS:
            return fmt.target_time(self.amount)
        miles = fmt.whole_miles(self.amount)
        if miles is not None and abs(self.amount - miles * fmt.METRES_PER_MILE) < 1e-6:
            return "mile" if miles == 1 else f"{miles}mi"
        return f"{self.amount:g}m"


def kind_of(rep: Rep) -> RepKind | None:
    """The rep's kind, as the session summary groups it; None for an open rep."""
    what, amount = rep.group_key
    if what == "distance" and isinstance(amount, float):
        return RepKind(METRES, amount)
    if what == "duration" and isinstance(amount, float):
        return RepKind(SECONDS, amount)
    return None


_ALIASES = {"mile": "1mi", "miles": "1mi", "1 mile": "1mi", "mi": "1mi", "k": "1km"}


def parse_kind(text: str) -> RepKind:
    """`400m`, `1600m`, `mile`, `1 mi`, `1k`, `1.5km` (a distance) or `1:00`, `90s`, `2min`
    (a timed rep). Raises ValueError saying what would be right."""
    s = " ".join(text.strip().lower().split())
    s = _ALIASES.get(s, s)
    if s.endswith("k") and s[:-1].replace(".", "", 1).isdigit():
        s += "m"  # 1k, 5k: kilometres, as runners say them
    try:
        length = parse_length(s)
    except ValueError as err:
        raise ValueError(
            f"{err}; a rep is a distance (400m, 1600m, mile, 1k) or a duration (1:00, 90s)"
        ) from None
    if length.metres is not None:
        return RepKind(METRES, round(length.metres, 3))
    if length.seconds is not None:
        return RepKind(SECONDS, round(length.seconds, 3))
    raise ValueError(
        f"{text!r} has no length; a rep is a distance (400m, mile) or a duration (1:00)"
    )


def indexed_reps(reps: Iterable[Rep]) -> tuple[IndexedRep, ...]:
    """The done reps of a session as the index keeps them (open reps left out)."""
    out: list[IndexedRep] = []
    for rep in reps:
        kind = kind_of(rep) if rep.counted else None
        if kind is None:
            continue
        low, high = rep.target if rep.target is not None else (None, None)
        out.append((kind.unit, kind.amount, round(rep.time, 3), low, high))
    return tuple(out)


class Listed(Protocol):
    """What the years need of a listed session (`session_index.SessionSummary` has it)."""

    @property
    def name(self) -> str: ...
    @property
    def workout(self) -> str: ...
    @property
    def started(self) -> str | None: ...
    @property
    def reps_done(self) -> int: ...
    @property
    def done_reps(self) -> tuple[IndexedRep, ...]: ...
    @property
    def athlete(self) -> str | None: ...


def started_at(item: Listed) -> datetime | None:
    if not item.started:
        return None
    try:
        return datetime.fromisoformat(item.started)
    except ValueError:
        return None


# ---- every rep of one kind ------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SessionAtKind:
    """One session's reps of one kind."""

    name: str  # the session's file name
    workout: str
    started: datetime
    times: tuple[float, ...]  # in the order run
    target: tuple[float, float] | None  # the band most of these reps had
    best_of_year: bool = False

    @property
    def count(self) -> int:
        return len(self.times)

    @property
    def best(self) -> float:
        return min(self.times)

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    @property
    def diff(self) -> float | None:
        """The median's difference to the target band (exact; shown via `shown_diff`)."""
        return fmt.target_diff(self.median, self.target)

    @property
    def shown_diff(self) -> str:
        return fmt.shown_target_diff(self.median, self.target)

    @property
    def day(self) -> date:
        return self.started.date()


@dataclass(frozen=True, slots=True)
class KindHistory:
    """Every session with reps of one kind, oldest first."""

    kind: RepKind
    sessions: tuple[SessionAtKind, ...]

    def best_of_years(self) -> dict[int, SessionAtKind]:
        return {s.started.year: s for s in self.sessions if s.best_of_year}

    def workouts(self) -> list[str]:
        return sorted({s.workout for s in self.sessions})


def reps_of(
    listed: Iterable[Listed],
    kind: RepKind,
    *,
    since: date | None = None,
    workout: str | None = None,
    athlete: str | None = None,
) -> KindHistory:
    """Every session's done reps of `kind`, oldest first; `since` (a day) and `workout`
    (a case-insensitive part of the name) narrow it. One runner's at a time: the runner's
    own sessions, or with `athlete` (coach mode) that athlete's, never a group's athletes
    mixed in. Best of each year marked among the sessions kept."""
    needle = workout.strip().casefold() if workout else ""
    whose = (athlete or "").strip().casefold()
    found: list[SessionAtKind] = []
    for item in listed:
        if item.reps_done <= 0 or (needle and needle not in item.workout.casefold()):
            continue
        if (item.athlete or "").casefold() != whose:
            continue
        times: list[float] = []
        bands: list[tuple[float, float] | None] = []
        for unit, amount, time, low, high in item.done_reps:
            if unit == kind.unit and amount == kind.amount:
                times.append(time)
                bands.append((low, high) if low is not None and high is not None else None)
        if not times:
            continue
        started = started_at(item)
        if started is None or (since is not None and started.date() < since):
            continue
        found.append(
            SessionAtKind(
                name=item.name,
                workout=item.workout,
                started=started,
                times=tuple(times),
                target=_common_band(bands),
            )
        )
    found.sort(key=lambda s: (s.started.timestamp(), s.name))
    best: dict[int, int] = {}
    for i, s in enumerate(found):
        year = s.started.year
        if year not in best or s.best < found[best[year]].best:
            best[year] = i
    marked = set(best.values())
    sessions = tuple(
        SessionAtKind(s.name, s.workout, s.started, s.times, s.target, best_of_year=i in marked)
        for i, s in enumerate(found)
    )
    return KindHistory(kind=kind, sessions=sessions)


def _common_band(bands: Sequence[tuple[float, float] | None]) -> tuple[float, float] | None:
    """The band most reps had (the first of them on a tie); None when none had one."""
    counts = Counter(b for b in bands if b is not None)
    if not counts:
        return None
    top = max(counts.values())
    return next(b for b in bands if b is not None and counts[b] == top)


def most_common_kind(reps: Iterable[IndexedRep]) -> RepKind | None:
    """The kind most of a session's done reps were (the first run on a tie): the reps
    view's default for the highlighted session."""
    kinds = [RepKind(unit, amount) for unit, amount, *_ in reps]
    if not kinds:
        return None
    counts = Counter(kinds)
    top = max(counts.values())
    return next(k for k in kinds if counts[k] == top)


# ---- this year against last ------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Window:
    """The reps of one kind between two days (both included)."""

    first: date
    last: date
    times: tuple[float, ...]
    sessions: int

    @property
    def median(self) -> float | None:
        return statistics.median(self.times) if self.times else None

    @property
    def count(self) -> int:
        return len(self.times)


@dataclass(frozen=True, slots=True)
class YearAgainstYear:
    today: date
    weeks: int
    this: Window
    last: Window

    @property
    def shown_diff(self) -> str | None:
        """This year's median less last year's, as the two are shown; None without both."""
        if self.this.median is None or self.last.median is None:
            return None
        return fmt.shown_delta(self.this.median, self.last.median)


def year_ago(day: date) -> date:
    """The same date a year before; 29 February reads 28 February."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def _window(history: KindHistory, first: date, last: date) -> Window:
    times: list[float] = []
    sessions = 0
    for s in history.sessions:
        if first <= s.day <= last:
            times.extend(s.times)
            sessions += 1
    return Window(first, last, tuple(times), sessions)


def against_last_year(
    history: KindHistory, today: date, weeks: int = WINDOW_WEEKS
) -> YearAgainstYear:
    """The median rep within `weeks` either side of today, this year (up to today) and
    around the same date last year."""
    span = timedelta(weeks=weeks)
    then = year_ago(today)
    return YearAgainstYear(
        today=today,
        weeks=weeks,
        this=_window(history, today - span, today),
        last=_window(history, then - span, then + span),
    )


# ---- the weekly habit ------------------------------------------------------------


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


@dataclass(frozen=True, slots=True)
class Week:
    monday: date
    sessions: int

    @property
    def marked(self) -> bool:
        return self.sessions > 0


@dataclass(frozen=True, slots=True)
class WeekStrip:
    """The last weeks, oldest first, ending with this week (the one holding `today`)."""

    today: date
    weeks: tuple[Week, ...]
    streak: int  # marked weeks in a row, ending this week (or last week, this one empty)
    missed_this_year: int  # of those weeks, the ones with no session
    weeks_this_year: int  # weeks of today's ISO year before this one, from the first session

    @property
    def year(self) -> int:
        return self.today.isocalendar().year

    @property
    def marked(self) -> int:
        return sum(1 for w in self.weeks if w.marked)


def week_strip(days: Iterable[date], today: date, count: int = STRIP_WEEKS) -> WeekStrip:
    """The weekly habit from the days sessions with a rep done started on."""
    per_week = Counter(monday(d) for d in days)
    this_week = monday(today)
    weeks = tuple(
        Week(m, per_week.get(m, 0))
        for m in (this_week - timedelta(weeks=count - 1 - i) for i in range(count))
    )
    start = this_week if per_week.get(this_week) else this_week - timedelta(weeks=1)
    streak = 0
    while per_week.get(start - timedelta(weeks=streak)):
        streak += 1
    iso = today.isocalendar()
    first_week = max(date.fromisocalendar(iso.year, 1, 1), min(per_week, default=this_week))
    elapsed = max((this_week - first_week).days // 7, 0)
    missed = sum(1 for i in range(elapsed) if not per_week.get(first_week + timedelta(weeks=i)))
    return WeekStrip(today, weeks, streak, missed, elapsed)


def result_days(listed: Iterable[Listed]) -> list[date]:
    """The start days of sessions with a rep done: what marks a week."""
    out: list[date] = []
    for item in listed:
        if item.reps_done > 0 and (started := started_at(item)) is not None:
            out.append(started.date())
    return out


MARK = "■"
EMPTY = "·"


def strip_cells(strip: WeekStrip) -> str:
    """One character a week, oldest first: ■ a week with a session, · one without."""
    return "".join(MARK if w.marked else EMPTY for w in strip.weeks)


def habit_text(strip: WeekStrip) -> str:
    """`streak 5 weeks · 3 missed in 2026 (of 47)`."""
    streak = f"streak {strip.streak} week{'' if strip.streak == 1 else 's'}"
    if strip.weeks_this_year == 0:
        return streak  # the first week with a session is this one: nothing missed yet
    missed = f"{strip.missed_this_year} missed in {strip.year} (of {strip.weeks_this_year})"
    return f"{streak} · {missed}"


def strip_lines(strip: WeekStrip, per_line: int = 13) -> list[str]:
    """The strip as text (`trackapp log --weeks`): rows of weeks, each headed by its
    first Monday, then the streak and the weeks missed."""
    lines = [
        f"Last {len(strip.weeks)} weeks to {strip.today.isoformat()}, Monday first "
        f"({MARK} a session with a rep done, {EMPTY} none):"
    ]
    for i in range(0, len(strip.weeks), per_line):
        row = strip.weeks[i : i + per_line]
        cells = " ".join(MARK if w.marked else EMPTY for w in row)
        lines.append(f"  week of {row[0].monday.isoformat()}  {cells}")
    lines.append(f"{strip.marked} of {len(strip.weeks)} weeks with a session; {habit_text(strip)}")
    return lines


# ---- in words (`trackapp reps` and the reps view say it alike) ----------------------

BEST = "★"


def best_of_years_text(history: KindHistory, dates: bool = True) -> str:
    """`2024 1:27.5 (2024-08-06), 2025 1:27.0 (2025-08-05)`; without the dates
    `2024 1:27.5 · 2025 1:27.0` (the reps view marks the sessions instead)."""
    best = sorted(history.best_of_years().items())
    if not dates:
        return " · ".join(f"{year} {fmt.time(s.best)}" for year, s in best)
    return ", ".join(f"{year} {fmt.time(s.best)} ({s.day.isoformat()})" for year, s in best)


def window_text(year: int, window: Window, short: bool = False) -> str:
    """`2026 median 1:30.2 (10 reps)`; `short`: `2025 1:31.9 (20 reps)`."""
    if window.median is None:
        return f"{year} no reps"
    reps = f"{window.count} rep{'' if window.count == 1 else 's'}"
    return f"{year}{'' if short else ' median'} {fmt.time(window.median)} ({reps})"


def versus_text(versus: YearAgainstYear) -> str:
    """`This year vs last, 4 weeks either side of 28 Nov: 2026 median 1:27.4 (24 reps),
    2025 1:29.0 (40 reps): -1.6` (the difference of the two medians as shown)."""
    text = (
        f"This year vs last, {versus.weeks} weeks either side of "
        f"{versus.today.day} {versus.today.strftime('%b')}: "
        + window_text(versus.today.year, versus.this)
        + ", "
        + window_text(versus.today.year - 1, versus.last, short=True)
    )
    diff = versus.shown_diff
    return text + (f": {diff}" if diff is not None else "")
