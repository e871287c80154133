"""Voice: numbers in words, WAV conversion, background rendering, no engine no error."""

from __future__ import annotations

import shutil
from array import array

import pytest

from tests.audio.audio_helpers import tone_wav, wait_for
from trackapp.audio import voice, words
from trackapp.audio.synth import RATE


@pytest.mark.parametrize(
    ("shown", "spoken"),
    [
        ("71.4", "seventy-one point four"),
        ("59.9", "fifty-nine point nine"),
        ("92.5", "ninety-two point five"),
        ("1:32.5", "one thirty-two point five"),
        ("2:05.3", "two oh five point three"),
        ("13.0", "thirteen point zero"),
        ("1:00:05.2", "one hour oh oh oh five point two"),
    ],
)
def test_split_words(shown: str, spoken: str) -> None:
    assert words.split_words(shown) == spoken


def test_time_words_picks_seconds_or_minutes() -> None:
    assert words.time_words(71.44) == "seventy-one point four"
    assert words.time_words(99.94) == "ninety-nine point nine"
    assert words.time_words(125.3) == "two oh five point three"
    assert words.time_words(140.0, decimals=0) == "two twenty"


def test_number_words() -> None:
    assert [words.number_words(n) for n in (0, 7, 15, 20, 21, 100, 400, 1600)] == [
        "zero",
        "seven",
        "fifteen",
        "twenty",
        "twenty-one",
        "one hundred",
        "four hundred",
        "one thousand six hundred",
    ]


def test_rest_and_rep_words() -> None:
    assert words.rest_words(90) == "rest ninety seconds"
    assert words.rest_words(45) == "rest forty-five seconds"
    assert words.rest_words(60) == "rest one minute"
    assert words.rest_words(150) == "rest two minutes thirty"
    assert words.rep_words(4, 8) == "rep four of eight"


def test_wav_to_pcm_resamples_to_44100_mono() -> None:
    pcm = voice.wav_to_pcm(tone_wav(rate=22050, seconds=0.5, value=1234))
    samples = array("h")
    samples.frombytes(pcm)
    assert len(samples) == pytest.approx(RATE * 0.5, abs=2)
    assert set(samples) == {1234}


def test_wav_with_unset_sizes_as_espeak_writes_to_a_pipe() -> None:
    wav = bytearray(tone_wav(rate=RATE, seconds=0.1))
    wav[4:8] = b"\xff\xff\xff\x7f"
    wav[40:44] = b"\x00\xf0\xff\x7f"  # data chunk size far past the end
    assert len(voice.wav_to_pcm(bytes(wav))) == 2 * int(RATE * 0.1)


def test_no_engine_means_no_voice_and_no_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    assert voice.find_engine() is None
    v = voice.Voice.system()
    assert not v.available
    v.request("rep four of eight")
    assert v.get("rep four of eight") is None
    v.close()


def test_rendering_runs_in_background_and_is_cached() -> None:
    calls: list[str] = []

    def engine(text: str) -> bytes:
        calls.append(text)
        return tone_wav()

    v = voice.Voice(engine)
    v.request("rest ninety seconds")
    v.request("rest ninety seconds")
    wait_for(lambda: v.get("rest ninety seconds") is not None)
    assert calls == ["rest ninety seconds"]
    v.close()


def test_failing_engine_is_quiet() -> None:
    def engine(text: str) -> bytes:
        raise OSError("espeak-ng vanished")

    v = voice.Voice(engine)
    v.request("hello")
    v.close()
    v._thread.join(2)  # type: ignore[union-attr]
    assert v.get("hello") is None


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng not installed")
def test_espeak_renders_speech() -> None:
    engine = voice.find_engine()
    assert engine is not None
    pcm = voice.wav_to_pcm(engine("seventy-one point four"))
    samples = array("h")
    samples.frombytes(pcm)
    assert 0.5 < len(samples) / RATE < 4.0
    assert max(abs(s) for s in samples) > 2000
