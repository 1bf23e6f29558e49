"""Plain-text and Markdown files as documents (pages split at form feeds)."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from reviewkit.document import Document, Page, Section
from reviewkit.errors import EmptyFileError, UnsupportedFileError

_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$", re.M)


def normalise_text(text: str) -> str:
    """Unix line ends, no trailing spaces, paragraphs separated by one blank line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(r"[ \t]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip("\n")


def document_from_text(text: str, *, path: str, sha256: str) -> Document:
    """Build a document from text: one page per form feed-separated chunk."""
    pages = [Page(number=i + 1, text=normalise_text(t)) for i, t in enumerate(text.split("\f"))]
    sections = [
        Section(heading=m.group(2), page=p.number) for p in pages for m in _HEADING.finditer(p.text)
    ]
    first_line = next((ln for p in pages for ln in p.text.splitlines() if ln.strip()), None)
    title = sections[0].heading if sections and sections[0].page == 1 else first_line
    return Document(
        sha256=sha256,
        path=path,
        kind="text",
        pages=pages,
        title=title.lstrip("# ").strip() if title else None,
        sections=sections,
    )


def read_text_file(path: str | Path) -> Document:
    """Read a UTF-8 .txt or .md file.

    Raises:
        EmptyFileError: the file has no text.
        UnsupportedFileError: the bytes are not UTF-8 text.
    """
    data = Path(path).read_bytes()
    if not data.strip():
        raise EmptyFileError(path, "empty file", "nothing to ingest; check the export")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnsupportedFileError(
            path, "not UTF-8 text", "convert it to UTF-8 (e.g. iconv) and ingest again"
        ) from exc
    return document_from_text(text, path=str(path), sha256=hashlib.sha256(data).hexdigest())
