"""Queriers: turn scores of unlabelled records into the order they are shown."""

from __future__ import annotations

from typing import ClassVar

import numpy as np
from sklearn.base import BaseEstimator


class Max(BaseEstimator):
    """Most likely relevant first; ties broken by position (deterministic)."""

    name: ClassVar[str] = "max"

    def order(self, scores: np.ndarray) -> np.ndarray:
        """Positions into `scores`, most relevant first."""
        return np.argsort(-scores, kind="stable")


QUERIERS: dict[str, type[BaseEstimator]] = {Max.name: Max}
