"""The prioritisation model: named, composable scikit-learn parts.

A model is a feature extractor, a classifier, a balancer and a querier. Its
description (:meth:`Model.to_json`: each part's short name and
``get_params()``) is stored with every ranking it produces, and
:func:`model_from_json` rebuilds the same model from it, so any screening
order can be reproduced.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator

from reviewkit.errors import ConfigError
from reviewkit.screen.model.balancers import BALANCERS
from reviewkit.screen.model.classifiers import CLASSIFIERS
from reviewkit.screen.model.features import FEATURES
from reviewkit.screen.model.queriers import QUERIERS

_REGISTRIES: dict[str, dict[str, type[BaseEstimator]]] = {
    "features": FEATURES,
    "classifier": CLASSIFIERS,
    "balancer": BALANCERS,
    "querier": QUERIERS,
}

#: ASReview LAB's ELAS u4 (asreview/models/models.py), as named parts.
ELAS_U4: dict[str, tuple[str, dict[str, Any]]] = {
    "features": (
        "tfidf",
        {
            "ngram_range": (1, 2),
            "sublinear_tf": True,
            "min_df": 1,
            "max_df": 0.95,
            "stop_words": None,
        },
    ),
    "classifier": ("svm", {"C": 0.11}),
    "balancer": ("balanced", {"ratio": 9.8}),
    "querier": ("max", {}),
}

#: TF-IDF (as ELAS u4) joined by the packaged MiniLM embeddings; an SVM on the
#: words and one on both, rank-averaged; ELAS u4's balancing and querying.
TFIDF_MINILM: dict[str, tuple[str, dict[str, Any]]] = {
    "features": (
        "tfidf+minilm",
        {"ngram_range": (1, 2), "sublinear_tf": True, "min_df": 1, "max_df": 0.95},
    ),
    "classifier": ("svm-blocks", {"C": 0.11, "dense_dims": 384, "joined_weight": 1.0}),
    "balancer": ("balanced", {"ratio": 9.8}),
    "querier": ("max", {}),
}

#: Named configurations ({part: (name, params)}). "default" was chosen by
#: measurement (benchmarks/screening.py, 13 reviews x 5 seeds, 1 + 1 priors):
#: TF-IDF + MiniLM embeddings with two rank-averaged SVMs beat ELAS u4 on
#: average; character n-grams, SVM+NB and SVM+logistic ensembles, other C
#: values and balance ratios did not. "elas-u4" needs no embeddings.
PRESETS: dict[str, dict[str, tuple[str, dict[str, Any]]]] = {
    "default": TFIDF_MINILM,
    "tfidf-minilm": TFIDF_MINILM,
    "elas-u4": ELAS_U4,
    "nb": {
        "features": ("tfidf", {"ngram_range": (1, 1), "sublinear_tf": False}),
        "classifier": ("nb", {"alpha": 3.822}),
        "balancer": ("balanced", {"ratio": 1.0}),
        "querier": ("max", {}),
    },
}


@dataclass
class Model:
    """Features + classifier + balancer + querier."""

    features: BaseEstimator
    classifier: BaseEstimator
    balancer: BaseEstimator
    querier: BaseEstimator

    @property
    def uses_vectors(self) -> bool:
        """True when the features include sentence embeddings (pass them cached)."""
        return bool(getattr(self.features, "uses_vectors", False))

    def fit_features(
        self, texts: Sequence[str], vectors: np.ndarray | None = None
    ) -> sp.csr_matrix:
        """The feature matrix of every record's text (computed once per review state).

        Args:
            vectors: the texts' embeddings, when the features use them
                (:attr:`uses_vectors`) and the caller has them cached.
        """
        if self.uses_vectors:
            return self.features.fit_transform(list(texts), vectors=vectors)
        return self.features.fit_transform(list(texts))

    def scores(self, X: sp.csr_matrix, labelled: np.ndarray, y: np.ndarray) -> np.ndarray:
        """Fit on the labelled rows of `X` and score every row (higher: more relevant).

        The rows are fitted in row order, whatever order they were labelled in,
        so a stored review and a replay of it fit the same model.
        """
        by_row = np.argsort(labelled, kind="stable")
        labelled, y = np.asarray(labelled)[by_row], np.asarray(y)[by_row]
        weights = self.balancer.sample_weight(y)
        self.classifier.fit(X[labelled], y, sample_weight=weights)
        scores: np.ndarray = self.classifier.score_samples(X)
        return scores

    def refit_and_rank(self, X: sp.csr_matrix, labelled: np.ndarray, y: np.ndarray) -> np.ndarray:
        """Fit on the labelled rows and return the other rows, most relevant first."""
        scores = self.scores(X, labelled, y)
        rest = np.setdiff1d(np.arange(X.shape[0]), labelled)
        ordered: np.ndarray = rest[self.querier.order(scores[rest])]
        return ordered

    def to_json(self) -> dict[str, dict[str, Any]]:
        """Each part's short name and parameters: enough to rebuild the model."""
        return {
            part: {"name": type(obj).name, "params": _jsonable(obj.get_params())}
            for part, obj in self.parts().items()
        }

    def parts(self) -> dict[str, BaseEstimator]:
        """The model's four components by role: features, classifier, balancer, querier."""
        return {
            "features": self.features,
            "classifier": self.classifier,
            "balancer": self.balancer,
            "querier": self.querier,
        }


def _jsonable(params: dict[str, Any]) -> dict[str, Any]:
    return {k: list(v) if isinstance(v, tuple) else v for k, v in sorted(params.items())}


def _build(part: str, name: str, params: dict[str, Any]) -> BaseEstimator:
    registry = _REGISTRIES[part]
    if name not in registry:
        raise ConfigError(f"unknown {part} {name!r}; choose one of {', '.join(registry)}")
    cls = registry[name]
    fixed = {
        k: tuple(v) if isinstance(v, list) and k != "members" else v for k, v in params.items()
    }
    if "members" in fixed:
        fixed["members"] = tuple(fixed["members"])
    return cls(**fixed)


def model_from_json(spec: dict[str, dict[str, Any]]) -> Model:
    """Rebuild a model from :meth:`Model.to_json` output (e.g. a stored ranking's)."""
    return Model(
        **{
            part: _build(part, spec[part]["name"], spec[part].get("params", {}))
            for part in _REGISTRIES
        }
    )


def make_model(name: str = "default", random_state: int | None = 0) -> Model:
    """A preset model by name (see :data:`PRESETS`).

    Raises:
        ConfigError: for an unknown name.
    """
    if name not in PRESETS:
        raise ConfigError(f"unknown screening model {name!r}; choose one of {', '.join(PRESETS)}")
    spec = {}
    for part, (comp, params) in PRESETS[name].items():
        cls = _REGISTRIES[part][comp]
        if "random_state" in cls._get_param_names():
            params = {**params, "random_state": random_state}
        spec[part] = {"name": comp, "params": params}
    return model_from_json(spec)


def default_model(random_state: int | None = 0) -> Model:
    """The model reviewkit uses unless ``screening.model`` says otherwise."""
    return make_model("default", random_state)
