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

With ``--real``, also scores ``corpora/real-pdfs`` (PDFs and truth made by
other projects) with reviewkit, raw pypdf and poppler's ``pdftotext`` side by
side: the olmOCR-Bench sample's own unit tests (text present, text absent,
reading order; scored as olmOCR-Bench scores them, with rapidfuzz and
fuzzysearch from the ``bench`` extra), and, per PDF, the words pypdf extracts
that each of the others lost. The run fails (exit 1) when reviewkit lost any.
poppler-utils is installed with apt-get when ``pdftotext`` is missing and the
run may install packages; it is never a runtime dependency of reviewkit.

Usage: python benchmarks/ingest_quality.py [--shared PATH] [--repeat N] [--demo [PATH]]
                                          [--real [PATH]]
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
REAL = REPO / "corpora" / "real-pdfs"

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


# -- the real-PDF set ---------------------------------------------------------

# olmOCR-Bench's normalisation before matching (olmocr/bench/tests.py,
# normalize_text, Apache-2.0), so that its tests pass or fail here as there.
_OLMOCR_REPLACEMENTS = {
    "‘": "'", "’": "'", "‚": "'", "“": '"', "”": '"', "„": '"', "＿": "_",
    "–": "-", "—": "-", "‑": "-", "‒": "-", "−": "-", "\u00b5": "\u03bc",
}  # fmt: skip


def olmocr_normalise(text: str) -> str:
    """olmOCR-Bench's `normalize_text`: no markup, whitespace folded, NFC, plain dashes/quotes."""
    import re
    import unicodedata

    text = re.sub(r"<br/?>", " ", text)
    text = re.sub(r"\*\*(.*?)\*\*", r"\1", text)
    text = re.sub(r"__(.*?)__", r"\1", text)
    text = re.sub(r"</?[bi]>", "", text)
    text = re.sub(r"(\*\*|__)(.*?)\1", r"\2", text)
    text = re.sub(r"(\*|_)(.*?)\1", r"\2", text)
    text = unicodedata.normalize("NFC", re.sub(r"\s+", " ", text))
    for fancy, plain in _OLMOCR_REPLACEMENTS.items():
        text = text.replace(fancy, plain)
    return text


def olmocr_passes(test: dict[str, Any], content: str) -> bool:
    """Run one present / absent / order test of olmOCR-Bench on extracted text."""
    from fuzzysearch import find_near_matches
    from rapidfuzz import fuzz

    content = olmocr_normalise(content)
    diffs = int(test.get("max_diffs", 0))
    if test["type"] in ("present", "absent"):
        query = olmocr_normalise(test["text"])
        if not test.get("case_sensitive", True):
            query, content = query.lower(), content.lower()
        first, last = test.get("first_n"), test.get("last_n")
        if first and last:
            content = content[:first] + content[-last:]
        elif first:
            content = content[:first]
        elif last:
            content = content[-last:]
        found = fuzz.partial_ratio(query, content) / 100.0 >= 1.0 - diffs / max(len(query), 1)
        return found if test["type"] == "present" else not found
    before = find_near_matches(olmocr_normalise(test["before"]), content, max_l_dist=diffs)
    after = find_near_matches(olmocr_normalise(test["after"]), content, max_l_dist=diffs)
    return any(b.start < a.start for b in before for a in after)


def ensure_pdftotext() -> str | None:
    """The pdftotext executable, installing poppler-utils with apt-get if it is missing."""
    import os
    import shutil
    import subprocess

    found = shutil.which("pdftotext")
    if found is None and shutil.which("apt-get") and os.geteuid() == 0:
        print("installing poppler-utils for the pdftotext baseline ...", file=sys.stderr)
        subprocess.run(
            ["apt-get", "install", "-y", "-q", "poppler-utils"],
            check=False,
            capture_output=True,
        )
        found = shutil.which("pdftotext")
    return found


