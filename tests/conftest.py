"""Shared fixtures: where ../shared lives (skipping cleanly without it); records in a store."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pytest

from reviewkit.screen.records import Record
from reviewkit.store import Store
from reviewkit.store.records import add_records

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The ../shared folder beside the checkout; skips the test when absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside the checkout (CI always has it)")
    return SHARED


def add_test_records(store: Store, records: Iterable[Record]) -> Store:
    """Import `records` into `store` as one RIS file; returns the store.

    For tests that need records in a review but do not look at where they
    came from (path, source and format are placeholders).
    """
    add_records(store, records, path="test.ris", source="test", fmt="ris")
    return store


def titled_records(n: int, title: str = "Record {i} about care") -> list[Record]:
    """`n` records whose titles are `title` formatted with their index."""
    return [Record(title=title.format(i=i)) for i in range(n)]
