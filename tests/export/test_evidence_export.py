"""Evidence tables in every format: pages, markers, quotes, escaping, no formulas."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Sequence
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from reviewkit.cli import cli
from reviewkit.export.evidence import EVIDENCE_WRITERS, export_evidence, render_evidence
from reviewkit.store.documents import load_document
from reviewkit.synthesise.evidence_table import evidence_table
from tests.export.conftest import HOSTILE, Review

LEUTZ_DEFINITION = (
    "? integration: a search to connect the healthcare system with other human service "
    "systems [Leutz 1999] (p. 3)"
)


def _csv_rows(data: bytes) -> list[dict[str, str]]:
    assert data.startswith("\ufeff".encode())
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def _hostile_cells(values: Sequence[object]) -> None:
    """No cell starts a formula; the hostile strings are there, quoted."""
    texts = [v for v in values if isinstance(v, str)]
    assert not [t for t in texts if t and t[0] in "=+-@\t\r"]
    for hostile in HOSTILE:
        assert any(t == "'" + hostile or hostile in t for t in texts)


def test_csv_has_one_row_per_included_study_with_pages_and_markers(review: Review) -> None:
    rows = _csv_rows(render_evidence(evidence_table(review.store, "integration"), "csv"))
    assert [r["study"] for r in rows] == ["'@SUM(A1) 2020", "Leutz 1999"]
    leutz = rows[1]
    assert list(leutz)[:7] == [
        "study",
        "title",
        "authors",
        "year",
        "doi",
        "definitions",
        "continua",
    ]
    assert leutz["study_design"] == "✓ conceptual (p. 2)"
    assert leutz["definitions"] == LEUTZ_DEFINITION
    assert leutz["continua"] == "✓ continuum: linkage → co-ordination → full integration (p. 3)"
    assert leutz["country"] == "? United States (p. 2)\n? United Kingdom (p. 2)"
    assert leutz["setting"] == ""  # the reviewer rejected it
    hostile = rows[0]
    assert hostile["title"] == "'" + HOSTILE[0]
    assert hostile["authors"] == "'" + HOSTILE[3]
    _hostile_cells([v for r in rows for v in r.values()] + list(rows[0]))


def test_status_accepted_leaves_out_proposals(review: Review) -> None:
    table = evidence_table(review.store, "integration", status="accepted")
    rows = _csv_rows(render_evidence(table, "csv"))
    leutz = rows[1]
    assert leutz["definitions"] == "" and leutz["outcome_reporting"] == ""
    assert leutz["study_design"] == "✓ conceptual (p. 2)"
    assert "?" not in "".join(v for r in rows for k, v in r.items() if k not in ("title",))


def test_xlsx_cells_styles_and_quotes_sheet(review: Review, tmp_path: Path) -> None:
    out = tmp_path / "evidence.xlsx"
    result = export_evidence(review.store, "xlsx", out, template="integration")
    assert result.n_studies == 2 and result.path == out
    wb = load_workbook(out)
    assert wb.sheetnames == ["Evidence", "Quotes", "Notes"]
    ws = wb["Evidence"]
    head = [c.value for c in ws[1]]
    assert head[:6] == ["study", "title", "authors", "year", "doi", "definitions"]
    col = {name: i + 1 for i, name in enumerate(head)}
    leutz = 3
    assert ws.cell(leutz, col["study"]).value == "Leutz 1999"
    assert ws.cell(leutz, col["year"]).value == 1999
    design = ws.cell(leutz, col["study_design"])
    assert design.value == "✓ conceptual (p. 2)"
    assert design.fill.fgColor.rgb.endswith("E2EFDA")  # reviewed: green
    definitions = ws.cell(leutz, col["definitions"])
    assert definitions.value == LEUTZ_DEFINITION
    assert definitions.fill.fgColor.rgb.endswith("FFF2CC") and definitions.font.i  # proposed
    assert ws.cell(2, col["title"]).value == "'" + HOSTILE[0]

    quotes = wb["Quotes"]
    qhead = [c.value for c in quotes[1]]
    assert qhead == [
        "study",
        "field",
        "value",
        "page",
        "quote",
        "char_start",
        "char_end",
        "status",
        "method",
        "confidence",
    ]
    rows = [dict(zip(qhead, (c.value for c in r), strict=True)) for r in quotes.iter_rows(2)]
    design_quote = next(
        r for r in rows if r["study"] == "Leutz 1999" and r["field"] == "study_design"
    )
    assert design_quote == {
        "study": "Leutz 1999",
        "field": "study_design",
        "value": "conceptual",
        "page": 2,
        "quote": "This is a conceptual paper",
        "char_start": 0,
        "char_end": 26,
        "status": "accepted",
        "method": "test",
        "confidence": 0.8,
    }
    # every quote is verbatim in its page
    docs = {"Leutz 1999": review.docs["leutz"], "'@SUM(A1) 2020": review.docs["hostile"]}
    for r in rows:
        if r["page"] is not None:
            doc = load_document(review.store, docs[r["study"]])
            assert doc is not None
            text = doc.page(r["page"]).text[r["char_start"] : r["char_end"]]
            assert r["quote"] in (text, "'" + text)  # formula-safe: a leading quote at most
    assert any(r["field"] == "outcome_reporting" and r["page"] is None for r in rows)

    every = [c for sheet in wb for row in sheet.iter_rows() for c in row]
    assert not [c for c in every if c.data_type == "f"]
    _hostile_cells([c.value for c in every])
    notes = [c.value for c in wb["Notes"]["A"]]
    assert any("not linked to a record" in n for n in notes)


def test_html_is_one_self_contained_escaped_page(review: Review) -> None:
    page = render_evidence(evidence_table(review.store, "integration"), "html").decode()
    assert page.startswith("<!DOCTYPE html>") and "<style>" in page
    assert "<script" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert not re.search(r"""(src|href)\s*=|<link|@import|url\(""", page)
    assert "conceptual" in page and "(p. 2)" in page and "✓" in page
    assert "This is a conceptual paper" in page  # the quote, behind <details>


def test_markdown_escapes_html_and_table_pipes(review: Review) -> None:
    md = render_evidence(evidence_table(review.store, "integration"), "md").decode()
    table = [line for line in md.splitlines() if line.startswith("|")]
    assert len(table) == 4  # header, rule, two studies
    assert all(line.count(" | ") == table[0].count(" | ") for line in table[2:])
    assert "<script>" not in md and "&lt;script&gt;" in md
    assert "✓ conceptual (p. 2)" in md


def test_json_rows_carry_values_and_evidence(review: Review) -> None:
    rows = json.loads(render_evidence(evidence_table(review.store, "integration"), "json"))
    assert isinstance(rows, list) and [r["study"] for r in rows] == ["@SUM(A1) 2020", "Leutz 1999"]
    (design,) = rows[1]["values"]["study_design"]
    assert design["value"] == "conceptual" and design["status"] == "accepted"
    assert design["evidence"] == [
        {"page": 2, "quote": "This is a conceptual paper", "char_start": 0, "char_end": 26}
    ]
    assert rows[0]["title"] == HOSTILE[0]  # JSON is data: kept as it is


def test_every_registered_format_renders(review: Review) -> None:
    table = evidence_table(review.store, "integration")
    for fmt in EVIDENCE_WRITERS:
        assert render_evidence(table, fmt)


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "md", "html", "json"])
def test_cli_writes_the_file_and_says_so(review: Review, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"table.{fmt}"
    result = CliRunner().invoke(
        cli,
        ["export", "evidence", "--project", str(review.folder), "--format", fmt, "-o", str(out)],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == f"wrote 2 studies to {out}\n"
    assert out.stat().st_size > 0


def test_cli_prints_text_formats_and_refuses_xlsx_without_a_file(review: Review) -> None:
    runner = CliRunner()
    result = runner.invoke(
        cli,
        ["export", "evidence", "--project", str(review.folder), "--status", "accepted"],
        catch_exceptions=False,
    )
    assert result.exit_code == 0
    assert result.stdout.startswith("\ufeffstudy,title,")
    result = runner.invoke(
        cli, ["export", "evidence", "--project", str(review.folder), "--format", "xlsx"]
    )
    assert result.exit_code == 2 and "-o FILE" in result.output
