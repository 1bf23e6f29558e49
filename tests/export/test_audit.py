"""The audit trail: every decision row and every extraction row, formula-safe."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from click.testing import CliRunner

from reviewkit.cli import cli
from reviewkit.export.audit import AUDIT_COLUMNS, audit_csv, audit_rows
from tests.export.conftest import HOSTILE, Review


def test_audit_has_every_decision_undo_and_extraction_edit(review: Review) -> None:
    rows = audit_rows(review.store)
    n_decisions = review.store.db["decisions"].count
    n_extractions = review.store.db["extractions"].count
    assert len(rows) == n_decisions + n_extractions
    kinds = {(r.table, r.kind) for r in rows}
    assert {
        ("decisions", "decision"),
        ("decisions", "undo"),
        ("extractions", "proposed"),
        ("extractions", "accepted"),
        ("extractions", "edited"),
        ("extractions", "rejected"),
    } <= kinds
    assert [r.at for r in rows] == sorted(r.at for r in rows)
    undo = next(r for r in rows if r.kind == "undo")
    assert (undo.reviewer, undo.stage, undo.record_id) == (
        "ben",
        "title-abstract",
        review.records["mice"],
    )
    edited = next(r for r in rows if r.kind == "edited")
    assert edited.reviewer == "ben" and edited.supersedes is not None
    assert edited.value == '"=HYPERLINK(\\"http://x\\")"'


def test_audit_csv_is_formula_safe(review: Review, tmp_path: Path) -> None:
    out = tmp_path / "audit.csv"
    result = CliRunner().invoke(
        cli,
        ["export", "audit", "--project", str(review.folder), "-o", str(out)],
        catch_exceptions=False,
    )
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert result.stdout == f"wrote {len(rows)} audit rows to {out}\n"
    assert list(rows[0]) == list(AUDIT_COLUMNS)
    cells = [v for r in rows for v in r.values()]
    assert not [c for c in cells if c and c[0] in "=+-@\t\r"]
    assert '\'["+1"]' in cells or any(HOSTILE[1] in c for c in cells)
    assert audit_csv([]).decode("utf-8-sig").strip() == ",".join(AUDIT_COLUMNS)
