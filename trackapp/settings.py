"""User settings: a small TOML file in the config directory, written with tomli-w.

Unknown or bad values fall back to defaults with no error: a broken settings
file must never stop a session from starting.
"""

from __future__ import annotations

import tomllib
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

import tomli_w

from trackapp.storage.session_files import write_atomic


@dataclass
class Settings:
    debounce: float = 1.0  # seconds: a second press sooner than this is ignored
    volume: float = 0.8  # 0.0 to 1.0
    voice: bool = True  # speak split times and what comes next, where a speech engine exists
    muted: bool = False
    theme: str = "textual-dark"

    @classmethod
    def load(cls, path: Path) -> Settings:
        try:
            data: dict[str, Any] = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            return cls()
        settings = cls()
        for spec in fields(cls):
            value = data.get(spec.name)
            default = getattr(settings, spec.name)
            if isinstance(default, bool):
                if isinstance(value, bool):
                    setattr(settings, spec.name, value)
            elif isinstance(default, float):
                if isinstance(value, int | float) and not isinstance(value, bool):
                    setattr(settings, spec.name, float(value))
            elif isinstance(value, type(default)):
                setattr(settings, spec.name, value)
        settings.debounce = min(max(settings.debounce, 0.0), 10.0)
        settings.volume = min(max(settings.volume, 0.0), 1.0)
        return settings

    def save(self, path: Path) -> None:
        write_atomic(path, tomli_w.dumps(asdict(self)).encode("utf-8"))
