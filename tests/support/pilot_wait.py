"""Pilot's wait for an idle app, decided by the event loop's own state, not by CPU time.

Textual's Pilot waits after every key press (twice) and in every `pause()` until the app
is idle, and tells idle by CPU time: it sleeps a window and calls the process idle when
it used under a twentieth of it. Each wait therefore ends with at least one window of
nothing, however quiet the app already was: some 2,200 windows per xdist worker, about
6.5 s of its 22 s, a third of that spent asleep. A slowed machine also made the loop's
own round cost more than the idle threshold, so a quiet app failed window after window.

Here the app is idle when nothing is left to do now: no callback is ready to run on the
loop, no timer falls due within a millisecond (the window the CPU-time check allowed),
and none of the app's thread workers is still running. Seen twice, a turn of the loop
apart (that turn polls for I/O too), that ends the wait; a ready callback is run at once
(a zero sleep), a timer or a worker is waited for in millisecond steps. Threads that are
not Textual workers (the session writer, the review index) are waited for by the tests
that read what they write (`flush()`, polling), as before: a millisecond window never
promised them either.
"""

from __future__ import annotations

import asyncio

import textual._wait
import textual.app
import textual.pilot
from textual._context import active_app

WINDOW = 0.001  # a timer due this soon, or a running worker: wait in steps this long


def loop_state(loop: asyncio.AbstractEventLoop) -> bool | None:
    """True: a callback is ready to run. None: none is, but a timer falls due within
    WINDOW or a thread worker of the app is still running. False: the app is quiet."""
    if loop._ready:  # type: ignore[attr-defined]
        return True
    soon = loop.time() + WINDOW
    scheduled = loop._scheduled  # type: ignore[attr-defined]
    if any(handle.when() <= soon and not handle.cancelled() for handle in scheduled):
        return None
    app = active_app.get(None)
    if app is not None and any(not worker.is_finished for worker in app.workers):
        return None
    return False


async def wait_until_quiet(min_sleep: float = 0.0, max_sleep: float = 1.0) -> None:
    """Return once the app is quiet (see the module), or after `max_sleep` seconds.

    `min_sleep` is Textual's signature; a quiet app is not made to wait it out."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + max_sleep
    quiet = 0
    while loop.time() < deadline:
        state = loop_state(loop)
        if state is False:
            quiet += 1
            if quiet == 2:
                return
            await asyncio.sleep(0)
        else:
            quiet = 0
            await asyncio.sleep(0 if state else WINDOW)


def install() -> None:
    """Make Pilot (`press`, `pause`, the snapshots' screenshots) wait this way."""
    textual._wait.wait_for_idle = wait_until_quiet
    textual.pilot.wait_for_idle = wait_until_quiet  # type: ignore[attr-defined]
    textual.app.wait_for_idle = wait_until_quiet  # type: ignore[attr-defined]
