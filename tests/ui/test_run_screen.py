"""The run screen driven with keys through Textual's Pilot, checked on screen and on disk."""

from __future__ import annotations

import time
import tomllib
from datetime import timedelta
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.conftest import FakeClock, fake_services, screen_text
from trackapp.domain.cues import CueKind
from trackapp.domain.plan import Plan
from trackapp.domain.workout_plan import plan_from_text
from trackapp.services import Services, SilentCues
from trackapp.ui.factory import build_app
from trackapp.ui.screens.run import RunScreen
from trackapp.ui.screens.summary import SummaryScreen
from trackapp.ui.widgets.big_clock import BigClock

WORKOUT = """
name = "3 x 400"
notes = "Steady."
[[step]]
warmup = "5:00"
[[step]]
repeat = 3
run = "400m"
target = "1:30"
rest = "1:00"
cue = "Relax the shoulders"
[[step]]
cooldown = "2:00"
"""


def session_files(data_dir: Path) -> list[Path]:
    return sorted((data_dir / "sessions").glob("*.toml"))


def read_session(data_dir: Path) -> dict[str, object]:
    (path,) = session_files(data_dir)
    return tomllib.loads(path.read_text())


async def start_first_rep(pilot: Pilot[int], clock: FakeClock) -> None:
    """Start the session, skip the warm-up, and two seconds later start rep 1."""
    await pilot.press("space", "n")
    clock.advance(2)
    await pilot.press("space")


async def drawn(pilot: Pilot[int]) -> str:
    """The screen as drawn once the app has caught up (a repaint from the fake ticker)."""
    await pilot.pause()
    return screen_text(pilot.app)


def line_with(text: str, needle: str) -> str:
    (line,) = [line for line in text.splitlines() if needle in line]
    return line


async def test_whole_session_by_keys(services: Services, clock: FakeClock, data_dir: Path) -> None:
    plan = plan_from_text(WORKOUT, "w.toml")
    app = build_app(services, plan=plan)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, RunScreen)
        assert "Press SPACE to start" in await drawn(pilot)
        assert screen.has_class("phase-ready")
        await pilot.press("space")
        assert screen.has_class("phase-warmup")
        clock.advance(300)  # the screen's own timer repaints: the warm-up ran out
        assert "At the line" in await drawn(pilot)
        await pilot.press("space")  # start rep 1
        assert screen.has_class("phase-run")
        assert "Relax the shoulders" in await drawn(pilot)
        clock.advance(88.4)
        await pilot.press("space")
        assert screen.has_class("phase-rest")
        assert "-1.6" in await drawn(pilot)
        services.store.flush()  # type: ignore[union-attr]
        saved = read_session(data_dir)
        assert saved["status"] == "in_progress"
        segments = saved["segment"]
        assert isinstance(segments, list)
        assert segments[1]["time"] == pytest.approx(88.4)
        assert segments[1]["laps"] == [pytest.approx(88.4)]
        # rest runs out: rep 2 starts by itself
        clock.advance(60)
        assert screen.has_class("phase-run")
        for _ in range(2):
            clock.advance(90.5)
            await pilot.press("space")
            clock.advance(60)
        assert screen.has_class("phase-cooldown")
        clock.advance(120)
        assert screen.has_class("phase-done")
        clock.advance(0.9)
        await pilot.pause()
        assert app.screen is screen, "the end screen comes a second after the end"
        clock.advance(0.1)
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
    saved = read_session(data_dir)
    assert saved["status"] == "completed"
    kinds = [s["kind"] for s in saved["segment"]]  # type: ignore[attr-defined]
    assert kinds == ["warmup", "run", "rest", "run", "rest", "run", "cooldown"]
    # the review index was brought up to date in the background, this session included
    index = data_dir / "index.json"
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and session_files(data_dir)[0].name not in (
        index.read_text() if index.exists() else ""
    ):
        time.sleep(0.05)
    assert session_files(data_dir)[0].name in index.read_text()


