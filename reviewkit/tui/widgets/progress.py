"""The screening progress: screened / total, includes so far, stopping estimate."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import ProgressBar, Static


class ScreeningProgress(Horizontal):
    """A progress bar with a one-line summary beside it.

    The parent calls :meth:`set_counts` and :meth:`set_stop`; the widget only
    formats them.
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.screened = 0
        self.total = 0
        self.included = 0
        self.stop_text = "not estimated yet"

    def compose(self) -> ComposeResult:
        yield ProgressBar(total=1, show_eta=False, id="progress-bar")
        yield Static(id="progress-text", markup=False)

    def set_counts(self, screened: int, total: int, included: int) -> None:
        """Show how many records are screened and included."""
        self.screened, self.total, self.included = screened, total, included
        self.query_one(ProgressBar).update(total=max(total, 1), progress=screened)
        self._refresh_text()

    def set_stop(self, text: str) -> None:
        """Show the stopping rule's latest verdict."""
        self.stop_text = text
        self._refresh_text()

    @property
    def summary(self) -> str:
        """The progress line: screened of total, included, and the stopping rule's verdict."""
        return (
            f"{self.screened}/{self.total} screened · {self.included} included · "
            f"stop: {self.stop_text}"
        )

    def _refresh_text(self) -> None:
        self.query_one("#progress-text", Static).update(self.summary)
