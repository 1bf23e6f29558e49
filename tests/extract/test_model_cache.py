"""Fitted extraction models are cached on disk by what made them, and a bad
cache file is fitted again, never trusted."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from reviewkit.extract import model_cache
from reviewkit.extract.classifier import fit_text_classifier, load_rows


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("REVIEWKIT_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def _fit_counting(calls: list[int]):
    def fit():
        calls.append(1)
        return fit_text_classifier(load_rows("outcome_sentences.jsonl"))

    return fit


SENTENCES = [
    "Admissions to hospital fell by a fifth among people who used the service.",
    "Partners met monthly and agreed shared protocols for referral.",
]


def test_a_fitted_model_is_reused_by_the_next_process(cache: Path) -> None:
    calls: list[int] = []
    first = model_cache.cached_fit("outcomes-test", _fit_counting(calls))
    files = list(cache.glob("outcomes-test-*.pickle"))
    assert len(files) == 1 and calls == [1]
    again = model_cache.cached_fit("outcomes-test", _fit_counting(calls))  # as a new process
    assert calls == [1]
    assert (again.proba(SENTENCES) == first.proba(SENTENCES)).all()


def test_a_damaged_cache_file_is_fitted_again(cache: Path) -> None:
    calls: list[int] = []
    model_cache.cached_fit("outcomes-test", _fit_counting(calls))
    (path,) = cache.glob("outcomes-test-*.pickle")
    path.write_bytes(b"not a pickle")
    model = model_cache.cached_fit("outcomes-test", _fit_counting(calls))
    assert calls == [1, 1] and model.proba(SENTENCES).shape == (2, len(model.labels))
    assert pickle.loads(path.read_bytes()).labels == model.labels  # written whole again


def test_the_key_changes_with_the_code(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = model_cache._source_digest()
    fake = cache.parent / "extract"
    fake.mkdir()
    (fake / "rules.py").write_text("X = 1\n", encoding="utf-8")
    monkeypatch.setattr(model_cache, "EXTRACT", fake)
    model_cache._source_digest.cache_clear()
    one = model_cache._source_digest()
    (fake / "rules.py").write_text("X = 2\n", encoding="utf-8")
    model_cache._source_digest.cache_clear()
    two = model_cache._source_digest()
    model_cache._source_digest.cache_clear()
    assert len({before, one, two}) == 3


def test_an_unwritable_cache_folder_still_gives_a_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("a file where the folder would be", encoding="utf-8")
    monkeypatch.setenv("REVIEWKIT_CACHE_DIR", str(blocked / "cache"))
    calls: list[int] = []
    model = model_cache.cached_fit("outcomes-test", _fit_counting(calls))
    assert calls == [1] and model.proba(SENTENCES).shape[0] == 2
