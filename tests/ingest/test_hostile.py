"""Every hostile file gets the outcome ../shared/corpus/README.md lists, in one batch."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from reviewkit.cli import cli, main
from reviewkit.store import DB_NAME, Store, init_project
from reviewkit.store.documents import current_documents

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


def _lines(output: str, name: str) -> list[str]:
    return [line for line in output.splitlines() if name in line]


def test_hostile_batch_reports_each_file_on_one_line_and_ingests_the_rest(
    shared_dir: Path, review: Path
) -> None:
    hostile = shared_dir / "corpus" / "hostile"
    result = CliRunner().invoke(
        cli,
        ["ingest", str(hostile), "--project", str(review), "--no-extract", "--no-embed"],
        catch_exceptions=False,
    )

    assert result.exit_code == 1
    output = result.output
    for name, (status, words) in EXPECTED.items():
        lines = _lines(output, name)
        assert lines, f"nothing said about {name}"
        line = next((ln for ln in lines if all(w in ln for w in words)), None)
        assert line is not None, f"{name}: expected {words} in {lines}"
        assert line.startswith("failed:" if status == "failed" else "warning:")
    assert "ingested 8, unchanged 0, failed 4" in output

    with Store(review / DB_NAME) as store:
        stored = {Path(str(r["path"])).name for r in current_documents(store)}
    failed = {n for n, (status, _) in EXPECTED.items() if status == "failed"}
    assert stored == {p.name for p in hostile.iterdir()} - failed


def test_encrypted_files_open_with_password(shared_dir: Path, review: Path) -> None:
    hostile = shared_dir / "corpus" / "hostile"
    files = [
        str(hostile / "encrypted_userpw_aes256_003.pdf"),
        str(hostile / "encrypted_userpw_rc4_001.pdf"),
    ]
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
    assert "ingested 2, unchanged 0, failed 0" in result.output


def test_text_page_of_an_encrypted_file_needs_the_password(
    shared_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    pdf = shared_dir / "corpus" / "hostile" / "encrypted_userpw_rc4_001.pdf"
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
