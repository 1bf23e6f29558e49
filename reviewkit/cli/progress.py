"""Progress bars for long commands (rich), shared by every command family."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)


def _progress(console: Any) -> Progress:
    return Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=False,
    )


@contextmanager
def progress_bar(console: Any, label: str, total: int) -> Iterator[Callable[[], None]]:
    """A bar of `total` steps; yields a function that advances it by one."""
    with _progress(console) as progress:
        task = progress.add_task(label, total=total)
        yield lambda: progress.advance(task)


@contextmanager
def callback_progress(console: Any, label: str) -> Iterator[Callable[..., None]]:
    """Yields a progress callback for library functions; the bar appears on first call.

    The callback takes ``(done, total)``, or ``(step, done, total)`` from a
    function with several steps, whose name then replaces the label.
    """
    progress: Progress | None = None
    task = None

    def callback(*args: Any) -> None:
        nonlocal progress, task
        step, (done, total) = (str(args[0]), args[1:]) if len(args) == 3 else (label, args)
        if progress is None:
            progress = _progress(console)
            progress.start()
            task = progress.add_task(step, total=total)
        assert task is not None
        progress.update(task, completed=done, total=total, description=step)

    try:
        yield callback
    finally:
        if progress is not None:
            progress.stop()