async def test_undo_ignored_pause_and_cues(services: Services, clock: FakeClock) -> None:
    audio = services.audio
    assert isinstance(audio, SilentCues)
    plan = plan_from_text(WORKOUT, "w.toml")
    app = build_app(services, plan=plan)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, RunScreen)
        await pilot.press("space")
        await pilot.press("n")  # skip the warm-up
        clock.advance(2)
        await pilot.press("pagedown")  # a clicker's "next" starts the rep
        assert screen.has_class("phase-run")
        clock.advance(0.2)
        await pilot.press("space")  # a double tap
        assert "Press ignored" in await drawn(pilot)
        assert audio.played[-1].kind is CueKind.IGNORED
        clock.advance(40)
        await pilot.press("space")  # a mis-press: ends the rep early
        assert screen.has_class("phase-rest")
        await pilot.press("u")
        assert screen.has_class("phase-run")
        assert screen.engine.view().elapsed == pytest.approx(40.2)
        assert [c.kind for c in audio.scheduled] == [CueKind.TARGET_REACHED]
        await pilot.press("p")
        assert screen.has_class("phase-paused") and audio.scheduled == []
        clock.advance(100)
        await pilot.press("p")
        assert screen.engine.view().elapsed == pytest.approx(40.2)
        clock.advance(49.8)
        await pilot.press("space")
        rec = screen.engine.records()[1]
        assert rec.time == pytest.approx(90.0) and rec.ended_by == "press"
        last = audio.played[-1]  # a new name: mypy still holds the IGNORED asserted above
        assert last.kind is CueKind.SPLIT
        assert last.text.startswith("ninety point zero")


async def test_big_clock_fills_half_the_height(services: Services) -> None:
    plan = plan_from_text(WORKOUT, "w.toml")
    app = build_app(services, plan=plan)
    async with app.run_test(size=(120, 40)):
        clock = app.screen.query_one(BigClock)
        lines = [line for line in clock._ensure_lines() if line.strip()]
        assert len(lines) >= 20
    async with build_app(services, plan=plan).run_test(size=(80, 24)) as pilot:
        clock = pilot.app.screen.query_one(BigClock)
        lines = [line for line in clock._ensure_lines() if line.strip()]
        assert 5 <= len(lines) <= clock.size.height
        assert all(len(line) <= 80 for line in lines)


async def test_stop_asks_first_then_saves_stopped(
    services: Services, clock: FakeClock, data_dir: Path
) -> None:
    plan = plan_from_text(WORKOUT, "w.toml")
    app = build_app(services, plan=plan)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("space")
        clock.advance(30)
        await pilot.press("q")
        await pilot.press("n")  # keep running
        assert isinstance(app.screen, RunScreen)
        await pilot.press("q")
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("tab")  # to the effort field
        await pilot.press("8")
        await pilot.press("ctrl+s")  # saves, as in the notes dialog
    saved = read_session(data_dir)
    assert saved["status"] == "stopped"
    assert saved["effort"] == 8
    assert saved["segment"][0]["ended_by"] == "stop"  # type: ignore[index]


async def die_mid_rep(services: Services, clock: FakeClock, plan: Plan) -> None:
    """Run into the first rep, 30 s in, and let the program die there."""
    app = build_app(services, plan=plan)
    async with app.run_test(size=(120, 40)) as pilot:
        await start_first_rep(pilot, clock)
        clock.advance(30)
        app.screen.tick()  # type: ignore[attr-defined]
        services.store.flush()  # type: ignore[union-attr]


def second_window(services: Services, clock: FakeClock, data_dir: Path) -> Services:
    """Another window on the same data: its own store on the same folder."""
    return fake_services(clock, data_dir)


async def test_resume_bridges_the_gap_like_a_stopwatch(
    services: Services, clock: FakeClock, data_dir: Path
) -> None:
    """Killed 30 s into a rep, back 500 s later: the runner kept running, so by default
    the rep reads 530 s and runs on; the file keeps a `[[gap]]` saying so."""
    plan = plan_from_text(WORKOUT, "w.toml")
    await die_mid_rep(services, clock, plan)
    clock.advance(500)
    app2 = build_app(second_window(services, clock, data_dir), plan=plan)
    async with app2.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        offer = screen_text(app2)
        assert "Unfinished session" in offer
        assert "Last saved 8 min 20 s ago" in offer
        assert "reads 8:50.0 now" in offer  # 30 s + 500 s
        await pilot.press("r")
        screen = app2.screen
        assert isinstance(screen, RunScreen)
        assert screen.has_class("phase-run")
        assert screen.engine.view().elapsed == pytest.approx(530, abs=0.01)
        clock.advance(10)
        await pilot.press("space")
        assert screen.engine.records()[1].time == pytest.approx(540, abs=0.01)
        services2_store = screen.run.store
        services2_store.flush()
        (path,) = session_files(data_dir)
        saved = tomllib.loads(path.read_text())
        # session time 32 s when it died: 2 s at the line after the skipped warm-up, 30 s in
        assert saved["gap"] == [
            {"after": 32.0, "resumed": clock.wall() - timedelta(seconds=10), "counted": "running"}
        ]


