"""Hostile session files: every one is a record or a SessionFormatError that says why,
never another exception, a hang, or a number that breaks `log`, `show` or `export`."""

from __future__ import annotations

import copy
import json
import math
from dataclasses import asdict
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.hostile_files import NAME, SPECIAL_KINDS, TZ, as_bytes, deadline, make_special, valid_doc
from trackapp.cli import main
from trackapp.domain.session import (
    MAX_METRES,
    MAX_PAUSED_SECONDS,
    MAX_SEGMENT_SECONDS,
    MAX_SESSION_SECONDS,
    MIN_METRES,
    SessionFormatError,
    SessionRecord,
)
from trackapp.domain.stats import session_figures
from trackapp.export.fit_activity import fit_activity
from trackapp.storage.session_files import MAX_SESSION_BYTES, parse_session, read_session


def changed(path: str, value: Any, doc: dict[str, Any] | None = None) -> dict[str, Any]:
    """The valid document (or `doc`) with the value at `path` (`segment.0.time`) replaced;
    `!` deletes."""
    doc = valid_doc() if doc is None else doc
    *parents, last = path.split(".")
    node: Any = doc
    for part in parents:
        node = node[int(part)] if isinstance(node, list) else node[part]
    key: Any = int(last) if isinstance(node, list) else last
    if value == "!":
        del node[key]
    else:
        node[key] = value
    return doc


def test_the_valid_document_reads() -> None:
    record = parse_session(as_bytes(valid_doc()))
    assert record.effort == 7
    assert [s.time for s in record.segments] == [89.733, 90.0, 89.733]
    assert record.gaps[0].after == 312.406


NAIVE = datetime(2026, 11, 27, 18, 5, 3)

