"""`reviewkit demo` runs the whole pipeline and writes every output a reader looks at."""

from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from reviewkit.cli import cli
from reviewkit.demo import corpus_dir

OUTPUTS = (
    "evidence.csv",
    "evidence.xlsx",
    "evidence.md",
    "evidence.html",
    "prisma.svg",
    "quagmire.html",
    "quagmire.png",
)


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("demo") / "reviewkit-demo"
    result = CliRunner().invoke(cli, ["demo", "--out", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return out, result.output


@pytest.mark.slow
def test_demo_writes_every_output_and_says_where(demo_run: tuple[Path, str]) -> None:
    out, output = demo_run
    for name in OUTPUTS:
        assert (out / name).stat().st_size > 0
        assert str(out / name) in output
    assert (out / "quagmire.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert ET.parse(out / "prisma.svg").getroot().tag.endswith("svg")


@pytest.mark.slow
def test_demo_numbers_match_the_corpus_answers(demo_run: tuple[Path, str]) -> None:
    out, output = demo_run
    expected = json.loads((corpus_dir() / "expected.json").read_text())["records"]
    status = CliRunner().invoke(
        cli, ["status", "--json", "--project", str(out)], catch_exceptions=False
    )
    data = json.loads(status.output)
    assert data["records"] == expected["unique_records"]
    assert data["duplicates"] == expected["duplicates_total"]
    assert data["documents"] == 10
    assert data["stages"]["title-abstract"]["kappa"] is not None
    assert f"34 of {expected['relevant_unique']} relevant found" in output

    with (out / "evidence.csv").open(newline="", encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 8  # ten papers; the protocol and the editorial excluded at full text
    designs = " ".join(r["study_design"] for r in rows)
    for label in ("rct", "cohort", "qualitative", "case-study", "systematic-review"):
        assert label in designs
    sheet = load_workbook(out / "evidence.xlsx").worksheets[1]
    assert sheet.max_row > 8  # every quote on the second sheet


@pytest.mark.slow
def test_demo_refuses_to_overwrite_a_folder_it_did_not_make(tmp_path: Path) -> None:
    (tmp_path / "precious.txt").write_text("keep me")
    result = CliRunner().invoke(cli, ["demo", "--out", str(tmp_path)])
    assert result.exit_code != 0
    assert (tmp_path / "precious.txt").read_text() == "keep me"
