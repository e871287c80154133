"""A cue thread that cannot be started (a process at its thread limit) leaves the run
silent and saying so, never crashed: the probe runs inside the app, after the first
frame, where an exception would end the session."""

from __future__ import annotations

import threading

import pytest

from trackapp.audio.backends import RecordingBackend
from trackapp.audio.player import CuePlayer
from trackapp.domain.cues import Cue, CueKind


def test_no_thread_means_sound_off_and_said(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(self: threading.Thread) -> None:
        raise RuntimeError("can't start new thread")

    heard: list[str] = []
    recording = RecordingBackend()
    player = CuePlayer(backends=[lambda: recording], on_status=heard.append)
    player.announce_start()
    monkeypatch.setattr(threading.Thread, "start", refuse)
    status = player.probe(wait=0)
    monkeypatch.undo()

    assert status == "sound: off: no cue thread (can't start new thread)"
    assert player.status == status
    assert heard == [status]
    # what a run sends afterwards is taken and dropped, and closing does not wait or raise
    player.schedule([Cue(CueKind.GO, 0.0, key="go")])
    player.toggle_mute()
    player.close()
    assert recording.played == []
