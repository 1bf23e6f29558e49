"""Importing export files into a review: read by suffix, de-duplicate, store."""

from __future__ import annotations

from pathlib import Path

from reviewkit.normalise import DEDUP_AUTHOR_THRESHOLD, DEDUP_TITLE_THRESHOLD
from reviewkit.screen.dedup import DuplicateIndex
from reviewkit.screen.readers import read_records
from reviewkit.store import Store
from reviewkit.store.records import ImportResult, add_records


def import_file(
    store: Store,
    path: str | Path,
    *,
    source: str = "",
    labels_as_prior: bool = False,
    title_threshold: float = DEDUP_TITLE_THRESHOLD,
    author_threshold: float = DEDUP_AUTHOR_THRESHOLD,
) -> ImportResult:
    """Read one export file and add its records (duplicates linked, never dropped).

    Args:
        source: where the file came from (e.g. "pubmed"); default the file name.
        labels_as_prior: keep a CSV's labels as prior knowledge for the model.
        title_threshold, author_threshold: the review's ``dedup.*`` settings.
    """
    path = Path(path)
    fmt, records = read_records(path)
    return add_records(
        store,
        records,
        path=str(path),
        source=source or path.name,
        fmt=fmt,
        labels_as_prior=labels_as_prior,
        finder=DuplicateIndex(title_threshold, author_threshold),
    )