def pages_pypdf(path: Path, password: str | None) -> list[str]:
    """Raw pypdf ``extract_text()`` per page."""
    from pypdf import PdfReader

    reader = PdfReader(path)
    if reader.is_encrypted:
        reader.decrypt(password or "")
    return [page.extract_text() for page in reader.pages]


def pages_pdftotext(path: Path, password: str | None, exe: str | None) -> list[str] | None:
    """poppler's reading-order text per page (form feeds part the pages)."""
    import subprocess

    if exe is None:
        return None
    cmd = [exe, "-enc", "UTF-8", *(["-upw", password] if password else []), str(path), "-"]
    out = subprocess.run(cmd, capture_output=True, check=False).stdout.decode("utf-8", "replace")
    return out.split("\f")[:-1] if "\f" in out else [out]


def real_tables(real: Path) -> int:
    """Print the real-PDF tables; return 1 when reviewkit lost words pypdf extracted."""
    from reviewkit.ingest.quality import alnum_words, words_lost

    manifest = json.loads((real / "manifest.json").read_text(encoding="utf-8"))
    exe = ensure_pdftotext()
    tools = ["reviewkit", "pypdf", "pdftotext"]
    texts: dict[str, dict[str, list[str] | None]] = {}
    kept: dict[str, list[str]] = {}
    for entry in manifest["files"]:
        path, password = real / entry["path"], entry.get("password")
        doc = read_pdf(path, password=password)
        kept[entry["path"]] = ["\n".join((p.text, p.header, p.footer)) for p in doc.pages]
        texts[entry["path"]] = {
            "reviewkit": [p.text for p in doc.pages],
            "pypdf": pages_pypdf(path, password),
            "pdftotext": pages_pdftotext(path, password, exe),
        }
    if exe is None:
        print("pdftotext not found and not installable here: its column shows n/a", file=sys.stderr)

    dataset = real / "olmocr-bench" / "dataset.jsonl"
    tests = [json.loads(line) for line in dataset.read_text(encoding="utf-8").splitlines() if line]
    tests = [t for t in tests if t["type"] in ("present", "absent", "order")]
    print(f"\nolmOCR-Bench sample ({len(tests)} present/absent/order tests): tests passed")
    head = f"{'pdf':46} {'tests':>5} " + " ".join(f"{t:>10}" for t in tools)
    print(head)
    print("-" * len(head))
    by_pdf: dict[str, list[dict[str, Any]]] = {}
    for test in tests:
        by_pdf.setdefault(test["pdf"], []).append(test)
    totals = {tool: 0 for tool in tools}
    by_type: dict[str, dict[str, list[int]]] = {}
    for pdf, pdf_tests in sorted(by_pdf.items()):
        row = f"{pdf[-46:]:46} {len(pdf_tests):5d} "
        for tool in tools:
            pages = texts[f"olmocr-bench/pdfs/{pdf}"][tool]
            if pages is None:
                row += f"{'n/a':>10} "
                continue
            passed = 0
            for test in pdf_tests:
                ok = olmocr_passes(test, "\n\n".join(pages))
                passed += ok
                by_type.setdefault(test["type"], {}).setdefault(tool, [0, 0])
                by_type[test["type"]][tool][0] += ok
                by_type[test["type"]][tool][1] += 1
            totals[tool] += passed
            row += f"{passed:10d} "
        print(row)
    for kind, counts in sorted(by_type.items()):
        cells = " ".join(
            f"{counts[t][0] / counts[t][1]:10.3f}" if t in counts else f"{'n/a':>10}" for t in tools
        )
        print(f"{'pass rate: ' + kind:46} {counts[tools[1]][1]:5d} {cells}")
    rates = " ".join(f"{totals[t] / len(tests):10.3f}" for t in tools)
    print(f"{'pass rate: all':46} {len(tests):5d} {rates}")

    print("\nwords pypdf extracts that are lost (reviewkit: from body, header and footer)")
    head = f"{'pdf':46} {'words':>7} {'reviewkit':>10} {'pdftotext':>10}"
    print(head)
    print("-" * len(head))
    lost_total = 0
    for entry in manifest["files"]:
        name = entry["path"]
        reference = texts[name]["pypdf"] or []
        ours = sum(
            (words_lost(ref, mine) for ref, mine in zip(reference, kept[name], strict=False)), []
        )
        poppler = texts[name]["pdftotext"]
        theirs = f"{'n/a':>10}"
        if poppler is not None:
            pairs = zip(reference, poppler, strict=False)
            theirs = f"{sum(len(words_lost(r, t)) for r, t in pairs):10d}"
        total = sum(len(alnum_words(r)) for r in reference)
        ocr = entry.get("text_layer") == "ocr"
        mark = " (ocr layer)" if ocr else ""
        print(f"{name[-46:]:46} {total:7d} {len(ours):10d} {theirs}{mark}")
        if ours and not ocr:
            print(f"    lost: {' '.join(ours[:15])}")
        lost_total += len(ours) * (not ocr)
    print(f"{'all (not counting OCR layers)':46} {'':7} {lost_total:10d}")
    metadata_table(real)
    if lost_total:
        print(f"FAIL: reviewkit lost {lost_total} word(s) pypdf extracted", file=sys.stderr)
        return 1
    return 0


