"""Run parse tasks in worker processes, each file under a time limit.

Workers are long-lived (models warm up once per worker), but every task has a
deadline: a worker that overruns it, crashes or is killed is replaced and the
file is reported as failed; the batch goes on.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any, Generic, TypeVar

from reviewkit.errors import InputFileError

T = TypeVar("T")


@dataclass(frozen=True)
class Failure:
    """Why a task produced no result: a short reason and a one-line message."""

    reason: str
    message: str


@dataclass(frozen=True)
class Done(Generic[T]):
    """A task and what came of it: a result or a failure."""

    task: Any
    result: T | None = None
    failure: Failure | None = None


def _serve(conn: Connection, func: Callable[[Any], Any]) -> None:
    """Worker loop: receive a task, send ("ok", result) or ("error", reason, message)."""
    while True:
        try:
            task = conn.recv()
        except EOFError:
            return
        if task is None:
            return
        try:
            conn.send(("ok", func(task)))
        except InputFileError as exc:
            conn.send(("error", exc.reason, str(exc)))
        except MemoryError:
            conn.send(
                (
                    "error",
                    "memory",
                    f"{_name(task)}: ran out of memory; raise ingest.max_pages or split the file",
                )
            )
        except Exception as exc:  # noqa: BLE001 - the batch must go on; the user is told.
            conn.send(
                (
                    "error",
                    "crash",
                    f"{_name(task)}: could not be read ({type(exc).__name__}: {exc}); "
                    "if it opens in a PDF viewer, re-save it from there, else report it",
                )
            )


def _name(task: Any) -> str:
    return str(getattr(task, "path", task))


class _Worker:
    def __init__(self, ctx: Any, func: Callable[[Any], Any]) -> None:
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_serve, args=(child, func), daemon=True)
        self.process.start()
        child.close()
        self.task: Any = None
        self.deadline = 0.0

    def give(self, task: Any, timeout: float) -> None:
        self.task = task
        self.deadline = time.monotonic() + timeout
        self.conn.send(task)

    def stop(self, kill: bool = False) -> None:
        if kill:
            self.process.kill()
        else:
            with contextlib.suppress(BrokenPipeError, OSError):
                self.conn.send(None)
        self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()


def default_jobs() -> int:
    """One worker per CPU core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def run_tasks(
    func: Callable[[Any], T],
    tasks: Iterable[Any],
    *,
    jobs: int = 0,
    timeout: float = 120.0,
) -> Iterator[Done[T]]:
    """Yield a :class:`Done` for every task, in completion order.

    Args:
        func: a module-level function (it is pickled to the workers).
        tasks: picklable task objects.
        jobs: worker processes; 0 means one per core.
        timeout: seconds one task may take before its worker is killed.
    """
    pending = deque(tasks)
    if not pending:
        return
    method = "forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn"
    ctx = mp.get_context(method)
    n = min(jobs or default_jobs(), len(pending))
    idle = [_Worker(ctx, func) for _ in range(n)]
    busy: list[_Worker] = []
    try:
        while pending or busy:
            while idle and pending:
                worker = idle.pop()
                worker.give(pending.popleft(), timeout)
                busy.append(worker)
            now = time.monotonic()
            wait_for = max(0.0, min(w.deadline for w in busy) - now)
            ready = wait(
                [w.conn for w in busy] + [w.process.sentinel for w in busy], timeout=wait_for
            )
            for worker in list(busy):
                done = _outcome(worker, ready, timeout)
                if done is None:
                    continue
                busy.remove(worker)
                if done.failure is None:
                    idle.append(worker)
                else:  # the worker may be hung or half-dead: replace it
                    worker.stop(kill=True)
                    idle.append(_Worker(ctx, func))
                yield done
    finally:
        for worker in idle + busy:
            worker.stop(kill=worker in busy)


def _outcome(worker: _Worker, ready: list[Any], timeout: float) -> Done[Any] | None:
    """What became of a busy worker's task: a Done, or None while it still runs."""
    if worker.conn in ready:
        try:
            return _done(worker.task, worker.conn.recv())
        except (EOFError, OSError):
            pass  # died mid-send: reported as a crash below
    name = _name(worker.task)
    if not worker.process.is_alive() or worker.process.sentinel in ready:
        worker.process.join(timeout=1)
        return Done(
            worker.task,
            failure=Failure(
                "crash",
                f"{name}: the parser process died (exit code {worker.process.exitcode}); "
                "the file may be damaged, try re-saving it",
            ),
        )
    if time.monotonic() >= worker.deadline:
        return Done(
            worker.task,
            failure=Failure(
                "timeout",
                f"{name}: still parsing after {timeout:g} s, stopped; raise "
                "ingest.timeout_seconds in reviewkit.toml or lower ingest.max_pages",
            ),
        )
    return None


def _done(task: Any, message: tuple[Any, ...]) -> Done[Any]:
    if message[0] == "ok":
        return Done(task, result=message[1])
    return Done(task, failure=Failure(message[1], message[2]))
