"""De-duplication: DOI first, then a fuzzy match on title + year + first author.

Pure functions over :class:`Record`; the store links duplicates to the
record kept (``records.duplicate_of``) and never deletes them.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from rapidfuzz import fuzz, process

from reviewkit.normalise import (
    DEDUP_AUTHOR_THRESHOLD,
    DEDUP_TITLE_THRESHOLD,
    first_author_surname,
    normalise_doi,
    normalise_text,
)
from reviewkit.vocabulary import Record

_NUMBER = re.compile(r"\d+")


class DuplicateIndex:
    """The records kept so far, searchable by DOI and by (year, title).

    Args:
        title_threshold, author_threshold: rapidfuzz ratios (0-100).
    """

    def __init__(
        self,
        title_threshold: float = DEDUP_TITLE_THRESHOLD,
        author_threshold: float = DEDUP_AUTHOR_THRESHOLD,
    ) -> None:
        self.title_threshold = title_threshold
        self.author_threshold = author_threshold
        self._by_doi: dict[str, int] = {}
        # Blocking by year keeps fuzzy matching cheap at 50,000 records.
        self._titles: dict[int | None, list[str]] = defaultdict(list)
        self._keys: dict[int | None, list[tuple[int, str, str]]] = defaultdict(list)

    def add(self, record_id: int, record: Record) -> None:
        """Index a kept record by its DOI and by its normalised title, year and first author."""
        doi = normalise_doi(record.doi)
        if doi:
            self._by_doi.setdefault(doi, record_id)
        title = normalise_text(record.title)
        if title:
            self._titles[record.year].append(title)
            self._keys[record.year].append((record_id, first_author_surname(record.authors), doi))

    def add_all(self, pairs: Iterable[tuple[int, Record]]) -> None:
        """Index every (record id, record) pair."""
        for record_id, record in pairs:
            self.add(record_id, record)

    def find(self, record: Record) -> tuple[int, str] | None:
        """The id of the kept record `record` duplicates and why, or None."""
        doi = normalise_doi(record.doi)
        if doi and doi in self._by_doi:
            return self._by_doi[doi], "doi"
        title = normalise_text(record.title)
        if len(title) < 10:  # "Editorial", "Reply": too short to judge
            return None
        titles = self._titles.get(record.year)
        if not titles:
            return None
        author = first_author_surname(record.authors)
        for _, score, pos in process.extract(
            title, titles, scorer=fuzz.ratio, score_cutoff=self.title_threshold, limit=5
        ):
            kept_id, kept_author, kept_doi = self._keys[record.year][pos]
            if _NUMBER.findall(title) != _NUMBER.findall(titles[pos]):
                continue  # "Phase 2 trial..." and "Phase 3 trial...": two works
            if doi and kept_doi and doi != kept_doi:
                continue  # two DOIs: two works (e.g. an article and its erratum)
            if not author or not kept_author:
                # One side has no authors: only a near-identical title will do.
                if score >= 98:
                    return kept_id, "title+year"
                continue
            if fuzz.ratio(author, kept_author) >= self.author_threshold:
                return kept_id, "title+year+author"
        return None
