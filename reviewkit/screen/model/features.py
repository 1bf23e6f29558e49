"""Feature extractors: texts in, a sparse matrix out."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize


class Tfidf(BaseEstimator):
    """TF-IDF of word n-grams, optionally joined by character n-grams.

    Character n-grams (within word boundaries) help with spelling variants,
    plurals and compound terms, and with short records that have no abstract.

    Args:
        ngram_range: word n-gram lengths.
        min_df: drop terms in fewer records than this.
        max_df: drop terms in more than this share of records.
        sublinear_tf: use 1 + log(tf).
        stop_words: "english" or None.
        char_ngram_range: character n-gram lengths, or None for words only.
        char_weight: weight of the character block relative to the word block.
        max_features: cap on each block's vocabulary (None: no cap).
    """

    name: ClassVar[str] = "tfidf"

    def __init__(
        self,
        ngram_range: tuple[int, int] = (1, 2),
        min_df: int = 1,
        max_df: float = 1.0,
        sublinear_tf: bool = True,
        stop_words: str | None = "english",
        char_ngram_range: tuple[int, int] | None = None,
        char_weight: float = 1.0,
        max_features: int | None = None,
    ) -> None:
        self.ngram_range = ngram_range
        self.min_df = min_df
        self.max_df = max_df
        self.sublinear_tf = sublinear_tf
        self.stop_words = stop_words
        self.char_ngram_range = char_ngram_range
        self.char_weight = char_weight
        self.max_features = max_features

    def fit_transform(self, texts: Sequence[str], y: object = None) -> sp.csr_matrix:
        """Learn the vocabularies from `texts` and return their feature matrix."""
        self.words_ = TfidfVectorizer(
            ngram_range=tuple(self.ngram_range),
            min_df=self.min_df,
            max_df=self.max_df,
            sublinear_tf=self.sublinear_tf,
            stop_words=self.stop_words,
            max_features=self.max_features,
            dtype=np.float32,
        )
        blocks = [self.words_.fit_transform(texts)]
        self.chars_ = None
        if self.char_ngram_range:
            self.chars_ = TfidfVectorizer(
                analyzer="char_wb",
                ngram_range=tuple(self.char_ngram_range),
                min_df=max(2, self.min_df),
                max_df=self.max_df,
                sublinear_tf=self.sublinear_tf,
                max_features=self.max_features,
                dtype=np.float32,
            )
            blocks.append(self.char_weight * self.chars_.fit_transform(texts))
        return self._join(blocks)

    def fit(self, texts: Sequence[str], y: object = None) -> Tfidf:
        self.fit_transform(texts)
        return self

    def transform(self, texts: Sequence[str]) -> sp.csr_matrix:
        blocks = [self.words_.transform(texts)]
        if self.chars_ is not None:
            blocks.append(self.char_weight * self.chars_.transform(texts))
        return self._join(blocks)

    @staticmethod
    def _join(blocks: list[sp.spmatrix]) -> sp.csr_matrix:
        if len(blocks) == 1:
            return sp.csr_matrix(blocks[0])
        return normalize(sp.hstack(blocks, format="csr"))


FEATURES: dict[str, type[BaseEstimator]] = {Tfidf.name: Tfidf}


class TfidfMinilm(Tfidf):
    """TF-IDF word n-grams (as :class:`Tfidf`) joined by MiniLM sentence embeddings.

    The embedding block is the packaged all-MiniLM-L6-v2's unit vector of each
    record's text, scaled by `embed_weight`, as the last
    :data:`reviewkit.embed.DIM` columns. Embeddings are slow to compute (a few
    hundred texts a second), so callers pass the vectors they have cached by
    text hash (``vectors=``); only when none are given are they computed here.

    Args:
        embed_weight: weight of the embedding block against the TF-IDF block.
    """

    name: ClassVar[str] = "tfidf+minilm"
    uses_vectors: ClassVar[bool] = True

    def __init__(
        self,
        ngram_range: tuple[int, int] = (1, 2),
        min_df: int = 1,
        max_df: float = 0.95,
        sublinear_tf: bool = True,
        stop_words: str | None = None,
        embed_weight: float = 1.0,
    ) -> None:
        super().__init__(
            ngram_range=ngram_range,
            min_df=min_df,
            max_df=max_df,
            sublinear_tf=sublinear_tf,
            stop_words=stop_words,
        )
        self.embed_weight = embed_weight

    def fit_transform(
        self, texts: Sequence[str], y: object = None, vectors: np.ndarray | None = None
    ) -> sp.csr_matrix:
        """TF-IDF of `texts` with their embeddings (given, else computed) appended."""
        words = super().fit_transform(texts)
        return self._with_vectors(words, texts, vectors)

    def transform(self, texts: Sequence[str], vectors: np.ndarray | None = None) -> sp.csr_matrix:
        return self._with_vectors(super().transform(texts), texts, vectors)

    def _with_vectors(
        self, words: sp.csr_matrix, texts: Sequence[str], vectors: np.ndarray | None
    ) -> sp.csr_matrix:
        if vectors is None:
            from reviewkit.embed import embed_texts

            vectors = embed_texts(list(texts))
        dense = sp.csr_matrix(np.asarray(vectors, dtype=np.float32) * self.embed_weight)
        return sp.hstack([words, dense], format="csr")


FEATURES[TfidfMinilm.name] = TfidfMinilm
