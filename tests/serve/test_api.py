"""The JSON API and the pages: auth, contracts, limits, traversal, errors, read-only."""

from __future__ import annotations

import hashlib
from pathlib import Path

import jsonschema
import pytest
from starlette.testclient import TestClient

from reviewkit.store import DB_NAME, Store
from tests.conftest import contract
from tests.search.conftest import make_doc

SHA_A = make_doc("a").sha256


@pytest.mark.parametrize("path", ["/api/search?q=budgets&mode=keyword", "/api/status"])
def test_api_refuses_without_or_with_a_wrong_token(client: TestClient, path: str) -> None:
    for headers in ({}, {"Authorization": "Bearer not-a-token"}, {"Authorization": "Basic x"}):
        r = client.get(path, headers=headers)
        assert r.status_code == 401
        assert "token" in r.json()["error"]


def test_pages_without_a_token_show_the_login_form(client: TestClient) -> None:
    r = client.get("/?q=budgets")
    assert r.status_code == 401
    assert '<form class="search" method="post" action="/login">' in r.text
    assert "Paper A" not in r.text


def test_search_answers_the_contract_with_the_bearer_token(
    client: TestClient, auth: dict[str, str]
) -> None:
    r = client.get("/api/search", params={"q": "pooled budgets", "mode": "keyword"}, headers=auth)
    assert r.status_code == 200
    body = r.json()
    jsonschema.validate(body, contract("search"))
    assert body["results"][0]["doc_sha256"] == SHA_A
    assert body["results"][0]["page"] == 2


def test_status_answers_what_status_json_prints(
    client: TestClient, auth: dict[str, str], review: Path
) -> None:
    from reviewkit.screen.status import review_status
    from reviewkit.store import folder_config

    r = client.get("/api/status", headers=auth)
    jsonschema.validate(r.json(), contract("status"))
    with Store(review / DB_NAME) as store:
        assert r.json() == review_status(store, folder_config(review)).to_json()


def test_login_sets_a_strict_httponly_cookie_that_opens_the_pages(
    client: TestClient, token: str
) -> None:
    assert client.post("/login", data={"token": "wrong"}).status_code == 401
    r = client.post("/login", data={"token": token}, follow_redirects=False)
    assert r.status_code == 303
    cookie = r.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie
    page = client.get("/", params={"q": "pooled budgets", "mode": "keyword"})
    assert page.status_code == 200
    assert "Paper A, p. 2" in page.text
    assert "<mark>" in page.text


def test_a_hit_links_to_its_page_with_the_passage_marked(
    client: TestClient, auth: dict[str, str]
) -> None:
    hit = client.get(
        "/api/search", params={"q": "pooled budgets", "mode": "keyword"}, headers=auth
    ).json()["results"][0]
    url = f"/documents/{hit['doc_sha256']}/pages/{hit['page']}"
    r = client.get(url, params={"start": hit["char_start"], "end": hit["char_end"]}, headers=auth)
    assert r.status_code == 200
    assert f'<mark id="passage">{hit["text"]}</mark>'.replace("'", "&#39;") in r.text
    text = client.get(f"/api{url}", headers=auth).json()["text"]
    assert text[hit["char_start"] : hit["char_end"]] == hit["text"]


def test_page_text_is_escaped(client: TestClient, auth: dict[str, str], review: Path) -> None:
    from reviewkit.document import Document, Page

    evil = "<script>alert(1)</script> budgets"
    sha = hashlib.sha256(evil.encode()).hexdigest()
    with Store(review / DB_NAME) as store:
        from reviewkit.store.documents import save_document

        save_document(store, Document(sha, "/p/e.pdf", "pdf", [Page(1, evil)], title="<b>E</b>"))
    r = client.get(f"/documents/{sha}/pages/1", headers=auth)
    assert "<script>" not in r.text and "&lt;script&gt;" in r.text


@pytest.mark.parametrize(
    "path",
    [
        "/api/documents/../../etc/passwd/pages/1",
        "/api/documents/%2e%2e%2f%2e%2e%2fetc%2fpasswd/pages/1",
        f"/api/documents/{SHA_A}/pages/..%2f..%2freviewkit.db",
        f"/api/documents/{SHA_A.upper()}/pages/1",
        f"/api/documents/{SHA_A}/pages/99",
        "/documents/reviewkit.db/pages/1",
    ],
)
def test_no_path_reaches_outside_the_review(
    client: TestClient, auth: dict[str, str], path: str
) -> None:
    r = client.get(path, headers=auth)
    assert r.status_code == 404
    assert "root:" not in r.text and "SQLite" not in r.text


def test_limits_on_query_body_and_rate(client: TestClient, auth: dict[str, str]) -> None:
    assert client.get("/api/search", params={"q": "x" * 3000}, headers=auth).status_code == 414
    big = client.post("/login", content=b"token=" + b"x" * 20_000)
    assert big.status_code == 413
    assert (
        client.get("/api/search", params={"q": "a", "k": "100000"}, headers=auth).status_code == 400
    )
    codes = [client.get("/api/status", headers=auth).status_code for _ in range(40)]
    assert 429 in codes
    assert "too many requests" in client.get("/api/status", headers=auth).json()["error"]


def test_a_failing_handler_gives_500_without_a_traceback(
    client: TestClient, auth: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import reviewkit.screen.status as status

    def boom(*_: object) -> None:
        raise RuntimeError("secret internals at /home/x")

    monkeypatch.setattr(status, "review_status", boom)
    r = client.get("/api/status", headers=auth)
    assert r.status_code == 500
    assert r.json() == {"error": "internal error; the server's log has the details"}
    monkeypatch.setattr("reviewkit.serve.app.search_result", boom)
    page = client.get("/", params={"q": "budgets"}, headers=auth)
    assert page.status_code == 500
    assert "Traceback" not in page.text and "secret internals" not in page.text


def test_a_bad_request_is_one_line(client: TestClient, auth: dict[str, str]) -> None:
    r = client.get("/api/search", params={"q": "x", "mode": "fuzzy"}, headers=auth)
    assert r.status_code == 400
    assert r.json()["error"].startswith("unknown search mode 'fuzzy'")


def test_queries_leave_the_review_unchanged(
    client: TestClient, auth: dict[str, str], review: Path
) -> None:
    def dump() -> list[str]:
        with Store(review / DB_NAME) as store:
            return list(store.db.conn.iterdump())

    before = dump()
    for path in (
        "/api/search?q=budgets&mode=keyword",
        "/api/status",
        "/define?term=integration",
        "/evidence",
        f"/documents/{SHA_A}/pages/1",
    ):
        assert client.get(path, headers=auth).status_code == 200, path
    assert dump() == before


def test_query_connections_cannot_write(review: Path) -> None:
    import sqlite3

    with Store(review / DB_NAME, read_only=True) as store, pytest.raises(sqlite3.OperationalError):
        store.db.execute("delete from users")


def test_definitions_and_evidence_pages(client: TestClient, auth: dict[str, str]) -> None:
    body = client.get("/api/definitions", params={"term": "integration"}, headers=auth).json()
    assert body["term"] == "integration" and isinstance(body["definitions"], list)
    assert "<table" in client.get("/evidence", headers=auth).text
    assert 'id="term"' in client.get("/define", headers=auth).text
