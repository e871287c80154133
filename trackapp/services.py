"""What the app is built from: clock, storage, audio, settings.

Tests build the same container with doubles (a fake clock, a temporary data
dir, a recording audio backend) and pass it to the one app factory.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from trackapp.storage import paths

Clock = Callable[[], float]


@dataclass
class Services:
    clock: Clock = time.monotonic
    data_dir: Path = field(default_factory=paths.data_dir)
    config_dir: Path = field(default_factory=paths.config_dir)

    @property
    def sessions_dir(self) -> Path:
        return self.data_dir / "sessions"

    @property
    def trash_dir(self) -> Path:
        return self.data_dir / "trash"

    @property
    def user_workouts_dir(self) -> Path:
        return self.data_dir / "workouts"
