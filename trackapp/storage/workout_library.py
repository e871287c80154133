"""The workouts a runner can pick from: `./workouts` and their own folder in the data dir.

Every `.toml` file is listed, a broken one with its problems (never hidden);
new and copied workouts get a safe file name inside the user's folder.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import tomli_w

from trackapp.domain.loader import Problem, WorkoutError
from trackapp.domain.plan import Plan
from trackapp.storage.session_files import slugify, write_atomic
from trackapp.storage.workout_files import load_plan

HERE = "here"  # ./workouts of the current directory
MINE = "mine"  # the user's workouts folder
MAX_FILES = 500  # per folder: a folder of thousands is not a workout library


@dataclass(frozen=True, slots=True)
class WorkoutEntry:
    """One workout file: its plan when it loads, else the error that says why not."""

    path: Path
    origin: str  # HERE or MINE
    shown: str  # the file as shown to the runner (relative where that is shorter)
    plan: Plan | None = None
    error: WorkoutError | None = None

    @property
    def name(self) -> str:
        return self.plan.workout.name if self.plan is not None else self.path.name

    @property
    def ok(self) -> bool:
        return self.plan is not None


def shown_path(path: Path) -> str:
    """`workouts/8x400.toml` under the current directory, `~/…` under home, else absolute."""
    for base, prefix in ((Path.cwd(), ""), (Path.home(), "~/")):
        try:
            return prefix + str(path.resolve().relative_to(base.resolve()))
        except (ValueError, OSError, RuntimeError):  # RuntimeError: a symlink loop (3.11)
            continue
    return str(path)


def workout_files(folder: Path) -> list[Path]:
    """The folder's `.toml` entries by name; hidden and temporary files left out.

    A folder, FIFO, device or dangling link named `x.toml` is kept: loading it
    lists the reason it is not a workout, where skipping it would leave the
    runner wondering where their file went.
    """
    try:
        with os.scandir(folder) as entries:
            names = [
                e.name for e in entries if e.name.endswith(".toml") and not e.name.startswith(".")
            ]
    except OSError:
        return []
    return [folder / n for n in sorted(names, key=str.casefold)[:MAX_FILES]]


def load_entry(path: Path, origin: str) -> WorkoutEntry:
    """Never raises: whatever is wrong with the file becomes its listed error."""
    shown = shown_path(path)
    try:
        plan = load_plan(path, shown)
    except WorkoutError as err:
        return WorkoutEntry(path, origin, shown, error=err)
    except Exception as err:  # a file that breaks the loader must not break the list
        error = WorkoutError([Problem(0, f"cannot load: {err!r}")], shown)
        return WorkoutEntry(path, origin, shown, error=error)
    return WorkoutEntry(path, origin, shown, plan=plan)


def list_workouts(folders: Iterable[tuple[str, Path]]) -> list[WorkoutEntry]:
    """Every workout of the folders, in folder order then by file name; a folder seen twice once."""
    seen: set[Path] = set()
    out: list[WorkoutEntry] = []
    for origin, folder in folders:
        try:
            key = folder.resolve()
        except (OSError, RuntimeError):  # RuntimeError: a symlink loop (3.11)
            key = folder
        if key in seen:
            continue
        seen.add(key)
        out.extend(load_entry(path, origin) for path in workout_files(folder))
    return out


# ---- new and copied workouts ----


def template_text() -> str:
    """The short workout `n` starts from, shipped in trackapp/templates."""
    source = resources.files("trackapp").joinpath("templates", "new_workout.toml")
    return source.read_text(encoding="utf-8")


def free_path(folder: Path, name: str) -> Path:
    """`<folder>/<slug>.toml`, with `-2`, `-3`… when taken; never outside `folder`."""
    slug = slugify(name)
    candidate = folder / f"{slug}.toml"
    number = 2
    while candidate.exists():
        candidate = folder / f"{slug}-{number}.toml"
        number += 1
    if candidate.resolve().parent != folder.resolve():
        raise ValueError(f"{name!r} does not make a file name inside {folder}")
    return candidate


_NAME_LINE = re.compile(r"^[ \t]*(?:name|\"name\"|'name')[ \t]*=.*$", re.MULTILINE)
_TABLE_HEADER = re.compile(r"^[ \t]*\[", re.MULTILINE)


def with_name(text: str, name: str) -> str:
    """The workout text with its top-level `name =` line set to `name` (added when missing)."""
    line = tomli_w.dumps({"name": name}).rstrip("\n")
    header = _TABLE_HEADER.search(text)
    top_end = header.start() if header else len(text)
    match = _NAME_LINE.search(text, 0, top_end)
    if match is not None:
        return text[: match.start()] + line + text[match.end() :]
    lines = text.splitlines(keepends=True)
    at = 0
    while at < len(lines) and lines[at].lstrip().startswith("#"):
        at += 1  # keep a leading comment (or `#:schema` line) first
    lines.insert(at, line + "\n")
    return "".join(lines)


def create_workout(folder: Path, name: str, text: str) -> Path:
    """Write `text`, named `name`, as a new file in `folder`; returns its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = free_path(folder, name)
    write_atomic(path, with_name(text, name).encode("utf-8"))
    return path


def copy_name(name: str, taken: Sequence[str]) -> str:
    """`Copy of X`, or `Copy of X (2)` when that name is taken too."""
    base = f"Copy of {name}"
    candidate, number = base, 2
    while candidate in taken:
        candidate = f"{base} ({number})"
        number += 1
    return candidate
