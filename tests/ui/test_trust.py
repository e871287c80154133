"""Nothing a runner did is lost or hidden: failing saves at the end, Ctrl+Q, a crash's exit
code, and key instants on the engine's clock whatever clock Textual stamps them with."""

from __future__ import annotations

import errno
import tempfile
from pathlib import Path

import pytest
from textual.screen import Screen

from tests.conftest import FakeClock, fake_services, screen_text
from trackapp.commands._app import run_app
from trackapp.domain.workout_plan import plan_from_text
from trackapp.services import Services, SilentCues, event_time_converter
from trackapp.storage.session_files import read_session
from trackapp.storage.session_store import MemorySessionStore
from trackapp.ui.app import TrackApp
from trackapp.ui.dialogs import ConfirmScreen
from trackapp.ui.factory import build_app
from trackapp.ui.screens.run import RunScreen
from trackapp.ui.screens.summary import SummaryScreen

WORKOUT = """
name = "2 x 200"
[[step]]
repeat = 2
run = "200m"
rest = "1:00"
"""

ENOSPC = OSError(errno.ENOSPC, "No space left on device")


async def run_two_reps_then_stop(pilot, clock: FakeClock) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("space")  # rep 1 starts
    clock.advance(40)
    await pilot.press("space")  # rep 1 ends: its split
    clock.advance(60)  # the rest runs out; rep 2 starts by itself
    await pilot.pause()
    clock.advance(41)
    await pilot.press("q", "y")  # stopped in rep 2


