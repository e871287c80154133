"""The synthesised cues: pitch by zero crossings, length, quiet ends, volume."""

from __future__ import annotations

import itertools
import time
from array import array

import pytest

from trackapp.audio import synth
from trackapp.domain.cues import CueKind


def samples(pcm: bytes) -> array[int]:
    out = array("h")
    out.frombytes(pcm)
    return out


def rising_crossings(window: array[int]) -> int:
    return sum(1 for a, b in itertools.pairwise(window) if a < 0 <= b)


@pytest.mark.parametrize("kind", list(synth.CUE_SOUNDS))
def test_first_note_has_documented_pitch(kind: CueKind) -> None:
    sound = synth.CUE_SOUNDS[kind]
    note = sound.notes[0]
    pcm = samples(synth.render(sound, 1.0))
    n = round(note.length * synth.RATE)
    crossings = rising_crossings(pcm[:n])
    measured = crossings / note.length
    assert measured == pytest.approx(sound.fundamental, abs=1.5 / note.length)


@pytest.mark.parametrize("kind", list(synth.CUE_SOUNDS))
def test_length_and_quiet_ends(kind: CueKind) -> None:
    sound = synth.CUE_SOUNDS[kind]
    pcm = samples(synth.render(sound, 1.0))
    assert len(pcm) == round(sound.length * synth.RATE)
    assert abs(pcm[0]) < 50 and abs(pcm[-1]) < 50
    for note in sound.notes:  # every note fades in and out: no click at either edge
        start = round(note.start * synth.RATE)
        end = start + round(note.length * synth.RATE)
        assert abs(pcm[start]) < 50
        assert abs(pcm[end - 1]) < 300
    assert max(abs(s) for s in pcm) > 8000  # and it is audible in between


def test_every_kind_but_announce_has_a_sound() -> None:
    assert set(synth.CUE_SOUNDS) == set(CueKind) - {CueKind.ANNOUNCE}


def test_cues_are_distinct() -> None:
    s = synth.CUE_SOUNDS
    assert s[CueKind.GO].fundamental > s[CueKind.COUNT_1].fundamental
    assert s[CueKind.GO].length > s[CueKind.COUNT_1].length
    assert s[CueKind.IGNORED].fundamental < 300 and len(s[CueKind.IGNORED].notes) == 2
    done = [n.freq for n in s[CueKind.WORKOUT_DONE].notes]
    assert done == sorted(done) and len(done) >= 3  # a rising phrase
    assert s[CueKind.SPLIT].length < 0.1


def test_volume_scales_and_caches() -> None:
    loud = samples(synth.render_all(1.0)[CueKind.GO])
    quiet = samples(synth.render_all(0.25)[CueKind.GO])
    assert max(quiet) == pytest.approx(max(loud) / 4, rel=0.01)
    assert synth.render_all(0.25) is synth.render_all(0.25)
    assert max(abs(s) for s in samples(synth.render_all(0.0)[CueKind.GO])) == 0


def test_synthesis_is_fast() -> None:
    synth.render_all.cache_clear()
    synth._render_note.cache_clear()
    t = time.perf_counter()
    synth.render_all(0.7)
    assert time.perf_counter() - t < 0.25  # about 20 ms on a laptop; generous for CI
