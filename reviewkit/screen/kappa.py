"""Agreement between reviewers: Cohen's kappa over records both screened."""

from __future__ import annotations

import math
from collections import defaultdict
from itertools import combinations

from sklearn.metrics import cohen_kappa_score

from reviewkit.store import Store
from reviewkit.store.decisions import current_decisions


def kappa_pair(store: Store, stage: str) -> tuple[str, str, int] | None:
    """The two reviewers with most records screened by both at `stage`, and that overlap."""
    by_reviewer: dict[str, set[int]] = defaultdict(set)
    for d in current_decisions(store, stage):
        by_reviewer[d.reviewer].add(d.record_id)
    best: tuple[str, str, int] | None = None
    for a, b in combinations(sorted(by_reviewer), 2):
        overlap = len(by_reviewer[a] & by_reviewer[b])
        if overlap and (best is None or overlap > best[2]):
            best = (a, b, overlap)
    return best


def kappa(store: Store, stage: str) -> float | None:
    """Cohen's kappa (include / exclude / maybe) between the two reviewers with most overlap.

    Returns:
        None when no two reviewers screened a record in common, or when kappa
        is undefined (both reviewers gave one and the same label throughout).
    """
    pair = kappa_pair(store, stage)
    if pair is None:
        return None
    a, b, _ = pair
    labels: dict[str, dict[int, str]] = {a: {}, b: {}}
    for d in current_decisions(store, stage):
        if d.reviewer in labels:
            labels[d.reviewer][d.record_id] = d.label
    common = sorted(labels[a].keys() & labels[b].keys())
    y_a = [labels[a][r] for r in common]
    y_b = [labels[b][r] for r in common]
    if len(set(y_a) | set(y_b)) < 2:
        return None
    value = float(cohen_kappa_score(y_a, y_b))
    return None if math.isnan(value) else value
