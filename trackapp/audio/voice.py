"""Spoken announcements, rendered ahead of time by the system's speech engine.

`espeak-ng` (Linux) or `say` (macOS) writes a WAV; it is converted in pure Python to
44.1 kHz 16-bit mono, the format every backend plays, and cached by text. Rendering
runs on one background thread so the UI loop never waits for a subprocess. Without a
speech engine `available` is False and every request is quietly ignored.
"""

from __future__ import annotations

import os
import queue
import shutil
import struct
import subprocess
import sys
import tempfile
import threading
from array import array
from collections.abc import Callable

from trackapp.audio.synth import RATE

Engine = Callable[[str], bytes]  # text -> WAV file bytes


def find_engine() -> Engine | None:
    """The speech engine on this machine, as a text -> WAV function, or None."""
    espeak = shutil.which("espeak-ng")
    if espeak:
        return lambda text: _run([espeak, "-s", "165", "--stdout", text])
    say = shutil.which("say")
    if say and sys.platform == "darwin":
        return lambda text: _say(say, text)
    return None


def _run(cmd: list[str]) -> bytes:
    done = subprocess.run(cmd, capture_output=True, timeout=10, check=True)
    return done.stdout


def _say(say: str, text: str) -> bytes:
    fd, path = tempfile.mkstemp(suffix=".wav")
    os.close(fd)
    try:
        _run([say, "-o", path, f"--data-format=LEI16@{RATE}", text])
        with open(path, "rb") as f:
            return f.read()
    finally:
        os.unlink(path)


def wav_to_pcm(wav: bytes) -> bytes:
    """16-bit PCM WAV (any rate, mono or stereo) to 44.1 kHz mono little-endian PCM.

    Parsed by hand: espeak-ng writing to a pipe leaves the sizes in the header unset.
    """
    if wav[:4] != b"RIFF" or wav[8:12] != b"WAVE":
        raise ValueError("not a WAV file")
    pos, channels, rate, bits = 12, 1, RATE, 16
    data = b""
    while pos + 8 <= len(wav):
        cid, size = wav[pos : pos + 4], struct.unpack("<I", wav[pos + 4 : pos + 8])[0]
        body = wav[pos + 8 : pos + 8 + size]
        if cid == b"fmt ":
            _, channels, rate, _, _, bits = struct.unpack("<HHIIHH", body[:16])
        elif cid == b"data":
            data = body
            break
        pos += 8 + size + (size & 1)
    if bits != 16:
        raise ValueError(f"{bits}-bit WAV not supported")
    samples = array("h")
    samples.frombytes(data[: len(data) - len(data) % (2 * channels)])
    if sys.byteorder == "big":
        samples.byteswap()
    if channels > 1:
        samples = array("h", samples[::channels])
    if rate != RATE:
        samples = resample(samples, rate, RATE)
    if sys.byteorder == "big":
        samples.byteswap()
    return samples.tobytes()


def resample(samples: array[int], src: int, dst: int) -> array[int]:
    """Linear interpolation: plenty for speech, and fast enough in pure Python."""
    if not samples:
        return array("h")
    n = int(len(samples) * dst / src)
    step = src / dst
    last = len(samples) - 1
    out = array("h", bytes(2 * n))
    for i in range(n):
        x = i * step
        j = int(x)
        if j >= last:
            out[i] = samples[last]
            continue
        f = x - j
        out[i] = int(samples[j] + (samples[j + 1] - samples[j]) * f)
    return out


class Voice:
    """Renders text to PCM on a background thread and caches it by text."""

    def __init__(self, engine: Engine | None = None, *, enabled: bool = True) -> None:
        self._engine = engine
        self.enabled = enabled
        self._cache: dict[str, bytes | None] = {}  # None: failed, do not retry
        self._lock = threading.Lock()
        self._queue: queue.Queue[str | None] = queue.Queue()
        self._thread: threading.Thread | None = None

    @classmethod
    def system(cls, *, enabled: bool = True) -> Voice:
        return cls(find_engine(), enabled=enabled)

    @property
    def available(self) -> bool:
        return self._engine is not None

    def request(self, text: str) -> None:
        """Start rendering `text` unless it is cached or on its way; returns at once."""
        if not text or not self.enabled or self._engine is None:
            return
        with self._lock:
            if text in self._cache:
                return
            self._cache[text] = b""  # queued
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._work, name="trackapp-voice", daemon=True
                )
                self._thread.start()
        self._queue.put(text)

    def get(self, text: str) -> bytes | None:
        """The rendered PCM, or None while it is not (yet) available."""
        if not self.enabled:
            return None
        with self._lock:
            return self._cache.get(text) or None

    def close(self) -> None:
        self._queue.put(None)

    def _work(self) -> None:
        engine = self._engine
        assert engine is not None
        while (text := self._queue.get()) is not None:
            try:
                pcm: bytes | None = wav_to_pcm(engine(text))
            except Exception:  # engine missing at run time, timeout, odd output
                pcm = None
            with self._lock:
                self._cache[text] = pcm