# (where, the value put there, words the message must contain)
BAD_VALUES: list[tuple[str, Any, str]] = [
    ("segment.0.time", 1e308, "'time'"),
    ("segment.0.time", -1.0, "'time'"),
    ("segment.0.time", math.inf, "'time'"),
    ("segment.0.time", math.nan, "'time'"),
    ("segment.0.time", -math.inf, "'time'"),
    ("segment.0.time", 8 * 86400.0, "'time'"),
    ("segment.0.time", 10**30, "'time'"),
    ("segment.0.time", "89.7", "'time'"),
    ("segment.0.time", True, "'time'"),
    ("segment.0.time", "!", "'time'"),
    ("segment.0.start", -5.0, "'start'"),
    ("segment.0.start", 1e308, "'start'"),
    ("segment.0.start", 31 * 86400.0, "'start'"),
    ("segment.0.laps", [1e308], "'laps'"),
    ("segment.0.laps", [-1.0], "'laps'"),
    ("segment.0.laps", [math.nan], "'laps'"),
    ("segment.0.laps", [89.0, 89.0], "add up"),
    ("segment.0.laps", [500.0], "add up"),
    ("segment.0.laps", ["89"], "'laps'"),
    ("segment.0.laps", "89.7", "'laps'"),
    ("segment.0.markers", [-1.0], "'markers'"),
    ("segment.0.markers", [1e308], "'markers'"),
    ("segment.0.markers", [{"a": 1}], "'markers'"),
    ("segment.0.target", [91.0, 89.0], "target"),
    ("segment.0.target", [-1.0, 5.0], "target"),
    ("segment.0.target", [0.0, 1e308], "target"),
    ("segment.0.target", [1.0, 2.0, 3.0], "target"),
    ("segment.0.target", "1:30", "target"),
    ("segment.0.target", [math.nan, 1.0], "target"),
    ("segment.0.distance", 0.0, "distance"),
    ("segment.0.distance", 5e-324, "distance"),  # 89.7 s over it is an infinite pace
    ("segment.0.distance", -400.0, "distance"),
    ("segment.0.distance", 1e12, "distance"),
    ("segment.0.distance", "400m", "distance"),
    ("segment.0.distance", math.inf, "distance"),
    ("segment.0.step", 0, "'step'"),
    ("segment.0.step", -1, "'step'"),
    ("segment.0.step", 10**20, "'step'"),
    ("segment.0.step", True, "'step'"),
    ("segment.0.step", "2", "'step'"),
    ("segment.0.set", 0, "'set'"),
    ("segment.0.rep", 2.5, "'rep'"),
    ("segment.0.label", 3, "'label'"),
    ("segment.0.label", ["400 m"], "'label'"),
    ("segment.0.label", {"a": 1}, "'label'"),
    ("segment.0.kind", "sprint", "kind"),
    ("segment.0.kind", 3, "'kind'"),
    ("segment.0.ended_by", ["press"], "ended_by"),
    ("segment.0.ended_by", "walked off", "ended_by"),
    ("segment.0", "a rep", "segment 1"),
    ("segment", "all of them", "'segment'"),
    ("effort", 99, "effort"),
    ("effort", 0, "effort"),
    ("effort", -1, "effort"),
    ("effort", 11, "effort"),
    ("effort", 7.5, "effort"),
    ("effort", True, "effort"),
    ("effort", "7", "effort"),
    ("notes", 3, "'notes'"),
    ("notes", ["windy"], "'notes'"),
    ("notes", {"text": "windy"}, "'notes'"),
    ("source", 42, "'source'"),
    ("workout_toml", 1.5, "'workout_toml'"),
    ("workout_toml", ["name = 1"], "'workout_toml'"),
    ("workout", 5, "'workout'"),
    ("workout", "!", "'workout'"),
    ("format", 0, "format"),
    ("format", -1, "format"),
    ("format", 2, "newer"),
    ("format", 10**30, "newer"),
    ("format", "1", "format"),
    ("format", True, "format"),
    ("format", "!", "format"),
    ("status", "done", "status"),
    ("status", 1, "'status'"),
    ("started", "2026-11-27T18:05:03+01:00", "started"),
    ("started", date(2026, 11, 27), "started"),
    ("started", datetime(1, 1, 1, tzinfo=UTC), "year 1"),
    ("started", datetime(9999, 12, 31, 23, 59, tzinfo=UTC), "year 9999"),
    ("started", NAIVE, "UTC offset"),  # naive start, aware end and gap
    ("ended", 1, "ended"),
    ("ended", datetime(9999, 12, 31, tzinfo=TZ), "year 9999"),
    ("elapsed", 1e308, "'elapsed'"),
    ("elapsed", -1.0, "'elapsed'"),
    ("elapsed", math.nan, "'elapsed'"),
    ("elapsed", math.inf, "'elapsed'"),
    ("elapsed", "1169", "'elapsed'"),
    ("paused", 1e308, "'paused'"),
    ("paused", -0.5, "'paused'"),
    ("event.0.at", 1e308, "'at'"),
    ("event.0.at", -3.0, "'at'"),
    ("gap.0.after", 1e308, "'after'"),
    ("gap.0.after", -1.0, "'after'"),
    ("gap.0.after", math.nan, "'after'"),
    ("gap.0.after", "312", "'after'"),
    ("gap.0.after", "!", "'after'"),
    ("gap.0.resumed", "later", "resumed"),
    ("gap.0.resumed", datetime(1, 1, 1, tzinfo=TZ), "year 1"),
    ("gap.0.counted", "both", "counted"),
    ("gap.0", 3, "gap 1"),
    ("gap", "never", "'gap'"),
]


@pytest.mark.parametrize(("where", "value", "words"), BAD_VALUES)
def test_a_bad_value_is_a_format_error_that_names_it(where: str, value: Any, words: str) -> None:
    with pytest.raises(SessionFormatError) as info:
        parse_session(as_bytes(changed(where, value)))
    assert words in str(info.value)


