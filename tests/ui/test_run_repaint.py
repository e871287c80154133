"""What one repaint of the run screen touches: only what changed, drawn as before.

The screen repaints ten times a second while a rep counts up in tenths, so each repaint
must leave alone what did not change (no `update` of a text that is the same, no
refresh of the clock when its digits are the same), redraw only the glyphs of the digits
that changed, and reuse the clock's drawn lines (`BigClock`'s strip cache) without ever
showing a stale one. The repaints are timed by the event loop (`FrameTimer`), not by
Textual's timers; the screen still computes everything from the clock.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

import pytest
from textual.app import App
from textual.geometry import Region
from textual.pilot import Pilot
from textual.screen import Screen
from textual.strip import Strip
from textual.widgets import Static

from tests.conftest import FakeClock
from trackapp.domain.engine import Engine
from trackapp.domain.plan import Plan
from trackapp.domain.workout_plan import plan_from_text
from trackapp.runner import SessionRun
from trackapp.services import Services
from trackapp.ui.factory import build_app
from trackapp.ui.run_display import FrameTimer, RecentText, phase_classes, recent_text
from trackapp.ui.screens.run import RunScreen
from trackapp.ui.widgets.big_clock import BigClock, render_lines, scale_for

WORKOUT = """
name = "Open 400s"
[[step]]
warmup = "10:00"
[[step]]
repeat = 2
run = "400m"
rest = "1:00"
"""

SIZES = [(80, 24), (120, 40)]


def plan() -> Plan:
    return plan_from_text(WORKOUT, "repaint.toml")


async def start_rep(pilot: Pilot[Any], clock: FakeClock) -> RunScreen:
    """Start the session, skip the warm-up, start rep 1: the clock counts up in tenths."""
    await pilot.press("space", "n")
    clock.advance(2)
    await pilot.press("space")
    clock.advance(0.31)  # past the start's flash, mid-tenth
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, RunScreen)
    assert screen.has_class("phase-run")
    return screen


@asynccontextmanager
async def rep_running(
    services: Services, clock: FakeClock, size: tuple[int, int] = (120, 40)
) -> AsyncIterator[tuple[Pilot[Any], RunScreen]]:
    """The run screen at `size`, rep 1 counting up in tenths (`start_rep`)."""
    app = build_app(services, plan=plan())
    async with app.run_test(size=size) as pilot:
        yield pilot, await start_rep(pilot, clock)


class Spies:
    """Records each `refresh` of the clock and each `update` of the screen's Statics."""

    def __init__(self, screen: RunScreen, monkeypatch: pytest.MonkeyPatch) -> None:
        self.clock = screen.query_one("#run-clock", BigClock)
        self.refreshes: list[tuple[Region, ...]] = []
        self.updates: list[str] = []
        refresh = self.clock.refresh

        def spy_refresh(*regions: Region, **kwargs: Any) -> Any:
            self.refreshes.append(regions)
            return refresh(*regions, **kwargs)

        monkeypatch.setattr(self.clock, "refresh", spy_refresh)
        for static in screen.query(Static):
            if static.id and static.id.startswith("run-"):
                monkeypatch.setattr(static, "update", self._spy_update(static))

    def _spy_update(self, static: Static) -> Callable[..., None]:
        update = static.update

        def spy(*args: Any, **kwargs: Any) -> None:
            assert static.id is not None
            self.updates.append(static.id)
            update(*args, **kwargs)

        return spy

    def clear(self) -> None:
        self.refreshes.clear()
        self.updates.clear()


def drawn_lines(clock: BigClock) -> list[str]:
    """The clock's lines as it draws them now (its cached strips)."""
    width, height = clock.size
    return [strip.text for strip in clock.render_lines(Region(0, 0, width, height))]


