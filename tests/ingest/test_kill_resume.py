"""kill -9 in the middle of an ingest batch, run it again: every file stored exactly once."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reviewkit.store import DB_NAME, init_project
from tests.conftest import CORPUS

N_FILES = 24


def _distinct_copies(folder: Path) -> None:
    """Copies of the committed corpus PDFs made distinct by a trailing PDF comment."""
    sources = sorted(CORPUS.glob("*.pdf"))
    folder.mkdir()
    for i in range(N_FILES):
        data = sources[i % len(sources)].read_bytes() + f"\n% copy {i}\n".encode()
        (folder / f"paper_{i:02d}.pdf").write_bytes(data)


def _count(db: Path, sql: str) -> int:
    with sqlite3.connect(db, timeout=30) as conn:
        return int(conn.execute(sql).fetchone()[0])


def _ingest(review: Path, folder: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "reviewkit",
            "ingest",
            str(folder),
            "--project",
            str(review),
            "--jobs",
            "1",
            "--no-extract",
            "--no-embed",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


@pytest.mark.slow
def test_killed_batch_resumes_and_stores_every_file_once(tmp_path: Path) -> None:
    review = init_project(tmp_path / "review")
    folder = tmp_path / "pdfs"
    _distinct_copies(folder)
    db = review / DB_NAME

    proc = _ingest(review, folder)
    deadline = time.monotonic() + 120
    while _count(db, "select count(*) from documents") < 3:
        assert proc.poll() is None, "the batch finished before it could be killed"
        assert time.monotonic() < deadline
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)  # the CLI and its worker processes
    proc.wait()
    stored_before = _count(db, "select count(*) from documents")
    assert 3 <= stored_before < N_FILES

    rerun = _ingest(review, folder)
    output = rerun.communicate(timeout=300)[0].decode()
    assert rerun.returncode == 0, output
    assert f"ingested {N_FILES - stored_before}, unchanged {stored_before}, failed 0" in output

    assert _count(db, "select count(*) from files") == N_FILES
    assert _count(db, "select count(*) from documents") == N_FILES
    assert (
        _count(
            db,
            "select count(*) from documents d where n_pages != "
            "(select count(*) from pages p where p.doc_sha256 = d.sha256)",
        )
        == 0
    )
    assert (
        _count(
            db, "select count(*) from pages where doc_sha256 not in (select sha256 from documents)"
        )
        == 0
    )
    assert _count(db, "select count(*) from ingest_failures") == 0
