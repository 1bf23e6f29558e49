"""The screening app and the one factory the CLI and the tests share."""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable
from contextlib import redirect_stderr
from multiprocessing.pool import AsyncResult, Pool
from pathlib import Path
from typing import TypeVar

from textual.app import App
from textual.binding import Binding
from textual.worker import get_current_worker

from reviewkit.config import Config, save_config, with_value
from reviewkit.store.db import Store
from reviewkit.store.decisions import reviewers
from reviewkit.tui.dialogs.prompt import TextPrompt
from reviewkit.tui.session import FULL_TEXT, TITLE_ABSTRACT
from reviewkit.vocabulary import check_stage

#: Retrain the prioritisation model after this many new decisions.
RETRAIN_EVERY = 5

T = TypeVar("T")


def quiet_child() -> None:
    """Set up the model process: output to /dev/null (the TUI owns the terminal)
    and a lower CPU priority (the UI process comes first on a busy machine)."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    os.nice(10)


class ReviewApp(App[None]):
    """`reviewkit screen`: screen records, resolve conflicts, review extractions.

    Args:
        store: the review, used on the UI thread only; workers open their own.
        config: the review's settings (keyword lists are saved back to its path).
        reviewer: who is screening; None asks at start.
        stage: ``"title-abstract"`` or ``"full-text"``.
        retrain_every: decisions between background retrains; 0 turns the model
            off (no retraining, no stopping estimate; for tests).
    """

    CSS_PATH = "app.tcss"
    TITLE = "reviewkit"
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", show=False)]

    def __init__(
        self,
        store: Store,
        config: Config,
        *,
        reviewer: str | None = None,
        stage: str = TITLE_ABSTRACT,
        retrain_every: int = RETRAIN_EVERY,
    ) -> None:
        super().__init__()
        check_stage(stage)
        self.store = store
        self.config = config
        self.reviewer = reviewer
        self.stage = stage
        self.retrain_every = retrain_every
        self.sub_title = f"{stage} screening"
        self._model_pool: Pool | None = None

    @property
    def db_path(self) -> str:
        """The database file workers open their own Store on."""
        return self.store.path

    def open_store(self) -> Store:
        """A new connection for a worker thread (SQLite connections are per thread)."""
        if self.db_path == ":memory:":
            raise RuntimeError("background work needs a review on disk, not :memory:")
        return Store(self.db_path)

    def run_model(self, job: Callable[..., T], *args: object) -> T | None:
        """From a thread worker: run `job(*args)` in the model process and wait.

        Returns:
            The job's result, or None when the worker was cancelled (the
            screen closed or the app quit) while waiting.
        """
        pending = self.submit_model(job, *args)
        worker = get_current_worker()
        while not worker.is_cancelled:
            try:
                return pending.get(timeout=0.25)
            except multiprocessing.TimeoutError:
                continue
        return None

    def submit_model(self, job: Callable[..., T], *args: object) -> AsyncResult[T]:
        """Run `job(*args)` in the model process, started on first use.

        Fitting holds the GIL for seconds; in its own process it cannot slow
        the UI. "spawn", because forking a process with running threads is
        unsafe; the child's output goes to /dev/null so it cannot draw over
        the screen. Quitting terminates the process: a ranking being written
        is rolled back by SQLite, and the next start retrains anyway.
        """
        # Textual replaces sys.stderr with an object without a real file
        # descriptor; starting multiprocessing's helper processes needs one.
        with redirect_stderr(sys.__stderr__):
            if self._model_pool is None:
                context = multiprocessing.get_context("spawn")
                self._model_pool = context.Pool(1, initializer=quiet_child)
            return self._model_pool.apply_async(job, args)

    def on_unmount(self) -> None:
        if self._model_pool is not None:
            self._model_pool.terminate()

    def on_mount(self) -> None:
        if self.config.text("review.title"):
            self.title = f"reviewkit · {self.config.text('review.title')}"
        if self.reviewer:
            self._start(self.reviewer)
            return
        self.push_screen(
            TextPrompt(
                "Who is screening? (your reviewer name)",
                placeholder="e.g. alice",
                suggestions=reviewers(self.store),
            ),
            self._start,
        )

    def _start(self, reviewer: str | None) -> None:
        if not reviewer:
            self.exit()
            return
        self.reviewer = reviewer
        self.sub_title = f"{self.stage} screening · {reviewer}"
        if self.stage == FULL_TEXT:
            from reviewkit.tui.screens.fulltext import FullTextScreen

            self.push_screen(FullTextScreen())
        else:
            from reviewkit.tui.screens.screening import ScreeningScreen

            self.push_screen(ScreeningScreen())

    def save_keywords(self, include: list[str], exclude: list[str]) -> None:
        """Keep new keyword lists in the app and in reviewkit.toml."""
        config = with_value(self.config, "screening.include_keywords", include)
        config = with_value(config, "screening.exclude_keywords", exclude)
        self.config = config
        if config.path is not None:
            save_config(config, Path(config.path))


def make_app(
    store: Store,
    config: Config,
    *,
    reviewer: str | None = None,
    stage: str = TITLE_ABSTRACT,
    retrain_every: int = RETRAIN_EVERY,
) -> ReviewApp:
    """Build the screening app (used by `reviewkit screen` and by the tests)."""
    return ReviewApp(store, config, reviewer=reviewer, stage=stage, retrain_every=retrain_every)
