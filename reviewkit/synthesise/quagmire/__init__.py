"""The quagmire map: definitions grouped by meaning.

Pure functions over definition items and their embeddings (no store, no
model), so the whole analysis is testable on a handful of vectors:

1. each definition is embedded as "term: definition" (see
   :func:`definition_text`);
2. agglomerative clustering, complete linkage on cosine distance, cut at
   :data:`THRESHOLD`; chosen on the labelled set by
   ``benchmarks/quagmire_threshold.py`` (run it to see the sweep):
   "term: definition" beat definition-only text (best ARI 0.86 vs 0.74), and
   complete linkage at 0.60 had the best ARI (0.86) and the best silhouette
   (0.28) of the complete-linkage sweep, against 0.81 for average linkage;
3. each cluster is named by its commonest term(s) and the gist of its most
   central definition ("integration: deliberate joining of assessment,
   funding and delivery"), see :func:`name_clusters`;
4. polysemous terms: one folded term whose definitions fall in 2+ clusters;
   synonym groups: clusters holding 2+ distinct folded terms.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from reviewkit.search.corpus_definitions import DefinitionItem, fold_term

#: Cosine distance at which clusters stop merging (complete linkage: every
#: pair in a cluster is within it, so long chains of loosely related
#: definitions do not merge into one meaning).
THRESHOLD = 0.6
LINKAGE = "complete"
SCHEMA = "reviewkit.quagmire/1"


@dataclass(frozen=True)
class Cluster:
    """A group of definitions sharing a meaning.

    Attributes:
        id: 1-based; clusters are numbered largest first.
        label: a short name made from the members' terms and words.
        members: indices into the map's items.
    """

    id: int
    label: str
    members: tuple[int, ...]


@dataclass
class QuagmireMap:
    """The result of :func:`build_map`.

    Attributes:
        items: the definitions, in the order given.
        cluster_of: the cluster id of each item.
        clusters: the clusters, largest first.
        polysemous_terms: (display term, cluster ids) for terms in 2+ clusters.
        synonym_groups: (cluster id, display terms) for clusters with 2+ terms.
        coords: 2-D coordinates of each item for the map (PCA).
        metrics: method, threshold, silhouette and counts.
    """

    items: list[DefinitionItem]
    cluster_of: list[int]
    clusters: list[Cluster]
    polysemous_terms: list[tuple[str, list[int]]]
    synonym_groups: list[tuple[int, list[str]]]
    coords: np.ndarray
    metrics: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """The ``reviewkit.quagmire/1`` contract."""
        return {
            "schema": SCHEMA,
            "n_definitions": len(self.items),
            "clusters": [
                {
                    "id": c.id,
                    "label": c.label,
                    "members": [_member_json(self.items[i]) for i in c.members],
                }
                for c in self.clusters
            ],
            "polysemous_terms": [{"term": t, "clusters": ids} for t, ids in self.polysemous_terms],
            "synonym_groups": [{"cluster": c, "terms": terms} for c, terms in self.synonym_groups],
            "metrics": self.metrics,
        }


def _member_json(item: DefinitionItem) -> dict[str, Any]:
    return {
        "term": item.term,
        "definition": item.definition,
        "doc_sha256": item.doc_sha256,
        "title": item.title,
        "attributed_to": item.attributed_to,
        "page": item.page,
    }


def cluster_vectors(
    vectors: np.ndarray, *, threshold: float = THRESHOLD, linkage: str = LINKAGE
) -> np.ndarray:
    """Cluster labels (0-based, arbitrary order) of unit-length row vectors."""
    n = len(vectors)
    if n == 0:
        return np.empty(0, dtype=np.int64)
    if n == 1:
        return np.zeros(1, dtype=np.int64)
    from sklearn.cluster import AgglomerativeClustering

    model = AgglomerativeClustering(
        n_clusters=None, metric="cosine", linkage=linkage, distance_threshold=threshold
    )
    return np.asarray(model.fit_predict(vectors), dtype=np.int64)


def build_map(
    items: Sequence[DefinitionItem],
    vectors: np.ndarray,
    *,
    threshold: float = THRESHOLD,
) -> QuagmireMap:
    """Cluster definitions by meaning and report polysemy and synonymy.

    Args:
        items: the definitions.
        vectors: one unit-length embedding of :func:`definition_text` per item.
        threshold: cosine distance at which clusters stop merging.
    """
    items = list(items)
    raw = cluster_vectors(vectors, threshold=threshold)
    # Renumber: largest cluster first, ties by first appearance; ids from 1.
    sizes = Counter(raw.tolist())
    first = {c: i for i, c in reversed(list(enumerate(raw.tolist())))}
    order = sorted(sizes, key=lambda c: (-sizes[c], first[c]))
    renum = {c: i + 1 for i, c in enumerate(order)}
    cluster_of = [renum[c] for c in raw.tolist()]
    members: dict[int, list[int]] = {}
    for i, c in enumerate(cluster_of):
        members.setdefault(c, []).append(i)
    names = name_clusters(items, members, vectors)
    clusters = [Cluster(c, names[c], tuple(members[c])) for c in sorted(members)]

    display = _display_terms(items)
    by_term: dict[str, set[int]] = {}
    for item, c in zip(items, cluster_of, strict=True):
        by_term.setdefault(fold_term(item.term), set()).add(c)
    polysemous = sorted(
        ((display[t], sorted(cs)) for t, cs in by_term.items() if len(cs) > 1),
        key=lambda tc: (-len(tc[1]), tc[0].lower()),
    )
    synonyms = []
    for cluster in clusters:
        terms = sorted({fold_term(items[i].term) for i in cluster.members})
        if len(terms) > 1:
            synonyms.append((cluster.id, [display[t] for t in terms]))

    metrics: dict[str, Any] = {
        "method": f"agglomerative, {LINKAGE} linkage, cosine distance",
        "distance_threshold": threshold,
        "n_clusters": len(clusters),
        "embedded_text": "term: definition",
    }
    silhouette = silhouette_of(vectors, np.asarray(cluster_of))
    if silhouette is not None:
        metrics["silhouette"] = round(silhouette, 4)
    return QuagmireMap(
        items=items,
        cluster_of=cluster_of,
        clusters=clusters,
        polysemous_terms=polysemous,
        synonym_groups=synonyms,
        coords=project_2d(vectors),
        metrics=metrics,
    )


def silhouette_of(vectors: np.ndarray, labels: np.ndarray) -> float | None:
    """Mean silhouette (cosine), or None when it is undefined (1 or n clusters)."""
    k = len(set(labels.tolist()))
    if not 2 <= k <= len(labels) - 1:
        return None
    from sklearn.metrics import silhouette_score

    return float(silhouette_score(vectors, labels, metric="cosine"))


def project_2d(vectors: np.ndarray) -> np.ndarray:
    """2-D coordinates for the map: the first two principal components."""
    n = len(vectors)
    if n < 3:
        return np.column_stack([np.arange(n, dtype=float), np.zeros(n)])
    from sklearn.decomposition import PCA

    points: np.ndarray = PCA(n_components=2, random_state=0).fit_transform(vectors)
    return points


#: Words a cluster label's gist may hold: enough to say what is meant.
GIST_WORDS = 7
#: Where the gist of a definition ends: the first clause break after its core.
_CLAUSE_END = re.compile(
    r"\s*(?:[;:()\[\]]|\s[-–—]\s|,\s*(?=(?:so|which|who|whom|where|while|whatever|whether|"
    r"but|rather|because|including|such|as|with|without|whereby|i\.e|e\.g)\b)|"
    r"\s(?=(?:so that|which|who|whom|where|while|whatever|whether|rather than|because|"
    r"in order to|such that|whereby|so as)\b))",
    re.IGNORECASE,
)
#: Opening words of a definition that carry no meaning of their own.
_LEAD = re.compile(
    r"^(?:(?:is|are|was|means?|meant|refers? to|denotes?|describes?|defined as|"
    r"understood as|taken to mean|the|a|an|to|that|this|any|some|of|when|where|it|"
    r"present|reached|achieved)\s+)+",
    re.IGNORECASE,
)
#: Words a gist does not end on (it would read as cut off).
_TRAILING_WORDS = """
    a an the of to and or but for with by in on at as from into onto than that which
    who whom whose their its his her our your this these those each every any some so
    such is are be being been was were not no nor also very more most between among
    across within without towards toward about over under through while whether
