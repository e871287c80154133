"""Mixes scheduled sounds into a device's buffers at the right sample offsets.

The device's callback asks for N frames; the mixer knows when the first of them will be
heard (the stream's instant + the output latency), so a sound due at instant `at` starts
at frame `(at - that instant) * RATE` of this buffer. Onset accuracy is then the clock's,
not the callback's period or the UI's refresh.

The stream's instant is read off the sample clock, not off the callback's own time: the
device takes its frames at a steady rate, while a callback runs a few ms early or late
(the device prefilling its buffers at the start, the other core busy, the GIL held).
Each callback gives `now - frames so far / RATE`, the instant the stream would have
started had this callback run at its usual moment; the median of the last couple of
seconds of these is the stream's start, so one callback's jitter moves no sound, while
drift between the sound card's clock and ours, or an underrun, moves it within seconds.

The callback runs on the audio thread and must never raise (an exception there would
be printed over the TUI), so it catches all.
"""

from __future__ import annotations

import statistics
import sys
import threading
from array import array
from collections import deque
from collections.abc import Callable, Generator
from dataclasses import dataclass

from trackapp.audio.synth import RATE

_MAX = 32767
ANCHOR_CALLBACKS = 101  # the stream's start: the median of this many callbacks' estimates


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
        self._frames = 0  # frames handed to the device so far
        self._starts: deque[float] = deque(maxlen=ANCHOR_CALLBACKS)  # stream start estimates

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

    def stream_instant(self, now: float) -> float:
        """The instant the device takes the next frame, on the sample clock (see above);
        counts `frames` as handed over once the caller has filled them."""
        self._starts.append(now - self._frames / RATE)
        return statistics.median(self._starts) + self._frames / RATE

    def _fill(self, frames: int) -> bytes:
        now = self._clock()
        self.last_callback = now
        out = array("h", bytes(2 * frames))
        first_heard = self.stream_instant(now) + self.latency
        self._frames += frames
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
