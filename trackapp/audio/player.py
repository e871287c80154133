"""CuePlayer: what the app talks to. Picks a backend, keeps the schedule, plays cues.

The app calls `schedule()` with the engine's upcoming cues after every state change and
`play()` for immediate ones (split, ignored press). One scheduler thread owns the
backend: it wakes at each cue's instant (or `backend.lead` before it, for a backend that
places sound on its own sample clock) and hands the sound over. The caller (the UI event
loop) only ever takes a lock for a moment. No audio error escapes: a failing backend is
closed and the next in the chain takes over, and the status line says so.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from trackapp.audio import alsa_quiet, synth
from trackapp.audio.backends import (
    AudioBackend,
    BackendUnavailable,
    BellBackend,
    SilentBackend,
    open_miniaudio,
    open_simpleaudio,
)
from trackapp.audio.voice import Voice
from trackapp.domain.cues import Cue, CueKind

Clock = Callable[[], float]
BackendFactory = Callable[[], AudioBackend]

STALE_S = 0.25  # a cue this late when its turn comes is dropped: old pips mislead
VOICE_GAP_S = 0.08  # between a cue's tone and its words
VOICE_WAIT_S = 1.5  # words not rendered by then are dropped, not spoken late


@dataclass(frozen=True, slots=True)
class _Item:
    """One sound to hand to the backend: a cue's tone, or its words."""

    key: str
    due: float
    kind: CueKind
    text: str = ""  # set for the spoken part
    give_up: float = 0.0  # words: drop if still not rendered at this instant


def default_backends(clock: Clock, ring: Callable[[], None] | None) -> list[BackendFactory]:
    """simpleaudio (only if the extra is installed), miniaudio, then the terminal bell."""
    return [open_simpleaudio, lambda: open_miniaudio(clock), lambda: BellBackend(ring)]


def cue_key(cue: Cue) -> str:
    return cue.key or f"{cue.kind}@{cue.due:.3f}"


