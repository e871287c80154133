"""Parsing and formatting of the values a workout file is written in.

Every parser raises :class:`ValueError` with a message a runner can act on;
the loader adds file, line and step around it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass

from trackapp.domain import format as fmt

METRES_PER_UNIT: dict[str, float] = fmt.METRES_PER_UNIT
SECONDS_PER_UNIT: dict[str, float] = {"s": 1.0, "sec": 1.0, "min": 60.0, "m": 60.0, "h": 3600.0}

MAX_SECONDS = 24 * 3600.0  # longer is a typo; it also keeps sums and clocks finite
MAX_METRES = 1_000_000.0
MIN_METRES = 1.0  # shorter is a typo; it also keeps paces (seconds per metre) finite

_CLOCK = re.compile(r"^(?:(\d+):)?(\d+):(\d{2}(?:\.\d+)?)$")
_UNIT_PART = re.compile(r"(\d+(?:\.\d+)?)\s*(h|min|m|sec|s)")
_DURATION_UNITS = re.compile(r"^(?:\s*\d+(?:\.\d+)?\s*(?:h|min|m|sec|s))+\s*$")
_DISTANCE = re.compile(r"^(\d+(?:\.\d+)?)\s*(m|km|mi)$")


_BARE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*$")
# Words runners type for units, and the unit the format spells; only used to suggest.
_UNIT_WORDS = (
    (re.compile(r"\s*\bper\b\s*"), "/"),
    (re.compile(r"\bkilomet(?:er|re)s?\b|(?<=\d)k\b|(?<=\d )k\b"), "km"),
    (re.compile(r"\bmet(?:er|re)s?\b"), "m"),
    (re.compile(r"\bmiles?\b"), "mi"),
    (re.compile(r"\bminutes?\b|\bmins\b"), "min"),
    (re.compile(r"\bseconds?\b|\bsecs\b"), "s"),
    (re.compile(r"\bhours?\b|\bhrs?\b"), "h"),
)


def _respelled(text: str) -> str | None:
    """``"15 minutes"`` as ``"15min"``, or None when no unit word is recognised."""
    s = text.strip().lower()
    for pattern, unit in _UNIT_WORDS:
        s = pattern.sub(unit, s)
    s = re.sub(r"(\d)\s+([a-z])", r"\1\2", s)
    return s if s != text.strip().lower() else None


def _hint(text: str, parse: Callable[[str], object], fallback: str) -> str:
    """The message for a value that does not parse: a respelling that would, or the fallback."""
    alt = _respelled(text)
    if alt is not None:
        try:
            parse(alt)
        except ValueError:
            pass
        else:
            return f'{short_repr(text)} spells out a unit; write "{alt}"'
    return fallback


def short_repr(text: str) -> str:
    """The value as quoted in a message, cut so a runaway value does not flood the screen."""
    return repr(text) if len(text) <= 40 else repr(text[:37] + "...")


def parse_duration(text: str) -> float:
    """Seconds from ``m:ss``, ``h:mm:ss`` or unit form (``90s``, ``1m30s``, ``2min``)."""
    s = text.strip().lower()
    clock = _CLOCK.match(s)
    if clock:
        hours, minutes, seconds = clock.groups()
        if float(seconds) >= 60:
            raise ValueError(f'{text!r} has {seconds} seconds; seconds go up to 59 ("1:30")')
        if hours is not None and float(minutes) >= 60:
            raise ValueError(f"{text!r} has {minutes} minutes; in h:mm:ss minutes go up to 59")
        # float, not int: int() refuses strings of thousands of digits with its own error
        total = float(hours or 0) * 3600 + float(minutes) * 60 + float(seconds)
    elif _DURATION_UNITS.match(s):
        total = sum(float(n) * SECONDS_PER_UNIT[u] for n, u in _UNIT_PART.findall(s))
    elif _BARE.match(s):
        number = _BARE.match(s).group(1)  # type: ignore[union-attr]
        raise ValueError(
            f'{text!r} is a bare number: write "{number}s" for seconds or "{number}:00" for minutes'
        )
    else:
        raise ValueError(
            _hint(
                text,
                parse_duration,
                f"{short_repr(text)} is not a duration; write m:ss, h:mm:ss or a number with s, "
                'min or h ("1:30", "90s", "2min", "1m30s")',
            )
        )
    if not math.isfinite(total) or total > MAX_SECONDS:
        raise ValueError(f"{short_repr(text)} is too long for a workout; at most 24 hours")
    if total <= 0:
        raise ValueError(f"{text!r} must be longer than zero")
    return total


def parse_distance(text: str) -> float:
    """Metres from ``400m``, ``1.5km``, ``1 mi``."""
    m = _DISTANCE.match(text.strip().lower())
    if not m:
        bare = _BARE.match(text)
        fallback = (
            f'{text!r} is a bare number: write "{bare.group(1)}m"'
            if bare
            else f"{short_repr(text)} is not a distance; write a number with m, km or mi "
            '("400m", "1.5km", "1 mi")'
        )
        raise ValueError(_hint(text, parse_distance, fallback))
    metres = float(m.group(1)) * METRES_PER_UNIT[m.group(2)]
    if not math.isfinite(metres) or metres > MAX_METRES:
        raise ValueError(f"{short_repr(text)} is too long for a workout; at most 1000 km")
    if metres <= 0:
        raise ValueError(f"{text!r} must be longer than zero")
    if metres < MIN_METRES:
        raise ValueError(
            f'{short_repr(text)} is shorter than a stride; a distance is at least "1m"'
        )
    return metres


@dataclass(frozen=True, slots=True)
class Length:
    """How long a step lasts: a duration, a distance, or open (ends on a press)."""

    seconds: float | None = None
    metres: float | None = None

    @property
    def is_open(self) -> bool:
        return self.seconds is None and self.metres is None


OPEN = Length()


def looks_like_duration(text: str) -> bool:
    s = text.strip().lower()
    return bool(_CLOCK.match(s) or _DURATION_UNITS.match(s))


def parse_length(text: str) -> Length:
    """A duration, a distance, or ``"open"``.

    ``"400m"`` is a distance (metres win over minutes for a bare ``m``);
    ``"1m30s"`` is a duration because it has more than one part.
    """
    s = text.strip().lower()
    if s == "open":
        return OPEN
    if _DISTANCE.match(s):
        return Length(metres=parse_distance(s))
    if looks_like_duration(s):
        return Length(seconds=parse_duration(s))
    bare = _BARE.match(s)
    if bare:
        number = bare.group(1)
        raise ValueError(
            f'{text!r} is a bare number: write "{number}m" for a distance '
            f'or "{number}s" for a duration'
        )
    raise ValueError(
        _hint(
            text,
            parse_length,
            f'{short_repr(text)} is not a length; write a duration ("1:30", "90s"), '
            'a distance ("400m", "1km") or "open"',
        )
    )


def parse_pace(text: str) -> tuple[float, float]:
    """``6:00/mi``, ``3:45/km``, ``75s/400m``, or a range ``5:50-6:00/mi``.

    Returns seconds per metre as ``(fast, slow)``; equal for a single pace.
    """
    example = '("6:00/mi", "3:45/km", "75s/400m", or a range "5:50-6:00/mi")'
    if "/" not in text:
        fallback = f"{short_repr(text)} is not a pace; write a duration per distance {example}"
        raise ValueError(_hint(text, parse_pace, fallback))
    time_part, _, dist_part = text.partition("/")
    dist_text = dist_part.strip()
    if dist_text.lower() in METRES_PER_UNIT:
        dist_text = "1" + dist_text
    try:
        low, high = parse_target(time_part)
        metres = parse_distance(dist_text)
    except ValueError as err:
        fallback = f"{short_repr(text)} is not a pace ({err}); write {example}"
        raise ValueError(_hint(text, parse_pace, fallback)) from None
    return (low / metres, high / metres)


def parse_target(text: str) -> tuple[float, float]:
    """A duration or a range ``low-high`` of durations, as ``(low, high)`` seconds."""
    if "-" in text:
        low_text, _, high_text = text.partition("-")
        try:
            low, high = parse_duration(low_text), parse_duration(high_text)
        except ValueError as err:
            raise ValueError(
                f'{text!r} is not a target range ({err}); write "low-high", e.g. "1:28-1:32"'
            ) from None
        if low > high:
            raise ValueError(
                f"{text!r} has its low end after its high end; "
                f"write {high_text.strip()}-{low_text.strip()}"
            )
        return (low, high)
    try:
        value = parse_duration(text)
    except ValueError as err:
        raise ValueError(
            f'{err}; a target is a duration ("1:30") or a range ("1:28-1:32")'
        ) from None
    return (value, value)


# The formatters below are the old names of `trackapp.domain.format`'s; they delegate, so a
# call site not yet moved over shows the same figures as one that has.


def format_clock(seconds: float, tenths: bool = False) -> str:
    """``1:05``, ``1:02:30``, or with tenths ``1:05.3`` (see `format.time`, `format.clock`)."""
    return fmt.time(seconds) if tenths else fmt.clock(seconds)


def format_target(seconds: float) -> str:
    """A target time: `1:30`, or `1:29.5` when it has tenths."""
    return fmt.target_time(seconds)


def format_seconds(seconds: float) -> str:
    """A short human duration: ``90 s``, ``2 min``, ``2:30``."""
    return fmt.duration(seconds)


def format_distance(metres: float) -> str:
    """``400 m``, ``1200 m``, ``1 mi``, ``5 km`` (see `format.distance`)."""
    return fmt.distance(metres)


def format_delta(seconds: float) -> str:
    """``+0.8`` behind, ``-1.2`` ahead, ``+1:02.3``, to the tenth."""
    return fmt.delta(seconds)


def format_pace(seconds_per_metre: float, unit: str) -> str:
    """Pace per km or per mile, ``3:45/km``."""
    return fmt.pace(seconds_per_metre, unit)
