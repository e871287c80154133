"""settings.toml can never stop a session from starting: whatever is at its path gives
valid settings (defaults for the spoiled keys, with a warning), never an exception or
a hang, and never a NaN or out-of-range value."""

from __future__ import annotations

import math
import tempfile
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.hostile_files import SPECIAL_KINDS, deadline, make_special
from trackapp.settings import Settings
from trackapp.storage import paths

DEFAULTS = Settings()


def assert_sound(loaded: Settings) -> None:
    """Every value of the type and in the range the app relies on."""
    assert isinstance(loaded.debounce, float) and math.isfinite(loaded.debounce)
    assert 0.0 <= loaded.debounce <= 10.0
    assert isinstance(loaded.volume, float) and 0.0 <= loaded.volume <= 1.0
    assert isinstance(loaded.voice, bool) and isinstance(loaded.muted, bool)
    assert isinstance(loaded.theme, str) and 0 < len(loaded.theme) <= 100


def load_bytes(tmp_path: Path, raw: bytes) -> tuple[Settings, list[str]]:
    path = tmp_path / "settings.toml"
    path.write_bytes(raw)
    with deadline():
        loaded, warnings = Settings.load_with_warnings(path)
    assert_sound(loaded)
    return loaded, warnings


# (the file's bytes, the key that must fall back to its default, or "" for the whole file)
SPOILED: list[tuple[str, bytes, str]] = [
    ("deep nesting", b"x = " + b"[" * 100_000 + b"]" * 100_000, ""),
    ("deep tables", b"x = " + b"{a = " * 5_000 + b"1" + b"}" * 5_000, ""),
    ("5,000-digit int", b"debounce = 1" + b"0" * 5_000, ""),
    ("400-digit int", b"debounce = 1" + b"0" * 400, "debounce"),
    ("400-digit volume", b"volume = -" + b"9" * 400, "volume"),
    ("nan debounce", b"debounce = nan", "debounce"),
    ("nan volume", b"volume = nan", "volume"),
    ("-nan", b"volume = -nan", "volume"),
    ("inf", b"debounce = inf", "debounce"),
    ("-inf", b"volume = -inf", "volume"),
    ("text number", b'volume = "loud"', "volume"),
    ("bool number", b"debounce = true", "debounce"),
    ("table number", b"debounce = {a = 1}", "debounce"),
    ("list number", b"volume = [0.5]", "volume"),
    ("date number", b"debounce = 2026-11-27", "debounce"),
    ("text bool", b'voice = "yes"', "voice"),
    ("int bool", b"muted = 1", "muted"),
    ("number theme", b"theme = 5", "theme"),
    ("long theme", b'theme = "' + b"x" * 10_000 + b'"', "theme"),
    ("empty theme", b'theme = ""', "theme"),
    ("control theme", b'theme = "a\\u001b[31m"', "theme"),
    ("table theme", b"theme = {name = 'x'}", "theme"),
    ("latin-1", b'theme = "caf\xe9"', ""),
    ("NUL bytes", b"\x00" * 64, ""),
    ("not TOML", b"debounce: 1", ""),
    ("too big", b"#" * 100_000, ""),
]


@pytest.mark.parametrize(("case", "raw", "key"), SPOILED, ids=[c[0] for c in SPOILED])
def test_a_spoiled_value_gives_its_default_and_a_warning(
    tmp_path: Path, case: str, raw: bytes, key: str
) -> None:
    loaded, warnings = load_bytes(tmp_path, raw)
    assert len(warnings) == 1, case
    if key:
        assert f"`{key}`" in warnings[0]
        assert getattr(loaded, key) == getattr(DEFAULTS, key)
    else:
        assert loaded == DEFAULTS
        assert "using the defaults" in warnings[0]


@pytest.mark.parametrize(("case", "raw", "key"), SPOILED, ids=[c[0] for c in SPOILED])
def test_load_never_raises_and_never_gives_nan(
    tmp_path: Path, case: str, raw: bytes, key: str
) -> None:
    """What `trackapp run` calls: sound settings whatever the bytes."""
    path = tmp_path / "settings.toml"
    path.write_bytes(raw)
    with deadline():
        loaded = Settings.load(path)
    assert_sound(loaded)
    assert loaded == DEFAULTS, case  # every case spoils its one key, or the whole file


def test_good_keys_survive_beside_a_bad_one(tmp_path: Path) -> None:
    loaded, warnings = load_bytes(tmp_path, b'volume = nan\ndebounce = 0.4\ntheme = "nord"\n')
    assert (loaded.volume, loaded.debounce, loaded.theme) == (DEFAULTS.volume, 0.4, "nord")
    assert len(warnings) == 1


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"debounce = -5", {"debounce": 0.0}),
        (b"debounce = 99", {"debounce": 10.0}),
        (b"volume = 3", {"volume": 1.0}),
        (b"volume = -0.5", {"volume": 0.0}),
        (b"debounce = 1e300", {"debounce": 10.0}),
    ],
)
def test_out_of_range_numbers_are_clamped(
    tmp_path: Path, raw: bytes, expected: dict[str, float]
) -> None:
    loaded, warnings = load_bytes(tmp_path, raw)
    assert {key: getattr(loaded, key) for key in expected} == expected
    assert warnings == []


def test_a_bom_is_dropped(tmp_path: Path) -> None:
    loaded, warnings = load_bytes(tmp_path, b'\xef\xbb\xbfvolume = 0.5\ntheme = "nord"\n')
    assert (loaded.volume, loaded.theme, warnings) == (0.5, "nord", [])


def test_a_missing_file_is_the_defaults_without_a_warning(tmp_path: Path) -> None:
    assert Settings.load_with_warnings(tmp_path / "none.toml") == (DEFAULTS, [])


@pytest.mark.parametrize(("kind", "words"), SPECIAL_KINDS)
def test_a_special_file_at_the_settings_path(tmp_path: Path, kind: str, words: str) -> None:
    path = make_special(kind, tmp_path / "settings.toml")
    with deadline():
        loaded, warnings = Settings.load_with_warnings(path)
        assert Settings.load(path) == DEFAULTS
    assert loaded == DEFAULTS
    if kind != "dangling link":  # a dangling link is as good as no file: nothing to say
        assert len(warnings) == 1 and words in warnings[0]


def test_the_real_settings_path_with_a_fifo(caplog: pytest.LogCaptureFixture) -> None:
    """What `trackapp run` and the app load: the FIFO is refused and logged."""
    path = paths.settings_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    make_special("fifo", path)
    with deadline():
        assert Settings.load(path) == DEFAULTS
    assert "named pipe" in caplog.text


def test_saving_then_loading_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    chosen = Settings(debounce=0.3, volume=0.25, voice=False, muted=True, theme="nord")
    chosen.save(path)
    assert Settings.load_with_warnings(path) == (chosen, [])


TOML_VALUES = st.recursive(
    st.one_of(
        st.integers(min_value=-(10**400), max_value=10**400),
        st.floats(allow_nan=True, allow_infinity=True),
        st.booleans(),
        st.text(max_size=200),
        st.datetimes(),
        st.dates(),
    ),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=8,
)
SETTING_KEYS = st.sampled_from(["debounce", "volume", "voice", "muted", "theme"])


@settings(max_examples=300, deadline=None)
@given(doc=st.dictionaries(SETTING_KEYS | st.text(max_size=8), TOML_VALUES, max_size=6))
def test_any_toml_document_gives_sound_settings(doc: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        load_bytes(Path(folder), tomli_w.dumps(doc).encode("utf-8"))
