"""Four real processes record 500 decisions each into one review at once: none lost or doubled."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from reviewkit.store import DB_NAME, Store, init_project
from reviewkit.store.records import record_ids
from tests.conftest import add_test_records, titled_records

WORKER = """
import sys
from reviewkit.store import Store
from reviewkit.store.decisions import record_decision
path, reviewer, ids = sys.argv[1], sys.argv[2], [int(i) for i in sys.argv[3].split(",")]
store = Store(path)
for n, rid in enumerate(ids):
    record_decision(store, rid, "title-abstract", reviewer, ("include", "exclude", "maybe")[n % 3],
                    note=f"{reviewer}-{n}")
store.close()
"""


@pytest.mark.slow
def test_four_processes_500_decisions_each(tmp_path: Path) -> None:
    folder = init_project(tmp_path / "review")
    db = folder / DB_NAME
    with Store(db) as store:
        add_test_records(store, titled_records(500, "Concurrent record {i}"))
        ids = ",".join(map(str, record_ids(store)))
    procs = [
        subprocess.Popen([sys.executable, "-c", WORKER, str(db), f"rev{k}", ids]) for k in range(4)
    ]
    assert [p.wait(timeout=300) for p in procs] == [0, 0, 0, 0]
    with Store(db) as store:
        rows = store.db.execute(
            "select reviewer, count(*), count(distinct note), count(distinct record_id) "
            "from decisions group by reviewer order by reviewer"
        ).fetchall()
        assert rows == [(f"rev{k}", 500, 500, 500) for k in range(4)]
        total = store.db.execute("select count(*), count(distinct id) from decisions").fetchone()
        assert total == (2000, 2000)
