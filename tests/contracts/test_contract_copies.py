"""The contracts the tests read are copies kept in the repo (tests/contracts/*.md), so a
clean clone and CI test against them; where the shared originals sit beside the clone
(../shared), each copy must equal its original."""

from __future__ import annotations

from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[2] / "shared"
COPIES = ("SESSION_FORMAT.md", "REVIEW_JSON.md", "WORKOUT_FORMAT.md")


@pytest.mark.parametrize("name", COPIES)
def test_the_copy_is_in_the_repo(name: str) -> None:
    assert (HERE / name).read_text("utf-8").strip()


@pytest.mark.parametrize("name", COPIES)
def test_the_copy_equals_the_shared_contract(name: str) -> None:
    original = SHARED / name
    if not original.exists():
        pytest.skip(f"{original} is not beside the clone: only the copy is checked")
    assert (HERE / name).read_text("utf-8") == original.read_text("utf-8"), (
        f"tests/contracts/{name} differs from {original}: copy the contract again"
    )
