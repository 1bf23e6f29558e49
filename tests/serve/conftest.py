"""Fixtures for the server: a small review folder on disk with two documents and a user."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from reviewkit.search.index import index_documents
from reviewkit.serve.app import make_app
from reviewkit.serve.guard import RateLimiter
from reviewkit.store import DB_NAME, Store, init_project
from reviewkit.store.documents import save_document
from reviewkit.store.users import add_user
from tests.search.conftest import make_doc


@pytest.fixture
def review(tmp_path: Path) -> Path:
    """A review folder holding papers A and B, keyword-indexed (no embeddings)."""
    folder = init_project(tmp_path / "review")
    with Store(folder / DB_NAME) as store:
        for key in ("a", "b"):
            save_document(store, make_doc(key))
        index_documents(store, embed=False)
    return folder


@pytest.fixture
def token(review: Path) -> str:
    with Store(review / DB_NAME) as store:
        return add_user(store, "ann")


@pytest.fixture
def client(review: Path, token: str) -> Iterator[TestClient]:
    app = make_app(review, warm=False, limiter=RateLimiter(per_second=0.01, burst=30))
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


@pytest.fixture
def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}
