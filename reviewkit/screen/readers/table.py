"""CSV / TSV in ASReview's column conventions (title, abstract, authors, year, doi, ...).

Column names are matched case-insensitively, with the spellings Zotero,
Scopus and ASReview use. A label column (``label_included`` and friends) is
read into ``label_prior`` but kept only when the user imports with
``--labels-as prior``.
"""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

from reviewkit.errors import InputFileError
from reviewkit.screen.datasets import LABEL_COLUMNS
from reviewkit.screen.readers import read_text, register
from reviewkit.screen.readers.common import clean, doi_in, split_list, year_of
from reviewkit.vocabulary import Record

COLUMNS: dict[str, tuple[str, ...]] = {
    "title": ("title", "primary_title", "article title", "document title", "ti"),
    "abstract": ("abstract", "abstract note", "ab", "notes_abstract"),
    "authors": ("authors", "author", "author full names", "au", "first_authors"),
    "year": ("year", "publication year", "py", "date"),
    "doi": ("doi", "di"),
    "journal": ("journal", "publication title", "source title", "source", "secondary_title"),
    "keywords": ("keywords", "author keywords", "manual tags", "kw"),
    "url": ("url", "link", "urls"),
    "record_id": ("record_id", "id", "key", "pmid", "pubmedid", "eid"),
}


#: Delimiters tried, in order, after the one the file's suffix names.
DELIMITERS = (",", ";", "\t", "|")


def _column(header: dict[str, str], field: str) -> str | None:
    return next((header[c] for c in COLUMNS[field] if c in header), None)


def read_table(path: Path, delimiter: str) -> list[Record]:
    """Records from a CSV or TSV export (ASReview's column names and common variants).

    Raises:
        InputFileError: when the file cannot be parsed, has no rows, or has
            neither a title nor an abstract column.
    """
    csv.field_size_limit(sys.maxsize)
    text = read_text(path)
    # The suffix's delimiter first; then the others exports use (";" from
    # spreadsheets in comma-decimal locales, tabs, pipes), whichever names the columns.
    for sep in dict.fromkeys((delimiter, *DELIMITERS)):
        try:
            rows = list(csv.DictReader(io.StringIO(text), delimiter=sep))
        except csv.Error as exc:
            raise InputFileError(path, f"cannot parse as CSV ({exc})", "check quoting") from exc
        if not rows:
            raise InputFileError(path, "no rows under the header", "export the records again")
        header = {k.strip().lower(): k for k in rows[0] if k}
        if _column(header, "title") is not None or _column(header, "abstract") is not None:
            break
    else:
        raise InputFileError(
            path,
            "no title or abstract column",
            "name the columns title and abstract (ASReview's convention)",
        )
    cols = {f: _column(header, f) for f in COLUMNS}
    label_col = next((header[c] for c in LABEL_COLUMNS if c in header), None)
    records = []
    for i, row in enumerate(rows):

        def get(field: str, row: dict[str, str] = row) -> str:
            col = cols[field]
            return (row.get(col) or "") if col else ""

        label = clean(row.get(label_col)) if label_col else ""
        if label not in {"", "0", "1", "0.0", "1.0"}:
            raise InputFileError(
                path, f"row {i + 2}: label {label!r} is not 0, 1 or empty", "fix the label column"
            )
        records.append(
            Record(
                title=clean(get("title")),
                abstract=clean(get("abstract")),
                authors=split_list(get("authors"), ";"),
                year=year_of(get("year")),
                doi=doi_in(get("doi")),
                journal=clean(get("journal")),
                keywords=split_list(get("keywords"), ";"),
                url=clean(get("url")),
                source_key=clean(get("record_id")),
                label_prior=int(float(label)) if label else None,
                raw={k: v for k, v in row.items() if k},
            )
        )
    return records


@register("csv", ".csv")
def read_csv(path: Path) -> list[Record]:
    """Read a comma-separated file (ASReview / Zotero / Scopus CSV)."""
    return read_table(path, ",")


@register("tsv", ".tsv", ".tab")
def read_tsv(path: Path) -> list[Record]:
    """Read a tab-separated file."""
    return read_table(path, "\t")
