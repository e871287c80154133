"""The real cues through the real miniaudio backend, captured from a PulseAudio null sink.

Needs Debian's `pulseaudio` and `pulseaudio-utils` (parec, pactl); skips only where they
are missing. Checks that every cue sounds, in order, with its pitch, and starts within
30 ms of its instant on the monotonic clock.
"""

from __future__ import annotations

import time
from array import array
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support import pulse as pc
from trackapp.audio import synth
from trackapp.audio.backends import open_miniaudio
from trackapp.audio.player import CuePlayer
from trackapp.domain.cues import Cue, CueKind

pytestmark = pytest.mark.audio_integration

THRESHOLD = 300
TOLERANCE = 0.030

# (kind, seconds after the start): gaps long enough that the capture separates them
PLAN = [
    (CueKind.COUNT_3, 0.0),
    (CueKind.COUNT_2, 0.4),
    (CueKind.COUNT_1, 0.8),
    (CueKind.GO, 1.2),
    (CueKind.TARGET_REACHED, 2.0),
    (CueKind.STEP_DONE, 2.6),
    (CueKind.SPLIT, 3.5),
    (CueKind.IGNORED, 3.8),
    (CueKind.WORKOUT_DONE, 4.3),
]


@pytest.fixture
def pulse_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, str]]:
    missing = pc.missing_tools()
    if missing:
        pytest.skip(
            f"needs {', '.join(missing)} (Debian: apt-get install pulseaudio pulseaudio-utils)"
        )
    pytest.importorskip("miniaudio", reason="miniaudio has no wheel for this platform")
    with pc.pulse_server(tmp_path) as env:
        for key in ("HOME", "XDG_RUNTIME_DIR", "PULSE_RUNTIME_PATH", "PULSE_SERVER", "PULSE_SINK"):
            monkeypatch.setenv(key, env[key])
        yield env


def onset_in_pcm(kind: CueKind, volume: float) -> float:
    """Seconds from a cue's start to its first sample above THRESHOLD (the fade-in)."""
    samples = array("h")
    samples.frombytes(synth.render_all(volume)[kind])
    return next(i for i, s in enumerate(samples) if abs(s) > THRESHOLD) / synth.RATE


def test_cues_sound_on_time_in_order_with_their_pitch(pulse_env: dict[str, str]) -> None:
    player = CuePlayer(backends=[open_miniaudio])
    # the capture first: a null sink nobody records from pulls no sound, and the player
    # would rightly take that for a lost device
    with pc.parec(pulse_env) as rec:
        try:
            assert player.probe() == "sound: miniaudio"
            time.sleep(0.3)  # let the capture settle
            start = time.monotonic() + 0.5
            cues = [Cue(k, start + dt, key=f"c{i}:{k}") for i, (k, dt) in enumerate(PLAN)]
            withdrawn = Cue(CueKind.GO, start + 3.2, key="withdrawn")
            player.schedule([*cues, withdrawn])
            time.sleep(0.2)
            player.schedule(cues)  # the engine changed its mind: "withdrawn" must not sound
            time.sleep(PLAN[-1][1] + 0.5 + 1.3)
        finally:
            player.close()
    samples = rec.samples()

    found = pc.bursts(samples, THRESHOLD)
    assert len(found) == len(cues), [round(rec.time_of(b.start) - start, 3) for b in found]
    errors = []
    for cue, burst in zip(cues, found, strict=True):
        sound = synth.CUE_SOUNDS[cue.kind]
        heard = rec.time_of(burst.start) - onset_in_pcm(cue.kind, player.volume)
        errors.append(heard - cue.due)
        note = sound.notes[0]
        window = min(0.1, note.length - 0.02)
        measured = pc.pitch(samples, burst.start + int(0.01 * synth.RATE), window)
        assert measured == pytest.approx(sound.fundamental, rel=0.03, abs=1.5 / window), cue
    print("onset errors (ms):", [round(e * 1000, 1) for e in errors])
    assert max(abs(e) for e in errors) < TOLERANCE, errors
