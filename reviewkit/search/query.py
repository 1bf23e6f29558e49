"""Keyword, semantic and hybrid search over passages, and definitions of a term.

Keyword search is FTS5 BM25 over an OR of the query's content words (porter
stemmed by the index, stopwords dropped), so a paraphrase sharing two of five
words still ranks. Semantic search is one matrix-vector product over the
passage vectors, loaded once per process and reloaded only when the index
changes. Hybrid fuses the two rankings with weighted reciprocal rank fusion;
the weights and the constant were chosen by ``benchmarks/search_quality.py``.

Safe to call from a worker thread with the thread's own :class:`Store`.
"""

from __future__ import annotations

import re
import threading
import weakref
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from reviewkit.errors import ReviewkitError
from reviewkit.search.definitions import DefinitionItem, collect_definitions, fold_term
from reviewkit.store import passages as sp
from reviewkit.store.db import Store

MODES = ("hybrid", "semantic", "keyword")

#: Candidates taken from each ranking before fusing.
DEPTH = 50
#: Weighted reciprocal rank fusion: score = sum of weight / (RRF_K + rank).
#: Chosen by ``benchmarks/search_quality.py --sweep`` on odd-numbered questions
#: (k in 10/30/60, keyword weight 0.5/0.75/1, min-max score fusion as the
#: alternative) and checked on the even ones: keyword search is the weaker
#: ranking on paraphrased questions, so it gets half the weight, and a small
#: constant lets a passage ranked first by either side lead.
RRF_K = 10
KEYWORD_WEIGHT = 0.5
SEMANTIC_WEIGHT = 1.0

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
    """

    doc_sha256: str
    title: str | None
    page: int
    text: str
    score: float
    char_start: int
    char_end: int
    highlights: tuple[tuple[int, int], ...] = ()

    def to_json(self) -> dict[str, object]:
        return {
            "doc_sha256": self.doc_sha256,
            "title": self.title,
            "page": self.page,
            "text": self.text,
            "score": round(float(self.score), 6),
            "char_start": self.char_start,
            "char_end": self.char_end,
        }


def search(store: Store, query: str, *, mode: str = "hybrid", k: int = 10) -> list[Hit]:
    """The `k` best passages for `query`.

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
    if mode == "keyword":
        ranked = sp.keyword_ranking(store, match, k)
    else:
        has_vectors = len(vector_cache.get(store).ids) > 0
        if not has_vectors and mode == "semantic":
            raise ReviewkitError(
                "no passage has been embedded yet; run `reviewkit index` "
                "(or search with --mode keyword)"
            )
        if not has_vectors:
            ranked = sp.keyword_ranking(store, match, k)
        elif mode == "semantic":
            ranked = semantic_ranking(store, query, k)
        else:
            ranked = fuse(
                [sp.keyword_ranking(store, match, DEPTH), semantic_ranking(store, query, DEPTH)],
                weights=(KEYWORD_WEIGHT, SEMANTIC_WEIGHT),
            )[:k]
    return _hits(store, ranked, match)


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


#: Weight of a passage's own vector against its best sentence unit (chosen
#: with the fusion settings: 0.5 beat 1.0, i.e. no units, and 0.3).
PASSAGE_WEIGHT = 0.5
#: Passages rescored with their sentence units, taken best-first by their own
#: vector: scanning every unit vector for each query would read three times the
#: memory for a few passages that only a unit would lift that far.
SHORTLIST = 1000


@dataclass(frozen=True)
class VectorIndex:
    """Passage vectors and their sentence-unit vectors, ready for one query each.

    Attributes:
        ids: passage ids (n,).
        passages: unit-length float32 (n, dim).
        units: unit-length float32 sentence-unit vectors (m, dim), grouped by passage.
        unit_start: row in `units` of each passage's first unit (n,).
        unit_count: how many units each passage has, 0 for none (n,).
    """

    ids: np.ndarray
    passages: np.ndarray
    units: np.ndarray
    unit_start: np.ndarray
    unit_count: np.ndarray

    def rank(
        self,
        vector: np.ndarray,
        limit: int,
        *,
        passage_weight: float = PASSAGE_WEIGHT,
        shortlist: int = SHORTLIST,
    ) -> list[tuple[int, float]]:
        """The `limit` passages most similar to `vector`, best first.

        A passage scores ``w * own + (1 - w) * max(own, best unit)``; only the
        `shortlist` passages nearest by their own vector are rescored.
        """
        if len(self.ids) == 0 or limit <= 0:
            return []
        vector = vector.astype(np.float32, copy=False)
        own = self.passages @ vector
        n = len(own)
        m = min(n, max(shortlist, limit))
        rows = np.argpartition(-own, m - 1)[:m] if m < n else np.arange(n)
        best = own[rows]
        counts = self.unit_count[rows]
        has = counts > 0
        if has.any():
            c = counts[has]
            first = np.cumsum(c) - c
            take = np.repeat(self.unit_start[rows[has]] - first, c) + np.arange(int(c.sum()))
            per_unit = self.units[take] @ vector
            best = best.copy()
            best[has] = np.maximum(best[has], np.maximum.reduceat(per_unit, first))
        scores = passage_weight * own[rows] + (1 - passage_weight) * best
        return top_k(self.ids[rows], scores, limit)


