"""Drive a terminal program in a pseudo-terminal: spawn, wait for text, send keys, kill.

Shared by the tests (`tests.support.ptydriver`) and the benchmarks in `bench/` (which put
the repo root on sys.path). Standard library only.

The child gets the pty's slave side as stdin, stdout and stderr and as its
controlling terminal, a window size, and `TERM`. A background thread drains the
master side all the time, so the child never blocks on a full pty buffer, and
keeps both the raw bytes and a plain-text copy with the escape sequences taken
out, which `wait_for` searches.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import threading
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

# CSI (ESC [ ... final), OSC (ESC ] ... BEL or ST), DCS/APC/PM/SOS strings, two-byte escapes.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"
    r"|\x1b[PX^_][^\x1b]*\x1b\\"
    r"|\x1b[@-Z\\-_]"
    r"|\x1b[()*+][0-9A-Za-z]"
)

ROOT = Path(__file__).resolve().parents[2]  # the repository


def strip_escapes(text: str) -> str:
    """Text with terminal escape sequences removed."""
    return _ESCAPES.sub("", text)


def trackapp_command() -> list[str]:
    """How to start trackapp with this interpreter (the venv's, when run from it)."""
    return [sys.executable, "-m", "trackapp.cli"]


def set_winsize(fd: int, cols: int, rows: int) -> None:
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))


def _make_controlling_tty() -> None:  # runs in the child, after setsid
    with contextlib.suppress(OSError):
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)


class PtyProcess:
    """One child process on its own pseudo-terminal.

    Use as a context manager, or call `close()` in a `finally`: the child is
    always SIGKILLed (if still alive) and reaped, and the pty closed.
    """

    def __init__(
        self,
        argv: Sequence[str],
        *,
        env: Mapping[str, str] | None = None,
        cwd: str | os.PathLike[str] | None = None,
        cols: int = 120,
        rows: int = 40,
        term: str = "xterm-256color",
    ) -> None:
        self.argv = list(argv)
        full_env = dict(os.environ if env is None else env)
        full_env["TERM"] = term
        full_env.setdefault("COLUMNS", str(cols))
        full_env.setdefault("LINES", str(rows))
        master, slave = os.openpty()
        set_winsize(slave, cols, rows)
        self.master = master
        self._buffer = bytearray()
        self._plain = ""
        self._plain_upto = 0
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)
        self._eof = False
        self._hanging_up = threading.Event()
        self.first_output_at: float | None = None
        try:
            self.spawned_at = time.monotonic()
            self.proc = subprocess.Popen(
                self.argv,
                stdin=slave,
                stdout=slave,
                stderr=slave,
                env=full_env,
                cwd=cwd,
                start_new_session=True,
                preexec_fn=_make_controlling_tty,  # only an ioctl, after setsid
                close_fds=True,
            )
        except BaseException:
            os.close(master)
            raise
        finally:
            os.close(slave)
        self.pid = self.proc.pid
        self._reader = threading.Thread(target=self._drain, name="pty-drain", daemon=True)
        self._reader.start()

    # -- output ----------------------------------------------------------
    def _drain(self) -> None:
        while True:
            if self._hanging_up.is_set():
                data = b""
            else:
                try:
                    # a read blocked here would hold the terminal open past hang_up()
                    if not select.select([self.master], [], [], 0.1)[0]:
                        continue
                    data = os.read(self.master, 65536)
                except OSError:  # EIO once the child side is gone
                    data = b""
            with self._changed:
                if not data:
                    self._eof = True
                    self._changed.notify_all()
                    return
                if self.first_output_at is None:
                    self.first_output_at = time.monotonic()
                self._buffer += data
                self._changed.notify_all()

    @property
    def output(self) -> bytes:
        with self._lock:
            return bytes(self._buffer)

    def text(self) -> str:
        """Everything printed so far, as plain text (escape sequences removed)."""
        with self._lock:
            return self._plain_text_locked()

    def _plain_text_locked(self) -> str:
        # Decode and strip incrementally; keep a possibly cut escape sequence for next time.
        if self._plain_upto < len(self._buffer):
            tail = self._buffer[self._plain_upto :].decode("utf-8", "replace")
            cut = tail.rfind("\x1b")
            if cut != -1 and cut > len(tail) - 64 and not _ESCAPES.match(tail, cut):
                keep = tail[cut:]
                tail = tail[:cut]
            else:
                keep = ""
            self._plain += strip_escapes(tail)
            self._plain_upto = len(self._buffer) - len(keep.encode("utf-8", "replace"))
        return self._plain

    def wait_for(self, needle: str, timeout: float = 30.0, *, after: int = 0) -> float:
        """Wait until `needle` shows in the plain text (from offset `after`).

        Returns the monotonic time it was first seen. Raises TimeoutError with the
        tail of the output, or RuntimeError when the child exits first.
        """
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                if needle in self._plain_text_locked()[after:]:
                    return time.monotonic()
                if self._eof:
                    raise RuntimeError(
                        f"{self.argv[0]} exited before showing {needle!r}:\n" + self._plain[-2000:]
                    )
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(
                        f"{needle!r} not shown within {timeout} s; last output:\n"
                        + self._plain[-2000:]
                    )
                self._changed.wait(min(left, 0.5))

    def text_length(self) -> int:
        return len(self.text())

    # -- input -----------------------------------------------------------
    def send(self, data: bytes) -> float:
        """Write keys to the terminal; returns time.monotonic() right after the write."""
        os.write(self.master, data)
        return time.monotonic()

    def hang_up(self) -> None:
        """Close the terminal, as closing its window does: the child's tty hangs up.
        (What the child writes from then on is lost, as it would be.)"""
        self._hanging_up.set()
        self._reader.join(2.0)
        master, self.master = self.master, -1
        os.close(master)

    # -- life ------------------------------------------------------------
    def alive(self) -> bool:
        return self.proc.poll() is None

    def kill(self, sig: int = signal.SIGKILL) -> None:
        if self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, sig)

    def wait(self, timeout: float | None = None) -> int:
        return self.proc.wait(timeout)

    def close(self) -> None:
        """Kill the child if it still runs (and whatever it started: its session is its
        own process group), reap it, close the pty."""
        try:
            self.kill()
            with contextlib.suppress(OSError):
                os.killpg(self.pid, signal.SIGKILL)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.proc.wait(10.0)
        finally:
            if self.master >= 0:  # not hung up already
                with contextlib.suppress(OSError):
                    os.close(self.master)
            self._reader.join(2.0)

    def __enter__(self) -> PtyProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (all its threads), from /proc/<pid>/stat."""
    with open(f"/proc/{pid}/stat", "rb") as f:
        stat = f.read()
    # the command name may hold spaces and parentheses: split after the last ')'
    fields = stat[stat.rindex(b")") + 2 :].split()
    utime, stime = int(fields[11]), int(fields[12])
    return (utime + stime) / os.sysconf("SC_CLK_TCK")


def load_average() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load {one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} CPUs"
