"""Balancers: sample weights that keep the few included records from being drowned out."""

from __future__ import annotations

from typing import ClassVar

import numpy as np
from sklearn.base import BaseEstimator


class Balanced(BaseEstimator):
    """Weight each class so included records carry `ratio` times the excluded ones' total.

    Args:
        ratio: total weight of included records relative to excluded ones.
    """

    name: ClassVar[str] = "balanced"

    def __init__(self, ratio: float = 1.0) -> None:
        self.ratio = ratio

    def sample_weight(self, y: np.ndarray) -> np.ndarray:
        n_pos = max(1, int((y == 1).sum()))
        n_neg = max(1, int((y == 0).sum()))
        w = np.ones(len(y), dtype=float)
        w[y == 1] = self.ratio * n_neg / n_pos
        weights: np.ndarray = w * len(y) / w.sum()
        return weights


class NoBalance(BaseEstimator):
    """Every labelled record weighs the same."""

    name: ClassVar[str] = "none"

    def sample_weight(self, y: np.ndarray) -> np.ndarray:
        return np.ones(len(y), dtype=float)


BALANCERS: dict[str, type[BaseEstimator]] = {b.name: b for b in (Balanced, NoBalance)}
