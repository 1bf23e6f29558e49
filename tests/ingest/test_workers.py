"""Worker processes: every task ends in a result or a failure, and the batch goes on."""

from __future__ import annotations

from reviewkit.ingest.workers import run_tasks
from tests.ingest.workers_helpers import behave


def test_results_failures_crashes_and_hangs_are_all_reported() -> None:
    tasks = ["ok1", "sleep", "crash", "bad.pdf", "raise", "ok2", "ok3"]
    done = {d.task: d for d in run_tasks(behave, tasks, jobs=2, timeout=2.0)}

    assert set(done) == set(tasks)
    assert done["ok1"].result == "OK1" and done["ok3"].result == "OK3"
    assert done["sleep"].failure and done["sleep"].failure.reason == "timeout"
    assert done["crash"].failure and done["crash"].failure.reason == "crash"
    assert done["bad.pdf"].failure and done["bad.pdf"].failure.reason == "corrupt"
    assert done["bad.pdf"].failure.message == "bad.pdf: truncated or corrupt PDF; re-download it"
    assert done["raise"].failure and "RuntimeError: boom" in done["raise"].failure.message


def test_no_tasks_starts_no_workers() -> None:
    assert list(run_tasks(behave, [], jobs=2)) == []
