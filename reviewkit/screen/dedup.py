"""De-duplication: DOI, PMID or PMCID first, then a fuzzy match on title + year + first author.

Pure functions over :class:`Record`; the store links duplicates to the
record kept (``records.duplicate_of``) and never deletes them. Near-matches
under the automatic thresholds (:meth:`DuplicateIndex.possible`) are only
queued for a person to merge or keep apart.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable

from rapidfuzz import fuzz, process

from reviewkit.normalise import (
    DEDUP_AUTHOR_THRESHOLD,
    DEDUP_POSSIBLE_THRESHOLD,
    DEDUP_TITLE_THRESHOLD,
    first_author_surname,
    normalise_doi,
    normalise_text,
    pubmed_ids,
)
from reviewkit.vocabulary import Record

_NUMBER = re.compile(r"\d+")
_NON_WORD = re.compile(r"[\W_]+")
#: Characters of a normalised abstract compared (its opening says whose it is).
ABSTRACT_CHARS = 300
#: A shorter abstract is too little to say two records are one ("No abstract available").
MIN_ABSTRACT_CHARS = 100
#: Alike abstracts (rapidfuzz ratio of their openings) count as the same abstract.
ABSTRACT_ALIKE = 90.0
#: Possible duplicates kept per record, the most alike first.
MAX_POSSIBLE = 3


class DuplicateIndex:
    """The records kept so far, searchable by DOI, PMID, PMCID and by (year, title).

    Args:
        title_threshold, author_threshold: rapidfuzz ratios (0-100).
        possible_threshold: the title ratio from which a near-match is a
            possible duplicate (``dedup.possible_threshold``).
    """

    def __init__(
        self,
        title_threshold: float = DEDUP_TITLE_THRESHOLD,
        author_threshold: float = DEDUP_AUTHOR_THRESHOLD,
        possible_threshold: float = DEDUP_POSSIBLE_THRESHOLD,
    ) -> None:
        self.title_threshold = title_threshold
        self.author_threshold = author_threshold
        self.possible_threshold = possible_threshold
        # Per kept record: (normalised title, abstract opening, DOI), for possible duplicates.
        self._texts: dict[int, tuple[str, str, str]] = {}
        self._by_abstract: dict[str, int] = {}
        self._by_author: dict[tuple[int | None, str], list[int]] = defaultdict(list)
        self._by_doi: dict[str, int] = {}
        # PMIDs ("123") and PMCIDs ("PMC123") cannot collide: one dict.
        self._by_pubmed: dict[str, int] = {}
        # Blocking by year keeps fuzzy matching cheap at 50,000 records.
        self._titles: dict[int | None, list[str]] = defaultdict(list)
        self._keys: dict[int | None, list[tuple[int, str, str]]] = defaultdict(list)
        # Records with a short or no title are matched only when identical.
        self._identical: dict[bytes, int] = {}

    def add(self, record_id: int, record: Record) -> None:
        """Index a kept record by its DOI and by its normalised title, year and first author."""
        doi = normalise_doi(record.doi)
        if doi:
            self._by_doi.setdefault(doi, record_id)
        for pubmed_id in pubmed_ids(record.raw, record.url):
            if pubmed_id:
                self._by_pubmed.setdefault(pubmed_id, record_id)
        title = normalise_text(record.title)
        if title:
            self._titles[record.year].append(title)
            self._keys[record.year].append((record_id, first_author_surname(record.authors), doi))
        key = _content_key(record)
        if key is not None:
            self._identical.setdefault(key, record_id)
        abstract = _abstract_key(record.abstract)
        self._texts[record_id] = (title, abstract, doi)
        author = first_author_surname(record.authors)
        if title and author:
            self._by_author[(record.year, author)].append(record_id)
        if len(abstract) >= MIN_ABSTRACT_CHARS:
            self._by_abstract.setdefault(abstract, record_id)

    def add_all(self, pairs: Iterable[tuple[int, Record]]) -> None:
        """Index every (record id, record) pair."""
        for record_id, record in pairs:
            self.add(record_id, record)

    def find(self, record: Record) -> tuple[int, str] | None:
        """The id of the kept record `record` duplicates and why, or None."""
        doi = normalise_doi(record.doi)
        if doi and doi in self._by_doi:
            return self._by_doi[doi], "doi"
        pmid, pmcid = pubmed_ids(record.raw, record.url)
        for name, pubmed_id in (("pmid", pmid), ("pmcid", pmcid)):
            if pubmed_id and pubmed_id in self._by_pubmed:
                return self._by_pubmed[pubmed_id], name
        key = _content_key(record)
        if key is not None and key in self._identical:
            return self._identical[key], "identical"
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

    def possible(self, record: Record) -> list[tuple[int, float, str]]:
        """Kept records `record` may duplicate though :meth:`find` found none.

        A kept record by the same first author (surname, normalised), the same
        year or one year apart (a preprint and its article, an epub and its
        print issue), whose title is at least ``possible_threshold`` alike; or
        a kept record with the same abstract under another title. Two DOIs
        that differ, or titles whose numbers differ, are two works, as for
        :meth:`find`. Candidates come from the (year, first author) and
        abstract indexes, so the check costs a few comparisons per record.

        Returns:
            (kept record id, title similarity 0-100, why in words), the most
            alike first, at most MAX_POSSIBLE.
        """
        title = normalise_text(record.title)
        doi = normalise_doi(record.doi)
        author = first_author_surname(record.authors)
        abstract = _abstract_key(record.abstract)
        found: dict[int, tuple[float, str]] = {}
        years = (
            [record.year]
            if record.year is None
            else [record.year, record.year - 1, record.year + 1]
        )
        for year in years if len(title) >= 10 and author else []:
            for kept_id in self._by_author.get((year, author), []):
                kept_title, kept_abstract, kept_doi = self._texts[kept_id]
                score = fuzz.ratio(title, kept_title)
                if score < self.possible_threshold or kept_id in found:
                    continue
                if _NUMBER.findall(title) != _NUMBER.findall(kept_title):
                    continue
                if doi and kept_doi and doi != kept_doi:
                    continue
                same_abstract = len(abstract) >= MIN_ABSTRACT_CHARS and (
                    fuzz.ratio(abstract, kept_abstract) >= ABSTRACT_ALIKE
                )
                why = ["same title" if score >= 99.5 else f"titles {score:.0f}% alike"]
                why += ["same first author"] + ["same abstract"] * same_abstract
                why.append(
                    "same year" if year == record.year else f"years {record.year} and {year}"
                )
                found[kept_id] = (float(score), ", ".join(why))
        same = self._by_abstract.get(abstract) if len(abstract) >= MIN_ABSTRACT_CHARS else None
        if same is not None and same not in found:
            kept_title, _, kept_doi = self._texts[same]
            if not (doi and kept_doi and doi != kept_doi):
                score = float(fuzz.ratio(title, kept_title)) if title and kept_title else 0.0
                found[same] = (score, f"same abstract, titles {score:.0f}% alike")
        ranked = sorted(found.items(), key=lambda kv: (-kv[1][0], kv[0]))
        return [(kept_id, score, why) for kept_id, (score, why) in ranked[:MAX_POSSIBLE]]


def _content_key(record: Record) -> bytes | None:
    """A digest of every field of a record too short-titled to match by title.

    Two records equal here are one record read twice (the same file imported
    again). None for records with a title long enough for the fuzzy match,
    and for those with too little to tell them apart: a short title, authors
    and a year alone may be two editorials by one editor.
    """
    title = normalise_text(record.title)
    if len(title) >= 10:
        return None
    fields = (
        title,
        normalise_text(record.abstract),
        record.year,
        [normalise_text(a) for a in record.authors],
        normalise_doi(record.doi),
        record.source_key.strip().lower(),
    )
    if not (fields[1] or fields[5] or (not title and fields[3])):
        return None  # "Editorial", Smith 2020 twice may be two editorials: need more
    return hashlib.blake2b(repr(fields).encode("utf-8"), digest_size=16).digest()


def _abstract_key(abstract: str) -> str:
    """The opening of an abstract, lower case, punctuation to spaces (cheap: every record)."""
    return " ".join(_NON_WORD.sub(" ", abstract[: ABSTRACT_CHARS + 100].lower()).split())[
        :ABSTRACT_CHARS
    ]
