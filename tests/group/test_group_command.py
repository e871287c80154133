"""`trackapp run WORKOUT --roster FILE | --athletes NAMES`: the group, each athlete on their
own paces; a bad roster or name list is reported, never a crash."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from trackapp.commands.group_run import load_group
from trackapp.commands.run import handle
from trackapp.domain.roster import RosterError

WORKOUT = """
name = "4 x 400"
[paces]
fast = "4:00/km"
[[step]]
repeat = 4
run = "400m"
pace = "fast"
rest = "1:00"
"""
ROSTER = """
name = "Tuesday squad"
[[athlete]]
name = "Ana"
key = "a"
paces = { fast = "3:30/km" }
[[athlete]]
name = "Ben"
"""


def args(tmp_path: Path, **kw: str | None) -> argparse.Namespace:
    workout = tmp_path / "w.toml"
    workout.write_text(WORKOUT, encoding="utf-8")
    base: dict[str, object] = {
        "file": str(workout),
        "roster": None,
        "athletes": None,
        "debounce": None,
        "mute": False,
        "no_sound": True,
    }
    base.update(kw)
    return argparse.Namespace(**base)


def test_roster_athletes_on_their_own_paces(tmp_path: Path) -> None:
    roster = tmp_path / "squad.toml"
    roster.write_text(ROSTER, encoding="utf-8")
    name, athletes = load_group(args(tmp_path, roster=str(roster)))
    assert name == "Tuesday squad"
    assert [(a.name, a.key) for a in athletes] == [("Ana", "a"), ("Ben", "1")]
    targets = [a.plan.segments[0].target for a in athletes]
    assert targets == [(84.0, 84.0), (96.0, 96.0)]  # 3:30/km and the workout's 4:00/km


def test_names_get_keys_in_order(tmp_path: Path) -> None:
    name, athletes = load_group(args(tmp_path, athletes="Ana, Ben,Cy"))
    assert name == "group"
    assert [(a.name, a.key) for a in athletes] == [("Ana", "1"), ("Ben", "2"), ("Cy", "3")]


def test_bad_names_are_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(RosterError):
        load_group(args(tmp_path, athletes="Ana,,Ana"))
    assert handle(args(tmp_path, athletes="Ana,Ana")) == 1
    assert "already athlete 1" in capsys.readouterr().err


def test_race_paces_come_from_each_athletes_race(tmp_path: Path) -> None:
    """A workout with `pace = "I"` and no race of its own loads for a roster with races."""
    roster = tmp_path / "squad.toml"
    roster.write_text(
        '[[athlete]]\nname = "Ana"\nrace = "5K 18:30"\n[[athlete]]\nname = "Ben"\n'
        'race = "5K 21:00"\n',
        encoding="utf-8",
    )
    ns = args(tmp_path, roster=str(roster))
    Path(str(ns.file)).write_text(
        'name = "I"\n[[step]]\nrepeat = 2\nrun = "400m"\npace = "I"\nrest = "1:00"\n',
        encoding="utf-8",
    )
    _name, athletes = load_group(ns)
    ana, ben = (a.plan.segments[0].target for a in athletes)
    assert ana is not None and ben is not None and ana[0] < ben[0]
