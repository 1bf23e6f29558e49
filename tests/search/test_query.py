"""Keyword search on a tiny store, query building, fusion, contracts, the CLI (no model)."""

from __future__ import annotations

import json

import jsonschema
import numpy as np
import pytest
from click.testing import CliRunner

from reviewkit.cli import cli
from reviewkit.errors import ReviewkitError
from reviewkit.search.index import index_documents
from reviewkit.search.query import (
    build_vector_index,
    fuse,
    keyword_query,
    search,
)
from reviewkit.store import init_project
from reviewkit.store.db import DB_NAME, Store
from reviewkit.store.documents import save_document
from reviewkit.store.passages import count_passages
from tests.conftest import contract


def test_keyword_query_drops_stopwords_and_ors_terms():
    assert keyword_query("What is the evidence for pooled budgets?") == (
        '"evidence" OR "pooled" OR "budgets"'
    )
    assert keyword_query("co-ordination") == '("co ordination" OR "coordination")'
    assert keyword_query("the of and") == ""
    # FTS5 syntax in a query is treated as words, never as operators.
    assert keyword_query('NEAR("xy" AND yz*)') == '"near" OR "xy" OR "yz"'


def test_fuse_is_weighted_reciprocal_rank():
    fused = dict(fuse([[(1, 9.0), (2, 5.0)], [(2, 0.9), (3, 0.8)]], weights=(1.0, 1.0), rrf_k=10))
    assert fused[2] == pytest.approx(1 / 12 + 1 / 11)
    assert fused[1] == pytest.approx(1 / 11)
    assert fused[3] == pytest.approx(1 / 12)
    order = [pid for pid, _ in fuse([[(1, 0), (2, 0)], [(2, 0), (1, 0)]], weights=(0.5, 1.0))]
    assert order == [2, 1]


def test_keyword_search_finds_stems_and_spellings(store):
    report = index_documents(store, embed=False)
    assert report.documents == 2 and report.passages == count_passages(store) > 0
    hits = search(store, "integrating", mode="keyword")
    assert hits and "Integration" in hits[0].text
    hits = search(store, "coordination", mode="keyword")
    assert hits and "Co-ordination" in hits[0].text
    hits = search(store, "why did merging hospital trusts save no money?", mode="keyword", k=1)
    assert len(hits) == 1 and hits[0].title == "Paper B" and hits[0].page == 1


def test_hits_are_verbatim_with_highlights(store, docs):
    index_documents(store, embed=False)
    by_sha = {d.sha256: d for d in docs}
    for hit in search(store, "pooled budgets money", mode="keyword"):
        page = by_sha[hit.doc_sha256].page(hit.page)
        assert page.text[hit.char_start : hit.char_end] == hit.text
        words = [hit.text[a:b].lower() for a, b in hit.highlights]
        assert words and all(w.startswith(("pool", "budget", "money")) for w in words)


def test_indexing_is_idempotent(store):
    index_documents(store, embed=False)
    n = count_passages(store)
    again = index_documents(store, embed=False)
    assert (again.documents, again.passages, count_passages(store)) == (0, 0, n)


def test_hybrid_without_vectors_is_keyword_and_semantic_says_what_to_do(store):
    index_documents(store, embed=False)
    assert search(store, "pooled", mode="hybrid") == search(store, "pooled", mode="keyword")
    with pytest.raises(ReviewkitError, match="reviewkit index"):
        search(store, "pooled", mode="semantic")
    with pytest.raises(ReviewkitError, match="unknown search mode"):
        search(store, "pooled", mode="fuzzy")


def test_replaced_document_loses_its_passages(store, docs):
    from dataclasses import replace

    from reviewkit.document import Page

    index_documents(store, embed=False)
    new = replace(docs[1], sha256="f" * 64, pages=[Page(1, "Entirely new text on telecare.")])
    save_document(store, new)
    index_documents(store, embed=False)
    assert search(store, "mergers", mode="keyword") == []
    assert search(store, "telecare", mode="keyword")[0].doc_sha256 == "f" * 64


def _unit(v):
    v = np.asarray(v, dtype=np.float32)
    return v / np.linalg.norm(v)


def test_vector_index_blends_passage_and_best_unit():
    ids = np.array([10, 20, 30])
    passages = np.stack([_unit([1, 0, 0]), _unit([0, 1, 0]), _unit([0, 0, 1])])
    # passage 20 has two units, one pointing exactly at the query; 99 is gone
    units = np.stack([_unit([1, 1, 1]), _unit([1, 1, 0]), _unit([0, 0, 1])])
    index = build_vector_index(
        ids, passages, np.array([20, 99]), np.array([2, 1]), units[[1, 2, 0]]
    )
    assert index.unit_start.tolist() == [0, 0, 0] and index.unit_count.tolist() == [0, 2, 0]
    query = _unit([0, 0, 1])
    ranked = index.rank(query, 3, passage_weight=0.5)
    assert [pid for pid, _ in ranked] == [30, 20, 10]
    assert [s for _, s in ranked] == pytest.approx([1.0, 0.5, 0.0])
    # Only the shortlist (by own vector) is rescored with units.
    assert index.rank(query, 1, shortlist=1) == [(30, pytest.approx(1.0))]
    assert index.rank(query, 3, passage_weight=1.0)[1][1] == pytest.approx(0.0)
    none = build_vector_index(ids, passages, np.array([], int), np.array([], int), units[:0])
    assert [s for _, s in none.rank(query, 3)] == pytest.approx([1, 0, 0])


def test_search_json_contract_via_cli(tmp_path, docs):
    folder = init_project(tmp_path / "review")
    with Store(folder / DB_NAME) as s:
        for doc in docs:
            save_document(s, doc)
    asked = ["search", "pooled budgets", "--mode", "keyword", "--json", "--project", str(folder)]
    runner = CliRunner()
    before = runner.invoke(cli, asked, catch_exceptions=False)
    assert json.loads(before.stdout)["results"] == []
    assert "2 documents are not indexed yet; run `reviewkit index`" in before.stderr
    runner.invoke(cli, ["index", "--no-embed", "--project", str(folder)], catch_exceptions=False)
    result = runner.invoke(cli, asked, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    schema = contract("search")
    jsonschema.validate(out, schema)
    assert out["results"] and out["results"][0]["page"] == 2


def test_search_cli_prints_title_page_and_passage(tmp_path, docs):
    folder = init_project(tmp_path / "review")
    with Store(folder / DB_NAME) as s:
        save_document(s, docs[0])
    runner = CliRunner()
    result = runner.invoke(
        cli, ["index", "--no-embed", "--project", str(folder)], catch_exceptions=False
    )
    assert result.exit_code == 0 and "passages" in result.output
    result = runner.invoke(
        cli,
        ["search", "harmonising", "--mode", "keyword", "-k", "1", "--project", str(folder)],
        catch_exceptions=False,
    )
    assert result.exit_code == 0
    assert "1. Paper A  p. 1" in result.output and "harmonising" in result.output
