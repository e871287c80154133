"""The whole chain, for real: `trackapp run` in a pty, keys pressed, the cues it plays
captured from a PulseAudio null sink.

The engine schedules the 3-2-1-go of a run that follows a timed rest against the
clock; this checks they sound at those instants (within 30 ms), in order, with their
pitch, and that a split's blip follows its key press at once.
"""

from __future__ import annotations

import sys
import time
from array import array
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support import pulse as pc
from tests.support.ptydriver import ROOT, PtyProcess, trackapp_command
from trackapp.audio import synth
from trackapp.domain.cues import CueKind

pytestmark = [
    pytest.mark.audio_integration,
    pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty"),
]

THRESHOLD = 300
TOLERANCE = 0.030
REST = 4.0
WORKOUT = f"""\
name = "Sound end to end"
[[step]]
repeat = 2
run = "open"
rest = "{REST:g}s"
"""


@pytest.fixture
def pulse_env(tmp_path: Path) -> Iterator[dict[str, str]]:
    missing = pc.missing_tools()
    if missing:
        pytest.skip(
            f"needs {', '.join(missing)} (Debian: apt-get install pulseaudio pulseaudio-utils)"
        )
    pytest.importorskip("miniaudio", reason="miniaudio has no wheel for this platform")
    with pc.pulse_server(tmp_path) as env:
        yield env


def onset_in_pcm(kind: CueKind) -> float:
    """Seconds from a cue's start to its first sample above THRESHOLD (the fade-in)."""
    samples = array("h")
    samples.frombytes(synth.render_all(0.8)[kind])
    return next(i for i, s in enumerate(samples) if abs(s) > THRESHOLD) / synth.RATE


def test_countdown_and_split_cues_sound_on_time(pulse_env: dict[str, str], tmp_path: Path) -> None:
    workout = tmp_path / "e2e.toml"
    workout.write_text(WORKOUT, encoding="utf-8")
    config = tmp_path / "trackapp-config"
    config.mkdir()
    # tones only: a voice would add bursts of its own
    (config / "settings.toml").write_text("voice = false\nvolume = 0.8\n", encoding="utf-8")
    env = dict(pulse_env)
    env["TRACKAPP_DATA_DIR"] = str(tmp_path / "data")
    env["TRACKAPP_CONFIG_DIR"] = str(config)
    env.pop("TEXTUAL", None)

    argv = [*trackapp_command(), "run", str(workout), "--debounce", "0.2"]
    # the capture first: a null sink nobody records from pulls no sound, and the app
    # would rightly take that for a lost device
    with pc.parec(pulse_env) as rec, PtyProcess(argv, env=env, cwd=ROOT) as app:
        app.wait_for("Press SPACE", timeout=60)
        # the device opens beside the first frame: the header says so once it has
        app.wait_for("sound: miniaudio", timeout=10)
        time.sleep(0.5)
        start = app.send(b" ")  # session start: rep 1 begins ("go" at once)
        time.sleep(1.5)
        split = app.send(b" ")  # rep 1 ends: a blip now, then 3-2-1-go before rep 2
        time.sleep(REST + 1.5)
        screen = app.text()
        app.send(b"q")
        time.sleep(0.5)
        samples = rec.samples()
    # the device kept pulling sound all along: no fall-back to the bell
    assert "bell only" not in screen, screen[-1500:]

    found = pc.bursts(samples, THRESHOLD)
    heard = [rec.time_of(b.start) for b in found]
    expected = [
        (CueKind.GO, start),
        (CueKind.SPLIT, split),
        (CueKind.COUNT_3, split + REST - 3),
        (CueKind.COUNT_2, split + REST - 2),
        (CueKind.COUNT_1, split + REST - 1),
        (CueKind.GO, split + REST),
    ]
    assert len(found) == len(expected), [round(t - start, 3) for t in heard]
    errors = []
    for (kind, due), burst, at in zip(expected, found, heard, strict=True):
        sound = synth.CUE_SOUNDS[kind]
        errors.append(at - onset_in_pcm(kind) - due)
        note = sound.notes[0]
        window = min(0.1, note.length - 0.02)
        measured = pc.pitch(samples, burst.start + int(0.01 * synth.RATE), window)
        assert measured == pytest.approx(sound.fundamental, rel=0.03, abs=1.5 / window), kind
    print("onset errors (ms):", [round(e * 1000, 1) for e in errors])
    # the countdown is scheduled against the clock: within 30 ms of its instants
    assert max(abs(e) for e in errors[2:]) < TOLERANCE, errors
    # the press cues follow the key at once (the key's read plus one audio buffer)
    assert max(abs(e) for e in errors[:2]) < 0.060, errors
