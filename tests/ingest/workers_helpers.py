"""Task functions for worker tests: importable by worker processes."""

from __future__ import annotations

import os
import time

from reviewkit.errors import CorruptPdfError


def behave(task: str) -> str:
    """Do what the task's name says: ok, sleep, crash, raise, bad."""
    if task.startswith("sleep"):
        time.sleep(30)
    if task.startswith("crash"):
        os._exit(3)
    if task.startswith("bad"):
        raise CorruptPdfError(task, "truncated or corrupt PDF", "re-download it")
    if task.startswith("raise"):
        raise RuntimeError("boom")
    return task.upper()
