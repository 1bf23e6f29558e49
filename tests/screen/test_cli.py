"""The screening commands: import, duplicates, status, simulate."""

from __future__ import annotations

import json
import os
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from reviewkit.cli import cli
from reviewkit.store import DB_NAME, Store, init_project
from reviewkit.store.decisions import record_decision
from reviewkit.store.records import record_ids
from tests.conftest import SCREENING, contract

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "records"


@pytest.fixture
def review(tmp_path: Path) -> Path:
    return init_project(tmp_path / "review")


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_import_reports_duplicates(review: Path) -> None:
    result = invoke(
        "import",
        str(FIXTURES / "zotero.ris"),
        str(FIXTURES / "pubmed.nbib"),
        "--project",
        str(review),
    )
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        f"{FIXTURES / 'zotero.ris'}: 2 records, 2 new, 0 duplicates",
        f"{FIXTURES / 'pubmed.nbib'}: 2 records, 1 new, 1 duplicates",
    ]


def test_import_says_labels_were_not_stored(review: Path) -> None:
    result = invoke("import", str(FIXTURES / "asreview.csv"), "--project", str(review))
    assert "3 labels in the file were not stored; use --labels-as prior" in result.output
    result = invoke(
        "import", str(FIXTURES / "asreview.csv"), "--labels-as", "prior", "--project", str(review)
    )
    assert "not stored" not in result.output


def test_duplicates_list_and_restore(review: Path) -> None:
    invoke(
        "import",
        str(FIXTURES / "zotero.ris"),
        str(FIXTURES / "zotero.bib"),
        "--project",
        str(review),
    )
    listed = invoke("duplicates", "--json", "--project", str(review))
    links = json.loads(listed.output)
    assert len(links) == 1 and links[0]["reason"] == "doi"
    restored = invoke(
        "duplicates", "--restore", str(links[0]["record_id"]), "--project", str(review)
    )
    assert restored.output.startswith(f"record {links[0]['record_id']} restored")
    assert invoke("duplicates", "--project", str(review)).output.strip() == "0 duplicates"


def test_status_json_follows_the_contract(review: Path) -> None:
    invoke("import", *[str(p) for p in sorted(FIXTURES.iterdir())], "--project", str(review))
    with Store(review / DB_NAME) as store:
        ids = record_ids(store)
        record_decision(store, ids[0], "title-abstract", "ann", "include")
        record_decision(store, ids[0], "title-abstract", "bob", "exclude")
        record_decision(store, ids[1], "title-abstract", "ann", "exclude")
        record_decision(store, ids[1], "title-abstract", "bob", "exclude")
    result = invoke("status", "--json", "--project", str(review))
    report = json.loads(result.output)
    schema = contract("status")
    jsonschema.validate(report, schema)
    assert (report["records"], report["duplicates"], report["documents"]) == (8, 11, 0)
    ta = report["stages"]["title-abstract"]
    assert (ta["screened"], ta["exclude"], ta["conflicts"]) == (2, 1, 1)
    assert ta["stop"]["safe_to_stop"] is False
    assert report["stages"]["full-text"]["stop"] is None
    assert report["reviewers"] == {"ann": {"decisions": 2}, "bob": {"decisions": 2}}
    text = invoke("status", "--project", str(review)).output
    assert "title-abstract: screened 2" in text and "stopping rule: keep screening" in text
    assert "irrelevant in a row (advice only" in text


def test_status_finds_the_review_upwards(review: Path) -> None:
    cwd = os.getcwd()
    try:
        os.chdir(review)
        assert invoke("status").output.startswith("records: 0")
    finally:
        os.chdir(cwd)


def test_simulate_json(tmp_path: Path) -> None:
    # A 300-record sample keeps the test quick.
    source = (SCREENING / "kitchenham_2010_400.csv").read_text(encoding="utf-8")
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(source)))
    sample = [r for r in rows if r["label_included"] == "1"][:12] + [
        r for r in rows if r["label_included"] == "0"
    ][:288]
    path = tmp_path / "sample.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(sample)
    result = invoke("simulate", str(path), "--seed", "1", "--json")
    out = json.loads(result.output)
    schema = contract("simulation")
    jsonschema.validate(out, schema)
    assert sorted(out["order"]) == sorted(int(r["record_id"]) for r in sample)
    assert out["n_records"] == 300 and out["n_included"] == 12
    text = invoke("simulate", str(path), "--seed", "1", "--model", "elas-u4").output
    assert "WSS@95" in text and "stopping rule" in text
