"""Blinded dual screening across machines, with real processes: share, init --from, merge.

Every step runs `python -m reviewkit ...` in its own process, in its own
folder, as two reviewers on two laptops would.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import signal
import subprocess
import sys
from functools import partial
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from reviewkit.screen.importing import import_file
from reviewkit.store import DB_NAME, Store, init_project
from reviewkit.store.decisions import record_decision
from tests.conftest import SHARED, add_test_records, titled_records

TITLES = [
    "Integrated care teams for older people: a cohort study",
    "Pooled budgets between health and social care: a realist evaluation",
    "Statins in rats: a dose-finding study",
    "Hospital discharge planning for frail adults: a randomised trial",
    "Joint commissioning of community services: qualitative interviews",
    "Integrated care teams for older people: a cohort study",  # a duplicate of the first
]


def rk(cwd: Path, *args: str, ok: bool = True) -> subprocess.CompletedProcess[str]:
    """Run `python -m reviewkit ARGS` in `cwd`, as a user would."""
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "reviewkit", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if ok:
        assert done.returncode == 0, done.stderr
    return done


def status(cwd: Path) -> dict[str, Any]:
    report: dict[str, Any] = json.loads(rk(cwd, "status", "--json").stdout)
    schema_path = SHARED / "contracts" / "status.schema.json"
    if schema_path.is_file():
        jsonschema.validate(report, json.loads(schema_path.read_text(encoding="utf-8")))
    return report


def audit(cwd: Path) -> list[dict[str, str]]:
    rk(cwd, "export", "audit", "-o", "audit.csv")
    text = (cwd / "audit.csv").read_text(encoding="utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def decisions_of(rows: list[dict[str, str]], reviewer: str | None = None) -> set[tuple[str, ...]]:
    """Decision rows as (time, kind, reviewer, stage, record, label, reason, note)."""
    keys = ("at", "kind", "reviewer", "stage", "record_id", "label", "reason", "note")
    return {
        tuple(r[k] for k in keys)
        for r in rows
        if r["table"] == "decisions" and reviewer in (None, r["reviewer"])
    }


@pytest.fixture
def alice(tmp_path: Path) -> Path:
    """Alice's review: six records (one a duplicate), a custom exclusion reason, her decisions.

    Built in this process (the machinery under test is sharing, not importing).
    """
    folder = init_project(tmp_path / "alice")
    toml = folder / "reviewkit.toml"
    toml.write_text(
        toml.read_text(encoding="utf-8").replace('"duplicate"', '"duplicate", "animal study"'),
        encoding="utf-8",
    )
    with (tmp_path / "search.csv").open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["title", "abstract", "year", "authors"])
        for title in TITLES:
            writer.writerow([title, f"Abstract of {title}", 2020, "Smith, J"])
    with Store(folder / DB_NAME) as store:
        import_file(store, tmp_path / "search.csv")
        decide = partial(record_decision, store, stage="title-abstract", reviewer="alice")
        decide(1, label="include", note="core paper")
        decide(2, label="include")
        decide(3, label="exclude", reason="animal study")
        decide(4, label="include")
    return folder


def test_share_screen_elsewhere_and_merge_back(alice: Path, tmp_path: Path) -> None:
    shared = rk(alice, "share", "--reviewer", "bob", "-o", str(tmp_path / "bob.share"))
    assert "0 of bob's decisions" in shared.stdout

    bob = tmp_path / "bob"
    opened = rk(tmp_path, "init", str(bob), "--from", str(tmp_path / "bob.share"))
    assert "5 records, 0 documents, 0 decisions" in opened.stdout
    # Blinding: bob's copy knows the records and settings, none of alice's decisions.
    copy = status(bob)
    assert copy["records"] == 5 and copy["duplicates"] == 1
    assert copy["reviewers"] == {}
    assert copy["stages"]["title-abstract"]["screened"] == 0
    assert (bob / "reviewkit.toml").read_text() == (alice / "reviewkit.toml").read_text()

    # Bob screens with the carried exclusion reason; 2 of 4 disagree with alice.
    rk(bob, "decide", "1", "include", "--reviewer", "bob")
    rk(bob, "decide", "2", "exclude", "--reviewer", "bob", "--reason", "animal study")
    rk(bob, "decide", "3", "exclude", "--reviewer", "bob", "--note", "rats")
    rk(bob, "decide", "4", "exclude", "--reviewer", "bob")
    rk(bob, "decide", "5", "exclude", "--reviewer", "bob")
    assert status(bob)["reviewers"] == {"bob": {"decisions": 5}}

    alice_before = decisions_of(audit(alice), "alice")
    first = rk(alice, "merge", str(bob))
    assert "5 decisions added (bob 5), 0 already here" in first.stdout
    after = status(alice)
    stage = after["stages"]["title-abstract"]
    assert after["reviewers"] == {"alice": {"decisions": 4}, "bob": {"decisions": 5}}
    assert stage["conflicts"] == 2  # records 2 and 4
    assert stage["screened"] == 5
    # alice include,include,exclude,include vs bob include,exclude,exclude,exclude
    assert stage["kappa"] == pytest.approx(0.2)
    rows = audit(alice)
    assert decisions_of(rows, "alice") == alice_before
    assert decisions_of(rows, "bob") == decisions_of(audit(bob), "bob")

    second = rk(alice, "merge", str(bob))
    assert "0 decisions added, 5 already here" in second.stdout
    assert "nothing new" in second.stdout
    assert status(alice) == after
    assert audit(alice) == rows

    # The view that finds ids: decision, reasons, notes and reviewers per stage.
    view = rk(alice, "export", "records", "--decision", "all", "--with-decisions").stdout
    by_id = {r["reviewkit_id"]: r for r in csv.DictReader(io.StringIO(view.lstrip("\ufeff")))}
    assert by_id["2"]["title-abstract decision"] == "conflict"
    assert by_id["2"]["title-abstract reviewers"] == "alice=include; bob=exclude"
    assert by_id["2"]["title-abstract reason"] == "bob: animal study"
    assert by_id["3"]["title-abstract notes"] == "bob: rats"
    assert by_id["1"]["title-abstract decision"] == "include"


def test_merge_order_does_not_matter(alice: Path, tmp_path: Path) -> None:
    rk(alice, "share", "--reviewer", "bob", "-o", str(tmp_path / "bob.share"))
    rk(alice, "share", "--reviewer", "carol", "-o", str(tmp_path / "carol.share"))
    bob, third = tmp_path / "bob", tmp_path / "third"
    rk(tmp_path, "init", str(bob), "--from", str(tmp_path / "bob.share"))
    rk(tmp_path, "init", str(third), "--from", str(tmp_path / "carol.share"))
    rk(bob, "decide", "2", "exclude", "--reviewer", "bob")
    rk(bob, "decide", "3", "exclude", "--reviewer", "bob", "--note", "rats")

    # A + B
    rk(alice, "merge", str(bob))
    # C + B + A, alice's coming as a decisions file this time
    rk(third, "merge", str(bob))
    rk(alice, "export", "decisions", "-o", str(tmp_path / "alice.decisions"))
    rk(third, "merge", str(tmp_path / "alice.decisions"))

    assert decisions_of(audit(third)) == decisions_of(audit(alice))
    assert status(third) == status(alice)
    assert status(alice)["stages"]["title-abstract"]["conflicts"] == 1


def test_a_newer_share_file_is_refused_with_one_line(alice: Path, tmp_path: Path) -> None:
    rk(alice, "share", "--reviewer", "bob", "-o", str(tmp_path / "bob.share"))
    import sqlite3  # the test edits the file as a newer reviewkit would have written it

    conn = sqlite3.connect(tmp_path / "bob.share")
    manifest = json.loads(conn.execute("select json from manifest").fetchone()[0])
    conn.execute("update manifest set json = ?", [json.dumps({**manifest, "version": 2})])
    conn.commit()
    conn.close()
    done = rk(tmp_path, "init", str(tmp_path / "bob"), "--from", "bob.share", ok=False)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        "error: bob.share: written by a newer reviewkit (share format version 2; this "
        "reviewkit reads versions up to 1); upgrade reviewkit on this machine and run the "
        "command again"
    ]
    assert not (tmp_path / "bob").exists()
    merged = rk(alice, "merge", str(tmp_path / "bob.share"), ok=False)
    assert merged.returncode == 1 and "newer reviewkit" in merged.stderr
    assert "Traceback" not in merged.stderr


def _pristine_pair(tmp_path: Path, n: int) -> tuple[Path, Path]:
    """Alice's folder and bob's shared copy, bob having decided on `n` records."""
    alice = init_project(tmp_path / "alice-pristine")
    with Store(alice / DB_NAME) as store:
        add_test_records(store, titled_records(n))
        record_decision(store, 1, "title-abstract", "alice", "include")
    rk(alice, "share", "--reviewer", "bob", "-o", str(tmp_path / "bob.share"))
    bob = tmp_path / "bob"
    rk(tmp_path, "init", str(bob), "--from", str(tmp_path / "bob.share"))
    with Store(bob / DB_NAME) as store, store.write() as db:
        db.execute(
            "insert into decisions (record_id, stage, reviewer, kind, label, at) "
            "select id, 'title-abstract', 'bob', 'decision', "
            "case id % 3 when 0 then 'include' else 'exclude' end, "
            "strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now') from records"
        )
    return alice, bob


def _decision_rows(folder: Path) -> tuple[int, int, int]:
    with Store(folder / DB_NAME) as store:
        total, uids = store.db.execute(
            "select count(*), count(distinct uid) from decisions"
        ).fetchone()
        bob = store.db.execute("select count(*) from decisions where reviewer = 'bob'").fetchone()
    return int(total), int(uids), int(bob[0])


def test_kill_9_during_a_merge_then_rerun_stores_every_decision_once(tmp_path: Path) -> None:
    n = 10_000
    pristine, bob = _pristine_pair(tmp_path, n)
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    killed = False
    for attempt in range(5):
        alice = tmp_path / f"alice-{attempt}"
        shutil.copytree(pristine, alice)
        proc = subprocess.Popen(
            [sys.executable, "-m", "reviewkit", "merge", str(bob)],
            cwd=alice,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert proc.stderr is not None
        line = proc.stderr.readline()  # the first chunk is in, the transaction still open
        assert line.startswith("merging: "), line + proc.stderr.read()
        proc.send_signal(signal.SIGKILL)
        out, _ = proc.communicate(timeout=60)
        if proc.returncode == -signal.SIGKILL and "merged" not in out:
            killed = True
            break
        shutil.rmtree(alice)  # it finished before the kill landed: try again on a fresh copy
    assert killed, "the merge always finished before kill -9 reached it"
    assert ": ok" in rk(alice, "doctor").stdout  # SQLite's integrity check passes
    assert _decision_rows(alice) == (1, 1, 0)  # as before: alice's one decision

    rerun = rk(alice, "merge", str(bob))
    assert f"{n} decisions added (bob {n})" in rerun.stdout
    assert _decision_rows(alice) == (n + 1, n + 1, n)
    again = rk(alice, "merge", str(bob))
    assert "nothing new" in again.stdout
    assert _decision_rows(alice) == (n + 1, n + 1, n)
    assert ": ok" in rk(alice, "doctor").stdout
