"""Scheduling against the clock: onset within 30 ms, reschedule, cancel, mute, voice."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from tests.audio.audio_helpers import tone_wav, wait_for
from trackapp.audio import synth
from trackapp.audio.backends import RecordingBackend
from trackapp.audio.player import CuePlayer
from trackapp.audio.voice import Voice
from trackapp.domain.cues import Cue, CueKind

# Real threads place the cues at real instants, a few tenths of a second away: these run
# with the end-to-end tests (`make test`'s second pass), not among the unit tests.
pytestmark = pytest.mark.realtime

TOLERANCE = 0.030


@pytest.fixture
def recording() -> RecordingBackend:
    return RecordingBackend()


@pytest.fixture
def player(recording: RecordingBackend) -> Iterator[CuePlayer]:
    p = CuePlayer(backends=[lambda: recording])
    p.probe()
    yield p
    p.close()


def countdown(start: float) -> list[Cue]:
    kinds = [CueKind.COUNT_3, CueKind.COUNT_2, CueKind.COUNT_1, CueKind.GO]
    return [Cue(k, start + 0.1 * i, key=f"seg1:{k}") for i, k in enumerate(kinds)]


def test_probe_status(player: CuePlayer) -> None:
    assert player.status == "sound: recording"


def test_cues_start_within_30ms_of_their_instant(
    player: CuePlayer, recording: RecordingBackend
) -> None:
    cues = countdown(time.monotonic() + 0.15)
    player.schedule(cues)
    wait_for(lambda: len(recording.played) == 4)
    for cue, played in zip(cues, recording.played, strict=True):
        assert played.key == cue.key
        assert played.pcm == synth.render_all(player.volume)[cue.kind]
        assert -0.001 <= played.start - cue.due < TOLERANCE


def test_backend_with_lead_gets_sounds_early_with_their_instant() -> None:
    recording = RecordingBackend(lead=0.2)
    player = CuePlayer(backends=[lambda: recording])
    player.probe()
    try:
        due = time.monotonic() + 0.3
        player.schedule([Cue(CueKind.GO, due, key="go")])
        wait_for(lambda: len(recording.played) == 1)
        played = recording.played[0]
        assert played.at == due
        assert 0.2 - TOLERANCE < due - played.called <= 0.2 + 0.001
        player.schedule([])  # withdrawn before it sounds: the backend must drop it
        wait_for(lambda: recording.cancelled == ["go"])
    finally:
        player.close()


def test_reschedule_is_idempotent_and_cancels_removed(
    player: CuePlayer, recording: RecordingBackend
) -> None:
    cues = countdown(time.monotonic() + 0.2)
    player.schedule(cues)
    player.schedule(cues)  # same list again: nothing doubles
    player.schedule([cues[0], cues[2], cues[3]])  # count_2 withdrawn (undo, pause)
    wait_for(lambda: len(recording.played) == 3)
    time.sleep(0.1)
    assert recording.keys == [cues[0].key, cues[2].key, cues[3].key]
    player.schedule(cues)  # already played ones are not replayed; count_2 is past
    time.sleep(0.1)
    assert len(recording.played) == 3


def test_moved_cue_plays_at_its_new_instant(player: CuePlayer, recording: RecordingBackend) -> None:
    now = time.monotonic()
    player.schedule([Cue(CueKind.GO, now + 0.1, key="go")])
    player.schedule([Cue(CueKind.GO, now + 0.3, key="go")])  # paused for 0.2 s
    wait_for(lambda: len(recording.played) == 1)
    time.sleep(0.05)
    assert len(recording.played) == 1
    assert abs(recording.played[0].start - (now + 0.3)) < TOLERANCE


def test_stale_cues_are_dropped(player: CuePlayer, recording: RecordingBackend) -> None:
    player.schedule([Cue(CueKind.COUNT_3, time.monotonic() - 2.0, key="old")])
    time.sleep(0.1)
    assert recording.played == []


def test_play_now(player: CuePlayer, recording: RecordingBackend) -> None:
    t = time.monotonic()
    player.play(Cue(CueKind.SPLIT, 0.0))
    player.play(Cue(CueKind.SPLIT, 0.0))  # two presses, two blips
    wait_for(lambda: len(recording.played) == 2)
    assert recording.played[0].start - t < TOLERANCE
    player.schedule([])  # the engine's schedule never cancels immediate cues
    assert len(recording.played) == 2


def test_mute(player: CuePlayer, recording: RecordingBackend) -> None:
    assert player.toggle_mute() is True
    assert player.muted
    start = time.monotonic() + 0.05
    player.schedule(countdown(start))
    player.play(Cue(CueKind.SPLIT, 0.0))
    time.sleep(0.45)
    assert recording.played == []
    assert player.toggle_mute() is False
    player.play(Cue(CueKind.SPLIT, 0.0))
    wait_for(lambda: len(recording.played) == 1)


def test_volume_changes_level(player: CuePlayer, recording: RecordingBackend) -> None:
    player.volume = 0.2
    player.play(Cue(CueKind.SPLIT, 0.0))
    wait_for(lambda: len(recording.played) == 1)
    assert recording.played[0].pcm == synth.render_all(0.2)[CueKind.SPLIT]


def test_words_follow_the_tone(recording: RecordingBackend) -> None:
    said: list[str] = []

    def engine(text: str) -> bytes:
        said.append(text)
        return tone_wav()

    player = CuePlayer(backends=[lambda: recording], voice=Voice(engine))
    player.probe()
    try:
        due = time.monotonic() + 0.1
        player.schedule([Cue(CueKind.STEP_DONE, due, text="rest ninety seconds", key="s1")])
        wait_for(lambda: len(recording.played) == 2)
        tone, words = recording.played
        assert said == ["rest ninety seconds"]
        assert words.key == "s1:voice"
        gap = words.start - tone.start
        assert gap >= synth.CUE_SOUNDS[CueKind.STEP_DONE].length
        player.play(Cue(CueKind.ANNOUNCE, 0.0, text="rest ninety seconds"))  # cached
        wait_for(lambda: len(recording.played) == 3)
        assert said == ["rest ninety seconds"]
    finally:
        player.close()


def test_voice_off_setting_plays_tones_only(recording: RecordingBackend) -> None:
    player = CuePlayer(backends=[lambda: recording], voice=Voice(lambda t: tone_wav()))
    player.probe()
    try:
        player.voice_enabled = False
        player.play(Cue(CueKind.SPLIT, 0.0, text="seventy-one point four"))
        player.play(Cue(CueKind.ANNOUNCE, 0.0, text="rep four of eight"))
        wait_for(lambda: len(recording.played) == 1)
        time.sleep(0.1)
        assert len(recording.played) == 1
    finally:
        player.close()


def test_no_speech_engine_no_voice_no_error(recording: RecordingBackend) -> None:
    player = CuePlayer(backends=[lambda: recording], voice=Voice(None))
    player.probe()
    try:
        player.play(Cue(CueKind.ANNOUNCE, 0.0, text="rep four of eight"))
        player.play(Cue(CueKind.SPLIT, 0.0, text="seventy-one point four"))
        wait_for(lambda: len(recording.played) == 1)
        assert not player.voice_enabled
    finally:
        player.close()


def test_close_is_quick_and_final(recording: RecordingBackend) -> None:
    player = CuePlayer(backends=[lambda: recording])
    player.probe()
    player.schedule([Cue(CueKind.GO, time.monotonic() + 60, key="later")])
    t = time.monotonic()
    player.close()
    assert time.monotonic() - t < 0.5
    assert recording.closed
