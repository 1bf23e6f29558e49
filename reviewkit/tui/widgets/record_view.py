"""The record being screened: title, authors, year, journal, identifiers, abstract."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from reviewkit.store.duplicates import Identifier
from reviewkit.tui.highlight import highlighted
from reviewkit.vocabulary import Record


class RecordView(VerticalScroll):
    """Shows one record with its keywords highlighted.

    The parent sets what to show with :meth:`show`; the view holds no state of
    its own beyond :attr:`record_id`.
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.record_id: int | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="record-status", markup=False)
        yield Static(id="record-title", markup=False)
        yield Static(id="record-meta", markup=False)
        yield Static(id="record-abstract", markup=False)

    def show(
        self,
        record: Record | None,
        include: Sequence[str],
        exclude: Sequence[str],
        status: Text | str = "",
        ids: Sequence[Identifier] = (),
    ) -> None:
        """Display `record` (None: nothing left to show) and a status line.

        Args:
            ids: the record's identifiers (``store.duplicates.identifiers``);
                without them only its DOI is shown.
        """
        self.record_id = record.id if record is not None else None
        self.query_one("#record-status", Static).update(status)
        if record is None:
            self.query_one("#record-title", Static).update("No record to show.")
            self.query_one("#record-meta", Static).update("")
            self.query_one("#record-abstract", Static).update("")
            return
        title = shortened(record.title, SHOWN_TITLE_CHARS) or "(no title)"
        self.query_one("#record-title", Static).update(
            highlighted(title, include, exclude, base_style="bold")
        )
        self.query_one("#record-meta", Static).update(_meta(record, ids))
        abstract = shortened(record.abstract) or "(no abstract)"
        self.query_one("#record-abstract", Static).update(highlighted(abstract, include, exclude))
        self.scroll_home(animate=False)


def _meta(record: Record, ids: Sequence[Identifier]) -> Text:
    authors = list(record.authors or [])
    names = "; ".join(authors[:6]) + (f"; … (+{len(authors) - 6})" if len(authors) > 6 else "")
    parts = [names or "(no authors)", str(record.year or "n.d."), record.journal or ""]
    meta = Text(" · ".join(p for p in parts if p), style="italic")
    if not ids and record.doi:
        ids = [Identifier("DOI", record.doi)]
    for ident in ids:
        meta.append(f"\n{ident.name} {ident.value}", style="dim")
        if ident.from_record is not None:
            meta.append(f" (from merged record {ident.from_record})", style="dim italic")
    meta.append(f"\nrecord {record.id}", style="dim")
    return meta


#: Characters of an abstract shown while screening; the store keeps it whole.
SHOWN_CHARS = 20_000
#: Characters of a title shown (a title field holding a whole abstract, say).
SHOWN_TITLE_CHARS = 1_000


def shortened(text: str, limit: int = SHOWN_CHARS) -> str:
    """`text` cut at `limit` characters with a marker saying how much is not shown."""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    cut = cut if cut > limit // 2 else limit
    return f"{text[:cut]} … [{len(text) - cut:,} more characters not shown; the record keeps them]"