# (where, value) that stay readable: the checks must not refuse what the app writes
GOOD_VALUES: list[tuple[str, Any]] = [
    ("segment.0.laps", [89.733]),
    ("segment.0.laps", [44.9, 44.9]),  # ms rounding past `time`
    ("segment.0.laps", []),
    ("segment.0.time", 6 * 86400.0),  # an open step left counting over a weekend
    ("segment.1.time", 0.0),
    ("effort", 1),
    ("effort", 10),
    ("effort", "!"),
    ("elapsed", "!"),
    ("paused", 200 * 86400.0),
    ("event", "not a list"),  # events are the app's own: junk is skipped, as before
    ("event.0.kind", "wave"),
    ("event.0.at", math.nan),
    ("notes", "!"),
    ("source", "!"),
    ("segment.0.label", "!"),
    ("segment.0.target", "!"),
    ("segment.0.distance", "!"),
    ("gap", "!"),
    ("started", datetime(1970, 1, 1, tzinfo=UTC)),  # a Pi that never got the time
]


@pytest.mark.parametrize(("where", "value"), GOOD_VALUES)
def test_values_the_app_can_write_still_read(where: str, value: Any) -> None:
    record = parse_session(as_bytes(changed(where, value)))
    assert record.workout == "8 x 400 m at 5K pace"


def test_all_dates_without_an_offset_read() -> None:
    doc = valid_doc()
    doc["started"], doc["ended"] = NAIVE, NAIVE + timedelta(hours=1)
    doc["gap"][0]["resumed"] = NAIVE + timedelta(minutes=7)
    assert parse_session(as_bytes(doc)).started == NAIVE


# --- bytes that are not a session -----------------------------------------------------

