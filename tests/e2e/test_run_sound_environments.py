"""`trackapp run` from the first Space to the summary, in each sound environment a runner
may bring to the track: no sound at all, PulseAudio, and PulseAudio dying mid-session.

Each run: three open reps, timed rests (so a rest ends by the timer and a 3-2-1-go is
played), `?` for help mid-session, every split checked on disk as it is taken, the
finished file checked, and the app left with Escape. The day-one bug this guards
against: with no sound device the first Space froze the screen for good.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support import app_run as ar
from tests.support import pulse

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty"),
]

REST = 3.0


@pytest.fixture
def pulse_server(tmp_path: Path) -> Iterator[pulse.PulseServer]:
    missing = pulse.missing_tools()
    if missing:
        pytest.skip(
            f"needs {', '.join(missing)} (Debian: apt-get install pulseaudio pulseaudio-utils)"
        )
    pytest.importorskip("miniaudio", reason="miniaudio has no wheel for this platform")
    with pulse.running_pulse(tmp_path / "pulse-home") as server:
        yield server


def tones_only(tmp_path: Path, env: dict[str, str]) -> dict[str, str]:
    """Settings without the voice: the capture then holds only the cue tones."""
    config = tmp_path / "config"
    config.mkdir()
    (config / "settings.toml").write_text("voice = false\n", encoding="utf-8")
    return {**env, "TRACKAPP_CONFIG_DIR": str(config)}


def rest_of_the_session(run: ar.AppRun) -> None:
    """From the end of rep 1 to the app's exit; the file checked all the way."""
    ar.end_rep(run)
    ar.help_opens_and_closes(run)
    ar.rest_ends_by_the_timer(run, REST)
    ar.end_rep(run)
    ar.rest_ends_by_the_timer(run, REST)
    ar.end_rep(run, last=True)
    ar.check_session_file(run, REST)
    ar.finish(run)


def rest_of_the_session_on_the_bell(run: ar.AppRun, bells: int, why: str) -> None:
    """From rep 1 running to the app's exit with every cue on the terminal bell: at least
    four bells since `bells` by the end of the first rest, help still answering."""
    ar.end_rep(run)
    ar.rest_ends_by_the_timer(run, REST)
    # the go's bell rings as the screen shows the rep: give the last one a moment
    ar.wait_until(lambda: run.bells_since(bells) >= 4, why, timeout=3.0)
    ar.help_opens_and_closes(run)
    ar.end_rep(run)
    ar.rest_ends_by_the_timer(run, REST)
    ar.end_rep(run, last=True)
    ar.check_session_file(run, REST)
    ar.finish(run)


def test_no_sound_server_rings_the_bell_and_runs_to_the_end(tmp_path: Path) -> None:
    """A fresh laptop: no sound server, no espeak-ng. Cues ring the terminal bell."""
    with ar.running_app(tmp_path, ar.quiet_environment(tmp_path), rest=REST) as run:
        run.wait_for("sound: bell only", 0, timeout=60)
        bells = run.mark()
        ar.start(run)  # froze here before: the bell waited for the UI, the UI for audio
        rest_of_the_session_on_the_bell(run, bells, "go, split, and the countdown ring the bell")


def test_pulseaudio_plays_every_cue_and_runs_to_the_end(
    tmp_path: Path, pulse_server: pulse.PulseServer
) -> None:
    env = tones_only(tmp_path, pulse_server.env)
    # the capture first: a null sink nobody records from pulls no sound
    with pulse.parec(pulse_server.env) as rec, ar.running_app(tmp_path, env, rest=REST) as run:
        run.wait_for("sound: miniaudio", 0, timeout=60)
        bells = run.mark()
        ar.start(run)
        rest_of_the_session(run)
        screen = run.app.text()
        samples = rec.samples()
    assert "bell only" not in screen, screen[-1500:]
    assert run.bells_since(bells) == 0
    # go; then per rest: split, 3, 2, 1, go; the last press: workout done. With a 3 s
    # rest the "3" falls on the split's blip and they sound as one.
    heard = pulse.bursts(samples)
    assert len(heard) >= 1 + 4 * (ar.REPS - 1) + 1, len(heard)


def test_pulseaudio_killed_mid_session_falls_back_to_the_bell_and_keeps_timing(
    tmp_path: Path, pulse_server: pulse.PulseServer
) -> None:
    env = tones_only(tmp_path, pulse_server.env)
    with pulse.parec(pulse_server.env), ar.running_app(tmp_path, env, rest=REST) as run:
        run.wait_for("sound: miniaudio", 0, timeout=60)
        ar.start(run)
        mark = run.mark()
        pulse_server.kill()  # the sound server dies while rep 1 runs
        # the status line and a notification say so, within the stall limit and a check
        run.wait_for("bell only: sound device lost", mark, timeout=8)
        rest_of_the_session_on_the_bell(run, run.mark(), "split and countdown now ring the bell")
