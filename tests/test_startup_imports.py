"""`trackapp run`'s first frame waits for nothing it does not draw (issue 11).

What the first frame of the run screen does not need is imported, or done, later: coach
mode's model, the other screens and dialogs, the session file's TOML reader and writer,
and the sound's start (the cue thread: rendering the cues, ALSA's ctypes, the device).
The modules are looked at in a fresh interpreter, at the moment the app runs the work it
keeps for after the first frame, so modules other tests imported hide nothing.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.support.startup import STARTUP_WORKOUT as WORKOUT
from trackapp.commands.run import RunOptions, build_services
from trackapp.domain.plan import Plan
from trackapp.domain.session import SessionRecord, SessionStatus
from trackapp.services import Services
from trackapp.storage import session_files
from trackapp.storage.session_files import dump_session, session_filename
from trackapp.storage.session_store import FileSessionStore
from trackapp.ui.factory import build_app
from trackapp.ui.screens.run import RunScreen

# `trackapp run FILE` (with sound) as commands/run.py builds it; the first of the work
# kept for after the first frame notes what is loaded then; the app runs until idle.
SCRIPT = """
import asyncio, json, sys, threading
from pathlib import Path

from trackapp.audio import synth
from trackapp.commands.run import BellRelay, RunOptions, build_services
from trackapp.storage.workout_files import load_plan
from trackapp.ui.factory import build_app

plan = load_plan(Path(sys.argv[1]), sys.argv[1])
bell = BellRelay()
services = build_services(RunOptions(mute=True), bell)
seen = {}


def first_frame():
    seen["screen"] = type(app.screen).__name__
    seen["modules"] = sorted(sys.modules)
    seen["threads"] = sorted(t.name for t in threading.enumerate())
    seen["cues_rendered"] = synth.render_all.cache_info().misses


services.after_first_frame.insert(0, first_frame)
app = build_app(services, plan=plan)
bell.app = app


async def main():
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
    seen["modules_at_the_end"] = sorted(sys.modules)


