"""Every reader, parametrised over real-world export dialects in tests/fixtures/records."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewkit.errors import EmptyFileError, InputFileError, UnsupportedFileError
from reviewkit.screen.readers import read_records, supported_suffixes

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "records"

# file, format, records, first title starts, year, doi, first author, source key
CASES = [
    (
        "zotero.ris",
        "ris",
        2,
        "Integrating health and social care",
        2014,
        "10.1111/hsc.12057",
        "Cameron, Ailsa",
        "",
    ),
    (
        "endnote.ris",
        "ris",
        2,
        "Integrating health and social care",
        2014,
        "10.1111/hsc.12057",
        "Cameron, A.",
        "1187",
    ),
    (
        "scopus.ris",
        "ris",
        2,
        "Joint commissioning of mental health",
        2020,
        "10.5334/ijic.5432",
        "Nordström E.",
        "",
    ),
    (
        "wos.ris",
        "ris",
        2,
        "Care coordination in the community",
        2018,
        "",
        "Baxter, S",
        "WOS:000454103700001",
    ),
    (
        "wos.ciw",
        "wos",
        2,
        "Understanding integrated care",
        2016,
        "10.5334/ijic.2530",
        "Goodwin, Nick",
        "WOS:000391234500006",
    ),
    (
        "pubmed.nbib",
        "medline",
        2,
        "Integrating health and social care",
        2014,
        "10.1111/hsc.12057",
        "Cameron, Ailsa",
        "23834472",
    ),
    (
        "zotero.bib",
        "bibtex",
        2,
        "Integrating health and social care",
        2014,
        "10.1111/hsc.12057",
        "Cameron, Ailsa",
        "cameron_integrating_2014",
    ),
    (
        "asreview.csv",
        "csv",
        3,
        "Integrating health and social care",
        2014,
        "10.1111/hsc.12057",
        "Cameron, A",
        "1",
    ),
    (
        "scopus.tsv",
        "tsv",
        2,
        "Community-based integrated care",
        2021,
        "",
        "Tanaka H.",
        "2-s2.0-85110000001",
    ),
]


@pytest.mark.parametrize(("name", "fmt", "n", "title", "year", "doi", "author", "key"), CASES)
def test_reader_reads_first_record(
    name: str, fmt: str, n: int, title: str, year: int, doi: str, author: str, key: str
) -> None:
    got_fmt, records = read_records(FIXTURES / name)
    assert got_fmt == fmt
    assert len(records) == n
    first = records[0]
    assert first.title.startswith(title)
    assert first.year == year
    assert first.doi == doi
    assert first.authors[0] == author
    assert first.source_key == key
    assert "  " not in first.title and "\n" not in first.title


@pytest.mark.parametrize("name", [c[0] for c in CASES])
def test_every_record_has_a_title(name: str) -> None:
    _, records = read_records(FIXTURES / name)
    assert all(r.title for r in records)


def test_multiline_values_are_joined() -> None:
    _, records = read_records(FIXTURES / "pubmed.nbib")
    assert records[0].title.endswith("partnership working.")
    assert "support or hinder joint working" in records[0].abstract
    assert records[0].journal == "Health & social care in the community"
    assert "Delivery of Health Care, Integrated" in records[0].keywords


def test_latex_accents_are_decoded_in_bibtex() -> None:
    _, records = read_records(FIXTURES / "zotero.bib")
    assert records[1].authors[0] == "Müller, Jürgen"
    assert records[1].title == "Joint Commissioning of Mental Health Services in Sweden and Germany"
    assert records[0].journal == "Health & Social Care in the Community"


def test_endnote_bom_and_crlf() -> None:
    _, records = read_records(FIXTURES / "endnote.ris")
    assert records[1].authors == ["Müller, Jürgen", "Nordström, Eva"]
    assert records[0].abstract.startswith("Integrated working")


def test_csv_labels_are_read_but_only_kept_on_request() -> None:
    _, records = read_records(FIXTURES / "asreview.csv")
    assert [r.label_prior for r in records] == [1, 0, 0]
    assert records[1].doi == "10.1186/s12877-019-1170-0"


def test_suffixes_are_registered() -> None:
    assert {".ris", ".bib", ".csv", ".tsv", ".nbib", ".ciw"} <= set(supported_suffixes())


def test_unsupported_and_empty_files(tmp_path: Path) -> None:
    odd = tmp_path / "records.xyz"
    odd.write_text("x")
    with pytest.raises(UnsupportedFileError, match="export as one of"):
        read_records(odd)
    empty = tmp_path / "empty.ris"
    empty.write_text("")
    with pytest.raises(EmptyFileError):
        read_records(empty)
    not_ris = tmp_path / "notes.ris"
    not_ris.write_text("just some notes\n")
    with pytest.raises(InputFileError, match="not a RIS file"):
        read_records(not_ris)


def test_broken_bibtex_entry_is_skipped_and_its_line_named(tmp_path: Path) -> None:
    bib = tmp_path / "broken.bib"
    bib.write_text("@article{a, title={One}, year={2020}}\n@article{b, title={Two\n")
    _, records = read_records(bib)
    assert [r.title for r in records] == ["One"]
    assert "syntax error at line 2" in getattr(records, "problems", [""])[0]


def test_txt_exports_are_sniffed(tmp_path: Path) -> None:
    for name, fmt in (("pubmed.nbib", "medline"), ("wos.ciw", "wos"), ("zotero.ris", "ris")):
        copy = tmp_path / (name.split(".")[0] + ".txt")
        copy.write_bytes((FIXTURES / name).read_bytes())
        _, records = read_records(copy)
        assert len(records) == 2, fmt
    odd = tmp_path / "notes.txt"
    odd.write_text("hello\n")
    with pytest.raises(UnsupportedFileError):
        read_records(odd)
