"""Record readers, registered by file suffix.

Each reader turns one export file into :class:`~reviewkit.vocabulary.Record`
objects. :func:`read_records` picks the reader by suffix; :data:`READERS` lists
them (the CLI's help is built from it).
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from reviewkit.errors import EmptyFileError, InputFileError, UnsupportedFileError
from reviewkit.vocabulary import Record

ReaderFn = Callable[[Path], list[Record]]


class PartRead(list[Record]):
    """The records of a file that was only partly readable, and what was skipped.

    A reader returns one when some entries fail and others do not: the good
    records are imported and each problem is reported (one line each).
    """

    def __init__(self, records: list[Record], problems: list[str]) -> None:
        super().__init__(records)
        self.problems = problems


@dataclass(frozen=True)
class Reader:
    """A reader: its format name and the function reading a path."""

    fmt: str
    read: ReaderFn


READERS: dict[str, Reader] = {}


def register(fmt: str, *suffixes: str) -> Callable[[ReaderFn], ReaderFn]:
    """Register a reader function for file suffixes (lower case, with the dot)."""

    def wrap(fn: ReaderFn) -> ReaderFn:
        for suffix in suffixes:
            READERS[suffix] = Reader(fmt, fn)
        return fn

    return wrap


def read_text(path: Path) -> str:
    """A file's text: UTF-16 (with a BOM, or mostly NUL high bytes), UTF-8 (with or
    without BOM), else Windows-1252 (old EndNote exports; Latin-1 is a subset)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputFileError(path, f"cannot read ({exc.strerror})", "check the path") from exc
    if not data.strip():
        raise EmptyFileError(path, "empty file", "export the search results again")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    if len(data) >= 4 and data[1::2][:200].count(0) > 0.9 * len(data[1::2][:200]):
        return data.decode("utf-16-le", errors="replace")  # UTF-16 without a BOM
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def reader_for(path: Path) -> Reader:
    """The reader registered for the file's suffix.

    Raises:
        UnsupportedFileError: naming the suffixes that are supported.
    """
    _load_all()
    suffix = path.suffix.lower()
    if suffix not in READERS:
        raise UnsupportedFileError(
            path,
            f"unsupported file type {suffix or '(none)'}",
            f"export as one of {', '.join(sorted(READERS))}",
        )
    return READERS[suffix]


def read_records(path: str | Path) -> tuple[str, list[Record]]:
    """Read every record of an export file.

    Returns:
        the format name and the records, in file order.

    Raises:
        InputFileError: for unreadable, empty or unsupported files.
    """
    path = Path(path)
    reader = reader_for(path)
    try:
        records = reader.read(path)
    except InputFileError:
        raise
    except Exception as exc:  # a parser's own failure is still one line about the file
        raise InputFileError(
            path,
            f"cannot be read as {reader.fmt} ({type(exc).__name__}: {exc})",
            "check it is a complete export from the database; nothing was imported",
        ) from exc
    if not records:
        raise InputFileError(
            path, f"no records found in this {reader.fmt} file", "check it is a search export"
        )
    return reader.fmt, records


def _load_all() -> None:
    # Importing the modules registers their readers.
    from reviewkit.screen.readers import bibtex, medline, ris, table  # noqa: F401

    READERS.setdefault(".txt", Reader("text", read_sniffed))


def read_sniffed(path: Path) -> list[Record]:
    """A .txt export: PubMed ("PMID- "), Web of Science ("FN "/"PT ") or RIS ("TY  -")."""
    head = read_text(path).lstrip()[:2000]
    for marker, suffix in (("PMID-", ".nbib"), ("TY  -", ".ris"), ("FN ", ".ciw"), ("PT ", ".ciw")):
        if head.startswith(marker):
            return READERS[suffix].read(path)
    if re.search(r"^PMID- ", head, re.M):  # MEDLINE records that open with "PMC - " or the like
        return READERS[".nbib"].read(path)
    raise UnsupportedFileError(
        path,
        "a .txt file in no known export format",
        "export as RIS, BibTeX, CSV or PubMed format (the file starts with 'PMID- ')",
    )


def supported_suffixes() -> list[str]:
    """Every file suffix a registered reader accepts, sorted."""
    _load_all()
    return sorted(READERS)
