"""Coach mode's roster: who runs, the key that records each one's split, and their paces.

A roster is a TOML file (README "Coach mode: rosters", schema/roster.schema.json)::

    name = "Tuesday squad"
    [[athlete]]
    name = "Ana"
    key = "1"                 # optional; default 1-9, 0, then a-z (not the run keys)
    race = "5K 21:30"         # optional: their race paces (E M T I R, 5K ...)
    [athlete.paces]           # overrides the workout's [paces] of the same name
    5k = "6:10/mi"

or just names (`--athletes "Ana,Ben,Cai"`): the workout's own paces for all.
Every problem is reported at once, like a workout's: ``FILE:LINE: athlete 2 (key): ...``.

One athlete's plan is the workout's, loaded through the same loader with their
paces and race on top (`athlete_plan`): a step's ``pace = "5k"`` is then their 5k.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from trackapp.domain.loader import Problem, WorkoutError, parse_workout
from trackapp.domain.plan import Plan
from trackapp.domain.text import is_printable
from trackapp.domain.toml_text import (
    FileProblems,
    TomlTextError,
    did_you_mean,
    load_toml,
    place,
    toml_lines,
    type_name,
)
from trackapp.domain.units import parse_pace, short_repr
from trackapp.domain.vdot import Race, parse_race
from trackapp.domain.workout import Workout
from trackapp.domain.workout_plan import plan_from_text

# Keys the run screens take for themselves (solo run.py's RUN_KEYS defaults and the group
# run screen's: start, pause, undo and its `u` prefix, skip, mute, stop, help, the
# out-for-the-rep `x` and out-for-the-session `X` prefixes). An athlete's key is never one.
RESERVED_KEYS: frozenset[str] = frozenset(
    {" ", "space", "enter", "p", "b", ".", "u", "n", "m", "q", "x", "X", "?"}
)
# The keys athletes get in order when the roster gives none: 1-9, 0, then a-z.
DEFAULT_KEYS: tuple[str, ...] = tuple(
    k for k in "1234567890abcdefghijklmnopqrstuvwxyz" if k not in RESERVED_KEYS
)
MAX_ATHLETES = len(DEFAULT_KEYS)  # one key each on a keyboard's digits and letters
MAX_NAME = 40  # characters: a name is a column on the run screen, not a paragraph
TOP_KEYS = ("name", "athlete")
ATHLETE_KEYS = ("name", "key", "paces", "race")
KEY_ALIASES = {
    "athletes": "athlete",
    "runner": "athlete",
    "runners": "athlete",
    "title": "name",
    "pace": "paces",
    "button": "key",
    "from": "race",
}
_KEY_CHARS = re.compile(r"^[0-9A-Za-z]$")


@dataclass(frozen=True, slots=True)
class Athlete:
    """One athlete of a roster."""

    name: str
    key: str  # the key that records their split: default 1-9, 0, then a-z except the run keys
    paces: Mapping[str, str] = field(default_factory=dict)  # overrides of the workout's [paces]
    race: str | None = None  # e.g. "5K 20:00": their race paces (as settings' race for one runner)


@dataclass(frozen=True, slots=True)
class Roster:
    """A named group of athletes, in the order they were written."""

    name: str
    athletes: tuple[Athlete, ...]


@dataclass(frozen=True, slots=True)
class RosterProblem:
    """One mistake in a roster: its line (0: none), the athlete's number and the key."""

    line: int
    message: str
    athlete: int | None = None
    key: str | None = None

    def where(self) -> str:
        if self.athlete is not None:
            return f"athlete {self.athlete}" + (f" ({self.key})" if self.key else "")
        return f"({self.key})" if self.key else ""

    @property
    def order(self) -> int:
        return self.athlete or 0

    def format(self, filename: str) -> str:
        return place(filename, self.line, self.where(), self.message)


class RosterError(FileProblems[RosterProblem]):
    """A roster with one or more problems; `format()` gives one line each."""

    unnamed = "<roster>"


# -- the names-only roster (--athletes) ---------------------------------------------------


def roster_from_names(text: str) -> Roster:
    """`--athletes "Ana,Ben,Cai"`: a roster of names with default keys and no paces."""
    source = "--athletes"
    names = [part.strip() for part in text.split(",")]
    problems: list[RosterProblem] = []
    if not any(names):
        raise RosterError(
            [RosterProblem(0, 'no athletes; give their names, e.g. --athletes "Ana,Ben,Cai"')],
            source,
        )
    if len(names) > MAX_ATHLETES:
        raise RosterError(
            [RosterProblem(0, f"{len(names)} athletes is too many; at most {MAX_ATHLETES}")],
            source,
        )
    seen: dict[str, int] = {}
    for number, name in enumerate(names, start=1):
        message = _name_problem(name, seen, number)
        if message is not None:
            problems.append(RosterProblem(0, message, athlete=number, key="name"))
        seen.setdefault(name.casefold(), number)
    if problems:
        raise RosterError(problems, source)
    athletes = tuple(Athlete(name, key, {}) for name, key in zip(names, DEFAULT_KEYS, strict=False))
    return Roster(name="", athletes=athletes)


