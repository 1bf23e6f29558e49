"""Embedding after ingest, in a background `reviewkit index` process.

Ingest stores text and keyword-indexes it at once; the slow step, embedding
(about 20 passages per second on 2 cores), runs afterwards in a detached,
low-priority `reviewkit index` so the reviewer can search by keyword and
screen while it works. One indexer per review: its pid is kept in
``reviewkit.index.pid`` beside the database while it runs, and its output in
``reviewkit.index.log``. A foreground `reviewkit index` waits for a running
one and then finishes whatever is left (usually nothing).
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

PID_FILE = "reviewkit.index.pid"
LOG_FILE = "reviewkit.index.log"


def running_indexer(folder: Path) -> int | None:
    """The pid of the review's running indexer, or None (a stale pid file is ignored)."""
    try:
        pid = int((folder / PID_FILE).read_text(encoding="utf-8").strip())
    except (OSError, ValueError):
        return None
    if pid == os.getpid():
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:
        return pid  # alive, another user's
    return pid


def start_indexer(folder: Path) -> tuple[int, bool]:
    """Start `reviewkit index` for `folder` in the background, unless one runs.

    Returns:
        (pid, started): the indexer's pid, and False when it was already running.
    """
    pid = running_indexer(folder)
    if pid is not None:
        return pid, False
    with open(folder / LOG_FILE, "ab") as log:
        child = subprocess.Popen(
            [sys.executable, "-m", "reviewkit", "index", "--project", str(folder), "--quiet"],
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=log,
            start_new_session=True,  # survives the terminal closing; not killed with ingest
            preexec_fn=_lower_priority,
        )
    # Claimed for the child at once, so a `reviewkit index` run straight after
    # waits for it instead of racing it; the child takes the file over.
    _claim(folder, child.pid)
    return child.pid, True


def _claim(folder: Path, pid: int) -> bool:
    """Create the pid file holding `pid`, whole (written, then linked); False if it exists."""
    tmp = folder / f".{PID_FILE}.{os.getpid()}.{pid}"
    tmp.write_text(str(pid), encoding="utf-8")
    try:
        os.link(tmp, folder / PID_FILE)
        return True
    except FileExistsError:
        return False
    finally:
        tmp.unlink()


def _lower_priority() -> None:
    with contextlib.suppress(OSError):
        os.nice(10)


@contextlib.contextmanager
def indexer_lock(folder: Path, *, poll: float = 0.5) -> Iterator[int | None]:
    """Hold the review's indexer pid file for the block.

    Waits while another indexer holds it; yields that indexer's pid (None
    when nobody was running) so the caller can say it waited.
    """
    waited = running_indexer(folder)
    path = folder / PID_FILE
    while not _claim(folder, os.getpid()):
        if running_indexer(folder) is None:  # stale, or claimed for us by `ingest`
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
        else:
            time.sleep(poll)
    try:
        yield waited
    finally:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