def fresh_lines(clock: BigClock, template: str) -> list[str]:
    """The same text drawn from scratch, at the scale the template fixes."""
    width, height = clock.size
    return render_lines(clock.text, width, height, scale_for(template, width, height))


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
async def test_same_instant_repaints_nothing(
    size: tuple[int, int],
    services: Services,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async with rep_running(services, clock, size) as (_pilot, screen):
        spies = Spies(screen, monkeypatch)
        shown = spies.clock.text
        screen.tick()  # the same instant: the same view
        screen.tick()
        assert spies.clock.text == shown
        assert spies.refreshes == []  # the clock is not redrawn
        assert spies.updates == []  # no text is updated with what it already shows


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
async def test_a_new_tenth_redraws_only_its_glyph(
    size: tuple[int, int],
    services: Services,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async with rep_running(services, clock, size) as (pilot, screen):
        spies = Spies(screen, monkeypatch)
        before = spies.clock.text
        assert before == "0:00.3"
        clock.advance(0.1)  # the screen's own timer repaints
        await pilot.pause()
        assert spies.clock.text == "0:00.4"
        # one refresh, of the last glyph's columns only, the clock's full height
        ((region,),) = spies.refreshes
        width, height = spies.clock.size
        assert region.height == height
        assert 0 < region.width < width // 4
        assert region.right > width // 2  # the tenths digit, at the right
        assert spies.updates == []  # nothing else on the screen changed
        assert drawn_lines(spies.clock) == fresh_lines(spies.clock, "0:00.0")
        assert drawn_lines(spies.clock) != render_lines(
            before, width, height, scale_for("0:00.0", width, height)
        )


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
async def test_the_clock_is_drawn_right_every_tenth(
    size: tuple[int, int], services: Services, clock: FakeClock
) -> None:
    """The cached strips never show an old figure: 0:00.3 to 0:02.3 a tenth at a time,
    each drawing equals the same text drawn from scratch."""
    async with rep_running(services, clock, size) as (pilot, screen):
        big = screen.query_one("#run-clock", BigClock)
        seen = set()
        for _ in range(20):
            clock.advance(0.1)
            await pilot.pause()
            seen.add(big.text)
            assert drawn_lines(big) == fresh_lines(big, "0:00.0"), big.text
        assert len(seen) == 20  # every tenth was a new figure


async def test_the_session_second_updates_its_own_line(
    services: Services, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The session time changes every second; the lines above it in its box do not."""
    async with rep_running(services, clock) as (pilot, screen):
        spies = Spies(screen, monkeypatch)
        session = screen.query_one("#run-session", Static)
        before = str(session.render())
        for _ in range(12):  # 1.2 s: the session's second changes at least once
            clock.advance(0.1)
            await pilot.pause()
        assert spies.updates  # the session line, and nothing else
        assert set(spies.updates) == {"run-session"}
        after = str(session.render())
        assert after != before and after.startswith("Session 0:")
        assert len(spies.refreshes) == 12  # the clock's tenths, each in its repaint


async def test_the_clock_reuses_a_line_drawn_before(services: Services, clock: FakeClock) -> None:
    """Lines with the same text are one Strip (its cuts and terminal text made once), and
    a new style (the press's flash) draws new ones, in the new colours."""
    async with rep_running(services, clock) as (pilot, screen):
        big = screen.query_one("#run-clock", BigClock)
        width, height = big.size
        strips = big.render_lines(Region(0, 0, width, height))
        by_text: dict[str, Strip] = {}
        for strip in strips:
            assert by_text.setdefault(strip.text, strip) is strip  # the same text: one Strip
        assert len(by_text) < len(strips) / 2  # a font row is many lines tall
        assert big.render_lines(Region(0, 0, width, height)) == strips

        background = {seg.style.bgcolor for seg in strips[0] if seg.style}
        big.add_class("flash")  # the press's flash: white behind the digits
        await pilot.pause()
        flashed = big.render_lines(Region(0, 0, width, height))
        assert [s.text for s in flashed] == [s.text for s in strips]  # the same digits
        flash_background = {seg.style.bgcolor for seg in flashed[0] if seg.style}
        assert flash_background != background  # in the flash's colours, not the cached ones
        assert {c.name if c else None for c in flash_background} == {"#ffffff"}
        assert all(a is not b for a, b in zip(flashed, strips, strict=True))


async def test_repaints_are_timed_by_the_loop(services: Services, clock: FakeClock) -> None:
    """The next repaint is armed on the screen's FrameTimer, which runs while it does."""
    async with rep_running(services, clock) as (pilot, screen):
        owners = {type(t.owner) for t in clock.ticker.pending() if t.callback == screen.tick}
        assert owners == {FrameTimer}
        (frames,) = {t.owner for t in clock.ticker.pending() if t.callback == screen.tick}
        assert isinstance(frames, FrameTimer)
        assert frames.is_running
        await pilot.press("q", "y")  # stop: the end screen takes over
        await pilot.pause()
        clock.advance(1.5)
        await pilot.pause()
        assert not isinstance(pilot.app.screen, RunScreen)
        assert not frames.is_running


def test_recent_reps_are_built_again_only_when_they_change(clock: FakeClock) -> None:
    engine = Engine(plan(), clock)
    recent = RecentText()
    engine.press()  # the warm-up
    clock.advance(5)
    engine.skip()  # at the line
    clock.advance(2)
    engine.press()  # rep 1
    clock.advance(80)
    empty = recent(engine.view())
    assert empty.plain == "Finished reps show here"
    clock.advance(0.1)
    assert recent(engine.view()) is empty  # nothing finished since: the same text
    engine.press()  # rep 1 ends
    clock.advance(0.1)
    one = recent(engine.view())
    assert one is not empty
    assert one.plain == recent_text(engine.view()).plain
    assert "400 #1" in one.plain and "1:20.1" in one.plain  # 80.1 s after its start
    clock.advance(30)  # resting: the rep's result is the same, field by field
    assert recent(engine.view()) is one
    assert engine.undo()  # the rep's end taken back: it is running again
    assert recent(engine.view()).plain == "Finished reps show here"


class Host(App[None]):
    """A bare app with one screen, for the FrameTimer on its own."""


async def wait_until(done: Callable[[], bool], timeout: float = 2.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not done():
        assert asyncio.get_running_loop().time() < deadline, "timed out"
        await asyncio.sleep(0.005)


@pytest.mark.realtime  # the event loop's own timer, waited out on real time
async def test_frame_timer_fires_once_and_stops() -> None:
    app = Host()
    async with app.run_test():
        screen = Screen[None]()
        await app.push_screen(screen)
        frames = FrameTimer(screen)
        fired: list[str] = []
        frames.set_timer(0.01, lambda: fired.append("a"))
        stopped = frames.set_timer(0.01, lambda: fired.append("b"))
        stopped.stop()
        await wait_until(lambda: bool(fired))
        await asyncio.sleep(0.05)
        assert fired == ["a"]


@pytest.mark.realtime  # the event loop's own timer, waited out on real time
async def test_frame_timer_does_not_fire_for_a_screen_gone() -> None:
    app = Host()
    async with app.run_test() as pilot:
        screen = Screen[None]()
        await app.push_screen(screen)
        frames = FrameTimer(screen)
        assert frames.is_running
        fired: list[int] = []
        frames.set_timer(0.05, lambda: fired.append(1))
        await app.pop_screen()
        await pilot.pause()
        assert not frames.is_running
        await asyncio.sleep(0.1)
        assert fired == []


async def test_frame_timer_error_goes_to_the_app() -> None:
    """As with a Textual timer, an error in the callback ends the app with it."""

    def broken() -> None:
        raise RuntimeError("paint failed")

    app = Host()
    with pytest.raises(RuntimeError, match="paint failed"):
        async with app.run_test():
            screen = Screen[None]()
            await app.push_screen(screen)
            FrameTimer(screen).set_timer(0.0, broken)
            await wait_until(lambda: app.return_code == 1)  # set as the error reaches it


@pytest.mark.parametrize(
    ("presses", "phase"),
    [(0, "phase-ready"), (1, "phase-warmup"), (3, "phase-run")],
    ids=["ready", "warm-up", "a rep"],
)
def test_the_screen_is_built_in_its_phases_colour(
    presses: int, phase: str, services: Services, clock: FakeClock
) -> None:
    """A changed class restyles every widget on the screen: built with its phase's class
    already (a fresh session, or one resumed mid-rep), its first paint changes none."""
    assert services.store is not None
    run = SessionRun(plan(), services.store, clock)
    for key in range(presses):  # the session starts; the warm-up skipped; rep 1 starts
        clock.advance(2)
        if key == 1:
            run.skip()
        else:
            run.press(clock())
    screen = RunScreen(run, services)
    on = {name for name in screen.classes if name.startswith("phase-") or name == "overtime"}
    assert on == {phase}
    classes = set(screen.classes)
    screen.update_classes(phase_classes(run.engine.view().phase))
    assert set(screen.classes) == classes  # what the first paint sets: nothing new
