"""A damaged or foreign review database: one line, a doctor, backups."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlite_utils import Database

from reviewkit.errors import DamagedStoreError
from reviewkit.store import DB_NAME, Store, init_project
from reviewkit.store.db import integrity_problems
from reviewkit.store.schema import migrations
from tests.conftest import add_test_records, titled_records


def rk(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reviewkit", *args], capture_output=True, text=True, timeout=120
    )


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    folder = init_project(tmp_path / "review")
    with Store(folder / DB_NAME) as store:
        add_test_records(store, titled_records(2))
    return folder


def _not_a_database(path: Path) -> None:
    path.write_text("title,abstract\nIntegrated teams,none\n", encoding="utf-8")


def _garbled(path: Path) -> None:
    """Keep the SQLite header but overwrite the rest of the first page."""
    data = bytearray(path.read_bytes())
    data[16:100] = b"\xff" * 84
    path.write_bytes(bytes(data))
    for extra in ("-wal", "-shm"):
        Path(f"{path}{extra}").unlink(missing_ok=True)


@pytest.mark.parametrize(
    ("damage", "says"),
    [(_not_a_database, "is not a reviewkit database"), (_garbled, "is damaged")],
)
def test_a_damaged_or_foreign_database_is_one_line(folder: Path, damage, says) -> None:
    db = folder / DB_NAME
    damage(db)
    with pytest.raises(DamagedStoreError, match=says):
        Store(db)
    result = rk("status", "--project", str(folder))
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert str(db) in result.stderr and says in result.stderr
    assert "reviewkit doctor" in result.stderr or "restore a backup" in result.stderr


def test_doctor_says_ok_or_names_the_problem(folder: Path) -> None:
    sound = rk("doctor", "--project", str(folder))
    assert sound.returncode == 0 and "ok" in sound.stdout
    _garbled(folder / DB_NAME)
    before = (folder / DB_NAME).read_bytes()
    sick = rk("doctor", "--project", str(folder))
    assert sick.returncode == 1 and "restore a backup" in sick.stderr
    assert (folder / DB_NAME).read_bytes() == before  # the doctor only reads
    assert integrity_problems(folder / DB_NAME)


def test_backup_is_a_whole_copy_and_never_overwrites(folder: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.db"
    assert rk("backup", "-o", str(copy), "--project", str(folder)).returncode == 0
    with Store(copy) as store:
        assert store.db.execute("select count(*) from records").fetchone()[0] == 2
    again = rk("backup", "-o", str(copy), "--project", str(folder))
    assert again.returncode == 1 and "exists" in again.stderr


def test_a_migration_first_copies_the_review_as_it_was(tmp_path: Path) -> None:
    db = tmp_path / DB_NAME
    last = migrations.pending(Database(memory=True))[-1].name
    old = Database(db)
    migrations.apply(old, stop_before=last)
    old.table("marker").insert({"note": "before the upgrade"})
    old.close()
    Store(db).close()
    kept = tmp_path / f"{DB_NAME}.before-{last}"
    assert kept.is_file()
    with sqlite3.connect(kept) as conn:
        assert conn.execute("select note from marker").fetchone() == ("before the upgrade",)
        applied = {r[0] for r in conn.execute("select name from _sqlite_migrations")}
    assert last not in applied
    Store(db).close()  # nothing pending now: no second copy
    assert len(list(tmp_path.glob(f"{DB_NAME}.before-*"))) == 1


def test_a_new_review_makes_no_copy(tmp_path: Path) -> None:
    Store(tmp_path / DB_NAME).close()
    assert list(tmp_path.glob("*.before-*")) == []
