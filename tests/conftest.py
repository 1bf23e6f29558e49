"""Shared fixtures: where ../shared lives, and skipping cleanly without it."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The ../shared folder beside the checkout; skips the test when absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside the checkout (CI always has it)")
    return SHARED
