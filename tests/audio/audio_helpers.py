"""Small helpers shared by the audio tests (kept here, not in tests/conftest.py)."""

from __future__ import annotations

import io
import time
import wave
from array import array
from collections.abc import Callable


def wait_for(condition: Callable[[], bool], timeout: float = 3.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(0.005)


def tone_wav(rate: int = 22050, seconds: float = 0.2, value: int = 1000) -> bytes:
    """A WAV of a square-ish constant signal, standing in for a speech engine's output."""
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(array("h", [value] * int(rate * seconds)).tobytes())
    return buf.getvalue()
