"""Opening a review: WAL, busy timeout, foreign keys, migrations, transactions."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils

from reviewkit.store.schema import migrations

DB_NAME = "reviewkit.db"
BUSY_TIMEOUT_MS = 30_000


class Store:
    """A connection to one review database.

    One Store per process or thread: SQLite connections are never shared
    across threads. Several processes may write to one review at once; every
    write runs in :meth:`write`, a ``BEGIN IMMEDIATE`` transaction, so writers
    queue on the busy timeout instead of failing on a lock upgrade.

    Args:
        path: the database file, or ``":memory:"``.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        # isolation_level=None: no implicit transactions; we BEGIN explicitly.
        conn = sqlite3.connect(
            self.path,
            timeout=BUSY_TIMEOUT_MS / 1000,
            isolation_level=None,
            check_same_thread=False,
        )
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        if self.path != ":memory:":
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
        self.db = sqlite_utils.Database(conn)
        self._migrate()

    def _migrate(self) -> None:
        if not migrations.pending(self.db):
            return
        # One transaction holding the write lock: two processes opening a new
        # review at once cannot both apply the same migration.
        with self.write():
            migrations.apply(self.db)

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
