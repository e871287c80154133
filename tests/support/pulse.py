"""A private PulseAudio server with a null sink, and a parec recording of its monitor.

Used by the sound tests: whatever miniaudio plays into the null sink is read back by
`parec`, each chunk stamped with `time.monotonic()` when it arrived, so a captured
sample index maps back to the clock the cues were scheduled on. Start the recording
before the player: a null sink nobody records from pulls no sound for seconds, which
the player rightly takes for a lost device.
"""

from __future__ import annotations

import itertools
import os
import shutil
import statistics
import subprocess
import threading
import time
from array import array
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

RATE = 44_100
SINK = "trackapp_capture"


def missing_tools() -> list[str]:
    return [t for t in ("pulseaudio", "parec", "pactl") if shutil.which(t) is None]


@dataclass
class PulseServer:
    """A running private server: the environment that reaches it, and its process."""

    env: dict[str, str]
    proc: subprocess.Popen[bytes]

    def kill(self) -> None:
        """SIGKILL, as when the sound server crashes under a running app."""
        self.proc.kill()
        self.proc.wait(5)


@contextmanager
def pulse_server(tmp: Path) -> Iterator[dict[str, str]]:
    """Start pulseaudio in `tmp`, isolated from any user session; yield its environment."""
    with running_pulse(tmp) as server:
        yield server.env


@contextmanager
def running_pulse(tmp: Path) -> Iterator[PulseServer]:
    """Start pulseaudio in `tmp`, isolated from any user session; yield it."""
    runtime = tmp / "pulse"
    runtime.mkdir(parents=True, exist_ok=True)
    socket = runtime / "native"
    env = dict(os.environ)
    env.update(
        HOME=str(tmp),
        XDG_RUNTIME_DIR=str(runtime),
        XDG_CONFIG_HOME=str(tmp / "config"),
        PULSE_RUNTIME_PATH=str(runtime),
        PULSE_STATE_PATH=str(runtime / "state"),
        PULSE_SERVER=f"unix:{socket}",
        PULSE_SINK=SINK,
    )
    env.pop("PULSE_COOKIE", None)
    cmd = [
        "pulseaudio",
        "--daemonize=no",
        "--exit-idle-time=-1",
        "--disallow-exit",
        "--use-pid-file=no",
        "--system=no",
        "-n",  # no default.pa: only the modules below
        "-F",
        "/dev/null",
        f"--load=module-null-sink sink_name={SINK} rate={RATE} channels=1",
        f"--load=module-native-protocol-unix socket={socket} auth-anonymous=1",
        "--log-target=stderr",
    ]
    log = (tmp / "pulseaudio.log").open("wb")
    proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=log)
    try:
        deadline = time.monotonic() + 10
        while True:
            ok = subprocess.run(["pactl", "info"], env=env, capture_output=True).returncode == 0
            if ok:
                break
            if proc.poll() is not None or time.monotonic() > deadline:
                log.flush()
                raise RuntimeError(
                    "pulseaudio did not start: " + (tmp / "pulseaudio.log").read_text()[-2000:]
                )
            time.sleep(0.05)
        yield PulseServer(env, proc)
    finally:
        proc.terminate()
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


@dataclass
class Recording:
    """Captured mono samples and the clock instant of sample 0 (best estimate)."""

    chunks: list[bytes] = field(default_factory=list)
    t0: float = float("inf")
    frames: int = 0

    def samples(self) -> array[int]:
        out = array("h")
        out.frombytes(b"".join(self.chunks)[: self.frames * 2])
        return out

    def time_of(self, index: int) -> float:
        return self.t0 + index / RATE


@contextmanager
def parec(env: dict[str, str]) -> Iterator[Recording]:
    """Record the sink's monitor while the block runs.

    Each chunk's arrival time bounds when its last sample was captured from above, so
    sample 0's instant is the minimum over chunks of (arrival - frames so far / RATE):
    reading delays only ever make that estimate later, never earlier.
    """
    cmd = [
        "parec",
        f"--device={SINK}.monitor",
        "--format=s16le",
        f"--rate={RATE}",
        "--channels=1",
        "--latency-msec=5",
        "--raw",
    ]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    rec = Recording()
    assert proc.stdout is not None
    stdout = proc.stdout
    fd = stdout.fileno()
    started = threading.Event()

    def reader() -> None:
        got = 0
        while True:
            data = os.read(fd, 4096)
            now = time.monotonic()
            if not data:
                return
            rec.chunks.append(data)
            got += len(data)
            rec.frames = got // 2
            rec.t0 = min(rec.t0, now - rec.frames / RATE)
            started.set()

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    if not started.wait(5):
        proc.kill()
        raise RuntimeError("parec produced no audio: " + proc.stderr.read().decode()[-500:])  # type: ignore[union-attr]
    try:
        yield rec
    finally:
        proc.terminate()
        proc.wait(5)
        thread.join(5)


@dataclass(frozen=True)
class Burst:
    start: int  # sample index of onset
    end: int

    def seconds(self) -> float:
        return (self.end - self.start) / RATE


def bursts(samples: array[int], threshold: int = 300, gap_s: float = 0.08) -> list[Burst]:
    """Sounds in the capture: runs above `threshold`, merged across gaps shorter than gap_s."""
    loud = [i for i, s in enumerate(samples) if s > threshold or s < -threshold]
    out: list[Burst] = []
    gap = int(gap_s * RATE)
    for i in loud:
        if out and i - out[-1].end <= gap:
            out[-1] = Burst(out[-1].start, i)
        else:
            out.append(Burst(i, i))
    return out


def pitch(samples: array[int] | list[int], start: int, seconds: float) -> float:
    """Frequency over a window, from the median time between rising zero crossings
    (each placed between its two samples). Counting crossings over the window reads
    any short gap in the capture as a lower pitch (a 1764 Hz tone missing 3.6 ms of
    its 100 reads 1700 Hz, what a CI run once measured); the median period is the
    tone's own, whatever a gap does to a few periods."""
    n = int(seconds * RATE)
    window = samples[start : start + n]
    rising = [
        i + a / (a - b)  # where the line from a to b crosses zero
        for i, (a, b) in enumerate(itertools.pairwise(window))
        if a < 0 <= b
    ]
    periods = [b - a for a, b in itertools.pairwise(rising)]
    if not periods:
        return 0.0
    return RATE / statistics.median(periods)
