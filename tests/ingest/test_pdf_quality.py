"""Measured extraction quality of read_pdf against ../shared/corpus/truth."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from reviewkit.document import Document
from reviewkit.ingest.pdf import read_pdf
from reviewkit.ingest.quality import DocumentScore, score_document

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


def _score(corpus: Path, name: str) -> tuple[Document, DocumentScore]:
    doc = _read(str(corpus / name))
    truth = json.loads((corpus / "truth" / f"{Path(name).stem}.json").read_text())
    return doc, score_document([p.text for p in doc.pages], truth)


@pytest.fixture(scope="module")
def corpus(shared_dir: Path) -> Path:
    return shared_dir / "corpus"


@pytest.mark.parametrize("name", TRUTHED)
def test_words_match_truth(corpus: Path, name: str) -> None:
    _, score = _score(corpus, name)
    assert score.recall >= 0.99, f"recall {score.recall:.4f}"
    assert score.precision >= 0.99, f"precision {score.precision:.4f}"


@pytest.mark.parametrize("name", TRUTHED)
def test_sentences_intact(corpus: Path, name: str) -> None:
    _, score = _score(corpus, name)
    missing = [s for p in score.pages for s in p.missing_sentences]
    assert score.sentences_intact >= 0.95, missing


@pytest.mark.parametrize("name", TRUTHED)
def test_no_leftovers(corpus: Path, name: str) -> None:
    _, score = _score(corpus, name)
    assert score.ligatures == 0
    assert len(score.hyphen_fragments) <= 2, score.hyphen_fragments
    assert score.leaks == []


@pytest.mark.parametrize("name", TRUTHED)
def test_page_count_and_paragraph_format(corpus: Path, name: str) -> None:
    doc, _ = _score(corpus, name)
    truth = json.loads((corpus / "truth" / f"{Path(name).stem}.json").read_text())
    assert len(doc.pages) == len(truth["pages"])
    assert [p.number for p in doc.pages] == list(range(1, len(doc.pages) + 1))
    for page in doc.pages:
        assert "\n\n\n" not in page.text
        assert all("\n" not in para for para in page.text.split("\n\n"))


def test_running_headers_are_kept_aside(corpus: Path) -> None:
    doc = _read(str(corpus / "003_greater_than_sum_2col.pdf"))
    for page in doc.pages:
        assert "International Journal of Integrated Care" in page.header
        assert "Creative Commons" in page.footer
        assert "Creative Commons" not in page.text
    report = _read(str(corpus / "001_iriss_insight_report.pdf"))
    assert [p.footer for p in report.pages] == [f"Page {n} of 7" for n in range(1, 8)]


def test_rotated_pages_read_like_the_upright_file(corpus: Path) -> None:
    upright = _read(str(corpus / "001_iriss_insight_report.pdf"))
    rotated = _read(str(corpus / "hostile/rotated_pages_001.pdf"))
    assert [p.text for p in rotated.pages] == [p.text for p in upright.pages]


def test_interleaved_columns_are_read_column_by_column(corpus: Path) -> None:
    doc = _read(str(corpus / "interleaved_columns_003.pdf"))
    text = " ".join(doc.page(2).text.split())
    assert "wider literature on organisational development, culture" in text


def test_ligatures_of_fonts_without_tounicode(corpus: Path) -> None:
    doc = _read(str(corpus / "003_greater_than_sum_2col.pdf"))
    assert "any difference to people who use services" in doc.page(1).text
    assert "extremely difficult" in doc.page(2).text


def test_metadata_comes_from_page_one_not_the_info_dict(corpus: Path) -> None:
    doc = _read(str(corpus / "hostile/misleading_title_003.pdf"))
    assert doc.title == (
        "Greater than the sum of our parts? Emerging lessons for UK health and social care"
    )
    assert doc.authors == ["Jon Glasby", "Helen Dickinson"]
    assert doc.year == 2008
    assert doc.doi == "10.5555/ijic.synthetic.003"
    assert doc.abstract and doc.abstract.startswith("Background and introduction: Although")
    assert "Keywords" not in doc.abstract


def test_sections_and_references(corpus: Path) -> None:
    doc = _read(str(corpus / "003_greater_than_sum_2col.pdf"))
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
