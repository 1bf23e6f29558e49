"""kill -9 in the middle of `reviewkit import`, run it again: every record stored exactly once.

An import is one transaction: killed at any moment it leaves the review as it
was (and sound: SQLite's integrity check passes), and the rerun stores each
record once; a third run says the file was already imported.
"""

from __future__ import annotations

import csv
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from reviewkit.store import DB_NAME, init_project

N = 6000
WORDS = [
    "integrated",
    "care",
    "older",
    "people",
    "health",
    "social",
    "services",
    "community",
    "hospital",
    "discharge",
]


def _big_csv(path: Path) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(["record_id", "title", "abstract", "authors", "year", "pmid"])
        for i in range(N):
            words = [WORDS[(i * 7 + k * 3) % len(WORDS)] for k in range(9)]
            out.writerow(
                [
                    f"rec-{i}",
                    f"{' '.join(words)} study {i}",
                    f"Record {i}. " + " ".join(WORDS[(i + k) % len(WORDS)] for k in range(150)),
                    f"Author{i % 300}, A; Other, B",
                    1990 + i % 30,
                    str(30_000_000 + i),
                ]
            )


def _rk(review: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    return subprocess.run(
        [sys.executable, "-m", "reviewkit", *args],
        cwd=review,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _counts(db: Path) -> tuple[int, int, int]:
    with sqlite3.connect(db, timeout=30) as conn:
        records, keys = conn.execute(
            "select count(*), count(distinct source_key) from records"
        ).fetchone()
        imports = conn.execute("select count(*) from imports").fetchone()[0]
    return int(records), int(keys), int(imports)


def test_kill_9_during_an_import_then_rerun_stores_every_record_once(tmp_path: Path) -> None:
    data = tmp_path / "search.csv"
    _big_csv(data)
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    killed = None
    for attempt, delay in enumerate((2.0, 1.2, 0.8, 0.5)):
        review = init_project(tmp_path / f"review-{attempt}")
        db = review / DB_NAME
        wal = Path(f"{db}-wal")
        start_wal = wal.stat().st_size if wal.exists() else 0
        proc = subprocess.Popen(
            [sys.executable, "-m", "reviewkit", "import", str(data)],
            cwd=review,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        began = time.monotonic()
        # Kill once the import's transaction has begun writing pages, or after `delay`.
        while time.monotonic() - began < delay and proc.poll() is None:
            if wal.exists() and wal.stat().st_size > start_wal + 1_000_000:
                break
            time.sleep(0.02)
        proc.send_signal(signal.SIGKILL)
        out, _ = proc.communicate(timeout=60)
        if proc.returncode == -signal.SIGKILL and "records," not in out:
            killed = review
            break
    assert killed is not None, "every import finished before kill -9 reached it"
    db = killed / DB_NAME

    doctor = _rk(killed, "doctor")
    assert doctor.returncode == 0 and ": ok" in doctor.stdout, doctor.stderr
    assert _counts(db) == (0, 0, 0)  # one transaction: nothing of the killed import stored

    rerun = _rk(killed, "import", str(data))
    assert rerun.returncode == 0, rerun.stderr
    assert f"{N} records, {N} new, 0 duplicates" in rerun.stdout
    assert _counts(db) == (N, N, 1)
    again = _rk(killed, "import", str(data))
    assert again.returncode == 0 and "already imported" in again.stdout
    assert _counts(db) == (N, N, 1)
    assert _rk(killed, "doctor").returncode == 0
