"""Values as runners write them: durations, distances, lengths, paces and targets."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from trackapp.domain.units import (
    OPEN,
    format_clock,
    format_distance,
    parse_distance,
    parse_duration,
    parse_length,
    parse_pace,
    parse_target,
)

MILE = 1609.344


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("1:30", 90.0),
        ("0:45", 45.0),
        ("1:02:30", 3750.0),
        ("90s", 90.0),
        ("2min", 120.0),
        ("1m30s", 90.0),
        ("1h", 3600.0),
        ("1h 5min", 3900.0),
        ("45 sec", 45.0),
        ("1:30.5", 90.5),
        (" 2:00 ", 120.0),
        ("20:00", 1200.0),
        ("2MIN", 120.0),
    ],
)
def test_durations(text: str, seconds: float) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("1:75", "seconds go up to 59"),
        ("1:60:00", "minutes go up to 59"),
        ("0:00", "longer than zero"),
        ("0s", "longer than zero"),
        ("fast", "not a duration"),
        ("1:5", "not a duration"),
        ("90", 'bare number: write "90s" for seconds or "90:00" for minutes'),
        ("-1:30", "not a duration"),
        ("25h", "at most 24 hours"),
        ("9" * 5000 + ":00", "at most 24 hours"),
    ],
)
def test_bad_durations(text: str, hint: str) -> None:
    with pytest.raises(ValueError, match=hint):
        parse_duration(text)


@pytest.mark.parametrize(
    ("text", "metres"),
    [
        ("400m", 400.0),
        ("400 m", 400.0),
        ("1.5km", 1500.0),
        ("1 mi", MILE),
        ("1mi", MILE),
        ("0.5mi", MILE / 2),
        ("200M", 200.0),
    ],
)
def test_distances(text: str, metres: float) -> None:
    assert parse_distance(text) == pytest.approx(metres)


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("0m", "longer than zero"),
        ("400", 'bare number: write "400m"'),
        ("400 yards", "not a distance"),
        ("2000km", "at most 1000 km"),
        ("9" * 400 + "m", "at most 1000 km"),
    ],
)
def test_bad_distances(text: str, hint: str) -> None:
    with pytest.raises(ValueError, match=hint):
        parse_distance(text)


def test_m_alone_is_metres_and_m_with_s_is_minutes() -> None:
    assert parse_length("5m").metres == 5.0
    assert parse_length("1m30s").seconds == 90.0
    assert parse_length("2min").seconds == 120.0


def test_open_length() -> None:
    assert parse_length("open") is OPEN
    assert parse_length(" Open ").is_open


def test_length_rejects_junk() -> None:
    with pytest.raises(ValueError, match='"open"'):
        parse_length("a lap")


@pytest.mark.parametrize(
    ("text", "per_metre"),
    [
        ("6:00/mi", (360 / MILE, 360 / MILE)),
        ("3:45/km", (0.225, 0.225)),
        ("75s/400m", (75 / 400, 75 / 400)),
        ("5:50-6:00/mi", (350 / MILE, 360 / MILE)),
        ("4:00 / km", (0.24, 0.24)),
    ],
)
def test_paces(text: str, per_metre: tuple[float, float]) -> None:
    assert parse_pace(text) == pytest.approx(per_metre)


@pytest.mark.parametrize("text", ["6:00", "fast/mi", "6:00/lap", "6:00-5:50/mi", "0:00/km"])
def test_bad_paces(text: str) -> None:
    with pytest.raises(ValueError, match=r"pace|after its high end"):
        parse_pace(text)


def test_targets() -> None:
    assert parse_target("1:30") == (90.0, 90.0)
    assert parse_target("1:28-1:32") == (88.0, 92.0)
    assert parse_target("85s - 88s") == (85.0, 88.0)


def test_target_range_backwards_says_which_way_round() -> None:
    with pytest.raises(ValueError, match="write 1:28-1:32"):
        parse_target("1:32-1:28")


def test_formatting() -> None:
    assert format_clock(89.5, tenths=True) == "1:29.5"
    assert format_clock(3750) == "1:02:30"
    assert format_distance(1200) == "1200 m"  # track distances as coaches say them
    assert format_distance(MILE) == "1 mi"
    assert format_distance(400) == "400 m"


def test_quoted_bare_number_length_shows_both_readings() -> None:
    with pytest.raises(ValueError, match='write "400m" for a distance or "400s" for a duration'):
        parse_length("400")


@pytest.mark.parametrize(
    ("parse", "text", "suggestion"),
    [
        (parse_length, "15 minutes", "15min"),
        (parse_length, "400 meters", "400m"),
        (parse_length, "400 metres", "400m"),
        (parse_length, "1 mile", "1mi"),
        (parse_length, "5k", "5km"),
        (parse_length, "1 hour", "1h"),
        (parse_duration, "90 seconds", "90s"),
        (parse_distance, "2 miles", "2mi"),
        (parse_pace, "6:00 per mile", "6:00/mi"),
        (parse_pace, "3:45/kilometre", "3:45/km"),
    ],
)
def test_unit_words_get_a_respelling(
    parse: Callable[[str], object], text: str, suggestion: str
) -> None:
    with pytest.raises(ValueError, match=f'spells out a unit; write "{suggestion}"'):
        parse(text)
