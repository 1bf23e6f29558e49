"""Share and merge a large review: seconds per command and share-file size.

Alice's review holds 50,000 records (or --records N) and 10,000 of her
decisions. `reviewkit share --reviewer bob` writes bob's blinded copy, `init
--from` opens it, bob makes 10,000 decisions there, and alice merges his
folder back (20,000 decisions in all), then merges it once more (a no-op) and
merges his `export decisions` file. Every command runs as a real `reviewkit`
process, the way a reviewer runs it.

The baseline, measured in the same run, is SQLite's online backup of alice's
database: the least a command copying the review can cost. Ratios are
command / baseline; the file-size ratio is share file / alice's database.

Records are drawn from the benchmark datasets in ../shared/screening (with
replacement, titles made distinct so none is linked as a duplicate).

Usage::

    python benchmarks/share_merge.py [--records 50000] [--decisions 10000]
"""

from __future__ import annotations

import argparse
import csv
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SHARED = REPO.parent / "shared"
sys.path.insert(0, str(REPO))

from reviewkit.screen.datasets import load_labelled_csv  # noqa: E402
from reviewkit.store import Store  # noqa: E402
from reviewkit.store.decisions import record_decision  # noqa: E402
from reviewkit.store.records import record_ids  # noqa: E402


def write_records(path: Path, n_records: int, shared: Path) -> None:
    """A CSV of `n_records` distinct records drawn from the benchmark datasets."""
    data = [load_labelled_csv(p) for p in sorted((shared / "screening").glob("*.csv"))]
    if not data:
        sys.exit(f"no datasets in {shared / 'screening'}: pass --shared DIR (the ../shared folder)")
    titles = [t for d in data for t in d.titles]
    abstracts = [a for d in data for a in d.abstracts]
    rows = np.random.default_rng(0).choice(len(titles), size=n_records, replace=True)
    with path.open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["title", "abstract", "year"])
        for k, i in enumerate(rows):
            out.writerow([f"{titles[i]} (copy {k})", abstracts[i], 1990 + k % 35])


def reviewkit(*args: str | Path) -> float:
    """Run one reviewkit command; its wall-clock seconds."""
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(REPO)}
    t0 = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "reviewkit", *map(str, args)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    seconds = time.perf_counter() - t0
    if done.returncode:
        sys.exit(f"reviewkit {' '.join(map(str, args))} failed:\n{done.stderr}")
    return seconds


def decide_many(folder: Path, reviewer: str, n: int, seed: int) -> None:
    """`n` decisions by `reviewer` on records drawn at random (not timed: setup)."""
    with Store(folder / "reviewkit.db") as store:
        ids = record_ids(store)
        rng = np.random.default_rng(seed)
        for record_id in rng.choice(ids, size=min(n, len(ids)), replace=False):
            label = "include" if rng.random() < 0.1 else "exclude"
            record_decision(store, int(record_id), "title-abstract", reviewer, label)


def backup_seconds(db: Path, into: Path) -> float:
    t0 = time.perf_counter()
    src, dst = sqlite3.connect(db), sqlite3.connect(into)
    with dst:
        src.backup(dst)
    src.close()
    dst.close()
    return time.perf_counter() - t0


def decision_count(folder: Path) -> int:
    with sqlite3.connect(folder / "reviewkit.db") as conn:
        return int(conn.execute("select count(*) from decisions").fetchone()[0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=50_000)
    parser.add_argument("--decisions", type=int, default=10_000, help="per reviewer")
    parser.add_argument("--shared", type=Path, default=SHARED, help="the ../shared folder")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        alice, bob = root / "alice", root / "bob"
        share_file, decisions_file = root / "bob.rkshare", root / "bob-decisions.rkshare"
        write_records(root / "records.csv", args.records, args.shared)
        reviewkit("init", alice)
        setup = reviewkit("import", root / "records.csv", "--project", alice)
        decide_many(alice, "alice", args.decisions, seed=1)
        print(
            f"{args.records} records imported in {setup:.1f} s; "
            f"{decision_count(alice)} decisions by alice"
        )

        baseline = backup_seconds(alice / "reviewkit.db", root / "backup.db")
        timings = {
            "share": reviewkit("share", "--reviewer", "bob", "-o", share_file, "--project", alice)
        }
        timings["init --from"] = reviewkit("init", bob, "--from", share_file)
        decide_many(bob, "bob", args.decisions, seed=2)
        timings["export decisions"] = reviewkit(
            "export", "decisions", "-o", decisions_file, "--project", bob
        )
        timings["merge (folder)"] = reviewkit("merge", bob, "--project", alice)
        merged = decision_count(alice)
        timings["merge again (no-op)"] = reviewkit("merge", bob, "--project", alice)
        timings["merge (decisions file, no-op)"] = reviewkit(
            "merge", decisions_file, "--project", alice
        )
        assert decision_count(alice) == merged == 2 * args.decisions, "merge lost or doubled rows"

        print(f"baseline: SQLite online backup of alice's db {baseline:.2f} s")
        print(f"(start-up of any reviewkit command: {reviewkit('--version'):.2f} s)")
        print(f"{'command':32} {'seconds':>8} {'x backup':>9}")
        for name, seconds in timings.items():
            print(f"{name:32} {seconds:8.2f} {seconds / baseline:9.1f}")
        db_size = (alice / "reviewkit.db").stat().st_size
        for name, path in [("share file", share_file), ("decisions file", decisions_file)]:
            size = path.stat().st_size
            print(f"{name}: {size / 1e6:.1f} MB ({size / db_size:.2f}x alice's db)")
        print(f"after merge: {merged} decisions in alice's review (expected {2 * args.decisions})")


if __name__ == "__main__":
    main()
