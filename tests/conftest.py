"""Shared fixtures: the committed test data, ../shared (skipping cleanly without it), records.

Core tests read the small copies committed under ``tests/fixtures/`` (see its
README for sources and licences), so a plain clone runs nearly all of them;
only large benchmarks and whole-corpus checks need ``../shared``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest

from reviewkit.screen.dedup import DuplicateIndex
from reviewkit.store import Store
from reviewkit.store.records import add_records
from reviewkit.vocabulary import Record

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
FIXTURES = REPO / "tests" / "fixtures"
CONTRACTS = FIXTURES / "contracts"  # byte-identical copies of ../shared/contracts
CORPUS = FIXTURES / "corpus"  # the CC BY 3.0 part of ../shared/corpus, truth and gold
SCREENING = FIXTURES / "screening"  # labelled rows sampled from ../shared/screening


def contract(name: str) -> dict[str, Any]:
    """The JSON Schema of one `--json` output ("analysis", "status", ...), committed copy."""
    schema: dict[str, Any] = json.loads(
        (CONTRACTS / f"{name}.schema.json").read_text(encoding="utf-8")
    )
    return schema


def corpus_path(relative: str) -> Path:
    """`corpus/relative` ("hostile/zero_bytes.pdf", "truth/NAME.json", "gold/NAME.json").

    The committed copy when there is one, else ../shared's (gold lives in
    ../shared/gold); skips the test when neither has it (files whose licence
    forbids committing them are only in ../shared).
    """
    shared = SHARED / relative if relative.startswith("gold/") else SHARED / "corpus" / relative
    for path in (CORPUS / relative, shared):
        if path.exists():
            return path
    pytest.skip(f"corpus/{relative} is only in ../shared, which is not beside the checkout")


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
    add_records(store, records, path="test.ris", source="test", fmt="ris", finder=DuplicateIndex())
    return store


def titled_records(n: int, title: str = "Record {i} about care") -> list[Record]:
    """`n` records whose titles are `title` formatted with their index."""
    return [Record(title=title.format(i=i)) for i in range(n)]
