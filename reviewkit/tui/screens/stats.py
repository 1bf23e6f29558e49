"""`t`: counts per stage, kappa, inclusion rate and the stopping estimate."""

from __future__ import annotations

from typing import Any

from rich.table import Table
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Footer, Header, Static

from reviewkit.errors import ReviewkitError
from reviewkit.tui import engine
from reviewkit.tui.engine import describe_stop
from reviewkit.tui.screens.base import ReviewScreen


def stats_table(status: dict[str, Any]) -> Table:
    """The per-stage table of a `review_status` dict (schema reviewkit.status/1)."""
    table = Table(
        title=f"{status.get('records', 0)} records · "
        f"{status.get('duplicates', 0)} duplicates · "
        f"{status.get('documents', 0)} full texts",
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
    for stage, s in status.get("stages", {}).items():
        screened = s.get("screened", 0)
        rate = f"{s.get('include', 0) / screened:.0%}" if screened else "–"
        kappa = s.get("kappa")
        table.add_row(
            stage,
            str(screened),
            str(s.get("include", 0)),
            str(s.get("exclude", 0)),
            str(s.get("maybe", 0)),
            rate,
            str(s.get("conflicts", 0)),
            f"{kappa:.2f}" if isinstance(kappa, int | float) else "–",
            describe_stop(s.get("stop")) if s.get("stop") else "–",
        )
    return table


def reviewers_table(status: dict[str, Any]) -> Table:
    """A table of each reviewer and how many decisions they recorded."""
    table = Table(title="Reviewers", expand=True)
    table.add_column("reviewer")
    table.add_column("decisions")
    for name, r in status.get("reviewers", {}).items():
        table.add_row(name, str(r.get("decisions", 0)))
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

        def __init__(self, status: dict[str, Any] | None, error: str = "") -> None:
            super().__init__()
            self.status = status
            self.error = error

    def __init__(self) -> None:
        super().__init__()
        self.status: dict[str, Any] | None = None

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
                status = engine.status(store, app.config)
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
