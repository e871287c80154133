"""CuePlayer: what the app talks to. Picks a backend, keeps the schedule, plays cues.

The app calls `schedule()` with the engine's upcoming cues after every state change and
`play()` for immediate ones (split, ignored press). Those calls, like the mute and volume
setters, only put a command on a queue and return: the UI thread never waits for audio.
One cue thread owns everything else: it opens the backend, keeps the schedule, wakes at
each cue's instant (or `backend.lead` before it, for a backend that places sound on its
own sample clock) and hands the sound over. It holds no lock the UI thread takes, so a
backend that blocks (a bell that waits for the UI, a sound server that hangs) can delay
sound but never freeze the screen. It also checks the backend every WATCHDOG_S, so a
device that went away is noticed even when no cue is due. No audio error escapes: a
failing backend is closed, the next in the chain takes over, `status` says so and
`on_status` is told (the app turns that into a message; it must not wait either).
"""

from __future__ import annotations

import contextlib
import itertools
import queue
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from trackapp.audio import synth
from trackapp.audio.backends import (
    AudioBackend,
    BackendError,
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
StatusListener = Callable[[str], None]

STALE_S = 0.25  # a cue this late when its turn comes is dropped: old pips mislead
VOICE_GAP_S = 0.08  # between a cue's tone and its words
VOICE_WAIT_S = 1.5  # words not rendered by then are dropped, not spoken late
VOICE_POLL_S = 0.02  # how often words still rendering are looked for
WATCHDOG_S = 0.25  # how often the backend is asked whether it still works
PROBE_WAIT_S = 5.0  # probe() returns by then even if the device is still opening
CLOSE_WAIT_S = 1.0  # close() waits this long at most for the cue thread to finish


@dataclass(frozen=True, slots=True)
class _Item:
    """One sound to hand to the backend: a cue's tone, or its words."""

    key: str
    due: float
    kind: CueKind
    text: str = ""  # set for the spoken part
    give_up: float = 0.0  # words: drop if still not rendered at this instant


# Commands from the UI thread to the cue thread.
@dataclass(frozen=True, slots=True)
class _Schedule:
    cues: tuple[Cue, ...]


@dataclass(frozen=True, slots=True)
class _PlayNow:
    cue: Cue  # already stamped with the instant play() was called and a unique key


@dataclass(frozen=True, slots=True)
class _Mute:
    muted: bool


@dataclass(frozen=True, slots=True)
class _Volume:
    volume: float


@dataclass(frozen=True, slots=True)
class _Close:
    pass


_Command = _Schedule | _PlayNow | _Mute | _Volume | _Close


def default_backends(clock: Clock, ring: Callable[[], None] | None) -> list[BackendFactory]:
    """simpleaudio (only if the extra is installed), miniaudio, then the terminal bell."""
    return [open_simpleaudio, lambda: open_miniaudio(clock), lambda: BellBackend(ring)]


def failure_reason(backend: str, exc: Exception) -> str:
    """Why sound fell back, for the status line: short, as the 80-column header is shared.

    A BackendError already says it in a runner's words ("sound device lost")."""
    if isinstance(exc, BackendError):
        return str(exc) or f"{backend} failed"
    return f"{backend} failed: {type(exc).__name__}: {exc}"


def cue_key(cue: Cue) -> str:
    return cue.key or f"{cue.kind}@{cue.due:.3f}"


class CuePlayer:
    """The app's one handle on sound: every method returns at once (see above)."""

    def __init__(
        self,
        clock: Clock = time.monotonic,
        *,
        volume: float = 0.8,
        voice: Voice | None = None,
        backends: Sequence[BackendFactory] | None = None,
        ring: Callable[[], None] | None = None,
        on_status: StatusListener | None = None,
    ) -> None:
        self._clock = clock
        self._factories = list(backends) if backends is not None else None
        self._ring = ring
        self.on_status = on_status  # called on the cue thread when the status changes
        self._voice = voice if voice is not None else Voice(None)
        self._inbox: queue.SimpleQueue[_Command] = queue.SimpleQueue()
        self._seq = itertools.count(1)
        # Written by the UI thread, read by the cue thread (plain values: no lock needed).
        self._volume = min(1.0, max(0.0, volume))
        self._muted = False
        # Written by the cue thread only, read anywhere.
        self._status = "sound: not started"
        self._backend_name = "silent"
        self._opened = threading.Event()
        self._report_open = False
        self._thread: threading.Thread | None = None
        # Owned by the cue thread.
        self._backend: AudioBackend = SilentBackend()
        self._chain: list[BackendFactory] = []
        self._pending: dict[str, _Item] = {}  # not yet handed to the backend
        self._handed: dict[str, _Item] = {}  # handed over early, not yet sounding
        self._done: set[str] = set()  # keys played (or dropped): never again
        self._closed = False

    # -- start-up -------------------------------------------------------------------

    def announce_start(self) -> None:
        """What `probe(wait=0)` says before the cue thread exists: the status is "sound:
        starting" and `on_status` hears once the device opens. The app calls `probe` only
        once its first frame is drawn: the cue thread's work (rendering the cues, importing
        miniaudio) would compete with the first frame for the interpreter."""
        if self._thread is None:
            self._status = "sound: starting"
        self._report_open = True

    def probe(self, wait: float = PROBE_WAIT_S) -> str:
        """Start the cue thread, which renders the cues (about 20 ms) and opens the first
        backend that works (importing miniaudio and opening a device: about 150 ms with
        PulseAudio); returns the status then, or after `wait` seconds at most.

        Call once, before any backend opens a device: it silences ALSA first (whose
        complaints would land on the TUI's terminal). The app passes `wait=0` so it never
        waits for the device: the status ("sound: starting") is then reported through
        `on_status` once the device opens. Commands sent before wait in the queue.
        """
        from trackapp.audio import alsa_quiet  # here: ctypes is for once the screen is drawn

        alsa_quiet.silence_alsa()
        if self._thread is None:
            factories = self._factories
            if factories is None:
                factories = default_backends(self._clock, self._ring)
            self._chain = list(factories)
            self._status = "sound: starting"  # until the cue thread has opened a backend
            self._thread = threading.Thread(target=self._run, name="trackapp-cues", daemon=True)
            try:
                self._thread.start()
            except RuntimeError as exc:  # no thread to be had: the run goes on, silent
                self._thread = None
                self._backend = SilentBackend()
                self._opened.set()
                self._set_status(f"sound: off: no cue thread ({exc})")
                return self._status
        self._report_open = True  # set before the wait: the thread may open at any moment
        if self._opened.wait(wait):
            self._report_open = False  # the cue thread tells on_status once it is open
        return self._status

    @property
    def status(self) -> str:
        return self._status

    @property
    def backend_name(self) -> str:
        return self._backend_name

    # -- settings -------------------------------------------------------------------

    @property
    def muted(self) -> bool:
        return self._muted

    @muted.setter
    def muted(self, value: bool) -> None:
        self._muted = value
        self._inbox.put(_Mute(value))

    def toggle_mute(self) -> bool:
        """Flip mute; returns the new state (True = muted)."""
        self.muted = not self._muted
        return self._muted

    @property
    def volume(self) -> float:
        return self._volume

    @volume.setter
    def volume(self, value: float) -> None:
        """0 to 1. The cue thread renders the cues for it (cached per volume)."""
        value = min(1.0, max(0.0, value))
        self._volume = value
        self._inbox.put(_Volume(value))

    @property
    def voice_enabled(self) -> bool:
        return self._voice.enabled and self._voice.available

    @voice_enabled.setter
    def voice_enabled(self, value: bool) -> None:
        self._voice.enabled = value

    # -- cues -----------------------------------------------------------------------

    def schedule(self, cues: Sequence[Cue]) -> None:
        """Make `cues` the whole set of future cues. Returns at once.

        Idempotent: cues are matched by key; played ones are not replayed, ones no
        longer listed (after pause, skip, undo) are cancelled, moved ones move.
        """
        self._inbox.put(_Schedule(tuple(cues)))

    def play(self, cue: Cue) -> None:
        """Play an immediate cue (split, ignored press) now, whatever its `due` says."""
        now = self._clock()
        key = f"now:{next(self._seq)}:{cue_key(cue)}"
        self._inbox.put(_PlayNow(Cue(cue.kind, now, cue.text, key)))

    def close(self) -> None:
        """Stop the cue thread, which closes the backend; waits CLOSE_WAIT_S at most."""
        self._inbox.put(_Close())
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(CLOSE_WAIT_S)
        self._voice.close()

    # -- the cue thread -------------------------------------------------------------

    def _run(self) -> None:
        try:
            self._serve()
        except Exception as exc:  # never reaches threading's excepthook, which prints
            self._backend = SilentBackend()
            self._set_status(f"sound: off: player stopped ({type(exc).__name__})")
        finally:
            self._opened.set()

    def _serve(self) -> None:
        synth.render_all(self._volume)  # here, not on the UI thread: cached for every cue
        self._switch_backend("")
        self._opened.set()
        if self._report_open and self.on_status is not None:
            with contextlib.suppress(Exception):
                self.on_status(self._status)
        next_check = self._clock() + WATCHDOG_S
        while not self._closed:
            try:
                command = self._inbox.get(timeout=self._wait_for(next_check))
            except queue.Empty:
                command = None
            try:
                while command is not None:
                    self._apply(command)
                    if self._closed:
                        return
                    command = self._inbox.get_nowait()
            except queue.Empty:
                pass
            except Exception as exc:  # a bug must not kill sound silently, nor print
                self._fail(f"player error: {type(exc).__name__}: {exc}")
            now = self._clock()
            if now >= next_check:
                next_check = now + WATCHDOG_S
                self._watchdog()
            try:
                self._play_due(now)
            except Exception as exc:
                self._fail(f"player error: {type(exc).__name__}: {exc}")

    def _wait_for(self, next_check: float) -> float:
        """Seconds to sleep: until the next item is due (less the lead) or the next check."""
        now = self._clock()
        lead = self._backend.lead
        wake = next_check
        for item in self._pending.values():
            at = item.due - lead
            if at <= now:  # only words still rendering are left over: look again soon
                at = now + VOICE_POLL_S
            wake = min(wake, at)
        return max(0.0, wake - now)

    def _apply(self, command: _Command) -> None:
        if isinstance(command, _Schedule):
            self._set_schedule(command.cues)
        elif isinstance(command, _PlayNow):
            for item in self._items(command.cue):
                self._pending[item.key] = item
        elif isinstance(command, _Mute):
            if command.muted:
                for key in list(self._handed):
                    self._cancel_handed(key)
        elif isinstance(command, _Volume):
            synth.render_all(command.volume)
        else:
            self._closed = True
            self._safe_close(self._backend)
            self._backend = SilentBackend()

    def _set_schedule(self, cues: Sequence[Cue]) -> None:
        items = [item for cue in cues for item in self._items(cue)]
        now = self._clock()
        wanted = {item.key: item for item in items}
        for key, handed in list(self._handed.items()):
            if handed.due <= now:
                del self._handed[key]  # already sounding: it stays played
            elif key not in wanted or wanted[key].due != handed.due:
                self._cancel_handed(key)
        for key in list(self._pending):
            if not key.startswith("now:") and key not in wanted:
                del self._pending[key]
        for key, item in wanted.items():
            if key not in self._done:
                self._pending[key] = item

    def _items(self, cue: Cue) -> list[_Item]:
        key = cue_key(cue)
        items: list[_Item] = []
        tone = cue.kind in synth.CUE_SOUNDS
        if tone:
            items.append(_Item(key, cue.due, cue.kind))
        if cue.text and self.voice_enabled:
            self._voice.request(cue.text)  # queued to the voice thread: returns at once
            after = synth.CUE_SOUNDS[cue.kind].length + VOICE_GAP_S if tone else 0.0
            due = cue.due + after
            items.append(_Item(f"{key}:voice", due, cue.kind, cue.text, due + VOICE_WAIT_S))
        return items

    def _play_due(self, now: float) -> None:
        lead = self._backend.lead
        ready = sorted(
            (i for i in self._pending.values() if i.due - lead <= now), key=lambda i: i.due
        )
        for item in ready:
            self._hand_over(item, now)

    def _watchdog(self) -> None:
        """Ask the backend whether it still works, so a lost device shows even when quiet."""
        try:
            self._backend.check()
        except Exception as exc:
            self._fail(failure_reason(self._backend.name, exc))

    def _cancel_handed(self, key: str) -> None:
        """Take back a sound handed over early; it may be scheduled again."""
        del self._handed[key]
        self._done.discard(key)
        with contextlib.suppress(Exception):
            self._backend.cancel(key)

    def _fail(self, why: str) -> None:
        """The current backend broke: retire it, open the next one, say so."""
        self._retire(self._backend)
        for key, item in self._handed.items():  # lost with the failed backend: play again
            self._done.discard(key)
            self._pending[key] = item
        self._handed.clear()
        self._switch_backend(why)

    def _switch_backend(self, why: str) -> None:
        """Open the next working backend in the chain."""
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
            self._set_status(
                f"sound: {backend.name}"
                + (f": {reason}" if reason and backend.name in ("bell only", "silent") else "")
            )
            return
        self._backend = SilentBackend()
        self._set_status(f"sound: off: {reason}" if reason else "sound: off")

    def _set_status(self, status: str) -> None:
        self._backend_name = self._backend.name
        changed = status != self._status
        self._status = status
        listener = self.on_status
        if changed and listener is not None and self._opened.is_set():
            with contextlib.suppress(Exception):
                listener(status)

    def _hand_over(self, item: _Item, now: float) -> None:
        """Give one due item to the backend."""
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
                self._fail(failure_reason(self._backend.name, exc))
                if isinstance(self._backend, SilentBackend):
                    break
        self._finish(item.key)
        if at is not None:
            self._handed[item.key] = item
        for key, handed in list(self._handed.items()):
            if handed.due < now:
                del self._handed[key]

    def _finish(self, key: str) -> None:
        self._pending.pop(key, None)
        if not key.startswith("now:"):
            self._done.add(key)

    def _retire(self, backend: AudioBackend) -> None:
        """Close a failed backend on a thread of its own: closing a device whose sound
        server hangs (PulseAudio stopped, not dead) blocked here for as long as it hung,
        and the bell must take over at once."""
        threading.Thread(
            target=self._safe_close, args=(backend,), name="trackapp-close", daemon=True
        ).start()

    @staticmethod
    def _safe_close(backend: AudioBackend) -> None:
        with contextlib.suppress(Exception):
            backend.close()
