"""The roster file and --athletes: every problem at once, with its line; one athlete's plan."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.hostile_files import SPECIAL_KINDS, deadline, make_special
from tests.hostile_strings import HOSTILE, IDS, toml_string
from trackapp.domain.loader import WorkoutError
from trackapp.domain.plan import Plan
from trackapp.domain.roster import (
    DEFAULT_KEYS,
    MAX_ATHLETES,
    RESERVED_KEYS,
    Athlete,
    RosterError,
    athlete_plan,
    athlete_workout,
    parse_roster,
    roster_from_names,
)
from trackapp.domain.vdot import parse_race, set_runner_race
from trackapp.storage.roster_files import MAX_FILE_BYTES, load_roster

SQUAD = """\
name = "Tuesday squad"
[[athlete]]
name = "Ana"
key = "1"
[athlete.paces]
5k = "6:10/mi"
[[athlete]]
name = "Ben"
[athlete.paces]
5k = "5:45/mi"
[[athlete]]
name = "Cai"
race = "5K 18:00"
"""

WORKOUT = """\
name = "4 x 1 mile"
pace_unit = "mi"
[paces]
5k = "6:30/mi"
[[step]]
run = "1mi"
repeat = 2
pace = "5k"
rest = "2:00"
"""


def problems(text: str) -> list[str]:
    with pytest.raises(RosterError) as info:
        parse_roster(text, "squad.toml")
    return info.value.format().splitlines()


def test_the_issue_example_parses() -> None:
    roster = parse_roster(SQUAD, "squad.toml")
    assert roster.name == "Tuesday squad"
    assert [(a.name, a.key) for a in roster.athletes] == [("Ana", "1"), ("Ben", "2"), ("Cai", "3")]
    assert roster.athletes[0].paces == {"5k": "6:10/mi"}
    assert roster.athletes[2].race == "5K 18:00"


def test_default_keys_skip_keys_taken_and_the_run_keys() -> None:
    text = '[[athlete]]\nname = "A"\n[[athlete]]\nname = "B"\nkey = "1"\n[[athlete]]\nname = "C"\n'
    roster = parse_roster(text, "squad.toml")
    assert [a.key for a in roster.athletes] == ["2", "1", "3"]
    assert roster.name == "squad"  # named after the file when it has no name
    assert not RESERVED_KEYS & set(DEFAULT_KEYS)
    assert DEFAULT_KEYS[:10] == tuple("1234567890")
    assert {"space", " ", "p", "u", "n", "m", "q", "x", "X", "?"} <= RESERVED_KEYS


def test_every_problem_at_once_with_lines_athletes_and_keys() -> None:
    text = """\
