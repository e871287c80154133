"""Hand-written TOML files (workouts, rosters): read with every failure as a line and a
message, each key found at its line, a near miss named, a value's type in words.

The workout loader and the roster loader both report like this, so a runner's editor
and the messages agree on line numbers whichever file it is.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

_HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_\-\"'. ]+?)\s*\]\]?")
_KEY = re.compile(r"""^\s*("[^"]*"|'[^']*'|[A-Za-z0-9_\-]+)\s*=""")


class TomlTextError(ValueError):
    """The text is not TOML this program can read: where, what, and the column if known."""

    def __init__(self, line: int, message: str, column: int | None = None) -> None:
        super().__init__(message)
        self.line, self.message, self.column = line, message, column


def load_toml(text: str, what: str) -> dict[str, Any]:
    """The document (a leading BOM already dropped by the caller); `what` names the kind
    of file in the message for nesting too deep ("a workout", "a roster")."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise _syntax_error(str(err), text) from None
    except (RecursionError, MemoryError):
        # tomllib recurses per nesting level; thousands of `[[[` exhaust the stack
        raise TomlTextError(1, f"lists or tables are nested too deeply to be {what}") from None
    except ValueError as err:
        # tomllib lets int()'s own ValueError out for numbers of thousands of digits
        raise TomlTextError(1, f"TOML value cannot be read: {err}") from None


def _syntax_error(message: str, text: str) -> TomlTextError:
    match = re.search(r"\(at line (\d+), column (\d+)\)", message)
    line, column = 1, None
    if match:
        line, column = int(match.group(1)), int(match.group(2))
        message = message[: match.start()].strip()
    elif "(at end of document)" in message:
        line = max(len(text.splitlines()), 1)
        message = message.replace("(at end of document)", "at the end of the file").strip()
    shown = f"TOML syntax error: {message}" + (f" (column {column})" if column else "")
    return TomlTextError(line, shown, column)


@dataclass(frozen=True, slots=True)
class TomlLine:
    """One line that matters for finding keys: a table header, or a key's first line."""

    number: int
    header: str | None = None  # the table's name, quotes dropped
    array: bool = False  # the header is `[[name]]`
    key: str | None = None


def toml_lines(text: str) -> Iterator[TomlLine]:
    """Headers and keys, line by line, as a runner's editor numbers them; the lines inside
    a multi-line string are no keys."""
    in_multiline: str | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
        if in_multiline:
            if raw.count(in_multiline) % 2 == 1:
                in_multiline = None
            continue
        header = _HEADER.match(raw)
        if header:
            name = header.group(2).strip().replace('"', "").replace("'", "")
            yield TomlLine(number, header=name, array=header.group(1) == "[[")
            continue
        key = _KEY.match(raw)
        if key:
            yield TomlLine(number, key=key.group(1).strip("\"'"))
            for quote in ('"""', "'''"):
                if raw.count(quote) % 2 == 1:
                    in_multiline = quote


def did_you_mean(key: str, known: tuple[str, ...], aliases: Mapping[str, str]) -> str:
    """`did you mean `rest`?` for a near miss or a known alias, else the known keys."""
    alias = aliases.get(key.lower())
    if alias in known:
        return f"did you mean `{alias}`?"
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    if close:
        return f"did you mean `{close[0]}`?"
    return "known keys: " + ", ".join(f"`{k}`" for k in known)


def type_name(value: Any) -> str:
    """A TOML value's type, in a runner's words."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return "a date or time"


def place(filename: str, line: int, where: str, message: str) -> str:
    """`FILE:LINE: step 2 (run): message`; no line number for a problem of no line."""
    at = f"{filename}:{line}: " if line > 0 else f"{filename}: "
    return at + (f"{where}: " if where else "") + message


class LineProblem(Protocol):
    """One problem of a file: its line, its order among a line's problems (a step's or an
    athlete's number), and its message with the file's name in front."""

    @property
    def line(self) -> int: ...

    @property
    def order(self) -> int: ...

    def format(self, filename: str) -> str: ...


P = TypeVar("P", bound=LineProblem)


class FileProblems(Exception, Generic[P]):
    """A file with one or more problems, in line order; `format()` gives one line each."""

    unnamed = "<file>"  # the name shown when the file has none (text typed in the editor)

    def __init__(self, problems: list[P], filename: str = "") -> None:
        self.problems = sorted(problems, key=lambda p: (p.line, p.order))
        self.filename = filename
        super().__init__(self.format())

    def format(self, filename: str | None = None) -> str:
        name = filename if filename is not None else self.filename
        return "\n".join(p.format(name or self.unnamed) for p in self.problems)
