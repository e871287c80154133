"""Markers for the audio tests (registered here, not in the shared tests/conftest.py)."""

from __future__ import annotations

import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "audio_integration: plays real cues through miniaudio into a PulseAudio null sink",
    )