def _name_problem(name: Any, seen: Mapping[str, int], number: int) -> str | None:
    if not isinstance(name, str):
        return f'the name is text, like name = "Ana", not {type_name(name)}'
    if not name.strip():
        return "the name is empty; every athlete needs one (a comma too many?)"
    if len(name.strip()) > MAX_NAME:
        return f"{short_repr(name)} is longer than {MAX_NAME} characters; shorten it"
    if not is_printable(name):
        return f"{short_repr(name)} holds control characters; write the name as plain text"
    first = seen.get(name.strip().casefold())
    if first is not None:
        return f"{short_repr(name.strip())} is already athlete {first}; names must differ"
    return None


# -- the roster file ----------------------------------------------------------------------


def parse_roster(text: str, source: str) -> Roster:
    """TOML text to a Roster; raises RosterError listing every problem with its line."""
    text = text.removeprefix("\ufeff")
    try:
        data = load_toml(text, "a roster")
    except TomlTextError as err:
        raise RosterError([RosterProblem(err.line, err.message)], source) from None
    return _RosterBuilder(text, source).build(data)


class _Lines:
    """The line of each key in a hand-written roster: top level, or athlete N (paces too)."""

    def __init__(self, text: str) -> None:
        self.keys: dict[tuple[int, str, str], int] = {}
        self.athletes: dict[int, int] = {}
        self.tables: dict[tuple[int, str], int] = {}
        section, athlete = "", 0
        for line in toml_lines(text):
            name = line.header
            if name is not None:
                if line.array and name == "athlete":
                    athlete += 1
                    section = ""
                    self.athletes[athlete] = line.number
                elif name.startswith("athlete."):
                    section = name.removeprefix("athlete.")
                    self.tables.setdefault((athlete, section), line.number)
                else:
                    section, athlete = name, 0
                    self.tables.setdefault((0, name), line.number)
            elif line.key is not None:
                self.keys.setdefault((athlete, section, line.key), line.number)

    def top(self, key: str) -> int:
        return self.keys.get((0, "", key), self.tables.get((0, key), 1))

    def athlete(self, number: int, key: str | None = None, section: str = "") -> int:
        if key is not None and (number, section, key) in self.keys:
            return self.keys[(number, section, key)]
        if section and (number, section) in self.tables:
            return self.tables[(number, section)]
        if section and (number, "", section) in self.keys:  # paces = { ... } inline
            return self.keys[(number, "", section)]
        return self.athletes.get(number, self.top("athlete"))


