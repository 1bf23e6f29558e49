"""Choose the quagmire clustering threshold on definitions labelled by sense.

Reads tests/fixtures/quagmire/labelled_definitions.jsonl (original text: five
senses of "integration", and of terms sharing each sense, plus a group of
different terms for working together) and sweeps the distance threshold of
the clustering in :mod:`reviewkit.synthesise.quagmire`: ARI against the
senses, silhouette, number of clusters, for "term: definition" and for
definition-only embeddings. The sweep is also reported on each half of the
set (odd and even entries) to show the choice does not hang on a few
definitions. The setting in :mod:`reviewkit.synthesise.quagmire` is the one it
picks.

Usage::

    python benchmarks/quagmire_threshold.py [--linkage complete|average|single]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
LABELLED = REPO / "tests" / "fixtures" / "quagmire" / "labelled_definitions.jsonl"
sys.path.insert(0, str(REPO))

from reviewkit.search.corpus_definitions import DefinitionItem, definition_text  # noqa: E402
from reviewkit.synthesise.quagmire import (  # noqa: E402
    LINKAGE,
    cluster_vectors,
    silhouette_of,
)


def labelled_items() -> tuple[list[DefinitionItem], list[str]]:
    """The labelled definitions as items (made-up document ids) and their senses."""
    rows = [json.loads(line) for line in LABELLED.read_text(encoding="utf-8").splitlines()]
    items = [
        DefinitionItem(
            term=row["term"],
            definition=row["definition"],
            doc_sha256=f"labelled-{i:02d}",
            title=f"labelled set #{i}",
            attributed_to=None,
            page=1,
        )
        for i, row in enumerate(rows)
    ]
    return items, [row["sense"] for row in rows]


def sweep(
    vectors: np.ndarray,
    truth: Sequence[str],
    thresholds: Sequence[float],
    *,
    linkage: str = LINKAGE,
) -> list[dict[str, float]]:
    """Score each threshold against the known senses: ARI, silhouette, cluster count."""
    from sklearn.metrics import adjusted_rand_score

    rows = []
    for t in thresholds:
        labels = cluster_vectors(vectors, threshold=t, linkage=linkage)
        sil = silhouette_of(vectors, labels)
        rows.append(
            {
                "threshold": t,
                "ari": float(adjusted_rand_score(list(truth), labels.tolist())),
                "silhouette": float("nan") if sil is None else sil,
                "n_clusters": float(len(set(labels.tolist()))),
            }
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--linkage", default="complete", choices=["average", "complete", "single"])
    args = parser.parse_args()
    from reviewkit.embed import embed_texts

    items, senses = labelled_items()
    thresholds = [round(0.3 + 0.05 * i, 2) for i in range(11)]
    variants = {
        "term: definition": embed_texts([definition_text(it) for it in items]),
        "definition only": embed_texts([it.definition for it in items]),
    }
    for name, vectors in variants.items():
        print(
            f"\n{name}, {args.linkage} linkage ({len(items)} definitions, "
            f"{len(set(senses))} senses)"
        )
        print(f"{'threshold':>9} {'ARI':>6} {'silh.':>6} {'k':>3} {'ARI odd':>8} {'ARI even':>9}")
        full = sweep(vectors, senses, thresholds, linkage=args.linkage)
        odd = sweep(vectors[0::2], senses[0::2], thresholds, linkage=args.linkage)
        even = sweep(vectors[1::2], senses[1::2], thresholds, linkage=args.linkage)
        for a, b, c in zip(full, odd, even, strict=True):
            print(
                f"{a['threshold']:>9.2f} {a['ari']:>6.3f} {a['silhouette']:>6.3f} "
                f"{int(a['n_clusters']):>3} {b['ari']:>8.3f} {c['ari']:>9.3f}"
            )


if __name__ == "__main__":
    main()
