"""The session index: listing, unreadable files, the cache, SESSION arguments."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.review.review_builders import at, save, session
from trackapp.storage import session_index
from trackapp.storage.session_index import (
    SessionNotFound,
    filter_by_workout,
    list_sessions,
    resolve_session,
)

BAD_FILES = {
    "2026-02-01T10-00-00_bad-toml.toml": (b"format = 1\nworkout = [[[", "not valid TOML"),
    "2026-02-02T10-00-00_no-start.toml": (b'format = 1\nworkout = "x"\n', "missing key 'started'"),
    "2026-02-03T10-00-00_newer.toml": (
        b'format = 9\nworkout = "x"\nstarted = 2026-02-03T10:00:00\nstatus = "completed"\n',
        "format 9 is newer",
    ),
    "2026-02-04T10-00-00_latin1.toml": (b'format = 1\nnotes = "caf\xe9"\n', "not UTF-8"),
}


def write_bad(folder: Path) -> None:
    for name, (data, _) in BAD_FILES.items():
        (folder / name).write_bytes(data)


def test_lists_newest_first_with_summary(sessions: Path) -> None:
    save(sessions, session([90.0, 92.0], started=at(2), notes="windy", effort=7))
    save(sessions, session([88.0], started=at(9), workout="200s", status="stopped"))
    listed = list_sessions(sessions)
    assert [s.workout for s in listed] == ["200s", "6 x 400"]
    older = listed[1]
    assert older.readable
    assert (older.reps_done, older.reps_total) == (2, 2)
    assert older.average == pytest.approx(91.0)
    assert older.average_diff == pytest.approx(0.0)  # 90 and 92 are both inside 88-92
    assert (older.effort, older.notes, older.status) == (7, "windy", "completed")
    assert older.date == "2026-03-02 18:00"


def test_unreadable_files_listed_with_reason_among_good_ones(sessions: Path) -> None:
    save(sessions, session([90.0], started=at(1)))
    write_bad(sessions)
    (sessions / "notes.txt").write_text("not a session")
    listed = list_sessions(sessions)
    assert len(listed) == 5
    by_name = {s.name: s for s in listed}
    for name, (_, reason) in BAD_FILES.items():
        assert not by_name[name].readable
        assert reason in (by_name[name].error or "")
        assert by_name[name].date.startswith("2026-02")  # from the file name
    assert listed[0].readable  # March sorts before February, newest first


def test_in_progress_session_is_listed_as_such(sessions: Path) -> None:
    record = session([90.0], started=at(5), status="in_progress")
    record.segments[-1].ended_by = None
    save(sessions, record)
    (summary,) = list_sessions(sessions)
    assert summary.status == "in_progress"
    assert (summary.reps_done, summary.reps_total) == (0, 1)


def test_cache_is_used_and_stale_entries_rebuilt(
    sessions: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a = save(sessions, session([90.0], started=at(1)))
    save(sessions, session([91.0], started=at(2)))
    list_sessions(sessions)
    assert (sessions.parent / "index.json").exists()

    read: list[str] = []
    real = session_index.summarize

    def counting(path: Path, size: int, mtime_ns: int) -> session_index.SessionSummary:
        read.append(path.name)
        return real(path, size, mtime_ns)

    monkeypatch.setattr(session_index, "summarize", counting)
    list_sessions(sessions)
    assert read == []  # everything came from the cache

    save(sessions, session([80.0, 80.0], started=at(1)))  # same name, new content
    st = a.stat()
    os.utime(a, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))
    listed = list_sessions(sessions)
    assert read == [a.name]
    assert {s.name: s.reps_done for s in listed}[a.name] == 2


def test_deleted_file_drops_out_of_the_cache(sessions: Path) -> None:
    a = save(sessions, session([90.0], started=at(1)))
    save(sessions, session([91.0], started=at(2)))
    list_sessions(sessions)
    a.unlink()
    assert [s.name for s in list_sessions(sessions)] != [a.name]
    cache = json.loads((sessions.parent / "index.json").read_text())
    assert a.name not in {e["name"] for e in cache["sessions"]}


@pytest.mark.parametrize(
    "garbage",
    [
        b"{not json",
        b"[]",
        b'{"version": 1, "sessions": {"a": 1}}',
        b'{"version": 1, "sessions": [{"name": 3}, 7, null]}',
        b'{"version": 99, "sessions": []}',
        b"\xff\xfe",
    ],
)
def test_corrupt_cache_is_ignored_and_rebuilt(sessions: Path, garbage: bytes) -> None:
    save(sessions, session([90.0], started=at(1)))
    (sessions.parent / "index.json").write_bytes(garbage)
    (summary,) = list_sessions(sessions)
    assert summary.readable and summary.average == 90.0
    cache = json.loads((sessions.parent / "index.json").read_text())
    assert cache["version"] == session_index.INDEX_VERSION


def test_cache_entry_with_wrong_types_is_reread(sessions: Path) -> None:
    path = save(sessions, session([90.0], started=at(1)))
    list_sessions(sessions)
    index = sessions.parent / "index.json"
    cache = json.loads(index.read_text())
    cache["sessions"][0]["workout"] = 12
    index.write_text(json.dumps(cache))
    (summary,) = list_sessions(sessions)
    assert summary.name == path.name and summary.workout == "6 x 400"


def test_missing_sessions_folder_lists_nothing(tmp_path: Path) -> None:
    assert list_sessions(tmp_path / "nowhere" / "sessions") == []


def test_filter_by_workout_name(sessions: Path) -> None:
    save(sessions, session([90.0], started=at(1), workout="8 x 400 m"))
    save(sessions, session([90.0], started=at(2), workout="Mile repeats"))
    listed = list_sessions(sessions)
    assert [s.workout for s in filter_by_workout(listed, "MILE")] == ["Mile repeats"]
    assert len(filter_by_workout(listed, "  ")) == 2


def test_resolve_by_path_name_and_unique_prefix(sessions: Path, tmp_path: Path) -> None:
    a = save(sessions, session([90.0], started=at(1)))
    b = save(sessions, session([90.0], started=at(2)))
    assert resolve_session(str(a), sessions) == a
    assert resolve_session(a.name, sessions) == a
    assert resolve_session(a.stem, sessions) == a
    assert resolve_session("2026-03-02", sessions) == b
    elsewhere = tmp_path / "copy.toml"
    elsewhere.write_bytes(a.read_bytes())
    assert resolve_session(str(elsewhere), sessions) == elsewhere


def test_resolve_ambiguous_or_unknown_lists_candidates(sessions: Path) -> None:
    save(sessions, session([90.0], started=at(1)))
    save(sessions, session([90.0], started=at(2)))
    with pytest.raises(SessionNotFound) as ambiguous:
        resolve_session("2026-03", sessions)
    assert "matches 2 sessions" in str(ambiguous.value)
    assert "2026-03-01T18-00-00_6-x-400" in str(ambiguous.value)
    with pytest.raises(SessionNotFound) as unknown:
        resolve_session("1999", sessions)
    assert "no session" in str(unknown.value)
    assert "2026-03-02T18-00-00_6-x-400" in str(unknown.value)
    with pytest.raises(SessionNotFound):
        resolve_session("", sessions)


def test_a_session_with_no_rep_done_is_no_result(sessions: Path) -> None:
    """The home screen's last result is the last session with a rep done; an unfinished
    or given-up session (no rep ended) is listed but hidden from results."""
    from trackapp.storage.session_index import last_results
    from trackapp.ui.screens.home import last_runs

    save(sessions, session([90.0, 92.0], started=at(2)))
    save(sessions, session([30.0], started=at(3), skip=[1], status="stopped"))
    listed = list_sessions(sessions)
    newest, older = listed
    assert (newest.reps_done, newest.has_result) == (0, False)
    assert older.has_result
    assert last_results(listed)["6 x 400"].name == older.name
    assert last_runs(listed)["6 x 400"].name == older.name
