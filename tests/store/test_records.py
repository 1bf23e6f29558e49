"""Records: import with de-duplication across every fixture dialect, reversible links."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewkit.errors import ReviewkitError
from reviewkit.screen.dedup import DuplicateIndex
from reviewkit.screen.importing import import_file
from reviewkit.store import Store
from reviewkit.store.records import (
    add_records,
    count_duplicates,
    count_records,
    duplicates,
    get_record,
    get_records,
    mark_duplicate,
    record_ids,
    restore_duplicate,
)
from reviewkit.vocabulary import Record

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "records"
ORDER = [
    "pubmed.nbib",
    "zotero.ris",
    "endnote.ris",
    "scopus.ris",
    "wos.ris",
    "wos.ciw",
    "zotero.bib",
    "asreview.csv",
    "scopus.tsv",
]


@pytest.fixture
def store() -> Store:
    return Store(":memory:")


def test_add_and_read_back(store: Store) -> None:
    rec = Record(
        title="Joint working in care homes",
        abstract="We studied...",
        authors=["Smith, J", "Jones, A"],
        year=2021,
        doi="https://doi.org/10.1/ABC",
        journal="J Care",
        keywords=["care"],
        url="http://x",
        source_key="k1",
    )
    result = add_records(
        store, [rec], path="a.ris", source="zotero", fmt="ris", finder=DuplicateIndex()
    )
    assert (result.n_records, result.n_new, result.n_duplicates) == (1, 1, 0)
    got = get_record(store, record_ids(store)[0])
    assert got is not None
    assert got.doi == "10.1/abc"
    assert got.authors == ["Smith, J", "Jones, A"]
    assert (got.title, got.year, got.journal, got.keywords) == (
        "Joint working in care homes",
        2021,
        "J Care",
        ["care"],
    )
    assert got.duplicate_of is None and got.label_prior is None
    assert get_record(store, 999) is None


def test_every_fixture_deduplicates_to_eight_works(store: Store) -> None:
    results = [import_file(store, FIXTURES / name) for name in ORDER]
    assert sum(r.n_records for r in results) == 19
    assert count_records(store) == 8
    assert count_duplicates(store) == 11
    assert len(record_ids(store, include_duplicates=True)) == 19
    reasons = {d.reason for d in duplicates(store)}
    assert reasons <= {"doi", "title+year+author", "title+year"}
    # Every duplicate points at a kept record, never at another duplicate.
    kept = set(record_ids(store))
    assert all(d.duplicate_of in kept for d in duplicates(store))
    titles = sorted(r.title[:20] for r in get_records(store))
    assert len(titles) == 8


def test_importing_a_file_again_on_purpose_links_every_record(store: Store) -> None:
    first = import_file(store, FIXTURES / "zotero.ris")
    again = import_file(store, FIXTURES / "zotero.ris", again=True)
    assert (first.n_new, again.n_new, again.n_duplicates) == (2, 0, 2)


def test_restore_and_mark_duplicate(store: Store) -> None:
    import_file(store, FIXTURES / "zotero.ris")
    import_file(store, FIXTURES / "pubmed.nbib")
    dup = duplicates(store)[0]
    link = restore_duplicate(store, dup.record_id)
    assert link.duplicate_of == dup.duplicate_of
    assert count_duplicates(store) == 0
    assert get_record(store, dup.record_id).duplicate_of is None  # type: ignore[union-attr]
    with pytest.raises(ReviewkitError, match="not a duplicate"):
        restore_duplicate(store, dup.record_id)
    mark_duplicate(store, dup.record_id, dup.duplicate_of)
    assert count_duplicates(store) == 1
    with pytest.raises(ReviewkitError):
        restore_duplicate(store, 12345)


def test_labels_are_stored_only_when_asked(store: Store) -> None:
    ignored = import_file(store, FIXTURES / "asreview.csv")
    assert ignored.n_labels_ignored == 3
    assert all(r.label_prior is None for r in get_records(store))
    other = Store(":memory:")
    kept = import_file(other, FIXTURES / "asreview.csv", labels_as_prior=True)
    assert kept.n_labels_ignored == 0
    assert [r.label_prior for r in get_records(other)] == [1, 0, 0]


def test_an_import_is_all_or_nothing(store: Store) -> None:
    def records():
        yield Record(title="First record of a failing import")
        raise RuntimeError("reader died")

    with pytest.raises(RuntimeError):
        add_records(store, records(), path="x.ris", source="x", fmt="ris", finder=DuplicateIndex())
    assert count_records(store) == 0
    assert store.db.execute("select count(*) from imports").fetchone()[0] == 0
