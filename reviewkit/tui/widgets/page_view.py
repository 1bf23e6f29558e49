"""One page of a document's text, with quotes highlighted in it."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from reviewkit.document import Document
from reviewkit.tui.highlight import marked

QUOTE_STYLE = "black on yellow"


class PageView(Vertical):
    """Shows page :attr:`page` of :attr:`document`, with `spans` highlighted.

    The page number stays in view above the scrolling text. The parent calls
    :meth:`show`; `[` and `]` on the screen call :meth:`turn`.
    """

    DEFAULT_CSS = """
    PageView #page-header {
        background: $boost;
        margin-bottom: 1;
    }
    PageView #page-scroll {
        height: 1fr;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.document: Document | None = None
        self.page = 1
        self.spans: list[tuple[int, int]] = []

    def compose(self) -> ComposeResult:
        yield Static(id="page-header", markup=False)
        with VerticalScroll(id="page-scroll"):
            yield Static(id="page-text", markup=False)

    def show(
        self,
        document: Document | None,
        page: int = 1,
        spans: Sequence[tuple[int, int]] = (),
        *,
        empty: str = "No full text ingested for this record.",
    ) -> None:
        """Display `page` of `document` (None shows `empty`) with `spans` highlighted."""
        self.document = document
        self.spans = list(spans)
        header = self.query_one("#page-header", Static)
        body = self.query_one("#page-text", Static)
        if document is None or not document.pages:
            self.page = 1
            header.update("")
            body.update(empty)
            return
        self.page = min(max(page, 1), len(document.pages))
        text = document.page(self.page).text
        name = document.title or str(document.path).rsplit("/", 1)[-1]
        header.update(Text(f"p. {self.page}/{len(document.pages)} · {name}", style="bold"))
        body.update(marked(text, self.spans, QUOTE_STYLE))
        first = min((s for s, _ in self.spans), default=None)
        if first is None or not text:
            self.query_one("#page-scroll", VerticalScroll).scroll_home(animate=False)
        else:
            # Wrapped height is known only after layout: scroll there once laid out.
            fraction = first / len(text)
            self.call_after_refresh(self._scroll_to_fraction, fraction)

    def _scroll_to_fraction(self, fraction: float) -> None:
        scroll = self.query_one("#page-scroll", VerticalScroll)
        scroll.scroll_to(y=max(0, fraction * scroll.virtual_size.height - 3), animate=False)

    def turn(self, step: int) -> bool:
        """Show the next (or previous) page, without highlights; False at either end."""
        doc = self.document
        if doc is None or not 1 <= self.page + step <= len(doc.pages):
            return False
        self.show(doc, self.page + step)
        return True
