"""read_pdf on corpora/demo: PDFs of another producer (fpdf2) against their Markdown sources.

The shared corpus was typeset by one producer; these ten papers come from
another (one BT per line, bullets drawn as cells, words parted by
positioning, key-point boxes, tables), so they show whether the reader
generalises. Truth is the source text (`quality.parse_markdown_source`).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from reviewkit.document import Document
from reviewkit.ingest.pdf import read_pdf
from reviewkit.ingest.quality import (
    MarkdownSource,
    items_apart,
    paragraphs_intact,
    parse_markdown_source,
    score_markdown,
)

DEMO = Path(__file__).resolve().parents[2] / "corpora" / "demo"
PAPERS = sorted(p.stem for p in (DEMO / "papers").glob("*.md")) if DEMO.is_dir() else []

pytestmark = pytest.mark.skipif(not PAPERS, reason="corpora/demo is not in this checkout")


@cache
def _read(name: str) -> tuple[Document, MarkdownSource]:
    source = parse_markdown_source((DEMO / "papers" / f"{name}.md").read_text(encoding="utf-8"))
    return read_pdf(DEMO / "pdfs" / f"{name}.pdf"), source


def _texts(doc: Document) -> list[str]:
    return [p.text for p in doc.pages]


@pytest.mark.parametrize("name", PAPERS)
def test_words_match_the_source(name: str) -> None:
    doc, source = _read(name)
    score = score_markdown(_texts(doc), source)
    assert score.recall >= 0.99, f"recall {score.recall:.4f}"
    assert score.precision >= 0.99, f"precision {score.precision:.4f}"


@pytest.mark.parametrize("name", PAPERS)
def test_sentences_intact_and_no_running_heads(name: str) -> None:
    doc, source = _read(name)
    score = score_markdown(_texts(doc), source)
    missing = [s for p in score.pages for s in p.missing_sentences]
    assert score.sentences_intact >= 0.95, missing
    assert score.leaks == []


@pytest.mark.parametrize("name", PAPERS)
def test_list_items_are_paragraphs_of_their_own(name: str) -> None:
    doc, source = _read(name)
    assert items_apart(_texts(doc), source.items) == []
    # Page breaks split a few paragraphs; nothing else should.
    assert paragraphs_intact(_texts(doc), source.paragraphs) >= 0.9


@pytest.mark.parametrize("name", PAPERS)
def test_metadata_matches_the_front_matter(name: str) -> None:
    doc, source = _read(name)
    meta = source.meta
    assert doc.title == meta["title"]
    assert doc.authors == [a.strip() for a in meta["authors"].split(",")]
    assert doc.year == int(meta["year"])
    assert doc.doi == meta["doi"]
    assert doc.title not in [s.heading for s in doc.sections]
    assert not any(a in s.heading for a in doc.authors for s in doc.sections)


def test_words_are_parted_where_runs_are_apart() -> None:
    doc, _ = _read("04_governance_case_study")
    text = doc.page(1).text
    assert "Keywords: partnership; governance" in text
    assert "\n\nPartnership: two or more organisations" in text
    assert not re.search(r"(?m)^-\S", "\n".join(p.text for p in doc.pages))


def test_report_banner_is_header_and_title_is_one_paragraph() -> None:
    doc, source = _read("04_governance_case_study")
    assert "INSTITUTE FOR PUBLIC SERVICE STUDIES" in doc.page(1).header
    assert doc.page(1).text.startswith(source.meta["title"] + "\n\n")


def test_table_rows_read_across() -> None:
    doc, _ = _read("04_governance_case_study")
    assert (
        "\n\nStructural staff transferred to one employer or managed under a single "
        "management structure\n\n"
    ) in doc.page(2).text


def test_abstract_paragraphs_stay_apart() -> None:
    doc, _ = _read("07_discharge_hub_controlled")
    assert doc.abstract is not None
    heads = [p.split(".")[0] for p in doc.abstract.split("\n\n")]
    assert heads == ["Background", "Methods", "Results", "Conclusions"]
