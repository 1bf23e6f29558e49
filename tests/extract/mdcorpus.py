"""Documents from Markdown sources, shaped like the PDF reader's output.

Used to evaluate definitions and continua on the demo corpus sources
(``corpora/demo/papers/*.md``) and on the held-out set
(``tests/extract/data/heldout``) without going through the PDF reader:

    python -m tests.extract.mdcorpus heldout -v   # or: demo, final, both (heldout+demo+final)

Front matter is dropped; headings, emphasis and block-quote marks are removed;
the lines of a paragraph are joined with single spaces; every bullet item and
table row becomes its own paragraph (outer pipes removed), as the reader's
output will once bullet items are split.
"""

from __future__ import annotations

import hashlib
import re
import sys
from pathlib import Path

from reviewkit.document import Document, Page, Reference
from reviewkit.extract.evaluate import EvalReport

ROOT = Path(__file__).resolve().parents[2]
HELDOUT = Path(__file__).with_name("data") / "heldout"
FINAL = Path(__file__).with_name("data") / "heldout_final"
DEMO = ROOT / "corpora" / "demo"

_ITEM = re.compile(r"\s*(?:[-*•▪]\s|\d{1,2}[.)]\s|\(?[a-z][.)]\s|\||[^|\n]{1,60}\s\|\s)")


def markdown_to_text(md: str) -> str:
    """Page text for a Markdown source (see the module docstring)."""
    md = re.sub(r"\A---\n.*?\n---\n", "", md, flags=re.S)
    paragraphs: list[str] = []
    current: list[str] = []

    def flush() -> None:
        if current:
            paragraphs.append(" ".join(current))
            current.clear()

    for raw in md.splitlines():
        line = raw.strip()
        line = re.sub(r"^>\s?", "", line)
        line = re.sub(r"^#{1,6}\s+", "", line)
        line = re.sub(r"\*\*(.+?)\*\*|__(.+?)__", lambda m: m.group(1) or m.group(2), line)
        if not line:
            flush()
            continue
        if raw.lstrip().startswith("#"):
            flush()
            paragraphs.append(line)
            continue
        if _ITEM.match(line):
            flush()
            if "|" in line:
                line = " | ".join(c.strip() for c in line.strip("|").split("|"))
            paragraphs.append(line)
            continue
        current.append(line)
    flush()
    return "\n\n".join(p for p in paragraphs if p.strip())


def document_from_markdown(path: Path) -> Document:
    """A one-page Document from a Markdown file, with numbered references parsed."""
    data = path.read_bytes()
    text = markdown_to_text(data.decode("utf-8"))
    refs = []
    for par in text.split("\n\n"):
        m = re.match(r"\[?(\d{1,3})[.\]]\s+\S", par)
        if m and re.search(r"\b(?:19|20)\d{2}\b", par):
            refs.append(Reference(text=par, page=1, label=m.group(1)))
    return Document(
        sha256=hashlib.sha256(data).hexdigest(),
        path=str(path),
        kind="text",
        pages=[Page(number=1, text=text)],
        references=refs,
    )


def demo_reader(pdf: Path) -> Document:
    """`evaluate_corpus` reader: the Markdown source of a demo PDF."""
    return document_from_markdown(DEMO / "papers" / f"{Path(pdf).stem}.md")


def evaluate(which: str) -> EvalReport:
    """The EvalReport for "heldout", "final" or "demo" (Markdown sources)."""
    from reviewkit.extract.evaluate import evaluate_corpus

    if which in ("heldout", "final"):
        folder = HELDOUT if which == "heldout" else FINAL
        return evaluate_corpus(folder, folder, read=document_from_markdown)
    return evaluate_corpus(DEMO / "gold", DEMO / "pdfs", read=demo_reader)


def main(argv: list[str]) -> int:
    from reviewkit.extract.evaluate import format_report

    names = ["heldout", "demo", "final"] if not argv or argv[0] == "both" else argv[:1]
    for name in names:
        report = evaluate(name)
        text = format_report(report)
        lines = [
            ln
            for ln in text.splitlines()
            if ln.startswith("TOTAL")
            or " missed " in ln
            or " wrong definition" in ln
            or " wrong continuum" in ln
        ]
        tot = text.split("TOTAL", 1)[1].splitlines()[:2]
        print(f"== {name}")
        print("TOTAL" + tot[0])
        print(tot[1])
        if "-v" in argv:
            print("\n".join(ln for ln in lines if not ln.startswith("TOTAL")))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
