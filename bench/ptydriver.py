"""The pty driver moved to `tests/support/ptydriver.py`; this name is kept only for
`tests/ui/test_kill_resume.py`, which still imports it from `bench/`. Delete it once
that test imports `support.ptydriver`."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from support.ptydriver import PtyProcess, trackapp_command

__all__ = ["PtyProcess", "trackapp_command"]
