"""Records by decision as RIS, BibTeX and CSV; importing an export gives the records back."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from click.testing import CliRunner

from reviewkit.cli import cli
from reviewkit.export.records import RECORD_WRITERS, export_records, latex, select_records
from reviewkit.screen.importing import import_file
from reviewkit.store import Store
from reviewkit.store.records import get_records
from reviewkit.vocabulary import Record
from tests.export.conftest import HOSTILE, Review

SUFFIX = {"ris": ".ris", "bibtex": ".bib", "csv": ".csv"}
COMPARED = ("title", "authors", "year", "doi", "abstract")

AWKWARD = [
    Record(
        id=1,
        title="Integrated care: 50% of costs & the $ budget #1 — Ünïcode_ok",
        abstract='An abstract; with "quotes", commas and a % sign.',
        authors=["Leutz, Walter N.", "van der Berg, Anna", "O'Brien, Séan"],
        year=1999,
        doi="10.1111/1468-0009.00136",
        journal="Milbank Q",
        keywords=["integration", "care"],
        url="https://doi.org/10.1111/1468-0009.00136",
        source_key="leutz1999",
    ),
    Record(id=2, title="A record with no DOI or abstract", authors=["Smith, J"], year=2020),
]


def _fields(records: list[Record]) -> list[tuple[object, ...]]:
    return [tuple(getattr(r, f) for f in COMPARED) for r in records]


@pytest.mark.parametrize("fmt", list(RECORD_WRITERS))
def test_importing_an_export_gives_the_same_records_back(fmt: str, tmp_path: Path) -> None:
    path = tmp_path / f"export{SUFFIX[fmt]}"
    path.write_bytes(RECORD_WRITERS[fmt](AWKWARD))
    store = Store(":memory:")
    result = import_file(store, path)
    assert result.n_records == 2
    back = get_records(store)
    assert _fields(back) == _fields(AWKWARD)
    assert [r.journal for r in back] == ["Milbank Q", ""]
    assert back[0].keywords == ["integration", "care"]


def test_ris_records_start_at_their_ty_line_with_no_counter() -> None:
    lines = RECORD_WRITERS["ris"](AWKWARD).decode("utf-8").splitlines()
    starts = [i for i, line in enumerate(lines) if line.startswith("TY  - ")]
    assert len(starts) == 2 and starts[0] == 0
    assert all(line == "" or line[2:6] == "  - " for line in lines), "only tagged lines"


@pytest.mark.parametrize("fmt", list(RECORD_WRITERS))
def test_included_records_of_a_review_round_trip(fmt: str, review: Review, tmp_path: Path) -> None:
    out = tmp_path / f"included{SUFFIX[fmt]}"
    _, selection = export_records(review.store, fmt, out)
    assert selection.stage == "full-text"
    assert [r.id for r in selection.records] == [review.records["leutz"], review.records["hostile"]]
    store = Store(":memory:")
    import_file(store, out)
    back = get_records(store)
    if fmt == "csv":  # spreadsheet-safe: hostile cells come back with their leading quote
        assert back[1].title == "'" + HOSTILE[0]
        back[1].title, back[1].abstract = HOSTILE[0], HOSTILE[1]
        back[1].authors = [HOSTILE[3]]
    assert _fields(back) == _fields(selection.records)


def test_select_records_by_decision_and_stage(review: Review) -> None:
    ids = review.records
    assert [r.id for r in select_records(review.store, "exclude").records] == [
        ids["glasby"],
        ids["lost"],
    ]
    ta = select_records(review.store, "include", "title-abstract")
    assert [r.id for r in ta.records] == [ids["leutz"], ids["glasby"], ids["lost"], ids["hostile"]]
    assert select_records(review.store, "maybe").records == []
    everything = select_records(review.store, "all").records
    assert len(everything) == 6  # the duplicate is left out


def test_records_csv_is_formula_safe(review: Review) -> None:
    data, _ = export_records(review.store, "csv")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    hostile = rows[1]
    assert hostile["title"] == "'" + HOSTILE[0]
    assert hostile["abstract"] == "'" + HOSTILE[1]
    assert hostile["authors"] == "'" + HOSTILE[3]


def test_latex_escapes_what_bibtex_would_misread() -> None:
    assert latex("50% & {x} $1 #2 a_b ~ ^ \\") == (
        r"50\% \& \{x\} \$1 \#2 a\_b \textasciitilde{} \textasciicircum{} \textbackslash{}"
    )


def test_cli_exports_records(review: Review, tmp_path: Path) -> None:
    out = tmp_path / "excluded.bib"
    result = CliRunner().invoke(
        cli,
        [
            "export",
            "records",
            "--project",
            str(review.folder),
            "--decision",
            "exclude",
            "--stage",
            "title-abstract",
            "-o",
            str(out),
        ],
        catch_exceptions=False,
    )
    assert result.exit_code == 0
    assert result.stdout == f"wrote 2 records (exclude, title-abstract) to {out}\n"
    assert out.read_text().count("@article{") == 2
    result = CliRunner().invoke(
        cli, ["export", "records", "--project", str(review.folder)], catch_exceptions=False
    )
    assert result.stdout.count("TY  - JOUR") == 2


def test_with_decisions_carries_asreview_label_included(review: Review, tmp_path: Path) -> None:
    out = tmp_path / "screened.csv"
    export_records(review.store, "csv", out, decision="all", with_decisions=True)
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert list(rows[0])[-1] == "label_included"
    for row in rows:
        ft, ta = row["full-text decision"], row["title-abstract decision"]
        latest = ft or ta
        want = {"include": "1", "maybe": "1", "exclude": "0"}.get(latest, "")
        assert row["label_included"] == want, row["title"]
    assert {r["label_included"] for r in rows} >= {"0", "1"}
    # ASReview reads it back as labels (here: prior knowledge for the model).
    store = Store(":memory:")
    import_file(store, out, labels_as_prior=True)
    priors = [r.label_prior for r in get_records(store)]
    assert priors == [int(r["label_included"]) if r["label_included"] else None for r in rows]


@pytest.mark.parametrize("fmt", ["ris", "bibtex"])
def test_with_decisions_in_ris_and_bibtex_are_notes_a_reference_manager_reads(
    fmt: str, review: Review, tmp_path: Path
) -> None:
    out = tmp_path / f"screened.{fmt}"
    data, selection = export_records(review.store, fmt, out, decision="all", with_decisions=True)
    text = data.decode("utf-8")
    if fmt == "ris":
        import rispy

        entries = rispy.loads(text)
        notes = [" ".join(e.get("notes", [])) for e in entries]
    else:
        import bibtexparser

        entries = bibtexparser.parse_string(text).entries
        notes = [
            e.fields_dict["note"].value.replace("\\_", "_") if "note" in e.fields_dict else ""
            for e in entries
        ]  # BibTeX escapes the underscore
    assert len(entries) == len(selection.records)
    screened = [n for n in notes if "reviewkit title-abstract:" in n]
    assert screened and any("label_included: 1" in n for n in screened)
    assert any("reviewers:" in n and "=" in n for n in screened)
    # the records themselves come back unchanged
    store = Store(":memory:")
    import_file(store, out)
    assert _fields(get_records(store)) == _fields(selection.records)
