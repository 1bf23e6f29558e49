"""Every reader behind one guard; encodings other tools write; MEDLINE records that do not
open with their PMID."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from reviewkit.errors import InputFileError
from reviewkit.screen import readers
from reviewkit.screen.importing import import_file
from reviewkit.screen.readers import read_records
from reviewkit.store import Store

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "records"
RIS = (FIXTURES / "zotero.ris").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        ("utf-16", RIS),  # with a BOM
        ("utf-16-le", RIS),  # without one
        ("utf-8-sig", RIS),
        ("cp1252", RIS.replace("care", "café")),
    ],
)
def test_encodings_other_tools_write_are_read(tmp_path: Path, encoding: str, text: str) -> None:
    path = tmp_path / "export.ris"
    path.write_bytes(text.encode(encoding))
    utf8 = tmp_path / "utf8.ris"
    utf8.write_text(text, encoding="utf-8")
    _, records = read_records(path)
    assert [r.title for r in records] == [r.title for r in read_records(utf8)[1]]
    assert len(records) == 2 and all(r.title for r in records)


def _digest(db: Path) -> str:
    with sqlite3.connect(db) as conn:
        return hashlib.sha256("\n".join(conn.iterdump()).encode()).hexdigest()


def test_a_parser_crash_is_one_line_and_stores_nothing(tmp_path: Path, monkeypatch) -> None:
    def broken(path: Path) -> list:
        raise TypeError("sequence item 0: expected str instance, list found")

    readers._load_all()
    monkeypatch.setitem(readers.READERS, ".ris", readers.Reader("ris", broken))
    db = tmp_path / "reviewkit.db"
    Store(db).close()
    before = _digest(db)
    with Store(db) as store, pytest.raises(InputFileError) as caught:
        import_file(store, FIXTURES / "zotero.ris")
    message = str(caught.value)
    assert "\n" not in message and "zotero.ris" in message and "nothing was imported" in message
    assert _digest(db) == before


def test_medline_records_opening_with_a_pmc_line(tmp_path: Path) -> None:
    text = (FIXTURES / "pubmed.nbib").read_text(encoding="utf-8")
    blocks = [b.strip() for b in text.split("\n\n") if b.strip()]
    opened = "\n\n".join(f"PMC - PMC{i}\n{b}" for i, b in enumerate(blocks)) + "\n"
    expected = [r.title for r in read_records(FIXTURES / "pubmed.nbib")[1]]
    for name in ("export.txt", "export.nbib"):
        path = tmp_path / name
        path.write_text(opened, encoding="utf-8")
        _, records = read_records(path)  # .txt is sniffed, .nbib read directly
        assert [r.title for r in records] == expected


def test_a_partly_readable_bibtex_file_imports_its_good_entries(tmp_path: Path) -> None:
    path = tmp_path / "two.bib"
    path.write_text(
        "@article{bad, title = {Braces never closed, year = {2014},\n\n"
        "@article{good, title = {Joint commissioning in practice}, year = {2020}}\n",
        encoding="utf-8",
    )
    store = Store(tmp_path / "reviewkit.db")
    result = import_file(store, path)
    assert result.n_records == 1
    assert result.warnings[0] == (
        f"{path}: 1 BibTeX entry could not be read (syntax error at line 1) and was skipped; "
        "fix it (unbalanced braces?) and import the file again with --again"
    )
