"""The years' pure figures (trackapp.domain.years): kinds of rep, every rep of a kind across
sessions, the best of each year, this year against last, and the weekly strip."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

import pytest

from trackapp.domain.stats import Rep
from trackapp.domain.years import (
    METRES,
    SECONDS,
    IndexedRep,
    RepKind,
    against_last_year,
    habit_text,
    indexed_reps,
    kind_of,
    most_common_kind,
    parse_kind,
    reps_of,
    result_days,
    strip_cells,
    strip_lines,
    week_strip,
    year_ago,
)

TZ = timezone(timedelta(hours=1))
MILE = 1609.344


@dataclass(frozen=True)
class Item:
    """A listed session as the index keeps it."""

    name: str
    workout: str
    started: str | None
    reps_done: int
    done_reps: tuple[IndexedRep, ...]
    athlete: str | None = None


def item(
    day: date,
    times: list[float],
    *,
    metres: float = 400.0,
    workout: str = "8 x 400",
    target: tuple[float, float] | None = (88.0, 92.0),
    unit: str = METRES,
) -> Item:
    low, high = target if target else (None, None)
    started = datetime(day.year, day.month, day.day, 18, tzinfo=TZ)
    return Item(
        name=f"{day.isoformat()}T18-00-00_{workout}.toml",
        workout=workout,
        started=started.isoformat(),
        reps_done=len(times),
        done_reps=tuple((unit, metres, t, low, high) for t in times),
    )


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("400m", RepKind(METRES, 400.0)),
        ("400 m", RepKind(METRES, 400.0)),
        ("1600m", RepKind(METRES, 1600.0)),
        ("mile", RepKind(METRES, MILE)),
        ("Mile", RepKind(METRES, MILE)),
        ("1 mi", RepKind(METRES, MILE)),
        ("1k", RepKind(METRES, 1000.0)),
        ("1km", RepKind(METRES, 1000.0)),
        ("1:00", RepKind(SECONDS, 60.0)),
        ("60s", RepKind(SECONDS, 60.0)),
        ("2min", RepKind(SECONDS, 120.0)),
    ],
)
def test_parse_kind(text: str, kind: RepKind) -> None:
    assert parse_kind(text) == kind


@pytest.mark.parametrize("text", ["", "fast", "400", "open", "-400m"])
def test_parse_kind_says_what_would_be_right(text: str) -> None:
    with pytest.raises(ValueError, match="400m"):
        parse_kind(text)


def test_a_mile_is_not_a_1600() -> None:
    assert parse_kind("mile") != parse_kind("1600m")
    assert parse_kind("mile").label == "1 mi" and parse_kind("1600m").label == "1600 m"
    assert parse_kind("1:00").label == "1 min"


def rep(
    distance: float | None,
    time: float,
    *,
    duration: float | None = None,
    ended_by: str = "press",
    label: str = "r",
) -> Rep:
    return Rep(
        key=(1, 1, 1),
        label=label,
        time=time,
        laps=(time,),
        ended_by=ended_by,
        distance=distance,
        target=(60.0, 62.0) if distance else None,
        duration=duration,
    )


def test_indexed_reps_keep_done_reps_of_a_distance_or_duration() -> None:
    reps = [
        rep(400.0, 61.234),
        rep(400.0, 70.0, ended_by="skip"),
        rep(None, 60.0, duration=60.0, ended_by="timer"),
        rep(None, 33.0, label="open"),  # open: no kind
        rep(MILE, 300.0),
    ]
    assert indexed_reps(reps) == (
        (METRES, 400.0, 61.234, 60.0, 62.0),
        (SECONDS, 60.0, 60.0, None, None),
        (METRES, MILE, 300.0, 60.0, 62.0),
    )
    assert kind_of(reps[3]) is None


def test_most_common_kind() -> None:
    assert most_common_kind([]) is None
    reps: list[IndexedRep] = [
        (METRES, 200.0, 30.0, None, None),
        (METRES, 400.0, 60.0, None, None),
        (METRES, 400.0, 61.0, None, None),
    ]
    assert most_common_kind(reps) == RepKind(METRES, 400.0)


def test_reps_of_a_distance_across_workouts_oldest_first_best_of_each_year() -> None:
    listed = [
        item(date(2026, 3, 2), [90.0, 88.0, 91.0], workout="8 x 400"),
        item(date(2025, 3, 3), [92.0, 93.0], workout="ladder"),
        item(date(2025, 6, 3), [89.5, 94.0, 95.0, 90.0], workout="8 x 400"),
        item(date(2025, 6, 4), [300.0], metres=MILE, workout="mile repeats"),
        item(date(2025, 6, 5), [290.0], metres=1600.0, workout="1600s"),
        Item("unfinished.toml", "8 x 400", "2026-01-01T18:00:00+01:00", 0, ()),
    ]
    history = reps_of(listed, parse_kind("400m"))
    assert [s.started.date() for s in history.sessions] == [
        date(2025, 3, 3),
        date(2025, 6, 3),
        date(2026, 3, 2),
    ]
    first, second, third = history.sessions
    assert (second.best, second.median, second.count) == (89.5, 92.0, 4)
    assert (third.best, third.median) == (88.0, 90.0)
    assert [s.best_of_year for s in history.sessions] == [False, True, True]
    assert {y: s.best for y, s in history.best_of_years().items()} == {2025: 89.5, 2026: 88.0}
    assert third.target == (88.0, 92.0) and third.diff == 0.0 and third.shown_diff == "±0.0"
    assert first.shown_diff == "+0.5"  # median 92.5 against 88-92
    assert history.workouts() == ["8 x 400", "ladder"]
    assert [s.best for s in reps_of(listed, parse_kind("mile")).sessions] == [300.0]
    assert [s.best for s in reps_of(listed, parse_kind("1600m")).sessions] == [290.0]


def test_reps_of_since_and_workout() -> None:
    listed = [
        item(date(2025, 3, 3), [92.0], workout="Ladder"),
        item(date(2025, 6, 3), [89.5], workout="8 x 400"),
        item(date(2026, 3, 2), [88.0], workout="8 x 400"),
    ]
    kind = parse_kind("400m")
    assert len(reps_of(listed, kind, since=date(2025, 6, 3)).sessions) == 2
    assert [s.workout for s in reps_of(listed, kind, workout="ladder").sessions] == ["Ladder"]
    assert reps_of(listed, parse_kind("200m")).sessions == ()


def test_timed_reps_group_by_their_duration() -> None:
    listed = [
        item(date(2026, 1, 5), [60.0, 60.0], metres=60.0, unit=SECONDS, target=None),
        item(date(2026, 1, 6), [120.0], metres=120.0, unit=SECONDS, target=None),
    ]
    history = reps_of(listed, parse_kind("1:00"))
    assert [s.count for s in history.sessions] == [2]
    assert history.sessions[0].target is None and history.sessions[0].shown_diff == "—"


def test_the_common_target_is_the_band_most_reps_had() -> None:
    base = item(date(2026, 1, 5), [60.0])
    mixed = Item(
        base.name,
        base.workout,
        base.started,
        3,
        (
            (METRES, 400.0, 60.0, 58.0, 60.0),
            (METRES, 400.0, 61.0, 59.0, 61.0),
            (METRES, 400.0, 62.0, 59.0, 61.0),
        ),
    )
    (session,) = reps_of([mixed], parse_kind("400m")).sessions
    assert session.target == (59.0, 61.0)


def test_year_ago() -> None:
    assert year_ago(date(2026, 11, 28)) == date(2025, 11, 28)
    assert year_ago(date(2028, 2, 29)) == date(2027, 2, 28)


def test_this_year_against_last_at_the_same_time_of_year() -> None:
    today = date(2026, 11, 28)
    listed = [
        item(today, [86.0, 88.0]),
        item(today - timedelta(weeks=4), [90.0]),  # the window's first day
        item(today - timedelta(weeks=4, days=1), [70.0]),  # just before it
        item(date(2025, 11, 28) + timedelta(weeks=4), [91.0, 93.0]),  # ahead, last year
        item(date(2025, 11, 28) - timedelta(weeks=4), [95.0]),
        item(date(2025, 10, 1), [60.0]),  # outside
    ]
    versus = against_last_year(reps_of(listed, parse_kind("400m")), today)
    assert versus.this.times == (90.0, 86.0, 88.0) and versus.this.sessions == 2
    assert versus.this.median == 88.0
    assert sorted(versus.last.times) == [91.0, 93.0, 95.0] and versus.last.median == 93.0
    assert versus.shown_diff == "-5.0"
    assert versus.this.first == date(2026, 10, 31) and versus.last.last == date(2025, 12, 26)
    empty = against_last_year(reps_of([], parse_kind("400m")), today)
    assert empty.this.median is None and empty.shown_diff is None


def test_week_strip_streak_and_missed_weeks() -> None:
    today = date(2026, 3, 12)  # a Thursday of ISO week 11
    days = [
        date(2026, 3, 9),  # this week
        date(2026, 3, 3),  # last week
        date(2026, 2, 24),
        date(2026, 2, 26),  # two in one week
        # 2026-02-16 week missed
        date(2026, 2, 9),
        date(2026, 1, 1),  # ISO week 1 of 2026 (Monday 2025-12-29)
        date(2025, 3, 10),  # 52 weeks back: outside the strip (its first week is 2025-03-16's)
    ]
    strip = week_strip(days, today)
    assert len(strip.weeks) == 52
    assert strip.weeks[-1].monday == date(2026, 3, 9) and strip.weeks[-1].sessions == 1
    assert strip.weeks[0].monday == date(2025, 3, 17)
    assert strip.streak == 3
    assert strip.weeks_this_year == 10
    assert strip.missed_this_year == 10 - 4  # weeks 1, 7, 9, 10 marked
    assert strip.marked == 5
    assert strip_cells(strip).endswith("■·■■■") and len(strip_cells(strip)) == 52
    assert habit_text(strip) == "streak 3 weeks · 6 missed in 2026 (of 10)"


def test_the_streak_runs_to_last_week_while_this_week_is_empty() -> None:
    today = date(2026, 3, 12)
    strip = week_strip([date(2026, 3, 3), date(2026, 2, 25)], today)
    assert strip.streak == 2
    assert week_strip([date(2026, 2, 25)], today).streak == 0
    assert week_strip([], today).streak == 0


def test_strip_lines_and_result_days() -> None:
    today = date(2026, 3, 12)
    listed = [
        item(date(2026, 3, 9), [60.0]),
        Item("x.toml", "w", "2026-03-02T18:00:00+01:00", 0, ()),  # no rep done: not a mark
        Item("y.toml", "w", None, 3, ()),
    ]
    assert result_days(listed) == [date(2026, 3, 9)]
    lines = strip_lines(week_strip(result_days(listed), today))
    assert lines[0].startswith("Last 52 weeks to 2026-03-12, Monday first")
    assert lines[1].startswith("  week of 2025-03-17  · ·")
    assert lines[4].endswith("· ■")
    # the first session is this week's: no week of the year is missed yet
    assert lines[-1] == "1 of 52 weeks with a session; streak 1 week"


def test_missed_weeks_count_from_the_first_session() -> None:
    """A runner who started in week 8 has not missed weeks 1 to 7."""
    today = date(2026, 3, 12)  # ISO week 11
    strip = week_strip([date(2026, 2, 16), date(2026, 3, 2)], today)  # weeks 8 and 10
    assert (strip.weeks_this_year, strip.missed_this_year) == (3, 1)  # weeks 8-10: 9 missed
    assert habit_text(strip) == "streak 1 week · 1 missed in 2026 (of 3)"
    older = week_strip([date(2025, 6, 2), date(2026, 3, 2)], today)  # started last year
    assert (older.weeks_this_year, older.missed_this_year) == (10, 9)


@pytest.mark.parametrize(
    ("text", "typed"),
    [("400m", "400m"), ("mile", "mile"), ("2 mi", "2mi"), ("1k", "1000m"), ("1609m", "1609m"),
     ("1:00", "1:00"), ("90s", "1:30"), ("1:29.5", "1:29.5")],
)  # fmt: skip
def test_a_kind_typed_reads_back(text: str, typed: str) -> None:
    kind = parse_kind(text)
    assert kind.typed == typed and parse_kind(kind.typed) == kind


def test_one_runners_reps_at_a_time() -> None:
    own = item(date(2026, 3, 2), [90.0])
    ana = Item("a.toml", "8 x 400", own.started, 1, ((METRES, 400.0, 80.0, None, None),), "Ana")
    kind = parse_kind("400m")
    assert [s.best for s in reps_of([own, ana], kind).sessions] == [90.0]
    assert [s.best for s in reps_of([own, ana], kind, athlete="ana").sessions] == [80.0]