async def test_resume_can_count_the_gap_as_paused(
    services: Services, clock: FakeClock, data_dir: Path
) -> None:
    plan = plan_from_text(WORKOUT, "w.toml")
    await die_mid_rep(services, clock, plan)
    clock.advance(500)
    app2 = build_app(second_window(services, clock, data_dir), plan=plan)
    async with app2.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("p")
        screen = app2.screen
        assert isinstance(screen, RunScreen)
        assert screen.has_class("phase-paused")
        view = screen.engine.view()
        assert view.elapsed == pytest.approx(30, abs=0.01)
        await pilot.press("p")
        clock.advance(60)
        await pilot.press("space")
        assert screen.engine.records()[1].time == pytest.approx(90, abs=0.01)
        screen.run.store.flush()
    (path,) = session_files(data_dir)
    saved = tomllib.loads(path.read_text())
    assert saved["gap"][0]["counted"] == "paused"
    assert saved["paused"] == pytest.approx(500, abs=0.01)  # the gap, counted as paused


async def test_a_session_running_in_another_window_is_not_offered(
    services: Services, clock: FakeClock, data_dir: Path
) -> None:
    """Two windows on one workout: the second starts its own session instead of
    resuming (and overwriting) the live one."""
    plan = plan_from_text(WORKOUT, "w.toml")
    app = build_app(services, plan=plan)
    async with app.run_test(size=(120, 40)) as pilot:
        await start_first_rep(pilot, clock)
        services.store.flush()  # type: ignore[union-attr]
        app2 = build_app(second_window(services, clock, data_dir), plan=plan)
        async with app2.run_test(size=(120, 40)) as pilot2:
            await pilot2.pause()
            assert isinstance(app2.screen, RunScreen)  # no resume offer
            await pilot2.press("space")
            app2.screen.run.store.flush()
        assert len(session_files(data_dir)) == 2


async def test_failed_writes_warn_keep_timing_and_retry(clock: FakeClock, data_dir: Path) -> None:
    import errno

    from trackapp.storage.session_store import MemorySessionStore

    store = MemorySessionStore()
    services = fake_services(clock, data_dir, store)
    plan = plan_from_text(WORKOUT, "w.toml")
    app = build_app(services, plan=plan)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, RunScreen)
        store.fail_with = OSError(errno.ENOSPC, "No space left on device")
        await start_first_rep(pilot, clock)
        clock.advance(85)
        await pilot.press("space")
        store.flush()
        screen.tick()  # the writer thread's error, read now rather than at the next repaint
        assert "⚠ not saved" in line_with(await drawn(pilot), "sound: off")
        assert screen.has_class("phase-rest")  # timing carried on
        assert store.writes == []
        store.fail_with = None  # the disk has room again
        clock.advance(1)
        await pilot.press("space")  # a marker in the rest: the next event saves
        store.flush()
        screen.tick()
        assert line_with(await drawn(pilot), "sound: off").rstrip().endswith("· saved")
        (path,) = store.files
        rec = store.record(path)
        assert [s.kind for s in rec.segments] == ["warmup", "run", "rest"]
        assert rec.segments[1].time == pytest.approx(85)


async def test_survives_resizing_mid_rep(services: Services, clock: FakeClock) -> None:
    plan = plan_from_text(WORKOUT, "w.toml")
    app = build_app(services, plan=plan)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, RunScreen)
        await start_first_rep(pilot, clock)
        clock.advance(45.3)
        for size in ((80, 24), (60, 20), (200, 60), (120, 40)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            screen.tick()
            clock_widget = screen.query_one(BigClock)
            lines = clock_widget._ensure_lines()
            assert len(lines) == clock_widget.size.height
            assert all(len(line) == clock_widget.size.width for line in lines)
            assert any(line.strip() for line in lines)
        assert screen.engine.view().elapsed == pytest.approx(45.3)
        clock.advance(44.7)
        await pilot.press("space")
        assert screen.engine.records()[1].time == pytest.approx(90.0)
