"""Importing export files into a review: read by suffix, de-duplicate, store."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from reviewkit.document import file_sha256
from reviewkit.normalise import DEDUP_AUTHOR_THRESHOLD, DEDUP_TITLE_THRESHOLD
from reviewkit.screen.dedup import DuplicateIndex
from reviewkit.screen.readers import read_records
from reviewkit.store import Store
from reviewkit.store.records import ImportResult, add_records, find_import
from reviewkit.vocabulary import Record


def import_file(
    store: Store,
    path: str | Path,
    *,
    source: str = "",
    labels_as_prior: bool = False,
    title_threshold: float = DEDUP_TITLE_THRESHOLD,
    author_threshold: float = DEDUP_AUTHOR_THRESHOLD,
    again: bool = False,
) -> ImportResult:
    """Read one export file and add its records (duplicates linked, never dropped).

    Args:
        source: where the file came from (e.g. "pubmed"); default the file name.
        labels_as_prior: keep a CSV's labels as prior knowledge for the model.
        title_threshold, author_threshold: the review's ``dedup.*`` settings.
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
        finder=DuplicateIndex(title_threshold, author_threshold),
        sha256=sha,
    )
    return replace(result, warnings=tuple(_warnings(path, records)))


#: A field longer than this is kept whole but worth a word at import.
LONG_FIELD = 100_000


def _warnings(path: Path, records: list[Record]) -> list[str]:
    """What the user should hear about an import that otherwise worked."""
    out = []
    untitled = sum(1 for r in records if not r.title.strip())
    if records and untitled == len(records):
        out.append(
            f"{path}: no record has a title (is there a title column?); "
            "records are screened by their abstracts only"
        )
    elif untitled:
        out.append(f"{path}: {untitled} of {len(records)} records have no title")
    for n, r in enumerate(records, 1):
        for name in ("title", "abstract"):
            size = len(getattr(r, name))
            if size > LONG_FIELD:
                out.append(
                    f"{path}: record {n} has a {size:,}-character {name}; kept whole, "
                    "shown shortened while screening"
                )
    return out