async def test_end_screen_says_plainly_the_session_is_not_saved(
    clock: FakeClock, data_dir: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A full disk all through: the end screen used to say "Saved to ..." and lose every
    split at quit. Now it says it is not saved and why, leaving asks first and names
    how many splits would go, and Ctrl+T saves it in the temporary folder."""
    store = MemorySessionStore(data_dir / "sessions")
    store.fail_with = ENOSPC
    app = build_app(fake_services(clock, data_dir, store), plan=plan_from_text(WORKOUT, "w"))
    async with app.run_test(size=(80, 24)) as pilot:
        await run_two_reps_then_stop(pilot, clock)
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        shown = screen_text(app)
        assert "NOT SAVED" in shown and "No space left on device" in shown
        assert "Saved to" not in shown
        assert store.files == {}

        await pilot.press("escape")  # leave: asks first
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        asked = screen_text(app)
        assert "Leave without saving?" in asked
        assert "1 split would be lost" in asked  # rep 1's; rep 2 was stopped before a split
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)

        elsewhere = tmp_path / "tmp-folder"
        elsewhere.mkdir()
        monkeypatch.setattr(tempfile, "gettempdir", lambda: str(elsewhere))
        store.fail_with = None  # the temporary folder has room (the memory store: any does)
        await pilot.press("ctrl+t")
        await pilot.pause()
        (path,) = store.files
        assert path.parent == elsewhere
        assert [s.kind for s in store.record(path).segments] == ["run", "rest", "run"]
        assert "Saved to" in screen_text(app) and "NOT SAVED" not in screen_text(app)
        await pilot.press("escape")  # nothing at risk now: leaves (quits) without asking
        await pilot.pause()
        assert not app.is_running


async def test_end_screen_retries_until_the_disk_has_room(clock: FakeClock, data_dir: Path) -> None:
    store = MemorySessionStore(data_dir / "sessions")
    store.fail_with = ENOSPC
    app = build_app(fake_services(clock, data_dir, store), plan=plan_from_text(WORKOUT, "w"))
    async with app.run_test(size=(120, 40)) as pilot:
        await run_two_reps_then_stop(pilot, clock)
        await pilot.pause()
        assert "NOT SAVED" in screen_text(app)
        store.fail_with = None  # room again: the next retry lands without a key
        screen = app.screen
        assert isinstance(screen, SummaryScreen)
        clock.advance(2.0)  # the end screen's own retry, on the session clock
        await pilot.pause()
        clock.advance(0.3)  # and its look at whether the write landed
        await pilot.pause()
        assert "NOT SAVED" not in screen_text(app)
        (path,) = store.files
        assert store.record(path).status == "stopped"


async def test_ctrl_q_during_a_run_asks_first(services: Services, clock: FakeClock) -> None:
    app = build_app(services, plan=plan_from_text(WORKOUT, "w"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space")
        clock.advance(20)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "Stop this session?" in screen_text(app)
        await pilot.press("ctrl+q")  # a second Ctrl+Q while asked: the dialog answers first
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, RunScreen)
        assert app.is_running
        clock.advance(20)
        await pilot.press("space")
        assert app.screen.engine.records()[0].time == pytest.approx(40)


async def test_ctrl_q_before_the_start_quits(services: Services) -> None:
    app = build_app(services, plan=plan_from_text(WORKOUT, "w"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running


class Exploding(Screen[None]):
    def on_mount(self) -> None:
        raise RuntimeError("boom")


def test_a_crash_exits_non_zero_and_says_where_the_session_is(
    services: Services, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    app = TrackApp(services, first_screen=Exploding())
    session = services.data_dir / "sessions" / "2026-11-27T18-00-00_w.toml"
    monkeypatch.setattr(app, "session_paths", lambda: [session])
    real_run = TrackApp.run
    monkeypatch.setattr(app, "run", lambda: real_run(app, headless=True))
    code = run_app(app, terminal=lambda: None)  # pytest's stdin is no terminal
    assert code == 1
    err = capsys.readouterr().err
    assert "trackapp stopped on an error" in err
    assert str(session) in err


def test_a_clean_exit_is_zero(services: Services, monkeypatch: pytest.MonkeyPatch) -> None:
    class Quits(Screen[None]):
        def on_mount(self) -> None:
            self.app.exit()

    app = TrackApp(services, first_screen=Quits())
    real_run = TrackApp.run
    monkeypatch.setattr(app, "run", lambda: real_run(app, headless=True))
    assert run_app(app, terminal=lambda: None) == 0


def test_key_instants_map_onto_the_engine_clock_whatever_the_base() -> None:
    """Textual stamps key events with perf_counter on Windows, monotonic elsewhere: two
    clocks with unrelated bases. A key pressed 0.120 s before its handler runs counts
    0.120 s before the engine's now."""
    engine = FakeClock(start=1000.0)
    windows_perf_counter = FakeClock(start=52.5)  # another base entirely
    convert = event_time_converter(engine, windows_perf_counter)
    key_stamp = windows_perf_counter() - 0.120
    assert convert(key_stamp) == pytest.approx(1000.0 - 0.120)
    engine.advance(3.0)
    windows_perf_counter.advance(3.0)
    assert convert(key_stamp) == pytest.approx(1003.0 - 3.120)
    # a stamp "from the future" (clocks read a hair apart) never lands after now
    assert convert(windows_perf_counter() + 0.5) == pytest.approx(engine())


def test_the_default_services_map_key_events_from_textuals_clock() -> None:
    engine = FakeClock(start=5000.0)
    services = Services(
        clock=engine,
        data_dir=Path("/nonexistent"),
        config_dir=Path("/nonexistent"),
        audio=SilentCues(),
    )
    from textual import _time

    stamp = _time.get_time() - 0.25
    assert services.key_instant(stamp) == pytest.approx(5000.0 - 0.25, abs=0.01)


async def test_end_screen_on_a_real_failing_folder(
    clock: FakeClock, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file store as the runner has it: `sessions/` is a file, so nothing lands;
    Ctrl+O puts the session in the home folder."""
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "sessions").write_text("in the way")
    services = fake_services(clock, data_dir)
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setattr(Path, "home", classmethod(lambda cls: home))
    app = build_app(services, plan=plan_from_text(WORKOUT, "w"))
    async with app.run_test(size=(80, 24)) as pilot:
        await run_two_reps_then_stop(pilot, clock)
        await pilot.pause()
        shown = screen_text(app)
        assert "NOT SAVED" in shown
        squeezed = "".join(shown.split())  # the long path wraps anywhere
        assert "sessionsisafile,notafolder" in squeezed
        await pilot.press("ctrl+o")
        await pilot.pause()
        (saved,) = home.glob("*.toml")
        assert read_session(saved).status == "stopped"
        assert "NOT SAVED" not in screen_text(app)
