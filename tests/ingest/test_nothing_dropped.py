"""Nothing pypdf extracts is dropped: every word is in reviewkit's page text or its furniture.

Runs over every PDF of the real-PDF development set (corpora/real-pdfs: other
projects' files) and of the corpus (committed copy, else ../shared). Layout
work (columns, scripts, running heads) reorders and repairs text; it must
never lose any.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from reviewkit.errors import InputFileError
from reviewkit.ingest.pdf import read_pdf
from reviewkit.ingest.quality import alnum_words, words_lost
from tests.conftest import CORPUS, REPO, SHARED

REAL = REPO / "corpora" / "real-pdfs"
MANIFEST = json.loads((REAL / "manifest.json").read_text(encoding="utf-8"))["files"]
# The 117-page lecture script takes ~20 s; benchmarks/ingest_quality.py --real covers it.
SLOW = {"py-pdf/GeoTopo-komprimiert.pdf"}


def _corpus_pdfs() -> list[Path]:
    root = SHARED / "corpus" if (SHARED / "corpus").is_dir() else CORPUS
    return sorted(root.glob("*.pdf")) + sorted(root.glob("hostile/*.pdf"))


CASES = [
    pytest.param(REAL / e["path"], e, id=e["path"]) for e in MANIFEST if e["path"] not in SLOW
] + [pytest.param(p, {}, id=f"corpus/{p.name}") for p in _corpus_pdfs()]


@pytest.mark.parametrize(("path", "entry"), CASES)
def test_every_word_pypdf_extracts_is_kept(path: Path, entry: dict[str, str]) -> None:
    password = entry.get("password")
    try:
        doc = read_pdf(path, password=password)
    except InputFileError:
        return  # hostile files refused with one line are tested in test_pdf_hostile.py
    reader = PdfReader(path)
    if reader.is_encrypted:
        reader.decrypt(password or "")
    lost: list[str] = []
    total = 0
    for page, pdf_page in zip(doc.pages, reader.pages, strict=False):
        reference = pdf_page.extract_text()
        total += len(alnum_words(reference))
        lost += words_lost(reference, "\n".join((page.text, page.header, page.footer)))
    if entry.get("text_layer") == "ocr":
        # Letters placed one by one: extractors order them differently, never drop many.
        assert len(lost) <= 0.01 * total, lost
    else:
        assert lost == [], f"{len(lost)} of {total} words lost: {' '.join(lost[:20])}"


def test_a_dropped_run_counts_as_lost() -> None:
    reference = "kernels named Verb Consistence (VC) and Verb Relation Consistence (VRC)"
    kept = "kernels named Consistence (VRC)"
    lost = words_lost(reference, kept)
    assert sorted(lost) == ["and", "consistence", "relation", "vc", "verb", "verb"]


def test_reordering_repairs_and_glued_words_are_not_losses() -> None:
    reference = "re cognizing con- text M´exico oftext U1"
    kept = "recognizing context México\n\nof\n\ntext U\n\n1"
    assert words_lost(reference, kept) == []
