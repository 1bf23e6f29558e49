"""PDF ingest quality and speed on the shared corpus.

Prints, per PDF with a truth file: word recall and precision of the page
bodies, the share of truth sentences found intact, ligatures left, line-end
hyphen fragments left and header/footer lines leaked into bodies. Then the
speed of `read_pdf` relative to raw ``pypdf`` ``extract_text()`` measured in
the same run (a ratio >= 0.5 means at least half as fast).

With ``--demo``, also scores the PDFs of ``corpora/demo`` (typeset by another
producer, fpdf2) against their Markdown sources: word recall and precision
and sentences intact over the whole document (page bodies joined), header
and footer leaks, list items that do not start a paragraph of their own, and
the share of source paragraphs found as whole paragraphs.

Usage: python benchmarks/ingest_quality.py [--shared PATH] [--repeat N] [--demo [PATH]]
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from reviewkit.ingest.pdf import read_pdf  # noqa: E402
from reviewkit.ingest.quality import (  # noqa: E402
    fold,
    items_apart,
    paragraphs_intact,
    parse_markdown_source,
    score_document,
    score_markdown,
)

DEMO = REPO / "corpora" / "demo"

SPEED_FILES = [
    "001_iriss_insight_report.pdf",
    "003_greater_than_sum_2col.pdf",
    "interleaved_columns_003.pdf",
    "hostile/misleading_title_003.pdf",
    "hostile/rotated_pages_001.pdf",
    "hostile/blank_2000_pages.pdf",
    "hostile/scan_image_only_003.pdf",
    "hostile/broken_xref_offsets_001.pdf",
]


def truth_pairs(corpus: Path) -> list[tuple[Path, Path]]:
    """Every corpus PDF (top level and hostile/) that has a truth file."""
    pairs = []
    for truth in sorted((corpus / "truth").glob("*.json")):
        for pdf in (corpus / f"{truth.stem}.pdf", corpus / "hostile" / f"{truth.stem}.pdf"):
            if pdf.exists():
                pairs.append((pdf, truth))
    return pairs


def quality_table(corpus: Path) -> None:
    """Print one row of scores per PDF with a truth file."""
    head = f"{'pdf':34} {'recall':>7} {'prec':>7} {'sent%':>7} {'lig':>4} {'hyph':>5} {'leaks':>5}"
    print(head)
    print("-" * len(head))
    for pdf, truth_file in truth_pairs(corpus):
        doc = read_pdf(pdf)
        score = score_document([p.text for p in doc.pages], json.loads(truth_file.read_text()))
        print(
            f"{pdf.name:34} {score.recall:7.4f} {score.precision:7.4f} "
            f"{100 * score.sentences_intact:7.1f} {score.ligatures:4d} "
            f"{len(score.hyphen_fragments):5d} {len(score.leaks):5d}"
        )


def demo_table(demo: Path) -> None:
    """Print one row of scores per demo PDF against its Markdown source."""
    head = (
        f"{'demo pdf':41} {'recall':>7} {'prec':>7} {'sent%':>6} {'para%':>6} "
        f"{'items':>7} {'leaks':>5}"
    )
    print(head)
    print("-" * len(head))
    for source_file in sorted((demo / "papers").glob("*.md")):
        pdf = demo / "pdfs" / f"{source_file.stem}.pdf"
        if not pdf.exists():
            continue
        source = parse_markdown_source(source_file.read_text(encoding="utf-8"))
        texts = [p.text for p in read_pdf(pdf).pages]
        score = score_markdown(texts, source)
        merged = items_apart(texts, source.items)
        items = f"{len(source.items) - len(merged)}/{len(source.items)}"
        print(
            f"{pdf.name:41} {score.recall:7.4f} {score.precision:7.4f} "
            f"{100 * score.sentences_intact:6.1f} "
            f"{100 * paragraphs_intact(texts, source.paragraphs):6.1f} "
            f"{items:>7} {len(score.leaks):5d}"
        )
        for item in merged:
            print(f"    item not apart: {fold(item)[:70]}")
    print("(para% = source paragraphs found whole; page breaks split some legitimately)")


def raw_pypdf(path: Path) -> None:
    """The baseline: pypdf's plain extract_text on every page."""
    from pypdf import PdfReader

    reader = PdfReader(path)
    for page in reader.pages:
        page.extract_text()


def best_of(func: Callable[[Path], Any], paths: list[Path], repeat: int) -> float:
    """Fastest total time over `repeat` runs of `func` on all paths."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for path in paths:
            func(path)
        best = min(best, time.perf_counter() - start)
    return best


def speed_table(corpus: Path, repeat: int, demo: Path | None = None) -> None:
    """Print read_pdf time vs raw pypdf time per file and overall (and for `demo`)."""
    paths = [corpus / name for name in SPEED_FILES if (corpus / name).exists()]
    print(f"\n{'pdf':34} {'pypdf s':>8} {'read_pdf s':>10} {'speed':>6}")
    total_raw = total_ours = 0.0
    for path in paths:
        raw = best_of(raw_pypdf, [path], repeat)
        ours = best_of(read_pdf, [path], repeat)
        total_raw += raw
        total_ours += ours
        print(f"{path.name:34} {raw:8.3f} {ours:10.3f} {raw / ours:6.2f}x")
    print(f"{'all':34} {total_raw:8.3f} {total_ours:10.3f} {total_raw / total_ours:6.2f}x")
    if demo is not None:
        pdfs = sorted((demo / "pdfs").glob("*.pdf"))
        raw = best_of(raw_pypdf, pdfs, repeat)
        ours = best_of(read_pdf, pdfs, repeat)
        name = f"demo ({len(pdfs)} pdfs)"
        print(f"{name:34} {raw:8.3f} {ours:10.3f} {raw / ours:6.2f}x")
    print("(speed = pypdf time / read_pdf time; target >= 0.5x)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--demo",
        type=Path,
        nargs="?",
        const=DEMO,
        default=None,
        help="also score corpora/demo (or the given folder with papers/ and pdfs/)",
    )
    args = parser.parse_args(argv)
    corpus = args.shared / "corpus"
    if not corpus.is_dir():
        print(f"{corpus}: not found; pass --shared PATH", file=sys.stderr)
        return 2
    # The baseline's repair warnings would flood the table.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    quality_table(corpus)
    if args.demo is not None:
        print()
        demo_table(args.demo)
    speed_table(corpus, args.repeat, args.demo)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
