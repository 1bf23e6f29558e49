"""Issue 12: a search says so when no passage matches the query well."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewkit.search.index import index_documents
from reviewkit.search.query import NO_MATCH_SIMILARITY, search_result
from reviewkit.store import Store


def test_keyword_search_with_no_shared_word_is_no_match(store: Store) -> None:
    index_documents(store, embed=False)
    assert search_result(store, "bicycle tyre puncture", mode="keyword").no_match
    found = search_result(store, "pooled budgets", mode="keyword")
    assert found.hits and not found.no_match and found.best_similarity is None


@pytest.mark.slow
def test_off_topic_questions_are_no_match_and_paraphrases_are_not(
    model: object, file_store: Path
) -> None:
    with Store(file_store) as store:
        index_documents(store)
        for query in ("How do I replace a bicycle inner tube?", "lemon drizzle cake recipe"):
            result = search_result(store, query, mode="hybrid")
            assert result.no_match, (query, result.best_similarity)
            assert result.hits  # the nearest are still given
        for query in ("Did putting money into one shared fund save anything?",):
            result = search_result(store, query, mode="hybrid")
            assert not result.no_match and result.best_similarity is not None
            assert result.best_similarity >= NO_MATCH_SIMILARITY
            assert result.hits[0].page == 2
