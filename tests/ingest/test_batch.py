"""Batch ingest into a review: skip unchanged, replace changed, isolate failures."""

from __future__ import annotations

from pathlib import Path

from reviewkit.ingest.batch import discover, ingest_files
from reviewkit.store import Store
from reviewkit.store.documents import current_documents, load_document


def _ingest(store: Store, *paths: Path) -> dict[str, str]:
    files, problems = discover(list(paths))
    outcomes = [*problems, *ingest_files(store, files, jobs=1, timeout=60)]
    return {Path(o.path).name: o.status for o in outcomes}


def test_unchanged_files_are_skipped_and_changed_files_replace_their_text(tmp_path: Path) -> None:
    store = Store(":memory:")
    (tmp_path / "a.md").write_text("# Paper A\n\nIntegration refers to joint working.\n")
    (tmp_path / "b.txt").write_text("page one\fpage two\n")

    assert _ingest(store, tmp_path) == {"a.md": "ingested", "b.txt": "ingested"}
    assert _ingest(store, tmp_path) == {"a.md": "unchanged", "b.txt": "unchanged"}

    (tmp_path / "a.md").write_text("# Paper A, revised\n\nIntegration is when teams merge.\n")
    assert _ingest(store, tmp_path / "a.md") == {"a.md": "ingested"}

    current = {Path(r.path).name: r for r in current_documents(store)}
    assert set(current) == {"a.md", "b.txt"}
    doc = load_document(store, current["a.md"].sha256)
    assert doc is not None and doc.title == "Paper A, revised"
    assert store.db["documents"].count == 3  # the old version is kept, marked replaced
    b = load_document(store, current["b.txt"].sha256)
    assert b is not None and [p.text for p in b.pages] == ["page one", "page two"]


def test_one_bad_file_never_stops_the_batch(tmp_path: Path) -> None:
    store = Store(":memory:")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "good.md").write_text("Some text.\n")
    (tmp_path / "notes.docx").write_bytes(b"PK")

    outcomes = _ingest(store, tmp_path, tmp_path / "notes.docx", tmp_path / "missing.pdf")

    assert outcomes == {
        "empty.txt": "failed",
        "good.md": "ingested",
        "notes.docx": "failed",
        "missing.pdf": "failed",
    }
    reasons = dict(store.db.execute("select path, reason from ingest_failures").fetchall())
    assert reasons == {str(tmp_path / "empty.txt"): "empty"}


def test_same_content_under_two_names_is_stored_once(tmp_path: Path) -> None:
    store = Store(":memory:")
    (tmp_path / "one.md").write_text("Identical text.\n")
    (tmp_path / "two.md").write_text("Identical text.\n")
    _ingest(store, tmp_path / "one.md")

    assert _ingest(store, tmp_path / "two.md") == {"two.md": "unchanged"}
    assert store.db["documents"].count == 1
    assert store.db["files"].count == 2
