"""Every test starts without a runner's race and leaves none behind."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from trackapp.domain import vdot


@pytest.fixture(autouse=True)
def no_runner_race() -> Iterator[None]:
    previous = vdot.set_runner_race(None)
    yield
    vdot.set_runner_race(previous)
