"""index.json is a file like any other: a wrong-typed entry is dropped and rebuilt from the
session file, and a corrupt, huge, nested or special index is rebuilt whole. `trackapp
log` never crashes on it, and lists the same thing it would with no index at all."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest

from tests.hostile_files import NAME, SPECIAL_KINDS, as_bytes, deadline, make_special, valid_doc
from trackapp.cli import main
from trackapp.storage.session_index import INDEX_NAME, SessionSummary, list_sessions


@pytest.fixture
def sessions(data_dir: Path) -> Path:
    """The data dir's sessions folder, with one good session in it."""
    folder = data_dir / "sessions"
    folder.mkdir(parents=True)
    (folder / NAME).write_bytes(as_bytes(valid_doc()))
    return folder


def index_path(sessions: Path) -> Path:
    return sessions.parent / INDEX_NAME


def fresh(sessions: Path) -> list[SessionSummary]:
    """The listing as it is with no index at all."""
    return list_sessions(sessions, sessions.parent / "no-index-here" / INDEX_NAME)


def entry_with(sessions: Path, key: str, value: Any) -> None:
    """Build the index, then set one field of the one entry, its name, size and mtime kept."""
    list_sessions(sessions)
    path = index_path(sessions)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["sessions"][0][key] = value
    path.write_text(json.dumps(data), encoding="utf-8")  # json writes NaN as NaN


BAD_FIELDS: list[tuple[str, Any]] = [
    ("name", 5),
    ("name", "../../etc/passwd"),
    ("size", "big"),
    ("size", -1),
    ("size", True),
    ("mtime_ns", 1.5),
    ("mtime_ns", "now"),
    ("sort_key", "x"),
    ("sort_key", None),
    ("sort_key", math.nan),
    ("sort_key", math.inf),
    ("started", 5),
    ("started", ["2026"]),
    ("workout", None),
    ("workout", 5),
    ("status", 3),
    ("reps_done", -1),
    ("reps_done", "2"),
    ("reps_done", 2.5),
    ("reps_total", None),
    ("reps_total", 10**30),
    ("average", "fast"),
    ("average", math.nan),
    ("average", [1]),
    ("average", math.inf),
    ("average_target", "x"),
    ("average_diff", {}),
    ("average_diff", -math.inf),
    ("effort", 99),
    ("effort", "7"),
    ("effort", 7.5),
    ("effort", False),
    ("notes", 5),
    ("notes", None),
    ("pace_unit", "furlongs"),
    ("pace_unit", None),
    ("pace_unit", ["km"]),
    ("error", 5),
    ("error", {"why": "x"}),
]


@pytest.mark.parametrize(("key", "value"), BAD_FIELDS)
def test_a_bad_field_drops_the_entry_and_the_file_is_read_again(
    sessions: Path, key: str, value: Any
) -> None:
    entry_with(sessions, key, value)
    assert list_sessions(sessions) == fresh(sessions)


@pytest.mark.parametrize(("key", "value"), BAD_FIELDS)
def test_log_survives_a_bad_field(
    sessions: Path, capsys: pytest.CaptureFixture[str], key: str, value: Any
) -> None:
    entry_with(sessions, key, value)
    assert main(["log"]) == 0
    out, err = capsys.readouterr()
    assert "8 x 400 m at 5K pace" in out and "effort 7/10" in out
    assert "Traceback" not in err


def test_a_good_entry_is_used_as_it_is(sessions: Path) -> None:
    entry_with(sessions, "workout", "as cached")
    assert [s.workout for s in list_sessions(sessions)] == ["as cached"]


def test_missing_and_extra_keys_drop_the_entry(sessions: Path) -> None:
    entry_with(sessions, "surprise", 1)
    assert list_sessions(sessions) == fresh(sessions)
    list_sessions(sessions)
    data = json.loads(index_path(sessions).read_text(encoding="utf-8"))
    del data["sessions"][0]["notes"]
    index_path(sessions).write_text(json.dumps(data), encoding="utf-8")
    assert list_sessions(sessions) == fresh(sessions)


WHOLE_INDEX: list[tuple[str, bytes]] = [
    ("not json", b"{version: 1"),
    ("nested lists", b"[" * 200_000 + b"]" * 200_000),
    ("nested objects", b'{"a":' * 100_000 + b"1" + b"}" * 100_000),
    ("nested in sessions", b'{"version":1,"sessions":[' + b"[" * 100_000 + b"]" * 100_000 + b"]}"),
    ("5,000-digit int", b'{"version":1' + b"0" * 5_000 + b"}"),
    ("a list", b"[1, 2, 3]"),
    ("sessions not a list", b'{"version":1,"sessions":{"a":1}}'),
    ("entries not objects", b'{"version":1,"sessions":[1,"x",null,[]]}'),
    ("wrong version", b'{"version":"1","sessions":[]}'),
    ("NaN everywhere", b'{"version":1,"sessions":[NaN, Infinity]}'),
    ("latin-1", b'{"version":1,"sessions":[],"x":"caf\xe9"}'),
    ("NUL bytes", b"\x00" * 100),
    ("empty", b""),
]


@pytest.mark.parametrize(("case", "raw"), WHOLE_INDEX, ids=[c[0] for c in WHOLE_INDEX])
def test_a_corrupt_index_is_rebuilt(sessions: Path, case: str, raw: bytes) -> None:
    index_path(sessions).write_bytes(raw)
    with deadline():
        assert list_sessions(sessions) == fresh(sessions), case
    data = json.loads(index_path(sessions).read_bytes())
    assert [e["name"] for e in data["sessions"]] == [NAME]


def test_a_huge_sparse_index_is_not_read(sessions: Path) -> None:
    with index_path(sessions).open("wb") as handle:
        handle.truncate(100 * 1024**3)  # 100 GB of holes
    with deadline():
        assert list_sessions(sessions) == fresh(sessions)
    assert index_path(sessions).stat().st_size < 10_000  # rebuilt small


@pytest.mark.parametrize("kind", [kind for kind, _ in SPECIAL_KINDS])
def test_a_special_file_at_the_index_path_never_stops_the_listing(
    sessions: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    make_special(kind, index_path(sessions))
    with deadline():
        assert list_sessions(sessions) == fresh(sessions)
        assert main(["log"]) == 0
    assert "8 x 400 m at 5K pace" in capsys.readouterr().out
