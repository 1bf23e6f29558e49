"""Documents and records: unmatched files named, listed, linked, or made into records."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from reviewkit.cli import cli
from reviewkit.cli.app import main
from reviewkit.export.audit import audit_rows
from reviewkit.store import open_project
from reviewkit.store.decisions import record_decision

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
PDF = FIXTURES / "corpus" / "003_greater_than_sum_2col.pdf"
CSV = "title,abstract,year\nA record about something else entirely,No abstract here.,2001\n"


def _review(tmp_path: Path) -> tuple[CliRunner, Path]:
    runner = CliRunner()
    review = tmp_path / "review"
    runner.invoke(cli, ["init", str(review)], catch_exceptions=False)
    records = tmp_path / "records.csv"
    records.write_text(CSV, encoding="utf-8")
    runner.invoke(cli, ["import", str(records), "--project", str(review)], catch_exceptions=False)
    return runner, review


def _run(runner: CliRunner, review: Path, *args: str) -> str:
    result = runner.invoke(cli, [*args, "--project", str(review)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_an_unmatched_document_is_named_listed_and_made_a_record(tmp_path: Path) -> None:
    runner, review = _review(tmp_path)
    out = _run(runner, review, "ingest", str(PDF), "--no-embed", "--no-extract")
    assert f"not matched to any record: {PDF.name}" in out
    listed = json.loads(_run(runner, review, "documents", "--unmatched", "--json"))
    assert [d["path"] for d in listed] == [str(PDF)]

    out = _run(runner, review, "link", PDF.name, "--new-record")
    assert "linked to record 2 (made from its metadata)" in out
    assert json.loads(_run(runner, review, "documents", "--unmatched", "--json")) == []
    store, _ = open_project(review)
    with store:
        title = store.db.execute("select title from records where id = 2").fetchone()[0]
    assert title.startswith("Greater than the sum of our parts?")

    # Made again, it is found by de-duplication instead of being added twice.
    _run(runner, review, "link", PDF.name, "--unlink")
    out = _run(runner, review, "link", PDF.name, "--new-record")
    assert "linked to record 2 (found: the review already had it)" in out


def test_a_document_is_linked_to_a_named_record(tmp_path: Path) -> None:
    runner, review = _review(tmp_path)
    _run(runner, review, "ingest", str(PDF), "--no-embed", "--no-extract")
    sha = json.loads(_run(runner, review, "documents", "--json"))[0]["sha256"]
    assert "linked to record 1" in _run(runner, review, "link", sha[:8], "1")
    assert json.loads(_run(runner, review, "documents", "--json"))[0]["record_id"] == 1


def _main(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    """`reviewkit ARGS` as the console script runs it: exit code and stderr."""
    try:
        main(list(args))
        code = 0
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    return code, capsys.readouterr().err.strip()


def test_a_wrong_document_or_record_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    runner, review = _review(tmp_path)
    _run(runner, review, "ingest", str(PDF), "--no-embed", "--no-extract")
    code, err = _main(capsys, "link", "nothing.pdf", "1", "--project", str(review))
    assert code != 0
    assert err == (
        "error: no document 'nothing.pdf' in this review; list them with `reviewkit documents`"
    )
    code, err = _main(capsys, "link", PDF.name, "99", "--project", str(review))
    assert code != 0
    assert err.startswith("error: no record '99' in this review")
    assert "\n" not in err


def test_a_third_reviewer_settles_a_conflict_with_a_reason(tmp_path: Path) -> None:
    runner, review = _review(tmp_path)
    store, _ = open_project(review)
    with store:
        record_decision(store, 1, "title-abstract", "ann", "include")
        record_decision(store, 1, "title-abstract", "bo", "exclude", reason="wrong population")
    out = _run(
        runner, review, "resolve", "1", "include", "--reviewer", "cy",
        "--reason", "population fits on a second reading",
    )  # fmt: skip
    assert out.strip() == (
        "record 1: include at title-abstract, settled by cy (population fits on a second reading)"
    )
    store, _ = open_project(review)
    with store:
        rows = [r for r in audit_rows(store) if r.reviewer == "cy"]
    assert [(r.label, r.reason) for r in rows] == [
        ("include", "population fits on a second reading")
    ]
