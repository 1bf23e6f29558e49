"""read_pdf on tiny PDFs drawn the way other producers draw them.

fpdf2 and word processors set one `BT ... ET` per line or per cell, switch
fonts inside a line without moving the text matrix, draw a list bullet as a
cell of its own and part words with positioning instead of spaces. Each test
writes a small PDF with such runs and checks one behaviour of the reader.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reviewkit.document import Document
from reviewkit.ingest.pdf import read_pdf
from tests.ingest.pdf_writer import content_stream, escape, page_tree, write_objects

FONTS = {"R": "Helvetica", "B": "Helvetica-Bold", "T": "Times-Roman", "TB": "Times-Bold"}


@dataclass(frozen=True)
class Run:
    """One text run: at (x, y), or right after the previous run when x is None."""

    x: float | None
    y: float
    text: str
    size: float = 10.0
    font: str = "R"


def _stream(runs: list[Run]) -> str:
    ops: list[str] = []
    open_bt = False
    for run in runs:
        show = f"/{run.font} {run.size} Tf ({escape(run.text)}) Tj"
        if run.x is None and open_bt:
            ops.append(show)  # same BT, same text matrix: a font change inside a line
            continue
        if open_bt:
            ops.append("ET")
        ops.append(f"BT {run.x} {run.y} Td {show}")
        open_bt = True
    if open_bt:
        ops.append("ET")
    return "\n".join(ops)


def write_pdf(path: Path, pages: list[list[Run]]) -> Path:
    """A minimal PDF with the standard fonts of FONTS, one content stream per page."""
    n = len(pages)
    first_font = 3 + 2 * n
    fonts = " ".join(f"/{key} {first_font + i} 0 R" for i, key in enumerate(FONTS))
    objects = page_tree(n)
    for i, runs in enumerate(pages):
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            f"/Resources << /Font << {fonts} >> >> /Contents {4 + 2 * i} 0 R >>".encode()
        )
        objects.append(content_stream(_stream(runs)))
    for name in FONTS.values():
        objects.append(
            f"<< /Type /Font /Subtype /Type1 /BaseFont /{name} "
            "/Encoding /WinAnsiEncoding >>".encode()
        )
    return write_objects(path, objects)


def _paras(doc: Document, page: int = 1) -> list[str]:
    return doc.page(page).text.split("\n\n")


def _column(x: float, top: float, texts: list[str], pitch: float = 13.0) -> list[Run]:
    return [Run(x, top - pitch * i, t) for i, t in enumerate(texts)]


FILLER = [
    "This sentence is ordinary body text that fills a line of the page.",
    "It goes on for a while so that the page has a usual line pitch.",
    "Nothing in these lines is a list, a title or a table of any kind.",
]


# --- list items --------------------------------------------------------------------


def test_dash_bullets_drawn_as_cells_start_items_and_join_their_wraps(tmp_path: Path) -> None:
    runs = _column(60, 760, FILLER[:2] + ["The glossary below sets out the terms."])
    y = 760 - 13 * 3 - 6
    for term, first, wrap in [
        ("Partnership", ": two or more bodies working together towards", "agreed aims."),
        ("Pooled budget", ": a single fund to which the partners", "contribute."),
    ]:
        runs += [Run(69, y, "-"), Run(80, y, term, font="B"), Run(None, y, first)]
        runs.append(Run(80, y - 13, wrap))
        y -= 28
    runs += _column(60, y - 6, ["After the list the text goes on at the margin."])
    doc = read_pdf(write_pdf(tmp_path / "dash.pdf", [runs]))
    assert _paras(doc)[1:] == [
        "Partnership: two or more bodies working together towards agreed aims.",
        "Pooled budget: a single fund to which the partners contribute.",
        "After the list the text goes on at the margin.",
    ]


def test_dash_items_in_one_run_each_after_full_stops(tmp_path: Path) -> None:
    items = ["- Four sites were studied in depth.", "- All had boards.", "- Money mattered."]
    runs = [Run(60, 760, "Key points", font="B"), *_column(60, 744, items)]
    runs += _column(60, 690, FILLER)
    doc = read_pdf(write_pdf(tmp_path / "box.pdf", [runs]))
    assert _paras(doc)[:4] == [
        "Key points",
        "Four sites were studied in depth.",
        "All had boards.",
        "Money mattered.",
    ]


def test_glyph_and_numbered_items_are_paragraphs_numbers_kept(tmp_path: Path) -> None:
    lines = [
        "The factors were these:",
        "\x95 friendly relationships",
        "\x95 commitment from the top",
    ]
    steps = ["The steps follow.", "1. Agree the aims of the", "partnership first.", "2. Pool it."]
    runs = _column(60, 760, lines) + _column(60, 714, steps)
    doc = read_pdf(write_pdf(tmp_path / "items.pdf", [runs]))
    assert _paras(doc) == [
        "The factors were these:",
        "friendly relationships",
        "commitment from the top",
        "The steps follow.",
        "1. Agree the aims of the partnership first.",
        "2. Pool it.",
    ]


def test_a_dash_inside_a_sentence_does_not_start_an_item(tmp_path: Path) -> None:
    lines = [
        "The key question is the impact of partnership working",
        "- what difference, if any, does it make - and for whom.",
    ]
    doc = read_pdf(write_pdf(tmp_path / "prose.pdf", [_column(60, 760, lines)]))
    assert _paras(doc) == [" ".join(lines)]


# --- word spaces ---------------------------------------------------------------------


def test_space_at_the_end_of_a_run_parts_words(tmp_path: Path) -> None:
    runs = [Run(60, 760, "Keywords: ", font="B"), Run(106, 760, "partnership; governance")]
    runs += _column(60, 740, FILLER)
    doc = read_pdf(write_pdf(tmp_path / "kw.pdf", [runs]))
    assert _paras(doc)[0] == "Keywords: partnership; governance"


def test_font_change_inside_a_line_adds_no_space(tmp_path: Path) -> None:
    runs = [Run(60, 760, "Integration", font="B"), Run(None, 760, ": the combining of staff.")]
    doc = read_pdf(write_pdf(tmp_path / "term.pdf", [runs + _column(60, 740, FILLER)]))
    assert _paras(doc)[0] == "Integration: the combining of staff."


# --- titles, mastheads, metadata -------------------------------------------------


def _front_page(title: list[str], extra: list[Run] | None = None) -> list[Run]:
    runs = [Run(60, 800, "Institute for Care Studies Report 12", 7.5)]
    runs += [Run(60, 770 - 21 * i, t, 17, "B") for i, t in enumerate(title)]
    y = 770 - 21 * len(title) - 8
    runs += [Run(60, y, "Ann Lee, Bo Chen and Jo Marsh", 10.5)]
    runs += [Run(60, y - 14, "Institute for Care Studies, Kelderby", 8.5)]
    runs += extra or []
    runs += _column(60, y - 60, FILLER * 3)
    runs.append(Run(60, 40, "Page 1", 7))
    return runs


def _next_page(n: int) -> list[Run]:
    runs = [Run(60, 800, "Institute for Care Studies Report 12", 7.5)]
    return runs + _column(60, 760, FILLER[::-1] * 3) + [Run(60, 40, f"Page {n}", 7)]


def test_title_on_two_lines_is_one_paragraph_and_the_metadata_title(tmp_path: Path) -> None:
    title = ["Governing partnerships between health and social care:", "lessons from four sites"]
    doc = read_pdf(write_pdf(tmp_path / "title.pdf", [_front_page(title), _next_page(2)]))
    assert _paras(doc)[0] == " ".join(title)
    assert doc.title == " ".join(title)
    assert doc.authors == ["Ann Lee", "Bo Chen", "Jo Marsh"]
    assert " ".join(title) not in [s.heading for s in doc.sections]


def test_banner_repeating_the_running_header_is_header(tmp_path: Path) -> None:
    banner = [Run(60, 785, "INSTITUTE FOR CARE STUDIES", 9, "B")]
    pages = [_front_page(["A short title"], banner), _next_page(2), _next_page(3)]
    doc = read_pdf(write_pdf(tmp_path / "banner.pdf", pages))
    assert "INSTITUTE FOR CARE STUDIES" in doc.page(1).header
    assert "INSTITUTE" not in doc.page(1).text
    assert doc.title == "A short title"


def test_year_from_the_doi_a_received_line_or_none(tmp_path: Path) -> None:
    doi = [Run(60, 640, "doi 10.5555/demo.2014.006", 7.5)]
    doc = read_pdf(write_pdf(tmp_path / "doi.pdf", [_front_page(["Title"], doi), _next_page(2)]))
    assert (doc.doi, doc.year) == ("10.5555/demo.2014.006", 2014)
    dated = [Run(60, 640, "Received: 3 May 2018; Accepted: 9 January 2019", 7.5)]
    doc = read_pdf(write_pdf(tmp_path / "dated.pdf", [_front_page(["Title"], dated)]))
    assert doc.year == 2019
    doc = read_pdf(write_pdf(tmp_path / "none.pdf", [_front_page(["Title"])]))
    assert doc.year is None


# --- columns, tables, paragraphs ------------------------------------------------------

LEFT = [f"Left column line {i} of the article body text." for i in range(30)]
RIGHT = ["[6] Hughes C. Early adopters of integrated", "care. Health Review. 2015;23:3-9."]
RIGHT += ["[7] Marchetti H. Why older people are", "admitted. J Health Serv. 2016;12:77."]


def test_a_short_right_column_beside_a_full_left_one(tmp_path: Path) -> None:
    runs = _column(50, 760, LEFT, 10.6) + _column(310, 760, RIGHT[:2], 10.6)
    runs += _column(310, 735, RIGHT[2:], 10.6)
    doc = read_pdf(write_pdf(tmp_path / "short.pdf", [runs]))
    text = " ".join(doc.page(1).text.split())
    assert " ".join(LEFT) in text
    assert "[6] Hughes C. Early adopters of integrated care. Health Review." in text
    assert _paras(doc)[-1].startswith("[7] Marchetti H.")


def test_table_rows_read_across_with_a_centred_label(tmp_path: Path) -> None:
    runs = _column(60, 760, FILLER)
    runs += [Run(60, 700, "Form", font="B"), Run(170, 700, "What it involved", font="B")]
    runs += [Run(60, 680, "Structural"), Run(170, 686.7, "staff moved to one employer or")]
    runs += [Run(170, 673.3, "managed under one structure")]
    runs += [Run(60, 660, "Financial"), Run(170, 660, "money pooled or aligned")]
    runs += _column(60, 630, FILLER)
    doc = read_pdf(write_pdf(tmp_path / "table.pdf", [runs]))
    assert _paras(doc)[1:4] == [
        "Form What it involved",
        "Structural staff moved to one employer or managed under one structure",
        "Financial money pooled or aligned",
    ]


def test_run_in_headings_and_short_lines_part_paragraphs_with_small_gaps(tmp_path: Path) -> None:
    runs = [
        Run(60, 760, "Background.", font="TB"),
        Run(None, 760, " Delays in discharging older people harm them and block beds.", font="T"),
        Run(60, 746, "Two teams were replaced by one hub.", font="T"),
        Run(60, 729, "Methods.", font="TB"),
        Run(None, 729, " A controlled before-after study in two hospitals, over", font="T"),
        Run(60, 715, "two years, of delays, readmissions and returns home in full.", font="T"),
        Run(60, 698, "Results.", font="TB"),
        Run(None, 698, " Delays fell.", font="T"),
    ]
    doc = read_pdf(write_pdf(tmp_path / "runin.pdf", [runs]))
    assert [p.split(".")[0] for p in _paras(doc)] == ["Background", "Methods", "Results"]
