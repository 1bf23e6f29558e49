"""Share files and merges in the store: blinding, uids, checks, extracted values, order."""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path

import pytest
from sqlite_utils import Database

from reviewkit.document import Evidence
from reviewkit.errors import InputFileError, ReviewkitError
from reviewkit.store import Store
from reviewkit.store.decisions import (
    current_decisions,
    record_decision,
    resolve_conflict,
    undo_last,
)
from reviewkit.store.extractions import add_proposals, current_values, review_value
from reviewkit.store.merge import merge
from reviewkit.store.records import find_record_id, record_uids
from reviewkit.store.schema import migrations
from reviewkit.store.share import load_share, write_share
from reviewkit.store.share_format import TABLES, check_share, columns
from tests.conftest import add_test_records, titled_records

STAGE = "title-abstract"
SCHEMA = Path(__file__).resolve().parents[2] / "reviewkit" / "store" / "share.schema.json"


def _review(path: Path, n: int = 4) -> Store:
    return add_test_records(Store(path), titled_records(n))


def _copy(tmp_path: Path, source: Store, reviewer: str, name: str) -> Store:
    write_share(source, tmp_path / f"{name}.share", reviewer=reviewer)
    copy = Store(tmp_path / f"{name}.db")
    load_share(copy, tmp_path / f"{name}.share")
    return copy


def test_every_row_gets_a_uid_and_old_reviews_are_given_theirs(tmp_path: Path) -> None:
    db = Database(tmp_path / "old.db")
    migrations.apply(db, stop_before="m008_uids")
    db["imports"].insert({"id": 1, "path": "x.ris", "at": "t"})
    db["records"].insert_all([{"id": i, "import_id": 1, "title": f"r{i}"} for i in (1, 2)])
    db["decisions"].insert(
        {"record_id": 1, "stage": STAGE, "reviewer": "a", "kind": "decision", "at": "t"}
    )
    db.close()

    store = Store(tmp_path / "old.db")  # migrates
    uids = record_uids(store)
    assert len(set(uids.values())) == 2 and all(len(u) == 32 for u in uids.values())
    add_test_records(store, titled_records(1))
    record_decision(store, 3, STAGE, "b", "include")
    rows = store.db.execute("select uid from decisions").fetchall()
    assert len({r[0] for r in rows}) == 2 and None not in {r[0] for r in rows}
    assert find_record_id(store, uids[2]) == 2 and find_record_id(store, "3") == 3
    with pytest.raises(ReviewkitError, match="no record 'nope'"):
        find_record_id(store, "nope")


def test_a_share_file_is_blinded_to_one_reviewer(tmp_path: Path) -> None:
    alice = _review(tmp_path / "a.db")
    record_decision(alice, 1, STAGE, "alice", "include", note="alice's note")
    record_decision(alice, 1, STAGE, "bob", "exclude")
    record_decision(alice, 2, STAGE, "bob", "maybe")
    undo_last(alice, "bob", STAGE)
    resolve_conflict(alice, 1, STAGE, "include", "carol")

    written = write_share(alice, tmp_path / "bob.share", reviewer="bob")
    assert written.manifest.counts["decisions"] == 3  # bob's two decisions and his undo
    conn = sqlite3.connect(tmp_path / "bob.share")
    assert {r[0] for r in conn.execute("select reviewer from decisions")} == {"bob"}
    assert conn.execute("select count(*) from decisions where note is not null").fetchone() == (0,)
    conn.close()
    bob = Store(tmp_path / "b.db")
    load_share(bob, tmp_path / "bob.share")
    assert [(d.record_id, d.label) for d in current_decisions(bob, STAGE)] == [(1, "exclude")]
    assert record_uids(bob) == record_uids(alice)


def test_the_schema_file_matches_the_tables_the_code_writes() -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert {t: s["const"] for t, s in schema["properties"]["tables"]["properties"].items()} == {
        t: columns(t) for t in TABLES
    }


def test_files_that_are_not_share_files_are_refused_with_one_line(tmp_path: Path) -> None:
    text = tmp_path / "notes.share"
    text.write_text("hello, this is not a database, but long enough to look like one " * 20)
    with pytest.raises(InputFileError, match="not a reviewkit share file"):
        check_share(text)
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("create table t (x)").connection.close()
    with pytest.raises(InputFileError, match="an SQLite database of another kind"):
        check_share(other)

    store = _review(tmp_path / "a.db")
    write_share(store, tmp_path / "ok.share", reviewer="bob")
    conn = sqlite3.connect(tmp_path / "ok.share")
    conn.execute("alter table decisions drop column note")
    conn.commit()
    conn.close()
    with pytest.raises(InputFileError, match=r"does not match the share format \(tables/decisions"):
        check_share(tmp_path / "ok.share")


