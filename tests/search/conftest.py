"""Fixtures for search tests: tiny documents and a review store holding them."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from reviewkit.document import Document, Page
from reviewkit.store import Store
from reviewkit.store.documents import save_document

PAGES = {
    "a": [
        "Integration of care\n\nIntegration is when the boundaries between agencies begin to "
        "dissolve and new work units emerge. Co-ordination is when considerable effort is put "
        "into harmonising the activities of agencies so that duplication is minimised.",
        "Pooled budgets\n\nPartners contributed money to a single fund for older people's "
        "services. The evidence on savings from pooling budgets remains tentative.",
    ],
    "b": [
        "Mergers of hospital trusts disrupted staff and stalled service development for at "
        "least eighteen months, and rarely saved money.\n\nCommunity teams of nurses and social "
        "workers were co-located in three localities.",
    ],
}


def make_doc(key: str) -> Document:
    pages = [Page(i + 1, text) for i, text in enumerate(PAGES[key])]
    sha = hashlib.sha256("\f".join(PAGES[key]).encode()).hexdigest()
    return Document(
        sha256=sha, path=f"/papers/{key}.pdf", kind="pdf", pages=pages, title=f"Paper {key.upper()}"
    )


@pytest.fixture
def docs() -> list[Document]:
    return [make_doc("a"), make_doc("b")]


@pytest.fixture
def store(docs: list[Document]) -> Store:
    s = Store(":memory:")
    for doc in docs:
        save_document(s, doc)
    return s


@pytest.fixture
def file_store(tmp_path: Path, docs: list[Document]) -> Path:
    """A review database on disk holding `docs`; returns its path."""
    path = tmp_path / "reviewkit.db"
    with Store(path) as s:
        for doc in docs:
            save_document(s, doc)
    return path


@pytest.fixture(scope="session")
def model() -> object:
    """The embedding model, loaded once per test session (about 5 s)."""
    from reviewkit.embed import load_model

    return load_model()
