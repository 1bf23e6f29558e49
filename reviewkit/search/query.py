"""Keyword, semantic and hybrid search over passages, and definitions of a term.

Keyword search is FTS5 BM25 over an OR of the query's content words (porter
stemmed by the index, stopwords dropped), so a paraphrase sharing two of five
words still ranks. Semantic search is one matrix-vector product over the
passage vectors, memory-mapped from files beside the database and remapped
only when the index changes (:mod:`reviewkit.search.vectors`). Hybrid fuses
the two rankings with weighted reciprocal rank fusion; the weights and the
constant were chosen by ``benchmarks/search_quality.py``.

Safe to call from a worker thread with the thread's own :class:`Store`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from reviewkit.errors import ReviewkitError
from reviewkit.search.corpus_definitions import DefinitionItem, collect_definitions, fold_term
from reviewkit.search.vectors import (  # noqa: F401  (re-exported)
    PASSAGE_WEIGHT,
    SHORTLIST,
    VectorIndex,
    build_vector_index,
    top_k,
    vector_cache,
)
from reviewkit.store import passages as sp
from reviewkit.store.db import Store

MODES = ("hybrid", "semantic", "keyword")

#: Candidates taken from each ranking before fusing.
DEPTH = 50
#: Weighted reciprocal rank fusion: score = sum of weight / (RRF_K + rank).
#: Chosen by ``benchmarks/search_quality.py --sweep`` on odd-numbered questions
#: (k in 5/10/20/60, keyword weight 0.3/0.5/1, min-max score fusion as the
#: alternative) and checked on the even ones: keyword search is the weaker
#: ranking on paraphrased questions, so it gets half the weight, and a small
#: constant lets a passage ranked first by either side lead. Re-checked with
#: 60-character sentence units: the nearby settings differ by one tuning
#: question or less, so the setting was kept rather than re-fitted to noise.
RRF_K = 10
KEYWORD_WEIGHT = 0.5
SEMANTIC_WEIGHT = 1.0
#: Below this similarity of the nearest passage, a search says no passage
#: matches well. Set on tuning halves (``benchmarks/search_quality.py``): the
#: 44 real tuning questions' nearest passages scored 0.31-0.75, the off-topic
#: tuning questions' 0.15-0.33 (ten of eleven below 0.24); 0.28 keeps a margin
#: under every real question and flags ten of the eleven off-topic ones.
NO_MATCH_SIMILARITY = 0.28

_STOPWORDS = """
    a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each
    few for from further had has have having he her here hers herself him himself his how
    i if in into is it its itself just me more most my myself no nor not of off on once
    only or other our ours ourselves out over own same she should so some such than that
    the their theirs them themselves then there these they this those through to too under
    until up very was we were what when where which while who whom why will with would you
    your yours yourself yourselves may might must shall us per via whether within without
    upon among amongst across does doesn don t s
