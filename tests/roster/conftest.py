"""The review tests' data dir fixtures, for the coach-mode review tests."""

from __future__ import annotations

from tests.review.conftest import data_dir, sessions

__all__ = ["data_dir", "sessions"]