asyncio.run(main())
print(json.dumps(seen))
"""

# Not needed to draw the run screen; each is imported (or done) when it is used.
DEFERRED = [
    "trackapp.domain.group",  # coach mode
    "trackapp.group_runner",
    "trackapp.ui.screens.group_run",
    "trackapp.ui.screens.summary",  # the end of the session
    "trackapp.ui.screens.history",  # the review screens
    "trackapp.ui.screens.session_detail",
    "trackapp.ui.screens.compare",
    "trackapp.ui.screens.home",
    "trackapp.ui.screens.editor",  # the editor
    "trackapp.ui.dialogs.review",
    "trackapp.ui.dialogs.resume",  # no unfinished session here
    "trackapp.ui.dialogs.settings",
    "trackapp.export",
    "trackapp.domain.stats",
    "trackapp.domain.years",
    "trackapp.storage.session_index",  # the review index: refreshed after each save
    "tomli",  # reads session files: none is read before the first frame
    "tomli_w",  # writes session and settings files: none is written before it
    "trackapp.audio.alsa_quiet",  # silences ALSA (ctypes) as the cue thread starts
]


def first_frame_of_run(tmp_path: Path) -> dict[str, object]:
    workout = tmp_path / "startup.toml"
    workout.write_text(WORKOUT, encoding="utf-8")
    env = {
        **os.environ,
        "TRACKAPP_DATA_DIR": str(tmp_path / "data"),
        "TRACKAPP_CONFIG_DIR": str(tmp_path / "config"),
    }
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(workout)],
        capture_output=True,
        text=True,
        env=env,
        cwd=Path(__file__).resolve().parent.parent,  # this tree's trackapp
        timeout=60,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    seen: dict[str, object] = json.loads(result.stdout.strip().splitlines()[-1])
    return seen


def test_the_run_screens_first_frame_loads_only_what_it_draws(tmp_path: Path) -> None:
    """None of DEFERRED is imported, no cue rendered and no cue thread running when the
    first frame is drawn; then the sound starts (the probe loads alsa_quiet before it
    starts the cue thread)."""
    seen = first_frame_of_run(tmp_path)
    assert seen["screen"] == "RunScreen"
    modules = seen["modules"]
    assert isinstance(modules, list)
    assert "trackapp.ui.screens.run" in modules  # the snapshot is the run screen's
    assert "trackapp.audio.player" in modules  # with sound: the player exists already
    assert [name for name in DEFERRED if name in modules] == []
    assert seen["cues_rendered"] == 0
    threads = seen["threads"]
    assert isinstance(threads, list)
    assert "trackapp-cues" not in threads
    at_the_end = seen["modules_at_the_end"]
    assert isinstance(at_the_end, list)
    assert "trackapp.audio.alsa_quiet" in at_the_end


def test_build_services_leaves_the_sound_to_start_after_the_first_frame() -> None:
    services = build_services(RunOptions(mute=True))
    try:
        assert services.audio.status == "sound: starting"  # what the first frame shows
        assert "trackapp-cues" not in [t.name for t in threading.enumerate()]
        assert len(services.after_first_frame) == 1
    finally:
        services.audio.close()


async def test_the_app_runs_the_kept_work_once_its_first_screen_is_up(
    services: Services, make_plan: Callable[[str], Plan]
) -> None:
    ran: list[tuple[str, bool]] = []
    app = build_app(services, plan=make_plan(WORKOUT))

    def work() -> None:
        ran.append((type(app.screen).__name__, app.screen.is_mounted))

    services.after_first_frame.append(work)
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(20):  # the screen runs it once idle after its refresh
            await pilot.pause()
            if ran:
                break
        assert ran == [(RunScreen.__name__, True)]
        assert services.after_first_frame == []
        app.screen.refresh(layout=True)  # later refreshes run nothing again
        await pilot.pause()
        assert ran == [(RunScreen.__name__, True)]


async def test_the_kept_work_runs_when_the_resume_offer_goes_before_it_did(
    services: Services, make_plan: Callable[[str], Plan]
) -> None:
    """A key typed ahead answers the resume offer before the offer was idle, which drops
    the callbacks waiting on it: the work still runs once, on the run screen."""
    plan = make_plan(WORKOUT)
    write_session(services.sessions_dir, 0, "in_progress", workout=plan.workout.name)
    ran: list[str] = []
    app = build_app(services, plan=plan)
    services.after_first_frame.append(lambda: ran.append(type(app.screen).__name__))
    async with app.run_test(size=(120, 40)) as pilot:
        assert type(app.screen).__name__ == "ResumeScreen"
        await pilot.press("n")  # start new
        for _ in range(20):
            await pilot.pause()
            if ran:
                break
        assert ran == [RunScreen.__name__]
        await pilot.pause()
        assert ran == [RunScreen.__name__]


# --- the resume offer reads every session of the workout before the first frame ---------

STARTED = datetime(2026, 11, 1, 18, 5, tzinfo=UTC)


def write_session(
    folder: Path, day: int, status: SessionStatus, spelled: bytes = b"", workout: str = "8 x 400"
) -> Path:
    """A session of `workout` as the app writes it; `spelled` replaces how its status is
    written (the same value in another TOML spelling)."""
    started = STARTED + timedelta(days=day)
    record = SessionRecord(
        workout=workout,
        source="w.toml",
        workout_toml='name = "8 x 400"\n',
        started=started,
        status=status,
    )
    raw = dump_session(record)
    if spelled:
        written = f'status = "{status}"'.encode()
        assert written in raw
        raw = raw.replace(written, b"status = " + spelled)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / session_filename(started, record.workout)
    path.write_bytes(raw)
    return path


def test_only_sessions_that_may_be_unfinished_are_parsed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "sessions"
    for day in range(3):
        write_session(folder, day, "completed")
    write_session(folder, 3, "stopped")
    unfinished = write_session(folder, 4, "in_progress")
    parsed: list[bytes] = []
    parse = session_files.parse_session

    def counting(raw: bytes) -> SessionRecord:
        parsed.append(raw)
        return parse(raw)

    monkeypatch.setattr(session_files, "parse_session", counting)
    found = FileSessionStore(folder).find_in_progress("8 x 400")
    assert [path for path, _ in found] == [unfinished]
    assert parsed == [unfinished.read_bytes()]


@pytest.mark.parametrize(
    "spelled",
    [
        b'"in\\u005Fprogress"',
        b'"\\u0069n_progress"',
        b'"in\\U0000005fprogress"',
        b'"in\\x5fprogress"',  # TOML 1.1, which tomli reads
        b'"""in_\\   \n    progress"""',  # a line-ending backslash
        b'"""in_\\\r\nprogress"""',
        b"'in_progress'",
        b"'''in_progress'''",
    ],
)
def test_an_unfinished_session_is_offered_however_its_status_is_spelled(
    tmp_path: Path, spelled: bytes
) -> None:
    folder = tmp_path / "sessions"
    write_session(folder, 0, "completed")
    path = write_session(folder, 1, "in_progress", spelled)
    [(found, record)] = FileSessionStore(folder).find_in_progress("8 x 400")
    assert found == path
    assert record.status == "in_progress"
