"""The player between two threads: the UI thread never waits for audio, and the cue
thread never waits for anything the UI thread might be holding up.

The freeze these guard against: the cue thread rang the bell through
`call_from_thread` (which waits for the UI thread) while holding the player's lock,
and the UI thread, repainting, waited for that lock in `schedule()`.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator

import pytest

from tests.audio.audio_helpers import wait_for
from trackapp.audio import player as player_module
from trackapp.audio.backends import BellBackend, RecordingBackend
from trackapp.audio.player import CuePlayer
from trackapp.domain.cues import Cue, CueKind

# Real threads, blocked and released, and cues due a few tenths of a second away: these
# run with the end-to-end tests (`make test`'s second pass), not among the unit tests.
pytestmark = pytest.mark.realtime

# How long a call on the "UI thread" may take before the test calls it stuck. Far above
# what a queue put costs, far below what the doubles below block for.
STUCK_S = 3.0
BLOCK_S = 20.0


def returns(call: Callable[[], object]) -> bool:
    """Run `call` on its own thread, the way the UI thread would; True if it returned."""
    thread = threading.Thread(target=call, daemon=True)
    thread.start()
    thread.join(STUCK_S)
    return not thread.is_alive()


def countdown(start: float) -> list[Cue]:
    kinds = [CueKind.COUNT_3, CueKind.COUNT_2, CueKind.COUNT_1, CueKind.GO]
    return [Cue(k, start + 0.1 * i, key=f"seg1:{k}") for i, k in enumerate(kinds)]


class BlockingBackend(RecordingBackend):
    """A sound server that hangs: `play` waits on `release` (then records)."""

    def __init__(self) -> None:
        super().__init__()
        self.release = threading.Event()
        self.inside = threading.Event()

    def play(self, pcm: bytes, at: float | None = None, key: str = "") -> None:
        self.inside.set()
        self.release.wait(BLOCK_S)
        super().play(pcm, at, key)


@pytest.fixture
def blocking() -> Iterator[BlockingBackend]:
    backend = BlockingBackend()
    yield backend
    backend.release.set()


def test_bell_that_waits_for_the_ui_thread_does_not_freeze_schedule() -> None:
    """The day-one freeze, rebuilt: the bell only returns once the UI thread has run it
    (as `call_from_thread` does), and the UI thread only gets to it after its repaint,
    which calls `schedule()`."""
    ui_ran_the_bell = threading.Event()
    ringing = threading.Event()

    def ring() -> None:
        ringing.set()
        ui_ran_the_bell.wait(BLOCK_S)

    player = CuePlayer(backends=[lambda: BellBackend(ring)])
    player.probe()
    try:
        player.play(Cue(CueKind.GO, 0.0))  # the first Space: "go" rings the bell
        assert ringing.wait(STUCK_S)

        def repaint_then_serve_the_bell() -> None:
            player.schedule(countdown(time.monotonic() + 5))
            ui_ran_the_bell.set()

        assert returns(repaint_then_serve_the_bell)
    finally:
        ui_ran_the_bell.set()
        player.close()


def test_ui_calls_return_while_the_backend_blocks(blocking: BlockingBackend) -> None:
    player = CuePlayer(backends=[lambda: blocking])
    player.probe()
    try:
        player.play(Cue(CueKind.GO, 0.0))
        assert blocking.inside.wait(STUCK_S)  # the cue thread is stuck in play()

        def everything_the_screen_does() -> None:
            player.schedule(countdown(time.monotonic() + 0.2))
            player.play(Cue(CueKind.SPLIT, 0.0))
            player.toggle_mute()
            player.toggle_mute()
            player.volume = 0.5
            player.voice_enabled = False
            assert player.status == "sound: recording"
            assert player.backend_name == "recording"
            assert player.muted is False

        assert returns(everything_the_screen_does)
    finally:
        blocking.release.set()
        player.close()


def test_after_a_hang_stale_cues_are_dropped_and_sound_carries_on(
    blocking: BlockingBackend,
) -> None:
    """Pips that fell due while the device hung would mislead if played late."""
    player = CuePlayer(backends=[lambda: blocking])
    player.probe()
    try:
        player.play(Cue(CueKind.GO, 0.0))
        assert blocking.inside.wait(STUCK_S)
        player.schedule(countdown(time.monotonic()))  # all past by the time it is free
        player.play(Cue(CueKind.SPLIT, 0.0))
        time.sleep(0.6)
        blocking.release.set()
        wait_for(lambda: len(blocking.played) == 1)
        player.play(Cue(CueKind.IGNORED, 0.0))
        wait_for(lambda: len(blocking.played) == 2)
        assert blocking.keys == ["now:1:go@0.000", "now:3:ignored@0.000"]
    finally:
        player.close()


def test_close_returns_while_the_backend_blocks(
    blocking: BlockingBackend, monkeypatch: pytest.MonkeyPatch
) -> None:
    # close() gives up on the stuck cue thread after CLOSE_WAIT_S, well inside STUCK_S;
    # the test then waits 50 ms for it, not the whole second
    assert player_module.CLOSE_WAIT_S < STUCK_S
    monkeypatch.setattr(player_module, "CLOSE_WAIT_S", 0.05)
    player = CuePlayer(backends=[lambda: blocking])
    player.probe()
    player.play(Cue(CueKind.GO, 0.0))
    assert blocking.inside.wait(STUCK_S)
    assert returns(player.close)


def test_stall_without_any_cue_falls_back_to_the_bell_and_says_so() -> None:
    """The device went away while nothing was due: the watchdog notices, the status
    says so, and the listener (the app's relay) hears of it once."""
    device = RecordingBackend(name="miniaudio")
    rings: list[float] = []
    statuses: list[str] = []
    player = CuePlayer(
        backends=[lambda: device, lambda: BellBackend(lambda: rings.append(time.monotonic()))],
        on_status=statuses.append,
    )
    try:
        assert player.probe() == "sound: miniaudio"
        device.stalled = True
        wait_for(lambda: bool(statuses))
        assert statuses == ["sound: bell only: recording backend told to stall"]
        assert player.status == statuses[0]
        assert player.backend_name == "bell only"
        wait_for(lambda: device.closed)
        player.play(Cue(CueKind.SPLIT, 0.0))
        wait_for(lambda: len(rings) == 1)
    finally:
        player.close()


def test_sounds_handed_to_a_device_that_died_sound_on_the_bell() -> None:
    """miniaudio gets its sounds early (lead); if it dies before they sound, the bell
    plays them at their instant instead of their being lost."""
    device = RecordingBackend(name="miniaudio", lead=0.5)
    rings: list[float] = []
    player = CuePlayer(
        backends=[lambda: device, lambda: BellBackend(lambda: rings.append(time.monotonic()))]
    )
    player.probe()
    try:
        due = time.monotonic() + 0.45
        player.schedule([Cue(CueKind.GO, due, key="go")])
        wait_for(lambda: len(device.played) == 1)  # handed over early
        device.stalled = True
        wait_for(lambda: len(rings) == 1)
        assert rings[0] >= due
        time.sleep(0.1)
        assert len(rings) == 1
    finally:
        player.close()


def test_slow_device_open_does_not_hold_up_start_and_reports_later() -> None:
    opening = threading.Event()
    recording = RecordingBackend()

    def slow_open() -> RecordingBackend:
        opening.wait(BLOCK_S)
        return recording

    statuses: list[str] = []
    player = CuePlayer(backends=[slow_open], on_status=statuses.append)
    try:
        # the wait given, not PROBE_WAIT_S (5 s: probe's default is bound at import, so
        # patching the constant never shortened it)
        assert player.probe(wait=0.05) == "sound: starting"
        assert player.status == "sound: starting"  # what the screen shows meanwhile
        player.play(Cue(CueKind.GO, 0.0))  # queued meanwhile
        opening.set()
        wait_for(lambda: statuses == ["sound: recording"])
        wait_for(lambda: len(recording.played) == 1)
    finally:
        opening.set()
        player.close()


class HangingClose(RecordingBackend):
    """A device whose sound server hangs (stopped, not dead): `close` waits on `release`."""

    def __init__(self) -> None:
        super().__init__(name="miniaudio")
        self.release = threading.Event()

    def close(self) -> None:
        self.release.wait(BLOCK_S)
        super().close()


def test_a_device_that_hangs_on_close_does_not_hold_up_the_bell() -> None:
    device = HangingClose()
    rings: list[float] = []
    player = CuePlayer(
        backends=[lambda: device, lambda: BellBackend(lambda: rings.append(time.monotonic()))]
    )
    player.probe()
    try:
        device.stalled = True
        wait_for(lambda: player.backend_name == "bell only")
        player.play(Cue(CueKind.SPLIT, 0.0))
        wait_for(lambda: len(rings) == 1)
        assert not device.closed  # still hanging in close, elsewhere
    finally:
        device.release.set()
        player.close()
