"""The one reader every user file goes through: regular files only, never past a limit."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.hostile_files import SPECIAL_KINDS, deadline, make_special
from trackapp.storage.bounded_read import UnreadableFile, read_bounded, strip_bom


def test_reads_a_file_up_to_the_limit_and_refuses_one_byte_more(tmp_path: Path) -> None:
    path = tmp_path / "f.toml"
    path.write_bytes(b"x" * 100)
    assert read_bounded(path, 100) == b"x" * 100
    with pytest.raises(UnreadableFile, match="larger than 99 bytes"):
        read_bounded(path, 99)


@pytest.mark.parametrize(("kind", "words"), SPECIAL_KINDS)
def test_refuses_what_is_not_a_regular_file(tmp_path: Path, kind: str, words: str) -> None:
    path = make_special(kind, tmp_path / "f.toml")
    with deadline(), pytest.raises(UnreadableFile) as info:
        read_bounded(path, 1000)
    assert words in str(info.value)
    assert info.value.missing == (kind == "dangling link")


def test_a_missing_file_says_so(tmp_path: Path) -> None:
    with pytest.raises(UnreadableFile) as info:
        read_bounded(tmp_path / "none.toml", 10)
    assert info.value.missing and str(info.value) == "no such file"


def test_strip_bom_drops_only_a_leading_bom() -> None:
    assert strip_bom(b"\xef\xbb\xbfa = 1") == b"a = 1"
    assert strip_bom(b"a = '\xef\xbb\xbf'") == b"a = '\xef\xbb\xbf'"
    assert strip_bom(b"") == b""
