"""No text is markup, and no text is a terminal order, in the commands' output.

Each hostile string sits in a workout's name, label, cue and notes, and in a session's
workout name, labels and notes. `check`, `show` and `log` print it as written, with
its control characters as pictures; JSON (`check --json`, `export --format json`)
and CSV into a pipe keep it exact; CSV on a terminal shows the pictures too. A
broken file's hostile name and key reach stderr the same way. Never a traceback.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from pathlib import Path

import pytest

from tests.hostile_strings import HOSTILE, IDS, RAW_CONTROLS, shows, tagged, toml_string
from tests.review.review_builders import at, save, session
from trackapp.cli import main
from trackapp.domain.session import SessionRecord

Capture = pytest.CaptureFixture[str]


def workout_text(h: str) -> str:
    return "\n".join(
        [
            f"name = {toml_string(tagged('Nm', h))}",
            f"notes = {toml_string(tagged('Wn', h))}",
            "[[step]]",
            'run = "400m"',
            "repeat = 2",
            'target = "1:30"',
            'rest = "1:00"',
            f"label = {toml_string(tagged('Lb', h))}",
            f"cue = {toml_string(tagged('Cu', h))}",
            "",
        ]
    )


def hostile_session(h: str) -> SessionRecord:
    record = session([90.0, 91.0], started=at(3), workout=tagged("Nm", h), notes=tagged("Sn", h))
    segments = [dataclasses.replace(s, label=tagged("Lb", h)) for s in record.segments]
    return dataclasses.replace(record, segments=segments)


def plain_output(out: str, err: str) -> None:
    """What a terminal would be told: no control character but newline and tab, no trace."""
    assert "Traceback" not in out + err
    assert not RAW_CONTROLS.search(out), "a raw control character reaches stdout"
    assert not RAW_CONTROLS.search(err), "a raw control character reaches stderr"


@pytest.mark.parametrize("key", IDS)
def test_check_prints_hostile_text_literally(key: str, tmp_path: Path, capsys: Capture) -> None:
    h = HOSTILE[key]
    path = tmp_path / "w.toml"
    path.write_text(workout_text(h), encoding="utf-8")
    assert main(["check", str(path)]) == 0
    out, err = capsys.readouterr()
    plain_output(out, err)
    for tag in ("Nm", "Lb", "Cu", "Wn"):
        assert shows(out, tagged(tag, h)), f"{tag} not printed literally"


@pytest.mark.parametrize("key", IDS)
def test_check_json_keeps_hostile_text_exact(key: str, tmp_path: Path, capsys: Capture) -> None:
    h = HOSTILE[key]
    path = tmp_path / "w.toml"
    path.write_text(workout_text(h), encoding="utf-8")
    assert main(["check", "--json", str(path)]) == 0
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert "\x1b" not in out and "\x07" not in out  # json.dumps escapes every control
    plan = json.loads(out)
    assert plan["name"] == tagged("Nm", h)
    assert plan["segments"][0]["label"] == tagged("Lb", h)


@pytest.mark.parametrize("key", IDS)
def test_check_errors_quote_hostile_names_literally(
    key: str, tmp_path: Path, capsys: Capture
) -> None:
    """A broken file: its hostile file name and its hostile unknown key go to stderr."""
    h = HOSTILE[key][:200]
    stem = tagged("Fn", h.replace("/", "_"))
    path = tmp_path / f"{stem}.toml"
    bad_key = tagged("Ky", h)
    path.write_text(f'name = "x"\n{toml_string(bad_key)} = 1\n[[step]]\nrun = "400m"\n', "utf-8")
    assert main(["check", str(path)]) == 1
    out, err = capsys.readouterr()
    plain_output(out, err)
    assert shows(err, stem) and shows(err, bad_key)


@pytest.mark.parametrize("key", IDS)
def test_show_prints_hostile_session_literally(key: str, sessions: Path, capsys: Capture) -> None:
    h = HOSTILE[key]
    path = save(sessions, hostile_session(h))
    assert main(["show", str(path)]) == 0
    out, err = capsys.readouterr()
    plain_output(out, err)
    for tag in ("Nm", "Lb", "Sn"):
        assert shows(out, tagged(tag, h)), f"{tag} not printed literally"


@pytest.mark.parametrize("key", IDS)
def test_log_prints_hostile_session_literally(key: str, sessions: Path, capsys: Capture) -> None:
    h = HOSTILE[key]
    save(sessions, hostile_session(h))
    assert main(["log"]) == 0
    out, err = capsys.readouterr()
    plain_output(out, err)
    assert shows(out, tagged("Nm", h)) and shows(out, tagged("Sn", h))


@pytest.mark.parametrize("key", IDS)
def test_export_json_and_piped_csv_keep_hostile_text_exact(
    key: str, sessions: Path, capsys: Capture
) -> None:
    h = HOSTILE[key]
    path = save(sessions, hostile_session(h))
    assert main(["export", str(path), "--format", "json"]) == 0
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err and "\x1b" not in out
    rows = json.loads(out)
    assert {r["workout"] for r in rows} == {tagged("Nm", h)}
    assert tagged("Lb", h) in {r["label"] for r in rows}

    assert main(["export", str(path), "--format", "csv"]) == 0  # a pipe: data, exact
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    table = list(csv.DictReader(io.StringIO(out, newline="")))
    assert {r["workout"] for r in table} == {tagged("Nm", h)}
    assert tagged("Lb", h) in {r["label"] for r in table}


@pytest.mark.parametrize("key", IDS)
def test_export_csv_on_a_terminal_shows_controls_as_pictures(
    key: str, sessions: Path, capsys: Capture, monkeypatch: pytest.MonkeyPatch
) -> None:
    h = HOSTILE[key]
    path = save(sessions, hostile_session(h))
    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    assert main(["export", str(path), "--format", "csv"]) == 0
    out, err = capsys.readouterr()
    plain_output(out, err)
    assert shows(out, tagged("Nm", h)) and shows(out, tagged("Lb", h))


def test_a_hostile_session_argument_is_quoted_literally(sessions: Path, capsys: Capture) -> None:
    """A SESSION argument that names nothing: the message quotes it, never obeys it."""
    assert main(["show", "\x1b[2J\x07[b]nothing"]) == 1
    out, err = capsys.readouterr()
    plain_output(out, err)
    assert "[b]nothing" in err
