"""Definitions of a term across the corpus, read through the extraction store."""

from __future__ import annotations

import json

from click.testing import CliRunner

from reviewkit.cli import cli
from reviewkit.extract.run import ensure_extracted
from reviewkit.search.corpus_definitions import unextracted_documents
from reviewkit.search.query import definitions_of
from reviewkit.store import init_project
from reviewkit.store.db import DB_NAME, Store
from reviewkit.store.documents import save_document


def test_definitions_are_read_never_extracted_on_the_fly(store, docs):
    assert definitions_of(store, "integration") == []
    assert sorted(unextracted_documents(store, "integration")) == sorted(d.sha256 for d in docs)
    assert store.db.execute("select count(*) from extractions").fetchone()[0] == 0


def test_definitions_of_folds_spelling_and_cites_pages(store):
    ensure_extracted(store, "integration")
    found = definitions_of(store, "coordination")
    assert [d.term.lower() for d in found] == ["co-ordination"]
    assert found[0].title == "Paper A" and found[0].page == 1
    assert "harmonising" in found[0].definition
    assert (
        found[0].quote
        and found[0].quote
        in store.db.execute(
            "select text from pages where number = 1 and doc_sha256 = ?", [found[0].doc_sha256]
        ).fetchone()[0]
    )
    assert definitions_of(store, "Integration")[0].term.lower() == "integration"
    assert definitions_of(store, "Integration", template="another") == []
    assert definitions_of(store, "telecare") == []


def test_definitions_cli(tmp_path, docs):
    folder = init_project(tmp_path / "review")
    with Store(folder / DB_NAME) as s:
        save_document(s, docs[0])
    runner = CliRunner()
    asked = ["search", "--definitions", "integration", "--json", "--project", str(folder)]
    before = runner.invoke(cli, asked, catch_exceptions=False)
    assert json.loads(before.stdout)["definitions"] == []
    assert "1 documents have no proposals of template 'integration' yet" in before.stderr
    assert "run `reviewkit extract`" in before.stderr
    runner.invoke(cli, ["extract", "--project", str(folder)], catch_exceptions=False)
    result = runner.invoke(cli, asked, catch_exceptions=False)
    assert result.exit_code == 0 and not result.stderr
    out = json.loads(result.stdout)
    assert out["definitions"][0]["term"].lower() == "integration"
    result = runner.invoke(
        cli,
        ["search", "--definitions", "integration", "--project", str(folder)],
        catch_exceptions=False,
    )
    assert "Paper A, p. 1" in result.output
