"""Cue sounds synthesised in pure Python: 44.1 kHz, 16-bit signed, mono.

Every cue is a few sine notes with raised-cosine fades (no clicks). Each cue has a
documented fundamental (the pitch of its first note) and length, so tests and the
integration capture can check what the runner hears. Synthesis runs once at start-up
per volume and is cached; it takes a few tens of milliseconds for the whole set.
"""

from __future__ import annotations

import math
import sys
from array import array
from dataclasses import dataclass
from functools import lru_cache

from trackapp.domain.cues import CueKind

RATE = 44_100
SAMPLE_WIDTH = 2
FADE_S = 0.005  # raised-cosine fade in and out of every note
HEADROOM = 0.8  # full volume peaks at 80 % of full scale, leaving room when mixing
_FULL_SCALE = 32767


@dataclass(frozen=True, slots=True)
class Note:
    """One sine note inside a cue; harmonics are relative amplitudes of partials 2, 3, ..."""

    freq: float
    start: float
    length: float
    gain: float = 1.0
    decay: float = 0.0  # exponential decay per second (a struck, bell-like note)
    fade: float = FADE_S
    harmonics: tuple[float, ...] = ()


@dataclass(frozen=True, slots=True)
class CueSound:
    """What a cue sounds like: `fundamental` is the first note's pitch in Hz."""

    kind: CueKind
    notes: tuple[Note, ...]

    @property
    def fundamental(self) -> float:
        return self.notes[0].freq

    @property
    def length(self) -> float:
        return max(n.start + n.length for n in self.notes)


# Fundamental (Hz) and length (s) of each cue, what the runner hears:
#   count 3/2/1   882     0.15   pips (50 samples per period)
#   go            1764    0.50   an octave above the pips, long: unmistakably "now"
#   split         1260    0.06   short blip
#   ignored       225     0.24   low double buzz: that press did not count
#   step done     1050    0.60   struck chime with partials 2 and 3, decaying
#   workout done  525     0.93   rising arpeggio 525, 658, 787.5, 1050
#   target        630     0.30   soft (half gain), slow fades: not a countdown pip
# Every pitch has a whole number of samples per period, which makes synthesis fast.
CUE_SOUNDS: dict[CueKind, CueSound] = {
    CueKind.COUNT_3: CueSound(CueKind.COUNT_3, (Note(882.0, 0.0, 0.15),)),
    CueKind.COUNT_2: CueSound(CueKind.COUNT_2, (Note(882.0, 0.0, 0.15),)),
    CueKind.COUNT_1: CueSound(CueKind.COUNT_1, (Note(882.0, 0.0, 0.15),)),
    CueKind.GO: CueSound(CueKind.GO, (Note(1764.0, 0.0, 0.5, fade=0.01),)),
    CueKind.SPLIT: CueSound(CueKind.SPLIT, (Note(1260.0, 0.0, 0.06, fade=0.004),)),
    CueKind.IGNORED: CueSound(
        CueKind.IGNORED,
        (Note(225.0, 0.0, 0.09, fade=0.008), Note(225.0, 0.15, 0.09, fade=0.008)),
    ),
    CueKind.STEP_DONE: CueSound(
        CueKind.STEP_DONE,
        (Note(1050.0, 0.0, 0.6, decay=5.0, fade=0.004, harmonics=(0.25, 0.1)),),
    ),
    CueKind.WORKOUT_DONE: CueSound(
        CueKind.WORKOUT_DONE,
        (
            Note(525.0, 0.0, 0.14),
            Note(RATE / 67, 0.16, 0.14),
            Note(787.5, 0.32, 0.14),
            Note(1050.0, 0.48, 0.45, fade=0.03),
        ),
    ),
    CueKind.TARGET_REACHED: CueSound(
        CueKind.TARGET_REACHED, (Note(630.0, 0.0, 0.3, gain=0.5, fade=0.06),)
    ),
}


def _wave(step: float, harmonics: tuple[float, ...], peak: float, count: int) -> list[float]:
    sin = math.sin
    out = [sin(step * i) for i in range(count)]
    for k, a in enumerate(harmonics, start=2):
        out = [s + a * sin(step * k * i) for i, s in enumerate(out)]
    return [s * peak for s in out]


@lru_cache(maxsize=64)
def _render_note(note: Note, amplitude: float) -> array[int]:
    """Samples of one note, faded in and out with a raised cosine (cached: pips repeat)."""
    count = round(note.length * RATE)
    fade = max(1, min(round(note.fade * RATE), count // 2))
    peak = amplitude * note.gain / (1.0 + sum(note.harmonics))
    period = RATE / note.freq
    # Pitches are chosen with a whole number of samples per period, so one period is
    # computed and tiled (fast); any other pitch falls back to sample-by-sample.
    length = round(period) if abs(period - round(period)) < 1e-6 else count
    out = _wave(2.0 * math.pi * note.freq / RATE, note.harmonics, peak, length)
    if length < count:
        out = (out * (count // length + 1))[:count]
    if note.decay:
        c = -note.decay / RATE
        exp = math.exp
        out = [s * exp(c * i) for i, s in enumerate(out)]
    for i in range(fade):
        r = 0.5 - 0.5 * math.cos(math.pi * i / fade)
        out[i] *= r
        out[count - 1 - i] *= r
    return array("h", map(int, out))


def render(sound: CueSound, volume: float = 1.0) -> bytes:
    """PCM (16-bit little-endian mono) for one cue at a volume between 0 and 1.

    Notes never overlap, so a cue is its notes laid end to end with silence between:
    no per-sample mixing, and no clipping since every note peaks below full scale.
    """
    volume = min(1.0, max(0.0, volume))
    amplitude = volume * HEADROOM * _FULL_SCALE
    pcm = array("h")
    for note in sorted(sound.notes, key=lambda n: n.start):
        gap = round(note.start * RATE) - len(pcm)
        if gap < 0:
            raise ValueError(f"{sound.kind}: notes overlap")
        pcm.extend(array("h", bytes(gap * SAMPLE_WIDTH)))
        pcm.extend(_render_note(note, amplitude))
    return _le_bytes(pcm)


def _le_bytes(pcm: array[int]) -> bytes:
    if sys.byteorder == "big":
        pcm.byteswap()
    return pcm.tobytes()


@lru_cache(maxsize=8)
def render_all(volume: float = 1.0) -> dict[CueKind, bytes]:
    """Every cue's PCM at one volume; cached, since the app asks once per volume change."""
    return {kind: render(sound, volume) for kind, sound in CUE_SOUNDS.items()}


def silence(seconds: float) -> bytes:
    return bytes(round(seconds * RATE) * SAMPLE_WIDTH)


def scaled(pcm: bytes, gain: float) -> bytes:
    """PCM multiplied by a gain (for speech, rendered once at full level)."""
    samples = array("h")
    samples.frombytes(pcm)
    if sys.byteorder == "big":
        samples.byteswap()
    lim = _FULL_SCALE
    out = array("h", (max(-lim, min(lim, int(s * gain))) for s in samples))
    return _le_bytes(out)
