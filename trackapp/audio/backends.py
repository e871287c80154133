"""Audio backends: one small interface, tried in order, the first that works kept.

`open_simpleaudio`, `open_miniaudio` and `BellBackend` are the real ones, in the order
the player tries them; `RecordingBackend` is the test double. Opening raises
`BackendUnavailable` with a short reason; `play` raises `BackendError` when the backend
broke, and the player then degrades to the next one. Nothing here is allowed to print:
the terminal belongs to the TUI.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from trackapp.audio.mixer import Mixer
from trackapp.audio.synth import RATE, SAMPLE_WIDTH

Clock = Callable[[], float]


class BackendUnavailable(Exception):
    """This backend cannot play here; the message says why, for the status line."""


class BackendError(Exception):
    """The backend failed while playing; the player moves to the next one."""


class AudioBackend(Protocol):
    """Plays 44.1 kHz 16-bit mono PCM.

    `lead` is how long before `at` the player should hand a sound over: a backend that
    places sound on its own sample clock (miniaudio) wants it early and starts it at
    `at` exactly; one that can only "play now" (simpleaudio, bell) has lead 0 and is
    called at the due instant. `key` lets a sound handed over early be cancelled.
    `check` raises BackendError when the backend stopped working although nothing was
    played (a device that went away); the player calls it a few times a second.
    Only the player's cue thread calls these, never the UI thread.
    """

    @property
    def name(self) -> str: ...

    @property
    def lead(self) -> float: ...

    def play(self, pcm: bytes, at: float | None = None, key: str = "") -> None: ...

    def cancel(self, key: str) -> None: ...

    def check(self) -> None: ...

    def close(self) -> None: ...


def open_simpleaudio() -> AudioBackend:
    """simpleaudio-patched, when installed (the `simpleaudio` extra)."""
    try:
        import simpleaudio
    except Exception as exc:  # ImportError, or a broken build failing to load
        raise BackendUnavailable(f"simpleaudio not installed ({type(exc).__name__})") from exc
    backend = SimpleaudioBackend(simpleaudio)
    try:
        backend.play(bytes(SAMPLE_WIDTH * RATE // 100))  # 10 ms of silence proves a device
    except BackendError as exc:
        raise BackendUnavailable(f"simpleaudio: {exc}") from exc
    return backend


class SimpleaudioBackend:
    name = "simpleaudio"
    lead = 0.0

    def __init__(self, module: Any) -> None:
        self._sa = module
        self._playing: list[Any] = []  # keep play objects referenced while they sound

    def play(self, pcm: bytes, at: float | None = None, key: str = "") -> None:
        try:
            obj = self._sa.play_buffer(pcm, 1, SAMPLE_WIDTH, RATE)
        except Exception as exc:
            raise BackendError(str(exc) or type(exc).__name__) from exc
        self._playing = [p for p in self._playing if _is_playing(p)] + [obj]

    def cancel(self, key: str) -> None:
        return None  # sounds are handed over at their instant: nothing is pending here

    def check(self) -> None:
        return None  # nothing runs between sounds: a failure shows in play()

    def close(self) -> None:
        for obj in self._playing:
            with contextlib.suppress(Exception):
                obj.stop()
        self._playing = []


def _is_playing(obj: Any) -> bool:
    try:
        return bool(obj.is_playing())
    except Exception:
        return False


# How long after the mixer fills a buffer its first frame is heard: the mixer places each
# sound that much earlier. bench/bench_cues.py measures it on a PulseAudio null sink
# against `pacat` fed at each instant: with a whole 20 ms period as the lead, the cues
# sounded 14.6 ms (median) before pacat's, so the device's own latency is about 6 ms.
# A real sound card adds its own buffer, and a cue then sounds that much late (a few
# ms, which no runner hears); never early. 20 ms periods (not 10) because with both
# cores busy 10 ms ones underran.
_OUTPUT_LATENCY_S = 0.006


def open_miniaudio(clock: Clock = time.monotonic, buffer_ms: int = 20) -> AudioBackend:
    """A persistent miniaudio device fed by a mixer: sounds start on the sample clock."""
    try:
        import miniaudio
    except Exception as exc:
        raise BackendUnavailable(f"miniaudio not installed ({type(exc).__name__})") from exc
    try:
        device = miniaudio.PlaybackDevice(
            output_format=miniaudio.SampleFormat.SIGNED16,
            nchannels=1,
            sample_rate=RATE,
            buffersize_msec=buffer_ms,
            app_name="trackapp",
        )
    except Exception as exc:
        raise BackendUnavailable("no audio device") from exc
    if str(getattr(device, "backend", "")).lower() in ("null", ""):
        device.close()  # miniaudio's null backend "plays" into nothing
        raise BackendUnavailable("no audio device")
    mixer = Mixer(clock, latency=_OUTPUT_LATENCY_S)
    generator = mixer.generator()
    next(generator)
    try:
        device.start(generator)
    except Exception as exc:
        device.close()
        raise BackendUnavailable(f"audio device would not start ({exc})") from exc
    return MiniaudioBackend(device, mixer, clock)


class MiniaudioBackend:
    """A running device pulls sound from the mixer all the time, silence included.

    When the sound server dies (PulseAudio killed: measured here, miniaudio 1.71) the
    device's callback simply stops coming: nothing raises, nothing prints, `play` and
    `close` still return at once. So a callback older than _STALL_S means the device is
    gone. Not much shorter: the fall-back to the bell is for the rest of the session,
    and a sink can pause for a moment (a PulseAudio null sink nobody records from
    pulls nothing for seconds: tests that play into one record its monitor first).
    """

    lead = 0.25  # hand sounds over early; the mixer places them at the exact frame
    _STALL_S = 2.0  # no callback for this long: the device is gone

    name = "miniaudio"

    def __init__(self, device: Any, mixer: Mixer, clock: Clock) -> None:
        self._device = device
        self._mixer = mixer
        self._clock = clock
        self._started = clock()
        self.device_backend = str(device.backend)  # "PulseAudio", "ALSA", "Core Audio", ...

    def play(self, pcm: bytes, at: float | None = None, key: str = "") -> None:
        self.check()
        self._mixer.add(pcm, at, key)

    def cancel(self, key: str) -> None:
        self._mixer.cancel(key)

    def check(self) -> None:
        last = self._mixer.last_callback
        since = self._started if last is None else last
        if self._clock() - since > self._STALL_S:
            raise BackendError("sound device lost")
        if self._mixer.failed is not None:
            raise BackendError(f"mixer failed: {self._mixer.failed}")

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self._device.close()


class BellBackend:
    """The terminal bell: one BEL per cue. The app passes its own writer so the byte
    goes through the TUI's output and never splits one of its escape sequences."""

    name = "bell only"
    lead = 0.0

    def __init__(self, ring: Callable[[], None] | None = None) -> None:
        self._ring = ring or _write_bel

    def play(self, pcm: bytes, at: float | None = None, key: str = "") -> None:
        try:
            self._ring()
        except Exception as exc:
            raise BackendError(f"bell: {exc}") from exc

    def cancel(self, key: str) -> None:
        return None

    def check(self) -> None:
        return None

    def close(self) -> None:
        return None


