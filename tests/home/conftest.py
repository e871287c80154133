"""Home-screen fixtures: services in a private data dir, and a current directory with workouts."""

from __future__ import annotations

from pathlib import Path

import pytest

GOOD = """\
name = "8 x 400"
notes = "Even pace."

[[step]]
warmup = "10:00"

[[step]]
repeat = 8
run = "400m"
target = "1:30"
rest = "1:30"

[[step]]
cooldown = "10:00"
"""

LADDER = """\
name = "Ladder"

[[step]]
run = ["200m", "400m", "200m"]
target = ["0:40", "1:25", "0:40"]
rest = ["1:00", "2:00"]
"""

BROKEN = """\
name = "Broken"

[[step]]
reapet = 4
run = "400m"
"""


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The current directory: tmp_path, with `workouts/` holding a good, a ladder, a broken file.

    The data dir is tmp_path/data too, so every path on screen is relative and the
    snapshots do not depend on where pytest puts its temporary folders.
    """
    folder = tmp_path / "workouts"
    folder.mkdir()
    (folder / "8x400.toml").write_text(GOOD)
    (folder / "ladder.toml").write_text(LADDER)
    (folder / "zz-broken.toml").write_text(BROKEN)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.delenv("VISUAL", raising=False)
    return folder