"""
_TRAILING = frozenset(_TRAILING_WORDS.split())


def gist(definition: str, *, words: int = GIST_WORDS) -> str:
    """A definition cut to its first few key words.

    Leading "is", "means", articles and the like are dropped; the text stops
    at the first clause break (a semicolon, a parenthesis, "which", "so
    that", ...) and after at most `words` words, never on a function word.

    >>> gist("the deliberate joining of assessment, funding and delivery so that staff act")
    'deliberate joining of assessment, funding and delivery'
    """
    text = re.sub(r"\s+", " ", definition)
    # Quotation marks go; apostrophes inside words ("user's") stay.
    text = re.sub(r"[“”\"]|(?<!\w)['‘’]|['‘’](?!\w)", "", text).strip(" .")
    text = _LEAD.sub("", text)
    cut = _CLAUSE_END.search(text)
    if cut and cut.start() > 0:
        text = text[: cut.start()]
    all_words = text.split()
    out = all_words[:words]
    if len(all_words) > words:
        # Cut short inside a list ("nurses, social..."): end at its last comma,
        # unless the list's "and"/"or" already closed it.
        commas = [i for i, w in enumerate(out) if w.endswith(",")]
        if commas and commas[-1] >= 2 and not {"and", "or"} & set(out[commas[-1] :]):
            out = out[: commas[-1] + 1]
    while out and out[-1].lower().strip(",.;:‘’“”\"'") in _TRAILING:
        out.pop()
    return " ".join(out).strip(",;: ‘’“”\"'")


def name_clusters(
    items: Sequence[DefinitionItem],
    members: dict[int, list[int]],
    vectors: np.ndarray | None = None,
) -> dict[int, str]:
    """A label per cluster: its commonest term(s) and the gist of its meaning.

    With `vectors`, the gist is that of the cluster's most central member
    (the highest mean cosine similarity to the others: the definition the
    rest are most like), e.g. "integration: deliberate joining of
    assessment, funding and delivery". Without, or when that gist is empty,
    the top TF-IDF words of the cluster's definitions against the other
    clusters stand in, skipping the terms' own words and stopwords.
    """
    ids = sorted(members)
    words = _distinctive_words(items, members) if vectors is None else {}
    display = _display_terms(items)
    out = {}
    for c in ids:
        terms = Counter(fold_term(items[i].term) for i in members[c])
        top = [display[t] for t, _ in terms.most_common(2)]
        head = " / ".join(top)
        meaning = ""
        if vectors is not None:
            meaning = gist(items[_central(members[c], vectors)].definition)
            if not meaning:
                words = words or _distinctive_words(items, members)
        if not meaning and words.get(c):
            meaning = ", ".join(words[c])
        out[c] = f"{head}: {meaning}" if meaning else head
    return out


def _central(idx: list[int], vectors: np.ndarray) -> int:
    """The member with the highest mean similarity to the cluster's members."""
    if len(idx) <= 2:
        return idx[0]
    sub = vectors[idx]
    return idx[int(np.argmax((sub @ sub.T).mean(axis=1)))]


def _distinctive_words(
    items: Sequence[DefinitionItem], members: dict[int, list[int]]
) -> dict[int, list[str]]:
    """Top 3 TF-IDF words per cluster, against the other clusters."""
    ids = sorted(members)
    docs = [" ".join(items[i].definition for i in members[c]) for c in ids]
    words: dict[int, list[str]] = {c: [] for c in ids}
    if not any(d.strip() for d in docs):
        return words
    from sklearn.feature_extraction.text import TfidfVectorizer

    try:
        tfidf = TfidfVectorizer(stop_words="english", sublinear_tf=True)
        matrix = tfidf.fit_transform(docs).toarray()
        vocab = tfidf.get_feature_names_out()
    except ValueError:  # only stopwords
        return words
    for row, c in zip(matrix, ids, strict=True):
        term_words = set(
            " ".join(fold_term(items[i].term, keep_spaces=True) for i in members[c]).split()
        )
        ranked = [vocab[j] for j in np.argsort(-row, kind="stable") if row[j] > 0]
        words[c] = [w for w in ranked if w not in term_words][:3]
    return words


def _display_terms(items: Sequence[DefinitionItem]) -> dict[str, str]:
    """The commonest spelling of each folded term, lower-cased unless an acronym."""
    spellings: dict[str, Counter[str]] = {}
    for item in items:
        term = item.term.strip()
        shown = term if any(ch.isupper() for ch in term[1:]) else term.lower()
        spellings.setdefault(fold_term(term), Counter())[shown] += 1
    return {k: v.most_common(1)[0][0] for k, v in spellings.items()}
