"""Things that sit where a file should be, for the hostile-input tests, and a deadline
so that a reader which blocks on one fails the test instead of hanging the suite."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
import tomli_w

TZ = timezone(timedelta(hours=1))
NAME = "2026-11-27T18-05-03_8-x-400.toml"  # a session file's name
DEADLINE = 10  # seconds; reading any of these takes milliseconds when it is refused


@contextlib.contextmanager
def deadline(seconds: int = DEADLINE) -> Iterator[None]:
    """Raise in the test (interrupting a blocked `open`) when the block outlives `seconds`."""
    if not hasattr(signal, "SIGALRM"):
        pytest.skip("needs SIGALRM")

    def expired(signum: int, frame: FrameType | None) -> None:
        raise TimeoutError(f"still blocked after {seconds} s: the reader waited on a special file")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def make_fifo(path: Path) -> Path:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this platform")
    os.mkfifo(path)
    return path


def make_socket(path: Path) -> Path:
    """A bound Unix socket at `path`, closed again: the socket file stays.

    Bound by its bare name from inside its folder: a socket's path is limited to
    about 100 bytes, and pytest's temporary folders can be longer.
    """
    if not hasattr(socket, "AF_UNIX"):
        pytest.skip("no Unix sockets on this platform")
    here = os.getcwd()
    os.chdir(path.parent)
    try:
        with socket.socket(socket.AF_UNIX) as sock:
            sock.bind(path.name)
    finally:
        os.chdir(here)
    return path


def make_loop(path: Path) -> Path:
    """A symlink pointing at itself: every open of it fails with ELOOP."""
    path.symlink_to(path.name)
    return path


# (kind, the words the refusal must contain); each makes its thing at the given path
SPECIAL_KINDS = [
    ("fifo", "named pipe"),
    ("folder", "folder"),
    ("device", "device"),
    ("socket", "socket"),
    ("loop", "loops"),
    ("link to fifo", "named pipe"),
    ("dangling link", "no such file"),
]


def make_special(kind: str, path: Path) -> Path:
    """Put a thing of `kind` (see SPECIAL_KINDS) at `path`."""
    if kind == "fifo":
        return make_fifo(path)
    if kind == "folder":
        path.mkdir()
        return path
    if kind == "device":
        if not Path("/dev/zero").exists():
            pytest.skip("no /dev/zero")
        path.symlink_to("/dev/zero")  # an endless stream when read
        return path
    if kind == "socket":
        return make_socket(path)
    if kind == "loop":
        return make_loop(path)
    if kind == "link to fifo":
        target = make_fifo(path.with_name(f"real-{path.name}.fifo"))
        path.symlink_to(target.name)
        return path
    if kind == "dangling link":
        path.symlink_to("nowhere-at-all")
        return path
    raise ValueError(kind)


# --- a valid session, to break one value at a time ---


def valid_doc() -> dict[str, Any]:
    """A completed session as the contract shows it: two reps and a rest between."""
    started = datetime(2026, 11, 27, 18, 5, 3, 120000, tzinfo=TZ)

    def run(rep: int, start: float) -> dict[str, Any]:
        return {
            "kind": "run",
            "step": 2,
            "set": 1,
            "rep": rep,
            "label": "400 m",
            "distance": 400.0,
            "target": [89.0, 91.0],
            "start": start,
            "time": 89.733,
            "laps": [89.733],
            "ended_by": "press",
        }

    rest = {"kind": "rest", "step": 2, "set": 1, "rep": 1, "label": "Rest"}
    rest |= {"start": 989.735, "time": 90.0, "laps": [], "ended_by": "timer"}
    return {
        "format": 1,
        "workout": "8 x 400 m at 5K pace",
        "source": "workouts/8x400.toml",
        "workout_toml": 'name = "8 x 400 m at 5K pace"\n',
        "started": started,
        "ended": started + timedelta(minutes=57),
        "status": "completed",
        "notes": "",
        "effort": 7,
        "elapsed": 1169.468,
        "paused": 0.0,
        "segment": [run(1, 900.002), rest, run(2, 1079.735)],
        "event": [{"kind": "press", "at": 989.735}, {"kind": "press", "at": 1169.468}],
        "gap": [
            {"after": 312.406, "resumed": started + timedelta(minutes=7), "counted": "running"}
        ],
    }


def as_bytes(doc: dict[str, Any]) -> bytes:
    return tomli_w.dumps(doc).encode("utf-8")
