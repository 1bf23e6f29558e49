"""`t`: counts per stage, kappa, inclusion rate and the stopping estimate."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.table import Table
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Footer, Header, Static

from reviewkit.errors import ReviewkitError
from reviewkit.tui import backend
from reviewkit.tui.screens.base import ReviewScreen

if TYPE_CHECKING:
    from reviewkit.screen.status import ReviewStatus


def stats_table(status: ReviewStatus) -> Table:
    """The per-stage table of the review's status."""
    table = Table(
        title=f"{status.records} records · {status.duplicates} duplicates · "
        f"{status.documents} full texts",
        expand=True,
    )
    table.add_column("stage", no_wrap=True)
    for column in (
        "screened",
        "include",
        "exclude",
        "maybe",
        "inclusion",
        "conflicts",
        "kappa",
        "stopping",
    ):
        table.add_column(column)
    for stage, s in status.stages.items():
        rate = f"{s.include / s.screened:.0%}" if s.screened else "–"
        table.add_row(
            stage,
            str(s.screened),
            str(s.include),
            str(s.exclude),
            str(s.maybe),
            rate,
            str(s.conflicts),
            f"{s.kappa:.2f}" if s.kappa is not None else "–",
            s.stop.describe() if s.stop is not None else "–",
        )
    return table


def reviewers_table(status: ReviewStatus) -> Table:
    """A table of each reviewer and how many decisions they recorded."""
    table = Table(title="Reviewers", expand=True)
    table.add_column("reviewer")
    table.add_column("decisions")
    for name, n in status.reviewers.items():
        table.add_row(name, str(n))
    return table


class StatsScreen(ReviewScreen):
    """Review statistics, computed in a worker (kappa and stopping load scikit-learn)."""

    CSS_PATH = "stats.tcss"
    HELP_TITLE = "statistics"
    BINDINGS = [
        Binding("escape", "back", "Back", tooltip="Back to screening."),
        Binding("t", "back", "Back", show=False, tooltip="Back to screening."),
        Binding("g", "refresh_stats", "Refresh", tooltip="Compute the statistics again."),
    ]

    class Computed(Message):
        """Posted by `compute`: the status, or None and the error that stopped it."""

        def __init__(self, status: ReviewStatus | None, error: str = "") -> None:
            super().__init__()
            self.status = status
            self.error = error

    def __init__(self) -> None:
        super().__init__()
        self.status: ReviewStatus | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll():
            yield Static("Computing…", id="stats-stages", markup=False)
            yield Static(id="stats-reviewers", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.action_refresh_stats()

    def action_refresh_stats(self) -> None:
        self.query_one("#stats-stages", Static).update("Computing…")
        self.compute()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def compute(self) -> None:
        """Compute the review's status in a worker thread (its own store connection)."""
        app = self.review
        try:
            with app.open_store() as store:
                status = backend.status(store, app.config)
        except ReviewkitError as exc:
            self.post_message(self.Computed(None, str(exc)))
            return
        self.post_message(self.Computed(status))

    @on(Computed)
    def _computed(self, message: Computed) -> None:
        self.status = message.status
        if message.status is None:
            self.query_one("#stats-stages", Static).update(f"Could not compute: {message.error}")
            return
        self.query_one("#stats-stages", Static).update(stats_table(message.status))
        self.query_one("#stats-reviewers", Static).update(reviewers_table(message.status))

    def action_back(self) -> None:
        self.dismiss(None)
