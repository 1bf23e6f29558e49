"""Match ingested documents to the bibliographic records they are the full text of.

DOI first (exact, normalised); then the title, fuzzily (rapidfuzz), with the
year as a tie-break. A document matches at most one record and vice versa.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

from reviewkit.normalise import MATCH_TITLE_THRESHOLD, normalise_doi, normalise_text

if TYPE_CHECKING:
    from reviewkit.store import Store


@dataclass(frozen=True)
class Candidate:
    """What matching needs of a record or a document."""

    id: int | str
    title: str | None
    doi: str | None
    year: int | None


def match(
    documents: Sequence[Candidate],
    records: Sequence[Candidate],
    *,
    title_threshold: float = MATCH_TITLE_THRESHOLD,
) -> dict[int | str, int | str]:
    """Map document ids to record ids.

    Args:
        title_threshold: rapidfuzz token-sort ratio (0-100) a title must reach.

    Returns:
        ``{document id: record id}`` for every document that matched.
    """
    by_doi = {normalise_doi(r.doi): r for r in records if normalise_doi(r.doi)}
    titles = {r.id: normalise_text(r.title) for r in records if r.title}
    taken: set[int | str] = set()
    result: dict[int | str, int | str] = {}
    for doc in documents:
        record = by_doi.get(normalise_doi(doc.doi)) if doc.doi else None
        if record is None and doc.title:
            record = _by_title(doc, titles, records, taken, title_threshold)
        if record is not None and record.id not in taken:
            result[doc.id] = record.id
            taken.add(record.id)
    return result


def _by_title(
    doc: Candidate,
    titles: dict[int | str, str],
    records: Sequence[Candidate],
    taken: set[int | str],
    threshold: float,
) -> Candidate | None:
    wanted = normalise_text(doc.title)
    if len(wanted) < 12:  # too short to identify a paper
        return None
    hits = process.extract(
        wanted, titles, scorer=fuzz.token_sort_ratio, limit=5, score_cutoff=threshold
    )
    by_id = {r.id: r for r in records}
    ranked = sorted(
        (h for h in hits if h[2] not in taken),
        key=lambda h: (-h[1], 0 if doc.year and by_id[h[2]].year == doc.year else 1),
    )
    return by_id[ranked[0][2]] if ranked else None


def link_documents(store: Store, *, title_threshold: float = MATCH_TITLE_THRESHOLD) -> int:
    """Link every unlinked document of a review to its record; returns how many were linked."""
    from reviewkit.store.documents import link_record, linkable_records, unlinked_documents

    docs = [
        Candidate(d["sha256"], d["title"], d["doi"], d["year"]) for d in unlinked_documents(store)
    ]
    if not docs:
        return 0
    records = [Candidate(r["id"], r["title"], r["doi"], r["year"]) for r in linkable_records(store)]
    pairs = match(docs, records, title_threshold=title_threshold)
    for sha, record_id in pairs.items():
        link_record(store, str(sha), int(record_id))
    return len(pairs)
