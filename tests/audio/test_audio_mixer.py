"""The mixer places each sound at its instant's sample offset, whatever the buffer size."""

from __future__ import annotations

from array import array

from trackapp.audio.mixer import Mixer
from trackapp.audio.synth import RATE


class FakeClock:
    def __init__(self, now: float = 100.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def pcm(value: int, n: int) -> bytes:
    return array("h", [value] * n).tobytes()


def fill(mixer: Mixer, frames: int) -> array[int]:
    out = array("h")
    out.frombytes(mixer.fill(frames))
    return out


def test_sound_starts_at_its_sample_offset() -> None:
    clock = FakeClock()
    mixer = Mixer(clock, latency=0.010)
    mixer.add(pcm(1000, 100), at=100.050)
    out = fill(mixer, 4410)  # 100 ms buffer, first frame heard at 100.010
    first = next(i for i, s in enumerate(out) if s)
    assert first == round(0.040 * RATE)
    assert sum(1 for s in out if s) == 100


def test_sound_spanning_buffers_continues() -> None:
    clock = FakeClock()
    mixer = Mixer(clock, latency=0.0)
    mixer.add(pcm(7, 300), at=None)
    a = fill(mixer, 200)
    clock.now += 200 / RATE
    b = fill(mixer, 200)
    assert list(a) == [7] * 200 and list(b) == [7] * 100 + [0] * 100
    assert mixer.pending == 0


def test_future_sound_waits_and_cancel_drops_it() -> None:
    clock = FakeClock()
    mixer = Mixer(clock, latency=0.0)
    mixer.add(pcm(5, 10), at=101.0, key="b")
    assert not any(fill(mixer, 441))
    mixer.cancel("b")
    clock.now = 101.0
    assert not any(fill(mixer, 441)) and mixer.pending == 0


def test_overlapping_sounds_add_and_clip() -> None:
    mixer = Mixer(FakeClock(), latency=0.0)
    mixer.add(pcm(30000, 10), at=None)
    mixer.add(pcm(30000, 5), at=None)
    out = fill(mixer, 10)
    assert list(out) == [32767] * 5 + [30000] * 5


def test_errors_never_escape_the_callback() -> None:
    def broken() -> float:
        raise RuntimeError("clock broke")

    mixer = Mixer(broken, latency=0.0)
    assert mixer.fill(10) == bytes(20)
    assert mixer.failed is not None


def test_generator_protocol() -> None:
    mixer = Mixer(FakeClock(), latency=0.0)
    gen = mixer.generator()
    assert next(gen) == b""
    assert gen.send(64) == bytes(128)
