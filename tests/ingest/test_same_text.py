"""Issue 12: one paper ingested under two file names is reported at ingest and searched once."""

from __future__ import annotations

from pathlib import Path

from reviewkit.ingest.batch import ingest_files
from reviewkit.search.index import index_documents
from reviewkit.search.query import search
from reviewkit.store import Store

TEXT = (
    "Joint teams for older people\n\n"
    "Partnership working between health and social care was studied in three localities, "
    "and pooled budgets were used by every partner. Nurses and social workers shared one "
    "office, one manager and one set of records, and waiting times for assessments fell."
)


def _ingest(store: Store, *paths: Path) -> list:  # type: ignore[type-arg]
    return list(ingest_files(store, list(paths), jobs=1))


def test_same_text_in_two_files_is_reported_and_shown_once(tmp_path: Path) -> None:
    first, second = tmp_path / "teams.md", tmp_path / "teams-final-v2.txt"
    first.write_text(TEXT, encoding="utf-8")
    second.write_text(TEXT + "\n\n\n", encoding="utf-8")  # other bytes, same page text
    store = Store(tmp_path / "reviewkit.db")
    (a,) = _ingest(store, first)
    (b,) = _ingest(store, second)
    assert a.notes == () and a.sha256 != b.sha256
    assert b.notes == (f"{second} has the same text as {first}; shown once in search",)
    index_documents(store, embed=False)
    hits = search(store, "pooled budgets social workers", mode="keyword", k=10)
    assert len(hits) == 1 and hits[0].path in (str(first), str(second)) and hits[0].page == 1
    # Ingesting the copy again is quiet: nothing new to say.
    (again,) = _ingest(store, second)
    assert again.status == "unchanged" and again.notes == ()


def test_a_byte_identical_copy_is_reported_too(tmp_path: Path) -> None:
    first, second = tmp_path / "a.md", tmp_path / "b.md"
    first.write_text(TEXT, encoding="utf-8")
    second.write_text(TEXT, encoding="utf-8")
    store = Store(tmp_path / "reviewkit.db")
    _ingest(store, first)
    (b,) = _ingest(store, second)
    assert b.notes == (f"{second} has the same text as {first}; shown once in search",)


def test_different_texts_say_nothing(tmp_path: Path) -> None:
    first, second = tmp_path / "a.md", tmp_path / "b.md"
    first.write_text(TEXT, encoding="utf-8")
    second.write_text(TEXT.replace("three", "four"), encoding="utf-8")
    store = Store(tmp_path / "reviewkit.db")
    outcomes = _ingest(store, first, second)
    assert all(o.notes == () for o in outcomes)
