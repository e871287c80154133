"""Coach mode on disk: one solo-format session file per athlete, saved after each of their
events through the one store, and the whole group brought back from those files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import FakeClock
from trackapp.domain.group import GroupAthlete
from trackapp.domain.plan import Plan
from trackapp.domain.resume import PAUSED, RUNNING
from trackapp.group_runner import GroupSessionRun, find_unfinished_group
from trackapp.storage.session_files import read_session
from trackapp.storage.session_store import FileSessionStore, MemorySessionStore

WORKOUT = """
name = "3 x 400"
[[step]]
repeat = 3
run = "400m"
target = "{target}"
rest = "1:30"
"""


@pytest.fixture
def squad(make_plan: Callable[[str], Plan]) -> list[GroupAthlete]:
    return [
        GroupAthlete("Ana", "a", make_plan(WORKOUT.format(target="1:20"))),
        GroupAthlete("Ben", "b", make_plan(WORKOUT.format(target="1:30"))),
        GroupAthlete("Cy", "c", make_plan(WORKOUT.format(target="1:40"))),
    ]


def test_one_file_per_athlete_with_athlete_and_group(
    squad: list[GroupAthlete], clock: FakeClock, tmp_path: Path
) -> None:
    store = FileSessionStore(tmp_path / "sessions")
    run = GroupSessionRun(squad, store, clock, name="Tuesday squad", wall=clock.wall)
    run.group.start()
    assert run.save() == 3
    clock.advance(81.0)
    assert run.save() == 3  # the heartbeat: every file's elapsed
    run.group.split("a")
    assert run.save() == 1  # only Ana's file changed
    assert store.flush(5.0)
    names = sorted(p.name for p in run.paths)
    assert names == [
        "2026-11-27T18-16-40_3-x-400-ana.toml",
        "2026-11-27T18-16-40_3-x-400-ben.toml",
        "2026-11-27T18-16-40_3-x-400-cy.toml",
    ]
    ana = read_session(run.handles["a"].path)
    assert ana.athlete == "Ana" and ana.group == "2026-11-27T18-16-40_tuesday-squad"
    assert ana.status == "in_progress"
    assert [s.kind for s in ana.segments] == ["run", "rest"]
    assert ana.segments[0].laps == [81.0] and ana.segments[0].target == (80.0, 80.0)
    assert read_session(run.handles["b"].path).segments[0].target == (90.0, 90.0)
    run.close()


def test_group_files_are_never_offered_to_a_solo_resume(
    squad: list[GroupAthlete], clock: FakeClock
) -> None:
    store = MemorySessionStore(Path("/sessions"))
    run = GroupSessionRun(squad, store, clock, wall=clock.wall)
    run.group.start()
    run.save()
    for handle in run.handles.values():
        store.release(handle)
    assert store.find_in_progress("3 x 400") == []
    assert len(store.find_in_progress("3 x 400", grouped=True)) == 3


def test_resume_brings_the_whole_group_back(
    squad: list[GroupAthlete], clock: FakeClock, tmp_path: Path
) -> None:
    store = FileSessionStore(tmp_path / "sessions")
    run = GroupSessionRun(squad, store, clock, wall=clock.wall)
    run.group.start()
    clock.advance(79.0)
    run.group.split("a")
    run.save()
    clock.advance(3.0)
    run.group.out_for_rep("c")
    run.save()
    clock.advance(2.0)
    run.save()
    assert store.flush(5.0)
    # the program dies: the files' locks go with it
    before = {k: run.group.records(k) for k in "abc"}
    for handle in run.handles.values():
        store.release(handle)
    clock.advance(10.0)
    store2 = FileSessionStore(tmp_path / "sessions")
    found = find_unfinished_group(store2, "3 x 400", ["a", "b", "c"])
    assert found is not None and sorted(found.files) == ["a", "b", "c"]
    back = GroupSessionRun.resume(squad, store2, clock, found, counted=RUNNING, wall=clock.wall)
    for key in "ac":
        assert [(s.kind, s.ended_by, s.laps) for s in back.group.records(key)] == [
            (s.kind, s.ended_by, s.laps) for s in before[key]
        ]
    rows = back.group.view().rows
    assert rows[1].rep_time == pytest.approx(94.0, abs=0.01)  # Ben's clock ran on
    assert store2.flush(5.0)
    assert len(read_session(back.handles["b"].path).gaps) == 1
    back.close()
    store2.close()
    store.close()


def test_an_athlete_out_for_the_session_stays_out_after_a_resume(
    squad: list[GroupAthlete], clock: FakeClock, tmp_path: Path
) -> None:
    store = FileSessionStore(tmp_path / "sessions")
    run = GroupSessionRun(squad, store, clock, wall=clock.wall)
    run.group.start()
    run.save()
    clock.advance(10.0)
    run.group.out_for_session("b")
    run.save()
    clock.advance(70.0)
    run.group.split("a")
    run.save()
    assert store.flush(5.0)
    for handle in run.handles.values():
        store.release(handle)
    found = find_unfinished_group(store, "3 x 400", ["a", "b", "c"])
    assert found is not None and sorted(found.files) == ["a", "c"]
    back = GroupSessionRun.resume(squad, store, clock, found, wall=clock.wall)
    assert back.group.athlete_status("b") == "stopped"
    assert sorted(back.handles) == ["a", "c"]  # no new file for Ben
    assert store.flush(5.0)
    assert len(list((tmp_path / "sessions").glob("*.toml"))) == 3
    back.close()
    store.close()


def test_every_athletes_file_keeps_the_groups_pauses_through_a_resume(
    squad: list[GroupAthlete], clock: FakeClock, tmp_path: Path
) -> None:
    """`p` stops every clock: each athlete's file keeps the pause where it began and how
    long it lasted (so a FIT export places it), and a resumed group carries it on."""
    store = FileSessionStore(tmp_path / "sessions")
    run = GroupSessionRun(squad, store, clock, wall=clock.wall)
    run.group.start()
    clock.advance(30.0)
    run.group.toggle_pause()
    clock.advance(12.5)
    run.group.toggle_pause()
    clock.advance(20.0)
    run.group.split("a")
    run.save(force=True)
    assert store.flush(5.0)
    for key in "abc":
        saved = read_session(run.handles[key].path)
        assert [(p.at, p.lasted) for p in saved.pauses] == [(30.0, 12.5)]
        assert saved.paused == pytest.approx(12.5)
    assert read_session(run.handles["a"].path).segments[0].laps == [50.0]
    for handle in run.handles.values():
        store.release(handle)
    clock.advance(60.0)  # the program was dead a minute: counted as paused
    store2 = FileSessionStore(tmp_path / "sessions")
    found = find_unfinished_group(store2, "3 x 400", ["a", "b", "c"])
    assert found is not None
    back = GroupSessionRun.resume(squad, store2, clock, found, counted=PAUSED, wall=clock.wall)
    clock.advance(5.0)
    back.group.toggle_pause()  # the runner resumes
    back.save(force=True)
    assert store2.flush(5.0)
    ben = read_session(back.handles["b"].path)
    assert [(p.at, p.lasted) for p in ben.pauses] == [(30.0, 12.5), (50.0, 65.0)]
    back.close()
    store2.close()
    store.close()
