"""Classifiers: fit on labelled rows (with sample weights), score the rest."""

from __future__ import annotations

from typing import ClassVar, TypeAlias

import numpy as np
import scipy.sparse as sp
from scipy.stats import rankdata
from sklearn.base import BaseEstimator
from sklearn.linear_model import LogisticRegression
from sklearn.naive_bayes import ComplementNB
from sklearn.svm import LinearSVC
from sklearn.utils import Tags
from sklearn.utils.validation import _check_sample_weight, check_is_fitted, validate_data

Matrix: TypeAlias = sp.csr_matrix | np.ndarray


class _Scorer(BaseEstimator):
    """A classifier whose `score_samples` is higher for more likely relevant records.

    `fit` and `score_samples` validate their input as scikit-learn estimators
    do (shape, finiteness, feature count, sample weights) and hand subclasses
    a CSR matrix or a float array through `_fit` and `_score`.
    """

    name: ClassVar[str] = ""

    def fit(self, X: Matrix, y: np.ndarray, sample_weight: np.ndarray | None = None) -> _Scorer:
        X, y = validate_data(self, X, y, accept_sparse="csr", dtype=[np.float64, np.float32])
        weights = _check_sample_weight(sample_weight, X)
        self._fit(X, y, weights)
        return self

    def score_samples(self, X: Matrix) -> np.ndarray:
        check_is_fitted(self)
        X = validate_data(self, X, accept_sparse="csr", dtype=[np.float64, np.float32], reset=False)
        return np.asarray(self._score(X), dtype=float)

    def _fit(self, X: Matrix, y: np.ndarray, sample_weight: np.ndarray) -> None:
        self.model_ = self._make()
        self.model_.fit(X, y, sample_weight=sample_weight)

    def _score(self, X: Matrix) -> np.ndarray:
        return np.asarray(self.model_.decision_function(X), dtype=float)

    def _make(self) -> BaseEstimator:
        raise NotImplementedError

    def __sklearn_tags__(self) -> Tags:
        tags = super().__sklearn_tags__()
        tags.input_tags.sparse = True
        return tags


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

    def __init__(self, C: float = 1.0) -> None:
        self.C = C

    def _make(self) -> BaseEstimator:
        # lbfgs is deterministic (no random_state) and, unlike liblinear,
        # does not penalise the intercept.
        return LogisticRegression(C=self.C, solver="lbfgs", max_iter=1000)


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

    def __sklearn_tags__(self) -> Tags:
        tags = super().__sklearn_tags__()
        tags.input_tags.positive_only = True
        return tags

    def _score(self, X: Matrix) -> np.ndarray:
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

    def __sklearn_tags__(self) -> Tags:
        tags = super().__sklearn_tags__()
        tags.input_tags.positive_only = any(
            CLASSIFIERS[name]().__sklearn_tags__().input_tags.positive_only for name in self.members
        )
        return tags

    def _fit(self, X: Matrix, y: np.ndarray, sample_weight: np.ndarray) -> None:
        self.fitted_ = []
        for name in self.members:
            cls = CLASSIFIERS[name]
            member = (
                cls(random_state=self.random_state)
                if "random_state" in cls._get_param_names()
                else cls()
            )
            self.fitted_.append(member.fit(X, y, sample_weight=sample_weight))

    def _score(self, X: Matrix) -> np.ndarray:
        ranks = [rankdata(m.score_samples(X)) for m in self.fitted_]
        mean: np.ndarray = np.mean(ranks, axis=0) / max(1, X.shape[0])
        return mean


class BlockSvm(_Scorer):
    """Two linear SVMs, rank-averaged: one on the sparse word block alone, one on
    every column (words and the trailing dense embedding block).

    The word model finds records sharing the review's vocabulary; the joined
    one also those that say the same in other words. Averaging their ranks
    (no calibration needed) was better on average over the 13 benchmark
    reviews than either alone (benchmarks/screening.py).

    Args:
        C: inverse regularisation strength of both SVMs.
        dense_dims: columns at the end that are the embedding block.
        joined_weight: weight of the joined model's rank against the word model's.
    """

    name: ClassVar[str] = "svm-blocks"

    def __init__(
        self,
        C: float = 0.11,
        dense_dims: int = 384,
        joined_weight: float = 1.0,
        random_state: int | None = 0,
    ) -> None:
        self.C = C
        self.dense_dims = dense_dims
        self.joined_weight = joined_weight
        self.random_state = random_state

    def _words(self, X: Matrix) -> Matrix:
        """The word block: every column but the trailing embedding block (all of
        them when the matrix is no wider than that block)."""
        n_words = X.shape[1] - self.dense_dims
        return X[:, :n_words] if n_words > 0 else X

    def _fit(self, X: Matrix, y: np.ndarray, sample_weight: np.ndarray) -> None:
        self.words_ = LinearSVC(C=self.C, random_state=self.random_state)
        self.words_.fit(self._words(X), y, sample_weight=sample_weight)
        self.joined_ = LinearSVC(C=self.C, random_state=self.random_state)
        self.joined_.fit(X, y, sample_weight=sample_weight)

    def _score(self, X: Matrix) -> np.ndarray:
        a = rankdata(self.words_.decision_function(self._words(X)))
        b = rankdata(self.joined_.decision_function(X))
        return np.asarray((a + self.joined_weight * b) / max(1, X.shape[0]), dtype=float)


CLASSIFIERS: dict[str, type[_Scorer]] = {
    c.name: c for c in (Svm, Logistic, NaiveBayes, Ensemble, BlockSvm)
}
