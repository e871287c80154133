"""A cold index build reads many files in a process per core (where forking is safe):
the summaries are the same as one process reads, and the progress reaches the total."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

SCRIPT = textwrap.dedent(
    """
    import os, sys, threading
    from datetime import timedelta
    from pathlib import Path
    from tests.review.review_builders import at, save, session
    import trackapp.storage.session_index as index

    sessions = Path(sys.argv[1])
    sessions.mkdir()
    for i in range(260):  # over PARALLEL_FROM: read by worker processes
        save(sessions, session([88.0 + i % 7, 90.5, 91.25], started=at(1) + timedelta(minutes=i)))
    (sessions / "2026-03-01T00-00-00_broken.toml").write_text("format = [", "utf-8")
    readers = sessions.parent / "readers"
    real = index.summarize

    def summarize(path, size, mtime_ns):  # notes which process read each file
        with open(readers, "a") as out:
            out.write(f"{os.getpid()}\\n")
        return real(path, size, mtime_ns)

    index.summarize = summarize
    told = []
    parallel = index.list_sessions(sessions, progress=lambda d, t: told.append((d, t)))
    assert threading.active_count() == 1
    pids = set(readers.read_text().split())
    assert len(pids) >= 2 and str(os.getpid()) not in pids, pids  # worker processes read
    (sessions.parent / index.INDEX_NAME).unlink()
    index.PARALLEL_FROM = 10**9  # the same files, read in this process
    serial = index.list_sessions(sessions)
    assert parallel == serial, "parallel and serial summaries differ"
    assert told[-1] == (261, 261) and len(told) == 6, told
    assert sum(1 for s in parallel if not s.readable) == 1
    print("same", len(parallel))
    """
)


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one core: read in one process")
def test_a_parallel_cold_build_equals_one_process_reading(tmp_path: Path) -> None:
    # its own process: the test runner's threads would make forking unsafe (and skipped)
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path / "sessions")],
        capture_output=True,
        text=True,
        cwd=Path(__file__).parents[2],
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "same 261"
