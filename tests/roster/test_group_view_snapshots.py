"""Snapshots of the group view at 80x24 and 120x40, with 4 and with 12 athletes.

Fixed sessions in a temporary data dir: every time, target and date is the same on
every run."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.review.test_review_snapshots import services_for, settle
from tests.roster.group_builders import Times, at, save_group
from trackapp.ui.factory import build_app
from trackapp.ui.screens.group_view import GroupViewScreen

SIZES = pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
NAMES = (
    "Ana", "Ben", "Cai", "Dee", "Eli", "Fay", "Gus", "Hana",
    "Ivo", "Jo", "Kit", "Lou Montgomery-Smith",
)  # fmt: skip


def squad(count: int) -> tuple[dict[str, Times], dict[str, tuple[float, float] | None]]:
    """`count` athletes over six 400s, each with their own target (one has none); one is
    out for a rep and one leaves after four."""
    times: dict[str, Times] = {}
    targets: dict[str, tuple[float, float] | None] = {}
    for i, name in enumerate(NAMES[:count]):
        target = 84.0 + 2 * i
        reps: list[float | None] = [target + ((i * 7 + r * 3) % 9 - 4) * 0.4 for r in range(6)]
        if i == 1:
            reps[2] = None  # out for rep 3
        if i == 2:
            reps = reps[:4]  # out for the session after rep 4
        times[name] = reps
        targets[name] = None if i == 3 else (target - 0.5, target + 0.5)
    return times, targets


def group_app(sessions: Path, data_dir: Path, count: int) -> Any:
    times, targets = squad(count)
    group, _ = save_group(sessions, times, targets, started=at(3))
    services = services_for(data_dir)
    return build_app(services, first_screen=GroupViewScreen(group, services))


@SIZES
def test_group_view_4(
    snap_compare: Any, data_dir: Path, sessions: Path, size: tuple[int, int]
) -> None:
    app = group_app(sessions, data_dir, 4)
    assert snap_compare(app, terminal_size=size, run_before=settle)


@SIZES
def test_group_view_12(
    snap_compare: Any, data_dir: Path, sessions: Path, size: tuple[int, int]
) -> None:
    app = group_app(sessions, data_dir, 12)
    assert snap_compare(app, terminal_size=size, run_before=settle)
