"""The review schema, as an ordered list of migrations.

Append new migrations at the end; never edit one that has shipped. Decisions
and extraction edits are append-only tables: the audit trail is the data.
"""

from __future__ import annotations

from sqlite_utils import Database, Migrations

migrations = Migrations("reviewkit")


@migrations()
def m001_documents(db: Database) -> None:
    db.table("documents").create(
        {
            "sha256": str,
            "path": str,
            "kind": str,
            "n_pages": int,
            "title": str,
            "authors": str,  # JSON list
            "year": int,
            "doi": str,
            "abstract": str,
            "sections": str,  # JSON list of {heading, page}
            "refs": str,  # JSON list of {text, page, label}
            "flags": str,  # JSON list
            "warnings": str,  # JSON list
            "record_id": int,
            "replaced_by": str,  # set when the file at `path` changed; pages kept for old quotes
            "ingested_at": str,
        },
        pk="sha256",
        not_null={"path", "kind", "n_pages", "ingested_at"},
    )
    db.table("pages").create(
        {"doc_sha256": str, "number": int, "text": str, "header": str, "footer": str},
        pk=("doc_sha256", "number"),
        foreign_keys=[("doc_sha256", "documents", "sha256")],
        not_null={"text"},
    )
    # Which document a path currently holds, so a changed file replaces its old text.
    db.table("files").create(
        {"path": str, "sha256": str, "size": int, "mtime": float, "updated_at": str},
        pk="path",
        foreign_keys=[("sha256", "documents", "sha256")],
    )
    db.table("ingest_failures").create(
        {"id": int, "path": str, "sha256": str, "reason": str, "message": str, "at": str},
        pk="id",
    )
    db.table("ingest_failures").create_index(["path"])


@migrations()
def m002_records(db: Database) -> None:
    db.table("imports").create(
        {
            "id": int,
            "path": str,
            "source": str,
            "format": str,
            "n_records": int,
            "n_duplicates": int,
            "at": str,
        },
        pk="id",
    )
    db.table("records").create(
        {
            "id": int,
            "import_id": int,
            "source_key": str,
            "title": str,
            "abstract": str,
            "authors": str,  # JSON list
            "year": int,
            "doi": str,
            "journal": str,
            "keywords": str,  # JSON list
            "url": str,
            "raw": str,  # JSON of the record as read
            "label_prior": int,
            "duplicate_of": int,
            "duplicate_reason": str,
        },
        pk="id",
        foreign_keys=[("import_id", "imports", "id"), ("duplicate_of", "records", "id")],
    )
    db.table("records").create_index(["doi"])
    db.table("records").create_index(["duplicate_of"])


@migrations()
def m003_decisions(db: Database) -> None:
    # Append-only: the latest row per (record, stage, reviewer) is current.
    # kind: "decision", "undo" (withdraws the reviewer's current decision),
    # "resolution" (settles a conflict; reviewer is who resolved it).
    db.table("decisions").create(
        {
            "id": int,
            "record_id": int,
            "stage": str,
            "reviewer": str,
            "kind": str,
            "label": str,
            "reason": str,
            "note": str,
            "at": str,
        },
        pk="id",
        foreign_keys=[("record_id", "records", "id")],
        not_null={"record_id", "stage", "reviewer", "kind", "at"},
    )
    db.table("decisions").create_index(["record_id", "stage", "reviewer"])
    db.table("decisions").create_index(["stage", "reviewer"])
    # Every ranking the model produced, with the names and parameters that made it.
    db.table("rankings").create(
        {
            "id": int,
            "stage": str,
            "model": str,  # JSON {features, classifier, balancer, querier: {name, params}}
            "n_labelled": int,
            "record_ids": str,  # JSON list, most relevant first
            "seconds": float,
            "at": str,
        },
        pk="id",
    )


@migrations()
def m004_extractions(db: Database) -> None:
    # Append-only: each row is a proposal or a reviewer's action on one.
    # status: proposed | accepted | edited | rejected. `supersedes` points at
    # the row a reviewer acted on; the newest row of a chain is current.
    db.table("extractions").create(
        {
            "id": int,
            "doc_sha256": str,
            "template": str,
            "field": str,
            "value": str,  # JSON
            "evidence": str,  # JSON list of {page, quote, char_start, char_end}
            "method": str,
            "confidence": float,
            "status": str,
            "reviewer": str,
            "supersedes": int,
            "at": str,
        },
        pk="id",
        foreign_keys=[("doc_sha256", "documents", "sha256"), ("supersedes", "extractions", "id")],
        not_null={"doc_sha256", "template", "field", "status", "at"},
    )
    db.table("extractions").create_index(["doc_sha256", "template"])
    db.table("extractions").create_index(["supersedes"])


