"""Every hostile file gets the outcome ../shared/corpus/README.md lists, in one batch.

The batch runs on the committed files (tests/fixtures/corpus/hostile) and,
when ../shared is beside the checkout, on all of ../shared/corpus/hostile.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from reviewkit.cli import cli, main
from reviewkit.store import DB_NAME, Store, init_project
from reviewkit.store.documents import current_documents
from tests.conftest import CORPUS, SHARED, corpus_path

# file -> (status, words the one-line message must contain)
EXPECTED = {
    "zero_bytes.pdf": ("failed", ["empty file"]),
    "text_file_renamed.pdf": ("warning", ["not a PDF"]),
    "truncated_60pct_003.pdf": ("failed", ["truncated or corrupt PDF"]),
    "broken_xref_offsets_001.pdf": ("warning", ["recovered"]),
    "broken_startxref_001.pdf": ("warning", ["recovered"]),
    "encrypted_userpw_aes256_003.pdf": ("failed", ["encrypted", "--password"]),
    "encrypted_userpw_rc4_001.pdf": ("failed", ["encrypted", "--password"]),
    "encrypted_ownerpw_only_001.pdf": ("warning", ["owner"]),
    "scan_image_only_003.pdf": ("warning", ["no text layer: needs OCR"]),
    "blank_2000_pages.pdf": ("warning", ["no text"]),
}


@pytest.fixture()
def review(tmp_path: Path) -> Path:
    return init_project(tmp_path / "review")


@pytest.fixture(params=["committed", "shared"])
def hostile(request: pytest.FixtureRequest) -> Path:
    """A folder of hostile files: the committed ones, or all of ../shared's."""
    if request.param == "committed":
        return CORPUS / "hostile"
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside the checkout (the whole hostile set lives there)")
    return SHARED / "corpus" / "hostile"


def _lines(output: str, name: str) -> list[str]:
    return [line for line in output.splitlines() if name in line]


def test_hostile_batch_reports_each_file_on_one_line_and_ingests_the_rest(
    hostile: Path, review: Path
) -> None:
    present = {p.name for p in hostile.iterdir()}
    expected = {name: outcome for name, outcome in EXPECTED.items() if name in present}
    assert len(expected) >= 4
    result = CliRunner().invoke(
        cli,
        ["ingest", str(hostile), "--project", str(review), "--no-extract", "--no-embed"],
        catch_exceptions=False,
    )

    assert result.exit_code == 1
    output = result.output
    for name, (status, words) in expected.items():
        lines = _lines(output, name)
        assert lines, f"nothing said about {name}"
        line = next((ln for ln in lines if all(w in ln for w in words)), None)
        assert line is not None, f"{name}: expected {words} in {lines}"
        assert line.startswith("failed:" if status == "failed" else "warning:")
    failed = {n for n, (status, _) in expected.items() if status == "failed"}
    assert f"ingested {len(present - failed)}, unchanged 0, failed {len(failed)}" in output

    with Store(review / DB_NAME) as store:
        stored = {Path(r.path).name for r in current_documents(store)}
    assert stored == present - failed


@pytest.mark.parametrize(
    "name", ["encrypted_userpw_aes256_003.pdf", "encrypted_userpw_rc4_001.pdf"]
)
def test_encrypted_file_opens_with_password(name: str, review: Path) -> None:
    files = [str(corpus_path(f"hostile/{name}"))]
    result = CliRunner().invoke(
        cli,
        [
            "ingest",
            *files,
            "--password",
            "user-pw-123",
            "--project",
            str(review),
            "--no-extract",
            "--no-embed",
        ],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    assert "ingested 1, unchanged 0, failed 0" in result.output


def test_text_page_of_an_encrypted_file_needs_the_password(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    pdf = corpus_path("hostile/encrypted_userpw_aes256_003.pdf")
    monkeypatch.chdir(tmp_path)  # no review folder above: `text` parses the file itself

    with pytest.raises(SystemExit) as exit_info:
        main(["text", str(pdf), "--page", "1"])
    assert exit_info.value.code == 1
    assert capsys.readouterr().err.strip() == f"error: {pdf}: encrypted; pass --password"
    result = CliRunner().invoke(
        cli,
        ["text", str(pdf), "--page", "1", "--password", "user-pw-123"],
        catch_exceptions=False,
    )
    assert result.exit_code == 0 and "integration" in result.output.lower()
