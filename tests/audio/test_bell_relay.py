"""The relay between the cue thread and the app: it posts, it never waits for the UI."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

from textual.app import App

from trackapp.commands.run import BellRelay
from trackapp.ui.messages import AudioStatusChanged, RingBell


class Listener(App[int]):
    """Only counts what reaches it."""

    def __init__(self) -> None:
        super().__init__()
        self.rings = 0
        self.statuses: list[str] = []

    def on_ring_bell(self, _message: RingBell) -> None:
        self.rings += 1

    def on_audio_status_changed(self, message: AudioStatusChanged) -> None:
        self.statuses.append(message.status)


def from_another_thread(call: Callable[[], object]) -> bool:
    thread = threading.Thread(target=call, daemon=True)
    thread.start()
    thread.join(3)
    return not thread.is_alive()


async def test_bell_and_status_reach_the_app_from_another_thread() -> None:
    relay = BellRelay()
    app = Listener()
    relay.app = app
    async with app.run_test() as pilot:
        # the UI loop is busy right here, in this coroutine: a relay that waited for it
        # (call_from_thread) would not return until the join gave up
        assert from_another_thread(relay)
        assert from_another_thread(lambda: relay.status_changed("sound: bell only: gone"))
        await pilot.pause()
        assert app.rings == 1
        assert app.statuses == ["sound: bell only: gone"]


def test_relay_without_a_running_app_does_nothing() -> None:
    relay = BellRelay()
    relay()  # before the app exists: quietly dropped
    listener = Listener()
    relay.app = listener  # built, not running yet
    relay()
    relay.status_changed("sound: off")
    assert listener.rings == 0


async def test_sound_status_change_is_one_notification(tmp_path: Path) -> None:
    """The app shows a fallback once and passes it to the screen, which keeps it: a
    message that bubbled back up from the screen would be shown again, without end."""
    from textual.screen import Screen
    from textual.widgets import Static

    from trackapp.services import Services
    from trackapp.ui.app import TrackApp

    class Plain(Screen[None]):
        def compose(self) -> Iterator[Static]:
            yield Static("running")

    shown: list[str] = []
    app = TrackApp(
        Services(data_dir=tmp_path / "data", config_dir=tmp_path / "config"), first_screen=Plain()
    )
    relay = BellRelay()
    relay.app = app
    async with app.run_test() as pilot:
        app.notify = lambda message, **_: shown.append(str(message))  # type: ignore[method-assign]
        assert from_another_thread(lambda: relay.status_changed("sound: bell only: gone"))
        for _ in range(5):
            await pilot.pause()
    assert shown == ["sound: bell only: gone"]
