"""Importing a file again (even with --again) adds no record: every one is found as itself."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewkit.screen.importing import import_file
from reviewkit.screen.readers import supported_suffixes
from reviewkit.store import Store

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
FILES = sorted(
    p
    for folder in ("records", "peers", "screening")
    for p in (FIXTURES / folder).rglob("*")
    if p.is_file() and p.suffix.lower() in supported_suffixes()
)


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(FIXTURES)))
def test_a_fixture_imported_twice_adds_nothing_the_second_time(tmp_path: Path, path: Path) -> None:
    store = Store(tmp_path / "reviewkit.db")
    first = import_file(store, path)
    again = import_file(store, path, again=True)
    assert again.n_records == first.n_records
    assert again.n_new == 0


def test_every_shared_screening_file_imported_twice_adds_nothing(
    tmp_path: Path, shared_dir: Path
) -> None:
    for i, path in enumerate(sorted((shared_dir / "screening").glob("*.csv"))):
        store = Store(tmp_path / f"review{i}.db")
        first = import_file(store, path)
        again = import_file(store, path, again=True)
        assert (path.name, again.n_new) == (path.name, 0), first.n_new