@migrations()
def m005_search(db: Database) -> None:
    db.table("passages").create(
        {
            "id": int,
            "doc_sha256": str,
            "page": int,
            "char_start": int,
            "char_end": int,
            "text": str,
            "text_hash": str,
        },
        pk="id",
        foreign_keys=[("doc_sha256", "documents", "sha256")],
    )
    db.table("passages").create_index(["doc_sha256"])
    db.table("passages").enable_fts(["text"], tokenize="porter", create_triggers=True)
    # Embeddings cached by text hash and model name: unchanged text is never embedded twice.
    db.table("embeddings").create(
        {"text_hash": str, "model": str, "dim": int, "vector": bytes},
        pk=("text_hash", "model"),
    )


@migrations()
def m006_screening_samples(db: Database) -> None:
    # The random-sampling phase of the stopping rule (Callaghan & Müller-Hansen
    # 2020): the records not yet screened when it began (the urn, in the random
    # order they are offered) and what had been found before it.
    db.table("screening_samples").create(
        {
            "id": int,
            "stage": str,
            "n_screened": int,  # records screened at the stage when sampling began
            "n_relevant": int,  # of those, included (or maybe)
            "urn": str,  # JSON list of record ids, in random draw order
            "seed": int,
            "at": str,
        },
        pk="id",
        not_null={"stage", "n_screened", "n_relevant", "urn", "at"},
    )
    db.table("screening_samples").create_index(["stage"])


@migrations()
def m007_passage_text_hash(db: Database) -> None:
    # Finding passages whose text has no cached vector scans this index, not
    # the passage texts: re-indexing an unchanged 100k-passage review is cheap.
    db.table("passages").create_index(["text_hash"], if_not_exists=True)


# Stable ids that survive copying a review to another machine (`reviewkit share`,
# `init --from`, `merge`): 32 random hex digits, assigned by SQLite itself when a
# row is inserted without one, so no writer can forget it. Integer ids stay the
# local primary keys; uids are how two copies recognise the same row.
_UID = "lower(hex(randomblob(16)))"
UID_TABLES = ("records", "decisions", "extractions")


@migrations()
def m008_uids(db: Database) -> None:
    for table in UID_TABLES:
        db.execute(f"alter table {table} add column uid text")
        db.execute(f"update {table} set uid = {_UID} where uid is null")
        db.execute(f"create unique index {table}_uid on {table}(uid)")
        db.execute(
            f"create trigger {table}_uid_on_insert after insert on {table} "
            f"when new.uid is null begin "
            f"update {table} set uid = {_UID} where rowid = new.rowid; end"
        )


@migrations()
def m009_import_sha256(db: Database) -> None:
    # The bytes of each imported file, so importing the same file again adds nothing.
    db.execute("alter table imports add column sha256 text")
    db.execute("create index imports_sha256 on imports(sha256)")


@migrations()
def m010_users(db: Database) -> None:
    # People allowed to use `reviewkit serve`; only a sha256 of each token is kept.
    db.table("users").create(
        {"name": str, "token_sha256": str, "created_at": str},
        pk="name",
        not_null={"token_sha256", "created_at"},
    )
    db.execute("create unique index users_token on users(token_sha256)")


@migrations()
def m011_possible_duplicates(db: Database) -> None:
    # Near-matches under the automatic de-duplication threshold, found at
    # import: `record_id` (the newer record) may be `other_id` (a kept record).
    db.table("possible_duplicates").create(
        {
            "id": int,
            "record_id": int,
            "other_id": int,
            "score": float,  # title similarity, 0-100
            "why": str,
            "import_id": int,
            "at": str,
        },
        pk="id",
        foreign_keys=[("record_id", "records", "id"), ("other_id", "records", "id")],
        not_null={"record_id", "other_id", "why", "at"},
    )
    db.execute(
        "create unique index possible_duplicates_pair on possible_duplicates(record_id, other_id)"
    )
    # Append-only: what people did with a pair (merge, unmerge, keep-apart,
    # undo-keep-apart). `carried` lists the decisions a merge copied onto the
    # kept record, so unmerging withdraws exactly those.
    db.table("duplicate_actions").create(
        {
            "id": int,
            "kind": str,
            "kept_id": int,
            "other_id": int,
            "reviewer": str,
            "note": str,
            "carried": str,  # JSON list of decision ids
            "at": str,
        },
        pk="id",
        foreign_keys=[("kept_id", "records", "id"), ("other_id", "records", "id")],
        not_null={"kind", "kept_id", "other_id", "at"},
    )
    db.table("duplicate_actions").create_index(["kept_id", "other_id"])
