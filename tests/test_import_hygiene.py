"""The domain core stays pure: importing it never pulls in Textual or Rich.

Run in a fresh interpreter, as harlequin's test does, so modules other tests
imported do not hide a stray import.
"""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys

import pytest

import trackapp.audio
import trackapp.domain
import trackapp.storage

SCRIPT = """
import importlib, json, sys
for name in {modules!r}:
    importlib.import_module(name)
loaded = sorted({{m.split(".")[0] for m in sys.modules}})
print(json.dumps(loaded))
"""


def modules_of(package: object) -> list[str]:
    path = package.__path__  # type: ignore[attr-defined]
    prefix = package.__name__ + "."  # type: ignore[attr-defined]
    return sorted(m.name for m in pkgutil.walk_packages(path, prefix))


def top_level_modules_after_importing(modules: list[str]) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT.format(modules=modules)],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return set(json.loads(result.stdout))


def test_domain_modules_found() -> None:
    names = modules_of(trackapp.domain)
    assert "trackapp.domain.loader" in names
    assert "trackapp.domain.plan" in names


def test_domain_imports_no_textual_or_rich() -> None:
    loaded = top_level_modules_after_importing(modules_of(trackapp.domain))
    assert "trackapp" in loaded
    assert "textual" not in loaded
    assert "rich" not in loaded


@pytest.mark.parametrize("package", [trackapp.audio, trackapp.storage], ids=["audio", "storage"])
def test_audio_and_storage_import_no_textual(package: object) -> None:
    loaded = top_level_modules_after_importing(modules_of(package))
    assert "textual" not in loaded