class _RosterBuilder:
    def __init__(self, text: str, source: str) -> None:
        self.source = source
        self.lines = _Lines(text)
        self.problems: list[RosterProblem] = []

    def top_problem(self, key: str, message: str) -> None:
        self.problems.append(RosterProblem(self.lines.top(key), message, key=key))

    def problem(self, number: int, key: str | None, message: str) -> None:
        """A problem of athlete `number`; `key` "paces.5k" is found in their [athlete.paces]."""
        section, _, inner = (key or "").rpartition(".")
        line = self.lines.athlete(number, inner or None, section)
        self.problems.append(RosterProblem(line, message, athlete=number, key=key))

    def build(self, data: dict[str, Any]) -> Roster:
        for key in data:
            if key not in TOP_KEYS:
                hint = did_you_mean(key, TOP_KEYS, KEY_ALIASES)
                if key in ATHLETE_KEYS[1:]:
                    hint = f"`{key}` belongs inside an [[athlete]] table"
                self.top_problem(key, f"unknown key `{key}`; {hint}")
        name = data.get("name", _default_name(self.source))
        if not isinstance(name, str) or not name.strip():
            self.top_problem(
                "name", 'the roster\'s name is non-empty text, e.g. name = "Tuesday squad"'
            )
            name = ""
        elif len(name.strip()) > 80 or not is_printable(name):
            self.top_problem("name", f"{short_repr(name)} is not a short one-line name; shorten it")
        athletes = self._athletes(data.get("athlete"))
        if self.problems:
            raise RosterError(self.problems, self.source)
        return Roster(name=name.strip(), athletes=athletes)

    def _athletes(self, value: Any) -> tuple[Athlete, ...]:
        if value is None:
            self.problems.append(
                RosterProblem(
                    self.lines.top("athlete"),
                    "the roster has no athletes; add an [[athlete]] table for each, "
                    'with name = "Ana"',
                    key="athlete",
                )
            )
            return ()
        if not isinstance(value, list) or not value:
            self.top_problem("athlete", "athletes are written as [[athlete]] tables, one each")
            return ()
        if len(value) > MAX_ATHLETES:
            self.top_problem(
                "athlete",
                f"{len(value)} athletes is too many for one group; at most {MAX_ATHLETES} "
                "(one key each); split the roster",
            )
            value = value[:MAX_ATHLETES]
        names: dict[str, int] = {}
        keys: dict[str, int] = {}
        tables: list[tuple[int, dict[str, Any]]] = []
        for number, table in enumerate(value, start=1):
            if not isinstance(table, dict):
                self.problem(number, None, "an athlete is an [[athlete]] table")
                continue
            tables.append((number, table))
            for key in table:
                if key not in ATHLETE_KEYS:
                    hint = did_you_mean(key, ATHLETE_KEYS, KEY_ALIASES)
                    if KEY_ALIASES.get(key.lower()) == "race" and key.lower() == "from":
                        hint = 'an athlete\'s race is `race = "5K 20:00"`'
                    self.problem(number, key, f"unknown key `{key}`; {hint}")
            name = table.get("name")
            if name is None:
                self.problem(number, None, 'missing `name`; add a line like name = "Ana"')
            else:
                message = _name_problem(name, names, number)
                if message is not None:
                    self.problem(number, "name", message)
                if isinstance(name, str) and name.strip():
                    names.setdefault(name.strip().casefold(), number)
            key = table.get("key")
            if key is not None:
                message = self._key_problem(key, keys, number)
                if message is not None:
                    self.problem(number, "key", message)
                elif isinstance(key, str):
                    keys[key] = number
        free = iter(k for k in DEFAULT_KEYS if k not in keys)
        athletes: list[Athlete] = []
        for number, table in tables:
            paces = self._paces(number, table.get("paces", {}))
            race = self._race(number, table.get("race"))
            key = table.get("key")
            if not isinstance(key, str) or keys.get(key) != number:
                key = next(free, "")
            name = table.get("name")
            athletes.append(
                Athlete(str(name).strip() if isinstance(name, str) else "", key, paces, race)
            )
        return tuple(athletes)

    @staticmethod
    def _key_problem(key: Any, taken: Mapping[str, int], number: int) -> str | None:
        if not isinstance(key, str):
            shown = f'"{key}"' if isinstance(key, int) and not isinstance(key, bool) else '"1"'
            return f"a key is text of one letter or digit, like key = {shown}, not {type_name(key)}"
        if key in RESERVED_KEYS or key.lower() in ("space", "enter"):
            return (
                f"{short_repr(key)} is a run screen key (space, enter, p, b, ., u, n, m, q, x, "
                "X, ?); choose another letter or digit"
            )
        if not _KEY_CHARS.match(key):
            return f'{short_repr(key)} is not one letter or digit; a key is one, like key = "1"'
        first = taken.get(key)
        if first is not None:
            return f"key {key!r} is already athlete {first}'s; each athlete needs their own"
        return None

    def _paces(self, number: int, value: Any) -> dict[str, str]:
        if not isinstance(value, dict):
            self.problem(
                number, "paces", 'paces is a table of name = pace lines, like 5k = "6:10/mi"'
            )
            return {}
        paces: dict[str, str] = {}
        for name, text in value.items():
            key = f"paces.{name}"
            if name == "from":
                self.problem(
                    number, key, 'an athlete\'s race is race = "5K 20:00" beside name, not in paces'
                )
                continue
            if not isinstance(text, str):
                self.problem(
                    number, key, f'pace {name} must be text like "6:10/mi", not {type_name(text)}'
                )
                continue
            try:
                parse_pace(text)
            except ValueError as err:
                self.problem(number, key, str(err))
                continue
            paces[name] = text
        return paces

    def _race(self, number: int, value: Any) -> str | None:
        if value is None:
            return None
        if not isinstance(value, str):
            self.problem(
                number,
                "race",
                f'race is text like "5K 20:00" (a distance, then the time), not {type_name(value)}',
            )
            return None
        try:
            return parse_race(value).text
        except ValueError as err:
            self.problem(number, "race", str(err))
            return None


def _default_name(source: str) -> str:
    """A roster without `name` is called after its file: squad.toml is "squad"."""
    stem = PurePath(source).stem if source else ""
    return stem or "roster"


# -- one athlete's plan ------------------------------------------------------------------


def athlete_race(athlete: Athlete) -> Race | None:
    """The athlete's race parsed (a parsed roster's always parses), or None."""
    if athlete.race is None:
        return None
    try:
        return parse_race(athlete.race)
    except ValueError:
        return None


def athlete_workout(text: str, athlete: Athlete, source: str = "") -> Workout:
    """The workout as `athlete` runs it: their paces over its [paces], their race over its."""
    return parse_workout(text, source, paces=athlete.paces, athlete_race=athlete_race(athlete))


def athlete_plan(text: str, athlete: Athlete, source: str = "") -> Plan:
    """The expanded plan `athlete` runs, each target from their own paces; WorkoutError else."""
    return plan_from_text(text, source, paces=athlete.paces, athlete_race=athlete_race(athlete))


__all__ = [
    "DEFAULT_KEYS",
    "MAX_ATHLETES",
    "RESERVED_KEYS",
    "Athlete",
    "Problem",
    "Roster",
    "RosterError",
    "RosterProblem",
    "WorkoutError",
    "athlete_plan",
    "athlete_race",
    "athlete_workout",
    "parse_roster",
    "roster_from_names",
]
