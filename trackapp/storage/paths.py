"""Where trackapp keeps its files: sessions, trash, the user's workouts, settings."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "trackapp"


def data_dir() -> Path:
    """`$TRACKAPP_DATA_DIR` when set, else the platform's user data directory."""
    override = os.environ.get("TRACKAPP_DATA_DIR")
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    """`$TRACKAPP_CONFIG_DIR` when set, else the platform's user config directory."""
    override = os.environ.get("TRACKAPP_CONFIG_DIR")
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def sessions_dir() -> Path:
    return data_dir() / "sessions"


def trash_dir() -> Path:
    """Deleted sessions go here, beside `sessions/`, never unlinked."""
    return data_dir() / "trash"


def user_workouts_dir() -> Path:
    return data_dir() / "workouts"


def settings_file() -> Path:
    return config_dir() / "settings.toml"
