"""The screening screen: one record at a time, a key per decision."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Footer, Header

from reviewkit.errors import ReviewkitError
from reviewkit.store.db import Store
from reviewkit.store.duplicates import identifiers
from reviewkit.tui import backend
from reviewkit.tui.dialogs.keywords import KeywordsDialog
from reviewkit.tui.dialogs.lookup import LookupDialog
from reviewkit.tui.dialogs.prompt import ChoiceDialog, TextPrompt
from reviewkit.tui.highlight import LABEL_STYLES
from reviewkit.tui.screens.base import ReviewScreen
from reviewkit.tui.session import ScreeningSession, find_records
from reviewkit.tui.widgets.progress import ScreeningProgress
from reviewkit.tui.widgets.record_view import RecordView


class ScreeningScreen(ReviewScreen):
    """Screen records in the model's order; every key stores its decision at once."""

    CSS_PATH = ["screening.tcss"]
    HELP_TITLE = "screening"
    BINDINGS = [
        Binding("i", "decide('include')", "Include", tooltip="Include the record, then the next."),
        Binding("e", "decide('exclude')", "Exclude", tooltip="Exclude the record, then the next."),
        Binding(
            "m",
            "decide('maybe')",
            "Maybe",
            tooltip="Maybe: undecided for now (counts as screened), then the next.",
        ),
        Binding(
            "r",
            "reason",
            "Reason",
            tooltip="Exclude with a reason from screening.exclusion_reasons, then the next.",
        ),
        Binding(
            "n", "note", "Note", tooltip="Write a note on the record (kept with its decision)."
        ),
        Binding("u", "undo", "Undo", tooltip="Withdraw your last decision and show that record."),
        Binding("left", "move(-1)", "Prev", key_display="←", tooltip="Previous record."),
        Binding(
            "right", "move(1)", "Next", key_display="→", tooltip="Next record (without deciding)."
        ),
        Binding(
            "slash",
            "find",
            "Find",
            key_display="/",
            tooltip="Find a record by id, title, author or DOI.",
        ),
        Binding(
            "s",
            "search",
            "Search",
            tooltip="Hybrid search over the ingested full texts; jump to the passage.",
        ),
        Binding(
            "c",
            "conflicts",
            "Conflicts",
            tooltip="Records where reviewers disagree, side by side; resolve them.",
        ),
        Binding(
            "t",
            "stats",
            "Stats",
            tooltip="Counts per stage, kappa, inclusion rate, stopping estimate.",
        ),
        Binding(
            "d",
            "duplicates",
            "Duplicates",
            tooltip="Possible duplicates side by side: merge, keep apart or skip each pair.",
        ),
        Binding(
            "k",
            "keywords",
            "Keywords",
            tooltip="Edit the highlighted include/exclude keywords (saved in reviewkit.toml).",
        ),
    ]

    class Ranked(Message):
        """A background retrain finished: the new order and stopping verdict."""

        def __init__(
            self, order: list[int], stop: str, *, retrain: bool = True, failed: bool = False
        ) -> None:
            super().__init__()
            self.order = order
            self.stop_line = stop
            self.retrain = retrain
            self.failed = failed

    def __init__(self) -> None:
        super().__init__()
        self.session: ScreeningSession | None = None
        self.since_retrain = 0
        self.retraining = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield from self.compose_body()
        yield ScreeningProgress(id="progress")
        yield Footer()

    def compose_body(self) -> ComposeResult:
        yield RecordView(id="record")

    def on_mount(self) -> None:
        app = self.review
        assert app.reviewer is not None
        self.session = ScreeningSession(app.store, app.reviewer, app.stage)
        self.show_current()
        if app.retrain_every:
            # After the first frame: starting the model process costs CPU.
            self.call_after_refresh(self.refresh_stop)

    # -- showing -----------------------------------------------------------------

    def status_line(self) -> Text:
        """Where the reviewer is, and their own decision on the record (blinded)."""
        s = self._session
        rid = s.current_id
        line = Text(f"{s.pos + 1}/{s.total}", style="bold")
        if rid is None:
            return Text("No records to screen at this stage.")
        label = s.labels.get(rid)
        line.append(" · your decision: ")
        line.append(label or "none yet", style=LABEL_STYLES.get(label or "", "dim"))
        if rid in s.notes:
            line.append(f" · note: {s.notes[rid]}", style="italic")
        if s.done:
            line.append(" · every record screened", style="bold green")
        return line

    def show_current(self) -> None:
        """Show the current record and the counts (attributes down to the widgets)."""
        s = self._session
        config = self.review.config
        rid = s.current_id
        self.query_one(RecordView).show(
            s.current(),
            config.words("screening.include_keywords"),
            config.words("screening.exclude_keywords"),
            self.status_line(),
            ids=identifiers(self.review.store, rid) if rid is not None else (),
        )
        self.query_one(ScreeningProgress).set_counts(s.screened, s.total, s.included)

    @property
    def _session(self) -> ScreeningSession:
        assert self.session is not None
        return self.session

    # -- deciding ----------------------------------------------------------------

    def action_decide(self, label: str, reason: str | None = None) -> None:
        s = self._session
        if s.current_id is None:
            self.app.bell()
            return
        try:
            s.decide(label, reason=reason)
        except ReviewkitError as exc:
            self.notify(str(exc), severity="error")
            return
        s.move(1)
        self.show_current()
        self.since_retrain += 1
        every = self.review.retrain_every
        if every and self.since_retrain >= every:
            self.start_retrain()

    def action_reason(self) -> None:
        reasons = self.review.config.words("screening.exclusion_reasons")

        def chosen(reason: str | None) -> None:
            if reason:
                self.action_decide("exclude", reason)

        self.app.push_screen(ChoiceDialog("Exclude because…", [(r, r) for r in reasons]), chosen)

    def action_note(self) -> None:
        s = self._session
        if s.current_id is None:
            return

        def written(note: str | None) -> None:
            if note is None:
                return
            stored = s.set_note(note)
            if not stored:
                self.notify("Note kept; it is stored with your decision on this record.")
            self.show_current()

        self.app.push_screen(
            TextPrompt(
                "Note on this record", value=s.notes.get(s.current_id, ""), allow_empty=True
            ),
            written,
        )

    def action_undo(self) -> None:
        if self._session.undo() is None:
            self.notify("Nothing to undo.")
        self.show_current()

    def action_move(self, step: int) -> None:
        if not self._session.move(step):
            self.app.bell()
        self.show_current()

    # -- finding -------------------------------------------------------------------

    def action_find(self) -> None:
        wanted = set(self._session.order)

        def lookup(store: Store, text: str) -> list[tuple[object, str]]:
            return find_records(store, text, wanted)

        def found(record_id: object | None) -> None:
            if isinstance(record_id, int) and self._session.go_to(record_id):
                self.show_current()

        self.app.push_screen(
            LookupDialog("Find a record (id, title, author or DOI)", lookup), found
        )

    def action_search(self) -> None:
        from reviewkit.tui.screens.passage import open_search

        open_search(self)

    def action_conflicts(self) -> None:
        from reviewkit.tui.screens.conflicts import ConflictsScreen

        self.app.push_screen(ConflictsScreen())

    def action_duplicates(self) -> None:
        from reviewkit.tui.screens.duplicates import DuplicatesScreen

        screen = DuplicatesScreen()

        def back(_: None) -> None:
            if screen.changed:  # merged records leave the order; unmerged ones come back
                self._session.reload()
                self.show_current()

        self.app.push_screen(screen, back)

    def action_stats(self) -> None:
        from reviewkit.tui.screens.stats import StatsScreen

        self.app.push_screen(StatsScreen())

    def action_keywords(self) -> None:
        config = self.review.config

        def saved(lists: tuple[list[str], list[str]] | None) -> None:
            if lists is not None:
                self.review.save_keywords(*lists)
                self.show_current()

        self.app.push_screen(
            KeywordsDialog(
                config.words("screening.include_keywords"),
                config.words("screening.exclude_keywords"),
            ),
            saved,
        )

    # -- background work ----------------------------------------------------------------

    def start_retrain(self) -> None:
        """Retrain unless a retrain is running; it restarts itself if decisions piled up."""
        if not self.retraining:
            self.retraining = True
            self.since_retrain = 0
            self.retrain()

    @work(thread=True, group="model", exit_on_error=False)
    def retrain(self) -> None:
        """Refit the model in the model process (own Store); post the new order."""
        app = self.review
        try:
            result = app.run_model(backend.retrain_job, app.db_path, app.stage, app.config)
        except Exception as exc:  # whatever failed in the child process, the UI says so
            self.post_message(self.Ranked([], f"model failed ({exc})", failed=True))
            raise
        if result is not None:
            self.post_message(self.Ranked(*result))

    @work(thread=True, group="model", exit_on_error=False)
    def refresh_stop(self) -> None:
        """Estimate the stopping rule's verdict without blocking the first record."""
        app = self.review
        stop = app.run_model(backend.stop_job, app.db_path, app.stage, app.config)
        if stop is not None:
            self.post_message(self.Ranked([], stop, retrain=False))

    @on(Ranked)
    def _ranked(self, message: Ranked) -> None:
        if message.order:
            self._session.apply_ranking(message.order)
        self.query_one(ScreeningProgress).set_stop(message.stop_line)
        if message.retrain:
            self.retraining = False
            every = self.review.retrain_every
            if every and not message.failed and self.since_retrain >= every:
                self.start_retrain()
