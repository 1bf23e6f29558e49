"""De-duplication: DOI first, then a fuzzy match on title + year + first author.

Pure functions over :class:`Record`; the store links duplicates to the
record kept (``records.duplicate_of``) and never deletes them.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable

from rapidfuzz import fuzz, process

from reviewkit.screen.records import Record

#: Title similarity (rapidfuzz ratio, 0-100) at or above which two records of
#: the same year and first author are the same work.
TITLE_THRESHOLD = 93.0
#: First-author surname similarity needed as well (tolerates accents, typos).
AUTHOR_THRESHOLD = 85.0

_DOI_PREFIX = re.compile(r"^(https?://(dx\.)?doi\.org/|doi:\s*)", re.I)
_NON_WORD = re.compile(r"[^a-z0-9]+")
_NUMBER = re.compile(r"\d+")


def normalise_doi(doi: str | None) -> str:
    """Lower case, resolver prefix and trailing punctuation removed."""
    if not doi:
        return ""
    doi = _DOI_PREFIX.sub("", doi.strip()).strip().rstrip(".;,").lower()
    return doi if doi.startswith("10.") else ""


def normalise_text(text: str | None) -> str:
    """Accents folded, lower case, punctuation to single spaces."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return _NON_WORD.sub(" ", text.lower()).strip()


def first_author_surname(authors: list[str]) -> str:
    """The first author's surname, normalised ("Smith, J." and "J Smith" agree)."""
    if not authors:
        return ""
    name = authors[0].strip()
    if "," in name:
        surname = name.split(",", 1)[0]
    else:
        parts = name.split()
        # "Smith JA" (MEDLINE) keeps the surname first; "John Smith" puts it last.
        if len(parts) > 1 and parts[-1].isupper() and len(parts[-1]) <= 3:
            surname = " ".join(parts[:-1])
        else:
            surname = parts[-1] if parts else ""
    return normalise_text(surname)


class DuplicateIndex:
    """The records kept so far, searchable by DOI and by (year, title).

    Args:
        title_threshold, author_threshold: rapidfuzz ratios (0-100).
    """

    def __init__(
        self, title_threshold: float = TITLE_THRESHOLD, author_threshold: float = AUTHOR_THRESHOLD
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
