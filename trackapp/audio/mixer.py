"""Mixes scheduled sounds into a device's buffers at the right sample offsets.

The device's callback asks for N frames; the mixer knows when the first of them will be
heard (now + the output latency), so a sound due at instant `at` starts at frame
`(at - that instant) * RATE` of this buffer. Onset accuracy is then the clock's, not the
callback's period or the UI's refresh. The callback runs on the audio thread and must
never raise (an exception there would be printed over the TUI), so it catches all.
"""

from __future__ import annotations

import sys
import threading
from array import array
from collections.abc import Callable, Generator
from dataclasses import dataclass

from trackapp.audio.synth import RATE

_MAX = 32767


@dataclass(slots=True)
class _Voice:
    samples: array[int]
    at: float | None  # None: as soon as possible
    key: str
    pos: int = 0  # frames already mixed; > 0 means it has started


class Mixer:
    def __init__(self, clock: Callable[[], float], latency: float) -> None:
        self._clock = clock
        self.latency = latency
        self._voices: list[_Voice] = []
        self._lock = threading.Lock()
        self.last_callback: float | None = None
        self.failed: str | None = None

    def add(self, pcm: bytes, at: float | None, key: str = "") -> None:
        samples = array("h")
        samples.frombytes(pcm)
        if sys.byteorder == "big":
            samples.byteswap()
        with self._lock:
            self._voices.append(_Voice(samples, at, key))

    def cancel(self, key: str) -> None:
        """Drop a sound that has not started yet; one already sounding plays out."""
        with self._lock:
            self._voices = [v for v in self._voices if v.key != key or v.pos > 0]

    @property
    def pending(self) -> int:
        with self._lock:
            return len(self._voices)

    def generator(self) -> Generator[bytes, int, None]:
        """The generator miniaudio calls with a frame count; prime it with next()."""
        frames = yield b""
        while True:
            frames = yield self.fill(frames)

    def fill(self, frames: int) -> bytes:
        try:
            return self._fill(frames)
        except Exception as exc:  # never let it reach the audio thread
            self.failed = repr(exc)
            return bytes(2 * frames)

    def _fill(self, frames: int) -> bytes:
        now = self._clock()
        self.last_callback = now
        out = array("h", bytes(2 * frames))
        first_heard = now + self.latency
        written = False
        with self._lock:
            keep: list[_Voice] = []
            for voice in self._voices:
                if voice.pos == 0 and voice.at is not None:
                    offset = round((voice.at - first_heard) * RATE)
                    if offset >= frames:
                        keep.append(voice)
                        continue
                    offset = max(offset, 0)
                else:
                    offset = 0
                n = min(frames - offset, len(voice.samples) - voice.pos)
                chunk = voice.samples[voice.pos : voice.pos + n]
                if not written:
                    out[offset : offset + n] = chunk
                    written = True
                else:
                    region = out[offset : offset + n]
                    summed = (a + b for a, b in zip(region, chunk, strict=True))
                    out[offset : offset + n] = array(
                        "h", (max(-_MAX, min(_MAX, s)) for s in summed)
                    )
                voice.pos += n
                if voice.pos < len(voice.samples):
                    keep.append(voice)
            self._voices = keep
        if sys.byteorder == "big":
            out.byteswap()
        return out.tobytes()
