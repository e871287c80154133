"""User settings: a small TOML file in the config directory, written with tomli-w.

A broken settings file must never stop a session from starting: whatever is at
the path (a FIFO, a folder, binary junk, TOML nested ten thousand deep, a number
of 4,000 digits, NaN, a table where a number belongs) gives the defaults for the
keys it spoils, with a warning that says which and why, and never an exception.
"""

from __future__ import annotations

import logging
import math
import re
import tomllib
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from trackapp.domain.vdot import Race, parse_race, set_runner_race
from trackapp.storage.bounded_read import UnreadableFile, read_bounded, strip_bom
from trackapp.storage.session_files import write_atomic

log = logging.getLogger(__name__)

MAX_SETTINGS_BYTES = 64_000  # five short lines; anything bigger is not this file
RANGES = {"debounce": (0.0, 10.0), "volume": (0.0, 1.0)}  # out of range is clamped
MAX_TEXT = 100  # a theme name is a word or two
# The run screen's keys by action (its bindings' ids), as Textual names them, comma-
# separated; a `[keys]` table remaps any of them (`split = "space,x"`). The split keys
# are the big key and what presenter clickers send for "next"; a clicker's "previous"
# takes the last split back; its start/stop-slideshow button (F5, Shift+F5, Esc) and its
# blank-screen button (b or .) pause and resume.
RUN_KEYS: dict[str, str] = {
    "split": "space,enter,pagedown,right,down",
    "pause": "p,f5,shift+f5,escape,b,full_stop",
    "undo": "u,backspace,pageup,left,up",
    "skip": "n",
    "mute": "m",
    "stop": "q",
    "help": "question_mark",
}
KEY_ACTIONS = tuple(RUN_KEYS)
KEY_NAME = re.compile(r"[a-z0-9]+(?:[_+][a-z0-9]+)*")
MAX_KEYS = 10  # keys for one action


@dataclass
class Settings:
    debounce: float = 1.0  # seconds: a second press sooner than this is ignored
    volume: float = 0.8  # 0.0 to 1.0
    voice: bool = True  # speak split times and what comes next, where a speech engine exists
    muted: bool = False
    theme: str = "textual-dark"
    race: str = ""  # a recent race ("5K 20:00"): E M T I R paces for workouts without their own
    # the run screen's keys, remapped: {"split": "space,x"}; actions left out keep theirs
    keys: dict[str, str] = field(default_factory=dict)

    def run_keys(self) -> dict[str, str]:
        """Every run-screen action's keys: the defaults, as `[keys]` remaps them."""
        return {**RUN_KEYS, **self.keys}

    def runner_race(self) -> Race | None:
        """The race as the model reads it; None without one (it was checked on load)."""
        try:
            return parse_race(self.race) if self.race else None
        except ValueError:
            return None

    @classmethod
    def load(cls, path: Path) -> Settings:
        """The settings at `path`, defaults where it is missing or bad; warnings go to the log."""
        settings, warnings = cls.load_with_warnings(path)
        for warning in warnings:
            log.warning("%s", warning)
        return settings

    @classmethod
    def load_with_warnings(cls, path: Path) -> tuple[Settings, list[str]]:
        """The settings, and one message per file problem or key that fell back to its default."""
        data, warnings = _read_table(path)
        settings = cls()
        for spec in fields(cls):
            if spec.name not in data:
                continue
            if spec.name == "keys":
                settings.keys = _keymap(data["keys"], path, warnings)
                continue
            value = _checked(spec.name, data[spec.name], getattr(settings, spec.name))
            if value is None:
                default = getattr(settings, spec.name)
                if spec.name == "race":
                    why = _race_problem(data[spec.name])
                    warnings.append(f"{path}: `race` {why}; using no race")
                    continue
                warnings.append(f"{path}: `{spec.name}` {_expected(default)}; using {default!r}")
            else:
                setattr(settings, spec.name, value)
        return settings, warnings

    def save(self, path: Path) -> None:
        import tomli_w  # here, not at the top: start-up only reads the settings

        write_atomic(path, tomli_w.dumps(asdict(self)).encode("utf-8"))