RAW_CASES: list[tuple[str, bytes, str]] = [
    ("deep array", b"format = 1\nx = " + b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    ("deep table", b"x = " + b"{a = " * 5_000 + b"1" + b"}" * 5_000, "not valid TOML"),
    ("5,000-digit int", b"format = 1" + b"0" * 5_000 + b"\n", "not valid TOML"),
    ("huge negative int", b"format = -" + b"9" * 5_000 + b"\n", "not valid TOML"),
    ("latin-1", b'format = 1\nnotes = "caf\xe9"\n', "not UTF-8"),
    ("NUL bytes", b"\x00" * 64, "not valid TOML"),
    ("empty", b"", "format"),
    ("only a BOM", b"\xef\xbb\xbf", "format"),
    ("array root", b"x = [1, 2]\n", "format"),
    ("too big", b"#" * (MAX_SESSION_BYTES + 1), "larger than"),
]


@pytest.mark.parametrize(("case", "raw", "words"), RAW_CASES, ids=[c[0] for c in RAW_CASES])
def test_bytes_that_are_not_a_session(case: str, raw: bytes, words: str) -> None:
    with deadline(), pytest.raises(SessionFormatError) as info:
        parse_session(raw)
    assert words in str(info.value), case


def test_a_bom_is_dropped() -> None:
    record = parse_session(b"\xef\xbb\xbf" + as_bytes(valid_doc()))
    assert record.status == "completed"


# --- what is not a regular file, and size ----------------------------------------------


@pytest.mark.parametrize(("kind", "words"), SPECIAL_KINDS)
def test_read_session_refuses_what_is_not_a_file(tmp_path: Path, kind: str, words: str) -> None:
    path = make_special(kind, tmp_path / NAME)
    with deadline(), pytest.raises(SessionFormatError) as info:
        read_session(path)
    assert words in str(info.value)


def test_a_huge_sparse_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / NAME
    with path.open("wb") as handle:
        handle.truncate(50 * 1024**3)  # 50 GB of holes: a read of it would take minutes
    with deadline(), pytest.raises(SessionFormatError) as info:
        read_session(path)
    assert "larger than" in str(info.value)


def test_a_file_exactly_at_the_cap_is_read(tmp_path: Path) -> None:
    body = as_bytes(valid_doc())
    path = tmp_path / NAME
    path.write_bytes(body + b"#" * (MAX_SESSION_BYTES - len(body)))
    assert read_session(path).effort == 7


# --- the commands -------------------------------------------------------------------


def hostile_sessions(sessions: Path) -> dict[str, Path]:
    """One file per way to break the review commands today, named like real sessions."""
    sessions.mkdir(parents=True, exist_ok=True)
    files = {
        "1e308": as_bytes(changed("segment.0.time", 1e308)),
        "inf elapsed": as_bytes(changed("elapsed", 1e308)),
        "deep": b"format = 1\nx = " + b"[" * 50_000 + b"]" * 50_000,
        "digits": b"format = 1\nx = 1" + b"0" * 5_000 + b"\n",
        "effort 99": as_bytes(changed("effort", 99)),
        "notes table": as_bytes(changed("notes", {"a": 1})),
        "huge time int": as_bytes(changed("segment.0.time", 10**400)),
        "gap 1e308": as_bytes(changed("gap.0.after", 1e308)),
    }
    out: dict[str, Path] = {}
    for i, (case, raw) in enumerate(files.items()):
        path = sessions / f"2026-01-{i + 1:02d}T10-00-00_{case.replace(' ', '-')}.toml"
        path.write_bytes(raw)
        out[case] = path
    out["fifo"] = make_special("fifo", sessions / "2026-02-01T10-00-00_fifo.toml")
    out["folder"] = make_special("folder", sessions / "2026-02-02T10-00-00_folder.toml")
    return out


def test_log_lists_every_hostile_file_as_unreadable(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    made = hostile_sessions(data_dir / "sessions")
    with deadline():
        assert main(["log"]) == 0
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    lines = out.splitlines()
    assert len(lines) == len(made)
    assert all("UNREADABLE" in line for line in lines), lines


@pytest.mark.parametrize(
    "command",
    [["show"], ["export", "--format", "json"], ["export", "--format", "csv"]],
    ids=["show", "export-json", "export-csv"],
)
def test_review_commands_refuse_every_hostile_file(
    data_dir: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    made = hostile_sessions(data_dir / "sessions")
    for case, path in made.items():
        with deadline():
            code = main([*command, path.stem])
        out, err = capsys.readouterr()
        assert code == 1, case
        assert out == "", case
        assert "unreadable" in err and "Traceback" not in err, case


def test_export_json_of_a_good_session_is_strict_json(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sessions = data_dir / "sessions"
    sessions.mkdir(parents=True)
    (sessions / NAME).write_bytes(as_bytes(valid_doc()))
    assert main(["export", "--format", "json", NAME]) == 0
    out = capsys.readouterr().out

    def refuse(constant: str) -> None:
        raise AssertionError(f"{constant} is not JSON")

    json.loads(out, parse_constant=refuse)


# --- any TOML document ---------------------------------------------------------------

SAFE_KEYS = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=8)
SCALARS = st.one_of(
    st.integers(min_value=-(2**64), max_value=2**64),
    st.integers(min_value=-(10**400), max_value=10**400),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.text(max_size=20),
    st.datetimes(timezones=st.none() | st.just(UTC) | st.just(TZ)),
    st.dates(),
    st.times(),
    st.sampled_from(["run", "rest", "press", "timer", "completed", "running", "paused"]),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(SAFE_KEYS, inner, max_size=4),
    max_leaves=12,
)
KEYS = st.sampled_from([*sorted(valid_doc()), "elapsed", "gap", "event", "paused_at_save", "pause"])


def outcome_is_clean(raw: bytes) -> None:
    """A record whose times and figures are all finite (so strict JSON), or a
    SessionFormatError."""
    try:
        record = parse_session(raw)
    except SessionFormatError as err:
        assert str(err)
        return
    json.dumps(record.to_dict(), default=str, allow_nan=False)
    json.dumps(asdict(session_figures(record)), default=str, allow_nan=False)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=st.dictionaries(KEYS | SAFE_KEYS, VALUES, max_size=8))
def test_any_toml_document_is_a_record_or_a_format_error(doc: dict[str, Any]) -> None:
    outcome_is_clean(tomli_w.dumps(doc).encode("utf-8"))


def paths_of(doc: Any, prefix: str = "") -> list[str]:
    """Every key path of the valid document (`segment.0.laps`), for the mutation test."""
    found: list[str] = []
    items = (
        enumerate(doc) if isinstance(doc, list) else doc.items() if isinstance(doc, dict) else []
    )
    for key, value in items:
        path = f"{prefix}{key}"
        found.append(path)
        found.extend(paths_of(value, path + "."))
    return found


@settings(max_examples=400, deadline=None)
@given(where=st.sampled_from(paths_of(valid_doc())), value=VALUES)
def test_any_value_anywhere_in_a_session_is_a_record_or_a_format_error(
    where: str, value: Any
) -> None:
    outcome_is_clean(as_bytes(changed(where, copy.deepcopy(value))))


@settings(max_examples=200, deadline=None)
@given(raw=st.binary(max_size=400))
def test_any_bytes_are_a_record_or_a_format_error(raw: bytes) -> None:
    outcome_is_clean(raw)


def test_from_dict_is_unchanged_for_a_valid_file() -> None:
    """The contract: what a valid file holds comes back whole, and writes back the same."""
    doc = valid_doc()
    record = SessionRecord.from_dict(copy.deepcopy(doc))
    assert record.to_dict() == doc


def test_every_value_at_its_bound_still_shows_and_exports(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The caps are where reading stops; what they let through must not break the commands."""
    doc = valid_doc()
    first = doc["segment"][0]
    first |= {"time": MAX_SEGMENT_SECONDS, "start": MAX_SESSION_SECONDS, "distance": MIN_METRES}
    first |= {"target": [0.0, MAX_SEGMENT_SECONDS], "laps": [MAX_SEGMENT_SECONDS]}
    first |= {"markers": [0.0, MAX_SEGMENT_SECONDS]}
    doc["segment"][2] |= {"distance": MAX_METRES, "laps": [0.0] * 5_000, "step": 1_000_000}
    doc |= {"elapsed": MAX_SESSION_SECONDS, "paused": MAX_PAUSED_SECONDS, "effort": 10}
    doc["gap"][0]["after"] = MAX_SESSION_SECONDS
    sessions = data_dir / "sessions"
    sessions.mkdir(parents=True)
    (sessions / NAME).write_bytes(as_bytes(doc))
    for command in (["log"], ["show", NAME], ["export", "--format", "csv", NAME]):
        assert main(command) == 0, command
    capsys.readouterr()
    assert main(["export", "--format", "json", NAME]) == 0
    rows = json.loads(capsys.readouterr().out, parse_constant=float)
    assert all(math.isfinite(row["split_time"]) for row in rows)
    assert all(math.isfinite(row["cumulative_time"]) for row in rows)


# --- [[pause]]: each pause, where it began and how long ---------------------------------


def paused_doc() -> dict[str, Any]:
    """The valid document paused twice, 30 s in all."""
    doc = valid_doc()
    doc["paused"] = 30.0
    doc["pause"] = [{"at": 100.0, "lasted": 20.0}, {"at": 1000.5, "lasted": 10.0}]
    return doc


BAD_PAUSES: list[tuple[str, Any, str]] = [
    ("pause.0.at", 1e308, "pause 1: 'at'"),
    ("pause.0.at", -1.0, "pause 1: 'at'"),
    ("pause.0.at", math.nan, "pause 1: 'at'"),
    ("pause.0.at", math.inf, "pause 1: 'at'"),
    ("pause.0.at", 31 * 86400.0, "pause 1: 'at'"),
    ("pause.0.at", "100", "pause 1: 'at'"),
    ("pause.0.at", True, "pause 1: 'at'"),
    ("pause.0.at", "!", "pause 1: missing key 'at'"),
    ("pause.1.lasted", -0.5, "pause 2: 'lasted'"),
    ("pause.1.lasted", math.inf, "pause 2: 'lasted'"),
    ("pause.1.lasted", 10**30, "pause 2: 'lasted'"),
    ("pause.1.lasted", 367 * 86400.0, "pause 2: 'lasted'"),
    ("pause.1.lasted", [10.0], "pause 2: 'lasted'"),
    ("pause.1.lasted", "!", "pause 2: missing key 'lasted'"),
    ("pause.1.lasted", 10.01, "more than 'paused'"),
    ("paused", 29.0, "more than 'paused'"),
    ("paused", "!", "more than 'paused'"),  # an older file's 0 s cannot hold them
    ("pause.0", 3, "pause 1 is not a table"),
    ("pause.0", [100.0, 20.0], "pause 1 is not a table"),
    ("pause", "never", "'pause' must be an array"),
    ("pause", {"at": 1.0, "lasted": 1.0}, "'pause' must be an array"),
]


@pytest.mark.parametrize(("where", "value", "words"), BAD_PAUSES)
def test_a_bad_pause_is_a_format_error_that_names_it(where: str, value: Any, words: str) -> None:
    with pytest.raises(SessionFormatError) as info:
        parse_session(as_bytes(changed(where, value, paused_doc())))
    assert words in str(info.value)


GOOD_PAUSES: list[tuple[str, Any]] = [
    ("pause", "!"),  # a file from before pauses were kept
    ("pause", []),
    ("pause.0.lasted", 0.0),
    ("pause.0.at", 0.0),
    ("pause.0.at", 5000.0),  # later than `elapsed`, or out of order: kept as written
    ("pause.1.lasted", 10.001),  # ms rounding past `paused`
    ("pause.1.lasted", 10),  # a whole number
    ("pause.0.x", "a newer trackapp's key"),
]


@pytest.mark.parametrize(("where", "value"), GOOD_PAUSES)
def test_pauses_the_app_can_write_still_read(where: str, value: Any) -> None:
    record = parse_session(as_bytes(changed(where, value, paused_doc())))
    assert record.paused == 30.0 and len(record.pauses) <= 2


def test_pauses_round_trip_with_unknown_keys_beside_them() -> None:
    doc = paused_doc()
    doc["from_another_tool"] = {"laps": [1, 2]}
    record = parse_session(as_bytes(doc))
    assert [(p.at, p.lasted) for p in record.pauses] == [(100.0, 20.0), (1000.5, 10.0)]
    assert record.extra == {"from_another_tool": {"laps": [1, 2]}}
    assert record.to_dict() == doc


def test_pauses_at_their_bounds_read_and_export() -> None:
    doc = paused_doc()
    doc["paused"] = MAX_PAUSED_SECONDS
    doc["pause"] = [
        {"at": MAX_SESSION_SECONDS, "lasted": MAX_PAUSED_SECONDS / 2},
        {"at": 0.0, "lasted": MAX_PAUSED_SECONDS / 2},
    ]
    record = parse_session(as_bytes(doc))
    outcome_is_clean(as_bytes(doc))
    activity = fit_activity(record)  # FIT's own limit (49 days) is the writer's to refuse
    # the one inside the session before its first lap, the other after its last
    assert activity.elapsed == pytest.approx(record.elapsed + MAX_PAUSED_SECONDS, abs=0.01)
    assert activity.laps[0].start == activity.start + timedelta(
        seconds=900.002 + MAX_PAUSED_SECONDS / 2
    )


def with_pauses(doc: dict[str, Any], pauses: list[dict[str, float]]) -> bytes:
    """`as_bytes(doc | {"pause": pauses})`, the pauses' lines written here in tomli-w's
    form: tomli-w takes a quarter of a second over 100,000 of them."""
    one = as_bytes(doc | {"pause": pauses[:1]}).decode("utf-8")
    first = f"pause = [\n{_pause_line(pauses[0])}]\n"
    assert one.count(first) == 1
    lines = "".join(map(_pause_line, pauses))
    return one.replace(first, f"pause = [\n{lines}]\n").encode("utf-8")


def _pause_line(pause: dict[str, float]) -> str:
    return f"    {{ at = {pause['at']!r}, lasted = {pause['lasted']!r} }},\n"


def test_a_file_of_many_pauses_reads_and_exports_in_time() -> None:
    doc = paused_doc()
    doc["paused"] = 1000.0
    pauses = [{"at": (i % 1200) + 0.5, "lasted": 0.001} for i in range(100_000)]
    # the same bytes as tomli-w's (every distinct pause among them)
    assert with_pauses(doc, pauses[:1300]) == as_bytes(doc | {"pause": pauses[:1300]})
    raw = with_pauses(doc, pauses)
    assert len(raw) < 8_000_000
    with deadline(20):
        record = parse_session(raw)
        activity = fit_activity(record)
    assert len(record.pauses) == 100_000
    assert len(activity.pauses) == 100_000
