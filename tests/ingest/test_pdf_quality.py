"""Measured extraction quality of read_pdf against corpus truth (committed, else ../shared)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from reviewkit.document import Document
from reviewkit.ingest.pdf import read_pdf
from reviewkit.ingest.quality import DocumentScore, score_document
from tests.conftest import corpus_path

TRUTHED = [
    "001_iriss_insight_report.pdf",
    "003_greater_than_sum_2col.pdf",
    "interleaved_columns_003.pdf",
    "hostile/misleading_title_003.pdf",
    "hostile/rotated_pages_001.pdf",
]


@cache
def _read(path: str) -> Document:
    return read_pdf(path)


def _score(name: str) -> tuple[Document, DocumentScore]:
    doc = _read(str(corpus_path(name)))
    truth = json.loads(corpus_path(f"truth/{Path(name).stem}.json").read_text())
    return doc, score_document([p.text for p in doc.pages], truth)


@pytest.mark.parametrize("name", TRUTHED)
def test_words_match_truth(name: str) -> None:
    _, score = _score(name)
    assert score.recall >= 0.99, f"recall {score.recall:.4f}"
    assert score.precision >= 0.99, f"precision {score.precision:.4f}"


@pytest.mark.parametrize("name", TRUTHED)
def test_sentences_intact(name: str) -> None:
    _, score = _score(name)
    missing = [s for p in score.pages for s in p.missing_sentences]
    assert score.sentences_intact >= 0.95, missing


@pytest.mark.parametrize("name", TRUTHED)
def test_no_leftovers(name: str) -> None:
    _, score = _score(name)
    assert score.ligatures == 0
    assert len(score.hyphen_fragments) <= 2, score.hyphen_fragments
    assert score.leaks == []


@pytest.mark.parametrize("name", TRUTHED)
def test_page_count_and_paragraph_format(name: str) -> None:
    doc, _ = _score(name)
    truth = json.loads(corpus_path(f"truth/{Path(name).stem}.json").read_text())
    assert len(doc.pages) == len(truth["pages"])
    assert [p.number for p in doc.pages] == list(range(1, len(doc.pages) + 1))
    for page in doc.pages:
        assert "\n\n\n" not in page.text
        assert all("\n" not in para for para in page.text.split("\n\n"))


def test_running_headers_are_kept_aside() -> None:
    doc = _read(str(corpus_path("003_greater_than_sum_2col.pdf")))
    for page in doc.pages:
        assert "International Journal of Integrated Care" in page.header
        assert "Creative Commons" in page.footer
        assert "Creative Commons" not in page.text


def test_page_footers_are_kept_aside() -> None:
    report = _read(str(corpus_path("001_iriss_insight_report.pdf")))
    assert [p.footer for p in report.pages] == [f"Page {n} of 7" for n in range(1, 8)]


def test_rotated_pages_read_like_the_upright_file() -> None:
    upright = _read(str(corpus_path("001_iriss_insight_report.pdf")))
    rotated = _read(str(corpus_path("hostile/rotated_pages_001.pdf")))
    assert [p.text for p in rotated.pages] == [p.text for p in upright.pages]


def test_interleaved_columns_are_read_column_by_column() -> None:
    doc = _read(str(corpus_path("interleaved_columns_003.pdf")))
    text = " ".join(doc.page(2).text.split())
    assert "wider literature on organisational development, culture" in text


def test_ligatures_of_fonts_without_tounicode() -> None:
    doc = _read(str(corpus_path("003_greater_than_sum_2col.pdf")))
    assert "any difference to people who use services" in doc.page(1).text
    assert "extremely difficult" in doc.page(2).text


def test_metadata_comes_from_page_one_not_the_info_dict() -> None:
    doc = _read(str(corpus_path("hostile/misleading_title_003.pdf")))
    assert doc.title == (
        "Greater than the sum of our parts? Emerging lessons for UK health and social care"
    )
    assert doc.authors == ["Jon Glasby", "Helen Dickinson"]
    assert doc.year == 2008
    assert doc.doi == "10.5555/ijic.synthetic.003"
    assert doc.abstract and doc.abstract.startswith("Background and introduction: Although")
    assert "Keywords" not in doc.abstract


def test_sections_and_references() -> None:
    doc = _read(str(corpus_path("003_greater_than_sum_2col.pdf")))
    headings = {s.heading: s.page for s in doc.sections}
    assert headings["Background and introduction"] == 1
    assert headings["Conclusion"] == 4
    assert headings["References"] == 5
    assert [r.label for r in doc.references] == [str(n) for n in range(1, 15)]
    assert doc.references[1].text == (
        "Glasby J, Dickinson H. Partnership working in health and social care. "
        "Bristol: Policy Press; 2008."
    )
    assert all(r.page == 5 for r in doc.references)
