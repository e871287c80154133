"""The help fits 80x24: no line wraps, the descriptions start in one column."""

from __future__ import annotations

import re

from trackapp.ui.dialogs.keys_help import (
    CLICKER_KEYS,
    GROUP_CLICKER_KEYS,
    GROUP_HELP_TEXT,
    GROUP_KEYS,
    HELP_KEYS,
    HELP_TEXT,
    KEY_COLUMN,
)

# the help dialog at 80 columns: 95% of 80, less its border and padding
CONTENT_COLUMNS = int(80 * 0.95) - 2 - 4


def test_help_lines_fit_and_keys_align() -> None:
    plain = re.sub(r"\[/?b\]", "", HELP_TEXT.format(debounce=0.35)).splitlines()
    assert max(map(len, plain)) <= CONTENT_COLUMNS
    assert len(plain) <= 24 - 2 - 2 - 4  # border, padding, title and hint
    for key, what in HELP_KEYS + CLICKER_KEYS:
        line = next(line for line in plain if line.endswith(what))
        assert line.index(what) == KEY_COLUMN, line
        assert len(key) <= KEY_COLUMN - 2


def test_the_group_help_fits_too() -> None:
    plain = re.sub(r"\[/?b\]", "", GROUP_HELP_TEXT.format(debounce=0.35)).splitlines()
    assert max(map(len, plain)) <= CONTENT_COLUMNS
    assert len(plain) <= 24 - 2 - 2 - 4
    for key, what in GROUP_KEYS + GROUP_CLICKER_KEYS:
        line = next(line for line in plain if line.endswith(what))
        assert line.index(what) == KEY_COLUMN, line
        assert len(key) <= KEY_COLUMN - 2
