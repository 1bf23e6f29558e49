"""Fixtures for the extraction tests: Documents built from corpus truth text.

Until (and besides) the PDF reader, a document's text is taken from
``corpus/truth/NAME.json`` (the committed copy in tests/fixtures, else
../shared's; see ``tests.conftest.corpus_path``), normalised as the reader's output is:
paragraphs separated by one blank line, the lines of a paragraph joined by
single spaces.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from reviewkit.document import Document, Page, Reference
from tests.conftest import corpus_path


def normalise_truth_text(text: str) -> str:
    """Join the lines of each paragraph with single spaces, as the reader does."""
    paragraphs = [re.sub(r"\s*\n\s*", " ", p).strip() for p in re.split(r"\n\s*\n", text)]
    return "\n\n".join(p for p in paragraphs if p)


def doc_from_truth(path: Path) -> Document:
    """Build a Document from a truth JSON file (with numbered references parsed)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    pages = [
        Page(
            number=i,
            text=normalise_truth_text(p["text"]),
            header=p.get("header", ""),
            footer=p.get("footer", ""),
        )
        for i, p in enumerate(data["pages"], start=1)
    ]
    refs = []
    for page in pages:
        for par in page.text.split("\n\n"):
            m = re.match(r"(\d{1,3})\.\s+\S", par)
            if m and re.search(r"\b(?:19|20)\d{2}\b", par):
                refs.append(Reference(text=par, page=page.number, label=m.group(1)))
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return Document(sha256=digest, path=str(path), kind="pdf", pages=pages, references=refs)


def make_doc(*pages: str, references: list[Reference] | None = None) -> Document:
    """A small hand-written document, one string per page."""
    return Document(
        sha256="0" * 64,
        path="test.txt",
        kind="text",
        pages=[Page(number=i, text=t) for i, t in enumerate(pages, start=1)],
        references=references or [],
    )


@pytest.fixture(scope="session")
def truth_doc() -> Callable[[str], Document]:
    """Return a loader: ``truth_doc("001_iriss_insight_report")`` -> Document."""
    cache: dict[str, Document] = {}

    def load(name: str) -> Document:
        if name not in cache:
            cache[name] = doc_from_truth(corpus_path(f"truth/{name}.json"))
        return cache[name]

    return load


@pytest.fixture(scope="session")
def truth_reader() -> Callable[[Path], Document]:
    """A `read` function for `evaluate_corpus` that reads truth text for a PDF."""

    def read(pdf: Path) -> Document:
        return doc_from_truth(corpus_path(f"truth/{Path(pdf).stem}.json"))

    return read
