"""Classifiers: fit on labelled rows (with sample weights), score the rest."""

from __future__ import annotations

from typing import ClassVar

import numpy as np
import scipy.sparse as sp
from scipy.stats import rankdata
from sklearn.base import BaseEstimator
from sklearn.linear_model import LogisticRegression
from sklearn.naive_bayes import ComplementNB
from sklearn.svm import LinearSVC


class _Scorer(BaseEstimator):
    """A classifier whose `score_samples` is higher for more likely relevant records."""

    name: ClassVar[str] = ""

    def fit(
        self, X: sp.csr_matrix, y: np.ndarray, sample_weight: np.ndarray | None = None
    ) -> _Scorer:
        self.model_ = self._make()
        self.model_.fit(X, y, sample_weight=sample_weight)
        return self

    def score_samples(self, X: sp.csr_matrix) -> np.ndarray:
        return np.asarray(self.model_.decision_function(X), dtype=float)

    def _make(self) -> BaseEstimator:
        raise NotImplementedError


class Svm(_Scorer):
    """Linear SVM (ASReview's current default classifier).

    Args:
        C: inverse regularisation strength.
    """

    name: ClassVar[str] = "svm"

    def __init__(self, C: float = 0.11, random_state: int | None = 0) -> None:
        self.C = C
        self.random_state = random_state

    def _make(self) -> BaseEstimator:
        return LinearSVC(C=self.C, loss="squared_hinge", random_state=self.random_state)


class Logistic(_Scorer):
    """L2 logistic regression.

    Args:
        C: inverse regularisation strength.
    """

    name: ClassVar[str] = "logistic"

    def __init__(self, C: float = 1.0, random_state: int | None = 0) -> None:
        self.C = C
        self.random_state = random_state

    def _make(self) -> BaseEstimator:
        return LogisticRegression(C=self.C, solver="liblinear", random_state=self.random_state)


class NaiveBayes(_Scorer):
    """Complement naive Bayes (robust on imbalanced text).

    Args:
        alpha: additive smoothing.
    """

    name: ClassVar[str] = "nb"

    def __init__(self, alpha: float = 0.1) -> None:
        self.alpha = alpha

    def _make(self) -> BaseEstimator:
        return ComplementNB(alpha=self.alpha)

    def score_samples(self, X: sp.csr_matrix) -> np.ndarray:
        log_proba = self.model_.predict_log_proba(X)
        pos = list(self.model_.classes_).index(1)
        return np.asarray(log_proba[:, pos] - log_proba[:, 1 - pos], dtype=float)


class Ensemble(_Scorer):
    """Mean rank of several classifiers' scores (rank averaging needs no calibration).

    Args:
        members: names of the classifiers joined, e.g. ("svm", "logistic").
        random_state: passed to members that take one.
    """

    name: ClassVar[str] = "ensemble"

    def __init__(
        self, members: tuple[str, ...] = ("svm", "nb"), random_state: int | None = 0
    ) -> None:
        self.members = members
        self.random_state = random_state

    def fit(
        self, X: sp.csr_matrix, y: np.ndarray, sample_weight: np.ndarray | None = None
    ) -> Ensemble:
        self.fitted_ = []
        for name in self.members:
            cls = CLASSIFIERS[name]
            member = (
                cls(random_state=self.random_state)
                if "random_state" in cls._get_param_names()
                else cls()
            )
            self.fitted_.append(member.fit(X, y, sample_weight=sample_weight))
        return self

    def score_samples(self, X: sp.csr_matrix) -> np.ndarray:
        ranks = [rankdata(m.score_samples(X)) for m in self.fitted_]
        return np.mean(ranks, axis=0) / max(1, X.shape[0])


CLASSIFIERS: dict[str, type[_Scorer]] = {c.name: c for c in (Svm, Logistic, NaiveBayes, Ensemble)}
