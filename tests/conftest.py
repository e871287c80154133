"""Fixtures shared across the suite: a fake clock (with the screens' timers on it), plans
from inline TOML, a private data dir, and the app's services built from them."""

from __future__ import annotations

import gc
import inspect
import re
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.css.model import RuleSet
from textual.css.stylesheet import Stylesheet
from textual.css.types import CSSLocation
from textual.pilot import Pilot

from tests.support import pilot_wait
from trackapp.domain.plan import Plan
from trackapp.domain.workout_plan import plan_from_text
from trackapp.services import Services, SilentCues, TimerOwner
from trackapp.settings import Settings
from trackapp.storage.session_store import FileSessionStore, SessionStore

WALL_ZERO = datetime(2026, 11, 27, 18, 0, 0, tzinfo=timezone(timedelta(hours=1)))

# Pilot waits after each key and in each pause() until the app is idle: decided here by
# the event loop's state (nothing ready, no timer due, no worker running), not by a window
# of low CPU time that every wait had to sit through (tests/support/pilot_wait.py).
pilot_wait.install()

# Garbage collection took a quarter of each xdist worker's time. Some 300,000 objects stay
# alive (modules, Textual's caches) and a full collection walks every one (0.2 s); with
# Python's default thresholds (a young collection every 700 allocations) what a Pilot test
# holds while it runs is promoted to the old generation, and enough of it piles up to set
# off a full collection every 20-odd tests: 32-40 of them per worker, 6-9 s. Young
# collections ten times rarer let most of it die young: 8 or 9 full collections, 2-2.7 s.
# (Nothing in the suite counts on when a cycle is freed; pytest still collects at the end,
# to report any exception raised in a finaliser.)
gc.set_threshold(7000, 10, 10)


def pytest_collection_finish(session: pytest.Session) -> None:
    """What is alive once the tests are collected (modules, Textual's and pytest's own
    objects: some 125,000 in the whole suite) lives until the process ends: frozen, no full
    collection walks it again. (A frozen object is never freed as part of a cycle; these
    live to the end anyway.)"""
    gc.collect()
    gc.freeze()


# The files whose tests run longest, the longest first (by their longest test, then by the
# file's total; measured with `--durations`). `make test` runs on two cores, each of which
# starts with half the list and takes half of the other's queue, from its end, when its own
# runs out: a long test near the end left one core running it alone while the other sat
# idle (a hypothesis test of 0.9 s, the last file collected, was often last). With these
# first, what is left at the end is short tests, which even out. Only the order changes,
# and a file's tests stay together (module-scoped fixtures are built once).
LONGEST_FIRST = (
    "tests/storage/test_hostile_sessions.py",
    "tests/test_settings_hostile.py",
    "tests/workout/test_workout_property.py",
    "tests/ui/test_hostile_text.py",
    "tests/review/test_years_screens.py",
    "tests/ui/test_screenshot.py",
    "tests/home/test_home_screen.py",
    "tests/storage/test_index_parallel.py",
    "tests/ui/test_banner_snapshots.py",
    "tests/ui/test_screen_snapshots.py",
    "tests/export/test_fit_files.py",
    "tests/ui/test_run_screen.py",
    "tests/home/test_home_snapshots.py",
    "tests/review/test_review_snapshots.py",
    "tests/review/test_screens.py",
    "tests/roster/test_group_view_snapshots.py",
    "tests/group/test_group_snapshots.py",
    "tests/ui/test_trust.py",
    "tests/group/test_group_screen.py",
    "tests/roster/test_group_view.py",
    "tests/review/test_years_cli.py",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    rank = {path: i for i, path in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.nodeid.partition("::")[0], len(rank)))


def pytest_runtest_logfinish(nodeid: str, location: tuple[str, int | None, str]) -> None:
    """After each test its garbage is collected, and what is still alive (caches, modules
    imported on the way, Textual's and Hypothesis's own objects) is frozen, as at the start:
    a full collection (one of 6 or 7 in a worker) walked every object made since, some
    400,000, 0.2 s each time; this one walks only what the test left, and the workers
    spent 40 % less time collecting (about 1 s each). What the test dropped is freed here,
    before the freeze. An object frozen while in use is still freed when its last reference
    goes, unless a cycle holds it: the few that live from one test into the next (a module's
    fixtures) then stay until the process ends (the workers' peak memory went down)."""
    gc.collect()
    gc.freeze()