def test_a_file_with_an_unknown_stage_stores_nothing(tmp_path: Path) -> None:
    alice = _review(tmp_path / "a.db")
    record_decision(alice, 1, STAGE, "bob", "include")
    write_share(alice, tmp_path / "d.share", kind="decisions")
    conn = sqlite3.connect(tmp_path / "d.share")
    conn.execute("update decisions set stage = 'abstracts'")
    conn.commit()
    conn.close()
    target = _review(tmp_path / "t.db")
    with pytest.raises(InputFileError, match="unknown stage"):
        merge(target, tmp_path / "d.share")


def test_decisions_on_records_this_review_lacks_are_reported_not_guessed(
    tmp_path: Path,
) -> None:
    alice = _review(tmp_path / "a.db", 2)
    bob = _copy(tmp_path, alice, "bob", "bob")
    add_test_records(bob, titled_records(1, "Found later by bob"))  # same title as nothing here
    record_decision(bob, 1, STAGE, "bob", "include")
    record_decision(bob, 3, STAGE, "bob", "include")
    bob.close()
    write_share(Store(tmp_path / "bob.db"), tmp_path / "bob.decisions", kind="decisions")

    result = merge(alice, tmp_path / "bob.decisions")
    assert result.decisions.added == 1
    [unknown] = result.decisions.unknown_records
    assert unknown.title == "Found later by bob" and unknown.n_decisions == 1
    assert len(current_decisions(alice, STAGE)) == 1


def test_the_latest_decision_is_the_same_whichever_copy_merges_first(tmp_path: Path) -> None:
    # One reviewer on two machines: "latest" must be by time, not by local row id.
    a = _review(tmp_path / "a.db", 1)
    b = _copy(tmp_path, a, "alice", "b")
    record_decision(b, 1, STAGE, "alice", "exclude")  # earlier, on her laptop
    time.sleep(0.01)  # times are kept to the millisecond
    record_decision(a, 1, STAGE, "alice", "include")  # later, on her desktop
    write_share(b, tmp_path / "b.decisions", kind="decisions")
    write_share(a, tmp_path / "a.decisions", kind="decisions")
    merge(a, tmp_path / "b.decisions")
    merge(b, tmp_path / "a.decisions")
    assert [d.label for d in current_decisions(a, STAGE)] == ["include"]
    assert [d.label for d in current_decisions(b, STAGE)] == ["include"]


def _with_document(store: Store) -> None:
    with store.write() as db:
        db["documents"].insert(
            {"sha256": "d1", "path": "p.pdf", "kind": "pdf", "n_pages": 1, "ingested_at": "t"}
        )
        db["pages"].insert({"doc_sha256": "d1", "number": 1, "text": "Integration is joint."})


class _Value:
    field = "definition"
    value = "joint"
    evidence = [Evidence(1, "joint", 15, 20)]
    method = "pattern"
    confidence = 0.9


def test_extracted_values_merge_once_and_keep_their_chains(tmp_path: Path) -> None:
    alice = _review(tmp_path / "a.db", 1)
    _with_document(alice)
    add_proposals(alice, "d1", "integration", [_Value()])
    bob = _copy(tmp_path, alice, "bob", "bob")
    assert [v.status for v in current_values(bob)] == ["proposed"]  # the proposal came along

    [proposal] = current_values(bob)
    review_value(bob, proposal.id, "edited", "bob", value="joint working")
    write_share(bob, tmp_path / "bob.decisions", kind="decisions")

    first = merge(alice, tmp_path / "bob.decisions")
    assert (first.values.added, first.values.present) == (1, 1)
    assert [(v.status, v.reviewer, v.value) for v in current_values(alice)] == [
        ("edited", "bob", "joint working")
    ]
    second = merge(alice, tmp_path / "bob.decisions")
    assert (second.values.added, second.values.present) == (0, 2)
    assert alice.db.execute("select count(*) from extractions").fetchone() == (2,)


def test_a_proposal_made_on_both_machines_is_not_doubled(tmp_path: Path) -> None:
    alice = _review(tmp_path / "a.db", 1)
    _with_document(alice)
    bob = _copy(tmp_path, alice, "bob", "bob")
    add_proposals(alice, "d1", "integration", [_Value()])
    add_proposals(bob, "d1", "integration", [_Value()])  # bob ran extraction himself
    [proposal] = current_values(bob)
    review_value(bob, proposal.id, "accepted", "bob")
    write_share(bob, tmp_path / "bob.decisions", kind="decisions")

    result = merge(alice, tmp_path / "bob.decisions")
    assert (result.values.added, result.values.matched) == (1, 1)
    assert [(v.status, v.reviewer) for v in current_values(alice)] == [("accepted", "bob")]


def test_values_about_documents_not_ingested_here_are_reported(tmp_path: Path) -> None:
    alice = _review(tmp_path / "a.db", 1)
    bob = _copy(tmp_path, alice, "bob", "bob")
    _with_document(bob)
    add_proposals(bob, "d1", "integration", [_Value()])
    write_share(bob, tmp_path / "bob.decisions", kind="decisions")
    result = merge(alice, tmp_path / "bob.decisions")
    assert result.values.unknown_documents == {"d1": 1} and result.values.added == 0
