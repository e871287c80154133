"""A session keeps the runner's race its targets came from: a later race in settings.toml
changes tomorrow's targets, never those of a session already run (review and resume)."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import FakeClock
from trackapp.domain import vdot
from trackapp.domain.stats import session_plan
from trackapp.domain.workout_plan import plan_from_text, runner_race_used
from trackapp.runner import SessionRun
from trackapp.storage.session_files import read_session
from trackapp.storage.session_store import FileSessionStore

WORKOUT = """
name = "6 x 400 at I"
[[step]]
repeat = 6
run = "400m"
pace = "I"
rest = "1:00"
"""


def targets(plan_text: str, race: str | None = None) -> list[tuple[float, float] | None]:
    plan = plan_from_text(plan_text, "w.toml", vdot.parse_race(race) if race else None)
    return [seg.target for seg in plan.segments if seg.target is not None]


def test_the_session_keeps_the_race_and_review_rebuilds_its_targets(
    tmp_path: Path, clock: FakeClock
) -> None:
    vdot.set_runner_race(vdot.parse_race("5K 20:00"))
    plan = plan_from_text(WORKOUT, "w.toml")
    assert runner_race_used(plan) == "5K 20:00"
    store = FileSessionStore(tmp_path / "sessions")
    run = SessionRun(plan, store, clock, wall=clock.wall)
    run.engine.press(clock())
    clock.advance(90)
    run.engine.press(clock())
    run.save()
    assert store.flush(5)
    assert run.path is not None
    saved = read_session(run.path)
    assert saved.race == "5K 20:00"
    then = [s.target for s in plan.segments if s.target is not None]

    vdot.set_runner_race(vdot.parse_race("5K 25:00"))  # a slower race set since
    rebuilt = session_plan(saved)
    assert rebuilt is not None
    assert [s.target for s in rebuilt.segments if s.target is not None] == then
    assert targets(WORKOUT) != then  # a new session would take the new race
    store.close(5)


def test_a_workout_without_race_paces_saves_no_race() -> None:
    vdot.set_runner_race(vdot.parse_race("5K 20:00"))
    plain = plan_from_text('name = "x"\n[[step]]\nrun = "400m"\ntarget = "1:30"\n', "w")
    assert runner_race_used(plain) is None
    own = plan_from_text(
        'name = "x"\n[paces]\nfrom = "mile 5:00"\n[[step]]\nrun = "400m"\npace = "I"\n', "w"
    )
    assert runner_race_used(own) is None  # its own `from` is in its text