class CuePlayer:
    def __init__(
        self,
        clock: Clock = time.monotonic,
        *,
        volume: float = 0.8,
        voice: Voice | None = None,
        backends: Sequence[BackendFactory] | None = None,
        ring: Callable[[], None] | None = None,
    ) -> None:
        self._clock = clock
        self._factories = list(backends) if backends is not None else None
        self._ring = ring
        self._voice = voice if voice is not None else Voice(None)
        self._volume = min(1.0, max(0.0, volume))
        self._muted = False
        self._backend: AudioBackend = SilentBackend()
        self._chain: list[BackendFactory] = []
        self._status = "sound: not started"
        self._pending: dict[str, _Item] = {}  # not yet handed to the backend
        self._handed: dict[str, float] = {}  # handed over early, key -> due
        self._done: set[str] = set()  # keys played (or dropped): never again
        self._seq = 0
        self._cond = threading.Condition()
        self._closed = False
        self._thread: threading.Thread | None = None

    # -- start-up -------------------------------------------------------------------

    def probe(self) -> str:
        """Pick the first backend that works; start the scheduler. Returns the status.

        Call once at start-up, before the TUI draws: it silences ALSA, renders the cues
        (about 20 ms) and opens the device (about 50 ms with PulseAudio).
        """
        alsa_quiet.silence_alsa()
        synth.render_all(self._volume)
        factories = self._factories
        if factories is None:
            factories = default_backends(self._clock, self._ring)
        self._chain = list(factories)
        with self._cond:
            self._switch_backend("")
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="trackapp-cues", daemon=True)
                self._thread.start()
        return self._status

    @property
    def status(self) -> str:
        return self._status

    @property
    def backend_name(self) -> str:
        return self._backend.name

    # -- settings -------------------------------------------------------------------

    @property
    def muted(self) -> bool:
        return self._muted

    @muted.setter
    def muted(self, value: bool) -> None:
        with self._cond:
            self._muted = value
            if value:
                for key in list(self._handed):
                    self._cancel_handed(key)
            self._cond.notify()

    def toggle_mute(self) -> bool:
        """Flip mute; returns the new state (True = muted)."""
        self.muted = not self._muted
        return self._muted

    @property
    def volume(self) -> float:
        return self._volume

    @volume.setter
    def volume(self, value: float) -> None:
        """0 to 1. Cues are rendered for the new volume at once (cached per volume)."""
        value = min(1.0, max(0.0, value))
        synth.render_all(value)
        self._volume = value

    @property
    def voice_enabled(self) -> bool:
        return self._voice.enabled and self._voice.available

    @voice_enabled.setter
    def voice_enabled(self, value: bool) -> None:
        self._voice.enabled = value

    # -- cues -----------------------------------------------------------------------

    def schedule(self, cues: Sequence[Cue]) -> None:
        """Make `cues` the whole set of future cues.

        Idempotent: cues are matched by key; played ones are not replayed, ones no
        longer listed (after pause, skip, undo) are cancelled, moved ones move.
        """
        items = [item for cue in cues for item in self._items(cue)]
        with self._cond:
            now = self._clock()
            wanted = {item.key: item for item in items}
            for key, due in list(self._handed.items()):
                if due <= now:
                    del self._handed[key]  # already sounding: it stays played
                elif key not in wanted or wanted[key].due != due:
                    self._cancel_handed(key)
            for key in list(self._pending):
                if not key.startswith("now:") and key not in wanted:
                    del self._pending[key]
            for key, item in wanted.items():
                if key not in self._done:
                    self._pending[key] = item
            self._cond.notify()

    def play(self, cue: Cue) -> None:
        """Play an immediate cue (split, ignored press) now, whatever its `due` says."""
        now = self._clock()
        with self._cond:
            self._seq += 1
            immediate = Cue(cue.kind, now, cue.text, f"now:{self._seq}:{cue_key(cue)}")
            for item in self._items(immediate):
                self._pending[item.key] = item
            self._cond.notify()

    def close(self) -> None:
        with self._cond:
            self._closed = True
            self._cond.notify()
        if self._thread is not None:
            self._thread.join(2)
        self._voice.close()
        self._safe_close(self._backend)

    # -- internals ------------------------------------------------------------------

    def _items(self, cue: Cue) -> list[_Item]:
        key = cue_key(cue)
        items: list[_Item] = []
        tone = cue.kind in synth.CUE_SOUNDS
        if tone:
            items.append(_Item(key, cue.due, cue.kind))
        if cue.text and self.voice_enabled:
            self._voice.request(cue.text)
            after = synth.CUE_SOUNDS[cue.kind].length + VOICE_GAP_S if tone else 0.0
            due = cue.due + after
            items.append(_Item(f"{key}:voice", due, cue.kind, cue.text, due + VOICE_WAIT_S))
        return items

    def _cancel_handed(self, key: str) -> None:
        """Take back a sound handed over early; it may be scheduled again."""
        del self._handed[key]
        self._done.discard(key)
        with contextlib.suppress(Exception):
            self._backend.cancel(key)

    def _switch_backend(self, why: str) -> None:
        """Open the next working backend in the chain (caller holds the lock)."""
        reason = why
        while self._chain:
            factory = self._chain.pop(0)
            try:
                backend = factory()
            except BackendUnavailable as exc:
                if "not installed" not in str(exc) or not reason:
                    reason = str(exc)
                continue
            except Exception as exc:
                reason = f"{type(exc).__name__}: {exc}"
                continue
            self._backend = backend
            self._status = f"sound: {backend.name}" + (
                f": {reason}" if reason and backend.name in ("bell only", "silent") else ""
            )
            return
        self._backend = SilentBackend()
        self._status = f"sound: off: {reason}" if reason else "sound: off"

    def _run(self) -> None:
        with self._cond:
            while not self._closed:
                now = self._clock()
                lead = self._backend.lead
                ready = [i for i in self._pending.values() if i.due - lead <= now]
                for item in sorted(ready, key=lambda i: i.due):
                    self._hand_over(item, now)
                if any(i.key in self._pending for i in ready):
                    self._cond.wait(0.02)  # words still rendering
                    continue
                if not ready:
                    nxt = min((i.due - lead for i in self._pending.values()), default=None)
                    self._cond.wait(None if nxt is None else max(0.0, nxt - now))

    def _hand_over(self, item: _Item, now: float) -> None:
        """Give one due item to the backend (lock held; backends never block long)."""
        late = now - item.due
        if self._muted or (late > STALE_S and not item.text) or now > item.give_up > 0:
            self._finish(item.key)
            return
        if item.text:
            words = self._voice.get(item.text)
            if words is None:
                if not self._voice.enabled:
                    self._finish(item.key)
                return  # still rendering: tried again shortly, until give_up
            pcm = synth.scaled(words, self._volume)
        else:
            pcm = synth.render_all(self._volume)[item.kind]
        while True:
            lead = self._backend.lead
            at = item.due if lead > 0 and item.due > now else None
            try:
                self._backend.play(pcm, at, item.key)
                break
            except Exception as exc:
                failed = self._backend
                self._safe_close(failed)
                self._switch_backend(f"{failed.name} failed: {exc}")
                if isinstance(self._backend, SilentBackend):
                    break
        self._finish(item.key)
        if at is not None:
            self._handed[item.key] = item.due
        for key, due in list(self._handed.items()):
            if due < now:
                del self._handed[key]

    def _finish(self, key: str) -> None:
        self._pending.pop(key, None)
        if not key.startswith("now:"):
            self._done.add(key)

    @staticmethod
    def _safe_close(backend: AudioBackend) -> None:
        with contextlib.suppress(Exception):
            backend.close()
