"""What the voice says, in words a runner understands at a glance of the ear.

Split times are said the way track runners say lap times: under 100 seconds, in
seconds ("seventy-one point four", "ninety-two point five": a 400 is "a ninety-two",
nobody thinks of it as 1:32); from 100 seconds on, minutes then seconds ("two oh five
point three", with "oh" for single-digit seconds), as an 800 or a mile split is called.
A time written with a colon is read out in the form it was written.
"""

from __future__ import annotations

import math

_ONES = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def number_words(n: int) -> str:
    """0 to 9999 in words: 71 -> "seventy-one", 400 -> "four hundred"."""
    if n < 0:
        return "minus " + number_words(-n)
    if n < 20:
        return _ONES[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return _TENS[tens] + (f"-{_ONES[ones]}" if ones else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        head = f"{_ONES[hundreds]} hundred"
        return head + (f" and {number_words(rest)}" if rest else "")
    thousands, rest = divmod(n, 1000)
    head = f"{number_words(thousands)} thousand"
    if not rest:
        return head
    return head + (" and " if rest < 100 else " ") + number_words(rest)


SECONDS_BELOW = 100  # split times shorter than this are said in seconds


def time_words(seconds: float, decimals: int = 1, as_clock: bool | None = None) -> str:
    """A split time: 71.4 -> "seventy-one point four", 125.3 -> "two oh five point three".

    `as_clock` forces minutes-and-seconds (True) or seconds (False); None picks by
    SECONDS_BELOW."""
    scale = 10**decimals
    total = round(seconds * scale)
    whole, frac = divmod(total, scale)
    minutes, secs = divmod(whole, 60)
    hours, minutes = divmod(minutes, 60)
    tail = f" point {' '.join(_ONES[int(d)] for d in f'{frac:0{decimals}d}')}" if decimals else ""
    if hours:
        return f"{number_words(hours)} hour {_pair(minutes)} {_pair(secs)}{tail}"
    if as_clock is None:
        as_clock = whole >= SECONDS_BELOW
    if minutes and as_clock:
        return f"{number_words(minutes)} {_pair(secs)}{tail}"
    return f"{number_words(whole)}{tail}"


def _pair(n: int) -> str:
    """Two clock digits as spoken: 5 -> "oh five", 0 -> "oh oh", 32 -> "thirty-two"."""
    if n == 0:
        return "oh oh"
    return f"oh {_ONES[n]}" if n < 10 else number_words(n)


def split_words(text: str) -> str:
    """A split as shown on screen ("71.4", "1:32.5", "1:02:03.0") in words."""
    parts = text.strip().split(":")
    seconds = 0.0
    for part in parts:
        seconds = seconds * 60 + float(part)
    decimals = len(parts[-1].split(".")[1]) if "." in parts[-1] else 0
    return time_words(seconds, decimals, as_clock=len(parts) > 1)


def duration_words(seconds: float) -> str:
    """A rest or step length: 90 -> "ninety seconds", 120 -> "two minutes",
    150 -> "two minutes thirty"."""
    whole = max(0, math.floor(seconds + 0.5))
    if whole < 120 and whole % 60:
        return f"{number_words(whole)} second" + ("" if whole == 1 else "s")
    minutes, secs = divmod(whole, 60)
    head = f"{number_words(minutes)} minute" + ("" if minutes == 1 else "s")
    return head + (f" {number_words(secs)}" if secs else "")


def rest_words(seconds: float) -> str:
    return f"rest {duration_words(seconds)}"


def rep_words(rep: int, total: int) -> str:
    return f"rep {number_words(rep)} of {number_words(total)}"
