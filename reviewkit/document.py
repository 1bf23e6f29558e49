"""The dataclasses every stage shares: a parsed document and evidence into it.

A document's page texts are the single source of truth for quotes: every
`Evidence` satisfies ``doc.page(evidence.page).text[char_start:char_end] ==
evidence.quote``, and ``reviewkit text FILE --page N`` prints exactly
``doc.page(N).text``.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Page:
    """One page: its body text in reading order, and what was taken out of it.

    Attributes:
        number: 1-based page number.
        text: body text; paragraphs separated by a blank line.
        header: running header lines removed from the body (kept, not lost).
        footer: running footer and page-number lines removed from the body.
    """

    number: int
    text: str
    header: str = ""
    footer: str = ""


@dataclass(frozen=True)
class Section:
    """A section heading and the page it starts on."""

    heading: str
    page: int


@dataclass(frozen=True)
class Reference:
    """One entry of the reference list.

    Attributes:
        text: the entry as printed, lines joined.
        page: the page it is on.
        label: its number or key when it has one ("12"), else None.
    """

    text: str
    page: int
    label: str | None = None


@dataclass
class Document:
    """A parsed file: page-faithful text plus metadata.

    Attributes:
        sha256: hex digest of the file's bytes; the document's id.
        path: the path it was read from.
        kind: "pdf" or "text".
        pages: the pages, in order.
        flags: conditions a user must see, e.g. "needs-ocr", "no-text",
            "recovered", "owner-restricted".
        warnings: one-line explanations that go with the flags.
    """

    sha256: str
    path: str
    kind: str
    pages: list[Page]
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    year: int | None = None
    doi: str | None = None
    abstract: str | None = None
    sections: list[Section] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def page(self, number: int) -> Page:
        """Return page `number` (1-based).

        Raises:
            IndexError: when the document has no such page.
        """
        if not 1 <= number <= len(self.pages):
            raise IndexError(f"page {number} is outside 1..{len(self.pages)}")
        return self.pages[number - 1]

    @property
    def full_text(self) -> str:
        """All page bodies separated by form feeds, as `reviewkit text` prints."""
        return "\f".join(p.text for p in self.pages)


@dataclass(frozen=True)
class Evidence:
    """A verbatim span of one page's text: ``page.text[char_start:char_end] == quote``."""

    page: int
    quote: str
    char_start: int
    char_end: int

    def to_json(self) -> dict[str, object]:
        return {
            "page": self.page,
            "quote": self.quote,
            "char_start": self.char_start,
            "char_end": self.char_end,
        }


#: What a quote never starts with: layout the reader sees, not words the document
#: says: bullet glyphs, Markdown list, heading and quote markers, white space.
_LEAD_MARKUP = re.compile(r"(?:\s|[•▪◦●■□➢►‣⁃∙·]|#{1,6}\s|[-*+>]\s)+")


def evidence_at(doc: Document, page: int, start: int, end: int) -> Evidence:
    """Build the evidence for ``doc.page(page).text[start:end]``.

    The span is narrowed past leading bullet glyphs and Markdown markers
    ("• ", "- ", "## ") and trailing white space, so the quote is the
    document's words only; it still round-trips to the page text.
    """
    text = doc.page(page).text
    if not 0 <= start < end <= len(text):
        raise ValueError(f"span {start}:{end} is outside page {page} ({len(text)} chars)")
    lead = _LEAD_MARKUP.match(text, start, end)
    if lead and lead.end() < end:
        start = lead.end()
    while end > start + 1 and text[end - 1].isspace():
        end -= 1
    return Evidence(page=page, quote=text[start:end], char_start=start, char_end=end)


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file's bytes as hex, read in 1 MiB blocks: the id of a document,
    and how an import knows a file it has read before."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