def _read_table(path: Path) -> tuple[dict[str, Any], list[str]]:
    """The file's top-level table, or {} and why not (nothing to say for a missing file)."""
    try:
        raw = strip_bom(read_bounded(path, MAX_SETTINGS_BYTES))
    except UnreadableFile as err:
        return {}, [] if err.missing else [f"{path} {err}; using the defaults"]
    try:
        return tomllib.loads(raw.decode("utf-8")), []
    except UnicodeDecodeError:
        problem = "is not UTF-8 text"
    except tomllib.TOMLDecodeError as err:
        problem = f"is not valid TOML ({err})"
    except (RecursionError, MemoryError, ValueError):
        problem = "is not valid TOML (nested too deeply or a number too long)"
    return {}, [f"{path} {problem}; using the defaults"]


def _checked(name: str, value: Any, default: Any) -> Any:
    """`value` if it suits a setting whose default is `default` (clamped into range), else None."""
    if isinstance(default, bool):
        return value if isinstance(value, bool) else None
    if isinstance(default, float):
        number = _finite(value)
        if number is None:
            return None
        low, high = RANGES.get(name, (-math.inf, math.inf))
        return min(max(number, low), high)
    if name == "race":
        return value if isinstance(value, str) and _race_problem(value) is None else None
    if isinstance(default, str):
        ok = isinstance(value, str) and 0 < len(value) <= MAX_TEXT and value.isprintable()
        return value if ok else None
    return None


def _keymap(value: Any, path: Path, warnings: list[str]) -> dict[str, str]:
    """The `[keys]` table's usable entries; a warning for each one left out and why (an
    action given no key, or a key given to two actions, would leave the runner stuck)."""
    if not isinstance(value, dict):
        warnings.append(f'{path}: `keys` is a table like [keys] split = "space,x"; ignored')
        return {}
    out: dict[str, str] = {}
    # the keys of actions the table leaves as they are stay theirs
    taken = {
        key: action
        for action, keys in RUN_KEYS.items()
        if action not in value
        for key in keys.split(",")
    }
    for action, keys in value.items():
        shown = action if isinstance(action, str) and action.isprintable() else repr(action)
        shown = shown[:MAX_TEXT]
        if action not in KEY_ACTIONS:
            warnings.append(
                f"{path}: [keys] `{shown}` is not an action; the actions are "
                + ", ".join(KEY_ACTIONS)
            )
            continue
        names = (
            [k.strip().lower() for k in keys.split(",")]
            if isinstance(keys, str) and len(keys) <= MAX_TEXT
            else []
        )
        if not names or len(names) > MAX_KEYS or not all(KEY_NAME.fullmatch(k) for k in names):
            warnings.append(
                f'{path}: [keys] `{action}` is keys separated by commas, like "space,x" '
                "(names as Textual gives them: space, enter, f5, full_stop); kept as it was"
            )
            continue
        clash = next((k for k in names if k in taken), None)
        if clash is not None:
            warnings.append(
                f"{path}: [keys] `{action}`: {clash} is already {taken[clash]}'s key; "
                f"{action} kept as it was"
            )
            continue
        taken.update({name: str(action) for name in names})
        out[action] = ",".join(names)
    return out


def _finite(value: Any) -> float | None:
    """A finite float from an int or float; None for NaN, infinities, bools and huge ints."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if isinstance(value, int) and abs(value) > 10**15:
        return None
    number = float(value)
    return number if math.isfinite(number) else None


def _race_problem(value: Any) -> str | None:
    """Why `value` is not a race for `race` ("" is none); None when it is one."""
    if not isinstance(value, str):
        return f'is a race like "5K 20:00" (a distance, then the time), not {type(value).__name__}'
    if value == "":
        return None
    if len(value) > MAX_TEXT or not value.isprintable():
        return f'is a race like "5K 20:00" (short text, at most {MAX_TEXT} characters)'
    try:
        parse_race(value)
    except ValueError as err:
        return f"is not a race the model can use: {err}"
    return None


def use_runner_race(path: Path) -> Settings:
    """Settings from `path`, its `race` set as the runner's race for every workout loaded
    from here on (a workout's own `[paces] from` still wins); warnings go to the log."""
    settings = Settings.load(path)
    set_runner_race(settings.runner_race())
    return settings


def _expected(default: Any) -> str:
    if isinstance(default, bool):
        return "is true or false"
    if isinstance(default, float):
        return "is a number"
    return f"is short text (at most {MAX_TEXT} characters)"
