"""The suite's wait for an idle app (tests/support/pilot_wait.py): it waits for what is
still to run, and for no more."""

from __future__ import annotations

import asyncio
import time

from textual import work
from textual.app import App, ComposeResult
from textual.widgets import Static

from tests.support.pilot_wait import wait_until_quiet


async def test_waits_for_a_chain_of_callbacks() -> None:
    loop = asyncio.get_running_loop()
    ran: list[int] = []

    def step(i: int) -> None:
        ran.append(i)
        if i < 50:
            loop.call_soon(step, i + 1)

    loop.call_soon(step, 1)
    await wait_until_quiet()
    assert ran == list(range(1, 51))


async def test_waits_for_a_timer_due_within_the_window_but_not_for_a_later_one() -> None:
    loop = asyncio.get_running_loop()
    fired: list[str] = []
    loop.call_later(0.0005, fired.append, "soon")
    later = loop.call_later(30.0, fired.append, "later")
    started = loop.time()
    await wait_until_quiet(max_sleep=10.0)
    assert fired == ["soon"]
    assert loop.time() - started < 10.0  # ended by the quiet loop, not by max_sleep
    later.cancel()


async def test_waits_for_a_task_woken_by_another() -> None:
    done = asyncio.Event()
    order: list[str] = []

    async def waiter() -> None:
        await done.wait()
        order.append("woken")
        await asyncio.sleep(0)
        order.append("finished")

    task = asyncio.create_task(waiter())
    await asyncio.sleep(0)
    done.set()
    await wait_until_quiet()
    assert order == ["woken", "finished"]
    await task


class Loader(App[None]):
    """An app whose thread worker posts its result back, as the review screens do."""

    def compose(self) -> ComposeResult:
        yield Static("loading", id="status")

    @work(thread=True)
    def load(self) -> None:
        time.sleep(0.02)  # reading files: the loop has nothing to do meanwhile
        self.call_from_thread(self.query_one("#status", Static).update, "loaded")


async def test_waits_for_a_running_thread_worker_and_what_it_posts() -> None:
    app = Loader()
    async with app.run_test() as pilot:
        app.load()
        await pilot.pause()
        assert str(app.query_one("#status", Static).render()) == "loaded"
