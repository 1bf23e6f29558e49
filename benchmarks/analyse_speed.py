"""Speed of `analyse`: start-up, then seconds per page, on one core.

    python benchmarks/analyse_speed.py [--shared ../shared]

Pins itself to one CPU core. Start-up is the first analysis in a fresh
process (imports plus fitting the classifiers from their training
sentences); after it, every PDF of the demo corpus and ../shared/corpus is
read once and analysed three times, and a 10-page paper is made by repeating
pages. The baseline, measured in the same run, is raw pypdf
``extract_text()`` on the same pages.

Target: a 10-page paper in under 5 s on one core after start-up.
"""

from __future__ import annotations

import argparse
import os
import time
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})

    start = time.perf_counter()
    from reviewkit.document import Document, Page
    from reviewkit.extract.analyse import analyse_document

    analyse_document(
        Document("0" * 64, "warm.md", "text", [Page(1, "Integration refers to joint working.")])
    )
    startup = time.perf_counter() - start

    from pypdf import PdfReader

    from reviewkit.ingest.pdf import read_pdf

    pdfs = sorted((REPO / "corpora" / "demo" / "pdfs").glob("*.pdf"))
    pdfs += sorted((args.shared / "corpus").glob("*.pdf"))
    docs = [read_pdf(p) for p in pdfs]
    pages = sum(len(d.pages) for d in docs)

    t = time.perf_counter()
    for p in pdfs:
        for page in PdfReader(p).pages:
            page.extract_text()
    raw = (time.perf_counter() - t) / pages

    t = time.perf_counter()
    for _ in range(3):
        for doc in docs:
            analyse_document(doc)
    per_page = (time.perf_counter() - t) / (3 * pages)

    longest = max(docs, key=lambda d: len(d.pages))
    ten = [replace(longest.pages[i % len(longest.pages)], number=i + 1) for i in range(10)]
    ten_doc = replace(longest, pages=ten)
    t = time.perf_counter()
    analyse_document(ten_doc)
    ten_seconds = time.perf_counter() - t

    print(f"{len(docs)} PDFs, {pages} pages, one core")
    print(f"start-up (imports + fitting classifiers): {startup:.2f} s")
    print(f"raw pypdf extract_text (baseline):        {raw * 1000:.1f} ms/page")
    print(
        f"analyse after start-up:                   {per_page * 1000:.1f} ms/page "
        f"({per_page / raw:.1f}x baseline)"
    )
    print(f"10-page paper:                            {ten_seconds:.2f} s (target < 5 s)")


if __name__ == "__main__":
    main()