@pytest.hookimpl(tryfirst=True)
def pytest_unconfigure(config: pytest.Config) -> None:
    """At the end pytest collects five times (`unraisableexception.cleanup`) to report any
    exception a finaliser raises; each walked every object still alive, 1-1.5 s on the
    process that finished last, which the whole run waited for. Here the garbage is
    collected until a collection finds none (pytest's hook for unraisable exceptions is
    still in place: they are reported as before), then what is left is frozen, so
    pytest's five find the same nothing without walking it."""
    while gc.collect():
        pass
    gc.freeze()


# Every App parses its stylesheet (trackapp.tcss and the widgets' DEFAULT_CSS) afresh, twice
# (once more when the theme's variables arrive): about 10 of the 50 ms an app takes to
# start. Parsing is a pure function of the text, where it came from and the variables, so
# the suite keeps one cache of the parsed rules for all its apps (Textual's own cache is per
# Stylesheet and emptied when the variables change); nothing changes a parsed RuleSet.
_parsed_css: dict[tuple[object, ...], list[RuleSet]] = {}
_parse_rules = Stylesheet._parse_rules


def _parse_rules_once(
    self: Stylesheet,
    css: str,
    read_from: CSSLocation,
    is_default_rules: bool = False,
    tie_breaker: int = 0,
    scope: str = "",
) -> list[RuleSet]:
    key = (css, read_from, is_default_rules, tie_breaker, scope, tuple(self._variables.items()))
    rules = _parsed_css.get(key)
    if rules is None:
        rules = _parse_rules(self, css, read_from, is_default_rules, tie_breaker, scope)
        _parsed_css[key] = rules
    return rules


Stylesheet._parse_rules = _parse_rules_once  # type: ignore[method-assign]


class FakeTimer:
    """One timer armed on a `FakeTicker`: due at an instant of the fake clock."""

    def __init__(self, due: float, owner: TimerOwner, callback: Callable[[], object]) -> None:
        self.due = due
        self.owner = owner
        self.callback = callback
        self.stopped = False

    def stop(self) -> None:
        self.stopped = True


class FakeTicker:
    """The screens' timers on the fake clock (`Services.ticker` in tests): nothing fires on
    real time; what came due fires when the test moves the clock (`FakeClock.advance`) or
    asks (`fire_due`). Each due timer fires once, earliest first, with the clock already
    at its new time, as on a machine waking from sleep; the screens read the clock, so they
    show what they would have shown. Timers of a screen no longer running never fire."""

    MAX_FIRES = 10_000  # a callback re-arming itself for "now" over and over is a bug

    def __init__(self, clock: FakeClock) -> None:
        self.clock = clock
        self.timers: list[FakeTimer] = []

    def after(self, owner: TimerOwner, delay: float, callback: Callable[[], object]) -> FakeTimer:
        timer = FakeTimer(self.clock.now + delay, owner, callback)
        self.timers.append(timer)
        return timer

    def pending(self) -> list[FakeTimer]:
        """Timers still to fire, earliest first."""
        self.timers = [t for t in self.timers if not t.stopped and _running(t.owner)]
        return sorted(self.timers, key=lambda t: t.due)

    def fire_due(self) -> int:
        """Fire every timer due by the clock's now (and those they arm that are due too);
        the number fired."""
        fired = 0
        while True:
            due = [t for t in self.pending() if t.due <= self.clock.now]
            if not due:
                return fired
            timer = due[0]
            self.timers.remove(timer)
            result = timer.callback()
            assert not inspect.isawaitable(result), "the fake ticker runs plain callbacks"
            fired += 1
            if fired > self.MAX_FIRES:
                raise AssertionError(f"{timer.callback} keeps re-arming for now")


def _running(owner: TimerOwner) -> bool:
    """A Textual screen's timers stop with it; an owner that is no message pump runs."""
    return bool(getattr(owner, "is_running", True))


class FakeClock:
    """A monotonic clock that moves only when told: tests say exactly when things happen.

    `wall()` is the wall clock that moves with it (sessions' start, a resume's gap);
    `ticker` holds the screens' timers on it: moving the clock fires those that came due.
    """

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start
        self.ticker = FakeTicker(self)

    def __call__(self) -> float:
        return self.now

    def wall(self) -> datetime:
        return WALL_ZERO + timedelta(seconds=self.now)

    def advance(self, seconds: float) -> float:
        self.now += seconds
        self.ticker.fire_due()
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def make_plan() -> Callable[[str], Plan]:
    def build(text: str) -> Plan:
        return plan_from_text(text, "test.toml")

    return build