def _name_key(name: str) -> str:
    """An author name compared without case, dots or spacing ("Chad G. Ball" = "chad g ball")."""
    return " ".join(name.replace(".", " ").casefold().split())


def metadata_table(real: Path) -> None:
    """Title, authors, year, DOI and abstract of the article PDFs against their front matter."""
    truth = json.loads((real / "articles" / "metadata.json").read_text(encoding="utf-8"))
    print("\nmetadata of article PDFs (truth: articles/metadata.json)")
    head = f"{'pdf':34} {'title':>5} {'auth R':>6} {'auth P':>6} {'year':>4} {'doi':>4} {'abs':>4}"
    print(head)
    print("-" * len(head))
    sums = {"title": 0.0, "year": 0.0, "doi": 0.0, "abstract": 0.0}
    found = wanted = right = 0
    for name, want in truth["articles"].items():
        doc = read_pdf(real / name)
        title = fold(doc.title or "") == fold(want["title"])
        got = {_name_key(a) for a in doc.authors}
        expected = {_name_key(a) for a in want["authors"]}
        hits = len(got & expected)
        found, wanted, right = found + len(got), wanted + len(expected), right + hits
        year = doc.year == want["year"]
        doi = (doc.doi or "").lower() == want["doi"].lower()
        abstract = fold(doc.abstract or "").startswith(fold(want["abstract_start"]))
        for key, ok in (("title", title), ("year", year), ("doi", doi), ("abstract", abstract)):
            sums[key] += ok
        recall = hits / len(expected) if expected else 1.0
        precision = hits / len(got) if got else 0.0
        print(
            f"{Path(name).name[:34]:34} {'yes' if title else 'no':>5} {recall:6.2f} "
            f"{precision:6.2f} {'yes' if year else 'no':>4} {'yes' if doi else 'no':>4} "
            f"{'yes' if abstract else 'no':>4}"
        )
    n = len(truth["articles"])
    print(
        f"{'all (' + str(n) + ' articles)':34} {sums['title'] / n:5.2f} "
        f"{right / max(wanted, 1):6.2f} {right / max(found, 1):6.2f} {sums['year'] / n:4.2f} "
        f"{sums['doi'] / n:4.2f} {sums['abstract'] / n:4.2f}"
    )
    print("(abs = the abstract found, starting where the article's abstract starts)")


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
    parser.add_argument(
        "--real",
        type=Path,
        nargs="?",
        const=REAL,
        default=None,
        help="also score corpora/real-pdfs (or the given folder with a manifest.json)",
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
    status = real_tables(args.real) if args.real is not None else 0
    speed_table(corpus, args.repeat, args.demo)
    return status


if __name__ == "__main__":
    raise SystemExit(main())
