"""read_pdf on each file of corpus/hostile (committed, else ../shared): typed errors or flags."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from reviewkit.errors import (
    CorruptPdfError,
    EmptyFileError,
    EncryptedPdfError,
    InputFileError,
    NotAPdfError,
)
from reviewkit.ingest.pdf import read_pdf
from tests.conftest import corpus_path

HAS_CRYPTOGRAPHY = importlib.util.find_spec("cryptography") is not None


def hostile(name: str) -> Path:
    """corpus/hostile/`name`: the committed copy, else ../shared's (skips without either)."""
    return corpus_path(f"hostile/{name}")


@pytest.mark.parametrize(
    ("name", "error", "problem", "advice"),
    [
        ("zero_bytes.pdf", EmptyFileError, "empty file", ""),
        ("text_file_renamed.pdf", NotAPdfError, "not a PDF", "rename it to .txt"),
        ("truncated_60pct_003.pdf", CorruptPdfError, "truncated or corrupt PDF", "again"),
        ("encrypted_userpw_rc4_001.pdf", EncryptedPdfError, "encrypted", "pass --password"),
        ("encrypted_userpw_aes256_003.pdf", EncryptedPdfError, "encrypted", "pass --password"),
    ],
)
def test_unreadable_files_raise_typed_one_line_errors(
    name: str, error: type[InputFileError], problem: str, advice: str
) -> None:
    with pytest.raises(error) as info:
        read_pdf(hostile(name))
    message = str(info.value)
    assert "\n" not in message
    assert name in message
    assert info.value.problem.startswith(problem)
    assert advice in info.value.advice


def test_wrong_password_says_so() -> None:
    with pytest.raises(EncryptedPdfError, match="wrong password"):
        read_pdf(hostile("encrypted_userpw_rc4_001.pdf"), password="nope")


def test_rc4_with_password_reads() -> None:
    doc = read_pdf(hostile("encrypted_userpw_rc4_001.pdf"), password="user-pw-123")
    assert len(doc.pages) == 7
    assert "terminological quagmire" in doc.page(1).text
    assert doc.flags == []


@pytest.mark.skipif(not HAS_CRYPTOGRAPHY, reason="AES needs the cryptography package")
def test_aes_with_password_reads() -> None:
    doc = read_pdf(hostile("encrypted_userpw_aes256_003.pdf"), password="user-pw-123")
    assert len(doc.pages) == 5
    assert doc.title and doc.title.startswith("Greater than the sum of our parts?")


@pytest.mark.parametrize("name", ["broken_xref_offsets_001.pdf", "broken_startxref_001.pdf"])
def test_broken_xref_is_recovered_with_a_warning(name: str) -> None:
    doc = read_pdf(hostile(name))
    assert "recovered" in doc.flags
    assert any("recovered" in w for w in doc.warnings)
    assert len(doc.pages) == 7
    assert "terminological quagmire" in doc.page(1).text


@pytest.mark.skipif(not HAS_CRYPTOGRAPHY, reason="AES needs the cryptography package")
def test_owner_password_only_is_read_and_flagged() -> None:
    doc = read_pdf(hostile("encrypted_ownerpw_only_001.pdf"))
    assert doc.flags == ["owner-restricted"]
    assert "owner forbids copying/extraction" in doc.warnings[0]
    assert "private review use" in doc.warnings[0]
    assert "terminological quagmire" in doc.page(1).text


def test_scanned_pages_need_ocr() -> None:
    doc = read_pdf(hostile("scan_image_only_003.pdf"))
    assert len(doc.pages) == 5
    assert all(p.text == "" for p in doc.pages)
    assert "needs-ocr" in doc.flags
    assert "no text layer: needs OCR" in doc.warnings


def test_blank_pages_have_no_text() -> None:
    doc = read_pdf(hostile("blank_2000_pages.pdf"))
    assert len(doc.pages) == 2000
    assert doc.flags == ["no-text"]
    assert doc.full_text.strip("\f") == ""


def test_more_pages_than_max_pages_are_cut() -> None:
    doc = read_pdf(hostile("blank_2000_pages.pdf"), max_pages=50)
    assert len(doc.pages) == 50
    assert "truncated-pages" in doc.flags
    assert any("50 of 2000" in w for w in doc.warnings)


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match="cannot read file"):
        read_pdf(tmp_path / "absent.pdf")


def test_binary_garbage_is_not_a_pdf(tmp_path: Path) -> None:
    path = tmp_path / "garbage.pdf"
    path.write_bytes(b"\x00\xff" * 100)
    with pytest.raises(NotAPdfError) as info:
        read_pdf(path)
    assert "really is a PDF" in info.value.advice


def test_sha256_is_of_the_file_bytes() -> None:
    import hashlib

    path = hostile("misleading_title_003.pdf")
    doc = read_pdf(path)
    assert doc.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert doc.kind == "pdf"
    assert doc.path == str(path)