@pytest.fixture(scope="session")
def private_dirs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where `data_dir` makes the folders of the tests that never ask for tmp_path."""
    return tmp_path_factory.mktemp("private")


@pytest.fixture(autouse=True)
def data_dir(
    request: pytest.FixtureRequest, private_dirs: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """No test ever writes into the real user's data or config folders: both are in a new,
    empty folder of the test's own, `data` and `config` beside each other. That folder is
    tmp_path when the test or one of its fixtures asks for tmp_path (so `tmp_path / "data"`
    is the data dir); otherwise a folder made by mkdtemp. pytest numbers each tmp_path by
    listing every folder made before it in the process: an autouse tmp_path cost 1.7-2.4 s
    in one process, and two tests in three never use it."""
    if "tmp_path" in request.fixturenames:
        root: Path = request.getfixturevalue("tmp_path")
    else:
        prefix = re.sub(r"\W", "_", request.node.name)[:30] + "-"
        root = Path(tempfile.mkdtemp(prefix=prefix, dir=private_dirs))
    data = root / "data"
    monkeypatch.setenv("TRACKAPP_DATA_DIR", str(data))
    monkeypatch.setenv("TRACKAPP_CONFIG_DIR", str(root / "config"))
    yield data


def fake_services(clock: FakeClock, data_dir: Path, store: SessionStore | None = None) -> Services:
    """The app's services on `clock` (keys, wall clock and timers too), in `data_dir`,
    silent; `store` defaults to a file store in `data_dir`. Each call is a new window."""
    return Services(
        clock=clock,
        key_time=lambda _t: clock(),
        wall=clock.wall,
        data_dir=data_dir,
        config_dir=data_dir.parent / "config",
        settings=Settings(),
        audio=SilentCues(),
        store=store if store is not None else FileSessionStore(data_dir / "sessions"),
        ticker=clock.ticker,
    )


def screen_text(app: App[Any]) -> str:
    """What the terminal shows now, as plain text lines (what was drawn, not meant)."""
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(seg.text for seg in strip) for strip in strips)


def toast_text(app: App[Any]) -> str:
    """What the toasts drawn on the screen say, a toast a line (a long message wraps in
    its box: its lines joined). The app must run with `run_test(notifications=True)`."""
    from textual.widgets._toast import Toast

    lines = screen_text(app).splitlines()
    said = []
    for toast in app.screen.query(Toast):
        box = toast.content_region
        said.append(" ".join(line[box.x : box.right].strip() for line in lines[box.y : box.bottom]))
    return "\n".join(" ".join(text.split()) for text in said)


async def until_still(pilot: Pilot[Any], tries: int = 40) -> None:
    """Pause until two looks at the screen, a moment apart, draw the same: a table that
    lays itself out again after its data arrived (slow on a busy machine: a CI run once
    caught one mid-way) is then done. For snapshots."""
    previous: str | None = None
    for _ in range(tries):
        await pilot.pause(0.02)
        drawn = screen_text(pilot.app)
        if drawn == previous:
            return
        previous = drawn


async def wait_until(pilot: Pilot[Any], condition: Callable[[], object], seconds: float) -> bool:
    """Whether `condition` came true, looked at each time the app is idle, for up to
    `seconds` (a worker's results arrive when they do: no fixed wait)."""
    give_up = time.monotonic() + seconds
    while time.monotonic() < give_up:
        if condition():
            return True
        await pilot.pause()
    return bool(condition())


async def palette_searched(pilot: Pilot[Any]) -> None:
    """The command palette has searched for what was typed and lists its hits: each key
    starts a new search in a worker (cancelling the one before), which lists the hits
    when it ends; once no worker runs and the app is idle they are on the screen."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def shown_toasts(pilot: Pilot[Any]) -> str:
    """The toasts as drawn once the app has caught up (see `toast_text`)."""
    await pilot.pause()
    await pilot.pause()
    return toast_text(pilot.app)


@pytest.fixture
def services(clock: FakeClock, data_dir: Path) -> Services:
    """The app's services with a fake clock, a private data dir and silent audio."""
    return fake_services(clock, data_dir)
