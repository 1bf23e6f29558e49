"""Importing export files into a review: read by suffix, de-duplicate, store."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from reviewkit.document import file_sha256
from reviewkit.normalise import (
    DEDUP_AUTHOR_THRESHOLD,
    DEDUP_POSSIBLE_THRESHOLD,
    DEDUP_TITLE_THRESHOLD,
)
from reviewkit.screen.dedup import DuplicateIndex
from reviewkit.screen.readers import read_records
from reviewkit.store import Store
from reviewkit.store.records import ImportResult, add_records, find_import, import_records
from reviewkit.vocabulary import Record


def import_file(
    store: Store,
    path: str | Path,
    *,
    source: str = "",
    labels_as_prior: bool = False,
    title_threshold: float = DEDUP_TITLE_THRESHOLD,
    author_threshold: float = DEDUP_AUTHOR_THRESHOLD,
    possible_threshold: float = DEDUP_POSSIBLE_THRESHOLD,
    again: bool = False,
) -> ImportResult:
    """Read one export file and add its records (duplicates linked, never dropped).

    Args:
        source: where the file came from (e.g. "pubmed"); default the file name.
        labels_as_prior: keep a CSV's labels as prior knowledge for the model.
        title_threshold, author_threshold, possible_threshold: the review's
            ``dedup.*`` settings; near-matches from ``possible_threshold`` are
            queued as possible duplicates, never linked.
        again: import a file whose bytes were imported before (its records
            are then linked as duplicates); otherwise nothing is added and
            ``already`` names the earlier import.
    """
    path = Path(path)
    sha = file_sha256(path) if path.is_file() else None
    past = find_import(store, sha) if sha and not again else None
    if past is not None:
        return ImportResult(past.import_id, 0, 0, 0, already=past)
    fmt, records = read_records(path)
    result = add_records(
        store,
        records,
        path=str(path),
        source=source or path.name,
        fmt=fmt,
        labels_as_prior=labels_as_prior,
        finder=DuplicateIndex(title_threshold, author_threshold, possible_threshold),
        sha256=sha,
    )
    return replace(result, warnings=tuple(_warnings(path, records)))


#: A field longer than this is kept whole but worth a word at import.
LONG_FIELD = 100_000


def _warnings(path: Path, records: list[Record]) -> list[str]:
    """What the user should hear about an import that otherwise worked."""
    out = [f"{path}: {problem}" for problem in getattr(records, "problems", [])]
    untitled = sum(1 for r in records if not r.title.strip())
    if records and untitled == len(records):
        out.append(
            f"{path}: no record has a title (is there a title column?); "
            "records are screened by their abstracts only"
        )
    elif untitled:
        out.append(f"{path}: {untitled} of {len(records)} records have no title")
    unread = [(r, year) for r in records if r.year is None and (year := _raw_year(r.raw))]
    if unread:
        out.append(
            f"{path}: {len(unread)} of {len(records)} records have a year that could not be "
            f"read (such as {unread[0][1]!r}); their year is left empty, the field is kept"
        )
    for n, r in enumerate(records, 1):
        for name in ("title", "abstract"):
            size = len(getattr(r, name))
            if size > LONG_FIELD:
                out.append(
                    f"{path}: record {n} has a {size:,}-character {name}; kept whole, "
                    "shown shortened while screening"
                )
    return out


_YEAR_KEYS = frozenset(
    {"year", "publication_year", "py", "y1", "dp", "pubyear", "publication year", "date"}
)


def _raw_year(raw: object) -> str:
    """A year field the source file gave (digits in it), as read; "" when none."""
    if not isinstance(raw, dict):
        return ""
    for key, value in raw.items():
        key_ok = str(key).lower() in _YEAR_KEYS
        if key_ok and isinstance(value, str) and any(ch.isdigit() for ch in value):
            return value.strip()
    return ""


def record_from_document(
    store: Store,
    sha256: str,
    *,
    title_threshold: float = DEDUP_TITLE_THRESHOLD,
    author_threshold: float = DEDUP_AUTHOR_THRESHOLD,
) -> tuple[int, bool]:
    """Make a record from a stored document's metadata and link the document to it.

    The record goes through de-duplication like any import: when it matches
    a record already in the review, the document is linked to that one.

    Returns:
        (the record the document is now linked to, whether it is a new record).

    Raises:
        ReviewkitError: when the document is not stored or has no title.
    """
    from reviewkit.errors import ReviewkitError
    from reviewkit.store.documents import link_record, load_document

    doc = load_document(store, sha256)
    if doc is None:
        raise ReviewkitError(f"no document {sha256[:12]} in this review")
    if not doc.title:
        raise ReviewkitError(
            f"{doc.path}: no title was found in the document; import its record from a "
            "reference manager instead, then `reviewkit link`"
        )
    record = Record(
        title=doc.title,
        abstract=doc.abstract or "",
        authors=[_surname_first(name) for name in doc.authors],
        year=doc.year,
        doi=(doc.doi or "").lower(),
        source_key=f"document:{doc.sha256[:12]}",
    )
    result = add_records(
        store,
        [record],
        path=doc.path,
        source="document",
        fmt="document",
        finder=DuplicateIndex(title_threshold, author_threshold),
    )
    ((made, duplicate_of),) = import_records(store, result.import_id)
    record_id = duplicate_of if duplicate_of is not None else made
    link_record(store, doc.sha256, record_id)
    return record_id, duplicate_of is None


def _surname_first(name: str) -> str:
    """ "Chad G Ball" -> "Ball, Chad G" (records keep "Surname, Given")."""
    *given, surname = name.split()
    return f"{surname}, {' '.join(given)}" if given else surname
