"""Opening a review: WAL, busy timeout, foreign keys, migrations, transactions."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils

from reviewkit.errors import DamagedStoreError
from reviewkit.store.schema import migrations

DB_NAME = "reviewkit.db"
BUSY_TIMEOUT_MS = 30_000
#: The first 16 bytes of every SQLite 3 database file.
SQLITE_HEADER = b"SQLite format 3\x00"


class Store:
    """A connection to one review database.

    One Store per process or thread: SQLite connections are never shared
    across threads. Several processes may write to one review at once; every
    write runs in :meth:`write`, a ``BEGIN IMMEDIATE`` transaction, so writers
    queue on the busy timeout instead of failing on a lock upgrade.

    Args:
        path: the database file, or ``":memory:"``.
        read_only: open an existing file with SQLite's ``mode=ro``: every write
            fails and no migration runs (the server's query connections).
    """

    def __init__(self, path: str | Path, *, read_only: bool = False) -> None:
        self.path = str(path)
        self.read_only = read_only
        if self.path != ":memory:":
            _check_header(Path(self.path))
        if read_only and not Path(self.path).is_file():
            raise DamagedStoreError(
                f"{self.path} does not exist; run `reviewkit init` in its folder first"
            )
        try:
            # isolation_level=None: no implicit transactions; we BEGIN explicitly.
            conn = sqlite3.connect(
                f"file:{Path(self.path).resolve().as_posix()}?mode=ro" if read_only else self.path,
                timeout=BUSY_TIMEOUT_MS / 1000,
                isolation_level=None,
                check_same_thread=False,
                uri=read_only,
            )
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA foreign_keys = ON")
            if read_only:
                self.db = sqlite_utils.Database(conn)
                return
            if self.path != ":memory:":
                conn.execute("PRAGMA journal_mode = WAL")
                conn.execute("PRAGMA synchronous = NORMAL")
            self.db = sqlite_utils.Database(conn)
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise damaged(self.path, exc) from None

    def _migrate(self) -> None:
        pending = migrations.pending(self.db)
        if not pending:
            return
        if self.path != ":memory:" and self.db.table_names():
            # An existing review: keep a copy as it was before its schema changes.
            self.backup(Path(f"{self.path}.before-{pending[0].name}"))
        # One transaction holding the write lock: two processes opening a new
        # review at once cannot both apply the same migration.
        with self.write():
            migrations.apply(self.db)

    def backup(self, dest: Path) -> Path:
        """Copy the review, consistently, to `dest` (SQLite's online backup; others may write)."""
        target = sqlite3.connect(str(dest))
        try:
            self.db.conn.backup(target)
            # One self-contained file: a copy needs no -wal beside it.
            target.execute("PRAGMA journal_mode = DELETE")
        finally:
            target.close()
        return dest

    @contextmanager
    def write(self) -> Iterator[sqlite_utils.Database]:
        """A write transaction: all of it is stored, or none of it.

        Nested calls become savepoints of the outer transaction.
        """
        conn = self.db.conn
        if conn.in_transaction:
            with self.db.atomic():
                yield self.db
            return
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        else:
            conn.execute("COMMIT")

    @contextmanager
    def read(self) -> Iterator[sqlite_utils.Database]:
        """One consistent snapshot for several reads (a deferred transaction).

        Inside a transaction already, the reads simply join it.
        """
        conn = self.db.conn
        if conn.in_transaction:
            yield self.db
            return
        conn.execute("BEGIN")
        try:
            yield self.db
        finally:
            if conn.in_transaction:
                conn.execute("COMMIT")

    def change_marker(self) -> tuple[int, int]:
        """Changes cheaply: differs whenever any connection has written since the last call.

        SQLite's ``data_version`` moves on other connections' commits,
        ``total_changes`` on this connection's own writes.
        """
        version = int(self.db.execute("pragma data_version").fetchone()[0])
        return version, int(self.db.conn.total_changes)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def damaged(path: str, exc: BaseException) -> DamagedStoreError:
    """The one line for a review database SQLite cannot read."""
    return DamagedStoreError(
        f"{path} is damaged ({exc}); restore a backup or run `reviewkit doctor`"
    )


def _check_header(path: Path) -> None:
    """Refuse a file that is not an SQLite database before SQLite touches it."""
    try:
        with path.open("rb") as fh:
            head = fh.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return
    if head and head != SQLITE_HEADER:
        raise DamagedStoreError(
            f"{path} is not a reviewkit database (not an SQLite file); move it aside, "
            "restore a backup, or run `reviewkit init` in another folder"
        )


def integrity_problems(path: Path) -> list[str]:
    """What SQLite's own checks find wrong with a review database ([] when it is sound).

    Opens the file read-only and without migrating it, so a damaged review can
    be examined; runs ``PRAGMA integrity_check`` and ``PRAGMA foreign_key_check``.
    """
    try:
        _check_header(path)
    except DamagedStoreError as exc:
        return [str(exc)]
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            rows = [str(r[0]) for r in conn.execute("PRAGMA integrity_check")]
            problems = [] if rows == ["ok"] else rows
            problems += [
                f"table {table} row {rowid}: no {parent} row it refers to"
                for table, rowid, parent, _ in conn.execute("PRAGMA foreign_key_check")
            ]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return [f"{path}: {exc}"]
    return problems
