"""Chunking: offsets round-trip, passages never cross pages, sizes are bounded."""

from __future__ import annotations

import json

import pytest

from reviewkit.document import Document, Page
from reviewkit.search.chunks import (
    MAX_CHARS,
    UNIT_MIN_CHARS,
    chunk_document,
    chunk_page,
    sentence_units,
    text_hash,
)
from tests.conftest import CORPUS, SHARED


def _check(doc: Document, max_chars: int = MAX_CHARS) -> None:
    # Every word: front matter and references are left out only with body_only.
    passages = chunk_document(doc, body_only=False)
    for p in passages:
        page = doc.page(p.page)
        assert page.text[p.char_start : p.char_end] == p.text
        assert 0 <= p.char_start < p.char_end <= len(page.text)
        assert p.text == p.text.strip()
        assert len(p.text) <= max_chars
    # Every word of every page is in some passage of that page, in order.
    for page in doc.pages:
        mine = [p for p in passages if p.page == page.number]
        covered = " ".join(p.text for p in mine).split()
        assert covered == page.text.split()
        starts = [p.char_start for p in mine]
        assert starts == sorted(starts)


@pytest.mark.parametrize("corpus", ["committed", "shared"])
def test_truth_corpus_round_trips(corpus):
    if corpus == "shared" and not SHARED.is_dir():
        pytest.skip("../shared is not beside the checkout")
    folder = CORPUS / "truth" if corpus == "committed" else SHARED / "corpus" / "truth"
    paths = sorted(folder.glob("*.json"))
    assert paths
    for path in paths:
        truth = json.loads(path.read_text(encoding="utf-8"))
        pages = [Page(i + 1, p["text"]) for i, p in enumerate(truth["pages"])]
        _check(Document(sha256=path.stem, path=str(path), kind="pdf", pages=pages))


def test_never_across_pages():
    doc = Document("x", "x.pdf", "pdf", [Page(1, "Short end of page one"), Page(2, "Next.")])
    passages = chunk_document(doc, body_only=False)
    assert [(p.page, p.text) for p in passages] == [(1, "Short end of page one"), (2, "Next.")]


def test_short_paragraphs_join_and_long_ones_split():
    heading = "Introduction"
    sentence = "This sentence is about integrated care for older people in the community. "
    body = (sentence * 30).strip()
    text = f"{heading}\n\n{body}"
    passages = chunk_page(text, 1)
    assert passages[0].text.startswith("Introduction\n\nThis sentence")
    assert len(passages) > 1
    assert all(len(p.text) <= MAX_CHARS for p in passages)
    assert all(p.text.endswith(".") for p in passages)


def test_list_stays_with_its_introduction():
    intro = "The review found three levels of integration, which differ in depth and scope:" * 1
    items = "\n\n".join(f"Level {i}: a description of level {i}." for i in range(3))
    text = f"{'Some earlier prose about the topic at hand. ' * 6}\n\n{intro}\n\n{items}"
    passages = chunk_page(text, 1, min_chars=60)
    holding = [p for p in passages if "three levels" in p.text]
    assert len(holding) == 1 and "Level 0" in holding[0].text


def test_one_huge_sentence_is_cut_at_spaces():
    text = "word " * 400
    passages = chunk_page(text.strip(), 3, max_chars=100)
    assert all(len(p.text) <= 100 for p in passages)
    assert " ".join(p.text for p in passages).split() == text.split()


def test_blank_page_has_no_passages():
    assert chunk_page("   \n\n ", 1) == []


def test_sentence_units():
    assert sentence_units("One short sentence.") == []
    text = " ".join(
        f"Sentence number {i} talks about joint working between agencies." for i in range(8)
    )
    units = sentence_units(text)
    assert len(units) > 1
    assert all(u in text for u in units)
    assert " ".join(units).split() == text.split()


@pytest.mark.parametrize("text", ["a", "Ünïcödé text"])
def test_text_hash_is_stable(text):
    assert text_hash(text) == text_hash(text) and len(text_hash(text)) == 64


def test_sentence_units_are_about_one_sentence_each():
    # Sentences of 60+ characters are units of their own; shorter ones join the next.
    long = "Partners pooled their budgets for older people in every locality."
    short = "Staff agreed."
    text = f"{long} {short} {long} {long}"
    units = sentence_units(text)
    assert UNIT_MIN_CHARS == 60 and len(long) >= UNIT_MIN_CHARS > len(short)
    assert units == [long, f"{short} {long}", long]
    assert all(text.count(u) >= 1 for u in units)
    # A short last sentence joins the unit before it.
    assert sentence_units(f"{long} {long} {short}") == [long, f"{long} {short}"]
