"""The review store: a durable SQLite file found like git finds a repository."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from reviewkit.errors import ProjectNotFoundError
from reviewkit.store import DB_NAME, Store, find_project, init_project
from reviewkit.store.schema import migrations


def test_init_creates_a_migrated_wal_database_and_settings(tmp_path: Path) -> None:
    folder = init_project(tmp_path / "review")

    with Store(folder / DB_NAME) as store:
        assert store.db.execute("pragma journal_mode").fetchone()[0] == "wal"
        assert store.db.execute("pragma foreign_keys").fetchone()[0] == 1
        assert store.db.execute("pragma busy_timeout").fetchone()[0] >= 5000
        assert migrations.pending(store.db) == []
        assert {"documents", "pages", "records", "decisions", "extractions"} <= set(
            store.db.table_names()
        )
    assert "recall_target = 0.95" in (folder / "reviewkit.toml").read_text()


def test_init_keeps_an_existing_review_and_its_settings(tmp_path: Path) -> None:
    folder = init_project(tmp_path / "review")
    (folder / "reviewkit.toml").write_text('[review]\ntitle = "mine"\n')
    with Store(folder / DB_NAME) as store, store.write() as db:
        db["imports"].insert({"path": "x.ris", "at": "now"})

    init_project(folder)

    assert (folder / "reviewkit.toml").read_text() == '[review]\ntitle = "mine"\n'
    with Store(folder / DB_NAME) as store:
        assert store.db["imports"].count == 1


def test_a_failed_write_transaction_stores_nothing() -> None:
    store = Store(":memory:")
    with pytest.raises(RuntimeError), store.write() as db:
        db["imports"].insert({"path": "a.ris", "at": "now"})
        raise RuntimeError("killed mid-way")
    assert store.db["imports"].count == 0


def test_foreign_keys_are_enforced() -> None:
    store = Store(":memory:")
    with pytest.raises(sqlite3.IntegrityError), store.write() as db:
        db["pages"].insert({"doc_sha256": "missing", "number": 1, "text": "x"})


def test_find_project_walks_up_and_honours_project_option(tmp_path: Path) -> None:
    folder = init_project(tmp_path / "review")
    deep = folder / "a" / "b"
    deep.mkdir(parents=True)

    assert find_project(start=deep) == folder.resolve()
    assert find_project(project=folder) == folder
    with pytest.raises(ProjectNotFoundError, match="run `reviewkit init"):
        find_project(start=tmp_path)
    with pytest.raises(ProjectNotFoundError, match="not a review folder"):
        find_project(project=tmp_path)
