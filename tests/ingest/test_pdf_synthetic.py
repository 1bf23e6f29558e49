"""read_pdf on tiny PDFs written by the test itself (no ../shared needed)."""

from __future__ import annotations

from pathlib import Path

from reviewkit.ingest.pdf import read_pdf
from tests.ingest.pdf_writer import content_stream, escape, page_tree, write_objects

# (x, y, size, text)
Run = tuple[float, float, float, str]


def write_pdf(
    path: Path, pages: list[list[Run]], *, cm: str = "", rotate: int = 0, stamp: str = ""
) -> Path:
    """Write a minimal PDF with Helvetica text runs, one content stream per page.

    `stamp` is drawn on every page turned 90 degrees, up the left margin.
    """
    n = len(pages)
    font_id = 3 + 2 * n
    objects = page_tree(n)
    for i, runs in enumerate(pages):
        ops = [f"{cm} cm" if cm else "", "BT"]
        for x, y, size, text in runs:
            ops.append(f"/F1 {size} Tf 1 0 0 1 {x} {y} Tm ({escape(text)}) Tj")
        if stamp:
            ops.append(f"/F1 8 Tf 0 1 -1 0 25 250 Tm ({escape(stamp)}) Tj")
        ops.append("ET")
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Rotate {rotate} "
            f"/Resources << /Font << /F1 {font_id} 0 R >> >> /Contents {4 + 2 * i} 0 R >>".encode()
        )
        objects.append(content_stream("\n".join(op for op in ops if op)))
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    return write_objects(path, objects)


def _article_page(number: int, left: list[str], right: list[str]) -> list[Run]:
    runs: list[Run] = [(50, 800, 9, "Synthetic Journal of Care 2024"), (540, 800, 9, str(number))]
    for i, (a, b) in enumerate(zip(left, right, strict=True)):
        y = 740 - 12 * i
        runs += [(50, y, 10, a), (310, y, 10, b)]  # row by row across both columns
    runs.append((290, 40, 9, f"Page {number} of 3"))
    return runs


LEFT = [
    "{name}: health and social care integra-",
    "tion is a terminological quagmire,",
    "and co-",
    "ordination is one of its words.",
    "Integration means many things.",
]
RIGHT = [
    "The right column starts here and",
    "continues down the page in order.",
    "Nothing from it belongs in the",
    "left column, whatever the stream",
    "order of the runs says.",
]


NAMES = ["One", "Two", "Three"]


def _three_pages(tmp_path: Path, **kwargs: object) -> Path:
    # Pages differ in their first line, as real pages do; repeated lines are running heads.
    pages = [
        _article_page(n, [LEFT[0].format(name=NAMES[n - 1]), *LEFT[1:]], RIGHT) for n in (1, 2, 3)
    ]
    return write_pdf(tmp_path / "article.pdf", pages, **kwargs)  # type: ignore[arg-type]


EXPECTED = (
    "{name}: health and social care integration is a terminological quagmire, and co-ordination "
    "is one of its words. Integration means many things. The right column starts here and "
    "continues down the page in order. Nothing from it belongs in the left column, "
    "whatever the stream order of the runs says."
)


def _folded(text: str) -> str:
    return " ".join(text.split())


def test_columns_hyphens_and_running_rows(tmp_path: Path) -> None:
    doc = read_pdf(_three_pages(tmp_path))
    assert [_folded(p.text) for p in doc.pages] == [EXPECTED.format(name=n) for n in NAMES]
    assert [p.header for p in doc.pages] == [
        f"Synthetic Journal of Care 2024 {n}" for n in (1, 2, 3)
    ]
    assert [p.footer for p in doc.pages] == [f"Page {n} of 3" for n in (1, 2, 3)]
    assert doc.flags == []


def test_rotate_attribute_does_not_change_the_text(tmp_path: Path) -> None:
    doc = read_pdf(_three_pages(tmp_path, rotate=90))
    assert [_folded(p.text) for p in doc.pages] == [EXPECTED.format(name=n) for n in NAMES]


def test_text_drawn_sideways_is_read_upright(tmp_path: Path) -> None:
    # Rotate all drawing by 90 degrees (landscape content on a portrait page).
    doc = read_pdf(_three_pages(tmp_path, cm="0 1 -1 0 842 0"))
    assert [_folded(p.text) for p in doc.pages] == [EXPECTED.format(name=n) for n in NAMES]


def test_max_pages_cuts_and_flags(tmp_path: Path) -> None:
    doc = read_pdf(_three_pages(tmp_path), max_pages=2)
    assert len(doc.pages) == 2
    assert "truncated-pages" in doc.flags


def test_a_sideways_stamp_in_the_margin_is_furniture(tmp_path: Path) -> None:
    stamp = "Downloaded from example.org on 12 July 2017"
    pages = [
        _article_page(n, [LEFT[0].format(name=NAMES[n - 1]), *LEFT[1:]], RIGHT) for n in (1, 2, 3)
    ]
    doc = read_pdf(write_pdf(tmp_path / "stamped.pdf", pages, stamp=stamp))
    assert [_folded(p.text) for p in doc.pages] == [EXPECTED.format(name=n) for n in NAMES]
    assert all(p.footer.endswith(stamp) for p in doc.pages)


def test_pages_whose_only_line_repeats_keep_it(tmp_path: Path) -> None:
    pages: list[list[Run]] = [[(72, 800, 12, f"Potato {n}")] for n in range(1, 31)]
    doc = read_pdf(write_pdf(tmp_path / "potato.pdf", pages))
    assert [p.text for p in doc.pages] == [f"Potato {n}" for n in range(1, 31)]
    assert "no-text" not in doc.flags


def test_pages_that_repeat_whole_keep_their_first_lines(tmp_path: Path) -> None:
    form = ["Referral form", "Name of the person referred", "Date of birth", "Address"]
    body = [f"Line {i} of the form asks the referrer for details." for i in range(8)]
    page: list[Run] = [(72, 780 - 14 * i, 10, t) for i, t in enumerate(form + body)]
    doc = read_pdf(write_pdf(tmp_path / "forms.pdf", [page, page, page]))
    for p in doc.pages:
        assert p.text.startswith("Referral form"), p.text[:60]
        assert p.header == ""


def test_odd_and_even_running_heads_with_page_numbers_are_furniture(tmp_path: Path) -> None:
    pages: list[list[Run]] = []
    for n in range(1, 7):
        head = f"Journal of Integrated Care {n}" if n % 2 else f"{n} Glasby and Dickinson"
        x = 330 if n % 2 else 50
        words = ["joint", "pooled", "shared", "aligned", "merged", "linked"]
        body = [f"Page {n} line {i}: {words[(n + i) % 6]} budgets for care." for i in range(8)]
        runs: list[Run] = [(x, 800, 9, head)]
        runs += [(72, 740 - 14 * i, 10, t) for i, t in enumerate(body)]
        if n % 2 == 0:
            runs.append((72, 40, 8, "Licensed under CC BY 4.0"))
        pages.append(runs)
    doc = read_pdf(write_pdf(tmp_path / "odd_even.pdf", pages))
    assert [p.header for p in doc.pages] == [r[0][3] for r in pages]
    assert all(p.text.startswith(f"Page {p.number} line 0") for p in doc.pages)
    assert [p.footer for p in doc.pages] == ["", "Licensed under CC BY 4.0"] * 3