"""
STOPWORDS = frozenset(_STOPWORDS.split())

#: Prefixes written both with and without a hyphen (co-operation, cooperation).
_PREFIX = re.compile(r"(co|inter|multi|non|re|pre|post|cross|sub|self)([a-z]{4,})$")
_WORD = re.compile(r"\w+(?:[-‐‑’']\w+)*")


@dataclass(frozen=True)
class Hit:
    """One passage found by a search.

    Attributes:
        doc_sha256: the document's id.
        title: its title, or its file name when it has none.
        page: 1-based page number.
        text: the passage, verbatim: ``page.text[char_start:char_end]``.
        score: the ranking score of the mode used (higher is better).
        char_start: offset of the passage in the page text.
        char_end: offset after its end.
        highlights: (start, end) offsets into `text` of words matching the query.
        path: the document's file as ingested, for ``reviewkit text PATH --page N``.
    """

    doc_sha256: str
    title: str | None
    page: int
    text: str
    score: float
    char_start: int
    char_end: int
    highlights: tuple[tuple[int, int], ...] = ()
    path: str | None = None

    def to_json(self) -> dict[str, object]:
        return {
            "doc_sha256": self.doc_sha256,
            "title": self.title,
            "page": self.page,
            "text": self.text,
            "score": round(float(self.score), 6),
            "char_start": self.char_start,
            "char_end": self.char_end,
            "path": self.path,
        }

    @classmethod
    def from_json(cls, obj: Mapping[str, Any]) -> Hit:
        """The hit :meth:`to_json` wrote (with the server's ``highlights`` when present)."""
        return cls(
            doc_sha256=obj["doc_sha256"],
            title=obj["title"],
            page=obj["page"],
            text=obj["text"],
            score=obj["score"],
            char_start=obj["char_start"],
            char_end=obj["char_end"],
            highlights=tuple((int(a), int(b)) for a, b in obj.get("highlights", [])),
            path=obj.get("path"),
        )


@dataclass(frozen=True)
class SearchResult:
    """The hits of one search, and whether any of them is a good match.

    Attributes:
        hits: best first.
        no_match: True when nothing scores well: the passage nearest the query
            by meaning is below :data:`NO_MATCH_SIMILARITY` (keyword mode: no
            passage shares a word with the query). The hits are still the
            best there are.
        best_similarity: that nearest passage's similarity, or None in
            keyword mode or before anything is embedded.
    """

    hits: list[Hit]
    no_match: bool
    best_similarity: float | None = None


def search(store: Store, query: str, *, mode: str = "hybrid", k: int = 10) -> list[Hit]:
    """The `k` best passages for `query` (:func:`search_result` without the signal)."""
    return search_result(store, query, mode=mode, k=k).hits


def search_result(store: Store, query: str, *, mode: str = "hybrid", k: int = 10) -> SearchResult:
    """The `k` best passages for `query`, and whether any matches well.

    Args:
        store: the review (one Store per thread).
        query: free text; quotes and operators are treated as words.
        mode: "hybrid", "semantic" or "keyword". Hybrid falls back to keyword
            when no passage has been embedded yet.
        k: how many hits to return.

    Raises:
        ReviewkitError: on an unknown mode, or semantic mode with no vectors.
    """
    if mode not in MODES:
        raise ReviewkitError(f"unknown search mode {mode!r}; use one of {', '.join(MODES)}")
    match = keyword_query(query)
    # Extra candidates, so hits collapsed as copies of one another leave k.
    depth = 2 * k
    best: float | None = None
    if mode == "keyword":
        ranked = sp.keyword_ranking(store, match, depth)
    else:
        has_vectors = len(vector_cache.get(store).ids) > 0
        if not has_vectors and mode == "semantic":
            raise ReviewkitError(
                "no passage has been embedded yet; run `reviewkit index` "
                "(or search with --mode keyword)"
            )
        if not has_vectors:
            ranked = sp.keyword_ranking(store, match, depth)
        elif mode == "semantic":
            ranked = semantic_ranking(store, query, max(depth, DEPTH))
            best = ranked[0][1] if ranked else None
            ranked = ranked[:depth]
        else:
            sem = semantic_ranking(store, query, DEPTH)
            best = sem[0][1] if sem else None
            ranked = fuse(
                [sp.keyword_ranking(store, match, DEPTH), sem],
                weights=(KEYWORD_WEIGHT, SEMANTIC_WEIGHT),
            )
            ranked = ranked[:depth]
    hits = _hits(store, ranked, match)[:k]
    no_match = not hits if best is None else best < NO_MATCH_SIMILARITY
    return SearchResult(hits, no_match, best)


def keyword_query(query: str) -> str:
    """An FTS5 MATCH expression: OR of the query's content words, each quoted.

    Hyphenated words match both spellings ("co-ordination" finds
    "coordination" too, and the other way round for common prefixes).
    Returns "" when the query has no content words.
    """
    terms: list[str] = []
    seen: set[str] = set()
    for m in _WORD.finditer(query.lower()):
        word = m.group()
        if word in STOPWORDS or word in seen or (len(word) < 2 and not word.isdigit()):
            continue
        seen.add(word)
        parts = re.split(r"[-‐‑’']", word)
        if len(parts) > 1:
            joined = "".join(parts)
            spaced = " ".join(parts)
            terms.append(f'("{spaced}" OR "{joined}")')
        else:
            prefix = _PREFIX.match(word)
            if prefix:
                # "coordination" also finds "co-ordination", indexed as two tokens.
                terms.append(f'("{word}" OR "{prefix.group(1)} {prefix.group(2)}")')
            else:
                terms.append(f'"{word}"')
    return " OR ".join(terms)


def fuse(
    rankings: Sequence[Sequence[tuple[int, float]]],
    *,
    weights: Sequence[float] | None = None,
    rrf_k: int = RRF_K,
) -> list[tuple[int, float]]:
    """Weighted reciprocal rank fusion of several rankings of the same ids.

    Args:
        rankings: each a list of (id, score), best first; scores are ignored.
        weights: one per ranking (default: all 1).
        rrf_k: the RRF constant; larger flattens the head of each ranking.

    Returns:
        (id, fused score), best first; ties keep the first ranking's order.
    """
    weights = weights or [1.0] * len(rankings)
    scores: dict[int, float] = {}
    for ranking, weight in zip(rankings, weights, strict=True):
        for rank, (pid, _) in enumerate(ranking, 1):
            scores[pid] = scores.get(pid, 0.0) + weight / (rrf_k + rank)
    return sorted(scores.items(), key=lambda kv: -kv[1])


# -- semantic -----------------------------------------------------------------


def semantic_ranking(store: Store, query: str, limit: int) -> list[tuple[int, float]]:
    """(passage id, similarity) of the `limit` passages nearest `query`."""
    from reviewkit.embed import embed_query

    index = vector_cache.get(store)
    if len(index.ids) == 0:
        return []
    return index.rank(embed_query(query), limit)


# -- hits ---------------------------------------------------------------------


def _hits(store: Store, ranked: Sequence[tuple[int, float]], match: str) -> list[Hit]:
    ids = [pid for pid, _ in ranked]
    rows = sp.passages_by_id(store, ids)
    marked = sp.highlighted(store, match, ids)
    hits = []
    seen: set[tuple[int, int, str]] = set()
    for pid, score in ranked:
        row = rows.get(pid)
        if row is None:
            continue
        # One document ingested twice (two files, same text) is shown once.
        key = (row["page"], row["char_start"], row["text"])
        if key in seen:
            continue
        seen.add(key)
        title = row["title"] or _file_name(row["path"])
        hits.append(
            Hit(
                doc_sha256=row["doc_sha256"],
                title=title,
                page=row["page"],
                text=row["text"],
                score=score,
                char_start=row["char_start"],
                char_end=row["char_end"],
                highlights=_spans(marked.get(pid, "")),
                path=row["path"],
            )
        )
    return hits


def _spans(marked: str) -> tuple[tuple[int, int], ...]:
    """Offsets of the marked words once the markers are removed."""
    spans = []
    pos = 0
    start = -1
    for ch in marked:
        if ch == sp.MARK_OPEN:
            start = pos
        elif ch == sp.MARK_CLOSE:
            spans.append((start, pos))
        else:
            pos += 1
    return tuple(spans)


def _file_name(path: str | None) -> str | None:
    if not path:
        return None
    return re.split(r"[\\/]", path)[-1]


# -- definitions --------------------------------------------------------------


def definitions_of(store: Store, term: str, *, template: str | None = None) -> list[DefinitionItem]:
    """Every definition of `term` across the corpus, with its source and page.

    Terms are compared after folding case, hyphens, spaces and British/American
    spelling, so "co-ordination" finds "coordination". Definitions of longer
    terms containing `term` as a whole word ("structural integration" for
    "integration") follow the exact ones.

    Args:
        store: the review.
        term: the term to look up.
        template: only this extraction template's definitions (None: every template's).
    """
    target = fold_term(term)
    if not target:
        return []
    exact: list[DefinitionItem] = []
    related: list[DefinitionItem] = []
    pattern = re.compile(rf"(?:^| ){re.escape(fold_term(term, keep_spaces=True))}(?: |$)")
    for item in collect_definitions(store, template=template):
        if fold_term(item.term) == target:
            exact.append(item)
        elif pattern.search(fold_term(item.term, keep_spaces=True)):
            related.append(item)
    return exact + related
