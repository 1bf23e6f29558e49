"""Turn one file into a Document (and its proposed extractions): the worker's job.

Pure over its arguments, so the embarrassingly parallel part of ingest can be
mapped by any engine (processes here, Dask or Ray later) without change. The
extraction step is handed in with the task (a picklable function of the
document), so ingest never imports the extraction stage.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reviewkit.document import Document
from reviewkit.errors import EmptyFileError, NotAPdfError, UnsupportedFileError

PDF_SUFFIXES = {".pdf"}
TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
SUPPORTED = PDF_SUFFIXES | TEXT_SUFFIXES


#: What an ingest worker is handed to propose extractions for a document.
Extractor = Callable[[Document], tuple[str, list[Any]]]


@dataclass(frozen=True)
class ParseTask:
    """What a worker needs to parse one file.

    Attributes:
        extract: run on the parsed document (when it has text); returns the
            template's name and its proposals. Must pickle (a module-level
            function, or a :func:`functools.partial` of one).
    """

    path: str
    password: str | None = None
    max_pages: int = 2000
    extract: Extractor | None = None


@dataclass
class Parsed:
    """A parsed file and the extraction template's proposals for it."""

    document: Document
    values: list[Any] = field(default_factory=list)
    template: str | None = None


def read_any(path: str | Path, *, password: str | None = None, max_pages: int = 2000) -> Document:
    """Read a PDF, text or Markdown file by its suffix.

    A ".pdf" that is really UTF-8 text is read as text, with a warning saying so.

    Raises:
        InputFileError: a subclass naming the file, the problem and what to do.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        from reviewkit.ingest.plain import read_text_file

        return read_text_file(path)
    if suffix not in PDF_SUFFIXES:
        raise UnsupportedFileError(
            path,
            f"unsupported file type '{suffix or 'none'}'",
            "ingest takes .pdf, .txt and .md files",
        )
    from reviewkit.ingest.pdf import read_pdf

    try:
        return read_pdf(path, password=password, max_pages=max_pages)
    except NotAPdfError as not_pdf:
        from reviewkit.ingest.plain import read_text_file

        try:
            doc = read_text_file(path)
        except (EmptyFileError, UnsupportedFileError):
            raise not_pdf from None
        doc.flags.append("not-pdf")
        doc.warnings.append(f"{path}: not a PDF, read as plain text")
        return doc


def parse(task: ParseTask) -> Parsed:
    """Parse one file and, when the task carries an extractor, run it on the document."""
    doc = read_any(task.path, password=task.password, max_pages=task.max_pages)
    if task.extract is None or not any(p.text.strip() for p in doc.pages):
        return Parsed(doc)
    template, values = task.extract(doc)
    return Parsed(doc, values, template)