def build_vector_index(
    ids: np.ndarray,
    passages: np.ndarray,
    unit_ids: np.ndarray,
    unit_counts: np.ndarray,
    units: np.ndarray,
) -> VectorIndex:
    """Point each passage at its unit vectors (stored per passage id, any order)."""
    offsets = np.cumsum(unit_counts) - unit_counts
    start = np.zeros(len(ids), dtype=np.int64)
    count = np.zeros(len(ids), dtype=np.int64)
    if len(unit_ids):
        order = np.argsort(unit_ids, kind="stable")
        pos = np.minimum(np.searchsorted(unit_ids[order], ids), len(unit_ids) - 1)
        found = unit_ids[order][pos] == ids
        start[found] = offsets[order][pos[found]]
        count[found] = unit_counts[order][pos[found]]
    return VectorIndex(ids, passages, units, start, count)


class _VectorCache:
    """Vector indexes per database, reloaded only when the index changes.

    Whether anything changed is first asked cheaply, per Store: SQLite's
    ``data_version`` (bumped by other connections' commits) and the
    connection's own ``total_changes``. Only when either moved are passages
    and vectors counted, and only when the counts moved is the matrix reloaded.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: dict[str, tuple[tuple[int, ...], VectorIndex]] = {}
        self._seen: weakref.WeakKeyDictionary[Store, tuple[tuple[int, int], tuple[int, ...]]]
        self._seen = weakref.WeakKeyDictionary()

    def get(self, store: Store) -> VectorIndex:
        from reviewkit.search.index import UNITS_MODEL

        key = store.path if store.path != ":memory:" else f"mem:{id(store)}"
        cheap = (
            int(store.db.execute("pragma data_version").fetchone()[0]),
            int(store.db.conn.total_changes),
        )
        with self._lock:
            entry = self._entries.get(key)
            seen = self._seen.get(store)
            if entry is not None and seen is not None and seen == (cheap, entry[0]):
                return entry[1]
        model = _model_name()
        version = sp.index_version(store, model, UNITS_MODEL)
        with self._lock:
            entry = self._entries.get(key)
            if entry is None or entry[0] != version:
                ids, _, matrix = sp.passage_vectors(store, model)
                unit_ids, unit_counts, units = sp.passage_vectors(store, UNITS_MODEL)
                entry = (version, build_vector_index(ids, matrix, unit_ids, unit_counts, units))
                self._entries[key] = entry
            self._seen[store] = (cheap, entry[0])
            return entry[1]

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._seen.clear()


vector_cache = _VectorCache()


def semantic_ranking(store: Store, query: str, limit: int) -> list[tuple[int, float]]:
    """(passage id, similarity) of the `limit` passages nearest `query`."""
    from reviewkit.embed import embed_query

    index = vector_cache.get(store)
    if len(index.ids) == 0:
        return []
    return index.rank(embed_query(query), limit)


def top_k(ids: np.ndarray, sims: np.ndarray, limit: int) -> list[tuple[int, float]]:
    """The `limit` ids with the highest `sims`, best first."""
    limit = min(limit, len(sims))
    if limit <= 0:
        return []
    top = np.argpartition(-sims, limit - 1)[:limit]
    top = top[np.argsort(-sims[top])]
    return [(int(ids[i]), float(sims[i])) for i in top]


def _model_name() -> str:
    from reviewkit.embed import MODEL_NAME

    return MODEL_NAME


# -- hits ---------------------------------------------------------------------


def _hits(store: Store, ranked: Sequence[tuple[int, float]], match: str) -> list[Hit]:
    ids = [pid for pid, _ in ranked]
    rows = sp.passages_by_id(store, ids)
    marked = sp.highlighted(store, match, ids)
    hits = []
    for pid, score in ranked:
        row = rows.get(pid)
        if row is None:
            continue
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


def definitions_of(store: Store, term: str, *, extract: bool = True) -> list[DefinitionItem]:
    """Every definition of `term` across the corpus, with its source and page.

    Terms are compared after folding case, hyphens, spaces and British/American
    spelling, so "co-ordination" finds "coordination". Definitions of longer
    terms containing `term` as a whole word ("structural integration" for
    "integration") follow the exact ones.

    Args:
        store: the review.
        term: the term to look up.
        extract: run extraction on documents that have not been analysed yet.
    """
    target = fold_term(term)
    if not target:
        return []
    exact: list[DefinitionItem] = []
    related: list[DefinitionItem] = []
    pattern = re.compile(rf"(?:^| ){re.escape(fold_term(term, keep_spaces=True))}(?: |$)")
    for item in collect_definitions(store, extract=extract):
        if fold_term(item.term) == target:
            exact.append(item)
        elif pattern.search(fold_term(item.term, keep_spaces=True)):
            related.append(item)
    return exact + related