nme = "x"
[[athlete]]
name = "Ana"
key = "q"
[athlete.paces]
5k = "fast"
from = "5K 20:00"
[[athlete]]
name = "ana"
kee = "2"
race = "5K 3:00"
[[athlete]]
key = 1
paces = 3
"""
    lines = problems(text)
    assert lines[0] == "squad.toml:1: (nme): unknown key `nme`; did you mean `name`?"
    assert lines[1].startswith("squad.toml:4: athlete 1 (key): 'q' is a run screen key")
    assert lines[2].startswith("squad.toml:6: athlete 1 (paces.5k): 'fast'")
    assert lines[3].startswith("squad.toml:7: athlete 1 (paces.from): ")
    assert "race =" in lines[3]
    assert (
        lines[4] == "squad.toml:9: athlete 2 (name): 'ana' is already athlete 1; names must differ"
    )
    assert lines[5] == "squad.toml:10: athlete 2 (kee): unknown key `kee`; did you mean `key`?"
    assert lines[6].startswith("squad.toml:11: athlete 2 (race): '5K 3:00'")
    assert lines[7].startswith("squad.toml:12: athlete 3: missing `name`")
    assert lines[8].startswith("squad.toml:13: athlete 3 (key): a key is text")
    assert lines[9].startswith("squad.toml:14: athlete 3 (paces): paces is a table")
    assert len(lines) == 10


def test_did_you_mean_for_words_coaches_write() -> None:
    text = '[[athletes]]\nname = "Ana"\n'
    assert "did you mean `athlete`?" in problems(text)[0]
    text = '[[athlete]]\nname = "Ana"\npace = { 5k = "6:00/mi" }\n'
    assert problems(text) == [
        "squad.toml:3: athlete 1 (pace): unknown key `pace`; did you mean `paces`?"
    ]
    text = 'key = "1"\n[[athlete]]\nname = "Ana"\n'
    assert problems(text) == [
        "squad.toml:1: (key): unknown key `key`; `key` belongs inside an [[athlete]] table"
    ]


def test_inline_paces_problem_is_on_its_line() -> None:
    text = '[[athlete]]\nname = "Ana"\n\npaces = { 5k = 3 }\n'
    assert problems(text) == [
        'squad.toml:4: athlete 1 (paces.5k): pace 5k must be text like "6:10/mi", not a number'
    ]


def test_duplicate_keys_and_bad_keys() -> None:
    text = '[[athlete]]\nname = "A"\nkey = "a"\n[[athlete]]\nname = "B"\nkey = "a"\n'
    assert problems(text) == [
        "squad.toml:6: athlete 2 (key): key 'a' is already athlete 1's; "
        "each athlete needs their own"
    ]
    for bad in ("ab", "", "é", "space", "!"):
        text = f'[[athlete]]\nname = "A"\nkey = "{bad}"\n'
        (line,) = problems(text)
        assert line.startswith("squad.toml:3: athlete 1 (key): ")


def test_no_athletes_and_syntax_errors() -> None:
    assert problems('name = "x"\n')[0].startswith(
        "squad.toml:1: (athlete): the roster has no athletes"
    )
    (line,) = problems('name = "x"\n[[athlete]\n')
    assert line.startswith("squad.toml:2: TOML syntax error")
    (line,) = problems("[" * 5000)
    assert "squad.toml:1:" in line


def test_too_many_athletes_is_one_problem() -> None:
    text = "".join(f'[[athlete]]\nname = "A{i}"\n' for i in range(MAX_ATHLETES + 5))
    lines = problems(text)
    assert len(lines) == 1
    assert f"{MAX_ATHLETES + 5} athletes is too many" in lines[0]
    ok = "".join(f'[[athlete]]\nname = "A{i}"\n' for i in range(MAX_ATHLETES))
    assert len(parse_roster(ok, "s.toml").athletes) == MAX_ATHLETES


@pytest.mark.parametrize("hostile", list(HOSTILE.values()), ids=IDS)
def test_hostile_names_are_refused_or_kept_as_data(hostile: str) -> None:
    text = f"name = {toml_string(hostile)}\n[[athlete]]\nname = {toml_string('x' + hostile)}\n"
    try:
        roster = parse_roster(text, "squad.toml")
    except RosterError as err:
        message = err.format()
        assert len(message) < 1000  # a runaway value is cut, not repeated
        assert all(p.line in (1, 3) for p in err.problems)
    else:
        assert roster.athletes[0].name == ("x" + hostile).strip()


def test_roster_from_names() -> None:
    roster = roster_from_names(" Ana, Ben ,Cai")
    assert [(a.name, a.key, dict(a.paces)) for a in roster.athletes] == [
        ("Ana", "1", {}),
        ("Ben", "2", {}),
        ("Cai", "3", {}),
    ]
    for bad, words in (
        ("", "no athletes"),
        (" , ", "no athletes"),
        ("Ana,,Ben", "athlete 2 (name): the name is empty"),
        ("Ana,ANA", "athlete 2 (name): 'ANA' is already athlete 1"),
        (",".join(f"A{i}" for i in range(MAX_ATHLETES + 1)), "too many"),
        ("Ana,\x1b[2J", "control characters"),
    ):
        with pytest.raises(RosterError) as info:
            roster_from_names(bad)
        assert words in info.value.format(), bad
        assert info.value.format().startswith("--athletes: ")


def test_each_athlete_gets_their_own_pace() -> None:
    roster = parse_roster(SQUAD, "squad.toml")
    ana, ben, cai = (athlete_plan(WORKOUT, a, "w.toml") for a in roster.athletes)

    def first_target(plan: Plan) -> tuple[float, float] | None:
        return next(s for s in plan.segments if s.target is not None).target

    assert first_target(ana) == pytest.approx((370.0, 370.0))  # 6:10/mi
    assert first_target(ben) == pytest.approx((345.0, 345.0))  # 5:45/mi
    # Cai's race gives their 5k, over the workout's written 6:30/mi
    race_5k = parse_race("5K 18:00").paces()["5k"][0] * 1609.344
    assert first_target(cai) == pytest.approx((race_5k, race_5k), abs=0.1)
    dee = athlete_plan(WORKOUT, Athlete("Dee", "4", {}), "w.toml")
    assert first_target(dee) == pytest.approx((390.0, 390.0))  # the workout's 6:30/mi
    workout = athlete_workout(WORKOUT, roster.athletes[0], "w.toml")
    assert workout.name == "4 x 1 mile"


def test_an_athletes_race_gives_race_names_over_the_workouts_from() -> None:
    text = '[paces]\nfrom = "5K 20:00"\n[[step]]\nrun = "400m"\npace = "I"\n'
    text = 'name = "I reps"\n' + text
    fast = Athlete("Cai", "3", {}, race="5K 17:00")
    own = Athlete("Dee", "4", {})
    cai_target = athlete_plan(text, fast).segments[0].target
    dee_target = athlete_plan(text, own).segments[0].target
    assert cai_target is not None and dee_target is not None
    assert cai_target[0] < dee_target[0]
    assert athlete_plan(text, fast).segments[0].pace_source == "I from 5K 17:00"
    # a pace the athlete writes out wins over their race's
    written = Athlete("Eve", "5", {"I": "80s/400m"}, race="5K 17:00")
    assert athlete_plan(text, written).segments[0].target == pytest.approx((80.0, 80.0))


def test_without_a_race_of_their_own_the_runners_race_applies() -> None:
    text = 'name = "I reps"\n[[step]]\nrun = "400m"\npace = "I"\n'
    with pytest.raises(WorkoutError) as info:
        athlete_plan(text, Athlete("Ana", "1", {}), "w.toml")
    assert "w.toml:4: step 1 (pace): no pace named 'I'" in info.value.format()
    previous = set_runner_race(parse_race("5K 20:00"))
    try:
        assert athlete_plan(text, Athlete("Ana", "1", {})).segments[0].target is not None
    finally:
        set_runner_race(previous)


# -- the file on disk -------------------------------------------------------------------


def test_load_roster_from_a_file(tmp_path: Path) -> None:
    path = tmp_path / "squad.toml"
    path.write_text("\ufeff" + SQUAD, encoding="utf-8")
    assert len(load_roster(path, "squad.toml").athletes) == 3


def test_a_file_that_is_not_utf8_or_too_big(tmp_path: Path) -> None:
    path = tmp_path / "squad.toml"
    path.write_bytes(b'name = "x"\n[[athlete]]\nname = "\xff"\n')
    with pytest.raises(RosterError) as info:
        load_roster(path, "squad.toml")
    assert info.value.format() == (
        "squad.toml:3: the file is not UTF-8 text; save it as UTF-8 in your editor"
    )
    path.write_bytes(b"#" * (MAX_FILE_BYTES + 1))
    with pytest.raises(RosterError) as info:
        load_roster(path, "squad.toml")
    assert "is larger than" in info.value.format()


@pytest.mark.parametrize(("kind", "words"), SPECIAL_KINDS, ids=[k for k, _ in SPECIAL_KINDS])
def test_special_files_are_refused_without_blocking(tmp_path: Path, kind: str, words: str) -> None:
    path = make_special(kind, tmp_path / "squad.toml")
    with deadline(), pytest.raises(RosterError) as info:
        load_roster(path, "squad.toml")
    assert words in info.value.format()
    assert info.value.format().startswith("squad.toml: ")