def _write_bel() -> None:
    import os

    try:
        fd = os.open("/dev/tty", os.O_WRONLY | os.O_NOCTTY)
    except OSError:
        return
    try:
        os.write(fd, b"\a")
    finally:
        os.close(fd)


class SilentBackend:
    """Plays nothing: the end of the chain, so the player always has a backend."""

    name = "silent"
    lead = 0.0

    def play(self, pcm: bytes, at: float | None = None, key: str = "") -> None:
        return None

    def cancel(self, key: str) -> None:
        return None

    def check(self) -> None:
        return None

    def close(self) -> None:
        return None


@dataclass(frozen=True, slots=True)
class Played:
    pcm: bytes
    at: float | None  # the instant asked for
    called: float  # clock reading when play() was called
    key: str

    @property
    def start(self) -> float:
        """When this would be heard: `at` on a sample-clock backend, else at the call."""
        return self.called if self.at is None else max(self.at, self.called)


class RecordingBackend:
    """Test double: keeps what was played, when, and can be told to fail, or to stall
    (its `check` then fails, as a device that went away does)."""

    def __init__(
        self,
        clock: Clock = time.monotonic,
        lead: float = 0.0,
        name: str = "recording",
        fail_on_play: bool = False,
    ) -> None:
        self.name = name
        self.lead = lead
        self.fail_on_play = fail_on_play
        self.stalled = False
        self.played: list[Played] = []
        self.cancelled: list[str] = []
        self.closed = False
        self._clock = clock
        self._lock = threading.Lock()

    def play(self, pcm: bytes, at: float | None = None, key: str = "") -> None:
        now = self._clock()
        if self.fail_on_play:
            raise BackendError("recording backend told to fail")
        with self._lock:
            self.played.append(Played(pcm, at, now, key))

    def cancel(self, key: str) -> None:
        with self._lock:
            self.cancelled.append(key)

    def check(self) -> None:
        if self.stalled:
            raise BackendError("recording backend told to stall")

    def close(self) -> None:
        self.closed = True

    @property
    def keys(self) -> list[str]:
        with self._lock:
            return [p.key for p in self.played]
