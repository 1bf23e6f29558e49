"""Issue 12: front matter, keywords lines and reference lists stay out of the search index."""

from __future__ import annotations

import hashlib

from reviewkit.document import Document, Page
from reviewkit.search.chunks import chunk_document
from reviewkit.search.furniture import furniture_spans
from reviewkit.search.index import index_documents
from reviewkit.search.query import search
from reviewkit.store import Store
from reviewkit.store.documents import save_document

BODY = (
    "Pooled budgets let councils and health boards spend from one fund. In three "
    "localities the partners pooled money for older people's services, and the evidence "
    "that this saved money remained tentative after two years of monitoring by the "
    "evaluators, who interviewed managers, nurses and social workers in every site."
)
PAGES = [
    "# Pooled budgets in integrated care: a review\n\n"
    "Ann Smith, Bob Jones\n\n"
    "Department of Health Services Research, University of Somewhere\n\n"
    "## Abstract\n\n" + BODY + "\n\nKeywords: pooled budgets, integrated care, partnership",
    "## Introduction\n\n" + BODY.replace("three", "four"),
    "## References\n\n"
    "1. Smith A, Jones B (2010) Pooled budgets and integrated care. J Integr Care 18: 12-19.\n\n"
    "2. Brown C, et al. (2012) Integrated care budgets in England. BMJ 344: e123.\n\n"
    "3. Green D (2015) Pooling money for older people. Health Policy 119: 1-9.",
]


def _doc(pages: list[str] = PAGES) -> Document:
    sha = hashlib.sha256("\f".join(pages).encode()).hexdigest()
    return Document(
        sha256=sha,
        path="/papers/pooled.md",
        kind="text",
        pages=[Page(i + 1, t) for i, t in enumerate(pages)],
        title="Pooled budgets in integrated care: a review",
    )


def test_title_authors_keywords_and_references_make_no_passage() -> None:
    passages = chunk_document(_doc())
    text = "\n".join(p.text for p in passages)
    assert "Ann Smith" not in text and "University of Somewhere" not in text
    assert "Keywords:" not in text and "J Integr Care" not in text and "BMJ 344" not in text
    assert "# Pooled budgets in integrated care" not in text
    # The body is all there, verbatim, on its pages.
    assert any(p.page == 1 and p.text.startswith("## Abstract") for p in passages)
    assert any(p.page == 2 and "four localities" in p.text for p in passages)
    doc = _doc()
    for p in passages:
        assert doc.page(p.page).text[p.char_start : p.char_end] == p.text


def test_body_only_false_keeps_every_word() -> None:
    text = "\n".join(p.text for p in chunk_document(_doc(), body_only=False))
    assert "Ann Smith" in text and "J Integr Care" in text


def test_a_reference_list_without_a_heading_is_found_by_its_entries() -> None:
    refs = PAGES[2].split("\n\n", 1)[1]
    doc = _doc([PAGES[1] + "\n\n" + refs])
    spans = furniture_spans(doc)[1]
    page = doc.pages[0].text
    assert [page[a:b].split(" ", 1)[0] for a, b in spans] == ["1.", "2.", "3."]
    assert "four localities" in "\n".join(p.text for p in chunk_document(doc))


def test_a_short_document_without_front_matter_loses_nothing() -> None:
    doc = _doc(["Pooled budgets\n\nPartners put money into a single fund for older people."])
    assert furniture_spans(doc) == {}
    assert chunk_document(doc)[0].text.startswith("Pooled budgets")


def test_keyword_search_finds_the_body_not_the_reference_list() -> None:
    store = Store(":memory:")
    save_document(store, _doc())
    index_documents(store, embed=False)
    hits = search(store, "pooled budgets integrated care", mode="keyword", k=10)
    assert hits and all(h.page in (1, 2) for h in hits)
    assert not any("Ann Smith" in h.text or "Keywords:" in h.text for h in hits)
