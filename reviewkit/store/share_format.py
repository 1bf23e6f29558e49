"""The share file: one SQLite file carrying a copy of a review to another machine.

Written by `reviewkit share` (kind ``share``: one reviewer's blinded copy) and
`reviewkit export decisions` (kind ``decisions``: everyone's decisions and
extraction actions, records by id only); read by `reviewkit init --from` and
`reviewkit merge`. DESIGN.md ("The share file") documents the format; this
module is its single definition, and ``share.schema.json`` beside it is what a
file's manifest and tables are checked against before anything is read.

Rows refer to each other by ``uid`` (see ``store/schema.py`` m008), never by a
review's local integer ids, so two copies recognise the same record, decision
or extracted value whatever order they were stored in.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema

from reviewkit.errors import InputFileError

FORMAT = "reviewkit.share"
#: The newest format version this reviewkit writes and reads. Raise it (and
#: keep reading the old ones) whenever a table or column changes.
VERSION = 1
#: ``PRAGMA application_id`` of every share file: "RVKS".
APPLICATION_ID = 0x52564B53
KINDS = ("share", "decisions")

#: Every table of a version-1 file: its columns, and its primary key. They are
#: SQLite STRICT tables, so a writer cannot store a value of the wrong type.
TABLES: dict[str, tuple[str, ...]] = {
    "manifest": ("json TEXT NOT NULL",),
    "settings": ("name TEXT NOT NULL", "text TEXT NOT NULL"),
    "imports": (
        "id INTEGER NOT NULL",
        "path TEXT",
        "source TEXT",
        "format TEXT",
        "n_records INTEGER",
        "n_duplicates INTEGER",
        "at TEXT",
    ),
    "records": (
        "uid TEXT NOT NULL",
        "id INTEGER NOT NULL",
        "import_id INTEGER",
        "source_key TEXT",
        "title TEXT",
        "abstract TEXT",
        "authors TEXT",
        "year INTEGER",
        "doi TEXT",
        "journal TEXT",
        "keywords TEXT",
        "url TEXT",
        "raw TEXT",
        "label_prior INTEGER",
        "duplicate_of_uid TEXT",
        "duplicate_reason TEXT",
    ),
    "decisions": (
        "uid TEXT NOT NULL",
        "record_uid TEXT NOT NULL",
        "stage TEXT NOT NULL",
        "reviewer TEXT NOT NULL",
        "kind TEXT NOT NULL",
        "label TEXT",
        "reason TEXT",
        "note TEXT",
        "at TEXT NOT NULL",
    ),
    "documents": (
        "sha256 TEXT NOT NULL",
        "path TEXT NOT NULL",
        "kind TEXT NOT NULL",
        "n_pages INTEGER NOT NULL",
        "title TEXT",
        "authors TEXT",
        "year INTEGER",
        "doi TEXT",
        "abstract TEXT",
        "sections TEXT",
        "refs TEXT",
        "flags TEXT",
        "warnings TEXT",
        "record_uid TEXT",
        "replaced_by TEXT",
        "ingested_at TEXT NOT NULL",
    ),
    "pages": (
        "doc_sha256 TEXT NOT NULL",
        "number INTEGER NOT NULL",
        "text TEXT NOT NULL",
        "header TEXT",
        "footer TEXT",
    ),
    "extractions": (
        "uid TEXT NOT NULL",
        "doc_sha256 TEXT NOT NULL",
        "template TEXT NOT NULL",
        "field TEXT NOT NULL",
        "value TEXT",
        "evidence TEXT",
        "method TEXT",
        "confidence REAL",
        "status TEXT NOT NULL",
        "reviewer TEXT",
        "supersedes_uid TEXT",
        "at TEXT NOT NULL",
    ),
    "rankings": (
        "stage TEXT NOT NULL",
        "model TEXT NOT NULL",
        "n_labelled INTEGER NOT NULL",
        "record_uids TEXT NOT NULL",
        "seconds REAL",
        "at TEXT NOT NULL",
    ),
}
KEYS: dict[str, str] = {
    "settings": "name",
    "imports": "id",
    "records": "uid",
    "decisions": "uid",
    "documents": "sha256",
    "pages": "doc_sha256, number",
    "extractions": "uid",
    "rankings": "stage",
}


def columns(table: str) -> list[str]:
    """The column names of `table` in a share file, in order."""
    return [c.split()[0] for c in TABLES[table]]


@dataclass(frozen=True)
class Manifest:
    """What a share file says about itself (its ``manifest`` row).

    Attributes:
        kind: "share" (one reviewer's blinded copy) or "decisions" (everyone's
            decisions, for `merge`).
        reviewer: whose copy a "share" file is; None for "decisions".
        counts: rows per table, as written.
    """

    version: int
    kind: str
    reviewer: str | None
    created_at: str
    reviewkit: str
    counts: dict[str, int]

    def to_json(self) -> dict[str, Any]:
        """The manifest as stored in the file."""
        return {
            "format": FORMAT,
            "version": self.version,
            "kind": self.kind,
            "reviewer": self.reviewer,
            "created_at": self.created_at,
            "reviewkit": self.reviewkit,
            "counts": self.counts,
        }


def create_tables(conn: sqlite3.Connection, schema: str) -> None:
    """Create every table of the current version in the attached database `schema`."""
    conn.execute(f"pragma {schema}.application_id = {APPLICATION_ID}")
    conn.execute(f"pragma {schema}.user_version = {VERSION}")
    for table, cols in TABLES.items():
        key = f", primary key ({KEYS[table]})" if table in KEYS else ""
        conn.execute(f"create table {schema}.{table} ({', '.join(cols)}{key}) strict")


@cache
def _schema() -> dict[str, Any]:
    text = resources.files("reviewkit.store").joinpath("share.schema.json").read_text("utf-8")
    return dict(json.loads(text))


def _bad(path: Path, problem: str) -> InputFileError:
    return InputFileError(
        path,
        problem,
        "pass a file written by `reviewkit share` or `reviewkit export decisions`, "
        "or a review folder",
    )


def check_share(path: Path) -> Manifest:
    """Check that `path` is a share file this reviewkit can read, and return its manifest.

    Raises:
        InputFileError: one line naming the file, what is wrong and what to do
            (not SQLite, not a share file, written by a newer reviewkit,
            tables or manifest not as the schema says).
    """
    if not path.is_file():
        raise InputFileError(path, "no such file", "check the path")
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise _bad(path, f"cannot be opened ({exc})") from exc
    try:
        return _read_manifest(path, conn)
    except sqlite3.DatabaseError as exc:
        raise _bad(path, f"not a reviewkit share file (SQLite says: {exc})") from exc
    finally:
        conn.close()


def _read_manifest(path: Path, conn: sqlite3.Connection) -> Manifest:
    if conn.execute("pragma application_id").fetchone()[0] != APPLICATION_ID:
        raise _bad(path, "not a reviewkit share file (an SQLite database of another kind)")
    rows = conn.execute("select json from manifest").fetchall()
    if len(rows) != 1:
        raise _bad(path, f"the manifest table has {len(rows)} rows, not 1")
    try:
        manifest = json.loads(rows[0][0])
    except json.JSONDecodeError as exc:
        raise _bad(path, f"the manifest is not JSON ({exc})") from exc
    version = manifest.get("version") if isinstance(manifest, dict) else None
    if isinstance(version, int) and version > VERSION:
        raise InputFileError(
            path,
            f"written by a newer reviewkit (share format version {version}; this reviewkit "
            f"reads versions up to {VERSION})",
            "upgrade reviewkit on this machine and run the command again",
        )
    tables = {
        name: [c[1] for c in conn.execute(f"pragma table_info({name})")]
        for (name,) in conn.execute("select name from sqlite_schema where type = 'table'")
    }
    try:
        jsonschema.validate({"manifest": manifest, "tables": tables}, _schema())
    except jsonschema.ValidationError as exc:
        where = "/".join(str(p) for p in exc.absolute_path) or "file"
        raise _bad(path, f"does not match the share format ({where}: {exc.message})") from exc
    return Manifest(
        version=manifest["version"],
        kind=manifest["kind"],
        reviewer=manifest["reviewer"],
        created_at=manifest["created_at"],
        reviewkit=manifest["reviewkit"],
        counts=dict(manifest["counts"]),
    )
