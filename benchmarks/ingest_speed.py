"""Ingest speed: pages per second of the full ingest against raw pypdf, same files, same run.

    python benchmarks/ingest_speed.py [--shared ../shared] [--pages 200]

The corpus PDFs are copied (made distinct by a trailing PDF comment, so each
copy is parsed) until at least --pages pages; then raw
``pypdf.PdfReader(f).pages[i].extract_text()`` over every file is the baseline,
and reviewkit's full ingest (parse, layout, clean, metadata, store) runs with
1 and 2 worker processes into fresh reviews. Extraction (the template) is
timed separately as its own line.

Targets: single-process ingest >= 0.5x raw pypdf; 2 workers >= 1.6x single-process.

``--searchable`` times the 10 demo PDFs end to end as a reviewer runs them
(real ``reviewkit`` processes, extraction on, a fresh review each): ingest
with embedding in the foreground (``--wait``, the path before embedding moved
off it) against the default ingest, which returns once the text is stored and
keyword-indexed and embeds in a background ``reviewkit index``; then how long
until semantic search is ready (``reviewkit index`` waits for the background
process), and the same batch again, unchanged. Target: 5x faster to
searchable.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

from pypdf import PdfReader

from reviewkit.extract.propose import extract_values
from reviewkit.ingest.batch import ingest_files
from reviewkit.store import Store

REPO = Path(__file__).resolve().parents[1]


def make_corpus(shared: Path, folder: Path, min_pages: int) -> tuple[list[Path], int]:
    sources = sorted((shared / "corpus").glob("*.pdf"))
    files: list[Path] = []
    pages = 0
    i = 0
    while pages < min_pages:
        src = sources[i % len(sources)]
        dest = folder / f"{i:03d}_{src.name}"
        dest.write_bytes(src.read_bytes() + f"\n% copy {i}\n".encode())
        pages += len(PdfReader(dest).pages)
        files.append(dest)
        i += 1
    return files, pages


def raw_pypdf(files: list[Path]) -> float:
    start = time.perf_counter()
    for f in files:
        for page in PdfReader(f).pages:
            page.extract_text()
    return time.perf_counter() - start


def full_ingest(files: list[Path], jobs: int, template: str | None = None) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "reviewkit.db")
        start = time.perf_counter()
        extract = partial(extract_values, template_name=template) if template else None
        outcomes = list(ingest_files(store, files, jobs=jobs, timeout=300, extract=extract))
        seconds = time.perf_counter() - start
        failed = [o for o in outcomes if o.status != "ingested"]
        if failed:
            sys.exit(f"benchmark corpus failed to ingest: {failed[0].message}")
        store.close()
    return seconds


def reviewkit(*args: str) -> float:
    """Seconds one `reviewkit` command takes as its own process."""
    env = dict(os.environ, HF_HUB_OFFLINE="1")
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "reviewkit", *args], check=True, env=env, capture_output=True
    )
    return time.perf_counter() - start


def searchable(pdfs: Path) -> None:
    files = sorted(pdfs.glob("*.pdf"))
    with tempfile.TemporaryDirectory() as tmp:
        rows = []
        for name, flags in (("foreground", ["--wait"]), ("background", [])):
            review = Path(tmp) / name
            reviewkit("init", str(review))
            batch = Path(tmp) / f"{name}-pdfs"
            batch.mkdir()
            for f in files:
                shutil.copy(f, batch / f.name)
            ingest = reviewkit("ingest", str(batch), "--project", str(review), *flags)
            ready = ingest + reviewkit("index", "--project", str(review))
            again = reviewkit("ingest", str(batch), "--project", str(review), *flags)
            rows.append((name, ingest, ready, again))
    (_, base_ingest, base_ready, _), (_, new_ingest, new_ready, new_again) = rows
    print(f"\n{len(files)} demo PDFs, end to end (seconds, real processes)")
    print(f"{'ingest':<44} {'searchable':>10} {'semantic':>9} {'again':>6}")
    for name, ingest, ready, again in rows:
        label = {"foreground": "embedding in ingest (--wait, baseline)"}.get(
            name, "embedding in the background (default)"
        )
        print(f"{label:<44} {ingest:10.1f} {ready:9.1f} {again:6.1f}")
    print(
        f"to searchable: {base_ingest / new_ingest:.1f}x faster (target 5x); "
        f"to semantic search: {base_ready / new_ready:.2f}x; unchanged batch {new_again:.1f} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--no-extract", action="store_true", help="skip the extraction line")
    parser.add_argument(
        "--searchable", action="store_true", help="only the 10 demo PDFs, end to end"
    )
    args = parser.parse_args()
    if args.searchable:
        searchable(REPO / "corpora" / "demo" / "pdfs")
        return
    with tempfile.TemporaryDirectory() as tmp:
        files, pages = make_corpus(args.shared, Path(tmp), args.pages)
        raw_pypdf(files[:3])  # warm the page cache and imports
        raw = raw_pypdf(files)
        one = full_ingest(files, jobs=1)
        two = full_ingest(files, jobs=2)
        rows = [
            ("raw pypdf extract_text (baseline)", raw, None),
            ("reviewkit ingest, 1 worker", one, raw / one),
            ("reviewkit ingest, 2 workers", two, raw / two),
        ]
        if not args.no_extract:
            ext = full_ingest(files, jobs=2, template="integration")
            rows.append(("reviewkit ingest + extraction, 2 workers", ext, raw / ext))
    print(f"{len(files)} files, {pages} pages")
    print(f"{'run':<44} {'seconds':>8} {'pages/s':>9} {'x raw':>7}")
    for name, seconds, ratio in rows:
        r = f"{ratio:7.2f}" if ratio is not None else f"{'1.00':>7}"
        print(f"{name:<44} {seconds:8.2f} {pages / seconds:9.1f} {r}")
    print(f"single-process ingest / raw pypdf: {raw / one:.2f}x (target >= 0.5x)")
    print(f"2 workers / 1 worker: {one / two:.2f}x (target >= 1.6x)")


if __name__ == "__main__":
    main()
