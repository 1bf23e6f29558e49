"""Typeset the demo papers (``papers/*.md``) to ``pdfs/*.pdf`` with fpdf2.

Usage::

    python corpora/demo/make_pdfs.py            # all papers into corpora/demo/pdfs
    python corpora/demo/make_pdfs.py --out DIR  # somewhere else (the tests do this)

fpdf2 is a script-only dependency (``pip install fpdf2``): the PDFs are
committed, so nothing at runtime needs it. The output is deterministic: the
creation date and file identifier are fixed, so re-running the script with the
same fpdf2 version gives byte-identical files.

Source format (a small Markdown dialect, see README.md):

* a front matter block between ``---`` lines of ``key: value`` pairs
  (title, authors, affiliations, journal, volume, year, doi, layout, ...);
* ``# Abstract`` / ``## Heading`` lines for section headings;
* paragraphs separated by blank lines;
* ``- item`` bullet items (``- **Term**: text`` sets the term in bold);
* ``> text`` lines forming a shaded box (key points) in single-column layouts;
* ``| a | b |`` rows forming a two-column table (first row is the header).

Layouts: ``report`` (single column, sans serif, key points box), ``article``
(single column, serif) and ``journal`` (two columns, serif). Every page has a
running header (journal and volume) and a footer (page number and licence).
Only core PDF fonts are used (WinAnsi encoding), so the text extracts as the
words written, with no ligature glyphs and nothing embedded.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
PAPERS = HERE / "papers"
PDFS = HERE / "pdfs"

#: Fixed so that every run writes the same bytes.
CREATION_DATE = dt.datetime(2024, 6, 1, 12, 0, 0, tzinfo=dt.UTC)


@dataclass
class Block:
    kind: str  # heading | para | bullet | box | table
    text: str = ""
    rows: list[list[str]] = field(default_factory=list)
    level: int = 2


@dataclass
class Paper:
    slug: str
    meta: dict[str, str]
    blocks: list[Block]

    @property
    def layout(self) -> str:
        return self.meta.get("layout", "article")


def parse_paper(path: Path) -> Paper:
    """Front matter and blocks of one ``papers/*.md`` file."""
    text = path.read_text(encoding="utf-8")
    m = re.match(r"---\n(.*?)\n---\n", text, re.S)
    if not m:
        raise ValueError(f"{path}: no front matter")
    meta: dict[str, str] = {}
    for line in m.group(1).splitlines():
        if line.strip():
            key, _, value = line.partition(":")
            meta[key.strip()] = value.strip()
    blocks: list[Block] = []
    para: list[str] = []

    def flush() -> None:
        if para:
            blocks.append(Block("para", " ".join(para)))
            para.clear()

    for raw in text[m.end() :].splitlines():
        line = raw.rstrip()
        if not line.strip():
            flush()
            continue
        if line.startswith("#"):
            flush()
            hashes = len(line) - len(line.lstrip("#"))
            blocks.append(Block("heading", line[hashes:].strip(), level=hashes))
        elif line.startswith("- "):
            flush()
            blocks.append(Block("bullet", line[2:].strip()))
        elif line.startswith("  ") and blocks and blocks[-1].kind == "bullet" and not para:
            blocks[-1].text += " " + line.strip()  # continuation of a bullet item
        elif line.startswith(">"):
            flush()
            item = line[1:].strip()
            if blocks and blocks[-1].kind == "box":
                blocks[-1].rows.append([item])
            else:
                blocks.append(Block("box", rows=[[item]]))
        elif line.startswith("|"):
            flush()
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if blocks and blocks[-1].kind == "table":
                blocks[-1].rows.append(cells)
            else:
                blocks.append(Block("table", rows=[cells]))
        else:
            para.append(line.strip())
    flush()
    return Paper(path.stem, meta, blocks)


def plain(text: str) -> str:
    """Text without the ``**bold**`` markers, as it appears in the PDF."""
    return text.replace("**", "")


def source_text(paper: Paper) -> str:
    """All words the PDF of `paper` must contain, in reading order."""
    meta = paper.meta
    parts = [
        meta["title"],
        meta["authors"],
        meta.get("affiliations", ""),
        meta["journal"],
        meta.get("keywords", ""),
        f"doi {meta['doi']}",
    ]
    for block in paper.blocks:
        if block.kind in ("box", "table"):
            parts.extend(plain(cell) for row in block.rows for cell in row)
        else:
            parts.append(plain(block.text))
    return "\n".join(parts)


def _require_fpdf():
    try:
        import fpdf  # noqa: F401
    except ImportError:  # pragma: no cover - message for people without the extra
        sys.exit("fpdf2 is needed to typeset the demo corpus: pip install fpdf2")
    from fpdf import FPDF

    return FPDF


def build_pdf(paper: Paper):
    """An FPDF object holding `paper` typeset in its layout."""
    FPDF = _require_fpdf()
    from fpdf.enums import Align, XPos, YPos

    meta = paper.meta
    layout = paper.layout
    serif = layout != "report"
    body_font = "Times" if serif else "Helvetica"
    body_size = {"report": 10.5, "article": 11.0, "journal": 9.5}[layout]
    line_h = body_size * 0.45
    header_left = f"{meta['journal']} {meta['volume']}"
    header_right = meta.get("running_title", "")
    licence = meta.get("licence", "")

    class DemoPDF(FPDF):
        def header(self) -> None:
            self.set_font("Helvetica", "", 7.5)
            self.set_text_color(90, 90, 90)
            self.set_xy(self.l_margin, 9)
            self.cell(self.epw / 2, 4, header_left, align=Align.L)
            self.cell(self.epw / 2, 4, header_right, align=Align.R)
            self.set_draw_color(150, 150, 150)
            self.line(self.l_margin, 14, self.w - self.r_margin, 14)
            self.set_text_color(0, 0, 0)
            self.set_xy(self.l_margin, self.t_margin)

        def footer(self) -> None:
            self.set_y(-13)
            self.set_font("Helvetica", "", 7)
            self.set_text_color(90, 90, 90)
            self.cell(self.epw * 0.8, 4, licence, align=Align.L)
            self.cell(self.epw * 0.2, 4, f"Page {self.page_no()}", align=Align.R)
            self.set_text_color(0, 0, 0)

    pdf = DemoPDF(format="A4")
    pdf.set_margins(20 if layout == "journal" else 24, 20, 20 if layout == "journal" else 24)
    pdf.set_auto_page_break(True, margin=18)
    pdf.set_creation_date(CREATION_DATE)
    pdf.set_title(meta["title"])
    pdf.set_author(meta["authors"])
    pdf.set_subject(f"{meta['journal']} {meta['volume']} ({meta['year']}) doi:{meta['doi']}")
    pdf.set_keywords(meta.get("keywords", ""))
    pdf.set_creator("reviewkit corpora/demo/make_pdfs.py")
    pdf.add_page()

    # --- title block (full width on page 1) ---
    if layout == "report":
        pdf.set_fill_color(28, 78, 110)
        pdf.set_text_color(255, 255, 255)
        pdf.set_font("Helvetica", "B", 9)
        pdf.cell(
            0, 7, f"  {meta['journal'].upper()}", fill=True, new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )
        pdf.set_text_color(0, 0, 0)
        pdf.ln(4)
        pdf.set_font("Helvetica", "B", 17)
        _mc(pdf, 7.5, meta["title"], align=Align.L)
    else:
        pdf.set_font("Helvetica", "", 8)
        pdf.cell(
            0,
            4,
            meta.get("article_type", "Research article").upper(),
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
        pdf.ln(1.5)
        pdf.set_font("Times", "B", 16 if layout == "journal" else 17)
        _mc(pdf, 7, meta["title"], align=Align.L)
    pdf.ln(2)
    pdf.set_font(body_font, "", 10.5)
    _mc(pdf, 5, meta["authors"], align=Align.L)
    if meta.get("affiliations"):
        pdf.set_font(body_font, "I", 8.5)
        _mc(pdf, 4, meta["affiliations"], align=Align.L)
    pdf.set_font("Helvetica", "", 7.5)
    _mc(pdf, 4, f"doi {meta['doi']}", align=Align.L)
    pdf.ln(3)

    blocks = list(paper.blocks)
    # The abstract (everything before the first level-2 heading) spans the page.
    head: list[Block] = []
    while blocks and not (blocks[0].kind == "heading" and blocks[0].level >= 2):
        head.append(blocks.pop(0))
    for block in head:
        if block.kind == "heading":
            pdf.set_font("Helvetica", "B", 9.5)
            _mc(pdf, 5, block.text, align=Align.L)
        elif block.kind == "box":
            _box(pdf, block, body_font)
        else:
            pdf.set_font(body_font, "", body_size)
            _mc(pdf, line_h, block.text, align=Align.J, markdown=True)
            pdf.ln(1)
    if meta.get("keywords"):
        pdf.set_font(body_font, "B", 8.5)
        pdf.write(4.2, "Keywords: ")
        pdf.set_font(body_font, "", 8.5)
        pdf.write(4.2, meta["keywords"])
        pdf.ln(5)
    pdf.set_draw_color(150, 150, 150)
    pdf.line(pdf.l_margin, pdf.get_y() + 1, pdf.w - pdf.r_margin, pdf.get_y() + 1)
    pdf.ln(4)

    if layout == "journal":
        _two_columns(pdf, blocks, body_font, body_size, line_h)
    else:
        _one_column(pdf, blocks, body_font, body_size, line_h)
    return pdf


def _mc(pdf, h: float, text: str, **kwargs) -> None:
    """A full-width multi_cell that leaves the cursor at the left margin below it."""
    from fpdf.enums import XPos, YPos

    pdf.multi_cell(0, h, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT, **kwargs)


def _box(pdf, block: Block, body_font: str) -> None:
    from fpdf.enums import Align

    pdf.set_fill_color(232, 240, 246)
    pdf.set_font(body_font, "", 9.5)
    pdf.ln(1)
    title, *items = [row[0] for row in block.rows]
    pdf.set_font("Helvetica", "B", 9.5)
    _mc(pdf, 6, title, fill=True, align=Align.L, padding=(1, 3, 0, 3))
    pdf.set_font(body_font, "", 9.5)
    for item in items:
        _mc(pdf, 4.6, f"- {item}", fill=True, align=Align.L, padding=(0.5, 3, 0.5, 3))
    pdf.ln(3)


def _rich(pdf, text: str, font: str, size: float, h: float, indent: float = 0) -> None:
    """A bullet item: ``**Term**`` bold, the rest regular, hanging indent."""
    from fpdf.enums import Align

    x0 = pdf.l_margin
    pdf.set_font(font, "", size)
    pdf.set_x(x0 + indent)
    pdf.cell(4, h, "-")
    pdf.set_left_margin(x0 + indent + 4)
    _mc(pdf, h, text, align=Align.L, markdown=True)
    pdf.set_left_margin(x0)


def _one_column(pdf, blocks: list[Block], font: str, size: float, h: float) -> None:
    from fpdf.enums import Align

    heading_font = "Helvetica" if font == "Helvetica" else "Times"
    for i, block in enumerate(blocks):
        if block.kind == "heading":
            if pdf.get_y() > pdf.h - 40:
                pdf.add_page()
            pdf.ln(2)
            pdf.set_font(heading_font, "B", size + (2 if block.level == 2 else 0.5))
            _mc(pdf, h + 1.5, block.text, align=Align.L)
            pdf.ln(1)
        elif block.kind == "para":
            pdf.set_font(font, "", size)
            _mc(pdf, h, plain(block.text), align=Align.J)
            pdf.ln(2)
        elif block.kind == "bullet":
            _rich(pdf, block.text, font, size, h, indent=3)
            nxt = blocks[i + 1] if i + 1 < len(blocks) else None
            pdf.ln(2 if nxt is None or nxt.kind != "bullet" else 0.8)
        elif block.kind == "box":
            _box(pdf, block, font)
        elif block.kind == "table":
            pdf.set_font(font, "", size - 1)
            with pdf.table(
                col_widths=(1, 3), line_height=h, text_align="LEFT", first_row_as_headings=True
            ) as table:
                for row in block.rows:
                    r = table.row()
                    for cell in row:
                        r.cell(cell)
            pdf.ln(3)
    pdf.set_x(pdf.l_margin)


def _two_columns(pdf, blocks: list[Block], font: str, size: float, h: float) -> None:
    from fpdf.enums import Align

    cols = pdf.text_columns(ncols=2, gutter=7, text_align=Align.J, line_height=1.12)
    with cols:
        for block in blocks:
            if block.kind == "heading":
                pdf.set_font("Times", "B" if block.level == 2 else "BI", size + 1)
                with cols.paragraph(text_align=Align.L, top_margin=2.5, bottom_margin=1) as p:
                    p.write(block.text)
            elif block.kind == "para":
                pdf.set_font(font, "", size)
                with cols.paragraph(bottom_margin=1.6, first_line_indent=0) as p:
                    p.write(plain(block.text))
            elif block.kind == "bullet":
                with cols.paragraph(
                    text_align=Align.L, indent=3.5, bullet_string="-", bottom_margin=0.8
                ) as p:
                    parts = re.split(r"(\*\*.+?\*\*)", block.text)
                    for part in parts:
                        if part.startswith("**"):
                            pdf.set_font(font, "B", size)
                            p.write(part[2:-2])
                        elif part:
                            pdf.set_font(font, "", size)
                            p.write(part)
                pdf.set_font(font, "", size)
            elif block.kind in ("box", "table"):
                raise ValueError("boxes and tables are for single-column layouts")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=PDFS, help="output folder")
    parser.add_argument("names", nargs="*", help="paper slugs (default: all)")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for path in sorted(PAPERS.glob("*.md")):
        if args.names and path.stem not in args.names:
            continue
        paper = parse_paper(path)
        pdf = build_pdf(paper)
        target = args.out / f"{paper.slug}.pdf"
        target.write_bytes(bytes(pdf.output()))
        print(f"{target.name}: {pdf.page_no()} pages, {target.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
