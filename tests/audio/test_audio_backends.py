"""Each backend's failure path falls through to the next; nothing reaches the caller."""

from __future__ import annotations

import sys
import types
from typing import Any

import pytest

from tests.audio.audio_helpers import wait_for
from trackapp.audio import backends
from trackapp.audio.backends import (
    BackendError,
    BackendUnavailable,
    BellBackend,
    RecordingBackend,
)
from trackapp.audio.mixer import Mixer
from trackapp.audio.player import CuePlayer
from trackapp.domain.cues import Cue, CueKind


def fake_module(name: str, **attrs: Any) -> types.ModuleType:
    module = types.ModuleType(name)
    for key, value in attrs.items():
        setattr(module, key, value)
    return module


def test_simpleaudio_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "simpleaudio", None)  # import raises ImportError
    with pytest.raises(BackendUnavailable, match="not installed"):
        backends.open_simpleaudio()


def test_simpleaudio_without_device(monkeypatch: pytest.MonkeyPatch) -> None:
    def play_buffer(*args: object) -> None:
        raise RuntimeError("Error opening PCM device. -- CODE: -2")

    monkeypatch.setitem(
        sys.modules, "simpleaudio", fake_module("simpleaudio", play_buffer=play_buffer)
    )
    with pytest.raises(BackendUnavailable, match="PCM device"):
        backends.open_simpleaudio()


def test_miniaudio_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "miniaudio", None)
    with pytest.raises(BackendUnavailable, match="not installed"):
        backends.open_miniaudio()


class _NullDevice:
    backend = "Null"
    closed = False

    def __init__(self, **kwargs: object) -> None:
        pass

    def close(self) -> None:
        _NullDevice.closed = True


def _fake_miniaudio(device: type) -> types.ModuleType:
    return fake_module(
        "miniaudio", PlaybackDevice=device, SampleFormat=types.SimpleNamespace(SIGNED16=2)
    )


def test_miniaudio_no_device(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_device(**kwargs: object) -> None:
        raise RuntimeError("failed to init device")

    monkeypatch.setitem(sys.modules, "miniaudio", _fake_miniaudio(no_device))  # type: ignore[arg-type]
    with pytest.raises(BackendUnavailable, match="no audio device"):
        backends.open_miniaudio()


def test_miniaudio_null_backend_is_no_device(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "miniaudio", _fake_miniaudio(_NullDevice))
    with pytest.raises(BackendUnavailable, match="no audio device"):
        backends.open_miniaudio()
    assert _NullDevice.closed


def test_bell_failure_is_backend_error() -> None:
    def broken() -> None:
        raise OSError("terminal gone")

    with pytest.raises(BackendError):
        BellBackend(broken).play(b"")


def test_chain_skips_unavailable_and_reports_why() -> None:
    rings: list[int] = []

    def unavailable(reason: str) -> Any:
        def factory() -> Any:
            raise BackendUnavailable(reason)

        return factory

    player = CuePlayer(
        backends=[
            unavailable("simpleaudio not installed (ImportError)"),
            unavailable("no audio device"),
            lambda: BellBackend(lambda: rings.append(1)),
        ]
    )
    try:
        assert player.probe() == "sound: bell only: no audio device"
        player.play(Cue(CueKind.SPLIT, 0.0))
        wait_for(lambda: rings == [1])
    finally:
        player.close()


def test_unexpected_exception_while_opening_falls_through() -> None:
    recording = RecordingBackend()

    def explode() -> Any:
        raise MemoryError("weird")

    player = CuePlayer(backends=[explode, lambda: recording])
    try:
        assert player.probe() == "sound: recording"
    finally:
        player.close()


def test_failure_during_play_degrades_to_next() -> None:
    broken = RecordingBackend(name="miniaudio", fail_on_play=True)
    rings: list[int] = []
    player = CuePlayer(backends=[lambda: broken, lambda: BellBackend(lambda: rings.append(1))])
    try:
        assert player.probe() == "sound: miniaudio"
        player.play(Cue(CueKind.SPLIT, 0.0))  # must not raise
        wait_for(lambda: rings == [1])
        assert player.status == "sound: bell only: recording backend told to fail"
        wait_for(lambda: broken.closed)
    finally:
        player.close()


def test_every_backend_failing_leaves_sound_off() -> None:
    def broken_bell() -> None:
        raise OSError("no tty")

    player = CuePlayer(backends=[lambda: BellBackend(broken_bell)])
    try:
        player.probe()
        player.play(Cue(CueKind.SPLIT, 0.0))
        wait_for(lambda: player.status.startswith("sound: off"))
        player.play(Cue(CueKind.SPLIT, 0.0))  # still no exception
    finally:
        player.close()


def test_default_chain_without_sound_server_prints_nothing(
    monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str], tmp_path: Any
) -> None:
    """On this machine (no sound card) the real chain ends in the bell, silently: no
    ALSA or miniaudio line may reach the terminal the TUI draws on."""
    monkeypatch.setenv("PULSE_SERVER", f"unix:{tmp_path}/no-such-socket")
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    rings: list[int] = []
    player = CuePlayer(ring=lambda: rings.append(1))
    try:
        status = player.probe()
    finally:
        player.close()
    assert status.startswith("sound: ")
    out, err = capfd.readouterr()
    assert out == "" and err == ""


class _RunningDevice:
    backend = "PulseAudio"

    def close(self) -> None:
        return None


def test_miniaudio_notices_a_stopped_callback_without_playing(clock: Any) -> None:
    """PulseAudio killed: the device's callback just stops coming (nothing raises), so
    `check` calls the device gone once the last callback is older than the stall limit."""
    mixer = Mixer(clock, latency=0.02)
    backend = backends.MiniaudioBackend(_RunningDevice(), mixer, clock)
    backend.check()
    clock.advance(backends.MiniaudioBackend._STALL_S + 0.1)
    with pytest.raises(BackendError, match="device lost"):
        backend.check()  # never called back at all since it opened
    mixer.fill(441)
    backend.check()
    clock.advance(backends.MiniaudioBackend._STALL_S + 0.1)
    with pytest.raises(BackendError, match="device lost"):
        backend.play(b"\0\0")
