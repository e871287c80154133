"""From TOML text to a `Workout`, reporting every problem at once.

Each problem names the line, the step and the key, and says what would be
right; the storage layer adds the file name. Never raises anything but
`WorkoutError`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from trackapp.domain.plan import (
    MAX_SPLITS_PER_REP,
    MIN_TRACK,
    split_count,
    too_many_splits,
)
from trackapp.domain.toml_text import (
    FileProblems,
    TomlTextError,
    did_you_mean,
    load_toml,
    place,
    toml_lines,
    type_name,
)
from trackapp.domain.units import (
    Length,
    format_target,
    parse_distance,
    parse_duration,
    parse_length,
    parse_pace,
    parse_target,
    short_repr,
)
from trackapp.domain.vdot import (
    RACE_PACE_NAMES,
    TRAINING_NAMES,
    Race,
    parse_race,
    runner_race,
    source_text,
)
from trackapp.domain.workout import Step, StepKind, Target, Workout

TOP_KEYS = ("name", "notes", "track", "pace_unit", "paces", "step")
KIND_KEYS = ("warmup", "cooldown", "run", "rest")
RUN_KEYS = ("repeat", "rest", "every", "sets", "set_rest", "target", "pace", "lap_splits")
COMMON_KEYS = ("label", "cue")
STEP_KEYS = (*KIND_KEYS, *RUN_KEYS, *COMMON_KEYS)
PACE_UNITS = ("km", "mi")
MAX_COUNT = 10_000  # a repeat or sets beyond this is a typo, not a workout
MIN_EVERY = 10.0  # seconds: no rep and its restart fit in less; "0.001s" is a typo
MIN_RECOVERY_METRES = 100.0  # a warm-up, cool-down or rest shorter is a duration misread
RECOVERY_KEYS = ("warmup", "cooldown", "rest", "set_rest")
# Words runners write for a key, where spelling similarity alone would guess wrong.
KEY_ALIASES = {
    "reps": "repeat",
    "rep": "repeat",
    "times": "repeat",
    "recovery": "rest",
    "recover": "rest",
    "jog": "rest",
    "distance": "run",
    "time": "run",
    "splits": "lap_splits",
    "sendoff": "every",
    "send_off": "every",
    "note": "notes",
    "title": "name",
}

T = TypeVar("T")

# Pace names a race gives (`[paces] from`, settings `race`), by lower case, as written.
_RACE_NAMES = {name.lower(): name for name in (*TRAINING_NAMES, *RACE_PACE_NAMES)}


@dataclass(frozen=True, slots=True)
class Problem:
    """One mistake in a workout file."""

    line: int
    message: str
    step: int | None = None
    key: str | None = None
    column: int | None = None

    def where(self) -> str:
        if self.step is not None:
            return f"step {self.step}" + (f" ({self.key})" if self.key else "")
        if self.key:
            return f"({self.key})"
        return ""

    @property
    def order(self) -> int:
        return self.step or 0

    def format(self, filename: str) -> str:
        return place(filename, self.line, self.where(), self.message)


class WorkoutError(FileProblems[Problem]):
    """A workout file with one or more problems."""

    unnamed = "<workout>"


class _LineMap:
    """Finds the line of a key in hand-written TOML: top level, `[paces]`, or step N."""

    def __init__(self, text: str) -> None:
        self.keys: dict[tuple[str, int, str], int] = {}
        self.steps: dict[int, int] = {}
        self.tables: dict[str, int] = {}
        section, step = "top", 0
        for line in toml_lines(text):
            if line.header is not None:
                if line.array and line.header == "step":
                    step += 1
                    section = "step"
                    self.steps[step] = line.number
                else:
                    section = line.header
                    self.tables.setdefault(line.header, line.number)
            elif line.key is not None:
                where = (section, step if section == "step" else 0, line.key)
                self.keys.setdefault(where, line.number)

    def top(self, key: str) -> int:
        return self.keys.get(("top", 0, key), self.tables.get(key, 1))

    def pace(self, name: str) -> int:
        return self.keys.get(("paces", 0, name), self.tables.get("paces", 1))

    def step(self, number: int, key: str | None = None) -> int:
        if key is not None and ("step", number, key) in self.keys:
            return self.keys[("step", number, key)]
        return self.steps.get(number, self.top("step"))


def parse_workout(
    text: str,
    source: str = "",
    race: Race | None = None,
    *,
    paces: Mapping[str, str] | None = None,
    athlete_race: Race | None = None,
) -> Workout:
    """Parse a workout document; raises WorkoutError listing every problem.

    `race` is the runner's race, for a workout without its own `[paces] from`: the
    one given, else the one set from settings.toml (`vdot.set_runner_race`).

    Coach mode (`domain.roster`): `paces` are one athlete's, over the `[paces]` of the
    same name; `athlete_race` is their race, over the workout's `from`, the runner's, and
    the workout's paces of the names a race gives.

    A leading UTF-8 BOM (Windows editors) is dropped: it is not on a line of its own,
    so line numbers stay those the runner's editor shows.
    """
    text = text.removeprefix("\ufeff")
    try:
        data = load_toml(text, "a workout")
    except TomlTextError as err:
        problem = Problem(err.line, err.message, column=err.column)
        raise WorkoutError([problem], source) from None
    if athlete_race is not None or paces:
        data = _with_athlete(data, paces or {}, athlete_race is not None)
        race = athlete_race or race
    return _Builder(text, source, race if race is not None else runner_race()).build(data)


def _with_athlete(data: dict[str, Any], paces: Mapping[str, str], own_race: bool) -> dict[str, Any]:
    """The document with one athlete's paces written into its `[paces]` (theirs win). With a
    race of their own, the workout's `from` and the names their race gives (E ... R, 5k ...)
    go: that athlete's 5k is their race's, not the one written for everyone."""
    table = data.get("paces", {})
    if not isinstance(table, dict):
        return data  # reported as the workout's own problem
    table = dict(table)
    if own_race:
        for name in ("from", *TRAINING_NAMES, *RACE_PACE_NAMES):
            table.pop(name, None)
    table.update(paces)
    return {**data, "paces": table}


def _number(value: int | float) -> str:
    """A bare number as the runner wrote it, safe for any size TOML allows."""
    if isinstance(value, int):
        return str(value) if abs(value) < 10**15 else "400"
    return f"{value:g}" if math.isfinite(value) else "400"


def _rep_seconds(
    length: Length, target: Target | None, pace: tuple[float, float] | None
) -> float | None:
    """How long a rep is planned to take (its slow end), None when not known in advance."""
    if length.seconds is not None:
        return length.seconds
    if target is not None:
        return target[1]
    if pace is not None and length.metres is not None:
        return round(pace[1] * length.metres, 1)
    return None


def _too_short(text: str, key: str, metres: float) -> str:
    """`warmup = "15m"` is 15 metres: almost surely 15 minutes. Say so, and how to write it."""
    what = {"warmup": "a warm-up", "cooldown": "a cool-down"}.get(key, "a rest")
    number = re.match(r"\s*(\d+(?:\.\d+)?)", text)
    n = number.group(1) if number else f"{metres:g}"
    minutes = f'"{n}:00" or "{n}min"' if "." not in n else f'"{n}min"'
    fix = f"for {n} minutes write {minutes}"
    if what == "a rest":
        fix += f', for {n} seconds "{n}s"'
    return (
        f"{short_repr(text)} is {metres:g} m, shorter than {what} can be (at least "
        f'{MIN_RECOVERY_METRES:g} m); {fix} ("m" is metres)'
    )


class _Builder:
    def __init__(self, text: str, source: str, race: Race | None = None) -> None:
        self.text = text
        self.source = source
        self.race = race  # the runner's, until the workout's own `[paces] from` replaces it
        self.race_from_settings = race is not None
        self.race_paces: dict[str, tuple[float, float]] = {}
        self.pace_sources: dict[str, str] = {}
        self.race_broken = False
        self.lines = _LineMap(text)
        self.problems: list[Problem] = []
        self.pace_names: set[str] = set()
        self.track = 400.0

    # -- reporting -------------------------------------------------------
    def top_problem(self, key: str, message: str) -> None:
        self.problems.append(Problem(self.lines.top(key), message, key=key))

    def step_problem(self, number: int, key: str | None, message: str) -> None:
        self.problems.append(Problem(self.lines.step(number, key), message, step=number, key=key))

    # -- top level -------------------------------------------------------
    def build(self, data: dict[str, Any]) -> Workout:
        for key in data:
            if key not in TOP_KEYS:
                hint = did_you_mean(key, TOP_KEYS, KEY_ALIASES)
                if key in STEP_KEYS:
                    hint = f"`{key}` belongs inside a [[step]] table"
                self.top_problem(key, f"unknown key `{key}`; {hint}")
        name = data.get("name")
        if name is None:
            self.problems.append(
                Problem(
                    1, 'missing `name`; add a line like name = "8 x 400 m at 5K pace"', key="name"
                )
            )
        elif not isinstance(name, str) or not name.strip():
            self.top_problem("name", 'the name must be non-empty text, e.g. name = "8 x 400 m"')
        notes = data.get("notes", "")
        if not isinstance(notes, str):
            self.top_problem("notes", f"notes must be text, not {type_name(notes)}")
            notes = ""
        track = self.track = self._track(data.get("track", "400m"))
        pace_unit = data.get("pace_unit", "km")
        if pace_unit not in PACE_UNITS:
            self.top_problem("pace_unit", f'pace_unit is "km" or "mi", not {pace_unit!r}')
            pace_unit = "km"
        paces = self._paces(data.get("paces", {}))
        steps = self._steps(data.get("step"), paces)
        if self.problems:
            raise WorkoutError(self.problems, self.source)
        return Workout(
            name=str(name).strip(),
            steps=tuple(steps),
            notes=notes,
            track=track,
            pace_unit=str(pace_unit),
            paces={k: v for k, v in paces.items() if k not in self.race_paces},
            race=self.race.text if self.race is not None else None,
            race_from_settings=self.race is not None and self.race_from_settings,
            race_paces=self.race_paces,
            source=self.source,
            text=self.text,
        )

    def _track(self, value: Any) -> float:
        if isinstance(value, str):
            try:
                metres = parse_distance(value)
            except ValueError as err:
                self.top_problem("track", f'{err}; the track is a lap length like "400m"')
                return 400.0
            if metres < MIN_TRACK:
                self.top_problem(
                    "track",
                    f"a {value.strip()!r} track is shorter than any running track; "
                    f'at least "{MIN_TRACK:g}m" (a standard track is "400m", indoors "200m")',
                )
                return 400.0
            return metres
        self.top_problem(
            "track", f'track is the lap length as a distance, like "400m" or "200m", not {value!r}'
        )
        return 400.0

    def _paces(self, value: Any) -> dict[str, tuple[float, float]]:
        if not isinstance(value, dict):
            self.top_problem("paces", "[paces] must be a table of name = pace lines")
            return {}
        paces: dict[str, tuple[float, float]] = {}
        self.pace_names = set(value)
        if "from" in value:
            self._race_from(value["from"])
            self.pace_names.discard("from")
        for name, text in value.items():
            if name == "from":
                continue
            line = self.lines.pace(name)
            if not isinstance(text, str):
                self.problems.append(
                    Problem(
                        line,
                        f'pace {name} must be text like "6:00/mi", not {text!r}',
                        key=f"paces.{name}",
                    )
                )
                continue
            try:
                paces[name] = parse_pace(text)
            except ValueError as err:
                self.problems.append(Problem(line, str(err), key=f"paces.{name}"))
        if self.race is not None:
            for name, pace in self.race.paces().items():
                if name not in self.pace_names:  # a pace written out in [paces] wins
                    self.race_paces[name] = pace
                    self.pace_sources[name] = source_text(name, self.race)
        return {**paces, **self.race_paces}

    def _race_from(self, value: Any) -> None:
        """`[paces] from = "5K 20:00"`: the workout's own race, instead of the runner's."""
        line = self.lines.pace("from")
        self.race, self.race_from_settings = None, False  # a broken `from` is never replaced
        self.race_broken = True  # until it parses: steps using its names are not reported again
        if not isinstance(value, str):
            message = f'from is a race like "5K 20:00" (a distance, then the time), not {value!r}'
            self.problems.append(Problem(line, message, key="paces.from"))
            return
        try:
            self.race = parse_race(value)
        except ValueError as err:
            self.problems.append(Problem(line, str(err), key="paces.from"))
            return
        self.race_broken = False

    # -- steps -----------------------------------------------------------
    def _steps(self, value: Any, paces: dict[str, tuple[float, float]]) -> list[Step]:
        if value is None:
            self.problems.append(
                Problem(
                    self.lines.top("step"),
                    "the workout has no steps; add at least one [[step]] table, e.g. "
                    '[[step]] then run = "400m"',
                    key="step",
                )
            )
            return []
        if not isinstance(value, list) or not value:
            self.top_problem("step", "steps are written as [[step]] tables, one per step")
            return []
        steps: list[Step] = []
        for number, table in enumerate(value, start=1):
            if not isinstance(table, dict):
                self.step_problem(number, None, "a step must be a [[step]] table")
                continue
            step = self._step(number, table, paces)
            if step is not None:
                steps.append(step)
        return steps

    def _step(
        self, number: int, table: dict[str, Any], paces: dict[str, tuple[float, float]]
    ) -> Step | None:
        for key in table:
            if key not in STEP_KEYS:
                self.step_problem(
                    number, key, f"unknown key `{key}`; {did_you_mean(key, STEP_KEYS, KEY_ALIASES)}"
                )
        kinds: list[str] = [k for k in ("warmup", "cooldown", "run") if k in table]
        if not kinds and "rest" in table:
            kinds = ["rest"]
        if not kinds:
            self.step_problem(
                number,
                None,
                'a step needs one of `warmup`, `cooldown`, `run` or `rest`, e.g. run = "400m"',
            )
            return None
        if len(kinds) > 1:
            listed = " and ".join(f"`{k}`" for k in kinds)
            self.step_problem(
                number,
                kinds[1],
                f"a step has exactly one of warmup, cooldown, run or rest; it has {listed}: "
                "split them into separate [[step]] tables",
            )
            return None
        kind = StepKind(kinds[0])
        label = self._text(number, table, "label")
        cue = self._text(number, table, "cue")
        line = self.lines.step(number)
        if kind is not StepKind.RUN:
            for key in table:
                if key in RUN_KEYS and not (kind is StepKind.REST and key == "rest"):
                    self.step_problem(
                        number, key, f"`{key}` goes with a `run` step, not with `{kind}`"
                    )
            length = self._length(number, table, str(kind))
            if length is None:
                return None
            return Step(number, kind, (length,), label=label, cue=cue, line=line)
        return self._run_step(number, table, paces, label, cue, line)

    def _run_step(
        self,
        number: int,
        table: dict[str, Any],
        paces: dict[str, tuple[float, float]],
        label: str | None,
        cue: str | None,
        line: int,
    ) -> Step | None:
        raw_run = table["run"]
        ladder = isinstance(raw_run, list)
        lengths: list[Length] = []
        ok = True
        if ladder:
            if not raw_run:
                self.step_problem(
                    number, "run", 'a ladder lists at least one length, e.g. ["200m", "400m"]'
                )
                return None
            for i, item in enumerate(raw_run, start=1):
                parsed = self._length_value(number, "run", item, f"rep {i} of the ladder: ")
                if parsed is None:
                    ok = False
                else:
                    lengths.append(parsed)
            if "repeat" in table:
                self.step_problem(
                    number,
                    "repeat",
                    "`repeat` does not go with a ladder; list each rep in `run` or use `sets`",
                )
        else:
            parsed = self._length(number, table, "run")
            if parsed is None:
                return None
            repeat = self._count(number, table, "repeat")
            lengths = [parsed] * repeat
        sets = self._count(number, table, "sets")
        reps = len(raw_run) if ladder else len(lengths)

        rests: list[Length] = []
        every: float | None = None
        if "rest" in table and "every" in table:
            self.step_problem(
                number,
                "every",
                "`every` and `rest` exclude each other: `every` sets the send-off, "
                "the rest is what is left of it",
            )
        elif "rest" in table:
            rests = self._rests(number, table["rest"], reps, sets, ladder)
        elif "every" in table:
            every = self._duration(number, table, "every")
            if every is not None and reps < 2 and sets < 2:
                self.step_problem(
                    number,
                    "every",
                    "`every` sets the send-off between reps and this step has one rep; "
                    "add `repeat` (repeat = 10) or drop `every`",
                )
                every = None
        set_rest = None
        if "set_rest" in table:
            set_rest = self._length(number, table, "set_rest")
            if sets == 1 and set_rest is not None:
                self.step_problem(number, "set_rest", "`set_rest` needs `sets` of 2 or more")
        lap_splits = table.get("lap_splits", True)
        if not isinstance(lap_splits, bool):
            self.step_problem(
                number, "lap_splits", f"lap_splits is true or false, not {lap_splits!r}"
            )
            lap_splits = True

        targets: list[Target | None] = []
        pace: tuple[float, float] | None = None
        pace_name: str | None = None
        if "target" in table and "pace" in table:
            self.step_problem(
                number, "pace", "`target` and `pace` exclude each other; keep one of them"
            )
        elif "target" in table:
            targets = self._targets(number, table["target"], lengths, reps, ladder)
        elif "pace" in table:
            pace, pace_name = self._pace(number, table["pace"], paces)
        if every is not None:
            self._check_every(number, every, str(table["every"]), lengths, targets, pace)
        if lap_splits:
            self._check_splits(number, lengths)

        if not ok or (not ladder and not lengths):
            return None
        if any(p.step == number for p in self.problems):
            return None
        return Step(
            number=number,
            kind=StepKind.RUN,
            lengths=tuple(lengths),
            ladder=ladder,
            sets=sets,
            rests=tuple(rests),
            every=every,
            set_rest=set_rest,
            targets=tuple(targets),
            pace=pace,
            pace_name=pace_name,
            pace_source=self.pace_sources.get(pace_name) if pace_name else None,
            lap_splits=lap_splits,
            label=label,
            cue=cue,
            line=line,
        )

    def _check_every(
        self,
        number: int,
        every: float,
        table_text: str,
        lengths: list[Length],
        targets: list[Target | None],
        pace: tuple[float, float] | None,
    ) -> None:
        """A send-off leaves some rest: at least MIN_EVERY, and longer than each rep's time."""
        if every < MIN_EVERY:
            self.step_problem(
                number,
                "every",
                f"every = {short_repr(table_text)} is too short a send-off; at least "
                f'"{MIN_EVERY:g}s" and longer than the rep, e.g. every = "2:30" for 400 m in 1:30',
            )
            return
        for i, length in enumerate(lengths):
            expected = _rep_seconds(length, targets[i] if targets else None, pace)
            if expected is not None and expected >= every:
                self.step_problem(
                    number,
                    "every",
                    f"every {format_target(every)} leaves no rest after a rep planned at "
                    f"{format_target(expected)}; make `every` longer than the rep",
                )
                return

    def _check_splits(self, number: int, lengths: list[Length]) -> None:
        """Each distance rep's lap splits stay within MAX_SPLITS_PER_REP (reported once)."""
        for length in lengths:
            if length.metres is None:
                continue
            count = split_count(length.metres, self.track)
            if count > MAX_SPLITS_PER_REP:
                self.step_problem(number, "run", too_many_splits(length.metres, self.track, count))
                return

    # -- values ----------------------------------------------------------
    def _text(self, number: int, table: dict[str, Any], key: str) -> str | None:
        value = table.get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            self.step_problem(
                number, key, f"`{key}` must be text in quotes, not {type_name(value)}"
            )
            return None
        return value

    def _count(self, number: int, table: dict[str, Any], key: str) -> int:
        value = table.get(key, 1)
        if isinstance(value, bool) or not isinstance(value, int):
            hint = (
                f"{key} = {value}" if isinstance(value, str) and value.isdigit() else f"{key} = 8"
            )
            self.step_problem(number, key, f"`{key}` is a whole number without quotes, e.g. {hint}")
            return 1
        if value < 1:
            self.step_problem(number, key, f"`{key}` must be 1 or more, not {value}")
            return 1
        if value > MAX_COUNT:
            self.step_problem(
                number, key, f"`{key}` = {value:,} is too many; at most {MAX_COUNT:,}"
            )
            return 1
        return value

    def _length(self, number: int, table: dict[str, Any], key: str) -> Length | None:
        return self._length_value(number, key, table[key])

    def _length_value(self, number: int, key: str, value: Any, prefix: str = "") -> Length | None:
        if isinstance(value, int | float) and not isinstance(value, bool):
            n = _number(value)
            if key in ("warmup", "cooldown"):
                hint = f'write "{n}:00" or "{n}min" for minutes, "{n}s" for seconds'
                if value >= MIN_RECOVERY_METRES:
                    hint += f' or "{n}m" for metres'
            elif key in RECOVERY_KEYS and value < MIN_RECOVERY_METRES:
                hint = f'write "{n}s" for seconds or "{n}:00" for minutes'
            else:
                hint = f'write "{n}m" for a distance or "{n}s" for a duration'
            self.step_problem(number, key, f"{prefix}a bare number is ambiguous: {hint}")
            return None
        if not isinstance(value, str):
            self.step_problem(
                number,
                key,
                f'{prefix}a length is text in quotes: a duration ("1:30"), a distance ("400m") '
                f'or "open", not {type_name(value)}',
            )
            return None
        try:
            length = parse_length(value)
        except ValueError as err:
            self.step_problem(number, key, f"{prefix}{err}")
            return None
        short = length.metres is not None and length.metres < MIN_RECOVERY_METRES
        if key in RECOVERY_KEYS and short and length.metres is not None:
            self.step_problem(number, key, prefix + _too_short(value, key, length.metres))
            return None
        return length

    def _duration(self, number: int, table: dict[str, Any], key: str) -> float | None:
        value = table[key]
        if isinstance(value, int | float) and not isinstance(value, bool):
            self.step_problem(
                number,
                key,
                f'a bare number is ambiguous: write "{_number(value)}s" for seconds '
                f'or "{_number(value)}:00" for minutes',
            )
            return None
        if not isinstance(value, str):
            self.step_problem(number, key, f'`{key}` is a duration in quotes like "2:30"')
            return None
        try:
            return parse_duration(value)
        except ValueError as err:
            self.step_problem(number, key, str(err))
            return None

    def _per_gap(
        self,
        number: int,
        key: str,
        value: Any,
        count: int,
        ladder: bool,
        parse: Callable[[int, str, Any, str], T | None],
        what: str,
    ) -> list[T]:
        """A single value for every gap/rep, or (ladder only) a list with one each."""
        if isinstance(value, list):
            if not ladder:
                self.step_problem(
                    number,
                    key,
                    f"a list of {what}s only goes with a ladder (`run` as a list); "
                    f"write one {what}",
                )
                return []
            if len(value) != count:
                self.step_problem(
                    number,
                    key,
                    f"the ladder needs {count} {what}{'s' if count != 1 else ''} "
                    f"(one per {'gap' if what == 'rest' else 'rep'}), not {len(value)}",
                )
                return []
            parsed = [parse(number, key, item, f"{what} {i}: ") for i, item in enumerate(value, 1)]
            return [p for p in parsed if p is not None] if None not in parsed else []
        one = parse(number, key, value, "")
        return [one] * count if one is not None else []

    def _rests(self, number: int, value: Any, reps: int, sets: int, ladder: bool) -> list[Length]:
        """One rest per gap; with one rep per set, the one rest falls between sets."""
        if reps < 2:
            if isinstance(value, list):
                if value:
                    self.step_problem(number, "rest", "a ladder of one rep has no gap for a rest")
                return []
            if sets < 2:
                self.step_problem(
                    number,
                    "rest",
                    "`rest` falls between reps and this step has one rep; for a recovery "
                    'after it, add a step of its own: [[step]] then rest = "3:00"',
                )
                return []
            one = self._length_value(number, "rest", value)
            return [one] if one is not None else []
        return self._per_gap(number, "rest", value, reps - 1, ladder, self._length_value, "rest")

    def _target_value(self, number: int, key: str, value: Any, prefix: str) -> Target | None:
        if isinstance(value, int | float) and not isinstance(value, bool):
            self.step_problem(
                number,
                key,
                f'{prefix}a bare number is ambiguous: write "{_number(value)}s" for seconds '
                f'or "{_number(value)}:00" for minutes',
            )
            return None
        if not isinstance(value, str):
            self.step_problem(number, key, f'{prefix}a target is text like "1:30" or "1:28-1:32"')
            return None
        try:
            return parse_target(value)
        except ValueError as err:
            self.step_problem(number, key, f"{prefix}{err}")
            return None

    def _targets(
        self, number: int, value: Any, lengths: list[Length], reps: int, ladder: bool
    ) -> list[Target | None]:
        if ladder and not isinstance(value, list):
            self.step_problem(
                number,
                "target",
                f"a ladder needs one target per rep, a list of {reps}, or a `pace` instead",
            )
            return []
        if any(length.seconds is not None for length in lengths):
            self.step_problem(
                number,
                "target",
                "a run given as a duration has no target time; drop `target` "
                "(a `pace` is shown as a guide)",
            )
            return []
        parsed = self._per_gap(number, "target", value, reps, ladder, self._target_value, "target")
        return list(parsed)

    def _pace(
        self, number: int, value: Any, paces: dict[str, tuple[float, float]]
    ) -> tuple[tuple[float, float] | None, str | None]:
        if not isinstance(value, str):
            self.step_problem(
                number, "pace", 'a pace is text like "6:00/mi" or a name from [paces]'
            )
            return None, None
        if value in paces:
            return paces[value], value
        if value in self.pace_names:
            return None, None  # defined but broken: already reported at its line in [paces]
        if self.race_broken and value in _RACE_NAMES.values():
            return None, None  # from a race whose `from` is already reported
        if "/" not in value:
            known = tuple(paces)
            hint = (
                did_you_mean(value, known, KEY_ALIASES).replace("known keys", "named paces")
                if known
                else 'there is no [paces] table; write a pace like "6:00/mi" or add [paces]'
            )
            same = [name for name in known if name.lower() == value.lower()]
            if same:
                hint = f"did you mean `{same[0]}`? (names are case-sensitive)"
            elif _RACE_NAMES.get(value.lower()) and self.race is None:
                hint = ("" if known else f"{hint}; ") + (
                    f"{_RACE_NAMES[value.lower()]} comes from a race: add "
                    '`from = "5K 20:00"` (your race) to [paces], or `race = "5K 20:00"` '
                    "to settings.toml for every workout"
                )
            self.step_problem(number, "pace", f"no pace named {value!r}; {hint}")
            return None, None
        try:
            return parse_pace(value), None
        except ValueError as err:
            self.step_problem(number, "pace", str(err))
            return None, None
