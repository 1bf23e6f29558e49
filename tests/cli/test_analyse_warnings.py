"""`analyse` says what `ingest` says of a file: the same warnings, on stderr."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from reviewkit.cli import cli

HOSTILE = Path(__file__).resolve().parents[1] / "fixtures" / "corpus" / "hostile"


def test_analyse_prints_the_warnings_ingest_prints(tmp_path: Path) -> None:
    runner = CliRunner()
    pdf = HOSTILE / "text_file_renamed.pdf"
    review = tmp_path / "review"
    runner.invoke(cli, ["init", str(review)], catch_exceptions=False)
    ingested = runner.invoke(
        cli, ["ingest", str(pdf), "--no-embed", "--project", str(review)], catch_exceptions=False
    )
    warned = [line for line in ingested.stderr.splitlines() if line.startswith("warning:")]
    assert warned == [f"warning: {pdf}: not a PDF, read as plain text"]
    analysed = runner.invoke(cli, ["analyse", "--json", str(pdf)], catch_exceptions=False)
    assert analysed.exit_code == 0
    assert analysed.stderr.splitlines() == warned
    assert json.loads(analysed.stdout)["schema"] == "reviewkit.analysis/1"
